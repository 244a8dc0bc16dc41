//! YAML that does not parse: libyaml's English error at the line of the file, turned into
//! a Vietnamese message with what to do (a tab, a missing space after `:`, a duplicate
//! key, a control character, an unclosed quote shown where it opens).

use super::*;

/// A piece of `file` (its `text`, starting at line `first_line`) that does not parse, at
/// its line in the file. A duplicate key and a number too large for any integer type are
/// named by their key, at the line of the offending entry.
pub(super) fn syntax_error(
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
pub(super) fn written_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim_start_matches([' ', '-']).strip_prefix(key)?;
        let value = rest.trim_start().strip_prefix(':')?;
        let value = value.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// The first control character of `text` libyaml refuses, with its 1-based line and column.
pub(super) fn control_char(text: &str) -> Option<(usize, usize, char)> {
    text.lines().enumerate().find_map(|(i, l)| {
        l.chars()
            .enumerate()
            .find(|(_, c)| crate::limits::is_control(*c))
            .map(|(j, c)| (i + 1, j + 1, c))
    })
}

/// The position libyaml names after `, while scanning … at line 5 column 12`.
pub(super) fn context_mark(raw: &str) -> Option<Pos> {
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
pub(super) fn duplicate_key(raw: &str) -> Option<String> {
    let rest = raw.split("duplicate entry with key ").nth(1)?;
    let quoted = rest.strip_prefix('"')?;
    Some(quoted.split('"').next()?.to_owned())
}

/// Where, within `text`, the second `key:` at the indentation of the first is.
pub(super) fn second_occurrence(text: &str, key: &str) -> Option<Pos> {
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
pub(super) fn key_at(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let body = l.trim_start_matches([' ', '-']);
    let (key, _) = body.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| key.to_owned())
}

/// libyaml's messages (as serde_norway words them), what they mean and how to fix them,
/// in the office's words. The most specific first.
pub(super) const YAML_ERRORS: &[(&str, &str, &str)] = &[
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

pub(super) fn strip_location(raw: &str) -> &str {
    raw.split(" at line ").next().unwrap_or(raw)
}
