//! Load: walk the dataset, split YAML documents into records, normalise every string to
//! NFC and deserialize each record into its contract type.
//!
//! A record that fails is reported and dropped; the rest load. Deserialization runs per
//! record through `serde_path_to_error`, and the failing key path is looked up in the
//! file's position index, so every message names its line.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_norway::Value;
use unicode_normalization::{IsNormalized, UnicodeNormalization};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Location, suggest};
use crate::model::{Body, Collective, Person, Round};
use crate::source::{Pos, SourceFile, join};

/// Where a record came from: file, YAML document, and its path inside that document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The index of the source file in [`Dataset::files`].
    pub file: usize,
    /// The index of the YAML document within that file, from 0.
    pub doc: usize,
    /// `""` for a document that is one record, `"[3]"` for the fourth of a list.
    pub path: String,
}

/// A record with its origin.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Where the record came from.
    pub origin: Origin,
    /// The record as deserialized.
    pub record: T,
}

/// Every record that loaded, by kind, with the files they came from.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The dataset folder, against which file paths are shown.
    pub root: PathBuf,
    /// Every file read, indexed by [`Origin::file`].
    pub files: Vec<SourceFile>,
    /// The `loai: co_quan` records.
    pub bodies: Vec<Loaded<Body>>,
    /// The `loai: dot` records.
    pub rounds: Vec<Loaded<Round>>,
    /// The `loai: tap_the` records.
    pub collectives: Vec<Loaded<Collective>>,
    /// The `loai: ca_nhan` records.
    pub persons: Vec<Loaded<Person>>,
}

/// The four kinds of record, as written in `loai`.
pub const KINDS: [&str; 4] = ["co_quan", "dot", "tap_the", "ca_nhan"];

impl Dataset {
    /// The location of `field` (a key path inside the record) for diagnostics.
    pub fn locate(&self, origin: &Origin, field: &str) -> Location {
        let file = &self.files[origin.file];
        if let Some((cell, value)) = file.cell(origin.doc, field) {
            return Location::cell(file.display.clone(), cell, value);
        }
        let path = if field.is_empty() {
            origin.path.clone()
        } else if origin.path.is_empty() {
            field.to_owned()
        } else {
            format!("{}.{field}", origin.path)
        };
        location(file, file.locate(origin.doc, &path))
    }
}

impl Dataset {
    /// The location of the *value* of `field`, underlined and labelled: where a wrong
    /// value is, rather than its key. A spreadsheet cell, or a field with no scalar value,
    /// is located as [`Dataset::locate`] does.
    pub fn locate_value(
        &self,
        origin: &Origin,
        field: &str,
        label: &str,
    ) -> (Location, Option<crate::diagnostics::Underline>) {
        let file = &self.files[origin.file];
        let path = if origin.path.is_empty() {
            field.to_owned()
        } else if field.is_empty() {
            origin.path.clone()
        } else {
            format!("{}.{field}", origin.path)
        };
        match file.value(origin.doc, &path) {
            Some(pos) if file.rows.is_empty() => {
                let width = file
                    .line_text(pos.line)
                    .map(|l| {
                        let rest: String = l.chars().skip(pos.col - 1).collect();
                        // A trailing comment is not part of the value.
                        let rest = rest.split(" #").next().unwrap_or("").trim_end();
                        rest.chars().count()
                    })
                    .unwrap_or(1);
                let underline = crate::diagnostics::Underline {
                    width,
                    label: label.to_owned(),
                };
                (location(file, pos), Some(underline))
            }
            _ => (self.locate(origin, field), None),
        }
    }
}

fn location(file: &SourceFile, pos: Pos) -> Location {
    Location::line(
        file.display.clone(),
        pos.line,
        pos.col,
        file.line_text(pos.line).map(str::to_owned),
    )
}

