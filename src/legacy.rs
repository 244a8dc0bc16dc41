//! Legacy Vietnamese encodings: text typed in TCVN3 (ABC, `.VnTime`), VNI-Windows
//! (`VNI-Times`) or as keystrokes with Unikey switched off (VNI digits, Telex letters).
//!
//! Such text reaches us as valid Unicode — the legacy bytes read as Windows-1252, or plain
//! ASCII — so nothing refuses it, and it would be printed as garbage on a certificate.
//! Detection is table-driven and judged per word by Vietnamese phonotactics: a word is a
//! hit only when it is *not* a Vietnamese syllable as written and *becomes* one once
//! decoded. Real Vietnamese text is made of syllables, so it never triggers; English words
//! (`Telex`, `online`) decode into non-syllables and do not either.

use serde_norway::Value;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{Dataset, Origin};

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

/// TCVN3 code points (as Windows-1252 shows them) → Unicode.
const TCVN3: &[(char, char)] = &[
    ('\u{A1}', 'Ă'),
    ('\u{A2}', 'Â'),
    ('\u{A3}', 'Ê'),
    ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'),
    ('\u{A6}', 'Ư'),
    ('\u{A7}', 'Đ'),
    ('\u{A8}', 'ă'),
    ('\u{A9}', 'â'),
    ('\u{AA}', 'ê'),
    ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'),
    ('\u{AD}', 'ư'),
    ('\u{AE}', 'đ'),
    ('\u{B5}', 'à'),
    ('\u{B6}', 'ả'),
    ('\u{B7}', 'ã'),
    ('\u{B8}', 'á'),
    ('\u{B9}', 'ạ'),
    ('\u{BB}', 'ằ'),
    ('\u{BC}', 'ẳ'),
    ('\u{BD}', 'ẵ'),
    ('\u{BE}', 'ắ'),
    ('\u{C6}', 'ặ'),
    ('\u{C7}', 'ầ'),
    ('\u{C8}', 'ẩ'),
    ('\u{C9}', 'ẫ'),
    ('\u{CA}', 'ấ'),
    ('\u{CB}', 'ậ'),
    ('\u{CC}', 'è'),
    ('\u{CE}', 'ẻ'),
    ('\u{CF}', 'ẽ'),
    ('\u{D0}', 'é'),
    ('\u{D1}', 'ẹ'),
    ('\u{D2}', 'ề'),
    ('\u{D3}', 'ể'),
    ('\u{D4}', 'ễ'),
    ('\u{D5}', 'ế'),
    ('\u{D6}', 'ệ'),
    ('\u{D7}', 'ì'),
    ('\u{D8}', 'ỉ'),
    ('\u{DC}', 'ĩ'),
    ('\u{DD}', 'í'),
    ('\u{DE}', 'ị'),
    ('\u{DF}', 'ò'),
    ('\u{E1}', 'ỏ'),
    ('\u{E2}', 'õ'),
    ('\u{E3}', 'ó'),
    ('\u{E4}', 'ọ'),
    ('\u{E5}', 'ồ'),
    ('\u{E6}', 'ổ'),
    ('\u{E7}', 'ỗ'),
    ('\u{E8}', 'ố'),
    ('\u{E9}', 'ộ'),
    ('\u{EA}', 'ờ'),
    ('\u{EB}', 'ở'),
    ('\u{EC}', 'ỡ'),
    ('\u{ED}', 'ớ'),
    ('\u{EE}', 'ợ'),
    ('\u{EF}', 'ù'),
    ('\u{F1}', 'ủ'),
    ('\u{F2}', 'ũ'),
    ('\u{F3}', 'ú'),
    ('\u{F4}', 'ụ'),
    ('\u{F5}', 'ừ'),
    ('\u{F6}', 'ử'),
    ('\u{F7}', 'ữ'),
    ('\u{F8}', 'ứ'),
    ('\u{F9}', 'ự'),
    ('\u{FA}', 'ỳ'),
    ('\u{FB}', 'ỷ'),
    ('\u{FC}', 'ỹ'),
    ('\u{FD}', 'ý'),
    ('\u{FE}', 'ỵ'),
];

// Combining marks: the five tones and the three vowel qualities.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const TILDE: char = '\u{303}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';
const HORN: char = '\u{31B}';

