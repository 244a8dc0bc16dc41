//! The summary report upward (`bao-cao-tong-hop.pdf`): how many registered, reported,
//! were recognised and rewarded, by field for collectives and by kind for individuals.

use serde::Serialize;

use super::common::{self, HeaderView, Part, SignerView};
use super::counts;
use super::round::RoundPlan;
use super::{Job, Values};
use crate::doc_kind::DocKind;
use crate::the_thuc;

#[derive(Debug, Serialize)]
struct SummaryView {
    header: HeaderView,
    summary: String,
    opening: String,
    parts: Vec<Part>,
    recipients: Vec<String>,
    signer: SignerView,
}

/// The summary report, when the round asks for one.
pub(super) fn summary(rp: &RoundPlan) -> Option<Job> {
    let round = rp.round;
    let sum = round.summary.as_ref()?;
    let body = rp.body(&sum.body)?;
    let n = rp.summary.as_ref()?;
    let mv = the_thuc::movement(round);
    let counts = counts::counts(rp.ds, rp.verdicts);
    let reg = counts.total(|c| c.registered);
    let rep = counts.total(|c| c.reported);
    let rec = counts.total(|c| c.recognised);
    let rew = counts.total(|c| c.rewarded);
    let recognition = rp.recognition.as_ref();
    let mut result = format!(
        "Trong năm {}, {} đăng ký thi đua; {} gửi báo cáo thành tích. Qua thẩm định, {} được công nhận điển hình {mv}",
        round.year,
        the_thuc::how_many(reg.0, reg.1),
        the_thuc::how_many(rep.0, rep.1),
        the_thuc::how_many(rec.0, rec.1),
    );
    if let Some(c) = &recognition {
        result.push_str(&format!(
            " (Quyết định số {} ngày {})",
            c.symbol,
            c.cited_date()
        ));
    }
    result.push_str(&format!(
        "; {} được khen thưởng. Kết quả cụ thể như sau:",
        the_thuc::how_many(rew.0, rew.1)
    ));
    let mut parts = vec![Part {
        heading: "I. KẾT QUẢ THỰC HIỆN".into(),
        text: Some(the_thuc::bind(&result)),
        ..Part::default()
    }];
    for (caption, table) in counts::tables(&counts, true) {
        parts.push(Part {
            heading: caption,
            table: Some(table),
            ..Part::default()
        });
    }
    parts.push(Part {
        heading: "II. ĐÁNH GIÁ CHUNG".into(),
        text: Some(the_thuc::end_text(
            "Phong trào được các tập thể, cá nhân hưởng ứng tích cực; các mô hình, cách làm hay bám sát nhu cầu chính đáng của người dân, góp phần thực hiện thắng lợi nhiệm vụ chính trị của địa phương. Thời gian tới tiếp tục duy trì, nhân rộng các điển hình đã được công nhận.",
        )),
        ..Part::default()
    });
    // A báo cáo has no "Kính gửi" (HD 36 and NĐ 30 give one to công văn and tờ trình only):
    // whom it reports to heads its Nơi nhận, "để báo cáo".
    let to: Vec<String> = sum
        .addressee
        .0
        .iter()
        .map(|a| {
            a.trim()
                .trim_start_matches("- ")
                .trim_end_matches([';', ',', '.'])
        })
        .filter(|a| !a.is_empty())
        .map(|a| {
            if a.ends_with(')') {
                a.to_owned()
            } else {
                format!("{a} (b/c)")
            }
        })
        .collect();
    let view = SummaryView {
        header: n.header.clone(),
        summary: format!("Kết quả phong trào thi đua {mv}"),
        opening: common::opening(
            sum.bases.as_deref(),
            &format!("Thực hiện phong trào thi đua {mv}, xin báo cáo kết quả như sau:"),
        ),
        parts,
        recipients: common::recipients_to(
            body,
            sum.recipients.as_ref(),
            None,
            &to,
            &sum.addressee.0,
        ),
        signer: common::signer(sum.signer.as_ref(), body),
    };
    let own = sum.recipients.as_ref();
    let issued = n.issued("Báo cáo", &view.summary, &view.signer, body, own);
    let path = DocKind::BaoCaoTongHop.path(round.year, "");
    Some(n.job(DocKind::BaoCaoTongHop, path, Values::doc(view), issued))
}
