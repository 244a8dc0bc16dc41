//! The only road from data to Typst markup.
//!
//! Every value from YAML reaches a template through [`markup`], registered as Tera's
//! autoescape for `.typ` templates. It backslash-escapes every ASCII punctuation mark, so
//! nothing a user types can open markup, code, math, a comment, a label or a reference:
//! Typst reads `\` followed by any non-space character as that character. Escaping
//! punctuation that is harmless today (`.`, `,`) costs nothing and keeps the rule simple,
//! and it also keeps a template's own `(`, `[` or `.` right after a value from joining it.
//!
//! Line breaks inside a value become spaces: only [`paragraphs`] gives blank lines and
//! `- ` a meaning, and it builds its markup from escaped pieces.

/// Escapes text for Typst markup mode. Newlines and tabs become spaces.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes a name the data may break by hand: each line of `text` as [`markup`], joined
/// by Typst line breaks. A header name the layout would break in the wrong place (a name
/// without a unit word, a place it does not know) is written on two lines in the YAML
/// (`ten: "BAN CHỈ ĐẠO …\nXÃ …"` or a `|` block) and breaks exactly there.
pub fn lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(markup)
        .collect::<Vec<_>>()
        .join(" #linebreak() ")
}

/// A Typst string literal for code mode (`"…"`), for the few values a template passes to
/// a function as a string rather than content.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A text field as markup: a blank line starts a new paragraph, a line starting with
/// `- ` is a list item (printed as its own paragraph beginning with a dash, the way
/// Vietnamese documents set lists); other line breaks are spaces.
pub fn paragraphs(text: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<String>| {
        if !current.is_empty() {
            blocks.push(markup(&current.join(" ")));
            current.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, &mut blocks);
        } else if line.starts_with("- ") {
            flush(&mut current, &mut blocks);
            current.push(line);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut blocks);
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            markup("#read(\"/etc/passwd\")"),
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)"
        );
        assert_eq!(
            markup("a*b*_c_ $x$ @r <l> // /* = - + ~ `"),
            "a\\*b\\*\\_c\\_ \\$x\\$ \\@r \\<l\\> \\/\\/ \\/\\* \\= \\- \\+ \\~ \\`"
        );
        assert_eq!(markup("Nguyễn Thị Ánh\nNguyệt"), "Nguyễn Thị Ánh Nguyệt");
        assert_eq!(markup("\\"), "\\\\");
    }

    #[test]
    fn a_name_keeps_the_breaks_its_data_gives_and_nothing_else() {
        assert_eq!(
            lines("BAN CHỈ ĐẠO #1\n  Ở CƠ SỞ\n"),
            "BAN CHỈ ĐẠO \\#1 #linebreak() Ở CƠ SỞ"
        );
        assert_eq!(lines("ĐẢNG ỦY XÃ"), "ĐẢNG ỦY XÃ");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }

    #[test]
    fn paragraphs_and_list_items() {
        let out = paragraphs("Dòng một\nnối tiếp\n\nĐoạn hai:\n- ý *một*\n- ý hai\n");
        assert_eq!(
            out,
            "Dòng một nối tiếp\n\nĐoạn hai\\:\n\n\\- ý \\*một\\*\n\n\\- ý hai"
        );
    }
}