/// Tones in the order of VNI keys 1–5.
const TONES: [char; 5] = [ACUTE, GRAVE, HOOK, TILDE, DOT];

fn is_tone(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT)
}

/// VNI-Windows: what a modifier byte (as Windows-1252 shows it, lower case) adds to the
/// vowel before it: a quality, a tone, or both; `None` quality means "keep".
fn vni_modifier(c: char) -> Option<(Option<char>, Option<char>)> {
    let lower = c.to_lowercase().next()?;
    Some(match lower {
        'ù' => (None, Some(ACUTE)),
        'ø' => (None, Some(GRAVE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' | 'î' => (None, Some(DOT)),
        'â' => (Some(CIRCUMFLEX), None),
        'ê' => (Some(BREVE), None),
        'á' => (Some(CIRCUMFLEX), Some(ACUTE)),
        'à' => (Some(CIRCUMFLEX), Some(GRAVE)),
        'å' => (Some(CIRCUMFLEX), Some(HOOK)),
        'ã' => (Some(CIRCUMFLEX), Some(TILDE)),
        'ä' => (Some(CIRCUMFLEX), Some(DOT)),
        'é' => (Some(BREVE), Some(ACUTE)),
        'è' => (Some(BREVE), Some(GRAVE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    })
}

/// VNI-Windows letters that stand alone: ơ, ư, đ and the toned i.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'í' => 'í',
        'Í' => 'Í',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        _ => return None,
    })
}

/// Adds a combining mark to a letter, NFC.
fn mark(base: char, m: char) -> char {
    let s: String = [base, m].iter().collect::<String>().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// Whether a quality mark can sit on this letter (â ê ô, ă, ơ ư).
fn takes(base: char, quality: char) -> bool {
    let b = base.to_ascii_lowercase();
    match quality {
        CIRCUMFLEX => matches!(b, 'a' | 'e' | 'o'),
        BREVE => b == 'a',
        HORN => matches!(b, 'o' | 'u'),
        _ => false,
    }
}

fn decode_tcvn3(s: &str) -> String {
    s.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, u)| *u)
                .unwrap_or(c)
        })
        .collect()
}

fn decode_vni_windows(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let prev = out.last().copied();
        let is_vowel = prev.is_some_and(|p| VOWELS.contains(p.to_ascii_lowercase()));
        let same_case = prev.is_some_and(|p| p.is_uppercase() == c.is_uppercase());
        if let (Some(p), true, true, Some((quality, tone))) =
            (prev, is_vowel, same_case, vni_modifier(c))
        {
            let plain = base_letter(p);
            let fits = match quality {
                Some(q) => p.is_ascii() && takes(plain, q),
                None => true,
            };
            if fits {
                let mut l = p;
                if let Some(q) = quality {
                    l = mark(l, q);
                }
                if let Some(t) = tone {
                    l = mark(l, t);
                }
                *out.last_mut().expect("a previous letter") = l;
                continue;
            }
        }
        if let (Some(p), Some(t)) = (prev, vni_tone_on_horned(c))
            && matches!(p, 'ơ' | 'ư' | 'Ơ' | 'Ư')
            && same_case
        {
            *out.last_mut().expect("a previous letter") = mark(p, t);
            continue;
        }
        out.push(vni_single(c).unwrap_or(c));
    }
    out.into_iter().collect()
}

/// A tone byte after ơ/ư (themselves single bytes, so not seen as ASCII vowels).
fn vni_tone_on_horned(c: char) -> Option<char> {
    match vni_modifier(c)? {
        (None, Some(t)) => Some(t),
        _ => None,
    }
}

/// The letter without any mark, keeping case.
fn base_letter(c: char) -> char {
    c.to_string()
        .nfd()
        .next()
        .filter(|b| b.is_ascii_alphabetic())
        .unwrap_or(c)
}

const VOWELS: &str = "aăâeêioôơuưy";

fn is_vowel(c: char) -> bool {
    let stripped: String = c
        .to_lowercase()
        .collect::<String>()
        .nfd()
        .filter(|m| !is_tone(*m))
        .collect::<String>()
        .nfc()
        .collect();
    stripped.chars().count() == 1 && VOWELS.contains(stripped.as_str())
}

