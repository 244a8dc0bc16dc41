//! Stable codes for every class of diagnostic (`V012`), as rustc's `E0308`: a message may
//! change its words between versions, its code does not, so staff can search for it, ask
//! about it, and read its long explanation with `vanban giai-thich V012`.
//!
//! The enum owns the number and the short title; the long explanation, in Vietnamese with
//! an example of the mistake and its fix, is the code's section of `docs/giai-thich.md`,
//! embedded in the binary so that the documentation and the program say the same words.
//! A test holds the two together: every code has its section under the same title, and
//! every section belongs to a code.
//!
//! Numbers are grouped by what the user has to look at: 00x reading files, 01x keys and
//! values, 02x codes (`ma`) and references, 03x documents, 04x criteria, 05x spreadsheets,
//! 06x templates and the PDF. A retired code is never reused for something else.

use std::process::ExitCode;

use serde::Serialize;

/// The long explanations, one `## Vxxx: title` section per code.
pub const GIAI_THICH: &str = include_str!("../docs/giai-thich.md");

/// One class of diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A file could not be read: missing, locked, not allowed, or too large.
    UnreadableFile,
    /// A text file not saved as UTF-8 (or UTF-16 with its mark).
    NotUtf8,
    /// The YAML text itself is malformed.
    YamlSyntax,
    /// A YAML document or list item that is not a record.
    NotARecord,
    /// A value past a size limit: a text too long, nesting too deep.
    TooLarge,
    /// A key the contract does not know.
    UnknownKey,
    /// A required key that is absent.
    MissingKey,
    /// A value of the wrong type, or not one of the allowed values.
    WrongValue,
    /// A date that does not exist (31/02) or cannot be read as a date.
    ImpossibleDate,
    /// A number outside the range the documents allow (year, number, offset).
    OutOfRange,
    /// Text typed in TCVN3, VNI, or with Unikey off.
    LegacyEncoding,
    /// A character the fonts cannot draw.
    MissingGlyph,
    /// A `co_quan` (or other) code that names no record.
    UnknownReference,
    /// The dataset lacks a whole kind of record: no `dot`, no `co_quan`.
    MissingRecord,
    /// Two records (or two entries) with the same code.
    DuplicateId,
    /// A `ma` that cannot be a file name: wrong characters, reserved, too long.
    InvalidId,
    /// Problems with `bieu_trung`, or a certificate without the national emblem.
    Emblem,
    /// A signer line that the document's regime does not write so.
    Signer,
    /// Something a document will say (or leave out) that the user should know.
    DocumentContent,
    /// A document number that clashes with, or changes, the issuing register.
    Register,
    /// A record not put on a list, or assessed otherwise than asked.
    Criteria,
    /// A spreadsheet that cannot be read at all.
    SheetUnreadable,
    /// A sheet without a header row: skipped.
    SheetNoHeader,
    /// A column label that names no key.
    SheetColumn,
    /// A cell whose value cannot be read, or rows that cannot be told apart.
    SheetCell,
    /// A template (the dataset's own, under `templates/`) that fails.
    Template,
    /// A document that could not be laid out or written as PDF.
    Pdf,
}

impl Code {
    /// Every code, in number order.
    pub const ALL: [Code; 27] = [
        Code::UnreadableFile,
        Code::NotUtf8,
        Code::YamlSyntax,
        Code::NotARecord,
        Code::TooLarge,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongValue,
        Code::ImpossibleDate,
        Code::OutOfRange,
        Code::LegacyEncoding,
        Code::MissingGlyph,
        Code::UnknownReference,
        Code::MissingRecord,
        Code::DuplicateId,
        Code::InvalidId,
        Code::Emblem,
        Code::Signer,
        Code::DocumentContent,
        Code::Register,
        Code::Criteria,
        Code::SheetUnreadable,
        Code::SheetNoHeader,
        Code::SheetColumn,
        Code::SheetCell,
        Code::Template,
        Code::Pdf,
    ];

