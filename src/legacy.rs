//! Legacy Vietnamese encodings: text typed in TCVN3 (ABC, `.VnTime`), VNI-Windows
//! (`VNI-Times`) or as keystrokes with Unikey switched off (VNI digits, Telex letters).
//!
//! Such text reaches us as valid Unicode — the legacy bytes read as Windows-1252, or plain
//! ASCII — so nothing refuses it, and it would be printed as garbage on a certificate.
//! Detection is table-driven and judged per word by Vietnamese phonotactics: a word is a
//! hit only when it is *not* a Vietnamese syllable as written and *becomes* one once
//! decoded. Real Vietnamese text is made of syllables, so it never triggers; English words
//! (`Telex`, `online`) decode into non-syllables and do not either.
//!
//! This file is the detector; the tables of each encoding are in `codec`, the syllable
//! rules judging a word in `syllable`. It imports no stage: `load` checks each record with
//! it (`load/encoding.rs`), `vanban chuyen-ma` converts files with it.

use unicode_normalization::UnicodeNormalization;

mod codec;
mod syllable;

pub use codec::encode;
use codec::*;
pub use syllable::is_syllable;
use syllable::*;

/// A legacy way of writing Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// TCVN3 (ABC), the `.Vn…` fonts, read as Windows-1252.
    Tcvn3,
    /// VNI-Windows, the `VNI-…` fonts, read as Windows-1252.
    VniWindows,
    /// VNI keystrokes typed with Unikey off: `Nguye64n`.
    VniKeys,
    /// Telex keystrokes typed with Unikey off: `Nguyeenx`.
    Telex,
}

impl Encoding {
    /// Every encoding, in the order they are tried.
    pub const ALL: [Encoding; 4] = [
        Encoding::Tcvn3,
        Encoding::VniWindows,
        Encoding::VniKeys,
        Encoding::Telex,
    ];

    /// The encoding's name as staff know it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Encoding::VniWindows => "VNI-Windows (phông VNI-Times)",
            Encoding::VniKeys => "kiểu gõ VNI khi Unikey đang tắt",
            Encoding::Telex => "kiểu gõ Telex khi Unikey đang tắt",
        }
    }
}

/// A string found in a legacy encoding, with its Unicode (NFC) reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which encoding the text is in.
    pub encoding: Encoding,
    /// The text converted to Unicode, NFC.
    pub unicode: String,
}

