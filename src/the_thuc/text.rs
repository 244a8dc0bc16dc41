//! The rules of running text: the punctuation of căn cứ and nơi nhận lists, the closing
//! `./.`, the "Kèm theo" line (D13), where a line must not break, counts in words, and the
//! proposal and "của …" phrases.

use super::*;

/// Strips a leading list dash and the trailing punctuation a user may have typed, so that
/// list lines are punctuated by the regime's rule and nowhere else.
pub(super) fn bare(item: &str) -> &str {
    let s = item.trim();
    let s = s
        .strip_prefix("- ")
        .or_else(|| s.strip_prefix('-'))
        .or_else(|| s.strip_prefix('–'))
        .unwrap_or(s)
        .trim_start();
    s.trim_end_matches([',', ';', '.', ' ']).trim_end()
}

/// The nơi nhận lines of a document (D10), punctuated in one place for every document.
///
/// Party: `- X,` for each item and a last `- Lưu X.` (no colon); State: `- X;` and a last
/// `- Lưu: VT, X.` (văn thư first). `first` (`Như Điều 3`, `Như trên`) opens the list
/// unless the user already put it there. A user's own `Lưu …` line becomes the last
/// line in the regime's form; without one, Party gets `- Lưu VP.`, State `- Lưu: VT.`.
pub fn recipients(regime: Regime, first: Option<&str>, items: &[String]) -> Vec<String> {
    let (comma, archive_default) = match regime {
        Regime::Dang => (",", "VP"),
        Regime::NhaNuoc => (";", "VT"),
    };
    let mut archive = None;
    let mut lines = Vec::new();
    if let Some(f) = first
        && !items.iter().any(|i| bare(i) == bare(f))
    {
        lines.push(format!("- {}{comma}", bare(f)));
    }
    for item in items {
        let b = bare(item);
        if b.is_empty() {
            continue;
        }
        if let Some(rest) = b.strip_prefix("Lưu")
            && (rest.is_empty() || rest.starts_with([' ', ':']))
        {
            archive = Some(rest.trim_start_matches([':', ' ']).trim().to_owned());
            continue;
        }
        lines.push(format!("- {b}{comma}"));
    }
    let archive = archive
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| archive_default.to_owned());
    lines.push(match regime {
        Regime::Dang => format!("- Lưu {archive}."),
        Regime::NhaNuoc if archive == "VT" || archive.starts_with("VT,") => {
            format!("- Lưu: {archive}.")
        }
        Regime::NhaNuoc => format!("- Lưu: VT, {archive}."),
    });
    lines.iter().map(|l| bind(l)).collect()
}

/// The căn cứ lines of a decision (D4): Party `- Căn cứ …;` with the last (`- Xét đề nghị
/// …`) ending `,`; State `Căn cứ …;` with the last (`Theo đề nghị …`) ending `.`.
pub fn bases(regime: Regime, items: &[String]) -> Vec<String> {
    let items: Vec<&str> = items
        .iter()
        .map(|i| bare(i))
        .filter(|b| !b.is_empty())
        .collect();
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let last = i + 1 == n;
            bind(&match regime {
                Regime::Dang => format!("- {b}{}", if last { "," } else { ";" }),
                Regime::NhaNuoc => format!("{b}{}", if last { "." } else { ";" }),
            })
        })
        .collect()
}

/// The last paragraph of a document's text, ending with `./.` (D12).
pub fn end_text(paragraph: &str) -> String {
    let s = paragraph.trim_end();
    let s = s.strip_suffix("./.").unwrap_or(s);
    format!("{}./.", s.trim_end_matches(['.', ' ']))
}

/// The italic line under an attachment's title (D13):
/// `(Kèm theo Quyết định số 05-QĐ/BCĐ ngày 05 tháng 02 năm 2025 của Ban Chỉ đạo …)`.
pub fn attached_line(kind: &str, symbol: &str, dated: &str, issuer: &str) -> String {
    bind(&format!(
        "(Kèm theo {kind} số {symbol} {dated} của {})",
        issuer.trim()
    ))
}

/// The movement as quoted in running text: `“Dân vận khéo” năm 2025`, never parted by a
/// line break inside a short name or between `năm` and the year ([`bind`]).
pub fn movement(round: &Round) -> String {
    bind(&format!("“{}” năm {}", round.movement.trim(), round.year))
}

/// No-break space: what [`bind`] puts where a line must not break.
pub const NBSP: char = '\u{a0}';

