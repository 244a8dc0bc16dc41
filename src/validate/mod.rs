//! Validate: the rules of the data contract that types alone cannot express — identifiers,
//! uniqueness, references between records, required-unless keys, files that must exist.
//!
//! A record that breaks a rule is reported and removed from the dataset, so it produces
//! nothing, while every other record goes on. The criteria of the guidance (who is
//! eligible) are not contract errors: they live in `criteria` and give verdicts, which
//! `table` prints for `vanban check`.

pub mod criteria;
pub mod table;
pub mod verdict;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::Diagnostic;
use crate::load::{Dataset, Loaded, Origin};
use crate::model::{Regime, Signer};
use crate::the_thuc::{self, PARTY_PREFIXES, STATE_PREFIXES, split_prefix};

/// Checks the dataset and removes the records that break the contract.
pub fn validate(ds: &mut Dataset) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut bad: HashSet<Origin> = HashSet::new();

    check_ids(ds, &mut diags, &mut bad);
    let regimes: HashMap<String, Regime> = ds
        .bodies
        .iter()
        .filter(|b| !bad.contains(&b.origin))
        .map(|b| (b.record.ma.clone(), b.record.regime))
        .collect();

    for b in &ds.bodies {
        check_signer(
            ds,
            &b.origin,
            "nguoi_ky",
            &b.record.signer,
            b.record.regime,
            &mut diags,
            &mut bad,
        );
        if let Some(path) = &b.record.emblem
            && !ds.root.join(path).is_file()
        {
            diags.push(
                Diagnostic::error(format!("không tìm thấy tệp biểu trưng `{path}`"))
                    .at(ds.locate(&b.origin, "bieu_trung"))
                    .field("bieu_trung")
                    .hint("đường dẫn tính từ thư mục bộ dữ liệu, ví dụ `hinh/quoc-huy.png`; kiểm tra tên tệp hoặc xóa dòng này"),
            );
            bad.insert(b.origin.clone());
        }
    }

    let mut years = HashMap::new();
    for r in &ds.rounds {
        let round = &r.record;
        if let Some(first) = years.insert(round.year, r.origin.clone()) {
            let loc = ds.locate(&first, "nam");
            diags.push(
                Diagnostic::error(format!(
                    "có hai bản ghi `loai: dot` cho cùng năm {}",
                    round.year
                ))
                .at(ds.locate(&r.origin, "nam"))
                .field("nam")
                .hint(format!(
                    "mỗi năm chỉ một đợt; bản ghi kia ở {} — gộp hai bản ghi làm một",
                    loc.place()
                )),
            );
            bad.insert(r.origin.clone());
        }
        let mut refs: Vec<(String, &str, Option<&Signer>)> = vec![(
            "cong_nhan.co_quan".into(),
            round.recognition.body.as_str(),
            round.recognition.signer.as_ref(),
        )];
        if let Some(s) = &round.submission {
            refs.push((
                "to_trinh.co_quan".into(),
                s.body.as_str(),
                s.signer.as_ref(),
            ));
        }
        if let Some(s) = &round.summary {
            refs.push((
                "tong_hop.co_quan".into(),
                s.body.as_str(),
                s.signer.as_ref(),
            ));
        }
        let mut seen = HashSet::new();
        for (i, k) in round.rewards.iter().flatten().enumerate() {
            refs.push((
                format!("khen_thuong[{i}].co_quan"),
                k.body.as_str(),
                k.signer.as_ref(),
            ));
            if !seen.insert(k.body.as_str()) {
                diags.push(
                    Diagnostic::error(format!(
                        "cơ quan `{}` được liệt kê hai lần trong `khen_thuong`",
                        k.body
                    ))
                    .at(ds.locate(&r.origin, &format!("khen_thuong[{i}].co_quan")))
                    .field(format!("khen_thuong[{i}].co_quan"))
                    .hint("mỗi cơ quan khen thưởng chỉ ghi một lần; xóa mục trùng"),
                );
                bad.insert(r.origin.clone());
            }
        }
        for (field, body, signer) in refs {
            match regimes.get(body) {
                None => {
                    diags.push(unknown_body(ds, &r.origin, &field, body, &regimes));
                    bad.insert(r.origin.clone());
                }
                Some(regime) => {
                    if let Some(s) = signer {
                        let signer_field = field.replace("co_quan", "nguoi_ky");
                        check_signer(
                            ds,
                            &r.origin,
                            &signer_field,
                            s,
                            *regime,
                            &mut diags,
                            &mut bad,
                        );
                    }
                }
            }
        }
    }

    let reward_bodies: HashSet<&str> = ds
        .rounds
        .iter()
        .flat_map(|r| r.record.rewards.iter().flatten().map(|k| k.body.as_str()))
        .collect();
    // An unapproved registration (`phe_duyet` missing) is not checked here: it is a
    // criterion not met (`criteria::approved`), and the record stays to be reported.
    let mut records: Vec<(&Origin, Option<&crate::model::RewardRequest>)> = Vec::new();
    records.extend(
        ds.collectives
            .iter()
            .map(|c| (&c.origin, c.record.reward.as_ref())),
    );
    records.extend(
        ds.persons
            .iter()
            .map(|p| (&p.origin, p.record.reward.as_ref())),
    );
    for p in &ds.persons {
        if p.record.sector_assessed == Some(true)
            && p.record.kind != crate::model::PersonKind::LucLuongVuTrang
        {
            diags.push(
                Diagnostic::warning("`xet_chon_nganh` chỉ dùng cho lực lượng vũ trang; bản ghi này vẫn được xét theo các tiêu chí chung")
                    .at(ds.locate(&p.origin, "xet_chon_nganh"))
                    .field("xet_chon_nganh")
                    .hint("xóa dòng `xet_chon_nganh`, hoặc sửa `doi_tuong: luc_luong_vu_trang` nếu đúng là cán bộ, chiến sĩ lực lượng vũ trang"),
            );
        }
    }
    for (origin, reward) in records {
        if let Some(req) = reward
            && !reward_bodies.contains(req.body.as_str())
        {
            let known: Vec<&str> = reward_bodies.iter().copied().collect();
            let mut d = Diagnostic::error(format!(
                "`khen_thuong.co_quan: {}` không phải cơ quan khen thưởng nào của đợt",
                req.body
            ))
            .at(ds.locate(origin, "khen_thuong.co_quan"))
            .field("khen_thuong.co_quan");
            d = d.hint(match crate::diagnostics::suggest(&req.body, &known) {
                Some(s) => format!("có phải ý bạn là `{s}`? Cơ quan khen thưởng phải có trong `khen_thuong` của bản ghi `loai: dot`"),
                None => format!(
                    "dùng mã một cơ quan có trong `khen_thuong` của bản ghi `loai: dot`: {}",
                    sorted(known).join(", ")
                ),
            });
            diags.push(d);
            bad.insert(origin.clone());
        }
    }

    remove(&mut ds.bodies, &bad);
    remove(&mut ds.rounds, &bad);
    remove(&mut ds.collectives, &bad);
    remove(&mut ds.persons, &bad);
    diags
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort();
    v
}