/// Reads every `.yaml`/`.yml` below `root`, skipping hidden folders and `skip` (the output).
pub fn load(root: &Path, skip: &[PathBuf]) -> anyhow::Result<(Dataset, Vec<Diagnostic>)> {
    let mut ds = Dataset {
        root: root.to_owned(),
        ..Dataset::default()
    };
    let mut diags = Vec::new();
    let mut sheets = crate::sheet::Pending::default();
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let walker = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let skipped =
                e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|c| skip.contains(&c));
            !hidden && !skipped
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let reason = e
                .io_error()
                .map(crate::diagnostics::io_reason)
                .unwrap_or("lỗi hệ thống");
            let at = e.path().unwrap_or(root).display().to_string();
            anyhow::anyhow!("không đọc được thư mục dữ liệu {at}: {reason}")
        })?;
        let is_yaml = entry.file_type().is_file()
            && matches!(
                entry.path().extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
        let display = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_owned();
        if entry.file_type().is_file() && crate::sheet::is_sheet(entry.path()) {
            crate::sheet::read(entry.path(), display, &mut sheets, &mut diags);
            continue;
        }
        if !is_yaml {
            continue;
        }
        if let Some(d) = crate::limits::size(&display, entry.metadata().ok().map(|m| m.len())) {
            diags.push(d);
            continue;
        }
        let bytes = match std::fs::read(entry.path()) {
            Ok(bytes) => bytes,
            Err(e) => {
                // One unreadable file costs its own records, like a bad record does.
                diags.push(
                    Diagnostic::error(format!("không đọc được tệp: {}", crate::diagnostics::io_reason(&e)))
                        .at(Location::file(&display))
                        .hint("kiểm tra quyền đọc tệp, đóng chương trình đang khóa tệp, hoặc chép tệp ra chỗ khác rồi chép lại"),
                );
                continue;
            }
        };
        let text = match decode(bytes) {
            Some(t) => t,
            None => {
                diags.push(
                    Diagnostic::error("tệp không được lưu bằng mã UTF-8, không đọc được chữ Việt")
                        .at(Location::line(display, 1, 1, None))
                        .hint(
                            "mở tệp bằng Notepad, chọn Lưu thành… với Mã hóa UTF-8, rồi chạy lại; tệp gõ bằng phông .VnTime hay VNI-Times thì chạy `vanban chuyen-ma TỆP` để chuyển sang Unicode",
                        ),
                );
                continue;
            }
        };
        let file_index = ds.files.len();
        if let Some(d) = crate::limits::screen(&display, &text) {
            diags.push(d);
            continue;
        }
        ds.files.push(SourceFile::new(display, text));
        load_file(&mut ds, file_index, &mut diags);
    }
    crate::sheet::finish(&mut ds, sheets, &mut diags);
    Ok((ds, diags))
}

/// A text file's bytes as text: UTF-8, or UTF-16 with its byte-order mark (what Notepad
/// calls "Unicode"); the BOM itself is dropped. `None` for anything else.
pub(crate) fn decode(bytes: Vec<u8>) -> Option<String> {
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        rest.len()
            .is_multiple_of(2)
            .then(|| String::from_utf16(&units).ok())?
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes)
            .ok()
            .map(|t| t.trim_start_matches('\u{feff}').to_owned()),
    }
}

fn load_file(ds: &mut Dataset, file: usize, diags: &mut Vec<Diagnostic>) {
    let text = ds.files[file].text.clone();
    for (doc, de) in serde_norway::Deserializer::from_str(&text).enumerate() {
        let value = match <Value as serde::Deserialize>::deserialize(de) {
            Ok(v) => nfc(v),
            Err(e) => {
                diags.push(syntax_error(&ds.files[file], &e));
                // libyaml cannot resynchronise after a syntax error: the rest of the
                // file is unreadable, so stop here rather than report noise.
                return;
            }
        };
        match value {
            Value::Null => {}
            Value::Mapping(_) => load_record(
                ds,
                Origin {
                    file,
                    doc,
                    path: String::new(),
                },
                value,
                diags,
            ),
            Value::Sequence(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    let origin = Origin {
                        file,
                        doc,
                        path: format!("[{i}]"),
                    };
                    load_record(ds, origin, item, diags);
                }
            }
            _ => {
                let loc = ds.locate(
                    &Origin {
                        file,
                        doc,
                        path: String::new(),
                    },
                    "",
                );
                diags.push(
                    Diagnostic::error("tài liệu YAML này không phải một bản ghi hay một danh sách bản ghi")
                        .at(loc)
                        .hint("mỗi bản ghi là các dòng `khóa: giá trị`, bắt đầu bằng `loai: …`; nhiều bản ghi thì mỗi bản ghi mở đầu bằng `- `"),
                );
            }
        }
    }
}

fn syntax_error(file: &SourceFile, e: &serde_norway::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos {
            line: l.line(),
            col: l.column(),
        })
        .unwrap_or(Pos { line: 1, col: 1 });
    let raw = e.to_string();
    let (message, hint) = match YAML_ERRORS.iter().find(|(needle, ..)| raw.contains(needle)) {
        Some((_, what, fix)) => (format!("tệp YAML sai cú pháp: {what}"), *fix),
        None => (
            format!("tệp YAML sai cú pháp ({})", strip_location(&raw)),
            "kiểm tra thụt đầu dòng (dùng dấu cách, không dùng Tab), dấu `:` sau mỗi khóa và dấu ngoặc kép đóng mở đủ cặp",
        ),
    };
    Diagnostic::error(message)
        .at(location(file, pos))
        .hint(hint)
}

