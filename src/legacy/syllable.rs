//! Vietnamese phonotactics, as much as the detector needs: which letters are vowels,
//! where a word's tone sits, and whether a word is a syllable (onset + rhyme) at all.

use unicode_normalization::UnicodeNormalization;

use super::*;

pub(super) const VOWELS: &str = "aăâeêioôơuưy";

pub(super) fn is_vowel(c: char) -> bool {
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
pub(super) fn tone_index(word: &[char]) -> Option<usize> {
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
pub(super) fn well_placed(word: &str) -> bool {
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

pub(super) fn put_tone(word: &mut [char], tone: char, at: Option<usize>) {
    if let Some(i) = at.or_else(|| tone_index(word)) {
        word[i] = mark(word[i], tone);
    }
}

pub(super) const ONSETS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Every rhyme (vần) of Vietnamese, tone left out; generous rather than strict, since a
/// rhyme missing here would make real text look like a legacy encoding.
pub(super) const RHYMES: &str = "a ai ao au ay am an ang anh ac ach ap at \
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

pub(super) fn rhymes() -> &'static std::collections::HashSet<&'static str> {
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
