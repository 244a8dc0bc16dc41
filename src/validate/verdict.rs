//! Verdicts: what the criteria say about each record — a mark per criterion (met, not
//! met with the reason and the key that fixes it, not assessable) and the record's
//! standing — keyed by (kind, ma) per round, for `check` to print and `plan` to obey.
//! The rules themselves are in `criteria`.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::diagnostics::Location;
use crate::load::Origin;
use crate::model::{Field, PersonKind};

/// The two kinds of record that are assessed, written as their `loai`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `tap_the`: a collective.
    TapThe,
    /// `ca_nhan`: an individual.
    CaNhan,
}

impl Kind {
    /// The kind's name inside a Vietnamese sentence: `tập thể`, `cá nhân`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::TapThe => "tập thể",
            Kind::CaNhan => "cá nhân",
        }
    }
}

/// One criterion of the guidance; each has a function of the same name in `criteria`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Part II.1: a collective has a name, an address and a field.
    Identity,
    /// Part IV.1: registered in writing at the start of the year, by the deadline.
    Registered,
    /// Part II.1: the registration is approved by the direct Party committee.
    Approved,
    /// Part IV.1: an annual report stating how, lessons, effect and spread.
    Reported,
    /// Part IV.1: the report is confirmed by the Party committee or the direct head.
    Confirmed,
    /// Part II.2: cán bộ, công chức hold Chiến sĩ thi đua cơ sở or higher for the year.
    Title,
    /// Part II.2: armed forces are selected under their sector's rules, not these.
    Sector,
    /// Part IV.2: a reward is given by a body that rewards in this round.
    Reward,
}

impl Criterion {
    /// Column order of the `check` table.
    pub const ALL: [Criterion; 8] = [
        Criterion::Identity,
        Criterion::Registered,
        Criterion::Approved,
        Criterion::Reported,
        Criterion::Confirmed,
        Criterion::Title,
        Criterion::Sector,
        Criterion::Reward,
    ];

    /// The criterion as a reader names it.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::Identity => "Tên, địa chỉ, lĩnh vực",
            Criterion::Registered => "Đăng ký đúng hạn",
            Criterion::Approved => "Cấp ủy phê duyệt",
            Criterion::Reported => "Báo cáo thành tích đủ các phần",
            Criterion::Confirmed => "Xác nhận báo cáo",
            Criterion::Title => "Danh hiệu thi đua",
            Criterion::Sector => "Ngành xét chọn",
            Criterion::Reward => "Cơ quan khen thưởng",
        }
    }

    /// The two-letter column header of the `check` table.
    pub fn short(self) -> &'static str {
        match self {
            Criterion::Identity => "TT",
            Criterion::Registered => "ĐK",
            Criterion::Approved => "PD",
            Criterion::Reported => "BC",
            Criterion::Confirmed => "XN",
            Criterion::Title => "DH",
            Criterion::Sector => "NG",
            Criterion::Reward => "KT",
        }
    }
}

/// Why a criterion is not met, and what to change.
#[derive(Debug, Clone, Serialize)]
pub struct Shortfall {
    /// What is missing or wrong, in Vietnamese.
    pub reason: String,
    /// The key path that fixes it, usable with [`Dataset::locate`](crate::load::Dataset::locate).
    pub field: String,
    /// What to do about it, in plain Vietnamese.
    pub hint: String,
    /// The key is absent and must be added, rather than corrected.
    pub absent: bool,
    /// Filled by [`assess`](super::criteria::assess): where `field` (or its nearest present parent) is.
    pub location: Option<Location>,
}

/// The result of one criterion for one record.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "mark", rename_all = "snake_case")]
pub enum Outcome {
    /// The criterion is satisfied.
    Met {
        /// What satisfied it, when that is worth showing (a date, an exemption).
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The criterion is not satisfied, with why and what to change.
    NotMet(Shortfall),
    /// The criterion cannot be judged, e.g. an approval with no registration to approve.
    NotAssessable {
        /// Why it cannot be judged, in Vietnamese.
        reason: String,
    },
}

impl Outcome {
    pub(super) fn met() -> Self {
        Outcome::Met { note: None }
    }

    pub(super) fn met_with(note: impl Into<String>) -> Self {
        Outcome::Met {
            note: Some(note.into()),
        }
    }

    pub(super) fn not_met(
        reason: impl Into<String>,
        field: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Outcome::shortfall(reason.into(), field.into(), hint.into(), false)
    }

    /// Not met because the key `field` is absent.
    pub(super) fn missing(
        reason: impl Into<String>,
        field: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Outcome::shortfall(reason.into(), field.into(), hint.into(), true)
    }

    fn shortfall(reason: String, field: String, hint: String, absent: bool) -> Self {
        Outcome::NotMet(Shortfall {
            reason,
            field,
            hint,
            absent,
            location: None,
        })
    }

    pub(super) fn not_assessable(reason: impl Into<String>) -> Self {
        Outcome::NotAssessable {
            reason: reason.into(),
        }
    }

    /// Whether the criterion is satisfied.
    pub fn is_met(&self) -> bool {
        matches!(self, Outcome::Met { .. })
    }

