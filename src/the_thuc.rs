//! Thể thức: the layout rules Rust owns, written once for both regimes — numbers and
//! symbols (D5, D6), date lines, upper-casing (D15), signing prefixes and their
//! cross-regime equivalents (D9), the punctuation of căn cứ and nơi nhận, the "Kèm theo"
//! line (D13) and the small text rules of running text. The Typst half of the thể thức
//! is `templates/lib/the-thuc.typ`; numbering (D7) lives in [`crate::numbering`].
//!
//! Every stage may use these rules; this module imports no stage.

use chrono::Datelike;

use crate::model::{Body, Date, Lines, Regime, Round};

/// A number as printed: below 10 with a leading zero (D6), `5` → `05`.
pub fn number(n: u32) -> String {
    format!("{n:02}")
}

/// The symbol of a document: Party `05-QĐ/BCĐ`, State `05/QĐ-UBND` (D5).
pub fn symbol(regime: Regime, n: u32, kind: &str, issuer: &str) -> String {
    match regime {
        Regime::Dang => format!("{}-{kind}/{issuer}", number(n)),
        Regime::NhaNuoc => format!("{}/{kind}-{issuer}", number(n)),
    }
}

/// The number line of a header: Party `Số 05-QĐ/BCĐ`, State `Số: 05/QĐ-UBND`.
pub fn number_line(regime: Regime, n: u32, kind: &str, issuer: &str) -> String {
    match regime {
        Regime::Dang => format!("Số {}", symbol(regime, n, kind, issuer)),
        Regime::NhaNuoc => format!("Số: {}", symbol(regime, n, kind, issuer)),
    }
}

/// What stands for a number or a day left blank (`de_trong_so`): no-break spaces, which
/// Typst keeps as they are, wide enough to write two or three digits by hand.
pub const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// A symbol with its number left blank: Party `      -QĐ/BCĐ`, State `      /QĐ-UBND`.
pub fn symbol_blank(regime: Regime, kind: &str, issuer: &str) -> String {
    match regime {
        Regime::Dang => format!("{BLANK}-{kind}/{issuer}"),
        Regime::NhaNuoc => format!("{BLANK}/{kind}-{issuer}"),
    }
}

/// The number line with the number left blank: `Số:       /QĐ-UBND`.
pub fn number_line_blank(regime: Regime, kind: &str, issuer: &str) -> String {
    match regime {
        Regime::Dang => format!("Số {}", symbol_blank(regime, kind, issuer)),
        Regime::NhaNuoc => format!("Số: {}", symbol_blank(regime, kind, issuer)),
    }
}

/// The place-date line with the day left blank: `Phước Lại, ngày       tháng 12 năm 2025`.
pub fn date_line_blank(place: &str, d: Date) -> String {
    format!("{place}, {}", date_words_blank(d))
}

/// A date with the day left blank, as a header prints it: `ngày       tháng 12 năm 2025`.
pub fn date_words_blank(d: Date) -> String {
    format!("ngày {}", date_short_blank(d))
}

/// What stands after `ngày` where a document left undated by day is cited:
/// `      tháng 12 năm 2025` (month and year kept, as its header prints them).
pub fn date_short_blank(d: Date) -> String {
    let month = d.0.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("{BLANK} tháng {month} năm {}", d.0.year())
}

/// `ngày 05 tháng 02 năm 2025`: days 1–9 and months 1–2 take a leading zero (D6).
pub fn date_words(d: Date) -> String {
    let (day, month) = (d.0.day(), d.0.month());
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {day:02} tháng {month} năm {}", d.0.year())
}

/// The place-date line: `Phước Lại, ngày 05 tháng 02 năm 2025`.
pub fn date_line(place: &str, d: Date) -> String {
    format!("{place}, {}", date_words(d))
}

/// A date inside running text: `05/02/2025`.
pub fn date_short(d: Date) -> String {
    d.0.format("%d/%m/%Y").to_string()
}

/// Upper case by Unicode case mapping of precomposed letters (D15): `ủy` → `ỦY`.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Signing prefixes of the Party regime's forms, written with slashes (conventions D9).
pub const PARTY_PREFIXES: [&str; 4] = ["T/M", "K/T", "T/L", "Q."];
/// Signing prefixes of the State regime's forms, written with dots (conventions D9).
pub const STATE_PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

