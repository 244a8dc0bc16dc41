//! The data contract (`data-format.md`) as serde types.
//!
//! Field names are English; the YAML keys are the ASCII-Vietnamese ones of the contract.
//! Every struct denies unknown keys, so a typo is an error with a "did you mean" instead
//! of a silently ignored line. `loai` is not part of these structs: `load` reads it first
//! and picks the type, so that errors keep their key path.
//!
//! This file holds the scalars every record shares (dates, line lists, regimes, signers)
//! and the issuing body; `round` is `loai: dot` with the documents it issues, `records` the
//! collectives and people with their letters. Paths stay `model::…` (re-exported).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de};

mod records;
mod round;

pub use records::*;
pub use round::*;

/// Which regulation lays out a body's documents (conventions D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// A Party body: Hướng dẫn 36-HD/VPTW.
    Dang,
    /// A State body: Nghị định 30/2020/NĐ-CP.
    NhaNuoc,
}

/// A date as staff type it: `2025-12-15`, `15/12/2025`, `15-12-2025` or `15.12.2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một ngày dạng NNNN-TT-NN hoặc NN/TT/NNNN")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                parse_date(s)
                    .map(Date)
                    .ok_or_else(|| E::custom(date_problem(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Day, month and year of a date in any accepted form, not yet checked to exist.
fn date_parts(s: &str) -> Option<(u32, u32, i32)> {
    let s = s.trim();
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())?
    };
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    // Mixed separators (`15/12-2025`) are a typing slip, not a form.
    if s.chars()
        .filter(|c| matches!(c, '-' | '/' | '.'))
        .any(|c| c != sep)
    {
        return None;
    }
    if a.len() == 4 && sep == '-' && b.len() == 2 && c.len() == 2 {
        return Some((num(c)?, num(b)?, num(a)? as i32));
    }
    (c.len() == 4 && a.len() <= 2 && b.len() <= 2).then_some(())?;
    Some((num(a)?, num(b)?, num(c)? as i32))
}

/// Parses every date form of the contract; `None` for anything else or an impossible date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let (d, m, y) = date_parts(s)?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Why `s` is not a date, naming the impossible day or month so it is fixed in one pass.
fn date_problem(s: &str) -> String {
    let forms = "viết dạng 15/12/2025, 15-12-2025, 15.12.2025 hoặc 2025-12-15";
    let Some((d, m, y)) = date_parts(s) else {
        return format!("ngày `{s}` không đọc được: {forms}");
    };
    if !(1..=12).contains(&m) {
        return format!(
            "ngày `{s}` không có thật: không có tháng {m} (tháng từ 1 đến 12; ngày viết trước tháng, ví dụ 15/12/{y})"
        );
    }
    let days = (28..=31)
        .rev()
        .find(|n| NaiveDate::from_ymd_opt(y, m, *n).is_some())
        .unwrap_or(28);
    if d == 0 || d > days {
        return format!(
            "ngày `{s}` không có thật: tháng {m} năm {y} chỉ có {days} ngày; sửa lại ngày cho đúng"
        );
    }
    format!("ngày `{s}` không đọc được: {forms}")
}

/// Text given either as one string or as a list of lines (`quyen_han`, `kinh_gui`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một dòng văn bản hoặc danh sách các dòng")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Lines, E> {
                Ok(Lines(vec![s.to_owned()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut out = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    out.push(line);
                }
                Ok(Lines(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A scalar printed as text: staff write `ket_qua: 120` as readily as `ket_qua: "120 hộ"`.
fn scalar_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("một giá trị văn bản hoặc số")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_owned())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string().replace('.', ","))
        }
    }
    d.deserialize_any(V)
}

/// Who signs: `quyen_han` lines (T/M …, KT. …), title, full name (conventions D9).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// `quyen_han`: the authority lines above the title, e.g. `KT. CHỦ TỊCH`; may be empty.
    #[serde(rename = "quyen_han", default)]
    pub authority: Lines,
    /// `chuc_vu`: the signer's title as printed, e.g. `TRƯỞNG BAN`.
    #[serde(rename = "chuc_vu")]
    pub title: String,
    /// `ho_ten`: the signer's full name as printed.
    #[serde(rename = "ho_ten")]
    pub name: String,
}

/// `loai: co_quan` — an issuing body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// `ma`: the id other records use to name this body.
    pub ma: String,
    /// `he`: whether the body is a Party or a State body, which picks the layout.
    #[serde(rename = "he")]
    pub regime: Regime,
    /// `co_quan_cap_tren`: the superior's line printed above the name in the header.
    #[serde(rename = "co_quan_cap_tren")]
    pub superior: Option<String>,
    /// `ten`: the body's name as printed in the header.
    #[serde(rename = "ten")]
    pub name: String,
    /// `ten_day_du` *(v2)*: the full name in running text, `Ủy ban nhân dân xã Cần Giuộc`,
    /// for "của …" captions, citations and the head's title; read it through
    /// [`Body::full`], which derives it from `ten` when left out.
    #[serde(rename = "ten_day_du")]
    pub full_name: Option<String>,
    /// `ten_viet_tat`: the abbreviation used in document numbers, e.g. `UBND`.
    #[serde(rename = "ten_viet_tat")]
    pub abbreviation: String,
    /// `dia_danh`: the place name of the date line, e.g. `Cần Giuộc`.
    #[serde(rename = "dia_danh")]
    pub place: String,
    /// `nguoi_ky`: the body's default signer.
    #[serde(rename = "nguoi_ky")]
    pub signer: Signer,
    /// `noi_nhan`: the body's default recipients.
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    /// `nhiem_ky_tu`: a Party body's first day of term, from which numbers run (D7).
    #[serde(rename = "nhiem_ky_tu")]
    pub term_start: Option<Date>,
    /// `bieu_trung`: the dataset-relative path of the emblem printed on the body's certificates.
    #[serde(rename = "bieu_trung")]
    pub emblem: Option<String>,
}