    /// The table mark: ✓ met, ✗ not met, – not assessable.
    pub fn mark(&self) -> &'static str {
        match self {
            Outcome::Met { .. } => "✓",
            Outcome::NotMet(_) => "✗",
            Outcome::NotAssessable { .. } => "–",
        }
    }
}

/// One criterion applied to one record.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// The criterion applied.
    pub criterion: Criterion,
    /// What it found.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The record's standing for recognition in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every applicable criterion is met.
    Eligible,
    /// At least one criterion is not met (or could not be judged).
    NotEligible,
    /// Assessed by the sector's own rules, not by these criteria.
    NotAssessed,
}

impl Verdict {
    /// The verdict's name as the `check` table prints it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "Đủ tiêu chuẩn",
            Verdict::NotEligible => "Chưa đủ tiêu chuẩn",
            Verdict::NotAssessed => "Ngành xét chọn",
        }
    }
}

/// A collective's field or a person's kind: the table's third column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// A collective's `linh_vuc`.
    LinhVuc(Field),
    /// A person's `doi_tuong`.
    DoiTuong(PersonKind),
}

impl Group {
    /// The group's name as printed.
    pub fn label(self) -> &'static str {
        match self {
            Group::LinhVuc(f) => f.label(),
            Group::DoiTuong(k) => k.label(),
        }
    }

    /// Whether the group is a collective's field or a person's kind.
    pub fn kind(self) -> Kind {
        match self {
            Group::LinhVuc(_) => Kind::TapThe,
            Group::DoiTuong(_) => Kind::CaNhan,
        }
    }
}

/// Every criterion applied to one record in one round, and the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// Whether the record is a collective or a person.
    pub kind: Kind,
    /// The record's `ma`.
    pub ma: String,
    /// A collective's name or a person's full name.
    pub name: String,
    /// The record's field or kind of person.
    pub group: Group,
    /// Every criterion that applies to the record, in column order.
    pub checks: Vec<Check>,
    /// The record's standing, from its checks.
    pub verdict: Verdict,
    /// The rewarding body the record asks for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reward: Option<String>,
    /// Where the record came from, to locate its shortfalls.
    #[serde(skip)]
    pub origin: Origin,
}

impl Assessment {
    /// The outcome of `criterion`, or `None` when it does not apply to this record.
    pub fn outcome(&self, criterion: Criterion) -> Option<&Outcome> {
        self.checks
            .iter()
            .find(|c| c.criterion == criterion)
            .map(|c| &c.outcome)
    }

    /// The criteria not met, in column order.
    pub fn shortfalls(&self) -> impl Iterator<Item = (Criterion, &Shortfall)> {
        self.checks.iter().filter_map(|c| match &c.outcome {
            Outcome::NotMet(s) => Some((c.criterion, s)),
            _ => None,
        })
    }
}

/// How many records got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Records found eligible.
    pub eligible: usize,
    /// Records found not eligible.
    pub not_eligible: usize,
    /// Records left to their sector's own rules.
    pub not_assessed: usize,
}

impl Totals {
    /// Counts one more record with `verdict`.
    pub fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Eligible => self.eligible += 1,
            Verdict::NotEligible => self.not_eligible += 1,
            Verdict::NotAssessed => self.not_assessed += 1,
        }
    }

    /// How many records were counted.
    pub fn total(&self) -> usize {
        self.eligible + self.not_eligible + self.not_assessed
    }

    /// The totals of several rounds together.
    pub fn sum<'a>(rounds: impl IntoIterator<Item = &'a Verdicts>) -> Totals {
        let mut t = Totals::default();
        for v in rounds {
            for a in &v.records {
                t.add(a.verdict);
            }
        }
        t
    }
}

/// The verdicts of one round, keyed by (kind, ma): what `plan` asks before listing anyone.
#[derive(Debug, Clone, Serialize)]
pub struct Verdicts {
    /// The round's `nam`: the year assessed.
    pub year: i32,
    /// The round's `phong_trao`: the movement's name.
    pub movement: String,
    /// The registration deadline that applied: `han_dang_ky` or its default.
    #[serde(serialize_with = "iso_date")]
    pub deadline: NaiveDate,
    /// In list order: collectives by name, then people by given name.
    pub records: Vec<Assessment>,
    #[serde(skip)]
    pub(super) index: HashMap<(Kind, String), usize>,
}

fn iso_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

impl Verdicts {
    /// The assessment of the record `ma` of `kind`, if it was assessed in this round.
    pub fn get(&self, kind: Kind, ma: &str) -> Option<&Assessment> {
        self.index
            .get(&(kind, ma.to_owned()))
            .map(|&i| &self.records[i])
    }

    /// Whether the record may enter this round's lists; unknown records may not.
    pub fn is_eligible(&self, kind: Kind, ma: &str) -> bool {
        self.get(kind, ma)
            .is_some_and(|a| a.verdict == Verdict::Eligible)
    }

    /// How many records of this round got each verdict.
    pub fn totals(&self) -> Totals {
        Totals::sum([self])
    }
}