/// The vowel that carries the tone in a word, by the traditional placement rule
/// (`hòa`, `thúy`, `mía`; `trường`, `khuyến`, `quý`).
fn tone_index(word: &[char]) -> Option<usize> {
    let lower: Vec<char> = word
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let start = lower.iter().position(|c| is_vowel(*c))?;
    let mut end = start;
    while end < lower.len() && is_vowel(lower[end]) {
        end += 1;
    }
    let mut first = start;
    // `qu` and `gi` before another vowel are the onset, not the nucleus.
    if start > 0
        && end - start > 1
        && ((lower[start - 1] == 'q' && lower[start] == 'u')
            || (lower[start - 1] == 'g' && lower[start] == 'i'))
    {
        first += 1;
    }
    let cluster: Vec<usize> = (first..end).collect();
    if let Some(&i) = cluster.iter().rev().find(|&&i| {
        let base: String = lower[i]
            .to_string()
            .nfd()
            .filter(|m| !is_tone(*m))
            .collect();
        base.chars().count() > 1 || base.starts_with('đ')
    }) {
        return Some(i);
    }
    let has_final = end < lower.len();
    Some(match cluster.len() {
        0 => start,
        1 => cluster[0],
        _ if has_final => *cluster.last().expect("non-empty"),
        2 => cluster[0],
        _ => cluster[1],
    })
}

/// Whether a word's tone (if any) sits where either spelling style puts it: the rule of
/// [`tone_index`], or the second vowel of an open `oa`, `oe`, `uy` (`hoà`, `thuý`).
fn well_placed(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let Some(at) = chars.iter().position(|c| c.to_string().nfd().any(is_tone)) else {
        return true;
    };
    let plain: Vec<char> = chars
        .iter()
        .map(|c| {
            c.to_string()
                .nfd()
                .filter(|m| !is_tone(*m))
                .collect::<String>()
                .nfc()
                .next()
                .unwrap_or(*c)
        })
        .collect();
    if tone_index(&plain) == Some(at) {
        return true;
    }
    at > 0
        && at + 1 == plain.len()
        && matches!(
            (
                plain[at - 1].to_ascii_lowercase(),
                plain[at].to_ascii_lowercase()
            ),
            ('o', 'a' | 'e') | ('u', 'y')
        )
}

fn put_tone(word: &mut [char], tone: char, at: Option<usize>) {
    if let Some(i) = at.or_else(|| tone_index(word)) {
        word[i] = mark(word[i], tone);
    }
}

/// Decodes one VNI keystroke word (`Nguye64n` → `Nguyễn`); `None` when it has no key.
fn decode_vni_word(word: &str) -> Option<String> {
    let mut out: Vec<char> = Vec::new();
    let mut tone: Option<(char, Option<usize>)> = None;
    let mut keyed = false;
    let mut prev_vowel: Option<usize> = None;
    for c in word.chars() {
        let Some(d) = c.to_digit(10).filter(|d| (1..=9).contains(d)) else {
            out.push(c);
            prev_vowel = if is_vowel(c) {
                Some(out.len() - 1)
            } else {
                None
            };
            continue;
        };
        keyed = true;
        match d {
            1..=5 => tone = Some((TONES[d as usize - 1], prev_vowel)),
            6 | 8 => {
                let q = if d == 6 { CIRCUMFLEX } else { BREVE };
                let i = out.iter().rposition(|l| takes(*l, q) && l.is_ascii())?;
                out[i] = mark(out[i], q);
            }
            7 => {
                let i = out.iter().rposition(|l| takes(*l, HORN) && l.is_ascii())?;
                out[i] = mark(out[i], HORN);
                // `uo7` is ươ: both take the horn.
                if i > 0
                    && out[i - 1].eq_ignore_ascii_case(&'u')
                    && out[i].to_lowercase().eq("ơ".chars())
                {
                    out[i - 1] = mark(out[i - 1], HORN);
                }
            }
            _ => {
                let i = out.iter().rposition(|l| l.eq_ignore_ascii_case(&'d'))?;
                out[i] = if out[i] == 'd' { 'đ' } else { 'Đ' };
            }
        }
    }
    if !keyed {
        return None;
    }
    if let Some((t, at)) = tone {
        put_tone(&mut out, t, at);
    }
    Some(out.into_iter().collect::<String>().nfc().collect())
}

