//! Load: walk the dataset, split YAML documents into records, normalise every string to
//! NFC and deserialize each record into its contract type.
//!
//! A record that fails is reported and dropped; the rest load. Deserialization runs per
//! record through `serde_path_to_error`, and the failing key path is looked up in the
//! file's position index, so every message names its line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_norway::Value;
use serde_path_to_error::Segment;
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
    /// The records that did not load or were refused by validation (already reported): a
    /// later check that reads the file's lines does not take their lines for a
    /// neighbour's, and a reference to one is not reported again as a reference to nothing.
    pub unloaded: Vec<Unloaded>,
}

/// A record that did not load, with what could still be read of it.
#[derive(Debug, Clone)]
pub struct Unloaded {
    /// Where it is.
    pub origin: Origin,
    /// Its `loai`, when it could be read.
    pub kind: Option<String>,
    /// Its `ma`, when it could be read.
    pub ma: Option<String>,
}

impl Dataset {
    /// A record of `kind` (and `ma`, if given) that was in the data but did not load.
    pub fn unloaded(&self, kind: &str, ma: Option<&str>) -> Option<&Unloaded> {
        self.unloaded
            .iter()
            .find(|u| u.kind.as_deref() == Some(kind) && (ma.is_none() || u.ma.as_deref() == ma))
    }
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

/// `loc` with its line cut to what a terminal shows: the line of a 100 KB value is not
/// printed whole.
fn clipped(mut loc: Location) -> Location {
    const SHOWN: usize = 120;
    if let Some(line) = &mut loc.snippet
        && line.chars().count() > SHOWN
    {
        *line = format!("{} …", line.chars().take(SHOWN).collect::<String>());
    }
    loc
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
                    Diagnostic::error(format!("không đọc được tệp: {}", crate::diagnostics::io_reason(&e))).code(crate::codes::Code::UnreadableFile)
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
                    Diagnostic::error("tệp không được lưu bằng mã UTF-8, không đọc được chữ Việt").code(crate::codes::Code::NotUtf8)
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
    let mut docs = Vec::new();
    for de in serde_norway::Deserializer::from_str(&text) {
        match <Value as serde::Deserialize>::deserialize(de) {
            Ok(v) => docs.push(nfc(v)),
            Err(_) => {
                // libyaml cannot resynchronise after a syntax error: read the file again
                // one record at a time, so the error costs only the record it is in.
                load_in_chunks(ds, file, diags);
                return;
            }
        }
    }
    for (doc, value) in docs.into_iter().enumerate() {
        load_document(ds, file, doc, value, diags);
    }
}

/// Reads a file with a syntax error piece by piece ([`crate::source::chunks`]): each
/// document, and each item of a top-level list, parsed on its own with its lines shifted
/// back to the file's. A piece that still fails is one located error; every other record
/// of the file loads.
fn load_in_chunks(ds: &mut Dataset, file: usize, diags: &mut Vec<Diagnostic>) {
    let chunks = crate::source::chunks(&ds.files[file].text);
    ds.files[file].chunks = chunks.clone();
    for chunk in chunks {
        let text = ds.files[file].text[chunk.range.clone()].to_owned();
        let value = match serde_norway::from_str::<Value>(&text) {
            Ok(v) => nfc(v),
            Err(e) => {
                diags.push(syntax_error(&ds.files[file], &e, &text, chunk.first_line));
                ds.unloaded.push(Unloaded {
                    origin: Origin {
                        file,
                        doc: chunk.doc,
                        path: chunk.item.map(|i| format!("[{i}]")).unwrap_or_default(),
                    },
                    kind: written_value(&text, "loai"),
                    ma: written_value(&text, "ma"),
                });
                continue;
            }
        };
        match (chunk.item, value) {
            (Some(i), Value::Sequence(mut items)) if items.len() == 1 => {
                let origin = Origin {
                    file,
                    doc: chunk.doc,
                    path: format!("[{i}]"),
                };
                load_record(ds, origin, items.remove(0), diags);
            }
            (None, value) => load_document(ds, file, chunk.doc, value, diags),
            (Some(i), other) => {
                // An item that parsed as something else (`- a` then `- b` lines cut in
                // two): the record it holds is reported where it starts.
                let origin = Origin {
                    file,
                    doc: chunk.doc,
                    path: format!("[{i}]"),
                };
                load_record(ds, origin, other, diags);
            }
        }
    }
}

/// One YAML document: a record, a list of records, or nothing.
fn load_document(
    ds: &mut Dataset,
    file: usize,
    doc: usize,
    value: Value,
    diags: &mut Vec<Diagnostic>,
) {
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
                Diagnostic::error("tài liệu YAML này không phải một bản ghi hay một danh sách bản ghi").code(crate::codes::Code::NotARecord)
                    .at(loc)
                    .hint("mỗi bản ghi là các dòng `khóa: giá trị`, bắt đầu bằng `loai: …`; nhiều bản ghi thì mỗi bản ghi mở đầu bằng `- `"),
            );
        }
    }
}

