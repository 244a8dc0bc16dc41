//! Vietnamese collation for the lists (conventions D13, research 5.3).
//!
//! Letters first (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư), tone marks only to break
//! ties (none < huyền < hỏi < ngã < sắc < nặng), case last. People are ordered by given
//! name, then middle name, then family name, as Vietnamese lists are read.

const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// A sort key: letters, then tones, then the text itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    primary: Vec<u32>,
    tones: Vec<u8>,
    text: String,
}

/// Collation key of a piece of text.
pub fn key(text: &str) -> Key {
    let mut primary = Vec::new();
    let mut tones = Vec::new();
    push(text, &mut primary, &mut tones);
    Key {
        primary,
        tones,
        text: text.to_owned(),
    }
}

/// Collation key of a person's full name: given name, middle names, family name.
pub fn name_key(full: &str) -> Key {
    let words: Vec<&str> = full.split_whitespace().collect();
    let (given, middle, family) = match words.as_slice() {
        [] => ("", String::new(), ""),
        [one] => (*one, String::new(), ""),
        [family, middle @ .., given] => (*given, middle.join(" "), *family),
    };
    let mut primary = Vec::new();
    let mut tones = Vec::new();
    for part in [given, middle.as_str(), family] {
        push(part, &mut primary, &mut tones);
        primary.push(0);
        tones.push(0);
    }
    Key {
        primary,
        tones,
        text: full.to_owned(),
    }
}

fn push(text: &str, primary: &mut Vec<u32>, tones: &mut Vec<u8>) {
    // Called for every name of every list: no allocation per character.
    for c in text.chars().flat_map(char::to_lowercase) {
        let mut base = None;
        let mut modifier = None;
        let mut tone = 0u8;
        unicode_normalization::char::decompose_canonical(c, |d| match d {
            '\u{0306}' | '\u{0302}' | '\u{031B}' => modifier = Some(d),
            '\u{0300}' => tone = 1,
            '\u{0309}' => tone = 2,
            '\u{0303}' => tone = 3,
            '\u{0301}' => tone = 4,
            '\u{0323}' => tone = 5,
            d if base.is_none() => base = Some(d),
            _ => {}
        });
        let Some(base) = base else { continue };
        let letter = match (base, modifier) {
            ('a', Some('\u{0306}')) => 'ă',
            ('a', Some('\u{0302}')) => 'â',
            ('e', Some('\u{0302}')) => 'ê',
            ('o', Some('\u{0302}')) => 'ô',
            ('o', Some('\u{031B}')) => 'ơ',
            ('u', Some('\u{031B}')) => 'ư',
            (b, None) => b,
            // A mark Vietnamese does not use: not a letter of the alphabet.
            (_, Some(_)) => '\0',
        };
        let rank = ALPHABET
            .chars()
            .position(|a| a == letter)
            .map(|p| 1000 + p as u32)
            .unwrap_or_else(|| {
                if base.is_whitespace() {
                    1
                } else {
                    100 + base as u32 % 800
                }
            });
        primary.push(rank);
        tones.push(tone);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>, by: fn(&str) -> Key) -> Vec<&str> {
        v.sort_by_key(|s| by(s));
        v
    }

    #[test]
    fn letters_with_marks_follow_their_base() {
        assert_eq!(
            sorted(vec!["Âu", "Ăn", "An", "Bình"], key),
            ["An", "Ăn", "Âu", "Bình"]
        );
        assert_eq!(
            sorted(vec!["Đào", "Dũng", "Em", "Ê"], key),
            ["Dũng", "Đào", "Em", "Ê"]
        );
        assert_eq!(
            sorted(vec!["Ơn", "Ôn", "On", "Ưng", "Uy"], key),
            ["On", "Ôn", "Ơn", "Uy", "Ưng"]
        );
    }

    #[test]
    fn tones_break_ties_in_order() {
        assert_eq!(
            sorted(vec!["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"], key),
            ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
        );
        // A letter difference outweighs an earlier tone difference.
        assert_eq!(sorted(vec!["Lá B", "La C"], key), ["Lá B", "La C"]);
    }

    #[test]
    fn people_sort_by_given_then_middle_then_family() {
        let names = vec![
            "Trần Văn Bình",
            "Nguyễn Thị An",
            "Lê Văn An",
            "Phạm Thị Ánh",
        ];
        let mut v = names.clone();
        v.sort_by_cached_key(|n| name_key(n));
        assert_eq!(
            v,
            [
                "Nguyễn Thị An",
                "Lê Văn An",
                "Phạm Thị Ánh",
                "Trần Văn Bình"
            ]
        );
    }
}