/// Decodes one Telex keystroke word (`Nguyeenx` → `Nguyễn`); `None` when it has no key.
fn decode_telex_word(word: &str) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    let mut tone = None;
    if chars.len() > 1
        && let Some(t) = match chars.last()?.to_ascii_lowercase() {
            's' => Some(ACUTE),
            'f' => Some(GRAVE),
            'r' => Some(HOOK),
            'x' => Some(TILDE),
            'j' => Some(DOT),
            _ => None,
        }
    {
        tone = Some(t);
        chars.pop();
    }
    let mut out: Vec<char> = Vec::new();
    let mut keyed = tone.is_some();
    for c in chars {
        let lc = c.to_ascii_lowercase();
        let last = out.last().map(|l: &char| l.to_ascii_lowercase());
        match (last, lc) {
            (Some(l), 'a' | 'e' | 'o') if l == lc && out.last().is_some_and(|x| x.is_ascii()) => {
                let i = out.len() - 1;
                out[i] = mark(out[i], CIRCUMFLEX);
                keyed = true;
            }
            (Some('d'), 'd') if out.last().is_some_and(|x| x.is_ascii()) => {
                let i = out.len() - 1;
                out[i] = if out[i] == 'd' { 'đ' } else { 'Đ' };
                keyed = true;
            }
            (_, 'w') => {
                keyed = true;
                match out.last().copied() {
                    Some(l) if l.is_ascii() && takes(l, BREVE) => {
                        let i = out.len() - 1;
                        out[i] = mark(l, BREVE);
                    }
                    Some(l) if l.is_ascii() && takes(l, HORN) => {
                        let i = out.len() - 1;
                        out[i] = mark(l, HORN);
                        if l.eq_ignore_ascii_case(&'o')
                            && i > 0
                            && out[i - 1].eq_ignore_ascii_case(&'u')
                        {
                            out[i - 1] = mark(out[i - 1], HORN);
                        }
                    }
                    _ => out.push(if c == 'W' { 'Ư' } else { 'ư' }),
                }
            }
            _ => out.push(c),
        }
    }
    if !keyed {
        return None;
    }
    if let Some(t) = tone {
        put_tone(&mut out, t, None);
    }
    Some(out.into_iter().collect::<String>().nfc().collect())
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Every rhyme (vần) of Vietnamese, tone left out; generous rather than strict, since a
/// rhyme missing here would make real text look like a legacy encoding.
const RHYMES: &str = "a ai ao au ay am an ang anh ac ach ap at \
    ă ăm ăn ăng ăc ăp ăt âu ây âm ân âng âc âp ât â \
    e eo em en eng ec ep et ê êu êm ên ênh êng êch êc êp êt \
    i ia iê iu im in inh ich ip it iêu iêm iên iêng iêc iêp iêt \
    o oa oai oao oay oam oan oang oanh oac oach oap oat oăm oăn oăng oăc oăt oăp \
    oe oeo oem oen oet oen oi om on ong oc op ot ooc oong \
    ô ôi ôm ôn ông ôc ôp ôt ơ ơi ơm ơn ơng ơp ơt \
    u ua uân uâng uât uây uâ uê uêch uênh uêt uy uya uyu uyên uyêt uynh uych uyt uyn uyp \
    ui um un ung uc up ut uôi uôm uôn uông uôc uôt uôp uơ uơi uơn \
    ư ưa ưi ưu ưm ưn ưng ưc ưt ươ ươi ươu ươm ươn ương ươc ươp ươt \
    y yêu yêm yên yêng yêt ych ynh yt ";

fn rhymes() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| RHYMES.split_whitespace().collect())
}