fn remove<T>(list: &mut Vec<Loaded<T>>, bad: &HashSet<Origin>) {
    list.retain(|r| !bad.contains(&r.origin));
}

fn unknown_body(
    ds: &Dataset,
    origin: &Origin,
    field: &str,
    body: &str,
    regimes: &HashMap<String, Regime>,
) -> Diagnostic {
    let known: Vec<&str> = sorted(regimes.keys().map(String::as_str).collect());
    let d = Diagnostic::error(format!("không có cơ quan nào mang mã `{body}`"))
        .at(ds.locate(origin, field))
        .field(field.to_owned());
    d.hint(match crate::diagnostics::suggest(body, &known) {
        Some(s) => format!("có phải ý bạn là `{s}`?"),
        None if known.is_empty() => "thêm một bản ghi `loai: co_quan` với `ma` này".to_owned(),
        None => format!("dùng mã một bản ghi `loai: co_quan`: {}", known.join(", ")),
    })
}

/// `ma`: lowercase ASCII letters, digits and `-`, unique within its `loai`.
fn check_ids(ds: &Dataset, diags: &mut Vec<Diagnostic>, bad: &mut HashSet<Origin>) {
    let groups: [(&str, Vec<(&Origin, &str)>); 3] = [
        (
            "co_quan",
            ds.bodies
                .iter()
                .map(|b| (&b.origin, b.record.ma.as_str()))
                .collect(),
        ),
        (
            "tap_the",
            ds.collectives
                .iter()
                .map(|c| (&c.origin, c.record.ma.as_str()))
                .collect(),
        ),
        (
            "ca_nhan",
            ds.persons
                .iter()
                .map(|p| (&p.origin, p.record.ma.as_str()))
                .collect(),
        ),
    ];
    for (kind, ids) in groups {
        let mut seen: HashMap<&str, &Origin> = HashMap::new();
        for (origin, ma) in ids {
            if ma.is_empty()
                || !ma
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                diags.push(
                    Diagnostic::error(format!("mã `{ma}` không hợp lệ"))
                        .at(ds.locate(origin, "ma"))
                        .field("ma")
                        .hint(format!(
                            "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                            suggest_id(ma)
                        )),
                );
                bad.insert(origin.clone());
                continue;
            }
            if let Some(first) = seen.insert(ma, origin) {
                let loc = ds.locate(first, "ma");
                diags.push(
                    Diagnostic::error(format!(
                        "mã `{ma}` đã dùng cho một bản ghi `loai: {kind}` khác"
                    ))
                    .at(ds.locate(origin, "ma"))
                    .field("ma")
                    .hint(format!(
                        "bản ghi kia ở {}; đặt mã khác cho một trong hai",
                        loc.place()
                    )),
                );
                bad.insert(origin.clone());
            }
        }
    }
}

