//! Thể thức: the layout rules Rust owns, written once for both regimes — numbers and
//! symbols (D5, D6), date lines, upper-casing (D15), signing prefixes and their
//! cross-regime equivalents (D9), the punctuation of căn cứ and nơi nhận, the "Kèm theo"
//! line (D13) and the small text rules of running text. The Typst half of the thể thức
//! is `templates/lib/the-thuc.typ`; numbering (D7) lives in [`crate::numbering`].
//!
//! Every stage may use these rules; this module imports no stage.
//!
//! This file: numbers, symbols, dates, prefixes and the names of bodies and signers;
//! `text` the rules of running text (căn cứ, nơi nhận, Kèm theo, no-break spaces, counts,
//! the proposal line); `amount` money in figures and words. Paths stay `the_thuc::…`.

use chrono::Datelike;

use crate::model::{Body, Date, Lines, Regime, Round};

mod amount;
mod text;

pub use amount::*;
pub use text::*;

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

/// Roman numerals for section headings; documents have few sections.
pub fn roman(n: usize) -> &'static str {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n.saturating_sub(1)).copied().unwrap_or("XII")
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

#[cfg(test)]
mod tests;