/// A piece of `file` (its `text`, starting at line `first_line`) that does not parse, at
/// its line in the file. A duplicate key and a number too large for any integer type are
/// named by their key, at the line of the offending entry.
fn syntax_error(
    file: &SourceFile,
    e: &serde_norway::Error,
    text: &str,
    first_line: usize,
) -> Diagnostic {
    let mut pos = e
        .location()
        .map(|l| Pos {
            line: l.line(),
            col: l.column(),
        })
        .unwrap_or(Pos { line: 1, col: 1 });
    let raw = e.to_string();
    // libyaml finds an unclosed quote or bracket only at the end of the piece, which is
    // the next record's first line; where the quote or bracket opened is the place to fix.
    if let Some(opened) = context_mark(&raw)
        && (raw.contains("quoted scalar") || pos.line > text.lines().count())
    {
        pos = opened;
    }
    let (message, hint, key) = if let Some(key) = duplicate_key(&raw) {
        if let Some(at) = second_occurrence(text, &key) {
            pos = at;
        }
        (
            format!("khóa `{key}` được viết hai lần trong cùng bản ghi"),
            "xóa một trong hai dòng trùng khóa, hoặc tách thành hai bản ghi bằng `- ` hay `---`"
                .to_owned(),
            Some(key),
        )
    } else if let Some((line, col, c)) = raw
        .contains("control characters are not allowed")
        .then(|| control_char(text))
        .flatten()
    {
        pos = Pos { line, col };
        (
            format!(
                "có ký tự điều khiển U+{:04X} (không nhìn thấy, không in được) ở dòng này",
                c as u32
            ),
            "xóa ký tự này (thường do dán từ nơi khác): xóa rồi gõ lại cả đoạn quanh chỗ chỉ ra"
                .to_owned(),
            key_at(text, line),
        )
    } else if raw.contains("u128") || raw.contains("i128") {
        let key = key_at(text, pos.line);
        (
            "số quá lớn: không số nào trong dữ liệu dài đến thế".to_owned(),
            "kiểm tra lại số này (năm sinh, số văn bản, số tiền…); có lẽ bị gõ thừa chữ số"
                .to_owned(),
            key,
        )
    } else {
        let (message, hint) = match YAML_ERRORS.iter().find(|(needle, ..)| raw.contains(needle)) {
            Some((_, what, fix)) => (format!("tệp YAML sai cú pháp: {what}"), *fix),
            None => (
                format!("tệp YAML sai cú pháp ({})", strip_location(&raw)),
                "kiểm tra thụt đầu dòng (dùng dấu cách, không dùng Tab), dấu `:` sau mỗi khóa và dấu ngoặc kép đóng mở đủ cặp",
            ),
        };
        (message, hint.to_owned(), key_at(text, pos.line))
    };
    pos.line += first_line - 1;
    let d = Diagnostic::error(message)
        .code(crate::codes::Code::YamlSyntax)
        .at(location(file, pos));
    let d = match key {
        Some(k) => d.field(k),
        None => d,
    };
    d.hint(hint)
}

/// The value of the first `key: value` line of a piece that does not parse, as written.
fn written_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim_start_matches([' ', '-']).strip_prefix(key)?;
        let value = rest.trim_start().strip_prefix(':')?;
        let value = value.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// The first control character of `text` libyaml refuses, with its 1-based line and column.
fn control_char(text: &str) -> Option<(usize, usize, char)> {
    text.lines().enumerate().find_map(|(i, l)| {
        l.chars()
            .enumerate()
            .find(|(_, c)| crate::limits::is_control(*c))
            .map(|(j, c)| (i + 1, j + 1, c))
    })
}