/// libyaml's messages (as serde_norway words them), what they mean and how to fix them,
/// in the office's words. The most specific first.
const YAML_ERRORS: &[(&str, &str, &str)] = &[
    (
        "duplicate entry",
        "một khóa được viết hai lần trong cùng bản ghi",
        "xóa một trong hai dòng trùng khóa, hoặc tách thành hai bản ghi bằng `- ` hay `---`",
    ),
    (
        "mapping values are not allowed in this context",
        "có dấu `:` ở giữa một giá trị, nên phần sau bị đọc như một khóa mới",
        "đặt cả câu có dấu `:` trong ngoặc kép, ví dụ `noi_dung: \"Mục tiêu: 100% hộ tham gia\"`",
    ),
    (
        "block sequence entries are not allowed in this context",
        "dòng `- …` (mục danh sách) viết ngay sau `khóa:` trên cùng một dòng",
        "xuống dòng sau `khóa:` rồi viết mỗi mục `- …` trên một dòng riêng, thụt vào hai dấu cách",
    ),
    (
        "found character that cannot start any token",
        "dòng này có ký tự Tab, hoặc giá trị bắt đầu bằng `@` hay `` ` ``",
        "thay Tab bằng dấu cách; giá trị bắt đầu bằng `@` hay `` ` `` thì đặt cả giá trị trong ngoặc kép",
    ),
    (
        "found a tab character",
        "dòng này thụt đầu dòng bằng Tab",
        "thay Tab bằng dấu cách (hai dấu cách mỗi cấp)",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "giá trị bắt đầu bằng `*` hay `&`, hai dấu có nghĩa riêng trong YAML",
        "đặt cả giá trị trong ngoặc kép, ví dụ `ghi_chu: \"* Chú ý\"`",
    ),
    (
        "did not find expected '-' indicator",
        "các mục `- …` của một danh sách không thẳng cột",
        "thụt mọi dòng `- …` của cùng danh sách vào bằng nhau (cùng số dấu cách)",
    ),
    (
        "did not find expected key",
        "dòng này thụt đầu dòng không thẳng cột với các khóa cùng cấp",
        "thụt dòng này bằng đúng số dấu cách như các khóa cùng cấp ở trên; một giá trị có dấu ngoặc kép thì phải đóng ngoặc trên cùng dòng",
    ),
    (
        "could not find expected ':'",
        "một dòng thiếu dấu `:` sau khóa, hoặc một câu dài xuống dòng mà không thụt vào",
        "viết `khóa: giá trị`; câu dài muốn xuống dòng thì thụt các dòng sau vào sâu hơn khóa, hoặc đặt cả câu trong ngoặc kép",
    ),
    (
        "found unexpected end of stream",
        "một dấu ngoặc kép mở mà không đóng",
        "thêm dấu ngoặc kép đóng ở cuối giá trị (hai dấu `\"` cho mỗi giá trị)",
    ),
    (
        "found unknown escape character",
        "trong ngoặc kép có dấu `\\` (gạch chéo ngược) mà YAML không hiểu",
        "dùng ngoặc đơn `'…'` thay cho ngoặc kép, hoặc viết `\\\\` cho một dấu gạch chéo ngược",
    ),
    (
        "unknown anchor",
        "giá trị bắt đầu bằng `*`, bị đọc như tên một mốc YAML",
        "đặt cả giá trị trong ngoặc kép",
    ),
];

fn strip_location(raw: &str) -> &str {
    raw.split(" at line ").next().unwrap_or(raw)
}

/// Normalises every string (keys included) to NFC: staff type with Unikey in either form.
fn nfc(mut v: Value) -> Value {
    normalize(&mut v);
    v
}