/// The other regime's form of a signing prefix (D9): `TM.` ↔ `T/M`, `KT.` ↔ `K/T`,
/// `TL.` ↔ `T/L`; State `TUQ.` has no Party form and is signed `T/L`.
pub fn prefix_in_other_regime(prefix: &str) -> &str {
    match prefix {
        "TM." => "T/M",
        "KT." => "K/T",
        "TL." => "T/L",
        "T/M" => "TM.",
        "K/T" => "KT.",
        "T/L" => "TL.",
        "TUQ." => "T/L",
        other => other,
    }
}

/// Splits `KT. CHỦ TỊCH` into (`KT.`, `CHỦ TỊCH`); a line without a prefix gives `("", line)`.
pub fn split_prefix(line: &str) -> (&str, &str) {
    let line = line.trim();
    for p in PARTY_PREFIXES.iter().chain(STATE_PREFIXES.iter()) {
        if let Some(rest) = line.strip_prefix(p)
            && (rest.starts_with(' ') || rest.is_empty())
        {
            return (p, rest.trim());
        }
    }
    ("", line)
}

/// The title of whoever holds the power to decide, printed in red on a certificate and as
/// the authority line of a State decision: `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI`.
///
/// It is derived from the signer: a head signing directly, or a deputy signing `KT.`
/// for the head, gives the head's title followed by the body; `TM. X` gives the collective X
/// of the body (`T/M BAN THƯỜNG VỤ` + `ĐẢNG ỦY XÃ …` → `BAN THƯỜNG VỤ ĐẢNG ỦY XÃ …`).
pub fn authority_title(body_name: &str, authority: &[String], title: &str) -> String {
    let body = upper(body_name.trim());
    let holder = match authority.first() {
        Some(line) => upper(split_prefix(line).1),
        None => upper(title.trim()),
    };
    if holder.is_empty() || body.starts_with(&holder) {
        return body;
    }
    // `TRƯỞNG BAN` of `BAN CHỈ ĐẠO …` is the `TRƯỞNG BAN CHỈ ĐẠO …`: words the title ends
    // with and the body's name begins with are printed once.
    let h: Vec<&str> = holder.split_whitespace().collect();
    let b: Vec<&str> = body.split_whitespace().collect();
    let overlap = (1..=h.len().min(b.len()))
        .rev()
        .find(|&k| h[h.len() - k..] == b[..k])
        .unwrap_or(0);
    if overlap > 0 {
        format!("{} {body}", h[..h.len() - overlap].join(" "))
    } else {
        format!("{holder} {body}")
    }
}

// The body's names as printed are layout rules over the contract's `Body` (the_thuc sits
// above model, so the methods live here rather than model importing the_thuc).
impl Body {
    /// The body's full name in running text: `ten_day_du`, else `ten` in sentence case as
    /// the contract defines the default (`the_thuc::sentence_case`).
    pub fn full(&self) -> String {
        match self.full_name.as_deref().map(str::trim) {
            Some(f) if !f.is_empty() => f.to_owned(),
            _ => sentence_case(self.name.trim()),
        }
    }

    /// The name in a head's title (`TRƯỞNG BAN DÂN VẬN HUYỆN ỦY …`, a certificate's red
    /// line): the full name in capitals, which is `ten` itself when `ten_day_du` is left out.
    pub fn title_name(&self) -> String {
        match self.full_name.as_deref().map(str::trim) {
            Some(f) if !f.is_empty() => upper(f),
            _ => self.name.trim().to_owned(),
        }
    }
}