/// Running text with the spaces a line must not break at made unbreakable: between a word
/// that counts and its number (`Điều 1`, `năm 2024`, `ngày 05`, `số 01-QĐ/BCĐ`) and inside a
/// short quoted name (`“Dân vận khéo”`; a long one may wrap, or it would overflow a narrow
/// table cell). The register and every other record keep plain spaces ([`unbind`]).
pub fn bind(text: &str) -> String {
    const COUNTING: [&str; 9] = [
        "Điều", "Khoản", "Mục", "năm", "Năm", "tháng", "ngày", "số", "Số",
    ];
    const SHORT_QUOTE: usize = 16;
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' || !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            continue;
        }
        let start = chars[..i]
            .iter()
            .rposition(|c| !c.is_alphabetic())
            .map_or(0, |p| p + 1);
        let word: String = chars[start..i].iter().collect();
        if COUNTING.contains(&word.as_str()) {
            out[i] = NBSP;
        }
    }
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '“'
            && let Some(len) = chars[i + 1..].iter().position(|c| *c == '”')
        {
            if len <= SHORT_QUOTE {
                for c in &mut out[i + 1..i + 1 + len] {
                    if *c == ' ' {
                        *c = NBSP;
                    }
                }
            }
            i += len + 1;
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Plain spaces again, for text that leaves the page: the register, its CSV, messages.
pub fn unbind(text: &str) -> String {
    text.replace(NBSP, " ")
}

/// A legal basis as printed: `Căn cứ …` unless it already says how it is cited.
pub fn basis(text: &str) -> String {
    let t = text.trim();
    let lower = t.to_lowercase();
    if ["căn cứ", "xét", "theo", "thực hiện"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        t.to_owned()
    } else {
        format!("Căn cứ {t}")
    }
}

/// `Ngày 05 tháng 02 năm 2025`, for blocks standing on their own.
pub fn date_capital(d: Date) -> String {
    let w = date_words(d);
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => w,
    }
}

/// Items of a text list, each printed as a `- ` paragraph.
pub fn items(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("- {}", s.trim_start_matches("- ")))
        .collect()
}

/// The addressee lines of a tờ trình or báo cáo: one addressee as typed; several as
/// `- A;` … `- B.` lines, as NĐ 30's công văn sets them.
pub fn addressee(lines: &Lines) -> Vec<String> {
    let items: Vec<&str> = lines
        .0
        .iter()
        .map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .trim_end_matches([';', ',', '.'])
                .trim()
        })
        .filter(|l| !l.is_empty())
        .collect();
    match items.as_slice() {
        [one] => vec![(*one).to_owned()],
        _ => items
            .iter()
            .enumerate()
            .map(|(i, l)| format!("- {l}{}", if i + 1 == items.len() { "." } else { ";" }))
            .collect(),
    }
}

/// `Về việc …` → `về việc …`, for a summary following the type name in the register.
pub fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Who a decision names, counted: `2 tập thể và 3 cá nhân`, `1 tập thể`, `3 cá nhân` —
/// never "0 cá nhân".
pub fn counted(collectives: usize, people: usize) -> String {
    match (collectives, people) {
        (c, 0) if c > 0 => format!("{c} tập thể"),
        (0, p) if p > 0 => format!("{p} cá nhân"),
        (c, p) => format!("{c} tập thể và {p} cá nhân"),
    }
}

/// A count at the head of a clause, zero included: `có 2 tập thể và 3 cá nhân`, `có 3 cá
/// nhân`, `không có tập thể, cá nhân nào` — never "0 tập thể".
pub fn how_many(collectives: u32, people: u32) -> String {
    if collectives == 0 && people == 0 {
        "không có tập thể, cá nhân nào".to_owned()
    } else {
        format!("có {}", counted(collectives as usize, people as usize))
    }
}

/// Who a list holds, in a title: `tập thể, cá nhân`, or only the kind it has.
pub fn kinds(collectives: usize, people: usize) -> &'static str {
    match (collectives, people) {
        (c, 0) if c > 0 => "tập thể",
        (0, p) if p > 0 => "cá nhân",
        _ => "tập thể, cá nhân",
    }
}

/// The proposal line of a decision from `de_nghi`: as typed when it already says how it is
/// cited, else `Theo đề nghị của …` (State) or `Xét đề nghị của …` (Party).
pub fn proposal(regime: Regime, text: &str) -> String {
    let t = text.trim();
    let lower = t.to_lowercase();
    if ["theo đề nghị", "xét đề nghị", "căn cứ"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return t.to_owned();
    }
    let verb = match regime {
        Regime::Dang => "Xét đề nghị",
        Regime::NhaNuoc => "Theo đề nghị",
    };
    match t.strip_prefix("của ") {
        Some(rest) => format!("{verb} của {rest}"),
        None => format!("{verb} của {t}"),
    }
}

/// Whose decision it is, for "của …" (D13 captions, citations): a Party body decides as a
/// body; a State decision is its head's (`Chủ tịch Ủy ban nhân dân xã …`) unless signed
/// `TM.` the collective. `full_name` is the body's name in running text ([`Body::full`]).
///
/// [`Body::full`]: crate::model::Body::full
pub fn whose(regime: Regime, full_name: &str, authority: &[String], title: &str) -> String {
    let full = full_name.trim();
    let head = match authority.first() {
        Some(line) => {
            let (prefix, holder) = split_prefix(line);
            if prefix == "TM." || prefix == "T/M" {
                return full.to_owned();
            }
            holder
        }
        None => title,
    };
    match regime {
        Regime::Dang => full.to_owned(),
        Regime::NhaNuoc => format!("{} {full}", capital_first(&head.trim().to_lowercase())),
    }
}

pub(super) fn capital_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}
