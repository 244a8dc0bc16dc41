//! Rewards: who one rewarding body rewards (its list, in the order of D13), its reward
//! decision and the certificates, planned together so that the decision's list, its
//! number and each certificate's Số sổ vàng come from one list and one number.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::common::{self, SignerView};
use super::decisions::{self, Article, Attachment, DecisionView};
use super::recipients::{self, Recipient};
use super::round::{RewardPlan, RoundPlan};
use super::{Job, PageFile, Values};
use crate::doc_kind::DocKind;
use crate::model::{Money, Regime};
use crate::numbering::Issued;
use crate::the_thuc;

/// Certificates planned as one job: laid out together, cut into files by [`crate::bundle`],
/// and pages per part of a print file. Measured on 10,000 certificates: 100 ran no faster
/// than 50 and held a quarter more memory (the layout of every page of a chunk is memoised
/// until the chunk is written); 25 ran slower. Planned here, so planning imports nothing
/// of production.
pub const CHUNK: usize = 50;
/// One certificate's printed values.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateView {
    /// Issued by a Party body (the Party form, no Quốc hiệu).
    pub party: bool,
    /// The virtual path of the issuing body's emblem, when it has one.
    pub emblem: Option<String>,
    /// The issuing body's name as printed at the top.
    pub issuer_title: String,
    /// `GIẤY KHEN`.
    pub form_name: &'static str,
    /// Addressed: `Bà Nguyễn Thị Ánh`, or a collective's name.
    pub recipient: String,
    /// Position and unit, or a collective's address.
    pub detail: Option<String>,
    /// `Đã có thành tích …`: the record's own reason or the decision's.
    pub reason: String,
    /// `Quyết định số 15-QĐ/BDV ngày 15/12/2025`.
    pub decision: String,
    /// The Số sổ vàng, as printed.
    pub golden_book: String,
    /// `Xã A, ngày 15 tháng 12 năm 2025`.
    pub place_date: String,
    /// Who signs, and with what authority.
    pub signer: SignerView,
}

/// The reward decision of one body (`quyet-dinh-khen-thuong/<co_quan>.pdf`) listing
/// `list`, the same recipients in the same order as its certificates.
pub(super) fn decision(rp: &RoundPlan, rw: &RewardPlan) -> Job {
    let (round, reward, body, list, n) = (rp.round, rw.reward, rw.body, &rw.list, &rw.number);
    let signer = common::signer(reward.signer.as_ref(), body);
    let mv = the_thuc::movement(round);
    let form = reward.form.label();
    let collectives = list.iter().filter(|r| r.collective).count();
    let people = list.len() - collectives;
    let kinds = the_thuc::kinds(collectives, people);
    let own_bases = reward
        .bases
        .clone()
        .unwrap_or_else(|| default_bases(rp, body.regime));
    // Who proposed: as the data says, else the standing office that appraised the round
    // (the tờ trình's body), else the body that recognised the records: a reward decision
    // always names who proposed.
    let proposal = match reward.proposal.as_deref() {
        Some(own) => Some(the_thuc::proposal(body.regime, own)),
        None => round
            .submission
            .as_ref()
            .and_then(|s| rp.body(&s.body))
            .or_else(|| rp.body(&round.recognition.body))
            .map(|b| the_thuc::proposal(body.regime, &b.full())),
    };
    let mut articles = vec![Article {
        no: 1,
        paragraphs: vec![format!(
            "Tặng {form} cho {} có tên trong danh sách kèm theo, {}.",
            the_thuc::counted(collectives, people),
            the_thuc::lower_first(achievement(round, reward).trim_end_matches('.'))
        )],
    }];
    if let Some(money) = reward
        .money
        .as_ref()
        .and_then(|m| money_article(m, form, collectives, people))
    {
        articles.push(Article {
            no: 2,
            paragraphs: vec![money],
        });
    }
    articles.push(Article {
        no: articles.len() as u32 + 1,
        paragraphs: vec!["Quyết định có hiệu lực kể từ ngày ký.".into()],
    });
    let last = articles.len() as u32 + 1;
    articles.push(decisions::execution(last, reward.executors.as_ref()));
    let by = decisions::whose(body, &signer);
    let view = DecisionView {
        header: n.header.clone(),
        summary: format!(
            "Về việc tặng {form} cho các {kinds} có thành tích xuất sắc trong phong trào thi đua {mv}"
        ),
        authority: decisions::authority(body, &signer),
        bases: decisions::bases(body.regime, &own_bases, proposal),
        articles: decisions::bound(articles),
        recipients: common::recipients_of(
            body,
            reward.recipients.as_ref(),
            &format!("Như Điều {last}"),
        ),
        attachment: Some(Attachment {
            title: "DANH SÁCH".into(),
            subtitle: format!("{kinds} được tặng {form} trong phong trào thi đua {mv}"),
            attached_line: decisions::attached_line(n, &by),
            columns: vec![
                "STT".into(),
                "Tên tập thể, họ và tên".into(),
                "Chức vụ, đơn vị (địa chỉ)".into(),
            ],
            widths: "(12mm, 1fr, 1fr)",
            sections: recipients::reward_list(list),
        }),
        signer,
    };
    let own = reward.recipients.as_ref();
    let mut issued = n.issued("Quyết định", &view.summary, &view.signer, body, own);
    issued.listing = list.iter().map(Recipient::entry).collect();
    let path = DocKind::QuyetDinhKhenThuong.path(round.year, &decision_file(body, rw.part));
    n.job(
        DocKind::QuyetDinhKhenThuong,
        path,
        Values::doc(view),
        issued,
    )
}