/// A body's name in running text, from the capitals of its header (`ten`) when the data
/// gives no `ten_day_du` (data contract v2: "`ten` in sentence case"): `ỦY BAN NHÂN DÂN XÃ
/// CẦN GIUỘC` → `Ủy ban nhân dân xã Cần Giuộc`. Plain sentence case would write place names
/// in lower case, so the words after an administrative unit (`xã`, `huyện` …) are a place
/// and take capitals, as do the word after a leading `Ban`/`Hội` (its function: `Ban Dân
/// vận`), `Đảng`, `Việt Nam`, and abbreviations (`QCDC`, a word with no vowel) stay as typed.
/// Only unit words and these fixed forms are known here, no place (D16).
pub fn sentence_case(name: &str) -> String {
    const UNITS: [&str; 9] = [
        "xã",
        "phường",
        "huyện",
        "quận",
        "tỉnh",
        "ấp",
        "thôn",
        "trấn",
        "phố",
    ];
    const COMMITTEES: [&str; 5] = ["huyện", "tỉnh", "thành", "quận", "thị"];
    let typed: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = typed.iter().map(|w| w.to_lowercase()).collect();
    let is = |i: usize, set: &[&str]| lower.get(i).is_some_and(|w| set.contains(&w.as_str()));
    let committee_word = |w: &str| w == "ủy" || w == "uỷ";
    let mut out: Vec<String> = Vec::with_capacity(typed.len());
    let mut place = false;
    for (i, w) in lower.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| lower[j].as_str());
        let next = lower.get(i + 1).map(String::as_str);
        // `Huyện ủy`, `Tỉnh ủy`: a Party committee, named after the place that follows.
        let committee = COMMITTEES.contains(&w.as_str()) && next.is_some_and(committee_word);
        let word = if !w.chars().any(is_vowel) {
            // An abbreviation: QCDC, MTTQ, BCĐ.
            typed[i].to_owned()
        } else if i == 0
            || (place && !committee_word(w))
            || committee
            || w == "đảng"
            || (i == 1 && matches!(prev, Some("ban" | "hội")))
            || (w == "việt" && next == Some("nam"))
            || (w == "nam" && prev == Some("việt"))
        {
            capital_first(w)
        } else {
            w.clone()
        };
        out.push(word);
        // `hợp tác xã` and a committee (`huyện ủy`) are no unit; after a committee's `ủy`
        // comes its place, unless a unit word says which (`Đảng ủy xã …`).
        let unit = is(i, &UNITS) && prev != Some("tác") && !next.is_some_and(committee_word);
        let after_committee = committee_word(w)
            && prev.is_some_and(|p| COMMITTEES.contains(&p))
            && !is(i + 1, &UNITS);
        if unit || after_committee {
            place = true;
        }
    }
    out.join(" ")
}

/// A Vietnamese vowel letter, with or without its marks.
fn is_vowel(c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    std::iter::once(c)
        .nfd()
        .next()
        .is_some_and(|b| "aeiouyAEIOUY".contains(b))
}

/// Strips a leading list dash and the trailing punctuation a user may have typed, so that
/// list lines are punctuated by the regime's rule and nowhere else.
fn bare(item: &str) -> &str {
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

fn capital_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// An amount of money as a decision writes it: `1.500.000 đồng (Một triệu năm trăm nghìn
/// đồng)`, in figures and in words.
pub fn amount(n: u64) -> String {
    let digits = n.to_string();
    let mut figures = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            figures.push('.');
        }
        figures.push(c);
    }
    format!("{figures} đồng ({} đồng)", capital_first(&words(n)))
}

/// A whole number in Vietnamese words: `một triệu không trăm linh năm nghìn`.
pub fn words(n: u64) -> String {
    const SCALES: [&str; 5] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ"];
    if n == 0 {
        return "không".to_owned();
    }
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push((m % 1000) as u32);
        m /= 1000;
    }
    let mut out: Vec<String> = Vec::new();
    let top = groups.len() - 1;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        out.push(group_words(g, i != top));
        if let Some(scale) = SCALES.get(i).filter(|s| !s.is_empty()) {
            out.push((*scale).to_owned());
        }
    }
    out.join(" ")
}

