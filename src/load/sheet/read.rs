//! Read: a workbook (calamine) or a CSV file as grids of plain cell values.

use std::path::Path;

use calamine::{Data, Reader, SheetVisible};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::labels::{NAME_LABELS, fold};

/// One cell's value, as far as the contract cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// Text as typed.
    Text(String),
    /// A number cell.
    Number(f64),
    /// A cell Excel formats as a date.
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
}

impl Raw {
    /// The value as shown back to the user in a diagnostic.
    pub fn shown(&self) -> String {
        match self {
            Raw::Text(s) => s.clone(),
            Raw::Number(n) => plain_number(*n),
            Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

/// `1985`, not `1985.0`; a fraction keeps its digits.
pub(super) fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// One sheet: its name and its rows, `rows[r][c]` at 0-based sheet row `r`, column `c`.
#[derive(Debug)]
pub(super) struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Option<Raw>>>,
}

/// Every visible sheet of a workbook or the one sheet of a CSV; `Err` is the reason the
/// file is not readable, in Vietnamese.
pub(super) fn grids(path: &Path) -> Result<Vec<Grid>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() == Some("csv") {
        let bytes = std::fs::read(path).map_err(|e| format!("không đọc được tệp ({e})"))?;
        let text = crate::load::decode(bytes)
            .ok_or_else(|| "tệp CSV không được lưu bằng mã UTF-8".to_owned())?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(vec![Grid {
            name,
            rows: csv_rows(&text),
        }]);
    }
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| format!("không mở được bảng tính ({e})"))?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut out = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("không đọc được trang tính {name} ({e})"))?;
        let mut rows = Vec::new();
        if let Some((r0, c0)) = range.start() {
            let (r1, c1) = range.end().unwrap_or((r0, c0));
            for r in 0..=r1 {
                let mut row = vec![None; c1 as usize + 1];
                if r >= r0 {
                    for c in c0..=c1 {
                        row[c as usize] = range.get_value((r, c)).and_then(raw);
                    }
                }
                rows.push(row);
            }
        }
        out.push(Grid { name, rows });
    }
    Ok(out)
}

fn raw(d: &Data) -> Option<Raw> {
    match d {
        Data::Empty | Data::Error(_) => None,
        Data::String(s) => text(s),
        Data::Int(i) => Some(Raw::Number(*i as f64)),
        Data::Float(f) => Some(Raw::Number(*f)),
        Data::Bool(b) => Some(Raw::Bool(*b)),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).map(Raw::Date)
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(Raw::Date)
            .or_else(|| text(s)),
        Data::DurationIso(s) => text(s),
    }
}

/// A text cell, NFC, with Windows line breaks made plain; blank is empty.
fn text(s: &str) -> Option<Raw> {
    let s: String = s.replace("\r\n", "\n").replace('\r', "\n").nfc().collect();
    let s = s.trim();
    (!s.is_empty()).then(|| Raw::Text(s.to_owned()))
}

/// Splits a CSV (quoted fields may hold separators, quotes and line breaks). The separator
/// is `;` or `,`, whichever the header line holds more of: Excel on a Vietnamese-region PC
/// writes `;`.
fn csv_rows(text: &str) -> Vec<Vec<Option<Raw>>> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text
        .lines()
        .take(20)
        .find(|l| {
            let f = fold(l);
            NAME_LABELS.iter().any(|(n, _)| f.contains(&fold(n)))
        })
        .or_else(|| text.lines().next())
        .unwrap_or("");
    let sep = if header.matches(';').count() > header.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == sep && !quoted => row.push(text_field(&mut field)),
            '\n' if !quoted => {
                row.push(text_field(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(text_field(&mut field));
        rows.push(row);
    }
    rows
}

fn text_field(field: &mut String) -> Option<Raw> {
    let f = std::mem::take(field);
    text(&f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_semicolon_csv_with_quotes_and_breaks() {
        let rows = csv_rows(
            "\u{feff}DANH SÁCH\r\nSTT;Họ và tên;Ghi chú\r\n1;\"Lê, Văn A\";\"dòng 1\r\ndòng \"\"2\"\"\"\r\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2][1], Some(Raw::Text("Lê, Văn A".into())));
        assert_eq!(rows[2][2], Some(Raw::Text("dòng 1\ndòng \"2\"".into())));
    }

    #[test]
    fn numbers_are_plain_digits() {
        assert_eq!(plain_number(1985.0), "1985");
        assert_eq!(plain_number(2.5), "2.5");
    }
}
