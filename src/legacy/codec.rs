//! The tables of the legacy encodings, both ways: TCVN3 and VNI-Windows code points as
//! Windows-1252 shows them, VNI and Telex keystrokes. Decoding a word places its tone by
//! the rules of [`super::syllable`]; encoding exists to test the detector. One room of
//! ~500 lines: four encodings' tables read both ways, which change together.

use unicode_normalization::UnicodeNormalization;

use super::*;

/// TCVN3 code points (as Windows-1252 shows them) → Unicode.
pub(super) const TCVN3: &[(char, char)] = &[
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
pub(super) const GRAVE: char = '\u{300}';
pub(super) const ACUTE: char = '\u{301}';
pub(super) const TILDE: char = '\u{303}';
pub(super) const HOOK: char = '\u{309}';
pub(super) const DOT: char = '\u{323}';
pub(super) const CIRCUMFLEX: char = '\u{302}';
pub(super) const BREVE: char = '\u{306}';
pub(super) const HORN: char = '\u{31B}';

/// Tones in the order of VNI keys 1–5.
pub(super) const TONES: [char; 5] = [ACUTE, GRAVE, HOOK, TILDE, DOT];

pub(super) fn is_tone(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT)
}

/// VNI-Windows: what a modifier byte (as Windows-1252 shows it, lower case) adds to the
/// vowel before it: a quality, a tone, or both; `None` quality means "keep".
pub(super) fn vni_modifier(c: char) -> Option<(Option<char>, Option<char>)> {
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
pub(super) fn vni_single(c: char) -> Option<char> {
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
pub(super) fn mark(base: char, m: char) -> char {
    let s: String = [base, m].iter().collect::<String>().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// Whether a quality mark can sit on this letter (â ê ô, ă, ơ ư).
pub(super) fn takes(base: char, quality: char) -> bool {
    let b = base.to_ascii_lowercase();
    match quality {
        CIRCUMFLEX => matches!(b, 'a' | 'e' | 'o'),
        BREVE => b == 'a',
        HORN => matches!(b, 'o' | 'u'),
        _ => false,
    }
}

pub(super) fn decode_tcvn3(s: &str) -> String {
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

pub(super) fn decode_vni_windows(s: &str) -> String {
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
pub(super) fn vni_tone_on_horned(c: char) -> Option<char> {
    match vni_modifier(c)? {
        (None, Some(t)) => Some(t),
        _ => None,
    }
}

/// The letter without any mark, keeping case.
pub(super) fn base_letter(c: char) -> char {
    c.to_string()
        .nfd()
        .next()
        .filter(|b| b.is_ascii_alphabetic())
        .unwrap_or(c)
}

/// Decodes one VNI keystroke word (`Nguye64n` → `Nguyễn`); `None` when it has no key.
pub(super) fn decode_vni_word(word: &str) -> Option<String> {
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
pub(super) fn decode_telex_word(word: &str) -> Option<String> {
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
pub(super) fn split(c: char) -> (char, Option<char>, Option<char>) {
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

pub(super) fn tone_key(t: char, keys: &str) -> char {
    let i = TONES.iter().position(|x| *x == t).unwrap_or(0);
    keys.chars().nth(i).unwrap_or(' ')
}

pub(super) fn encode_keys(c: char, _telex: bool) -> String {
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

pub(super) fn telex_letter(c: char) -> (String, Option<char>) {
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

pub(super) fn encode_vni_windows(c: char) -> String {
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
