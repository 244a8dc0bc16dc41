//! Which records enter the lists: the one gate every list goes through, so that the
//! criteria check (issue 4) replaces these rules by changing this file only.
//!
//! Until then, the contract's minimum (data-format.md, "Criteria"): registered by the
//! deadline and approved unless `dot_xuat`, a report with every section filled, and for
//! cán bộ, công chức and viên chức a title of at least Chiến sĩ thi đua cơ sở in the year;
//! armed forces assessed by their own sector (`xet_chon_nganh`) are not listed here.

use chrono::NaiveDate;

use crate::load::Dataset;
use crate::model::{Collective, Person, PersonKind, Registration, Report, Round, TitleRank};

/// The round a record is assessed in: the one of its report's or registration's year,
/// else the dataset's first.
fn round_of(ds: &Dataset, year: Option<i32>) -> Option<&Round> {
    let rounds = || ds.rounds.iter().map(|r| &r.record);
    year.and_then(|y| rounds().find(|r| r.year == y))
        .or_else(|| rounds().next())
}

fn year_of(reg: Option<&Registration>, rep: Option<&Report>) -> Option<i32> {
    use chrono::Datelike;
    rep.map(|r| r.date.0.year())
        .or_else(|| reg.map(|r| r.date.0.year()))
}

fn registered(round: &Round, reg: Option<&Registration>) -> bool {
    let Some(reg) = reg else { return false };
    if reg.sudden {
        return true;
    }
    let deadline = round
        .registration_deadline
        .map(|d| d.0)
        .or_else(|| NaiveDate::from_ymd_opt(round.year, 3, 31));
    reg.approval.is_some() && deadline.is_none_or(|d| reg.date.0 <= d)
}

fn reported(rep: Option<&Report>) -> bool {
    rep.is_some_and(|r| {
        [
            &r.situation,
            &r.results,
            &r.method,
            &r.lessons,
            &r.effect,
            &r.spread,
        ]
        .iter()
        .all(|s| !s.trim().is_empty())
    })
}

/// Whether a collective is recognised.
pub fn collective(ds: &Dataset, c: &Collective) -> bool {
    let year = year_of(c.registration.as_ref(), c.report.as_ref());
    let Some(round) = round_of(ds, year) else {
        return false;
    };
    !c.name.trim().is_empty()
        && !c.address.trim().is_empty()
        && registered(round, c.registration.as_ref())
        && reported(c.report.as_ref())
}

/// Whether an individual is recognised.
pub fn person(ds: &Dataset, p: &Person) -> bool {
    let year = year_of(p.registration.as_ref(), p.report.as_ref());
    let Some(round) = round_of(ds, year) else {
        return false;
    };
    let title_ok = match p.kind {
        PersonKind::CanBoCongChuc | PersonKind::VienChuc => p
            .titles
            .iter()
            .flatten()
            .any(|t| t.year == round.year && t.rank >= TitleRank::ChienSiThiDuaCoSo),
        PersonKind::LucLuongVuTrang => p.sector_assessed != Some(true),
        _ => true,
    };
    title_ok && registered(round, p.registration.as_ref()) && reported(p.report.as_ref())
}
