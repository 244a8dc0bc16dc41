//! The round's decisions and the submission before them: the tờ trình, the recognition
//! decision with its list, and one reward decision per rewarding body with its list.
//!
//! Numbers come from [`common::numbered`] with one key per document, so the decision a
//! tờ trình leads to, and the certificates a reward decision lists, print the same number.

use std::path::PathBuf;

use serde::Serialize;

use super::common::{self, HeaderView, Part, Section};
use super::summary;
use super::{Given, Job, Numbering, Recipient, SignerView, Values};
use crate::diagnostics::Diagnostic;
use crate::load::Dataset;
use crate::model::{Body, Date, Regime, RewardForm, RewardIssue, Round};
use crate::render::format;
use crate::validate::criteria::Verdicts;

pub const RECOGNITION_TEMPLATE: &str = "quyet-dinh-cong-nhan.typ.tera";
pub const REWARD_TEMPLATE: &str = "quyet-dinh-khen-thuong.typ.tera";
pub const SUBMISSION_TEMPLATE: &str = "to-trinh.typ.tera";

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub no: u32,
    pub paragraphs: Vec<String>,
}

/// An attached list (D13).
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub title: String,
    pub subtitle: String,
    pub attached_line: String,
    pub columns: Vec<String>,
    pub widths: &'static str,
    pub sections: Vec<Section>,
}

#[derive(Debug, Serialize)]
struct DecisionView {
    header: HeaderView,
    summary: String,
    authority: String,
    bases: Vec<String>,
    articles: Vec<Article>,
    recipients: Vec<String>,
    signer: SignerView,
    attachment: Option<Attachment>,
}

const RECOGNITION_COLUMNS: [&str; 4] = [
    "STT",
    "Tên tập thể, họ và tên",
    "Chức vụ, đơn vị (địa chỉ)",
    "Mô hình",
];

/// Where the round's cited documents write their `so`, to point diagnostics about them.
pub struct Sites<'a> {
    pub submission: Given<'a>,
    pub recognition: Given<'a>,
}

/// Nơi nhận as the register lists it: the document's own, else its body's.
pub fn raw_recipients(body: &Body, own: Option<&Vec<String>>) -> Vec<String> {
    own.or(body.recipients.as_ref())
        .cloned()
        .unwrap_or_default()
}

/// The recognition decision's symbol and date, for the documents that cite it.
pub struct Cited {
    pub symbol: String,
    pub date: Date,
}

