//! The submission and the recognition decision: the tờ trình and the recognition decision
//! with its list. Reward decisions, which share the decision's shape, are in `rewards`.
//!
//! Numbers come from the round's [`RoundPlan`], asked once per document, so the decision a
//! tờ trình leads to prints the number the tờ trình does.

use serde::Serialize;

use super::common::{self, HeaderView, Numbered, Part, SignerView};
use super::counts;
use super::recipients::{self, Section};
use super::round::RoundPlan;
use super::{Job, Values};
use crate::doc_kind::DocKind;
use crate::model::{Body, Regime};
use crate::the_thuc;

#[derive(Debug, Clone, Serialize)]
pub(super) struct Article {
    pub no: u32,
    pub paragraphs: Vec<String>,
}

/// An attached list (D13).
#[derive(Debug, Clone, Serialize)]
pub(super) struct Attachment {
    pub title: String,
    pub subtitle: String,
    pub attached_line: String,
    pub columns: Vec<String>,
    pub widths: &'static str,
    pub sections: Vec<Section>,
}

/// A decision's printed values: the recognition decision and every reward decision.
#[derive(Debug, Serialize)]
pub(super) struct DecisionView {
    pub header: HeaderView,
    pub summary: String,
    pub authority: String,
    pub bases: Vec<String>,
    pub articles: Vec<Article>,
    pub recipients: Vec<String>,
    pub signer: SignerView,
    pub attachment: Option<Attachment>,
}

const RECOGNITION_COLUMNS: [&str; 4] = [
    "STT",
    "Tên tập thể, họ và tên",
    "Chức vụ, đơn vị (địa chỉ)",
    "Mô hình",
];

#[derive(Debug, Serialize)]
struct SubmissionView {
    header: HeaderView,
    summary: String,
    addressee: Vec<String>,
    opening: String,
    parts: Vec<Part>,
    recipients: Vec<String>,
    signer: SignerView,
    attachment: Option<Attachment>,
}

/// The tờ trình (`to-trinh-cong-nhan.pdf`) from the standing office to the deciding body.
pub(super) fn submission(rp: &RoundPlan) -> Option<Job> {
    let (ds, verdicts, round) = (rp.ds, rp.verdicts, rp.round);
    let sub = round.submission.as_ref()?;
    let body = rp.body(&sub.body)?;
    let n = rp.submission.as_ref()?;
    let addressee = the_thuc::addressee(&sub.addressee);
    let to = sub
        .addressee
        .0
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let list = recipients::recognition_list(ds, verdicts);
    let (cs, ps) = recipients::recognised(ds, verdicts);
    let counts = counts::counts(ds, verdicts);
    let reg = counts.total(|c| c.registered);
    let rep = counts.total(|c| c.reported);
    let appraisal = Part {
        heading: "KẾT QUẢ THẨM ĐỊNH".into(),
        text: Some(the_thuc::bind(&format!(
            "Năm {}, toàn đơn vị {} đăng ký thi đua và {} gửi báo cáo thành tích. Qua thẩm định theo tiêu chí của Hướng dẫn, {} đủ điều kiện đề nghị công nhận điển hình {}, cụ thể như sau:",
            round.year,
            the_thuc::how_many(reg.0, reg.1),
            the_thuc::how_many(rep.0, rep.1),
            the_thuc::how_many(cs.len() as u32, ps.len() as u32),
            the_thuc::movement(round)
        ))),
        ..Part::default()
    };
    let tables = counts::tables(&counts, false);
    let mut parts = vec![appraisal];
    for (caption, table) in tables {
        parts.push(Part {
            heading: caption,
            table: Some(table),
            ..Part::default()
        });
    }
    parts.push(Part {
        heading: "ĐỀ NGHỊ".into(),
        text: Some(the_thuc::end_text(&format!(
            "Kính đề nghị {} xem xét, công nhận {} đạt điển hình {} (có danh sách kèm theo).",
            to,
            the_thuc::counted(cs.len(), ps.len()),
            the_thuc::movement(round)
        ))),
        ..Part::default()
    });
    // Sub-tables sit inside part I; only the top-level parts take Roman numerals.
    let parts = number_top(parts);
    let attachment = (!list.is_empty()).then(|| Attachment {
        title: "DANH SÁCH".into(),
        subtitle: format!(
            "{} đề nghị công nhận điển hình {}",
            the_thuc::kinds(cs.len(), ps.len()),
            the_thuc::movement(round)
        ),
        attached_line: the_thuc::attached_line(
            "Tờ trình",
            &n.symbol,
            &n.date_words(),
            &body.full(),
        ),
        columns: RECOGNITION_COLUMNS.map(String::from).to_vec(),
        widths: "(12mm, 1fr, 1fr, 1fr)",
        sections: list,
    });
    let view = SubmissionView {
        header: n.header.clone(),
        summary: format!(
            "Về việc đề nghị công nhận điển hình {}",
            the_thuc::movement(round)
        ),
        addressee,
        opening: common::opening(
            sub.bases
                .as_ref()
                .or(round.bases.as_ref())
                .map(Vec::as_slice),
            &format!(
                "Thực hiện phong trào thi đua {}, sau khi tổng hợp và thẩm định hồ sơ của các tập thể, cá nhân, xin báo cáo kết quả và đề nghị như sau:",
                the_thuc::movement(round),
            ),
        ),
        parts,
        recipients: common::recipients_to(
            body,
            sub.recipients.as_ref(),
            Some("Như trên"),
            &[],
            &sub.addressee.0,
        ),
        signer: common::signer(sub.signer.as_ref(), body),
        attachment,
    };
    let own = sub.recipients.as_ref();
    let issued = n.issued("Tờ trình", &view.summary, &view.signer, body, own);
    let path = DocKind::ToTrinh.path(round.year, "");
    Some(n.job(DocKind::ToTrinh, path, Values::doc(view), issued))
}