/// Whether `word` is one Vietnamese syllable as written (any case, at most one tone).
pub fn is_syllable(word: &str) -> bool {
    let lower: String = word.to_lowercase();
    let mut tones = 0;
    let mut tone = None;
    let mut after_vowel = false;
    let mut plain = String::with_capacity(lower.len());
    for c in lower.nfd() {
        if is_tone(c) {
            // A tone on a consonant (`ñ` read as n + tilde) is no Vietnamese letter.
            if !after_vowel {
                return false;
            }
            tones += 1;
            tone = Some(c);
        } else {
            if !matches!(c, CIRCUMFLEX | BREVE | HORN) {
                after_vowel = "aeiouy".contains(c);
            }
            plain.push(c);
        }
    }
    let plain: String = plain.nfc().collect();
    if tones > 1
        || plain.is_empty()
        || !plain
            .chars()
            .all(|c| "abcdđeghiklmnopqrstuvxyăâêôơư".contains(c))
        || !well_placed(&lower)
    {
        return false;
    }
    // A syllable closed by p, t, c or ch takes only the sắc or nặng tone (`học`, `tiếp`).
    let stopped = ["p", "t", "c", "ch"].iter().any(|f| plain.ends_with(f));
    if stopped && tone.is_some_and(|t| !matches!(t, ACUTE | DOT)) {
        return false;
    }
    let set = rhymes();
    if set.contains(plain.as_str()) {
        return true;
    }
    ONSETS.iter().any(|o| {
        plain
            .strip_prefix(o)
            .is_some_and(|rest| set.contains(rest) || (*o == "gi" && rest.is_empty()))
    })
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
    let t = tally_keys(text, Encoding::VniKeys);
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
            if w.chars().any(char::is_alphabetic) && !is_syllable(w) {
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

/// Keys whose values are identifiers or paths, never text: no legacy check.
const NOT_TEXT: [&str; 3] = ["ma", "loai", "bieu_trung"];

/// Keys whose text is printed on a certificate (the recipient, the signer, the body):
/// there a legacy encoding is an error, elsewhere a warning.
const PRINTED: [&str; 9] = [
    "ho_ten",
    "ten",
    "chuc_vu",
    "don_vi",
    "ly_do",
    "quyen_han",
    "co_quan_cap_tren",
    "dia_danh",
    "phong_trao",
];

/// Checks every text of one record (`loai` already removed) for a legacy encoding.
/// Returns whether an error was found: the record is then dropped, so garbled text is
/// never printed.
pub(crate) fn check_record(
    ds: &Dataset,
    origin: &Origin,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut found = Vec::new();
    strings(value, String::new(), None, &mut found);
    let mut error = false;
    for (path, key, text) in found {
        let Some(f) = detect(text) else { continue };
        let printed = key.as_deref().is_some_and(|k| PRINTED.contains(&k));
        error |= printed;
        let message = format!(
            "`{}` được gõ bằng {}: chữ in ra sẽ sai",
            crate::diagnostics::display_path(&path),
            f.encoding.label()
        );
        let d = if printed {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        let file = &ds.files[origin.file];
        diags.push(
            d.code(Code::LegacyEncoding)
                .at_value(ds.locate_value(origin, &path, "chữ gõ bằng bảng mã cũ"))
                .field(path.clone())
                .hint(format!(
                    "đọc theo Unicode là «{}»; sửa lại cho đúng, hoặc chạy `vanban chuyen-ma {}` để chuyển cả tệp sang Unicode (giữ bản cũ là .bak)",
                    f.unicode,
                    file.display.display()
                )),
        );
    }
    error
}

/// Every string of a value with its key path and the key it is the value of.
fn strings<'a>(
    v: &'a Value,
    path: String,
    key: Option<&'a str>,
    out: &mut Vec<(String, Option<String>, &'a str)>,
) {
    match v {
        Value::String(s) => out.push((path, key.map(str::to_owned), s)),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), key, out);
            }
        }
        Value::Mapping(m) => {
            for (k, item) in m {
                let Some(k) = k.as_str() else { continue };
                if NOT_TEXT.contains(&k) {
                    continue;
                }
                strings(item, crate::source::join(&path, k), Some(k), out);
            }
        }
        Value::Tagged(t) => strings(&t.value, path, key, out),
        _ => {}
    }
}