/// The achievement a reward is for, in one sentence from one place: Điều 1 of the decision
/// and every certificate without a reason of its own say the same thing (`ly_do`, else the
/// movement's words).
fn achievement(round: &crate::model::Round, reward: &crate::model::RewardIssue) -> String {
    match reward
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(own) => own.to_owned(),
        None => format!(
            "Đã có thành tích xuất sắc trong phong trào thi đua {}",
            the_thuc::movement(round)
        ),
    }
}

/// The bases of a reward decision whose `can_cu` the data leaves out: the laws that give its
/// head the power to reward, then the recognition decision it follows. Never the round's
/// bases: those are the steering committee's guidance and rules, not the rewarding body's
/// (`validate` warns that the decision's own bases were not given).
fn default_bases(rp: &RoundPlan, regime: Regime) -> Vec<String> {
    let mut lines: Vec<String> = match regime {
        Regime::NhaNuoc => vec![
            "Căn cứ Luật Tổ chức chính quyền địa phương".into(),
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022".into(),
        ],
        Regime::Dang => vec![
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam".into(),
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022".into(),
        ],
    };
    if let Some(c) = rp.recognition.as_ref() {
        let of = rp
            .body(&rp.round.recognition.body)
            .map(|b| {
                let signer = common::signer(rp.round.recognition.signer.as_ref(), b);
                format!(" của {}", decisions::whose(b, &signer))
            })
            .unwrap_or_default();
        lines.push(format!(
            "Căn cứ Quyết định số {} ngày {}{of} về việc công nhận điển hình {}",
            c.symbol,
            c.cited_date(),
            the_thuc::movement(rp.round)
        ));
    }
    lines
}

/// The article on the money that goes with the reward (`tien_thuong`), in figures and words.
fn money_article(m: &Money, form: &str, collectives: usize, people: usize) -> Option<String> {
    let mut each = Vec::new();
    if let Some(a) = m.collective.filter(|_| collectives > 0) {
        each.push(format!("mỗi tập thể được thưởng {}", the_thuc::amount(a)));
    }
    if let Some(a) = m.person.filter(|_| people > 0) {
        each.push(format!("mỗi cá nhân được thưởng {}", the_thuc::amount(a)));
    }
    if each.is_empty() {
        return None;
    }
    let fund = m
        .fund
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| format!(" Tiền thưởng chi từ {}.", f.trim_end_matches('.')))
        .unwrap_or_default();
    Some(format!("Kèm theo {form}, {}.{fund}", each.join("; ")))
}

/// A reward decision's file name: the body's `ma`, and `-2`, `-3` … for supplementary ones.
fn decision_file(body: &crate::model::Body, part: usize) -> String {
    match part {
        1 => body.ma.clone(),
        k => format!("{}-{k}", body.ma),
    }
}