/// The position libyaml names after `, while scanning … at line 5 column 12`.
fn context_mark(raw: &str) -> Option<Pos> {
    let context = raw.split(", while ").nth(1)?;
    let at = context.rsplit(" at line ").next()?;
    let (line, col) = at.split_once(" column ")?;
    let number = |s: &str| {
        s.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    Some(Pos {
        line: number(line)?,
        col: number(col)?,
    })
}

/// The key of serde_norway's `duplicate entry with key "ma"`.
fn duplicate_key(raw: &str) -> Option<String> {
    let rest = raw.split("duplicate entry with key ").nth(1)?;
    let quoted = rest.strip_prefix('"')?;
    Some(quoted.split('"').next()?.to_owned())
}

/// Where, within `text`, the second `key:` at the indentation of the first is.
fn second_occurrence(text: &str, key: &str) -> Option<Pos> {
    let mut indent = None;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start_matches([' ', '-']);
        let at = line.len() - body.len();
        let Some(rest) = body.strip_prefix(key) else {
            continue;
        };
        if !rest.trim_start().starts_with(':') {
            continue;
        }
        match indent {
            None => indent = Some(at),
            Some(first) if first == at => {
                return Some(Pos {
                    line: i + 1,
                    col: at + 1,
                });
            }
            Some(_) => {}
        }
    }
    None
}

/// The key written on a 1-based line of `text`, `  nam_sinh: 1999` → `nam_sinh`.
fn key_at(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let body = l.trim_start_matches([' ', '-']);
    let (key, _) = body.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| key.to_owned())
}

/// libyaml's messages (as serde_norway words them), what they mean and how to fix them,
/// in the office's words. The most specific first.
const YAML_ERRORS: &[(&str, &str, &str)] = &[
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
    let count =
        |ds: &Dataset| ds.bodies.len() + ds.rounds.len() + ds.collectives.len() + ds.persons.len();
    let before = count(ds);
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let (kind, ma) = (text("loai"), text("ma"));
    try_record(ds, origin.clone(), value, diags);
    if count(ds) == before {
        ds.unloaded.push(Unloaded { origin, kind, ma });
    }
}

