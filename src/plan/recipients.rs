//! The lists of D13: who a recognition or a reward decision lists, in list order, from
//! the records (the ones `verdicts` finds eligible) or from the register (a decision
//! already issued), and the sections (`I. TẬP THỂ`, `II. CÁ NHÂN`) they print as. A leaf of
//! `plan/`: the round's numbering and every list document read a list, and none of them
//! is needed to make one.

use serde::Serialize;

use crate::collate;
use crate::load::Dataset;
use crate::model::{Collective, Person};
use crate::numbering::Entry;
use crate::the_thuc;
use crate::validate::criteria::Verdicts;

use super::eligible;

/// A recipient of a reward, as listed in the reward decision.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// The record's `ma`.
    pub ma: String,
    /// A collective rather than a person.
    pub collective: bool,
    /// Name as listed: a collective's name, or a person's full name.
    pub name: String,
    /// Printed on the certificate: `Bà Nguyễn Thị Ánh`.
    pub addressed: String,
    /// Position and unit, or a collective's address.
    pub detail: Option<String>,
    /// The record's own reason, when it has one; the decision's otherwise.
    pub reason: Option<String>,
    /// Its Số sổ vàng, from the register; 0 until planning asks for it.
    pub golden: u32,
}

impl Recipient {
    /// The recipient as a list's line in the register.
    pub fn entry(&self) -> Entry {
        Entry {
            ma: self.ma.clone(),
            collective: self.collective,
            name: self.name.clone(),
            addressed: self.addressed.clone(),
            detail: self.detail.clone(),
            golden: (self.golden > 0).then_some(self.golden),
        }
    }
}

/// The recipients of an issued decision as it listed them, in list order; each record's
/// own reason still comes from the data, when the record is there.
pub(super) fn as_issued(ds: &Dataset, listing: &[Entry]) -> Vec<Recipient> {
    let reason = |ma: &str, collective: bool| {
        if collective {
            ds.collectives
                .iter()
                .find(|c| c.record.ma == ma)
                .and_then(|c| c.record.reward.as_ref()?.reason.clone())
        } else {
            ds.persons
                .iter()
                .find(|p| p.record.ma == ma)
                .and_then(|p| p.record.reward.as_ref()?.reason.clone())
        }
    };
    let list: Vec<Recipient> = listing
        .iter()
        .map(|e| Recipient {
            ma: e.ma.clone(),
            collective: e.collective,
            name: e.name.clone(),
            addressed: e.addressed.clone(),
            detail: e.detail.clone(),
            reason: reason(&e.ma, e.collective),
            golden: e.golden.unwrap_or(0),
        })
        .collect();
    in_list_order(list)
}

/// Collectives by name, then people by given name (D13).
fn in_list_order(list: Vec<Recipient>) -> Vec<Recipient> {
    let (mut collectives, mut people): (Vec<Recipient>, Vec<Recipient>) =
        list.into_iter().partition(|r| r.collective);
    collectives.sort_by_cached_key(|r| collate::key(&r.name));
    people.sort_by_cached_key(|p| collate::name_key(&p.name));
    collectives.extend(people);
    collectives
}

/// The recipients of one rewarding body, in list order (D13): collectives by name, then
/// people by given name. Their Số sổ vàng come from the register (see `RoundPlan`).
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
            golden: 0,
        })
        .collect();
    collectives.sort_by_cached_key(|r| collate::key(&r.name));
    let mut people: Vec<Recipient> = ds
        .persons
        .iter()
        .filter(|p| p.record.reward.as_ref().is_some_and(|r| r.body == body))
        .filter(|p| eligible::person(verdicts, &p.record))
        .map(|p| {
            let person = &p.record;
            let name = person.listed();
            let addressed = person.addressed();
            let detail = person_detail(person);
            Recipient {
                ma: person.ma.clone(),
                collective: false,
                name,
                addressed,
                detail: Some(detail),
                reason: person.reward.as_ref().and_then(|r| r.reason.clone()),
                golden: 0,
            }
        })
        .collect();
    people.sort_by_cached_key(|p| collate::name_key(&p.name));
    collectives.extend(people);
    collectives
}

