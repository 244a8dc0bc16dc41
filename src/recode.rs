//! `vanban chuyen-ma`: rewrites data files typed in a legacy encoding (TCVN3, VNI, Telex
//! residue) or saved as UTF-16 into UTF-8 Unicode NFC, keeping the original as `.bak`.
//!
//! The rewrite is textual, line by line, and touches only the words the detector of
//! [`crate::legacy`] converts, so comments, quoting and layout stay as the user wrote them.

use std::path::{Path, PathBuf};

use anyhow::Context;
use unicode_normalization::UnicodeNormalization;

use crate::legacy::{self, Encoding};

/// One text converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where: `12` for a line, `Cá nhân › C5` for a spreadsheet cell.
    pub place: String,
    /// The text as it was.
    pub before: String,
    /// The text in Unicode.
    pub after: String,
    /// The encoding it was in.
    pub encoding: Encoding,
}

/// What was done to one file.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The texts converted.
    pub changes: Vec<Change>,
    /// Whether the file was UTF-16 (or not NFC) and is now UTF-8 NFC.
    pub reencoded: bool,
    /// Whether the file was read as Windows-1252 ("ANSI"), being neither UTF-8 nor UTF-16.
    pub ansi: bool,
    /// The backup written, when the file was rewritten.
    pub backup: Option<PathBuf>,
    /// For a workbook: it is not rewritten (that would lose its formatting and lists);
    /// the changes are to be made by hand.
    pub by_hand: bool,
}

/// Keys whose values are never converted: identifiers and paths.
const NOT_TEXT: [&str; 3] = ["ma", "loai", "bieu_trung"];

/// Converts one file in place (YAML, CSV) or reports its cells (xlsx, ods).
pub fn file(path: &Path) -> anyhow::Result<Outcome> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if crate::sheet::is_sheet(path) && ext != "csv" {
        return workbook(path);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(
            "không đọc được tệp {}: {}",
            path.display(),
            crate::diagnostics::io_reason(&e)
        )
    })?;
    let was_utf8 = std::str::from_utf8(&bytes).is_ok();
    // A file neither UTF-8 nor UTF-16 is what Notepad or Excel saved as "ANSI": with a
    // .VnTime or VNI-Times font that is exactly a legacy encoding, read byte for byte.
    let decoded = crate::load::decode(bytes.clone());
    let ansi = decoded.is_none();
    let text = decoded.unwrap_or_else(|| windows_1252(&bytes));
    let mut out = Outcome {
        ansi,
        ..Outcome::default()
    };
    let mut lines = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (new, changes) = if ext == "csv" {
            csv_line(line)
        } else {
            yaml_line(line)
        };
        for (before, after, encoding) in changes {
            out.changes.push(Change {
                place: (i + 1).to_string(),
                before,
                after,
                encoding,
            });
        }
        lines.push(new);
    }
    let new: String = lines.concat().nfc().collect();
    out.reencoded = !was_utf8 || new != text && out.changes.is_empty();
    if new == text && was_utf8 {
        return Ok(out);
    }
    let mut backup = path.as_os_str().to_owned();
    backup.push(".bak");
    let backup = PathBuf::from(backup);
    crate::write::atomic(&backup, &bytes)?;
    crate::write::atomic(path, new.as_bytes())?;
    out.backup = Some(backup);
    Ok(out)
}

/// Bytes read as Windows-1252: Latin-1, with its own letters in 0x80–0x9F.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Converts one part of a line when it is legacy text.
fn part(text: &str, changes: &mut Vec<(String, String, Encoding)>) -> String {
    let trimmed = text.trim();
    match legacy::detect(trimmed) {
        Some(f) => {
            changes.push((trimmed.to_owned(), f.unicode.clone(), f.encoding));
            text.replacen(trimmed, &f.unicode, 1)
        }
        None => text.to_owned(),
    }
}

type Changes = Vec<(String, String, Encoding)>;

fn yaml_line(line: &str) -> (String, Changes) {
    let mut changes = Vec::new();
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let (dash, rest) = match body.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", body),
    };
    if rest.starts_with('#') {
        return (line.to_owned(), changes);
    }
    // `key: value`: only the value is text; an id or a path is left alone.
    let key_end = rest.find(": ").or_else(|| {
        rest.trim_end()
            .ends_with(':')
            .then(|| rest.trim_end().len() - 1)
    });
    let new = match key_end {
        Some(k)
            if rest[..k]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            let key = &rest[..k];
            if NOT_TEXT.contains(&key) {
                return (line.to_owned(), changes);
            }
            let (head, value) = rest.split_at(k + 1);
            format!("{indent}{dash}{head}{}", part(value, &mut changes))
        }
        _ => format!("{indent}{dash}{}", part(rest, &mut changes)),
    };
    (new, changes)
}

fn csv_line(line: &str) -> (String, Changes) {
    let mut changes = Vec::new();
    let mut out = String::with_capacity(line.len());
    let mut cell = String::new();
    for c in line.chars() {
        if matches!(c, ',' | ';' | '\t' | '\n' | '\r') {
            out.push_str(&part(&cell, &mut changes));
            cell.clear();
            out.push(c);
        } else {
            cell.push(c);
        }
    }
    out.push_str(&part(&cell, &mut changes));
    (out, changes)
}

/// A workbook's legacy cells, found but not rewritten.
fn workbook(path: &Path) -> anyhow::Result<Outcome> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path)
        .with_context(|| format!("không mở được bảng tính {}", path.display()))?;
    let mut out = Outcome {
        by_hand: true,
        ..Outcome::default()
    };
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, cell) in range.cells() {
            let calamine::Data::String(s) = cell else {
                continue;
            };
            if let Some(f) = legacy::detect(s) {
                out.changes.push(Change {
                    place: format!(
                        "{name} › {}",
                        crate::sheet::reference(c + col0 as usize, r + row0 as usize)
                    ),
                    before: s.clone(),
                    after: f.unicode,
                    encoding: f.encoding,
                });
            }
        }
    }
    Ok(out)
}

/// What `vanban chuyen-ma` prints for one file, in Vietnamese.
pub fn report(path: &Path, o: &Outcome) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let shown = path.display();
    for c in &o.changes {
        let _ = writeln!(
            s,
            "{shown}:{}: «{}» → «{}» ({})",
            c.place,
            c.before,
            c.after,
            c.encoding.label()
        );
    }
    if o.by_hand {
        if o.changes.is_empty() {
            let _ = writeln!(s, "{shown}: không có ô nào gõ bằng bảng mã cũ.");
        } else {
            let _ = writeln!(
                s,
                "{shown}: chưa sửa tệp bảng tính (ghi lại sẽ mất định dạng và danh sách thả xuống); sửa {} ô trên bằng tay trong Excel, hoặc lưu trang thành .csv rồi chạy lại `vanban chuyen-ma` với tệp .csv.",
                o.changes.len()
            );
        }
        return s;
    }
    match &o.backup {
        None => {
            let _ = writeln!(s, "{shown}: đã là Unicode, không cần chuyển.");
        }
        Some(bak) => {
            let read = if o.ansi {
                "đọc theo mã ANSI (Windows-1252), "
            } else {
                ""
            };
            let what = if o.changes.is_empty() {
                "đã lưu lại bằng mã UTF-8 Unicode".to_owned()
            } else {
                format!("đã chuyển {} chỗ sang Unicode", o.changes.len())
            };
            let _ = writeln!(s, "{shown}: {read}{what}; bản cũ giữ ở {}.", bak.display());
        }
    }
    s
}