/// The certificates of one reward decision, a chunk of [`CHUNK`] per job:
/// each chunk is laid out once and cut into one file per certificate.
pub(super) fn certificates(
    rp: &RoundPlan,
    rw: &RewardPlan,
    emblems: &HashMap<String, String>,
) -> Vec<Job> {
    let (round, reward, body, list) = (rp.round, rw.reward, rw.body, &rw.list);
    let key = &rw.number.key;
    let symbol = rw.number.symbol.clone();
    let signer = reward.signer.as_ref().unwrap_or(&body.signer);
    let form_label = reward.form.label();
    let decision = Arc::new(Issued {
        key: key.clone(),
        number: rw.number.number,
        symbol: symbol.clone(),
        date: reward.date,
        summary: format!(
            "Quyết định về việc tặng {form_label} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua “{}” năm {}",
            round.movement.trim(),
            round.year
        ),
        signer: signer.name.trim().to_owned(),
        recipients: reward
            .recipients
            .clone()
            .or_else(|| body.recipients.clone())
            .unwrap_or_default(),
        of: None,
        listing: Default::default(),
    });
    let issuer_title =
        the_thuc::authority_title(&body.title_name(), &signer.authority.0, &signer.title);
    let default_reason = achievement(round, reward);
    let cited = rw.number.cited_date();
    let options = round.certificate.clone().unwrap_or_default();
    let offset = options.offset_mm.unwrap_or_default();
    // What every certificate of the decision prints alike, and the recipients: each
    // certificate's view is made when a worker renders it, not held for the whole run
    // (ten thousand views held ~8 MB through the run).
    let common = Arc::new(CertificateView {
        party: body.regime == Regime::Dang,
        emblem: emblems.get(&body.ma).cloned(),
        issuer_title,
        form_name: reward.form.title(),
        recipient: String::new(),
        detail: None,
        reason: default_reason,
        decision: format!("Quyết định số {symbol} ngày {cited}"),
        golden_book: String::new(),
        place_date: the_thuc::date_line(&body.place, reward.date),
        signer: signer.into(),
    });
    let recipients: Arc<[Recipient]> = list.clone().into();
    let options = Arc::new((options.blank, offset));
    let values = |range: std::ops::Range<usize>| {
        let (options, common, recipients) = (
            Arc::clone(&options),
            Arc::clone(&common),
            Arc::clone(&recipients),
        );
        Values::new(move || {
            let (blank, offset) = &*options;
            let views: Vec<CertificateView> = recipients[range.clone()]
                .iter()
                .map(|r| CertificateView {
                    recipient: r.addressed.clone(),
                    detail: r.detail.clone(),
                    reason: r.reason.clone().unwrap_or_else(|| common.reason.clone()),
                    golden_book: the_thuc::number(r.golden),
                    ..(*common).clone()
                })
                .collect();
            let mut c = tera::Context::new();
            c.insert("certs", &views);
            c.insert("blank", blank);
            c.insert("offset_x_mm", &format!("{:.2}", offset.x));
            c.insert("offset_y_mm", &format!("{:.2}", offset.y));
            c
        })
    };
    let pages: Vec<PageFile> = list
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let golden_book = r.golden;
            PageFile {
                path: DocKind::certificate_path(round.year, &body.ma, Some(&r.ma)),
                values: values(i..i + 1),
                issued: Issued {
                    key: crate::numbering::golden_key(&body.ma, round.year, &r.ma),
                    number: golden_book,
                    symbol: format!(
                        "Sổ vàng số {}, QĐ số {symbol}",
                        the_thuc::number(golden_book)
                    ),
                    date: reward.date,
                    summary: format!("{form_label} tặng {}", r.addressed),
                    signer: decision.signer.clone(),
                    recipients: vec![r.name.clone()],
                    of: Some(Arc::clone(&decision)),
                    listing: Arc::from([r.entry()]),
                },
            }
        })
        .collect();
    // Laid out and written a chunk at a time, then cut into one file per certificate.
    let mut pages = pages.into_iter();
    let mut start = 0;
    let mut jobs = Vec::new();
    loop {
        let chunk: Vec<PageFile> = pages.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let end = start + chunk.len();
        jobs.push(Job {
            kind: DocKind::GiayKhen,
            path: DocKind::certificate_path(round.year, &body.ma, None),
            values: values(start..end),
            date: reward.date,
            issued: None,
            pages: chunk,
        });
        start = end;
    }
    jobs
}
