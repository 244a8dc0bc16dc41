//! Validate: the rules of the data contract that types alone cannot express — identifiers,
//! uniqueness, references between records, required-unless keys, files that must exist.
//!
//! A record that breaks a rule is reported and removed from the dataset, so it produces
//! nothing, while every other record goes on. The criteria of the guidance (who is
//! eligible) are not contract errors: they live in `criteria` and give verdicts, which
//! `table` prints for `vanban check`.
//!
//! This file runs the checks in order and removes what they refuse, checking the
//! references between records and each signer itself; `ids` checks every `ma`, `round`
//! the values and issuers of `loai: dot`, `documents` its v2 document options. Past 400
//! lines only with its tests: `validate` is the order of the checks, read in one place.

pub mod criteria;
mod documents;
pub mod emblem;
pub mod glyphs;
mod ids;
mod round;
pub mod table;
pub mod verdict;

pub use ids::MAX_ID_LEN;
use ids::*;
use round::*;
pub use round::{MAX_OFFSET_MM, MAX_SO, YEARS};

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
            && let Err(refused) = emblem::resolve(&ds.root, path)
        {
            diags.push(
                Diagnostic::error(refused.message)
                    .code(crate::codes::Code::Emblem)
                    .at(ds.locate(&b.origin, "bieu_trung"))
                    .field("bieu_trung")
                    .hint(refused.hint),
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
                .code(crate::codes::Code::DuplicateId)
                .at(ds.locate(&r.origin, "nam"))
                .field("nam")
                .hint(format!(
                    "mỗi năm chỉ một đợt; bản ghi kia ở {} — gộp hai bản ghi làm một",
                    loc.place()
                )),
            );
            bad.insert(r.origin.clone());
        }
        check_round_values(ds, r, &mut diags, &mut bad);
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
            // A body may come again with another `ngay`: a supplementary decision (v2).
            if !seen.insert((k.body.as_str(), k.date)) {
                diags.push(
                    Diagnostic::error(format!(
                        "cơ quan `{}` có hai mục cùng ngày trong `khen_thuong`",
                        k.body
                    ))
                    .code(crate::codes::Code::DuplicateId)
                    .at(ds.locate(&r.origin, &format!("khen_thuong[{i}].co_quan")))
                    .field(format!("khen_thuong[{i}].co_quan"))
                    .hint("mỗi quyết định khen thưởng của một cơ quan ghi một mục; mục thứ hai của cùng cơ quan là quyết định bổ sung và cần `ngay` sau ngày của mục trước — xóa mục trùng hoặc sửa `ngay`"),
                );
                bad.insert(r.origin.clone());
            }
        }
        for (field, body, signer) in refs {
            match regimes.get(body) {
                None => {
                    // A body that is there but did not load has its own error already.
                    if ds.unloaded("co_quan", Some(body)).is_none() {
                        diags.push(unknown_body(ds, &r.origin, &field, body, &regimes));
                    }
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

    for r in &ds.rounds {
        check_reward_issuers(ds, r, &mut diags, &mut bad);
        diags.extend(documents::check(ds, r));
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
                    .code(crate::codes::Code::Criteria)
                    .at(ds.locate(&p.origin, "xet_chon_nganh"))
                    .field("xet_chon_nganh")
                    .hint("xóa dòng `xet_chon_nganh`, hoặc sửa `doi_tuong: luc_luong_vu_trang` nếu đúng là cán bộ, chiến sĩ lực lượng vũ trang"),
            );
        }
    }
    // A round that did not load, or was just refused, has its own error already: the
    // records that name its rewarding bodies wait for it silently.
    let round_failed =
        ds.unloaded("dot", None).is_some() || ds.rounds.iter().any(|r| bad.contains(&r.origin));
    for (origin, reward) in records {
        if let Some(req) = reward
            && !reward_bodies.contains(req.body.as_str())
        {
            if round_failed {
                bad.insert(origin.clone());
                continue;
            }
            let known: Vec<&str> = reward_bodies.iter().copied().collect();
            let mut d = Diagnostic::error(format!(
                "`khen_thuong.co_quan: {}` không phải cơ quan khen thưởng nào của đợt",
                req.body
            ))
            .code(crate::codes::Code::reference(ds.rounds.is_empty()))
            .at_value(ds.locate_value(origin, "khen_thuong.co_quan", "mã cơ quan này"))
            .field("khen_thuong.co_quan");
            d = d.hint(match crate::diagnostics::suggest(&req.body, &known) {
                _ if ds.rounds.is_empty() => "bộ dữ liệu chưa có bản ghi `loai: dot` (đợt thi đua) nào, nên chưa có cơ quan khen thưởng: chép cả tệp đợt (ví dụ `dot-2025.yaml`, có `loai: dot`) vào thư mục dữ liệu, hoặc tạo mới theo mẫu của `vanban init`".to_owned(),
                _ if known.is_empty() => "bản ghi `loai: dot` chưa có `khen_thuong`: thêm mục `khen_thuong:` với `- co_quan: …`, `hinh_thuc: giay_khen`, `ngay: …` cho cơ quan khen thưởng".to_owned(),
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
    // Refused records keep their place for the font check, which reads the file's lines:
    // a character in one of them must not drop the record above it.
    ds.unloaded
        .extend(bad.into_iter().map(|origin| crate::load::Unloaded {
            origin,
            kind: None,
            ma: None,
        }));
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
        .code(crate::codes::Code::reference(known.is_empty()))
        .at_value(ds.locate_value(origin, field, "mã cơ quan này"))
        .field(field.to_owned());
    d.hint(match crate::diagnostics::suggest(body, &known) {
        Some(s) => format!("có phải ý bạn là `{s}`?"),
        None if known.is_empty() => format!("bộ dữ liệu chưa có bản ghi `loai: co_quan` (cơ quan) nào: chép tệp cơ quan (ví dụ `co-quan.yaml`) vào thư mục dữ liệu, hoặc thêm một bản ghi `loai: co_quan` với `ma: {body}`"),
        None => format!("dùng mã một bản ghi `loai: co_quan`: {}", known.join(", ")),
    })
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
                .code(crate::codes::Code::Signer)
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

    /// The init sample with `dot-2025.yaml` replaced and `extra` added: what validation
    /// says of it, rendered.
    fn validate_with(dot: &str, extra: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        crate::init::init(dir.path()).unwrap();
        std::fs::write(dir.path().join("dot-2025.yaml"), dot).unwrap();
        std::fs::write(dir.path().join("them.yaml"), extra).unwrap();
        let (mut ds, mut diags) = crate::load::load(dir.path(), &[]).unwrap();
        diags.extend(validate(&mut ds));
        diags
            .iter()
            .map(Diagnostic::render)
            .collect::<Vec<_>>()
            .join("\n")
    }

    const DOT: &str = "loai: dot\nphong_trao: Dân vận khéo\nnam: 2025\ncong_nhan:\n  co_quan: bcd-xa\n  ngay: 2025-12-10\n";

    /// Numbers and offsets the layout would choke on are refused at their key.
    #[test]
    fn numbers_out_of_range_are_refused_at_their_key() {
        let out = validate_with(
            &format!(
                "{DOT}  so: 4294967295\nkhen_thuong:\n  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    ngay: 15/12/2025\n    so: 0\ngiay_khen:\n  lech_mm: {{x: 1e39, y: .nan}}\n"
            ),
            "",
        );
        assert!(out.contains("số văn bản 4294967295 không hợp lệ"), "{out}");
        assert!(out.contains("(trường: cong_nhan.so)"), "{out}");
        assert!(out.contains("số văn bản 0 không hợp lệ"), "{out}");
        assert!(out.contains("(trường: khen_thuong[1].so)"), "{out}");
        assert!(out.contains("(trường: giay_khen.lech_mm.x)"), "{out}");
        assert!(out.contains("độ lệch in `y: NaN`"), "{out}");
    }

    /// Ids that would make two records write one file, or name a reserved file, are refused.
    #[test]
    fn ids_never_share_or_reserve_a_file() {
        let person = |ma: &str| {
            format!(
                "- loai: ca_nhan\n  ma: {ma}\n  ho_ten: Nguyễn Văn A\n  don_vi: UBND xã\n  doi_tuong: nhan_dan\n"
            )
        };
        let collective = "- loai: tap_the\n  ma: to-a\n  ten: Tổ A\n  dia_chi: ấp 1\n  linh_vuc: kinh_te\n  mo_hinh: Mô hình A\n";
        let long = "a".repeat(MAX_ID_LEN + 1);
        let extra = [
            collective.to_owned(),
            person("to-a"),
            person("in-tat-ca"),
            person("nul"),
            person(&long),
        ]
        .concat();
        let out = validate_with(DOT, &extra);
        assert!(
            out.contains("mã `to-a` đã dùng cho một bản ghi `loai: tap_the`"),
            "{out}"
        );
        assert!(out.contains("tên tệp in gộp"), "{out}");
        assert!(out.contains("Windows dành tên này"), "{out}");
        assert!(
            out.contains(&format!("dài {} ký tự", MAX_ID_LEN + 1)),
            "{out}"
        );
    }

    /// A State giấy khen is the Chủ tịch's and carries the Quốc huy: signed for the Ủy ban
    /// it is refused, without an emblem it is warned of.
    #[test]
    fn a_state_certificate_is_its_heads_and_carries_the_emblem() {
        let plain = validate_with(
            &format!(
                "{DOT}khen_thuong:\n  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    ngay: 15/12/2025\n"
            ),
            "",
        );
        assert!(plain.contains("cảnh báo[V030]: giấy khen của ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI sẽ in trên giấy trắng không có Quốc huy"), "{plain}");
        assert!(plain.contains("cơ quan `ubnd-xa`"), "{plain}");
        let blank = validate_with(
            &format!(
                "{DOT}khen_thuong:\n  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    ngay: 15/12/2025\ngiay_khen:\n  phoi: true\n"
            ),
            "",
        );
        assert!(!blank.contains("Quốc huy"), "{blank}");
        let collective = validate_with(
            &format!(
                "{DOT}khen_thuong:\n  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    ngay: 15/12/2025\n    nguoi_ky:\n      quyen_han: TM. ỦY BAN NHÂN DÂN\n      chuc_vu: CHỦ TỊCH\n      ho_ten: Nguyễn Văn B\n"
            ),
            "",
        );
        assert!(
            collective.contains(
                "lỗi[V031]: giấy khen của ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI không ký “TM. ỦY BAN NHÂN DÂN”"
            ),
            "{collective}"
        );
        assert!(
            collective.contains("(trường: khen_thuong[1].nguoi_ky.quyen_han)"),
            "{collective}"
        );
    }

    #[test]
    fn suggests_ascii_ids() {
        assert_eq!(suggest_id("Chi hội Ấp 3"), "chi-hoi-ap-3");
        assert_eq!(suggest_id("Đoàn_TN"), "doan-tn");
    }
}
