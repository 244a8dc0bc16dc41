//! Identifiers: every `ma` is lowercase ASCII, usable as a file name on any system, not a
//! reserved name, and unique within its `loai`; a refused one comes with a suggestion.

use super::*;

/// `ma`: lowercase ASCII letters, digits and `-`, unique within its `loai`.
pub(super) fn check_ids(ds: &Dataset, diags: &mut Vec<Diagnostic>, bad: &mut HashSet<Origin>) {
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
    // Collectives and individuals share output files (`dang-ky/<ma>.pdf`, a certificate
    // per `ma`), so their ids share one namespace.
    let mut records: HashMap<&str, (&str, &Origin)> = HashMap::new();
    for (kind, ids) in groups {
        let mut seen: HashMap<&str, &Origin> = HashMap::new();
        for (origin, ma) in ids {
            if let Some(why) = unusable_id(ma) {
                diags.push(
                    Diagnostic::error(format!("không dùng được mã `{}`: {why}", clip(ma)))
                        .code(crate::codes::Code::InvalidId)
                        .at(ds.locate(origin, "ma"))
                        .field("ma")
                        .hint(format!(
                            "đặt mã khác, tối đa {MAX_ID_LEN} ký tự, ví dụ `{}`",
                            suggest_id(&ma.chars().take(MAX_ID_LEN).collect::<String>())
                        )),
                );
                bad.insert(origin.clone());
                continue;
            }
            if ma.is_empty()
                || !ma
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                diags.push(
                    Diagnostic::error(format!("mã `{ma}` không hợp lệ"))
                        .code(crate::codes::Code::InvalidId)
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
                    .code(crate::codes::Code::DuplicateId)
                    .at(ds.locate(origin, "ma"))
                    .field("ma")
                    .hint(format!(
                        "bản ghi kia ở {}; đặt mã khác cho một trong hai",
                        loc.place()
                    )),
                );
                bad.insert(origin.clone());
                continue;
            }
            if kind != "co_quan"
                && let Some((other, first)) = records.insert(ma, (kind, origin))
            {
                diags.push(
                    Diagnostic::error(format!(
                        "mã `{ma}` đã dùng cho một bản ghi `loai: {other}`; tập thể và cá nhân không được trùng mã vì văn bản của họ ghi vào cùng tệp"
                    ))
                    .code(crate::codes::Code::DuplicateId)
                    .at(ds.locate(origin, "ma"))
                    .field("ma")
                    .hint(format!(
                        "bản ghi kia ở {}; đặt mã khác cho một trong hai",
                        ds.locate(first, "ma").place()
                    )),
                );
                bad.insert(origin.clone());
            }
        }
    }
}

/// The longest `ma`: it names files, and a path component past 255 bytes cannot be
/// written on any system.
pub const MAX_ID_LEN: usize = 80;

/// Names a `ma` cannot take because they name something else: the print file beside the
/// certificates, and the device names Windows reserves in every folder.
pub(super) const RESERVED_IDS: &[&str] = &[
    "in-tat-ca",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// Why a well-formed `ma` still cannot be used, if it cannot.
pub(super) fn unusable_id(ma: &str) -> Option<String> {
    if ma.chars().count() > MAX_ID_LEN {
        return Some(format!(
            "dài {} ký tự, quá {MAX_ID_LEN} ký tự (mã là tên tệp PDF)",
            ma.chars().count()
        ));
    }
    if ma == crate::doc_kind::PRINT_FILE {
        return Some("đây là tên tệp in gộp mọi giấy khen".into());
    }
    RESERVED_IDS
        .contains(&ma)
        .then(|| "Windows dành tên này cho thiết bị, không đặt được tên tệp".into())
}

/// A value shortened for a message.
pub(super) fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// A valid identifier made from what the user typed: `Chi hội Ấp 3` → `chi-hoi-ap-3`.
pub(super) fn suggest_id(s: &str) -> String {
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
    } else if RESERVED_IDS.contains(&parts.join("-").as_str()) {
        // Never suggest the reserved name that was just refused.
        format!("{}-1", parts.join("-"))
    } else {
        parts.join("-")
    }
}