/// The tờ trình, numbered; `None` when the round has none or names an unknown body.
pub fn submission_cited(
    round: &Round,
    bodies: &common::Bodies,
    numbering: &mut dyn Numbering,
    sites: &Sites,
) -> Option<Cited> {
    let sub = round.submission.as_ref()?;
    let body = bodies.get(sub.body.as_str()).copied()?;
    let n = common::numbered(
        numbering,
        body,
        "TTr",
        round.year,
        common::SUBMISSION,
        sub.so,
        sub.date,
        &sites.submission,
        &mut Vec::new(),
    )?;
    Some(Cited {
        symbol: n.symbol,
        date: sub.date,
    })
}

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
pub fn submission(
    ds: &Dataset,
    verdicts: &Verdicts,
    round: &Round,
    bodies: &common::Bodies,
    numbering: &mut dyn Numbering,
    sites: &Sites,
    diags: &mut Vec<Diagnostic>,
) -> Option<Job> {
    let sub = round.submission.as_ref()?;
    let body = bodies.get(sub.body.as_str()).copied()?;
    let n = common::numbered(
        numbering,
        body,
        "TTr",
        round.year,
        common::SUBMISSION,
        sub.so,
        sub.date,
        &sites.submission,
        diags,
    )?;
    let addressee = common::addressee(&sub.addressee);
    let to = sub
        .addressee
        .0
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let list = common::recognition_list(ds, verdicts);
    let (cs, ps) = common::recognised(ds, verdicts);
    let counts = summary::counts(ds, verdicts);
    let reg = counts.total(|c| c.registered);
    let rep = counts.total(|c| c.reported);
    let appraisal = Part {
        heading: "KẾT QUẢ THẨM ĐỊNH".into(),
        text: Some(format!(
            "Năm {}, toàn đơn vị có {} tập thể, {} cá nhân đăng ký thi đua và {} tập thể, {} cá nhân gửi báo cáo thành tích. Qua thẩm định theo tiêu chí của Hướng dẫn, có {} tập thể và {} cá nhân đủ điều kiện đề nghị công nhận điển hình {}, cụ thể như sau:",
            round.year,
            reg.0,
            reg.1,
            rep.0,
            rep.1,
            cs.len(),
            ps.len(),
            common::movement(round)
        )),
        ..Part::default()
    };
    let tables = summary::tables(&counts, false);
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
        text: Some(format::end_text(&format!(
            "Kính đề nghị {} xem xét, công nhận {} tập thể và {} cá nhân đạt điển hình {} (có danh sách kèm theo).",
            to,
            cs.len(),
            ps.len(),
            common::movement(round)
        ))),
        ..Part::default()
    });
    // Sub-tables sit inside part I; only the top-level parts take Roman numerals.
    let parts = number_top(parts);
    let attachment = (!list.is_empty()).then(|| Attachment {
        title: "DANH SÁCH".into(),
        subtitle: format!(
            "tập thể, cá nhân đề nghị công nhận điển hình {}",
            common::movement(round)
        ),
        attached_line: common::attached("Tờ trình", &n.symbol, sub.date),
        columns: RECOGNITION_COLUMNS.map(String::from).to_vec(),
        widths: "(12mm, 1fr, 1fr, 1fr)",
        sections: list,
    });
    let view = SubmissionView {
        header: n.header.clone(),
        summary: format!(
            "Về việc đề nghị công nhận điển hình {}",
            common::movement(round)
        ),
        addressee,
        opening: format!(
            "Thực hiện phong trào thi đua {}, sau khi tổng hợp và thẩm định hồ sơ của các tập thể, cá nhân, xin báo cáo kết quả và đề nghị như sau:",
            common::movement(round),
        ),
        parts,
        recipients: common::recipients_of(body, sub.recipients.as_ref(), "Như trên"),
        signer: common::signer(sub.signer.as_ref(), body),
        attachment,
    };
    let issued = n.issued(
        sub.date,
        format!("Tờ trình {}", common::lower_first(&view.summary)),
        &view.signer,
        raw_recipients(body, sub.recipients.as_ref()),
    );
    Some(Job {
        template: SUBMISSION_TEMPLATE,
        path: PathBuf::from(round.year.to_string()).join("to-trinh-cong-nhan.pdf"),
        values: Values::doc(view),
        date: sub.date,
        pages: Vec::new(),
        issued: Some(issued),
    })
}

/// Roman numerals for the parts whose heading is not a sub-caption (`1.`, `2.`).
fn number_top(parts: Vec<Part>) -> Vec<Part> {
    let mut i = 0;
    parts
        .into_iter()
        .map(|mut p| {
            if !p.heading.starts_with(|c: char| c.is_ascii_digit()) {
                i += 1;
                p.heading = format!("{}. {}", common::roman(i), p.heading);
            }
            p
        })
        .collect()
}

/// The recognition decision, numbered, for the documents that cite it.
pub fn recognition_cited(
    round: &Round,
    bodies: &common::Bodies,
    numbering: &mut dyn Numbering,
    sites: &Sites,
) -> Option<Cited> {
    let issue = &round.recognition;
    let body = bodies.get(issue.body.as_str()).copied()?;
    let n = common::numbered(
        numbering,
        body,
        "QĐ",
        round.year,
        common::RECOGNITION,
        issue.so,
        issue.date,
        &sites.recognition,
        &mut Vec::new(),
    )?;
    Some(Cited {
        symbol: n.symbol,
        date: issue.date,
    })
}

