//! The values of `loai: dot` that types cannot bound (numbers, years, offsets) and the
//! issuers of its reward decisions (a giấy khen is its head's, and carries an emblem).

use super::*;

/// A giấy khen is its head's, not the collective body's (HD 26 IV.2; Điều 104 NĐ
/// 98/2023): a State reward signed `TM. ỦY BAN NHÂN DÂN` would print the Ủy ban as its
/// issuer, so it is refused. A State giấy khen carries the Quốc huy at its top: without
/// an emblem and not printed on pre-printed blanks, it would go out on plain paper.
pub(super) fn check_reward_issuers(
    ds: &Dataset,
    r: &crate::load::Loaded<crate::model::Round>,
    diags: &mut Vec<Diagnostic>,
    bad: &mut HashSet<Origin>,
) {
    let round = &r.record;
    let blank = round.certificate.as_ref().is_some_and(|c| c.blank);
    for (i, k) in round.rewards.iter().flatten().enumerate() {
        let Some(body) = ds.bodies.iter().find(|b| b.record.ma == k.body) else {
            continue;
        };
        let body = &body.record;
        if body.regime != Regime::NhaNuoc {
            continue;
        }
        let (signer, field, origin) = match &k.signer {
            Some(s) => (s, format!("khen_thuong[{i}].nguoi_ky.quyen_han"), &r.origin),
            None => {
                let b = ds
                    .bodies
                    .iter()
                    .find(|b| b.record.ma == k.body)
                    .expect("found above");
                (&body.signer, "nguoi_ky.quyen_han".to_owned(), &b.origin)
            }
        };
        if let Some(line) = signer
            .authority
            .0
            .iter()
            .find(|l| split_prefix(l.trim()).0 == "TM.")
        {
            diags.push(
                Diagnostic::error(format!(
                    "giấy khen của {} không ký “{}”: giấy khen là của Chủ tịch (thủ trưởng cơ quan), không phải của tập thể",
                    body.name.trim(),
                    line.trim()
                ))
                .code(crate::codes::Code::Signer)
                .at(ds.locate(origin, &field))
                .field(field.clone())
                .hint("Chủ tịch ký thì bỏ dòng `quyen_han`; Phó Chủ tịch ký thay thì ghi `quyen_han: KT. CHỦ TỊCH` (Điều 104 Nghị định 98/2023/NĐ-CP)"),
            );
            bad.insert(origin.clone());
        }
        if k.form == crate::model::RewardForm::GiayKhen && body.emblem.is_none() && !blank {
            let at = ds
                .bodies
                .iter()
                .find(|b| b.record.ma == k.body)
                .expect("found above");
            diags.push(
                Diagnostic::warning(format!(
                    "giấy khen của {} sẽ in trên giấy trắng không có Quốc huy (Điều 104 Nghị định 98/2023/NĐ-CP đặt Quốc huy ở đầu giấy khen)",
                    body.name.trim()
                ))
                .code(crate::codes::Code::Emblem)
                .at(ds.locate(&at.origin, "ma"))
                .field("bieu_trung")
                .hint(format!(
                    "thêm `bieu_trung: hinh/quoc-huy.png` (tệp ảnh trong thư mục dữ liệu) vào cơ quan `{}`, hoặc nếu in trên phôi in sẵn Quốc huy thì ghi `giay_khen: {{phoi: true}}` trong đợt thi đua",
                    body.ma
                )),
            );
        }
    }
}

/// The largest document number: a register of outgoing documents restarts every year
/// (or term), and four digits are more than any office issues; a number past it is a typo.
pub const MAX_SO: u32 = 9999;

/// The largest printer offset of `lech_mm`, in millimetres: more than this is not a
/// printer's drift but a wrong number, and would push the text off the blank.
pub const MAX_OFFSET_MM: f64 = 50.0;

/// The years a round and its documents may carry: what a document of this cycle can be
/// dated, well past any office's use, and what a typo like `-999` is not.
pub const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// Numbers, dates and offsets of a round that the layout relies on: in range and finite,
/// each refused at its own key.
pub(super) fn check_round_values(
    ds: &Dataset,
    r: &crate::load::Loaded<crate::model::Round>,
    diags: &mut Vec<Diagnostic>,
    bad: &mut HashSet<Origin>,
) {
    let round = &r.record;
    let mut refuse = |field: String, message: String, hint: &str| {
        diags.push(
            Diagnostic::error(message)
                .code(crate::codes::Code::OutOfRange)
                .at(ds.locate(&r.origin, &field))
                .field(field)
                .hint(hint),
        );
        bad.insert(r.origin.clone());
    };
    if !YEARS.contains(&round.year) {
        refuse(
            "nam".into(),
            format!("năm {} không hợp lệ", round.year),
            "ghi năm đánh giá gồm bốn chữ số, ví dụ `nam: 2025`",
        );
    }
    let mut docs: Vec<(String, Option<u32>, crate::model::Date)> = Vec::new();
    if let Some(s) = &round.submission {
        docs.push(("to_trinh".into(), s.so, s.date));
    }
    docs.push((
        "cong_nhan".into(),
        round.recognition.so,
        round.recognition.date,
    ));
    for (i, k) in round.rewards.iter().flatten().enumerate() {
        docs.push((format!("khen_thuong[{i}]"), k.so, k.date));
    }
    if let Some(s) = &round.summary {
        docs.push(("tong_hop".into(), s.so, s.date));
    }
    for (at, so, date) in docs {
        if let Some(so) = so
            && !(1..=MAX_SO).contains(&so)
        {
            refuse(
                format!("{at}.so"),
                format!("số văn bản {so} không hợp lệ (từ 1 đến {MAX_SO})"),
                "ghi đúng số đã cấp, hoặc xóa dòng `so` để vanban tự cấp số tiếp theo",
            );
        }
        use chrono::Datelike;
        if !YEARS.contains(&date.0.year()) {
            refuse(
                format!("{at}.ngay"),
                format!("ngày {} không hợp lệ", date.0.format("%d/%m/%Y")),
                "ghi ngày ký văn bản dạng 15/12/2025",
            );
        }
    }
    if let Some(offset) = round
        .certificate
        .as_ref()
        .and_then(|c| c.offset_mm.as_ref())
    {
        for (axis, value) in [("x", offset.x), ("y", offset.y)] {
            if !value.is_finite() || value.abs() > MAX_OFFSET_MM {
                refuse(
                    format!("giay_khen.lech_mm.{axis}"),
                    format!(
                        "độ lệch in `{axis}: {value}` không hợp lệ (từ -{MAX_OFFSET_MM} đến {MAX_OFFSET_MM} mm)"
                    ),
                    "đo độ lệch trên bản in thử rồi ghi số mi-li-mét, ví dụ `lech_mm: {x: 2, y: -1.5}`",
                );
            }
        }
    }
}