/// One group of three digits; `inner` when a higher group stands before it, so that its
/// hundreds and a lone unit are read out (`không trăm linh năm`).
fn group_words(g: u32, inner: bool) -> String {
    const DIGITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let (h, t, u) = (g / 100, g / 10 % 10, g % 10);
    let mut w: Vec<&str> = Vec::new();
    if h > 0 || inner {
        w.extend([DIGITS[h as usize], "trăm"]);
    }
    match t {
        0 if u > 0 && (h > 0 || inner) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => w.extend([DIGITS[t as usize], "mươi"]),
    }
    match u {
        0 => {}
        1 if t > 1 => w.push("mốt"),
        5 if t > 0 => w.push("lăm"),
        _ => w.push(DIGITS[u as usize]),
    }
    w.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_in_figures_and_words() {
        assert_eq!(amount(500_000), "500.000 đồng (Năm trăm nghìn đồng)");
        assert_eq!(
            amount(1_500_000),
            "1.500.000 đồng (Một triệu năm trăm nghìn đồng)"
        );
        assert_eq!(
            amount(1_005_000),
            "1.005.000 đồng (Một triệu không trăm linh năm nghìn đồng)"
        );
        assert_eq!(words(21), "hai mươi mốt");
        assert_eq!(words(15), "mười lăm");
        assert_eq!(words(105), "một trăm linh năm");
        assert_eq!(words(2_000_000_000), "hai tỷ");
        assert_eq!(words(310_000), "ba trăm mười nghìn");
        assert_eq!(words(45), "bốn mươi lăm");
    }

    #[test]
    fn numbers_stay_with_the_word_they_count() {
        assert_eq!(
            bind("tại Điều 1 năm 2024, “Dân vận khéo”, Nghị định số 30 của 3 bên"),
            "tại Điều\u{a0}1 năm\u{a0}2024, “Dân\u{a0}vận\u{a0}khéo”, Nghị định số\u{a0}30 của 3 bên"
        );
        let long = "“Gần dân, hiểu dân, giúp dân”";
        assert_eq!(bind(long), long);
        assert_eq!(bind("Sổ 1"), "Sổ 1");
        assert_eq!(unbind(&bind("năm 2025")), "năm 2025");
    }

    #[test]
    fn full_names_from_header_capitals() {
        assert_eq!(
            sentence_case("ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC"),
            "Ủy ban nhân dân xã Cần Giuộc"
        );
        assert_eq!(
            sentence_case("ĐẢNG ỦY XÃ PHƯỚC LẠI"),
            "Đảng ủy xã Phước Lại"
        );
        assert_eq!(
            sentence_case("BAN DÂN VẬN HUYỆN ỦY ĐỨC HÒA"),
            "Ban Dân vận Huyện ủy Đức Hòa"
        );
        assert_eq!(
            sentence_case("BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ"),
            "Ban Chỉ đạo thực hiện QCDC ở cơ sở"
        );
        assert_eq!(
            sentence_case("ỦY BAN MTTQ VIỆT NAM THỊ TRẤN CẦN GIUỘC"),
            "Ủy ban MTTQ Việt Nam thị trấn Cần Giuộc"
        );
        assert_eq!(sentence_case("BAN XÂY DỰNG ĐẢNG"), "Ban Xây dựng Đảng");
    }

    #[test]
    fn counts_never_say_zero() {
        assert_eq!(counted(1, 0), "1 tập thể");
        assert_eq!(counted(0, 3), "3 cá nhân");
        assert_eq!(counted(2, 3), "2 tập thể và 3 cá nhân");
        assert_eq!(kinds(1, 0), "tập thể");
        assert_eq!(kinds(2, 3), "tập thể, cá nhân");
    }

    #[test]
    fn whose_decision() {
        let kt = vec!["KT. CHỦ TỊCH".to_owned()];
        assert_eq!(
            whose(
                Regime::NhaNuoc,
                "Ủy ban nhân dân xã Cần Giuộc",
                &kt,
                "PHÓ CHỦ TỊCH"
            ),
            "Chủ tịch Ủy ban nhân dân xã Cần Giuộc"
        );
        let tm = vec!["TM. BAN THƯỜNG VỤ".to_owned()];
        assert_eq!(
            whose(Regime::Dang, "Đảng ủy xã Cần Giuộc", &tm, "BÍ THƯ"),
            "Đảng ủy xã Cần Giuộc"
        );
        assert_eq!(
            proposal(Regime::NhaNuoc, "Trưởng Công an xã"),
            "Theo đề nghị của Trưởng Công an xã"
        );
        assert_eq!(
            proposal(Regime::Dang, "Xét đề nghị của Ban Xây dựng Đảng"),
            "Xét đề nghị của Ban Xây dựng Đảng"
        );
    }

    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn authority_title_from_signer() {
        let no: [String; 0] = [];
        assert_eq!(
            authority_title("Ủy ban nhân dân xã Phước Lại", &no, "Chủ tịch"),
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
        );
        assert_eq!(
            authority_title(
                "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI",
                &["KT. CHỦ TỊCH".into()],
                "PHÓ CHỦ TỊCH"
            ),
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
        );
        assert_eq!(
            authority_title(
                "ĐẢNG ỦY XÃ PHƯỚC LẠI",
                &["T/M BAN THƯỜNG VỤ".into()],
                "BÍ THƯ"
            ),
            "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ PHƯỚC LẠI"
        );
        assert_eq!(
            authority_title(
                "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI",
                &["TM. ỦY BAN NHÂN DÂN".into()],
                "CHỦ TỊCH"
            ),
            "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
        );
        assert_eq!(
            authority_title("BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ", &no, "TRƯỞNG BAN"),
            "TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn date_line_pads_days_and_the_first_two_months_only() {
        assert_eq!(date_words(d(2025, 2, 5)), "ngày 05 tháng 02 năm 2025");
        assert_eq!(date_words(d(2022, 6, 16)), "ngày 16 tháng 6 năm 2022");
        assert_eq!(date_words(d(2025, 12, 1)), "ngày 01 tháng 12 năm 2025");
        assert_eq!(
            date_line("Long An", d(2022, 1, 20)),
            "Long An, ngày 20 tháng 01 năm 2022"
        );
    }

    #[test]
    fn symbols_per_regime() {
        assert_eq!(number_line(Regime::Dang, 5, "QĐ", "BCĐ"), "Số 05-QĐ/BCĐ");
        assert_eq!(
            number_line(Regime::NhaNuoc, 5, "QĐ", "UBND"),
            "Số: 05/QĐ-UBND"
        );
        assert_eq!(symbol(Regime::NhaNuoc, 123, "TTr", "UBND"), "123/TTr-UBND");
    }

    #[test]
    fn upper_maps_vietnamese_letters() {
        assert_eq!(upper("Đảng ủy xã Phước Lại"), "ĐẢNG ỦY XÃ PHƯỚC LẠI");
        assert_eq!(upper("hoà"), "HOÀ");
    }

    #[test]
    fn recipients_are_punctuated_per_regime() {
        // The page binds "Điều 3"; the punctuation is what is tested here.
        let plain = |v: Vec<String>| v.iter().map(|l| unbind(l)).collect::<Vec<_>>();
        let items = vec![
            "Thường trực Đảng ủy (b/c);".to_owned(),
            "- Các chi bộ".to_owned(),
            "Lưu VP, BCĐ".to_owned(),
        ];
        assert_eq!(
            plain(recipients(Regime::Dang, Some("Như Điều 3"), &items)),
            [
                "- Như Điều 3,",
                "- Thường trực Đảng ủy (b/c),",
                "- Các chi bộ,",
                "- Lưu VP, BCĐ."
            ]
        );
        assert_eq!(
            plain(recipients(Regime::NhaNuoc, Some("Như Điều 3"), &items)),
            [
                "- Như Điều 3;",
                "- Thường trực Đảng ủy (b/c);",
                "- Các chi bộ;",
                "- Lưu: VT, VP, BCĐ."
            ]
        );
        let given = vec!["Như trên".to_owned(), "Lưu: VT, VX.".to_owned()];
        assert_eq!(
            plain(recipients(Regime::NhaNuoc, Some("Như trên"), &given)),
            ["- Như trên;", "- Lưu: VT, VX."]
        );
        assert_eq!(plain(recipients(Regime::Dang, None, &[])), ["- Lưu VP."]);
        assert_eq!(
            plain(recipients(Regime::NhaNuoc, None, &[])),
            ["- Lưu: VT."]
        );
    }

    #[test]
    fn bases_end_per_regime() {
        let items = vec!["Căn cứ A;".to_owned(), "Xét đề nghị của B.".to_owned()];
        assert_eq!(
            bases(Regime::Dang, &items),
            ["- Căn cứ A;", "- Xét đề nghị của B,"]
        );
        assert_eq!(
            bases(Regime::NhaNuoc, &items),
            ["Căn cứ A;", "Xét đề nghị của B."]
        );
    }

    #[test]
    fn text_ends_with_slash_mark() {
        assert_eq!(
            end_text("thi hành Quyết định này."),
            "thi hành Quyết định này./."
        );
        assert_eq!(
            end_text("thi hành Quyết định này./."),
            "thi hành Quyết định này./."
        );
        assert_eq!(end_text("thực hiện "), "thực hiện./.");
    }

    #[test]
    fn attached_line_names_the_decision() {
        assert_eq!(
            unbind(&attached_line(
                "Quyết định",
                "05-QĐ/BCĐ",
                &date_words(d(2025, 2, 5)),
                "Ban Chỉ đạo"
            )),
            "(Kèm theo Quyết định số 05-QĐ/BCĐ ngày 05 tháng 02 năm 2025 của Ban Chỉ đạo)"
        );
    }
}
