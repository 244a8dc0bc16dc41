//! The long explanation of each error code (`docs/giai-thich.md`, embedded) as the page
//! shows it: under a diagnostic, or as a page of its own that works without the script.
//! Apart from the main page because it reads only the embedded text and a code, never the
//! dataset.

use std::fmt::Write as _;

use crate::codes::Code;

use super::page::{esc, head, rich};

/// The long explanation of `asked` (the URL's last segment, still percent-encoded), from
/// the text embedded in the binary: the whole page, or with `fragment` only the part the
/// main page's script opens under a diagnostic. `None` when it names no code: only a
/// plain `V012` (or `v12`, `12`, as `vanban giai-thich` reads it) can name one.
pub(crate) fn explanation(asked: &str, fragment: bool) -> Option<String> {
    if asked.is_empty() || !asked.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let code = Code::parse(asked)?;
    let body = format!(
        "<article class=\"giai-thich\" id=\"giai-thich-{code}\">{}</article>",
        markdown(code.explanation()?)
    );
    if fragment {
        return Some(body);
    }
    Some(format!(
        "{}<header><h1>Giải thích mã {code}</h1><p><a href=\"/\">← Về trang chính</a></p></header>\
         <main><section>{body}</section>{}</main></body></html>\n",
        head(&format!("vanban — giải thích mã {code}"), None),
        code_list()
    ))
}

/// The page for a code that does not exist: what a code looks like, and every one.
pub(crate) fn unknown_code(asked: &str) -> String {
    format!(
        "{}<main><h1>Không có mã lỗi này</h1><p>vanban không có mã <code>{}</code>. Mã viết \
         dạng <code>V012</code>; chọn một mã trong danh sách dưới đây.</p>{}\
         <p><a href=\"/\">← Về trang chính</a></p></main></body></html>\n",
        head("vanban — không có mã lỗi này", None),
        esc(asked),
        code_list()
    )
}

/// Every code with its title, each a link to its explanation.
fn code_list() -> String {
    let mut out = String::from("<section><h2>Các mã lỗi và cảnh báo</h2><ul class=\"ma-loi\">");
    for c in Code::ALL {
        let _ = write!(
            out,
            "<li><a href=\"/giai-thich/{c}\">{c}</a> {}</li>",
            esc(c.title())
        );
    }
    out.push_str("</ul></section>");
    out
}

/// The little markdown `docs/giai-thich.md` uses, as HTML: `##` headings, paragraphs
/// (wrapped lines joined), fenced code blocks kept verbatim, and `code` spans. Every bit
/// of text is escaped; nothing else of markdown is read, so nothing else can surprise.
fn markdown(text: &str) -> String {
    fn flush(out: &mut String, para: &mut Vec<&str>) {
        if !para.is_empty() {
            let _ = write!(out, "<p>{}</p>", rich(&para.join(" ")));
            para.clear();
        }
    }
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let mut fence: Option<Vec<&str>> = None;
    for line in text.lines() {
        let is_fence = line.trim_start().starts_with("```");
        if let Some(block) = &mut fence {
            if is_fence {
                let _ = write!(out, "<pre><code>{}</code></pre>", esc(&block.join("\n")));
                fence = None;
            } else {
                block.push(line);
            }
        } else if is_fence {
            flush(&mut out, &mut para);
            fence = Some(Vec::new());
        } else if let Some(h) = line.strip_prefix("## ") {
            flush(&mut out, &mut para);
            let _ = write!(out, "<h2>{}</h2>", rich(h.trim()));
        } else if line.trim().is_empty() {
            flush(&mut out, &mut para);
        } else {
            para.push(line.trim());
        }
    }
    flush(&mut out, &mut para);
    // A block left open still shows what it holds.
    if let Some(block) = fence {
        let _ = write!(out, "<pre><code>{}</code></pre>", esc(&block.join("\n")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_keep_paragraphs_code_and_escape_the_rest() {
        let html = markdown(
            "## V012: giá trị `sai`\n\nMột đoạn\nhai dòng <b>.\n\n```yaml\nho_ten: <An>\n\n  x: 1\n```\nSau.",
        );
        assert_eq!(
            html,
            "<h2>V012: giá trị <code>sai</code></h2><p>Một đoạn hai dòng &lt;b&gt;.</p>\
             <pre><code>ho_ten: &lt;An&gt;\n\n  x: 1</code></pre><p>Sau.</p>"
        );
    }

    #[test]
    fn only_a_code_names_an_explanation() {
        let page = explanation("V013", false).unwrap();
        assert!(page.contains("<h2>V013: ngày không có thật hoặc viết sai dạng</h2>"));
        assert!(
            page.contains("href=\"/giai-thich/V040\""),
            "the list of codes"
        );
        let fragment = explanation("v13", true).unwrap();
        assert!(fragment.starts_with("<article class=\"giai-thich\" id=\"giai-thich-V013\">"));
        assert!(!fragment.contains("<html"));
        for asked in ["", "V099", "..", "V013.md", "%2e%2e", "V0 13", "V01x"] {
            assert_eq!(explanation(asked, false), None, "{asked:?}");
        }
    }
}
