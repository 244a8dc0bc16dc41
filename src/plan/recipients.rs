//! Recipients: who a reward decision lists, in the order of D13, from the records (the
//! ones `verdicts` finds eligible) or from the register (a decision already issued). A leaf
//! of `plan/`: the round's numbering, the shared list sections and the reward documents all
//! read a list, and none of them is needed to make one.

use crate::collate;
use crate::load::Dataset;
use crate::numbering::Entry;
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
                golden: 0,
            }
        })
        .collect();
    people.sort_by_cached_key(|p| collate::name_key(&p.name));
    collectives.extend(people);
    collectives
}
