//! Bounds on the work one input may cause, checked before the expensive step sees it: a
//! file's size and its flow-collection nesting before libyaml parses it (libyaml's
//! scanner is quadratic in nesting depth: 200 KB of `[[[…]]]` took minutes), and the
//! length of each text value before layout (a 100 KB body name took 74 s to lay out).
//! Each bound is far above what any office's data needs, and exceeding one is a located
//! error, not a hang.

use std::path::Path;

use serde_norway::Value;

use crate::diagnostics::{Diagnostic, Location};

/// The largest data file read: a 10,000-person list in one file is about 25 MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The deepest nesting of `[`/`{` collections in a YAML file: records nest three deep.
pub const MAX_FLOW_DEPTH: usize = 32;

/// The longest text value, in characters: a report's longest section is a few pages.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The longest name (a person's, a body's, a collective's, a title), in characters.
pub const MAX_NAME_CHARS: usize = 300;

/// Keys whose value is a name printed on one or two lines of a header or certificate.
const NAME_KEYS: &[&str] = &[
    "ho_ten",
    "ten",
    "ten_viet_tat",
    "co_quan_cap_tren",
    "chuc_vu",
    "dia_danh",
    "quyen_han",
];

/// A data file too large to read, as a diagnostic on it.
pub fn size(display: &Path, bytes: Option<u64>) -> Option<Diagnostic> {
    let bytes = bytes.filter(|&b| b > MAX_FILE_BYTES)?;
    Some(
        Diagnostic::error(format!(
            "tệp quá lớn ({} MB; tối đa {} MB một tệp)",
            bytes >> 20,
            MAX_FILE_BYTES >> 20
        ))
        .code(crate::codes::Code::TooLarge)
        .at(Location::file(display))
        .hint("chia danh sách thành nhiều tệp nhỏ hơn, hoặc kiểm tra có chép nhầm tệp khác vào thư mục dữ liệu không"),
    )
}

/// A YAML text nested too deep to parse in bounded time, as a diagnostic at the line.
pub fn screen(display: &Path, text: &str) -> Option<Diagnostic> {
    let line = too_deep(text)?;
    Some(
        Diagnostic::error(format!(
            "dữ liệu lồng nhau quá sâu (quá {MAX_FLOW_DEPTH} lớp ngoặc `[` hoặc `{{`)"
        ))
        .code(crate::codes::Code::TooLarge)
        .at(Location::line(
            display,
            line,
            1,
            text.lines()
                .nth(line - 1)
                .map(|l| l.chars().take(120).collect()),
        ))
        .hint("tệp có thể bị hỏng; mở tệp xem dòng này, xóa các dấu ngoặc thừa"),
    )
}

/// Where the flow nesting of `text` first passes [`MAX_FLOW_DEPTH`]: its 1-based line.
/// Brackets inside quoted scalars and comments do not count.
pub fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for c in line.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if prev == ' ' || "[{,:".contains(prev) => quote = Some(c),
                    '#' if prev == ' ' => break,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_FLOW_DEPTH {
                            return Some(i + 1);
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
    }
    None
}

/// A text value over its bound: the key path inside the record, its length, the bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// Key path inside the record, as diagnostics name fields: `nguoi_ky.ho_ten`.
    pub path: String,
    /// Its length in characters.
    pub chars: usize,
    /// The bound it passes.
    pub limit: usize,
}

/// Every text value of `record` over its bound.
pub fn too_long(record: &Value) -> Vec<TooLong> {
    let mut out = Vec::new();
    each_text(record, String::new(), None, &mut |path, key, s| {
        let limit = if key.is_some_and(|k| NAME_KEYS.contains(&k)) {
            MAX_NAME_CHARS
        } else {
            MAX_TEXT_CHARS
        };
        // Bytes bound characters from above: most values never need counting.
        if s.len() > limit {
            let chars = s.chars().count();
            if chars > limit {
                out.push(TooLong {
                    path: path.to_owned(),
                    chars,
                    limit,
                });
            }
        }
    });
    out
}

/// A character no document can print and no one types on purpose: a control character
/// other than a line break or a tab (a BEL pasted from a terminal, a `\a` escape).
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Every text value of `record` holding a control character: its key path and the first
/// such character. The font check reads the file's text, where `"\a"` is two letters.
pub fn control_chars(record: &Value) -> Vec<(String, char)> {
    let mut out = Vec::new();
    each_text(record, String::new(), None, &mut |path, _, s| {
        if let Some(c) = s.chars().find(|c| is_control(*c)) {
            out.push((path.to_owned(), c));
        }
    });
    out
}

/// Calls `visit` with the key path, the nearest key and the text of every string below `v`:
/// the one walk over a record's texts, for its length and control-character limits and
/// the legacy-encoding check.
pub fn each_text(
    v: &Value,
    path: String,
    key: Option<&str>,
    visit: &mut impl FnMut(&str, Option<&str>, &str),
) {
    match v {
        Value::String(s) => visit(&path, key, s),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                each_text(item, format!("{path}[{i}]"), key, visit);
            }
        }
        Value::Mapping(m) => {
            for (k, item) in m {
                let Some(k) = k.as_str() else { continue };
                each_text(item, crate::source::join(&path, k), Some(k), visit);
            }
        }
        Value::Tagged(t) => each_text(&t.value, path, key, visit),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_and_quoted_brackets_are_not() {
        let deep = format!("loai: dot\nx: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(too_deep(&deep), Some(2));
        let quoted = format!("ten: \"{}\"\n# {}\n", "[".repeat(200), "{".repeat(200));
        assert_eq!(too_deep(&quoted), None);
        assert_eq!(too_deep("lech_mm: {x: 1, y: [2, 3]}\n"), None);
    }

    #[test]
    fn long_names_and_texts_are_named_by_their_path() {
        let yaml = format!(
            "ten: {}\nnguoi_ky:\n  ho_ten: Lê Văn Tám\nbao_cao:\n  ket_qua: {}\n",
            "Ấ".repeat(MAX_NAME_CHARS + 1),
            "a".repeat(MAX_TEXT_CHARS)
        );
        let v: Value = serde_norway::from_str(&yaml).unwrap();
        assert_eq!(
            too_long(&v),
            vec![TooLong {
                path: "ten".into(),
                chars: MAX_NAME_CHARS + 1,
                limit: MAX_NAME_CHARS
            }]
        );
    }

    /// The loader refuses a deep file and a record with a huge name, at their place, and
    /// still loads the rest.
    #[test]
    fn the_loader_refuses_what_would_hang_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let deep = format!(
            "loai: dot\nx: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        std::fs::write(dir.path().join("sau.yaml"), deep).unwrap();
        let people = format!(
            "- loai: ca_nhan\n  ma: a\n  ho_ten: {}\n  don_vi: x\n  doi_tuong: nhan_dan\n- loai: ca_nhan\n  ma: b\n  ho_ten: Lê Thị B\n  don_vi: x\n  doi_tuong: nhan_dan\n",
            "A".repeat(100_000)
        );
        std::fs::write(dir.path().join("ca-nhan.yaml"), people).unwrap();
        let (ds, diags) = crate::load::load(dir.path(), &[]).unwrap();
        let text: Vec<String> = diags.iter().map(Diagnostic::render).collect();
        assert_eq!(diags.len(), 2, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("lồng nhau quá sâu") && t.contains("sau.yaml:2")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("`ho_ten` dài 100000 ký tự") && t.contains("ca-nhan.yaml:3")),
            "{text:?}"
        );
        assert_eq!(ds.persons.len(), 1);
        assert_eq!(ds.persons[0].record.ma, "b");
    }
}
