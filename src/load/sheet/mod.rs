//! Spreadsheets in the dataset (data-format.md, "Spreadsheets"): each row of a `.xlsx`,
//! `.ods` or `.csv` list becomes a YAML-shaped record and joins the YAML ones through
//! `load::load_record`, so validation, criteria and documents cannot tell them apart.
//!
//! Reading happens during the walk ([`read`]); turning rows into records waits until every
//! YAML file is in ([`finish`]), because a `Danh hiệu` cell means a title *of the round's
//! year* and a `Khen thưởng` cell may name a body by its `ten`: both need the YAML records.

mod labels;
mod read;
mod rows;
pub mod style;
pub mod template;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Cell, Code, Diagnostic, Location, suggest};

pub(crate) use labels::codes_in;
pub use labels::{Kind, fold, slug};
use labels::{NAME_LABELS, Ty};
pub use read::Raw;

/// Is this a spreadsheet vanban reads? Excel's lock files (`~$…`) and hidden files are not.
pub fn is_sheet(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !name.starts_with("~$")
        && !name.starts_with('.')
        && matches!(ext.as_deref(), Some("xlsx" | "ods" | "csv"))
}

/// The spreadsheets of a dataset, read but not yet turned into records.
#[derive(Debug, Default)]
pub struct Pending {
    files: Vec<Book>,
}

#[derive(Debug)]
struct Book {
    display: PathBuf,
    tables: Vec<Table>,
}

/// The records part of one sheet: below its header row, down to `Tổng cộng`.
#[derive(Debug)]
struct Table {
    sheet: String,
    kind: Kind,
    columns: Vec<Column>,
    /// Index in `columns` of the name column.
    name: usize,
    rows: Vec<Row>,
}

#[derive(Debug)]
struct Column {
    /// As written in the header row.
    label: String,
    /// The key path it fills; `None` for an ignored column (STT) or a bad label.
    key: Option<String>,
    ty: Ty,
    /// 0-based sheet column.
    col: usize,
}

#[derive(Debug)]
struct Row {
    /// 0-based sheet row.
    number: usize,
    /// One per column of the table.
    cells: Vec<Option<Raw>>,
}

impl Table {
    fn cell(&self, column: usize, row: usize) -> Cell {
        Cell {
            sheet: self.sheet.clone(),
            reference: reference(self.columns[column].col, row),
            column: self.columns[column].label.clone(),
        }
    }
}

/// `E12` for 0-based column 4, row 11.
pub fn reference(col: usize, row: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Reads one spreadsheet of the dataset into `pending`. A file that is not a readable
/// workbook is one error; a sheet without a header row is skipped with a note.
pub fn read(path: &Path, display: PathBuf, pending: &mut Pending, diags: &mut Vec<Diagnostic>) {
    let grids = match read::grids(path) {
        Ok(g) => g,
        Err(why) => {
            diags.push(
                Diagnostic::error(format!("không đọc được bảng tính: {why}"))
                    .code(Code::SheetUnreadable)
                    .at(Location::file(display))
                    .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (hoặc .csv UTF-8); đóng Excel trước khi chạy nếu tệp đang mở"),
            );
            return;
        }
    };
    let mut tables = Vec::new();
    for grid in grids {
        match table(&display, grid, diags) {
            Some(t) => tables.push(t),
            None => continue,
        }
    }
    pending.files.push(Book { display, tables });
}

fn table(display: &Path, grid: read::Grid, diags: &mut Vec<Diagnostic>) -> Option<Table> {
    let found = grid.rows.iter().take(20).enumerate().find_map(|(r, row)| {
        row.iter().flatten().find_map(|c| {
            let f = fold(&c.shown());
            NAME_LABELS
                .iter()
                .find(|(l, _)| fold(l) == f)
                .map(|(_, k)| (r, *k))
        })
    });
    let Some((header, kind)) = found else {
        if grid.rows.iter().flatten().any(Option::is_some) {
            diags.push(
                Diagnostic::warning(format!(
                    "trang tính «{}» không có hàng tiêu đề (ô `Họ và tên` hoặc `Tên tập thể` trong 20 dòng đầu): bỏ qua",
                    grid.name
                ))
                .code(Code::SheetNoHeader)
                .at(Location::file(display))
                .hint("nếu trang này là danh sách, ghi đúng tên cột `Họ và tên` (cá nhân) hoặc `Tên tập thể` (tập thể) ở hàng tiêu đề"),
            );
        }
        return None;
    };
    let mut columns = Vec::new();
    for (col, cell) in grid.rows[header].iter().enumerate() {
        let Some(cell) = cell else { continue };
        let label = cell.shown();
        let key = kind.column_key(&label);
        if key.is_none() {
            let known: Vec<&str> = kind
                .labels()
                .iter()
                .map(|(l, _)| *l)
                .chain(kind.key_paths())
                .collect();
            let folded: Vec<String> = known.iter().map(|k| fold(k)).collect();
            let hint = match suggest(&fold(&label), &folded) {
                Some(s) => {
                    let i = folded.iter().position(|f| f == s).unwrap_or(0);
                    format!(
                        "có phải ý bạn là cột «{}»? Sửa tên cột ở hàng tiêu đề, hoặc xóa cột này",
                        known[i]
                    )
                }
                None => format!(
                    "các tên cột được dùng: {}; hoặc một khóa của bản ghi như `dang_ky.ngay`, `bao_cao.cach_lam`",
                    kind.labels()
                        .iter()
                        .map(|(l, _)| *l)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let at = Cell {
                sheet: grid.name.clone(),
                reference: reference(col, header),
                column: label.clone(),
            };
            diags.push(
                Diagnostic::error(format!(
                    "cột «{label}» không phải tên cột nào của danh sách"
                ))
                .code(Code::SheetColumn)
                .at(Location::cell(display, at, Some(label.clone())))
                .hint(hint),
            );
        }
        let key = key.flatten();
        let ty = key
            .as_deref()
            .and_then(|k| kind.key_type(k))
            .unwrap_or(Ty::Text);
        columns.push(Column {
            label,
            key,
            ty,
            col,
        });
    }
    let name = columns
        .iter()
        .position(|c| c.key.as_deref() == Some(kind.name_key()))?;
    let mut rows = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(header + 1) {
        let first = row.iter().flatten().next().map(|c| fold(&c.shown()));
        if matches!(first.as_deref(), Some("tong cong" | "cong")) {
            break;
        }
        let cells: Vec<Option<Raw>> = columns
            .iter()
            .map(|c| row.get(c.col).cloned().flatten())
            .collect();
        if cells[name].is_none() {
            continue;
        }
        rows.push(Row { number: r, cells });
    }
    Some(Table {
        sheet: grid.name,
        kind,
        columns,
        name,
        rows,
    })
}

pub use rows::finish;
