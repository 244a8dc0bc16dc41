//! Plan: valid records → the documents to produce, each with its template, context,
//! output path, date and number.
//!
//! Planning decides every number before anything is compiled, so a document and the
//! documents that cite it (a certificate prints its decision's number) always agree.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::collate;
use crate::load::Dataset;
use crate::model::{Body, Date, Regime, RewardForm, RewardIssue, Round, Signer};
use crate::render::format;
use crate::validate::criteria::Verdicts;

mod common;
mod decisions;
mod eligible;
mod registration;
mod report;
mod summary;

/// One document to produce.
#[derive(Debug, Clone)]
pub struct Job {
    pub template: &'static str,
    /// Relative to the output folder: `2025/giay-khen/ubnd-phuoc-lai/ma.pdf`.
    pub path: PathBuf,
    pub context: tera::Context,
    /// The document's date: its fixed `today` and PDF creation date.
    pub date: Date,
    /// A stable identity for the PDF's document id.
    pub ident: String,
}

/// Everything a run will produce.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
}

/// What a numbering source is asked for: one document's identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    pub body: String,
    /// Document type abbreviation: `QĐ`, `TTr`, `BC`.
    pub kind: &'static str,
    pub year: i32,
    /// The record or round the document is for.
    pub subject: String,
}

/// Gives numbers to documents. A number given in the data wins.
pub trait Numbering {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> u32;
}

/// Numbers from 01 per body, type and year, in the order documents are planned.
#[derive(Debug, Default)]
pub struct Sequential {
    next: HashMap<(String, &'static str, i32), u32>,
}

impl Numbering for Sequential {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> u32 {
        let slot = self
            .next
            .entry((key.body.clone(), key.kind, key.year))
            .or_insert(0);
        let n = given.unwrap_or(*slot + 1);
        *slot = (*slot).max(n);
        n
    }
}

/// A signer as printed: prefix lines and title upper-cased (D9, D15), name as typed.
#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    pub authority: Vec<String>,
    pub title: String,
    pub name: String,
}

impl From<&Signer> for SignerView {
    fn from(s: &Signer) -> Self {
        SignerView {
            authority: s
                .authority
                .0
                .iter()
                .map(|l| format::upper(l.trim()))
                .collect(),
            title: format::upper(s.title.trim()),
            name: s.name.trim().to_owned(),
        }
    }
}

/// One certificate's printed values.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateView {
    pub party: bool,
    pub emblem: Option<String>,
    pub issuer_title: String,
    pub form_name: &'static str,
    pub recipient: String,
    pub detail: Option<String>,
    pub reason: String,
    pub decision: String,
    pub golden_book: String,
    pub place_date: String,
    pub signer: SignerView,
}

/// A recipient of a reward, as listed in the reward decision.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub ma: String,
    pub collective: bool,
    /// Name as listed: a collective's name, or a person's full name.
    pub name: String,
    /// Printed on the certificate: `Bà Nguyễn Thị Ánh`.
    pub addressed: String,
    /// Position and unit, or a collective's address.
    pub detail: Option<String>,
    pub reason: Option<String>,
}

/// The recipients of one rewarding body, in list order (D13): collectives by name, then
/// people by given name; the Số sổ vàng is the position in this list, counted through.
/// Only records `verdicts` finds eligible are listed (Hướng dẫn 26, part IV).
pub fn recipients(ds: &Dataset, verdicts: &Verdicts, body: &str) -> Vec<Recipient> {
    let mut collectives: Vec<Recipient> = ds
        .collectives
        .iter()
        .filter(|c| c.record.reward.as_ref().is_some_and(|r| r.body == body))
        .filter(|c| eligible::collective(verdicts, &c.record))
        .map(|c| Recipient {
            ma: c.record.ma.clone(),
            collective: true,
            name: c.record.name.trim().to_owned(),
            addressed: c.record.name.trim().to_owned(),
            detail: Some(c.record.address.trim().to_owned()).filter(|s| !s.is_empty()),
            reason: c.record.reward.as_ref().and_then(|r| r.reason.clone()),
        })
        .collect();
    collectives.sort_by_key(|r| collate::key(&r.name));
    let mut people: Vec<Recipient> = ds
        .persons
        .iter()
        .filter(|p| p.record.reward.as_ref().is_some_and(|r| r.body == body))
        .filter(|p| eligible::person(verdicts, &p.record))
        .map(|p| {
            let person = &p.record;
            let name = person.name.trim().to_owned();
            let addressed = match person.sex {
                Some(crate::model::Sex::Nam) => format!("Ông {name}"),
                Some(crate::model::Sex::Nu) => format!("Bà {name}"),
                None => name.clone(),
            };
            let detail = match person
                .position
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(pos) => format!("{pos}, {}", person.unit.trim()),
                None => person.unit.trim().to_owned(),
            };
            Recipient {
                ma: person.ma.clone(),
                collective: false,
                name,
                addressed,
                detail: Some(detail),
                reason: person.reward.as_ref().and_then(|r| r.reason.clone()),
            }
        })
        .collect();
    people.sort_by(|a, b| collate::compare_names(&a.name, &b.name));
    collectives.extend(people);
    collectives
}

