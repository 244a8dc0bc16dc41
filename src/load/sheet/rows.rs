//! Rows → records: each cell converted by the type of its key, a `ma` derived from the
//! row's own content where none is given, then every record handed to `load_record`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use serde_norway::{Mapping, Value};

use super::labels::{self, Kind, Ty, code_of, fold, slug};
use super::read::Raw;
use super::{Pending, Table};
use crate::diagnostics::{Code, Diagnostic, Location, suggest};
use crate::load::{Dataset, Origin, load_record};
use crate::model::parse_date;
use crate::source::{SheetRow, SourceFile};

/// What converting a cell needs from the YAML records.
struct Context {
    /// The year of the dataset's single round, for `Danh hiệu`.
    year: Result<i32, usize>,
    /// Folded `ten` → `ma` of every body.
    bodies: HashMap<String, String>,
}

/// One row made into a record, before its `ma` is settled.
struct Candidate {
    file: usize,
    kind: Kind,
    map: Mapping,
    row: SheetRow,
    display: PathBuf,
}

impl Candidate {
    fn text(&self, key: &str) -> String {
        match self.map.get(key) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        }
    }

    fn place(&self) -> String {
        Location::cell(self.display.clone(), self.row.name.0.clone(), None).place()
    }
}

/// Turns every pending sheet row into a record of `ds`, after the YAML records are in.
pub fn finish(ds: &mut Dataset, pending: Pending, diags: &mut Vec<Diagnostic>) {
    let ctx = Context {
        year: match ds.rounds.as_slice() {
            [one] => Ok(one.record.year),
            many => Err(many.len()),
        },
        bodies: ds
            .bodies
            .iter()
            .map(|b| (fold(&b.record.name), b.record.ma.clone()))
            .collect(),
    };
    let mut candidates = Vec::new();
    for (file, book) in pending.files.iter().enumerate() {
        for table in &book.tables {
            for row in &table.rows {
                match record(table, row, &book.display, &ctx) {
                    Ok((map, sheet_row)) => candidates.push(Candidate {
                        file,
                        kind: table.kind,
                        map,
                        row: sheet_row,
                        display: book.display.clone(),
                    }),
                    Err(mut ds) => diags.append(&mut ds),
                }
            }
        }
    }
    let mut taken: HashSet<(Kind, String)> = HashSet::new();
    taken.extend(
        ds.persons
            .iter()
            .map(|p| (Kind::Person, p.record.ma.clone())),
    );
    taken.extend(
        ds.collectives
            .iter()
            .map(|c| (Kind::Collective, c.record.ma.clone())),
    );
    let candidates = derive_ids(candidates, &taken, diags);
    // Within a file, records load in the order of their `ma`, which depends only on
    // each row's content: moving rows around changes nothing downstream.
    let mut by_file: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    for c in candidates {
        by_file.entry(c.file).or_default().push(c);
    }
    // Every file read counts as read, even one whose rows all failed.
    for file in 0..pending.files.len() {
        let mut list = by_file.remove(&file).unwrap_or_default();
        list.sort_by_key(|c| (c.kind, c.text("ma")));
        let index = ds.files.len();
        let rows = list.iter().map(|c| c.row.clone()).collect();
        ds.files
            .push(SourceFile::sheet(pending.files[file].display.clone(), rows));
        for (doc, c) in list.into_iter().enumerate() {
            let mut map = Mapping::new();
            map.insert("loai".into(), c.kind.loai().into());
            map.extend(c.map);
            let origin = Origin {
                file: index,
                doc,
                path: String::new(),
            };
            load_record(ds, origin, Value::Mapping(map), diags);
        }
    }
}

