//! The v2 options of the round's documents (`can_cu`, `de_nghi`, `thi_hanh`,
//! `tien_thuong`): what is missing where a default stands in, and what is given where it
//! cannot be printed.

use crate::diagnostics::Diagnostic;
use crate::load::{Dataset, Loaded};
use crate::model::{Round, Submission};

/// Warnings on the round's document options; none of them drops a record.
pub(super) fn check(ds: &Dataset, r: &Loaded<Round>) -> Vec<Diagnostic> {
    let round = &r.record;
    let mut diags = Vec::new();
    for (i, k) in round.rewards.iter().flatten().enumerate() {
        let field = format!("khen_thuong[{i}]");
        if k.bases.is_none() {
            diags.push(
                Diagnostic::warning(format!(
                    "quyết định khen thưởng của `{}` chưa ghi căn cứ của chính nó (`can_cu`): vanban ghi căn cứ mặc định — Luật Tổ chức chính quyền địa phương (hoặc Điều lệ Đảng), Luật Thi đua, khen thưởng và quyết định công nhận",
                    k.body
                ))
                .code(crate::codes::Code::DocumentContent)
                .at(ds.locate(&r.origin, &field))
                .field(format!("{field}.can_cu"))
                .hint("thêm `can_cu:` vào mục `khen_thuong` này, liệt kê các văn bản cho người ký quyền khen thưởng (ví dụ Quy chế làm việc của cơ quan mình); không ghi quy chế của cơ quan khác"),
            );
        }
        if let Some(m) = &k.money {
            let field = format!("{field}.tien_thuong");
            if m.collective.unwrap_or(0) == 0 && m.person.unwrap_or(0) == 0 {
                diags.push(
                    Diagnostic::warning(
                        "`tien_thuong` không ghi số tiền nào: quyết định sẽ không có điều về tiền thưởng",
                    )
                    .code(crate::codes::Code::DocumentContent)
                    .at(ds.locate(&r.origin, &field))
                    .field(field.clone())
                    .hint("ghi số đồng, viết liền không dấu chấm: `tap_the: 1000000`, `ca_nhan: 500000`; thêm `nguon:` là nguồn chi"),
                );
            }
        }
    }
    let letters = [
        ("to_trinh", "tờ trình", round.submission.as_ref()),
        ("tong_hop", "báo cáo tổng hợp", round.summary.as_ref()),
    ];
    for (key, what, doc) in letters {
        let Some(doc) = doc else { continue };
        for (sub, given) in unprinted(doc) {
            let field = format!("{key}.{sub}");
            diags.push(
                Diagnostic::warning(format!(
                    "`{sub}` không in được trên {what}: chỉ quyết định có dòng đề nghị và điều thi hành"
                ))
                .code(crate::codes::Code::DocumentContent)
                .at(ds.locate(&r.origin, &field))
                .field(field)
                .hint(format!(
                    "chuyển `{sub}` sang `cong_nhan` hoặc mục `khen_thuong` cần nó, hoặc xóa ({given} dòng)"
                )),
            );
        }
    }
    diags
}

/// The options a tờ trình or báo cáo takes but has no place to print, with how many lines.
fn unprinted(doc: &Submission) -> Vec<(&'static str, usize)> {
    let mut out = Vec::new();
    if doc.proposal.is_some() {
        out.push(("de_nghi", 1));
    }
    if let Some(e) = &doc.executors {
        out.push(("thi_hanh", e.len()));
    }
    out
}