    /// The code's number, stable across versions.
    pub const fn number(self) -> u16 {
        match self {
            Code::UnreadableFile => 1,
            Code::NotUtf8 => 2,
            Code::YamlSyntax => 3,
            Code::NotARecord => 4,
            Code::TooLarge => 5,
            Code::UnknownKey => 10,
            Code::MissingKey => 11,
            Code::WrongValue => 12,
            Code::ImpossibleDate => 13,
            Code::OutOfRange => 14,
            Code::LegacyEncoding => 15,
            Code::MissingGlyph => 16,
            Code::UnknownReference => 20,
            Code::MissingRecord => 21,
            Code::DuplicateId => 22,
            Code::InvalidId => 23,
            Code::Emblem => 30,
            Code::Signer => 31,
            Code::DocumentContent => 32,
            Code::Register => 33,
            Code::Criteria => 40,
            Code::SheetUnreadable => 50,
            Code::SheetNoHeader => 51,
            Code::SheetColumn => 52,
            Code::SheetCell => 53,
            Code::Template => 60,
            Code::Pdf => 61,
        }
    }

    /// The short title, as the heading of the code's explanation.
    pub const fn title(self) -> &'static str {
        match self {
            Code::UnreadableFile => "không đọc được tệp",
            Code::NotUtf8 => "tệp không lưu bằng mã UTF-8",
            Code::YamlSyntax => "tệp YAML sai cú pháp",
            Code::NotARecord => "nội dung không phải một bản ghi",
            Code::TooLarge => "dữ liệu vượt giới hạn kích thước",
            Code::UnknownKey => "khóa không có trong quy định dữ liệu",
            Code::MissingKey => "thiếu khóa bắt buộc",
            Code::WrongValue => "giá trị sai kiểu hoặc không hợp lệ",
            Code::ImpossibleDate => "ngày không có thật hoặc viết sai dạng",
            Code::OutOfRange => "số ngoài khoảng cho phép",
            Code::LegacyEncoding => "chữ gõ bằng bảng mã cũ",
            Code::MissingGlyph => "phông chữ không có chữ này",
            Code::UnknownReference => "mã tham chiếu không trỏ tới bản ghi nào",
            Code::MissingRecord => "bộ dữ liệu thiếu đợt thi đua hoặc cơ quan",
            Code::DuplicateId => "trùng mã hoặc trùng mục",
            Code::InvalidId => "mã không dùng được",
            Code::Emblem => "biểu trưng, Quốc huy",
            Code::Signer => "dòng quyền hạn của người ký",
            Code::DocumentContent => "nội dung văn bản cần xem lại",
            Code::Register => "số văn bản khác sổ văn bản",
            Code::Criteria => "không đưa vào danh sách khen thưởng",
            Code::SheetUnreadable => "không đọc được bảng tính",
            Code::SheetNoHeader => "trang tính không có hàng tiêu đề",
            Code::SheetColumn => "tên cột không nhận ra",
            Code::SheetCell => "ô bảng tính không đọc được",
            Code::Template => "lỗi trong mẫu văn bản",
            Code::Pdf => "không tạo được tệp PDF",
        }
    }

    /// `V012`.
    pub fn as_str(self) -> String {
        format!("V{:03}", self.number())
    }

    /// The code written `V012`, `v12` or `12`.
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim();
        let digits = t
            .strip_prefix(['V', 'v'])
            .unwrap_or(t)
            .trim_start_matches('0');
        let n: u16 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Code::ALL.into_iter().find(|c| c.number() == n)
    }

    /// The long explanation: the code's section of `docs/giai-thich.md`, heading included.
    pub fn explanation(self) -> Option<&'static str> {
        sections()
            .into_iter()
            .find(|(code, _, _)| *code == self.as_str())
            .map(|(_, _, text)| text)
    }

    /// A reference that names nothing: [`Code::MissingRecord`] when the dataset has no
    /// record of that kind at all (the root cause to tell), else [`Code::UnknownReference`].
    pub fn reference(none_of_that_kind: bool) -> Code {
        if none_of_that_kind {
            Code::MissingRecord
        } else {
            Code::UnknownReference
        }
    }

    /// The class of a record that serde refused, from serde's own (English) words or our
    /// visitors' Vietnamese ones: what `load` and the spreadsheet reader pass it.
    pub fn of_serde(raw: &str) -> Code {
        if raw.starts_with("unknown field") {
            Code::UnknownKey
        } else if raw.starts_with("missing field") {
            Code::MissingKey
        } else if raw.starts_with("ngày ") {
            // Our date visitor: `ngày `31/02/2025` không có thật…`, `ngày `…` không đọc được…`.
            Code::ImpossibleDate
        } else {
            Code::WrongValue
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "V{:03}", self.number())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}