/// [`nfc`] in place: most text is NFC already, and rebuilding every mapping of a
/// ten-thousand-record file only to keep it as it was showed in the profile.
fn normalize(v: &mut Value) {
    match v {
        Value::String(s) if unicode_normalization::is_nfc_quick(s.chars()) != IsNormalized::Yes => {
            *s = s.nfc().collect();
        }
        Value::Sequence(items) => items.iter_mut().for_each(normalize),
        Value::Mapping(m) => {
            let keys_nfc = m.keys().all(|k| match k {
                Value::String(s) => {
                    unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes
                }
                _ => true,
            });
            if keys_nfc {
                m.values_mut().for_each(normalize);
            } else {
                *m = std::mem::take(m)
                    .into_iter()
                    .map(|(k, v)| (nfc(k), nfc(v)))
                    .collect();
            }
        }
        Value::Tagged(t) => {
            let inner = std::mem::replace(&mut t.value, Value::Null);
            *v = nfc(inner);
        }
        _ => {}
    }
}

pub(crate) fn load_record(
    ds: &mut Dataset,
    origin: Origin,
    value: Value,
    diags: &mut Vec<Diagnostic>,
) {
    let Value::Mapping(mut map) = value else {
        diags.push(
            Diagnostic::error("mục này của danh sách không phải một bản ghi")
                .at(ds.locate(&origin, ""))
                .hint("mỗi mục bắt đầu bằng `- loai: …` rồi các dòng `khóa: giá trị` thụt vào cùng cột"),
        );
        return;
    };
    let kind = match map.remove("loai") {
        Some(Value::String(k)) => k,
        Some(_) | None => {
            diags.push(
                Diagnostic::error("bản ghi thiếu khóa `loai` (hoặc `loai` không phải chữ)")
                    .at(ds.locate(&origin, ""))
                    .field("loai")
                    .hint("thêm dòng `loai: co_quan`, `loai: dot`, `loai: tap_the` hoặc `loai: ca_nhan`"),
            );
            return;
        }
    };
    let mut value = Value::Mapping(map);
    crate::sheet::codes_in(&mut value, "");
    let long = crate::limits::too_long(&value);
    if !long.is_empty() {
        for t in long {
            diags.push(
                Diagnostic::error(format!(
                    "nội dung `{}` dài {} ký tự, quá giới hạn {} ký tự",
                    t.path, t.chars, t.limit
                ))
                .at(ds.locate(&origin, &t.path))
                .field(t.path)
                .hint("kiểm tra có dán nhầm cả một tệp vào ô này không; rút gọn nội dung"),
            );
        }
        return;
    }
    if crate::legacy::check_record(ds, &origin, &value, diags) {
        // Garbled text is never printed: the record goes, as any record in error does.
        return;
    }
    match kind.as_str() {
        "co_quan" => push(ds, origin, value, diags, |ds| &mut ds.bodies),
        "dot" => push(ds, origin, value, diags, |ds| &mut ds.rounds),
        "tap_the" => push(ds, origin, value, diags, |ds| &mut ds.collectives),
        "ca_nhan" => push(ds, origin, value, diags, |ds| &mut ds.persons),
        other => {
            let mut d = Diagnostic::error(format!("`loai: {other}` không phải loại bản ghi nào"))
                .at(ds.locate(&origin, "loai"))
                .field("loai");
            d = d.hint(match suggest(other, &KINDS) {
                Some(s) => format!(
                    "có phải ý bạn là `loai: {s}`? Các loại: co_quan, dot, tap_the, ca_nhan"
                ),
                None => "dùng một trong: co_quan, dot, tap_the, ca_nhan".to_owned(),
            });
            diags.push(d);
        }
    }
}

fn push<T: DeserializeOwned>(
    ds: &mut Dataset,
    origin: Origin,
    value: Value,
    diags: &mut Vec<Diagnostic>,
    list: impl FnOnce(&mut Dataset) -> &mut Vec<Loaded<T>>,
) {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(record) => list(ds).push(Loaded { origin, record }),
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let (message, hint, key) = translate(&e.inner().to_string());
            // serde_path_to_error already ends the path with an unknown key, not with a
            // missing one; either way the field shown is the key itself.
            let field = match &key {
                Some(k) if path == *k || path.ends_with(&format!(".{k}")) => path.clone(),
                Some(k) => join(&path, k),
                None => path.clone(),
            };
            // An unknown or missing key has no line of its own in a parent's path:
            // point at the key itself when it exists, else at the record that lacks it.
            let d = Diagnostic::error(message);
            let mut d = match key {
                Some(_) => d.at(ds.locate(&origin, &field)),
                None => d.at_value(ds.locate_value(&origin, &field, "giá trị này")),
            }
            .field(field);
            if let Some(h) = hint {
                d = d.hint(h);
            }
            // Coded keys also take their Vietnamese label: say so where one is refused.
            let last = path.rsplit('.').next().unwrap_or(&path);
            if e.inner().to_string().starts_with("unknown variant")
                && let Some(h) = d.hint.as_mut()
                && [
                    "gioi_tinh",
                    "doi_tuong",
                    "linh_vuc",
                    "ten",
                    "cap",
                    "he",
                    "hinh_thuc",
                ]
                .contains(&last)
            {
                h.push_str(&format!(
                    "; viết tên tiếng Việt (như bảng kết quả in) cũng được — xem `vanban khoa {last}`"
                ));
            }
            diags.push(d);
        }
    }
}