/// Articles as printed: a number never parted from the word it counts (`Điều 1`).
pub(super) fn bound(articles: Vec<Article>) -> Vec<Article> {
    articles
        .into_iter()
        .map(|a| Article {
            no: a.no,
            paragraphs: a.paragraphs.iter().map(|p| the_thuc::bind(p)).collect(),
        })
        .collect()
}

/// Roman numerals for the parts whose heading is not a sub-caption (`1.`, `2.`).
fn number_top(parts: Vec<Part>) -> Vec<Part> {
    let mut i = 0;
    parts
        .into_iter()
        .map(|mut p| {
            if !p.heading.starts_with(|c: char| c.is_ascii_digit()) {
                i += 1;
                p.heading = format!("{}. {}", the_thuc::roman(i), p.heading);
            }
            p
        })
        .collect()
}

/// Bases of a decision: `own` (its `can_cu`) as cited, then a line citing `proposal` when
/// there is one.
pub(super) fn bases(regime: Regime, own: &[String], proposal: Option<String>) -> Vec<String> {
    let mut lines: Vec<String> = own.iter().map(|b| the_thuc::basis(b)).collect();
    lines.extend(proposal);
    the_thuc::bases(regime, &lines)
}

/// The last article: who executes the decision, `thi_hanh` when the data names them.
pub(super) fn execution(no: u32, executors: Option<&Vec<String>>) -> Article {
    let named: Vec<&str> = executors
        .into_iter()
        .flatten()
        .map(|e| e.trim().trim_end_matches([',', ';', '.']))
        .filter(|e| !e.is_empty())
        .collect();
    let who = if named.is_empty() {
        "Các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1".to_owned()
    } else {
        named.join(", ")
    };
    Article {
        no,
        paragraphs: vec![the_thuc::end_text(&format!(
            "{who} chịu trách nhiệm thi hành Quyết định này."
        ))],
    }
}

/// Whose decision it is, for `của …`: the body's full name (`ten_day_du`, or derived from
/// `ten`), as its head's when the head decides.
pub(super) fn whose(body: &Body, signer: &SignerView) -> String {
    the_thuc::whose(body.regime, &body.full(), &signer.authority, &signer.title)
}

