//! "Did you mean": the known name closest to a mistyped one. A leaf both the diagnostics
//! and the error codes use (`vanban giai-thich V13x`), so neither imports the other.

/// The closest known name, if it is close enough to be a typo.
pub fn suggest<'a>(word: &str, known: &'a [impl AsRef<str>]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k.as_ref()), k.as_ref()))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