/// The tokens of a text: runs of letters, digits and the Latin-1 symbols TCVN3 uses as
/// letters, with their byte ranges.
fn tokens(s: &str, latin1: bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_tok = |c: char| c.is_alphanumeric() || (latin1 && ('\u{A1}'..='\u{FE}').contains(&c));
    for (i, c) in s.char_indices() {
        match (start, is_tok(c)) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// Whether the text may be legacy bytes read as Windows-1252: no letter beyond it.
fn latin1_only(s: &str) -> bool {
    s.chars()
        .all(|c| (c as u32) < 0x100 || "ŒœŠšŸŽžƒˆ˜‘’‚“”„•–—™€‹›†‡‰".contains(c))
}

/// English words that Telex would read as syllables; they are never a hit.
const ENGLISH: &str = "is as us if of or ox ex bus box max mix six sex tax lax fix yes has his \
    was its how now low bow row tow wow mow new few dew sew see bee tee fee zoo too boo \
    moo goo car bar tar jar war mar her nor sir air per ban bat hat cat mat sat rat pat map \
    tap cap nap lap gap sap rap cur fur ";

fn english(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    ENGLISH.split_whitespace().any(|e| e == w)
}

/// Word counts of one encoding over a text.
#[derive(Default)]
struct Tally {
    /// Not a syllable as written, a syllable decoded.
    good: usize,
    /// Among the good, those whose decoding used two keys or a vowel-quality key.
    strong: usize,
    /// A syllable as written that decoding breaks.
    bad: usize,
    /// Candidates that are syllables neither way (foreign words, codes).
    unknown: usize,
    /// Words that are no candidate and no syllable either (`b`, `TW`, `Zalo`).
    other: usize,
    /// Changed words whose decoded tone sits on the vowel the spelling rules name.
    placed: usize,
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Finds a legacy encoding in `text`, if any; `None` for Unicode (or English) text.
pub fn detect(text: &str) -> Option<Finding> {
    if !text.is_ascii() && latin1_only(text) {
        // Both tables may read the same text as syllables: the one that explains more
        // words wins, then the one whose tones sit where Vietnamese puts them.
        let best = [Encoding::Tcvn3, Encoding::VniWindows]
            .into_iter()
            .map(|enc| (tally_latin1(text, enc), enc))
            .filter(|(t, _)| t.good >= 1 && t.bad == 0 && t.good >= t.unknown)
            .max_by_key(|(t, enc)| (t.good, t.placed, *enc == Encoding::VniWindows));
        if let Some((_, enc)) = best {
            return Some(Finding {
                encoding: enc,
                unicode: convert(text, enc),
            });
        }
    }
    // VNI keystrokes leave digits after letters: a text without a digit has none, and
    // most texts have none (this check ran on every word of every record).
    let t = if text.bytes().any(|b| b.is_ascii_digit()) {
        tally_keys(text, Encoding::VniKeys)
    } else {
        Tally::default()
    };
    if t.good >= 1 && t.good >= t.unknown {
        return Some(Finding {
            encoding: Encoding::VniKeys,
            unicode: convert(text, Encoding::VniKeys),
        });
    }
    // Text already typed with Vietnamese letters was typed with Unikey on: ASCII words
    // in it are English or codes, not Telex left over.
    if text.is_ascii() {
        let t = tally_keys(text, Encoding::Telex);
        // One word alone is trusted only among real syllables (a name: `Thij Lan`).
        if (t.good >= 2 && t.good > t.unknown) || (t.good == 1 && t.unknown == 0 && t.other == 0) {
            return Some(Finding {
                encoding: Encoding::Telex,
                unicode: convert(text, Encoding::Telex),
            });
        }
    }
    None
}

fn tally_latin1(text: &str, enc: Encoding) -> Tally {
    let mut t = Tally::default();
    for (_, w) in tokens(text, true) {
        if w.is_ascii() {
            continue;
        }
        let dec = decode_word(w, enc);
        if dec != w && well_placed(&dec) {
            t.placed += 1;
        }
        match (is_syllable(w), is_syllable(&dec)) {
            (false, true) => t.good += 1,
            (true, false) if dec != w => t.bad += 1,
            (false, false) => t.unknown += 1,
            _ => {}
        }
    }
    t
}

fn tally_keys(text: &str, enc: Encoding) -> Tally {
    let mut t = Tally::default();
    for (_, w) in tokens(text, false) {
        let Some(dec) = keyed_candidate(w, enc) else {
            // Only Telex weighs the other words (a lone candidate among real syllables).
            if enc == Encoding::Telex && w.chars().any(char::is_alphabetic) && !is_syllable(w) {
                t.other += 1;
            }
            continue;
        };
        if is_syllable(&dec) {
            t.good += 1;
            // Two keys, or a vowel-quality key, are hardly ever an English spelling.
            let keys = w.chars().count() - dec.chars().count();
            let quality = dec
                .nfd()
                .any(|m| matches!(m, CIRCUMFLEX | BREVE | HORN) || m == 'đ' || m == 'Đ');
            if enc == Encoding::VniKeys || keys >= 2 || quality {
                t.strong += 1;
            }
        } else {
            t.unknown += 1;
        }
    }
    t
}

/// The decoding of a word that could be keystroke residue, or `None` for a word that
/// cannot be (a number, a code such as `A4`, `COVID19`, a Vietnamese word).
fn keyed_candidate(w: &str, enc: Encoding) -> Option<String> {
    match enc {
        Encoding::VniKeys => {
            if !w.is_ascii() && !w.chars().all(|c| c.is_alphanumeric()) {
                return None;
            }
            let first_digit = w.find(|c: char| c.is_ascii_digit())?;
            let head = &w[..first_digit];
            let letters_after = w[first_digit..].chars().any(char::is_alphabetic);
            if head.is_empty()
                || w.contains('0')
                || !head.chars().all(char::is_alphabetic)
                || (!letters_after && head.chars().count() < 2)
                || (!letters_after && !head.chars().any(char::is_lowercase))
            {
                return None;
            }
            // Digits must follow letters, never stand in a run of three or more.
            let digits_only = w.chars().filter(char::is_ascii_digit).count();
            if digits_only > 3 {
                return None;
            }
            decode_vni_word(w)
        }
        Encoding::Telex => {
            // An all-capital word is an abbreviation (`TW`, `HTX`), not a typed name.
            let caps = w.chars().all(|c| c.is_ascii_uppercase());
            if !w.chars().all(|c| c.is_ascii_alphabetic()) || caps || is_syllable(w) || english(w) {
                return None;
            }
            decode_telex_word(w)
        }
        _ => None,
    }
}

fn decode_word(w: &str, enc: Encoding) -> String {
    match enc {
        Encoding::Tcvn3 => decode_tcvn3(w),
        Encoding::VniWindows => decode_vni_windows(w),
        Encoding::VniKeys => decode_vni_word(w).unwrap_or_else(|| w.to_owned()),
        Encoding::Telex => decode_telex_word(w).unwrap_or_else(|| w.to_owned()),
    }
}

/// `text` converted from `enc` to Unicode NFC, word by word; a word that is already a
/// syllable stays as it is for the keystroke encodings (`Lan`, `An`).
pub fn convert(text: &str, enc: Encoding) -> String {
    let latin1 = matches!(enc, Encoding::Tcvn3 | Encoding::VniWindows);
    let toks = tokens(text, latin1);
    // TCVN3 has no capital toned letters: they were typed in the capital font
    // (`.VnTimeH`) with small codes, so a name's `¸nh` is `Ánh`.
    let names = toks
        .iter()
        .filter(|(_, w)| w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .all(|(_, w)| capitalised(w));
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for (at, w) in toks {
        out.push_str(&text[last..at]);
        last = at + w.len();
        let keep = match enc {
            Encoding::VniKeys | Encoding::Telex => {
                decode_word(w, enc) == w
                    || !is_syllable(&decode_word(w, enc))
                    || (enc == Encoding::VniKeys && w.starts_with(|c: char| c.is_ascii_digit()))
            }
            _ => false,
        };
        if keep {
            out.push_str(w);
            continue;
        }
        let mut dec = decode_word(w, enc);
        let upper = w.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1
            && w.chars()
                .filter(|c| c.is_ascii_alphabetic())
                .all(|c| c.is_ascii_uppercase());
        if enc == Encoding::Tcvn3 && upper {
            dec = dec.to_uppercase();
        } else if enc == Encoding::Tcvn3
            && names
            && w.chars().next().is_some_and(|c| !c.is_ascii())
            && dec.chars().next().is_some_and(char::is_lowercase)
        {
            let mut cs = dec.chars();
            let first: String = cs
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            dec = first + cs.as_str();
        }
        out.push_str(&dec);
    }
    out.push_str(&text[last..]);
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(s: &str) -> Option<(Encoding, String)> {
        detect(s).map(|f| (f.encoding, f.unicode))
    }

    #[test]
    fn decodes_the_issue_examples() {
        let want = "Nguyễn Thị Ánh".to_owned();
        assert_eq!(hit("NguyÔn ThÞ ¸nh"), Some((Encoding::Tcvn3, want.clone())));
        assert_eq!(
            hit("Nguyeãn Thò AÙnh"),
            Some((Encoding::VniWindows, want.clone()))
        );
        assert_eq!(
            hit("Nguye64n Thi5 A1nh"),
            Some((Encoding::VniKeys, want.clone()))
        );
        assert_eq!(hit("Nguyeenx Thij Anhs"), Some((Encoding::Telex, want)));
    }

    #[test]
    fn unicode_and_english_never_trigger() {
        for s in [
            "Nguyễn Thị Ánh",
            "Hoà Thuận",
            "Telex",
            "online",
            "email",
            "Website",
            "COVID-19",
            "Trang Website của xã, nhóm Zalo, Facebook online",
            "Số 12/QĐ-UBND",
            "giấy A4, khổ A3",
            "Hà Nội",
            "Café",
            "ấp 3, tổ 5",
            "Nguyen Van An",
            "Bà Rịa - Vũng Tàu",
            "Microsoft Word, Excel, PowerPoint, Zalo, Facebook, YouTube, Google",
            "Internet wifi offline livestream video clip smartphone camera QR code",
            "Times New Roman, Unikey, VNI, TCVN3, PDF, USB, email",
            "This is a test of the system",
            "How to use it: see the website for more information",
            "Hotline 1900 1234, Zalo 0909 123 456",
            "HTX, MTTQ, UBND, HĐND, TW, BCH",
            "tổ 12A3, lớp 9A1, phòng B2, ấp 3",
        ] {
            assert_eq!(hit(s), None, "{s}");
        }
    }

    #[test]
    fn encoders_round_trip() {
        for enc in Encoding::ALL {
            for s in [
                "Nguyễn Thị Ánh",
                "Trương Quốc Khánh",
                "Đặng Thùy Dương",
                "Huỳnh Ngọc Quý",
            ] {
                let e = encode(s, enc);
                assert_eq!(convert(&e, enc), s, "{enc:?}: {e}");
            }
        }
    }

    #[test]
    fn syllables() {
        for w in [
            "nguyễn",
            "trường",
            "khuya",
            "giữ",
            "gì",
            "quýt",
            "Huỳnh",
            "oong",
            "ngoằn",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "nguyôn", "thÞ", "telex", "online", "xyz", "aùnh", "hỏc", "tiềp",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
