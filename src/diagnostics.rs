//! Problems in the user's data: many per run, each with file, line, column, field, a
//! Vietnamese message and a hint, and one renderer for all of them (compiler style).
//!
//! Failures of the environment (disk full, register locked) are not diagnostics: they
//! travel as `anyhow::Error` and stop the run.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem is: file, 1-based line and column, and the offending line's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub snippet: Option<String>,
}

/// One problem found in the data, a template or the fonts.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    /// The field at fault, as a key path the user can search for (`dang_ky.ngay`).
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal, rustc style:
    ///
    /// ```text
    /// lỗi: thiếu khóa bắt buộc `don_vi`
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
        let _ = writeln!(out, "{label}: {}", self.message);
        let field = self
            .field
            .as_deref()
            .map(|f| format!(" (trường: {})", display_path(f)))
            .unwrap_or_default();
        match &self.location {
            Some(loc) => {
                let _ = writeln!(
                    out,
                    "  --> {}:{}:{}{field}",
                    loc.file.display(),
                    loc.line,
                    loc.col
                );
                if let Some(text) = &loc.snippet {
                    let num = loc.line.to_string();
                    let pad = " ".repeat(num.len());
                    let caret_pad: String = text
                        .chars()
                        .take(loc.col.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{num} | {text}");
                    let _ = writeln!(out, "{pad} | {caret_pad}^");
                }
            }
            None if !field.is_empty() => {
                let _ = writeln!(out, " {field}");
            }
            None => {}
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = gợi ý: {hint}");
        }
        out
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
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

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
            .at(Location {
                file: "ca-nhan.yaml".into(),
                line: 12,
                col: 3,
                snippet: Some("  ho_ten: Nguyễn Văn A".into()),
            })
            .field("tien_do[0].don_vi")
            .hint("thêm dòng `don_vi: …`");
        let text = d.render();
        assert!(text.starts_with("lỗi: thiếu khóa bắt buộc `don_vi`\n"));
        assert!(text.contains("--> ca-nhan.yaml:12:3 (trường: tien_do[1].don_vi)"));
        assert!(text.contains("12 |   ho_ten: Nguyễn Văn A\n   |   ^\n"));
        assert!(text.contains("= gợi ý: thêm dòng"));
    }
}