/// Turns serde's English error into a Vietnamese message, a hint and, for unknown or
/// missing keys, the key concerned.
fn translate(raw: &str) -> (String, Option<String>, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names = backticked(expected);
        let hint = match suggest(key, &names) {
            Some(s) => format!("có phải ý bạn là `{s}`? Sửa tên khóa cho đúng, hoặc xóa dòng này"),
            None => format!("các khóa được dùng ở đây: {}", names.join(", ")),
        };
        return (
            format!("khóa `{key}` không có trong quy định dữ liệu"),
            Some(hint),
            Some(key.to_owned()),
        );
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (
            format!("thiếu khóa bắt buộc `{key}`"),
            Some(format!("thêm dòng `{key}: …` vào bản ghi này")),
            Some(key.to_owned()),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (val, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names = backticked(expected);
        let hint = match suggest(val, &names) {
            Some(s) => format!(
                "có phải ý bạn là `{s}`? Các giá trị được dùng: {}",
                names.join(", ")
            ),
            None => format!("dùng một trong: {}", names.join(", ")),
        };
        return (
            format!("giá trị `{val}` không hợp lệ ở đây"),
            Some(hint),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "giá trị sai kiểu: cần {}, nhưng đang là {}",
                expected_vi(expected),
                found_vi(found)
            ),
            Some(
                "sửa giá trị cho đúng kiểu; văn bản có dấu `:` hay `#` thì đặt trong ngoặc kép"
                    .to_owned(),
            ),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "giá trị không hợp lệ: cần {}, nhưng đang là {}",
                expected_vi(expected),
                found_vi(found)
            ),
            None,
            None,
        );
    }
    if raw.starts_with("invalid length") {
        return ("danh sách có số mục không đúng".to_owned(), None, None);
    }
    // Our own visitors already speak Vietnamese (dates, scalars) and say the right form.
    (
        raw.to_owned(),
        Some("sửa giá trị ở dòng này theo dạng nêu trên, rồi chạy lại `vanban check`".to_owned()),
        None,
    )
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

fn found_vi(found: &str) -> String {
    let kind = found.split_whitespace().next().unwrap_or(found);
    let detail = found.split_once(' ').map(|x| x.1).unwrap_or("");
    match kind {
        "string" => format!("chữ {detail}"),
        "integer" | "floating" => format!("số {}", detail.trim_start_matches("point ")),
        "boolean" => format!("giá trị đúng/sai {detail}"),
        "map" => "một bảng khóa (các dòng `khóa: giá trị`)".to_owned(),
        "sequence" => "một danh sách (các dòng `- …`)".to_owned(),
        "unit" => "rỗng (chưa điền gì)".to_owned(),
        _ => found.to_owned(),
    }
}

fn expected_vi(expected: &str) -> String {
    match expected {
        "a string" => "một dòng chữ".to_owned(),
        "a boolean" => "`true` hoặc `false`".to_owned(),
        "a sequence" => "một danh sách (các dòng `- …`)".to_owned(),
        "i32" | "u32" | "i64" | "u64" => "một số nguyên".to_owned(),
        "f64" => "một số".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("a map") => {
            "một bảng khóa (các dòng `khóa: giá trị` thụt vào)".to_owned()
        }
        e if e.starts_with("enum ") || e.starts_with("variant") => {
            "một giá trị trong danh sách cho phép".to_owned()
        }
        e => e.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_unknown_field_with_suggestion() {
        let (msg, hint, key) =
            translate("unknown field `ho_tne`, expected one of `ma`, `ho_ten`, `don_vi`");
        assert_eq!(msg, "khóa `ho_tne` không có trong quy định dữ liệu");
        assert!(hint.unwrap().contains("`ho_ten`"));
        assert_eq!(key.as_deref(), Some("ho_tne"));
    }

    #[test]
    fn translates_missing_field() {
        let (msg, _, key) = translate("missing field `don_vi`");
        assert_eq!(msg, "thiếu khóa bắt buộc `don_vi`");
        assert_eq!(key.as_deref(), Some("don_vi"));
    }
}
