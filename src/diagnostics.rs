//! Problems in the user's data: many per run, each with file, line, column, field, a
//! Vietnamese message and a hint, and one renderer for all of them (compiler style).
//!
//! Failures of the environment (disk full, register locked) are not diagnostics: they
//! travel as `anyhow::Error` and stop the run.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

pub use crate::codes::Code;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A problem worth telling that does not stop the run from succeeding.
    Warning,
    /// A problem that makes the run fail.
    Error,
}

/// Where a problem is: a file, and in it a line (YAML, templates) or a cell (spreadsheets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, as shown to the user.
    pub file: PathBuf,
    /// 1-based line; `None` when only the file is known (a template line Tera cannot map
    /// back, a spreadsheet cell).
    pub line: Option<usize>,
    /// 1-based column of the offending value on its line.
    pub col: usize,
    /// The spreadsheet cell, for records read from a workbook or CSV.
    pub cell: Option<Cell>,
    /// The offending line's text (or a cell's value), shown under the location.
    #[serde(skip)]
    pub snippet: Option<String>,
}

/// Carets under a stretch of the snippet line, and their label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Underline {
    /// How many characters the carets underline from the column.
    pub width: usize,
    /// What the carets point at, written after them (`giá trị này`).
    pub label: String,
}

/// A cell of a spreadsheet: `danh-sach.xlsx › Cá nhân › E12 (cột Đối tượng)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The sheet's name as shown in the workbook's tabs.
    pub sheet: String,
    /// A1-style reference: `E12`.
    pub reference: String,
    /// The column's label as written in the header row.
    pub column: String,
}

impl Location {
    /// Line `line`, column `col` of `file`, with the line's text.
    pub fn line(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        snippet: Option<String>,
    ) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            col,
            cell: None,
            snippet,
        }
    }

    /// The whole of `file`, no line known.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            col: 0,
            cell: None,
            snippet: None,
        }
    }

    /// A cell of a spreadsheet, with its value.
    pub fn cell(file: impl Into<PathBuf>, cell: Cell, value: Option<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            col: 0,
            cell: Some(cell),
            snippet: value,
        }
    }

    /// The place as one phrase, for pointing at it from another message:
    /// `ca-nhan.yaml:12`, `danh-sach.xlsx › Cá nhân › E12 (cột Đối tượng)`.
    pub fn place(&self) -> String {
        let file = self.file.display();
        match (&self.cell, self.line) {
            (Some(c), _) => format!("{file} › {} › {} (cột {})", c.sheet, c.reference, c.column),
            (None, Some(line)) => format!("{file}:{line}"),
            (None, None) => file.to_string(),
        }
    }
}

/// One problem found in the data, a template or the fonts.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Whether the problem is an error or a warning.
    pub severity: Severity,
    /// The class of the problem (`V012`), stable across versions; explained by
    /// `vanban giai-thich`.
    pub code: Option<Code>,
    /// Where the problem is, when it is in a file.
    pub location: Option<Location>,
    /// The field at fault, as a key path the user can search for (`dang_ky.ngay`).
    pub field: Option<String>,
    /// The output document concerned, relative to the output folder, for problems found
    /// while making it.
    pub document: Option<PathBuf>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to do about it, in plain Vietnamese.
    pub hint: Option<String>,
    /// The carets under the value at the location and their label; one caret when `None`.
    #[serde(skip)]
    pub underline: Option<Underline>,
}

impl Diagnostic {
    /// An error with this message and nothing else known yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: None,
            location: None,
            field: None,
            document: None,
            message: message.into(),
            hint: None,
            underline: None,
        }
    }

    /// A warning with this message and nothing else known yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Names the class of the problem, printed as `lỗi[V012]`.
    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// Places the problem at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Places the problem at a value, underlined with its label when known.
    pub fn at_value(mut self, (location, underline): (Location, Option<Underline>)) -> Self {
        self.location = Some(location);
        self.underline = underline;
        self
    }

    /// Names the field at fault by its key path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Names the output document the problem was found in.
    pub fn document(mut self, path: impl Into<PathBuf>) -> Self {
        self.document = Some(path.into());
        self
    }

    /// Adds the hint that says how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal, rustc style:
    ///
    /// ```text
    /// lỗi[V011]: thiếu khóa bắt buộc `don_vi`
    ///   --> ca-nhan.yaml:12:3 (trường: don_vi)
    ///    |
    /// 12 |   ho_ten: Nguyễn Văn A
    ///    |   ^
    ///    = gợi ý: thêm dòng `don_vi: …` vào bản ghi
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        match self.code {
            Some(code) => {
                let _ = writeln!(out, "{label}[{code}]: {}", self.message);
            }
            None => {
                let _ = writeln!(out, "{label}: {}", self.message);
            }
        }
        let field = self
            .field
            .as_deref()
            .map(|f| format!(" (trường: {})", display_path(f)))
            .unwrap_or_default();
        match &self.location {
            Some(loc) if loc.cell.is_some() || loc.line.is_none() => {
                let _ = writeln!(out, "  --> {}{field}", loc.place());
                if let Some(value) = &loc.snippet {
                    let _ = writeln!(out, "   | giá trị: {value}");
                }
            }
            Some(loc) => {
                let line = loc.line.unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  --> {}:{}:{}{field}",
                    loc.file.display(),
                    line,
                    loc.col
                );
                if let Some(text) = &loc.snippet {
                    let num = line.to_string();
                    let pad = " ".repeat(num.len());
                    let caret_pad: String = text
                        .chars()
                        .take(loc.col.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{num} | {text}");
                    let (carets, label) = match &self.underline {
                        Some(u) => ("^".repeat(u.width.max(1)), format!(" {}", u.label)),
                        None => ("^".to_owned(), String::new()),
                    };
                    let _ = writeln!(out, "{pad} | {caret_pad}{carets}{label}");
                }
            }
            None if !field.is_empty() => {
                let _ = writeln!(out, " {field}");
            }
            None => {}
        }
        if let Some(doc) = &self.document {
            let _ = writeln!(out, "   = văn bản: {}", doc.display());
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = gợi ý: {hint}");
        }
        out
    }
}