/// Plans every document of the dataset; lists hold only the records `verdicts` (one per
/// round) finds eligible.
pub fn plan(
    ds: &Dataset,
    verdicts: &[Verdicts],
    numbering: &mut dyn Numbering,
    emblems: &HashMap<String, String>,
) -> Plan {
    let bodies: HashMap<&str, &Body> = ds
        .bodies
        .iter()
        .map(|b| (b.record.ma.as_str(), &b.record))
        .collect();
    let mut plan = Plan::default();
    let mut rounds: Vec<&Round> = ds.rounds.iter().map(|r| &r.record).collect();
    rounds.sort_by_key(|r| r.year);
    // Every document citing another asks for the same key; the memo numbers it once.
    let numbering = &mut common::Memo::new(numbering);
    for round in rounds {
        let Some(verdicts) = verdicts.iter().find(|v| v.year == round.year) else {
            continue;
        };
        let place = common::round_place(round, &bodies).unwrap_or("");
        for c in ds.collectives.iter().map(|c| &c.record) {
            plan.jobs.extend(registration::collective(c, round, place));
            plan.jobs.extend(report::collective(c, round, place));
        }
        for p in ds.persons.iter().map(|p| &p.record) {
            plan.jobs.extend(registration::person(p, round, place));
            plan.jobs.extend(report::person(p, round, place));
        }
        plan.jobs.extend(decisions::submission(
            ds, verdicts, round, &bodies, numbering,
        ));
        plan.jobs.extend(decisions::recognition(
            ds, verdicts, round, &bodies, numbering,
        ));
        for reward in round.rewards.iter().flatten() {
            let Some(body) = bodies.get(reward.body.as_str()) else {
                continue;
            };
            let list = recipients(ds, verdicts, &body.ma);
            plan.jobs.extend(decisions::reward(
                round, reward, body, &list, &bodies, numbering,
            ));
            plan_certificates(&list, round, reward, body, numbering, emblems, &mut plan);
        }
        plan.jobs
            .extend(summary::summary(ds, verdicts, round, &bodies, numbering));
    }
    plan
}

fn plan_certificates(
    list: &[Recipient],
    round: &Round,
    reward: &RewardIssue,
    body: &Body,
    numbering: &mut dyn Numbering,
    emblems: &HashMap<String, String>,
    plan: &mut Plan,
) {
    if list.is_empty() {
        return;
    }
    let key = common::doc_key(body, "QĐ", round.year, common::REWARD);
    let n = numbering.number(&key, reward.so);
    let symbol = format::symbol(body.regime, n, "QĐ", &body.abbreviation);
    let signer = reward.signer.as_ref().unwrap_or(&body.signer);
    let issuer_title = format::authority_title(&body.name, &signer.authority.0, &signer.title);
    let default_reason = reward.reason.clone().unwrap_or_else(|| {
        format!(
            "Đã có thành tích xuất sắc trong phong trào thi đua “{}” năm {}",
            round.movement.trim(),
            round.year
        )
    });
    let options = round.certificate.clone().unwrap_or_default();
    let offset = options.offset_mm.unwrap_or_default();
    let dir = PathBuf::from(round.year.to_string())
        .join("giay-khen")
        .join(&body.ma);
    let views: Vec<CertificateView> = list
        .iter()
        .enumerate()
        .map(|(i, r)| CertificateView {
            party: body.regime == Regime::Dang,
            emblem: emblems.get(&body.ma).cloned(),
            issuer_title: issuer_title.clone(),
            form_name: match reward.form {
                RewardForm::GiayKhen => "GIẤY KHEN",
                RewardForm::BangKhen => "BẰNG KHEN",
            },
            recipient: r.addressed.clone(),
            detail: r.detail.clone(),
            reason: r.reason.clone().unwrap_or_else(|| default_reason.clone()),
            decision: format!(
                "Quyết định số {symbol} ngày {}",
                format::date_short(reward.date)
            ),
            golden_book: format::number(i as u32 + 1),
            place_date: format::date_line(&body.place, reward.date),
            signer: signer.into(),
        })
        .collect();
    let context = |certs: &[CertificateView]| {
        let mut c = tera::Context::new();
        c.insert("certs", certs);
        c.insert("blank", &options.blank);
        c.insert("offset_x_mm", &format!("{:.2}", offset.x));
        c.insert("offset_y_mm", &format!("{:.2}", offset.y));
        c
    };
    for (r, view) in list.iter().zip(&views) {
        plan.jobs.push(Job {
            template: "giay-khen.typ.tera",
            path: dir.join(format!("{}.pdf", r.ma)),
            context: context(std::slice::from_ref(view)),
            date: reward.date,
            ident: format!("vanban/{}/giay-khen/{}/{}", round.year, body.ma, r.ma),
        });
    }
    plan.jobs.push(Job {
        template: "giay-khen.typ.tera",
        path: dir.join("in-tat-ca.pdf"),
        context: context(&views),
        date: reward.date,
        ident: format!("vanban/{}/giay-khen/{}/in-tat-ca", round.year, body.ma),
    });
}
