//! Load: walk the dataset, split YAML documents into records, normalise every string to
//! NFC and deserialize each record into its contract type.
//!
//! A record that fails is reported and dropped; the rest load. Deserialization runs per
//! record through `serde_path_to_error`, and the failing key path is looked up in the
//! file's position index, so every message names its line.
//!
//! This file walks the dataset and takes each file, YAML document and record in turn
//! (one room: the walk and the checks every record passes read as one sequence); `syntax`
//! explains YAML that does not parse, `mend` deserializes a record and reports every
//! mistake in it, `locate` finds a field's line for any diagnostic.

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

mod encoding;
mod locate;
mod mend;
pub mod sheet;
mod syntax;

use locate::*;
use mend::*;
use syntax::*;

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

/// Reads every record file below `root`, skipping hidden folders, `skip` (the output) and
/// the dataset's own `out/`, the one output folder a build may have inside it: its
/// workbooks (`ket-qua-xet-chon.xlsx`) are not records, whatever `--out` says this time.
pub fn load(root: &Path, skip: &[PathBuf]) -> anyhow::Result<(Dataset, Vec<Diagnostic>)> {
    let mut ds = Dataset {
        root: root.to_owned(),
        ..Dataset::default()
    };
    let mut diags = Vec::new();
    let mut sheets = crate::sheet::Pending::default();
    let own_out = root.join("out");
    let skip: Vec<PathBuf> = skip
        .iter()
        .chain(std::iter::once(&own_out))
        .filter_map(|p| p.canonicalize().ok())
        .collect();
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
    failed |= encoding::check_record(ds, &origin, &value, diags);
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

#[cfg(test)]
mod tests;
