//! Money as a decision writes it: figures with dots, then the amount in words.

use super::*;

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
pub(super) fn group_words(g: u32, inner: bool) -> String {
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