pub use crate::suggest::suggest;

/// Why a file could not be read or written, in the words an office user knows.
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "không tìm thấy tệp",
        PermissionDenied => "không có quyền đọc hoặc ghi tệp này",
        IsADirectory => "đây là một thư mục, không phải tệp",
        InvalidData => "nội dung tệp bị hỏng",
        StorageFull => "ổ đĩa đầy",
        ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        ResourceBusy => "tệp đang được chương trình khác dùng",
        _ => "lỗi hệ thống khi đọc tệp (tệp có thể đang mở trong chương trình khác)",
    }
}

/// Shows list indices 1-based, as staff count: `tien_do[0]` → `tien_do[1]`.
pub fn display_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open + 1]);
        let after = &rest[open + 1..];
        let close = after.find(']').unwrap_or(after.len());
        match after[..close].parse::<usize>() {
            Ok(n) => out.push_str(&(n + 1).to_string()),
            Err(_) => out.push_str(&after[..close]),
        }
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// All diagnostics of a run, in the order found.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// The diagnostics, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Adds several diagnostics, keeping their order.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    /// How many of the diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many of the diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Every diagnostic rendered, separated by blank lines.
    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(Diagnostic::render)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_and_hint() {
        let d = Diagnostic::error("thiếu khóa bắt buộc `don_vi`")
            .code(Code::MissingKey)
            .at(Location::line(
                "ca-nhan.yaml",
                12,
                3,
                Some("  ho_ten: Nguyễn Văn A".into()),
            ))
            .field("tien_do[0].don_vi")
            .hint("thêm dòng `don_vi: …`");
        let text = d.render();
        assert!(text.starts_with("lỗi[V011]: thiếu khóa bắt buộc `don_vi`\n"));
        assert!(text.contains("--> ca-nhan.yaml:12:3 (trường: tien_do[1].don_vi)"));
        assert!(text.contains("12 |   ho_ten: Nguyễn Văn A\n   |   ^\n"));
        assert!(text.contains("= gợi ý: thêm dòng"));
    }

    #[test]
    fn renders_a_cell_with_its_value() {
        let cell = Cell {
            sheet: "Cá nhân".into(),
            reference: "E12".into(),
            column: "Đối tượng".into(),
        };
        let d = Diagnostic::error("đối tượng không hợp lệ")
            .at(Location::cell(
                "danh-sach.xlsx",
                cell,
                Some("Cán bộ".into()),
            ))
            .document("2025/giay-khen/ubnd/a.pdf");
        let text = d.render();
        assert!(text.contains("--> danh-sach.xlsx › Cá nhân › E12 (cột Đối tượng)\n"));
        assert!(text.contains("| giá trị: Cán bộ\n"));
        assert!(text.contains("= văn bản: 2025/giay-khen/ubnd/a.pdf"));
        // Without a code the label stands alone, as it did before codes existed.
        assert!(text.starts_with("lỗi: đối tượng"), "{text}");
    }

    #[test]
    fn a_warning_carries_its_code_on_screen_and_in_json() {
        let d = Diagnostic::warning("không đưa cá nhân `an` vào danh sách khen thưởng")
            .code(Code::Criteria)
            .field("khen_thuong");
        assert!(
            d.render()
                .starts_with("cảnh báo[V040]: không đưa cá nhân `an`"),
            "{}",
            d.render()
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["code"], "V040");
        assert_eq!(json["severity"], "warning");
    }
}