/// A row of a D13 list.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Row {
    pub stt: String,
    pub name: String,
    pub detail: String,
    pub model: String,
}

/// A section of a D13 list: `I. TẬP THỂ`, `II. CÁ NHÂN`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Section {
    pub heading: String,
    pub rows: Vec<Row>,
}

/// Position and unit of a person, as listed.
pub(super) fn person_detail(p: &Person) -> String {
    match p
        .position
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(pos) => format!("{pos}, {}", p.unit.trim()),
        None => p.unit.trim().to_owned(),
    }
}

/// Eligible collectives by name and eligible people by given name (D13).
pub(super) fn recognised<'a>(
    ds: &'a Dataset,
    verdicts: &Verdicts,
) -> (Vec<&'a Collective>, Vec<&'a Person>) {
    let mut cs: Vec<&Collective> = ds
        .collectives
        .iter()
        .map(|c| &c.record)
        .filter(|c| eligible::collective(verdicts, c))
        .collect();
    cs.sort_by_cached_key(|c| collate::key(c.name.trim()));
    let mut ps: Vec<&Person> = ds
        .persons
        .iter()
        .map(|p| &p.record)
        .filter(|p| eligible::person(verdicts, p))
        .collect();
    ps.sort_by_cached_key(|p| collate::name_key(p.name.trim()));
    (cs, ps)
}

/// The records a round's recognition lists, as the register keeps a list.
pub(super) fn recognised_entries(ds: &Dataset, verdicts: &Verdicts) -> std::sync::Arc<[Entry]> {
    let (cs, ps) = recognised(ds, verdicts);
    let entry = |ma: &str, collective: bool, name: &str| Entry {
        ma: ma.to_owned(),
        collective,
        name: name.trim().to_owned(),
        addressed: name.trim().to_owned(),
        detail: None,
        golden: None,
    };
    let collectives = cs.iter().map(|c| entry(&c.ma, true, &c.name));
    let people = ps.iter().map(|p| entry(&p.ma, false, &p.name));
    collectives.chain(people).collect()
}

/// The recognition list: STT counted through both sections; empty sections left out.
pub(super) fn recognition_list(ds: &Dataset, verdicts: &Verdicts) -> Vec<Section> {
    let (cs, ps) = recognised(ds, verdicts);
    let collectives = cs.iter().map(|c| {
        (
            c.name.trim().to_owned(),
            c.address.trim().to_owned(),
            c.model.trim().to_owned(),
        )
    });
    let people = ps.iter().map(|p| {
        let model = p.model.as_deref().map(str::trim).unwrap_or_default();
        (p.listed(), person_detail(p), model.to_owned())
    });
    sections(collectives.collect(), people.collect())
}

/// The reward list of one body, in [`super::recipients`] order: the STT printed here is
/// the Số sổ vàng printed on each certificate.
pub(super) fn reward_list(list: &[Recipient]) -> Vec<Section> {
    let row = |r: &Recipient| {
        (
            r.name.clone(),
            r.detail.clone().unwrap_or_default(),
            String::new(),
        )
    };
    sections(
        list.iter().filter(|r| r.collective).map(row).collect(),
        list.iter().filter(|r| !r.collective).map(row).collect(),
    )
}

fn sections(
    collectives: Vec<(String, String, String)>,
    people: Vec<(String, String, String)>,
) -> Vec<Section> {
    let mut out = Vec::new();
    let mut stt = 0u32;
    for (title, rows) in [("TẬP THỂ", collectives), ("CÁ NHÂN", people)] {
        if rows.is_empty() {
            continue;
        }
        let rows = rows
            .into_iter()
            .map(|(name, detail, model)| {
                stt += 1;
                Row {
                    stt: the_thuc::number(stt),
                    name,
                    detail,
                    model,
                }
            })
            .collect();
        out.push(Section {
            heading: format!("{}. {title}", the_thuc::roman(out.len() + 1)),
            rows,
        });
    }
    out
}