fn try_record(ds: &mut Dataset, origin: Origin, value: Value, diags: &mut Vec<Diagnostic>) {
    let Value::Mapping(mut map) = value else {
        diags.push(
            Diagnostic::error("mục này của danh sách không phải một bản ghi").code(crate::codes::Code::NotARecord)
                .at(ds.locate(&origin, ""))
                .hint("mỗi mục bắt đầu bằng `- loai: …` rồi các dòng `khóa: giá trị` thụt vào cùng cột"),
        );
        return;
    };
    let kind = match map.remove("loai") {
        Some(Value::String(k)) => k,
        Some(_) | None => {
            diags.push(
                Diagnostic::error("bản ghi thiếu khóa `loai` (hoặc `loai` không phải chữ)").code(crate::codes::Code::MissingKey)
                    .at(ds.locate(&origin, ""))
                    .field("loai")
                    .hint("thêm dòng `loai: co_quan`, `loai: dot`, `loai: tap_the` hoặc `loai: ca_nhan`"),
            );
            return;
        }
    };
    let mut value = Value::Mapping(map);
    crate::sheet::codes_in(&mut value, "");
    // Every check runs, so a record with several mistakes shows them all in one run; any
    // error keeps the record out.
    let long = crate::limits::too_long(&value);
    let mut failed = !long.is_empty();
    if !long.is_empty() {
        for t in long {
            diags.push(
                Diagnostic::error(format!(
                    "nội dung `{}` dài {} ký tự, quá giới hạn {} ký tự",
                    t.path, t.chars, t.limit
                ))
                .code(crate::codes::Code::TooLarge)
                .at(clipped(ds.locate(&origin, &t.path)))
                .field(t.path)
                .hint("kiểm tra có dán nhầm cả một tệp vào ô này không; rút gọn nội dung"),
            );
        }
    }
    for (path, c) in crate::limits::control_chars(&value) {
        failed = true;
        diags.push(
            Diagnostic::error(format!(
                "`{path}` có ký tự điều khiển U+{:04X} (không nhìn thấy, không in được)",
                c as u32
            )).code(crate::codes::Code::WrongValue)
            .at_value(ds.locate_value(&origin, &path, "trong giá trị này"))
            .field(path)
            .hint("xóa ký tự này: trong ngoặc kép, `\\a`, `\\b`, `\\e`… là ký tự điều khiển; muốn xuống dòng thì viết `\\n`"),
        );
    }
    // Garbled text is never printed: the record goes, as any record in error does.
    failed |= crate::legacy::check_record(ds, &origin, &value, diags);
    match kind.as_str() {
        "co_quan" => push(ds, origin, value, failed, diags, |ds| &mut ds.bodies),
        "dot" => push(ds, origin, value, failed, diags, |ds| &mut ds.rounds),
        "tap_the" => push(ds, origin, value, failed, diags, |ds| &mut ds.collectives),
        "ca_nhan" => push(ds, origin, value, failed, diags, |ds| &mut ds.persons),
        other => {
            let mut d = Diagnostic::error(format!("`loai: {other}` không phải loại bản ghi nào"))
                .code(crate::codes::Code::WrongValue)
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

/// Deserializes a record and keeps it if it and the checks before (`failed`) are clean.
///
/// serde stops at a record's first error, and one record with four mistakes took four
/// runs to fix. So each error is reported, then mended in a copy of the record (an unknown
/// key removed, a missing or wrong value replaced by a stand-in of the expected type) and
/// the record deserialized again, until it goes through. Errors inside a stand-in are the
/// stand-in's own, not the user's, and are mended silently. The record is still dropped.
fn push<T: DeserializeOwned>(
    ds: &mut Dataset,
    origin: Origin,
    mut value: Value,
    failed: bool,
    diags: &mut Vec<Diagnostic>,
    list: impl FnOnce(&mut Dataset) -> &mut Vec<Loaded<T>>,
) {
    let mut reported = false;
    let mut stand_ins: Vec<String> = Vec::new();
    // Keys a misspelt key was taken for (`ho_tne` → `ho_ten`): their absence is the same
    // mistake, already reported with its did-you-mean.
    let mut misspelt: Vec<String> = Vec::new();
    let mut tries: HashMap<String, usize> = HashMap::new();
    // Each round mends one key; no record of the contract has this many.
    for _ in 0..500 {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(record) => {
                if !failed && !reported {
                    list(ds).push(Loaded { origin, record });
                }
                return;
            }
            Err(e) => e,
        };
        let segments: Vec<Segment> = e.path().iter().cloned().collect();
        let raw = e.inner().to_string();
        let key = raw
            .strip_prefix("missing field `")
            .or_else(|| raw.strip_prefix("unknown field `"))
            .and_then(|k| k.split('`').next());
        // The key path of the value at fault: a missing key's own path, not its parent's.
        let mut at = segments.clone();
        if let Some(k) = key
            && !matches!(at.last(), Some(Segment::Map { key }) if key == k)
        {
            at.push(Segment::Map { key: k.to_owned() });
        }
        let at_text = segments_text(&at);
        if let Some(rest) = raw.strip_prefix("unknown field `") {
            let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
            if let Some(meant) = suggest(key, &backticked(expected)) {
                let parent = segments_text(&at[..at.len().saturating_sub(1)]);
                misspelt.push(join(&parent, meant));
            }
        }
        let inside_stand_in = stand_ins.iter().any(|s| within(&at_text, s))
            || (raw.starts_with("missing field `") && misspelt.contains(&at_text));
        if !inside_stand_in {
            diags.push(describe(ds, &origin, &e));
            reported = true;
        }
        let tried = tries.entry(at_text.clone()).or_default();
        *tried += 1;
        if raw.starts_with("unknown field `") {
            if !remove(&mut value, &at) {
                return;
            }
            continue;
        }
        if !inside_stand_in {
            stand_ins.push(at_text);
        }
        // The type the message asks for, else the next guess of the list; never the value
        // that just failed.
        let current = node_mut(&mut value, &at).cloned();
        let fresh = |v: &Value| Some(v) != current.as_ref();
        let Some(next) = stand_in(&raw)
            .filter(fresh)
            .or_else(|| STAND_INS.iter().map(|f| f()).filter(fresh).nth(*tried - 1))
        else {
            return;
        };
        if !set(&mut value, &at, next) {
            return;
        }
    }
}

/// The located diagnostic of one deserialization error.
fn describe(
    ds: &Dataset,
    origin: &Origin,
    e: &serde_path_to_error::Error<serde_norway::Error>,
) -> Diagnostic {
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
    let d = Diagnostic::error(message).code(crate::codes::Code::of_serde(&e.inner().to_string()));
    let mut d = match key {
        Some(_) => d.at(ds.locate(origin, &field)),
        None => d.at_value(ds.locate_value(origin, &field, "giá trị này")),
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
    d
}

/// Stand-ins tried in turn for a value whose type the error does not name.
const STAND_INS: [fn() -> Value; 5] = [
    || Value::String("x".into()),
    || Value::Mapping(Default::default()),
    || Value::Sequence(Vec::new()),
    || Value::Number(0.into()),
    || Value::Bool(false),
];

/// A value of the type serde's error asks for, to mend the record with, when the message
/// names one.
fn stand_in(raw: &str) -> Option<Value> {
    let expected = raw.split(", expected ").nth(1).unwrap_or("");
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let names = backticked(rest.split_once('`').map(|x| x.1).unwrap_or(""));
        return names.first().map(|n| Value::String(n.clone()));
    }
    Some(if raw.contains("ngày") {
        Value::String("2000-01-01".into())
    } else if expected.starts_with("struct") || expected.starts_with("a map") {
        Value::Mapping(Default::default())
    } else if expected.starts_with("a sequence") {
        Value::Sequence(Vec::new())
    } else if expected.starts_with("a boolean") {
        Value::Bool(false)
    } else if ["i32", "u32", "i64", "u64", "u16", "u8", "f64"].contains(&expected) {
        Value::Number(1.into())
    } else if expected.starts_with("a string") || expected.starts_with("một") {
        Value::String("x".into())
    } else {
        return None;
    })
}

/// `a.b[2].c` from path segments, as `serde_path_to_error` prints it.
fn segments_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => out = join(&out, key),
            Segment::Unknown => out = join(&out, "?"),
        }
    }
    out
}