/// Every `## Vxxx: title` section of the explanations: its code, title and text (heading
/// included, trailing blank lines dropped).
fn sections() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut starts: Vec<usize> = GIAI_THICH
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .collect();
    starts.push(GIAI_THICH.len());
    starts
        .windows(2)
        .filter_map(|w| {
            let text = GIAI_THICH[w[0]..w[1]].trim_end();
            let head = text.lines().next()?.strip_prefix("## ")?;
            let (code, title) = head.split_once(": ")?;
            Some((code.trim(), title.trim(), text))
        })
        .collect()
}

/// `vanban giai-thich [MÃ]`: prints one code's explanation, or lists every code.
pub fn giai_thich(code: Option<&str>) -> anyhow::Result<ExitCode> {
    let list = || {
        Code::ALL
            .iter()
            .map(|c| format!("  {c}  {}\n", c.title()))
            .collect::<String>()
    };
    let Some(asked) = code else {
        println!("Các mã lỗi và cảnh báo của vanban (xem giải thích: vanban giai-thich <MÃ>):");
        print!("{}", list());
        return Ok(ExitCode::SUCCESS);
    };
    match Code::parse(asked).and_then(|c| c.explanation()) {
        Some(text) => {
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let known: Vec<String> = Code::ALL.iter().map(|c| c.as_str()).collect();
            let near = crate::suggest::suggest(&asked.trim().to_uppercase(), &known)
                .map(|s| format!("có phải ý bạn là `{s}`? "))
                .unwrap_or_default();
            eprintln!(
                "lỗi: vanban không có mã `{}`\n   = gợi ý: {near}mã viết dạng V012; các mã có:\n{}",
                asked.trim(),
                list()
            );
            Ok(ExitCode::from(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_has_a_unique_number_and_its_explanation() {
        let mut numbers = HashSet::new();
        for c in Code::ALL {
            assert!(numbers.insert(c.number()), "{c} is used twice");
            assert!(c.number() < 100, "{c} is not a V0xx code");
            let section = sections()
                .into_iter()
                .find(|(code, ..)| *code == c.as_str());
            let (_, title, text) =
                section.unwrap_or_else(|| panic!("docs/giai-thich.md has no section {c}"));
            assert_eq!(title, c.title(), "{c}: title in docs/giai-thich.md");
            // A useful explanation shows the mistake and its fix, not the title alone.
            assert!(text.lines().count() >= 5, "{c}: explanation too short");
            assert!(text.contains("```"), "{c}: explanation without an example");
        }
        // ALL lists every variant in number order, so the list reads as the docs do.
        let ordered: Vec<u16> = Code::ALL.iter().map(|c| c.number()).collect();
        assert!(ordered.is_sorted(), "Code::ALL out of order: {ordered:?}");
        let documented: Vec<&str> = sections().into_iter().map(|(code, ..)| code).collect();
        let known: Vec<String> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            documented, known,
            "docs/giai-thich.md sections and Code::ALL"
        );
    }

    #[test]
    fn codes_are_read_as_staff_type_them() {
        assert_eq!(Code::parse("V012"), Some(Code::WrongValue));
        assert_eq!(Code::parse("v12"), Some(Code::WrongValue));
        assert_eq!(Code::parse(" 13 "), Some(Code::ImpossibleDate));
        assert_eq!(Code::parse("V099"), None);
        assert_eq!(Code::parse("V0x"), None);
        assert_eq!(Code::WrongValue.to_string(), "V012");
        assert_eq!(serde_json::to_string(&Code::Criteria).unwrap(), "\"V040\"");
    }

    #[test]
    fn serde_errors_are_classed() {
        assert_eq!(
            Code::of_serde("unknown field `ho_tn`, expected one of `ho_ten`"),
            Code::UnknownKey
        );
        assert_eq!(Code::of_serde("missing field `ho_ten`"), Code::MissingKey);
        assert_eq!(
            Code::of_serde("unknown variant `doan_vien`, expected one of"),
            Code::WrongValue
        );
        assert_eq!(
            Code::of_serde("ngày `31/02/2025` không có thật: tháng 2 năm 2025 chỉ có 28 ngày"),
            Code::ImpossibleDate
        );
    }
}