/// Settles the `ma` of every row without one: from the name, else from the name and the
/// unit; a clash that remains drops the rows concerned with one error naming them.
fn derive_ids(
    mut candidates: Vec<Candidate>,
    taken: &HashSet<(Kind, String)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Candidate> {
    let mut taken = taken.clone();
    taken.extend(
        candidates
            .iter()
            .filter(|c| c.map.contains_key("ma"))
            .map(|c| (c.kind, c.text("ma"))),
    );
    let derived: Vec<usize> = (0..candidates.len())
        .filter(|&i| !candidates[i].map.contains_key("ma"))
        .collect();
    let mut by_name: HashMap<(Kind, String), usize> = HashMap::new();
    for &i in &derived {
        let c = &candidates[i];
        *by_name
            .entry((c.kind, slug(&c.text(c.kind.name_key()))))
            .or_default() += 1;
    }
    let mut ids: HashMap<usize, String> = HashMap::new();
    for &i in &derived {
        let c = &candidates[i];
        let name = slug(&c.text(c.kind.name_key()));
        let unique =
            by_name[&(c.kind, name.clone())] == 1 && !taken.contains(&(c.kind, name.clone()));
        let id = if unique {
            name
        } else {
            slug(&format!(
                "{} {}",
                c.text(c.kind.name_key()),
                c.text(c.kind.unit_key())
            ))
        };
        ids.insert(i, id);
    }
    let mut groups: BTreeMap<(Kind, String), Vec<usize>> = BTreeMap::new();
    for (&i, id) in &ids {
        groups
            .entry((candidates[i].kind, id.clone()))
            .or_default()
            .push(i);
    }
    let mut dropped = HashSet::new();
    for ((kind, id), mut members) in groups {
        let clash_yaml = taken.contains(&(kind, id.clone()));
        if members.len() < 2 && !clash_yaml && !id.is_empty() {
            continue;
        }
        members.sort_by_key(|&i| candidates[i].place());
        let places: Vec<String> = members.iter().map(|&i| candidates[i].place()).collect();
        let first = &candidates[members[0]];
        let message = if members.len() > 1 {
            format!(
                "các dòng {} trùng cả họ tên lẫn đơn vị nên không tự đặt được mã",
                places.join(" và ")
            )
        } else {
            format!("mã tự đặt từ tên «{id}» trùng với mã của một bản ghi khác")
        };
        diags.push(
            Diagnostic::error(message)
                .code(Code::DuplicateId)
                .at(Location::cell(
                    first.display.clone(),
                    first.row.name.0.clone(),
                    first.row.name.1.clone(),
                ))
                .field("ma")
                .hint("thêm cột `Mã` và ghi cho mỗi dòng này một mã riêng (chữ thường không dấu, số và dấu -), ví dụ nguyen-van-an-ap-3"),
        );
        dropped.extend(members);
    }
    for (i, id) in ids {
        if !dropped.contains(&i) {
            candidates[i].map.insert("ma".into(), id.into());
        }
    }
    candidates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, c)| c)
        .collect()
}