/// Whether path `p` is `base` or lies under it.
fn within(p: &str, base: &str) -> bool {
    p == base
        || base.is_empty()
        || p.strip_prefix(base)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The value at `path` inside `v`, if the path leads somewhere.
fn node_mut<'a>(v: &'a mut Value, path: &[Segment]) -> Option<&'a mut Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    let v = match v {
        Value::Tagged(t) => &mut t.value,
        v => v,
    };
    let next = match (first, v) {
        (Segment::Seq { index }, Value::Sequence(items)) => items.get_mut(*index)?,
        (Segment::Map { key }, Value::Mapping(m)) => m.get_mut(key.as_str())?,
        _ => return None,
    };
    node_mut(next, rest)
}

/// Removes the key at the end of `path`; whether there was one.
fn remove(v: &mut Value, path: &[Segment]) -> bool {
    let Some((Segment::Map { key }, parent)) = path.split_last() else {
        return false;
    };
    match node_mut(v, parent) {
        Some(Value::Mapping(m)) => m.remove(key.as_str()).is_some(),
        _ => false,
    }
}

/// Puts `new` at `path`, adding the last key to its mapping if it is missing.
fn set(v: &mut Value, path: &[Segment], new: Value) -> bool {
    if let Some(slot) = node_mut(v, path) {
        if *slot == new {
            return false;
        }
        *slot = new;
        return true;
    }
    let Some((Segment::Map { key }, parent)) = path.split_last() else {
        return false;
    };
    match node_mut(v, parent) {
        Some(Value::Mapping(m)) => {
            m.insert(Value::String(key.clone()), new);
            true
        }
        _ => false,
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

    fn person(ma: &str) -> String {
        format!(
            "- loai: ca_nhan\n  ma: {ma}\n  ho_ten: Lê Thị {ma}\n  don_vi: ấp 1\n  doi_tuong: nhan_dan\n"
        )
    }

    fn load_text(name: &str, text: &str) -> (Dataset, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let (ds, diags) = load(dir.path(), &[]).unwrap();
        (ds, diags.iter().map(Diagnostic::render).collect())
    }

    /// Issue 13: one colon in one `chuc_vu` dropped a 250-person file. Now it costs its
    /// record, and the records after it keep their true lines.
    #[test]
    fn a_syntax_error_costs_only_its_record() {
        let broken = person("b").replace(
            "  don_vi: ấp 1\n",
            "  chuc_vu: Bí thư: Chi bộ\n  don_vi: ấp 1\n",
        );
        let text = format!("# danh sách\n{}{broken}\n{}", person("a"), person("c"));
        let (ds, diags) = load_text("ds.yaml", &text);
        let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
        assert_eq!(ids, ["a", "c"], "{diags:?}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].contains("ds.yaml:10:"), "{diags:?}");
        assert!(diags[0].contains("dấu `:`"), "{diags:?}");
        let c = &ds.persons[1];
        assert_eq!(c.origin.path, "[2]");
        assert_eq!(ds.locate(&c.origin, "don_vi").line, Some(17));
    }

    #[test]
    fn a_broken_document_costs_only_itself() {
        let one = |ma: &str| person(ma).replacen("- ", "", 1).replace("\n  ", "\n");
        let text = format!("{}---\n{}ten: [a\n---\n{}", one("a"), one("b"), one("c"));
        let (ds, diags) = load_text("ds.yaml", &text);
        let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
        assert_eq!(ids, ["a", "c"], "{diags:?}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].contains("ds.yaml:1"), "{diags:?}");
        assert_eq!(ds.persons[1].origin.doc, 2);
        assert_eq!(ds.locate(&ds.persons[1].origin, "doi_tuong").line, Some(18));
    }

    #[test]
    fn a_duplicate_key_and_a_huge_number_name_their_line_and_key() {
        let dup = person("b").replace("  don_vi: ấp 1\n", "  don_vi: ấp 1\n  don_vi: ấp 2\n");
        let huge = person("c").replace("  don_vi", "  nam_sinh: 99999999999999999999999\n  don_vi");
        let text = format!("{}{dup}{huge}{}", person("a"), person("d"));
        let (ds, diags) = load_text("ds.yaml", &text);
        let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
        assert_eq!(ids, ["a", "d"], "{diags:?}");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(
            diags[0].contains("khóa `don_vi` được viết hai lần"),
            "{diags:?}"
        );
        assert!(diags[0].contains("ds.yaml:10:"), "{diags:?}");
        assert!(diags[1].contains("số quá lớn"), "{diags:?}");
        assert!(diags[1].contains("ds.yaml:15:"), "{diags:?}");
        assert!(diags[1].contains("(trường: nam_sinh)"), "{diags:?}");
    }

    /// Issue 13: a record with four mistakes needed four runs.
    #[test]
    fn every_mistake_of_a_record_is_reported_at_once() {
        let text = "loai: ca_nhan\nma: b\nho_ten: Lê Thị B\nnam_sinh: mười chín\nque_quan: Long An\ndoi_tuong: nhan_danh\ndang_ky:\n  ngay: 31/02/2025\n  noi_dung: x\n";
        let (ds, diags) = load_text("b.yaml", text);
        assert!(ds.persons.is_empty());
        let all = diags.join("\n");
        assert_eq!(diags.len(), 7, "{all}");
        for (what, line) in [
            ("trường: nam_sinh", 4),
            ("khóa `que_quan` không có", 5),
            ("giá trị `nhan_danh` không hợp lệ", 6),
            ("thiếu khóa bắt buộc `don_vi`", 1),
            ("không có thật", 8),
            ("thiếu khóa bắt buộc `giai_phap`", 7),
            ("thiếu khóa bắt buộc `tien_do`", 7),
        ] {
            let d = diags
                .iter()
                .find(|d| d.contains(what))
                .unwrap_or_else(|| panic!("{what}: {all}"));
            assert!(
                d.contains(&format!("b.yaml:{line}:")),
                "{what} at {line}: {d}"
            );
        }
    }

    /// An unclosed quote is found at the end of its record, the next record's first line:
    /// the message points at the quote.
    #[test]
    fn an_unclosed_quote_is_shown_where_it_opens() {
        let broken = person("b").replace("ho_ten: Lê Thị b", "ho_ten: \"Lê Thị b");
        let text = format!("{}{broken}{}", person("a"), person("c"));
        let (ds, diags) = load_text("ds.yaml", &text);
        assert_eq!(ds.persons.len(), 2, "{diags:?}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].contains("ds.yaml:8:11"), "{diags:?}");
        assert!(diags[0].contains("ngoặc kép mở mà không đóng"), "{diags:?}");
    }

    /// A misspelt required key is one mistake, said once with its did-you-mean, not also
    /// as the missing key it was meant to be.
    #[test]
    fn a_misspelt_key_is_not_also_missing() {
        let text = "loai: ca_nhan\nma: b\nho_tne: Lê Thị B\ndon_vi: x\ndoi_tuong: nhan_dan\n";
        let (ds, diags) = load_text("b.yaml", text);
        assert!(ds.persons.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].contains("có phải ý bạn là `ho_ten`"), "{diags:?}");
    }

    #[test]
    fn translates_missing_field() {
        let (msg, _, key) = translate("missing field `don_vi`");
        assert_eq!(msg, "thiếu khóa bắt buộc `don_vi`");
        assert_eq!(key.as_deref(), Some("don_vi"));
    }
}