/// Bases of a decision: the round's, then a line citing `proposal` when there is one.
fn bases(regime: Regime, round: &Round, proposal: Option<String>) -> Vec<String> {
    let mut lines: Vec<String> = round
        .bases
        .iter()
        .flatten()
        .map(|b| common::basis(b))
        .collect();
    lines.extend(proposal);
    format::bases(regime, &lines)
}

/// The authority line: State before the bases, Party after them with `QUYẾT ĐỊNH`.
fn authority(body: &Body, signer: &SignerView) -> String {
    let t = format::authority_title(&body.name, &signer.authority, &signer.title);
    match body.regime {
        Regime::Dang => format!("{t} QUYẾT ĐỊNH"),
        Regime::NhaNuoc => t,
    }
}

fn last_article(text: &str) -> String {
    format::end_text(text)
}

/// The recognition decision (`quyet-dinh-cong-nhan.pdf`) with its list.
pub fn recognition(
    ds: &Dataset,
    verdicts: &Verdicts,
    round: &Round,
    bodies: &common::Bodies,
    numbering: &mut dyn Numbering,
    sites: &Sites,
    diags: &mut Vec<Diagnostic>,
) -> Option<Job> {
    let issue = &round.recognition;
    let body = bodies.get(issue.body.as_str()).copied()?;
    let n = common::numbered(
        numbering,
        body,
        "QĐ",
        round.year,
        common::RECOGNITION,
        issue.so,
        issue.date,
        &sites.recognition,
        diags,
    )?;
    let proposal = submission_cited(round, bodies, numbering, sites).map(|c| {
        let verb = match body.regime {
            Regime::Dang => "Xét đề nghị",
            Regime::NhaNuoc => "Theo đề nghị",
        };
        format!(
            "{verb} tại Tờ trình số {} ngày {} về việc đề nghị công nhận điển hình {}",
            c.symbol,
            format::date_short(c.date),
            common::movement(round)
        )
    });
    let signer = common::signer(issue.signer.as_ref(), body);
    let (cs, ps) = common::recognised(ds, verdicts);
    let list = common::recognition_list(ds, verdicts);
    let mv = common::movement(round);
    let view = DecisionView {
        header: n.header.clone(),
        summary: format!("Về việc công nhận điển hình {mv}"),
        authority: authority(body, &signer),
        bases: bases(body.regime, round, proposal),
        articles: vec![
            Article {
                no: 1,
                paragraphs: vec![format!(
                    "Công nhận các tập thể, cá nhân có tên trong danh sách kèm theo đạt điển hình {mv} (gồm {} tập thể và {} cá nhân).",
                    cs.len(),
                    ps.len()
                )],
            },
            Article {
                no: 2,
                paragraphs: vec![
                    "Các tập thể, cá nhân được công nhận tiếp tục duy trì, phát huy và nhân rộng mô hình, cách làm hay trong công tác dân vận. Quyết định có hiệu lực kể từ ngày ký.".into(),
                ],
            },
            Article {
                no: 3,
                paragraphs: vec![last_article(
                    "Các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                )],
            },
        ],
        recipients: common::recipients_of(body, issue.recipients.as_ref(), "Như Điều 3"),
        attachment: (!list.is_empty()).then(|| Attachment {
            title: "DANH SÁCH".into(),
            subtitle: format!("tập thể, cá nhân được công nhận điển hình {mv}"),
            attached_line: common::attached("Quyết định", &n.symbol, issue.date),
            columns: RECOGNITION_COLUMNS.map(String::from).to_vec(),
            widths: "(12mm, 1fr, 1fr, 1fr)",
            sections: list,
        }),
        signer,
    };
    let issued = n.issued(
        issue.date,
        format!("Quyết định {}", common::lower_first(&view.summary)),
        &view.signer,
        raw_recipients(body, issue.recipients.as_ref()),
    );
    Some(Job {
        template: RECOGNITION_TEMPLATE,
        path: PathBuf::from(round.year.to_string()).join("quyet-dinh-cong-nhan.pdf"),
        values: Values::doc(view),
        date: issue.date,
        pages: Vec::new(),
        issued: Some(issued),
    })
}

/// The name of a reward form inside a sentence: `Giấy khen`, `Bằng khen`.
pub fn form_name(form: RewardForm) -> &'static str {
    match form {
        RewardForm::GiayKhen => "Giấy khen",
        RewardForm::BangKhen => "Bằng khen",
    }
}

/// The reward decision of one body (`quyet-dinh-khen-thuong/<co_quan>.pdf`) listing
/// `list`, the same recipients in the same order as its certificates.
#[allow(clippy::too_many_arguments)]
pub fn reward(
    round: &Round,
    reward: &RewardIssue,
    body: &Body,
    list: &[Recipient],
    bodies: &common::Bodies,
    numbering: &mut dyn Numbering,
    at: &Given,
    sites: &Sites,
) -> Option<Job> {
    if list.is_empty() {
        return None;
    }
    let n = common::numbered(
        numbering,
        body,
        "QĐ",
        round.year,
        common::REWARD,
        reward.so,
        reward.date,
        at,
        &mut Vec::new(),
    )?;
    let cited = recognition_cited(round, bodies, numbering, sites).map(|c| {
        format!(
            "Căn cứ Quyết định số {} ngày {} về việc công nhận điển hình {}",
            c.symbol,
            format::date_short(c.date),
            common::movement(round)
        )
    });
    let signer = common::signer(reward.signer.as_ref(), body);
    let mv = common::movement(round);
    let form = form_name(reward.form);
    let collectives = list.iter().filter(|r| r.collective).count();
    let people = list.len() - collectives;
    let mut round_bases: Vec<String> = round
        .bases
        .iter()
        .flatten()
        .map(|b| common::basis(b))
        .collect();
    round_bases.extend(cited);
    let view = DecisionView {
        header: n.header.clone(),
        summary: format!(
            "Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua {mv}"
        ),
        authority: authority(body, &signer),
        bases: format::bases(body.regime, &round_bases),
        articles: vec![
            Article {
                no: 1,
                paragraphs: vec![format!(
                    "Tặng {form} cho {collectives} tập thể và {people} cá nhân có tên trong danh sách kèm theo, đã có thành tích xuất sắc trong phong trào thi đua {mv}."
                )],
            },
            Article {
                no: 2,
                paragraphs: vec!["Quyết định có hiệu lực kể từ ngày ký.".into()],
            },
            Article {
                no: 3,
                paragraphs: vec![last_article(
                    "Các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                )],
            },
        ],
        recipients: common::recipients_of(body, reward.recipients.as_ref(), "Như Điều 3"),
        attachment: Some(Attachment {
            title: "DANH SÁCH".into(),
            subtitle: format!("tập thể, cá nhân được tặng {form} trong phong trào thi đua {mv}"),
            attached_line: common::attached("Quyết định", &n.symbol, reward.date),
            columns: vec![
                "STT".into(),
                "Tên tập thể, họ và tên".into(),
                "Chức vụ, đơn vị (địa chỉ)".into(),
            ],
            widths: "(12mm, 1fr, 1fr)",
            sections: common::reward_list(list),
        }),
        signer,
    };
    let issued = n.issued(
        reward.date,
        format!("Quyết định {}", common::lower_first(&view.summary)),
        &view.signer,
        raw_recipients(body, reward.recipients.as_ref()),
    );
    Some(Job {
        template: REWARD_TEMPLATE,
        path: PathBuf::from(round.year.to_string())
            .join("quyet-dinh-khen-thuong")
            .join(format!("{}.pdf", body.ma)),
        values: Values::doc(view),
        date: reward.date,
        pages: Vec::new(),
        issued: Some(issued),
    })
}