/// A valid identifier made from what the user typed: `Chi hội Ấp 3` → `chi-hoi-ap-3`.
fn suggest_id(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = s
        .nfd()
        .filter(|c| c.is_ascii() || *c == 'đ' || *c == 'Đ')
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let parts: Vec<&str> = ascii.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "chi-hoi-ap-3".to_owned()
    } else {
        parts.join("-")
    }
}

/// A signing prefix of the other regime is an error whose hint gives the right form (D9).
fn check_signer(
    ds: &Dataset,
    origin: &Origin,
    field: &str,
    signer: &Signer,
    regime: Regime,
    diags: &mut Vec<Diagnostic>,
    bad: &mut HashSet<Origin>,
) {
    for (i, line) in signer.authority.0.iter().enumerate() {
        let (prefix, rest) = split_prefix(line);
        if prefix.is_empty() {
            continue;
        }
        let (ours, theirs, name) = match regime {
            Regime::Dang => (&PARTY_PREFIXES[..], &STATE_PREFIXES[..], "văn bản của Đảng"),
            Regime::NhaNuoc => (&STATE_PREFIXES[..], &PARTY_PREFIXES[..], "văn bản nhà nước"),
        };
        if ours.contains(&prefix) {
            continue;
        }
        if theirs.contains(&prefix) {
            let right = the_thuc::prefix_in_other_regime(prefix);
            let path = if signer.authority.0.len() > 1 {
                format!("{field}.quyen_han[{i}]")
            } else {
                format!("{field}.quyen_han")
            };
            diags.push(
                Diagnostic::error(format!(
                    "`{prefix}` là cách ghi quyền hạn của thể thức khác, không dùng trong {name}"
                ))
                .at(ds.locate(origin, &path))
                .field(path)
                .hint(format!("ghi `{right} {rest}`")),
            );
            bad.insert(origin.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_ascii_ids() {
        assert_eq!(suggest_id("Chi hội Ấp 3"), "chi-hoi-ap-3");
        assert_eq!(suggest_id("Đoàn_TN"), "doan-tn");
    }
}