/// Writes Unicode text in a legacy encoding, the way an old font or a switched-off
/// Unikey would have it: the other half of the tables, for testing the detector.
pub fn encode(text: &str, enc: Encoding) -> String {
    match enc {
        Encoding::Tcvn3 => text
            .nfc()
            .map(|c| {
                let lower = c.to_lowercase().next().unwrap_or(c);
                TCVN3
                    .iter()
                    .find(|(_, u)| *u == c)
                    .or_else(|| TCVN3.iter().find(|(_, u)| *u == lower))
                    .map(|(k, _)| *k)
                    .unwrap_or(c)
            })
            .collect(),
        Encoding::VniWindows => text.nfc().map(encode_vni_windows).collect(),
        Encoding::VniKeys => text.nfc().map(|c| encode_keys(c, false)).collect(),
        Encoding::Telex => {
            let mut out = String::new();
            let mut last = 0;
            for (at, w) in tokens(text, false) {
                out.push_str(&text[last..at]);
                last = at + w.len();
                let mut tone = None;
                for c in w.nfc() {
                    let (s, t) = telex_letter(c);
                    out.push_str(&s);
                    tone = tone.or(t);
                }
                out.extend(tone);
            }
            out.push_str(&text[last..]);
            out
        }
    }
}

/// A letter split into its ASCII base, quality and tone marks.
fn split(c: char) -> (char, Option<char>, Option<char>) {
    if c == 'đ' || c == 'Đ' {
        return (c, None, None);
    }
    let mut base = c;
    let (mut q, mut t) = (None, None);
    for (i, m) in c.to_string().nfd().enumerate() {
        if i == 0 {
            base = m;
        } else if is_tone(m) {
            t = Some(m);
        } else {
            q = Some(m);
        }
    }
    (base, q, t)
}

fn tone_key(t: char, keys: &str) -> char {
    let i = TONES.iter().position(|x| *x == t).unwrap_or(0);
    keys.chars().nth(i).unwrap_or(' ')
}

fn encode_keys(c: char, _telex: bool) -> String {
    let (base, q, t) = split(c);
    let mut s = String::new();
    match base {
        'đ' => return "d9".into(),
        'Đ' => return "D9".into(),
        _ => s.push(base),
    }
    match q {
        Some(CIRCUMFLEX) => s.push('6'),
        Some(HORN) => s.push('7'),
        Some(BREVE) => s.push('8'),
        _ => {}
    }
    if let Some(t) = t {
        s.push(tone_key(t, "12345"));
    }
    s
}

fn telex_letter(c: char) -> (String, Option<char>) {
    let (base, q, t) = split(c);
    let mut s = String::new();
    match base {
        'đ' => s.push_str("dd"),
        'Đ' => s.push_str("Dd"),
        _ => s.push(base),
    }
    match q {
        Some(CIRCUMFLEX) => s.push(base.to_ascii_lowercase()),
        Some(HORN) | Some(BREVE) => s.push('w'),
        _ => {}
    }
    (s, t.map(|t| tone_key(t, "sfrxj")))
}

fn encode_vni_windows(c: char) -> String {
    let (base, q, t) = split(c);
    let upper = base.is_uppercase();
    let case = |m: char| -> char {
        if upper {
            m.to_uppercase().next().unwrap_or(m)
        } else {
            m
        }
    };
    if matches!(base, 'đ' | 'Đ') {
        return if upper { "Ñ" } else { "ñ" }.into();
    }
    let tone_of = |t: char, set: [char; 5]| set[TONES.iter().position(|x| *x == t).unwrap_or(0)];
    let lb = base.to_ascii_lowercase();
    if lb == 'i'
        && let Some(t) = t
    {
        return case(tone_of(t, ['í', 'ì', 'æ', 'ó', 'ò'])).to_string();
    }
    let mut s = String::new();
    match q {
        Some(HORN) => s.push(case(if lb == 'o' { 'ô' } else { 'ö' })),
        _ => s.push(base),
    }
    match (q, t) {
        (Some(CIRCUMFLEX), None) => s.push(case('â')),
        (Some(BREVE), None) => s.push(case('ê')),
        (Some(CIRCUMFLEX), Some(t)) => s.push(case(tone_of(t, ['á', 'à', 'å', 'ã', 'ä']))),
        (Some(BREVE), Some(t)) => s.push(case(tone_of(t, ['é', 'è', 'ú', 'ü', 'ë']))),
        (_, Some(t)) => {
            let dot = if lb == 'y' { 'î' } else { 'ï' };
            s.push(case(tone_of(t, ['ù', 'ø', 'û', 'õ', dot])));
        }
        _ => {}
    }
    s
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