/// The italic line under a decision's list, naming its issuer (D13, NĐ 30 Mẫu 1.3).
pub(super) fn attached_line(n: &Numbered, by: &str) -> String {
    the_thuc::attached_line("Quyết định", &n.symbol, &n.date_words(), by)
}

/// The authority line: State before the bases, Party after them with `QUYẾT ĐỊNH`.
pub(super) fn authority(body: &Body, signer: &SignerView) -> String {
    // The title names the body in full (`TRƯỞNG BAN DÂN VẬN HUYỆN ỦY …`), not only as the
    // header's short `ten`.
    let t = the_thuc::authority_title(&body.title_name(), &signer.authority, &signer.title);
    match body.regime {
        Regime::Dang => format!("{t} QUYẾT ĐỊNH"),
        Regime::NhaNuoc => t,
    }
}

/// The recognition decision (`quyet-dinh-cong-nhan.pdf`) with its list.
pub(super) fn recognition(rp: &RoundPlan) -> Option<Job> {
    let (ds, verdicts, round) = (rp.ds, rp.verdicts, rp.round);
    let issue = &round.recognition;
    let body = rp.body(&issue.body)?;
    let n = rp.recognition.as_ref()?;
    let proposal = match issue.proposal.as_deref() {
        Some(own) => Some(the_thuc::proposal(body.regime, own)),
        None => rp.submission.as_ref().map(|c| {
            let verb = match body.regime {
                Regime::Dang => "Xét đề nghị",
                Regime::NhaNuoc => "Theo đề nghị",
            };
            // Whose tờ trình: the standing office's full name.
            let of = round
                .submission
                .as_ref()
                .and_then(|s| rp.body(&s.body))
                .map(|b| format!(" của {}", b.full()))
                .unwrap_or_default();
            format!(
                "{verb}{of} tại Tờ trình số {} ngày {} về việc đề nghị công nhận điển hình {}",
                c.symbol,
                c.cited_date(),
                the_thuc::movement(round)
            )
        }),
    };
    let signer = common::signer(issue.signer.as_ref(), body);
    let (cs, ps) = recipients::recognised(ds, verdicts);
    let list = recipients::recognition_list(ds, verdicts);
    let mv = the_thuc::movement(round);
    let own_bases = issue.bases.as_ref().or(round.bases.as_ref());
    let by = whose(body, &signer);
    let view = DecisionView {
        header: n.header.clone(),
        summary: format!("Về việc công nhận điển hình {mv}"),
        authority: authority(body, &signer),
        bases: bases(
            body.regime,
            own_bases.map(Vec::as_slice).unwrap_or_default(),
            proposal,
        ),
        articles: bound(vec![
            Article {
                no: 1,
                paragraphs: vec![format!(
                    "Công nhận các {} có tên trong danh sách kèm theo đạt điển hình {mv} (gồm {}).",
                    the_thuc::kinds(cs.len(), ps.len()),
                    the_thuc::counted(cs.len(), ps.len())
                )],
            },
            Article {
                no: 2,
                paragraphs: vec![
                    "Các tập thể, cá nhân được công nhận tiếp tục duy trì, phát huy và nhân rộng mô hình, cách làm hay trong công tác dân vận. Quyết định có hiệu lực kể từ ngày ký.".into(),
                ],
            },
            execution(3, issue.executors.as_ref()),
        ]),
        recipients: common::recipients_of(body, issue.recipients.as_ref(), "Như Điều 3"),
        attachment: (!list.is_empty()).then(|| Attachment {
            title: "DANH SÁCH".into(),
            subtitle: format!(
                "{} được công nhận điển hình {mv}",
                the_thuc::kinds(cs.len(), ps.len())
            ),
            attached_line: attached_line(n, &by),
            columns: RECOGNITION_COLUMNS.map(String::from).to_vec(),
            widths: "(12mm, 1fr, 1fr, 1fr)",
            sections: list,
        }),
        signer,
    };
    let own = issue.recipients.as_ref();
    let issued = n.issued("Quyết định", &view.summary, &view.signer, body, own);
    let path = DocKind::QuyetDinhCongNhan.path(round.year, "");
    Some(n.job(DocKind::QuyetDinhCongNhan, path, Values::doc(view), issued))
}