/// One row as a record mapping (without `loai`) and the cells it came from; `Err` holds
/// one diagnostic per bad cell.
fn record(
    table: &Table,
    row: &super::Row,
    display: &std::path::Path,
    ctx: &Context,
) -> Result<(Mapping, SheetRow), Vec<Diagnostic>> {
    let mut map = Mapping::new();
    let mut errors = Vec::new();
    let mut cells = Vec::new();
    for (i, (column, raw)) in table.columns.iter().zip(&row.cells).enumerate() {
        let (Some(key), Some(raw)) = (&column.key, raw) else {
            continue;
        };
        let cell = table.cell(i, row.number);
        let shown = raw.shown();
        cells.push((key.clone(), cell.clone(), Some(shown.clone())));
        match value(column.ty, raw, ctx) {
            Ok(v) => set(&mut map, key, v),
            Err((message, hint)) => errors.push(
                Diagnostic::error(message)
                    .code(Code::SheetCell)
                    .at(Location::cell(display, cell, Some(shown)))
                    .field(key.clone())
                    .hint(hint),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let name = (
        table.cell(table.name, row.number),
        row.cells[table.name].as_ref().map(Raw::shown),
    );
    Ok((map, SheetRow { name, cells }))
}

/// Puts `v` at key path `a.b.c`, creating the mappings on the way.
fn set(map: &mut Mapping, path: &str, v: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.into(), v);
        }
        Some((head, rest)) => {
            let entry = map
                .entry(head.into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if let Value::Mapping(inner) = entry {
                set(inner, rest, v);
            }
        }
    }
}

type CellError = (String, String);

fn value(ty: Ty, raw: &Raw, ctx: &Context) -> Result<Value, CellError> {
    let text = || match raw {
        Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
        other => other.shown(),
    };
    let lines = || -> Vec<String> {
        text()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Ok(match ty {
        Ty::Text => Value::String(text()),
        Ty::List => Value::Sequence(lines().into_iter().map(Value::String).collect()),
        Ty::Lines => match lines().as_slice() {
            [one] => Value::String(one.clone()),
            many => Value::Sequence(many.iter().cloned().map(Value::String).collect()),
        },
        Ty::Int => match raw {
            Raw::Number(n) if n.fract() == 0.0 => Value::Number((*n as i64).into()),
            Raw::Text(s) if s.trim().parse::<i64>().is_ok() => {
                Value::Number(s.trim().parse::<i64>().unwrap_or_default().into())
            }
            _ => {
                return Err((
                    format!("«{}» không phải một số nguyên", raw.shown()),
                    "ghi bằng chữ số, ví dụ năm sinh 1985".to_owned(),
                ));
            }
        },
        Ty::Bool => {
            let f = fold(&raw.shown());
            match raw {
                Raw::Bool(b) => Value::Bool(*b),
                _ if labels::YES.contains(&f.as_str()) => Value::Bool(true),
                _ if labels::NO.contains(&f.as_str()) => Value::Bool(false),
                _ => {
                    return Err((
                        format!("«{}» không phải có/không", raw.shown()),
                        "ghi `x` (hoặc `có`) nếu đúng, để trống (hoặc `không`) nếu không"
                            .to_owned(),
                    ));
                }
            }
        }
        Ty::Date => match raw {
            Raw::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            Raw::Text(s) if parse_date(s).is_some() => Value::String(s.trim().to_owned()),
            _ => {
                return Err((
                    format!("«{}» không phải một ngày", raw.shown()),
                    "nhập ngày dạng 15/12/2025 (hoặc 2025-12-15), hoặc định dạng ô là Ngày"
                        .to_owned(),
                ));
            }
        },
        Ty::Steps => pairs(
            &lines(),
            "thoi_gian",
            "cong_viec",
            "thời gian: công việc",
            "Tháng 3/2025: Khảo sát các hộ khó khăn",
        )?,
        Ty::Figures => pairs(
            &lines(),
            "chi_tieu",
            "ket_qua",
            "chỉ tiêu: kết quả",
            "Số hộ thoát nghèo: 12",
        )?,
        Ty::Code(table) => Value::String(coded(table, &text())?.to_owned()),
        Ty::Title => {
            let code = coded(labels::TITLE, &text())?;
            let year = ctx.year.map_err(|n| {
                (
                    "không biết danh hiệu này thuộc năm nào".to_owned(),
                    format!(
                        "cột `Danh hiệu` là danh hiệu của năm xét chọn: dữ liệu cần đúng một bản ghi `loai: dot` (đang có {n})"
                    ),
                )
            })?;
            let mut t = Mapping::new();
            t.insert("nam".into(), Value::Number(year.into()));
            t.insert("ten".into(), code.into());
            Value::Sequence(vec![Value::Mapping(t)])
        }
        Ty::Body => {
            let t = text();
            Value::String(ctx.bodies.get(&fold(&t)).cloned().unwrap_or(t))
        }
    })
}

fn coded(
    table: &'static [(&'static str, &'static str)],
    v: &str,
) -> Result<&'static str, CellError> {
    code_of(table, v).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|(_, l)| *l).collect();
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let near = suggest(&fold(v), &folded)
            .and_then(|s| folded.iter().position(|f| f == s))
            .map(|i| format!("có phải ý bạn là «{}»? Dùng", names[i]))
            .unwrap_or_else(|| "dùng".to_owned());
        (
            format!("«{v}» không phải giá trị của cột này"),
            format!("{near} một trong: {}", names.join("; ")),
        )
    })
}

/// `tien_do` / `so_lieu`: one `a: b` per line.
fn pairs(
    lines: &[String],
    left: &str,
    right: &str,
    form: &str,
    example: &str,
) -> Result<Value, CellError> {
    let mut items = Vec::new();
    for line in lines {
        let Some((a, b)) = line.split_once(':') else {
            return Err((
                format!("dòng «{line}» không có dạng `{form}`"),
                format!("mỗi dòng một mục (xuống dòng trong ô bằng Alt+Enter), ví dụ: {example}"),
            ));
        };
        let mut m = Mapping::new();
        m.insert(left.into(), a.trim().into());
        m.insert(right.into(), b.trim().into());
        items.push(Value::Mapping(m));
    }
    Ok(Value::Sequence(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context {
            year: Ok(2025),
            bodies: HashMap::new(),
        }
    }

    #[test]
    fn numbers_dates_and_lists() {
        let c = ctx();
        assert_eq!(
            value(Ty::Text, &Raw::Number(1985.0), &c).unwrap(),
            Value::from("1985")
        );
        let d = chrono::NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
        assert_eq!(
            value(Ty::Date, &Raw::Date(d), &c).unwrap(),
            Value::from("2025-03-02")
        );
        assert!(value(Ty::Date, &Raw::Text("32/1/2025".into()), &c).is_err());
        let list = value(Ty::List, &Raw::Text("a\n\n b ".into()), &c).unwrap();
        assert_eq!(list, Value::Sequence(vec!["a".into(), "b".into()]));
        let steps = value(
            Ty::Steps,
            &Raw::Text("Quý 1: Khảo sát\nQuý 2: Làm".into()),
            &c,
        )
        .unwrap();
        assert_eq!(steps.as_sequence().unwrap().len(), 2);
        assert_eq!(steps[1]["cong_viec"], Value::from("Làm"));
    }
}
