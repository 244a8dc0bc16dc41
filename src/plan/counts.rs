//! The counts of a round (registered, reported, recognised, rewarded) by field for
//! collectives and by kind for individuals, and their tables: shared by the tờ trình and
//! the summary report.

use super::common::{Table, TableRow};
use super::eligible;
use crate::load::Dataset;
use crate::model::{Field, PersonKind, Registration, RewardRequest};
use crate::the_thuc;
use crate::validate::criteria::Verdicts;

/// The four counts of one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Count {
    pub registered: u32,
    pub reported: u32,
    pub recognised: u32,
    pub rewarded: u32,
    /// Reported a sudden achievement (`dot_xuat`), so never registered: why a row may
    /// report or be recognised more than it registered.
    pub sudden: u32,
    /// Armed forces assessed by their own sector (`xet_chon_nganh`), so never recognised
    /// here: why their row may show none recognised.
    pub sector: u32,
}

/// Counts by field (collectives) and by kind (individuals), in the contract's order.
#[derive(Debug, Clone)]
pub(super) struct Counts {
    pub by_field: Vec<(Field, Count)>,
    pub by_kind: Vec<(PersonKind, Count)>,
}

impl Counts {
    /// (collectives, individuals) summed over one count.
    pub(super) fn total(&self, f: impl Fn(&Count) -> u32) -> (u32, u32) {
        (
            self.by_field.iter().map(|(_, c)| f(c)).sum(),
            self.by_kind.iter().map(|(_, c)| f(c)).sum(),
        )
    }
}

/// What one record adds to its row.
struct Tally<'a> {
    registration: Option<&'a Registration>,
    reported: bool,
    recognised: bool,
    rewarded: Option<&'a RewardRequest>,
    sector: bool,
}

fn add(count: &mut Count, t: Tally, ds: &Dataset) {
    let Tally {
        registration,
        reported,
        recognised,
        rewarded,
        sector,
    } = t;
    let registered = registration.is_some_and(|r| !r.sudden);
    count.sudden += u32::from(registration.is_some_and(|r| r.sudden) && reported);
    count.sector += u32::from(sector);
    let rewarding = |r: &RewardRequest| {
        ds.rounds
            .iter()
            .flat_map(|x| x.record.rewards.iter().flatten())
            .any(|k| k.body == r.body)
    };
    count.registered += u32::from(registered);
    count.reported += u32::from(reported);
    count.recognised += u32::from(recognised);
    count.rewarded += u32::from(recognised && rewarded.is_some_and(rewarding));
}

/// A registration counts when it was made at the start of the year, not for a sudden
/// achievement; a report when there is one.
pub(super) fn counts(ds: &Dataset, verdicts: &Verdicts) -> Counts {
    let mut by_field: Vec<(Field, Count)> =
        Field::ALL.iter().map(|f| (*f, Count::default())).collect();
    let mut by_kind: Vec<(PersonKind, Count)> = PersonKind::ALL
        .iter()
        .map(|k| (*k, Count::default()))
        .collect();
    for c in ds.collectives.iter().map(|c| &c.record) {
        if let Some((_, n)) = by_field.iter_mut().find(|(f, _)| *f == c.field) {
            let t = Tally {
                registration: c.registration.as_ref(),
                reported: c.report.is_some(),
                recognised: eligible::collective(verdicts, c),
                rewarded: c.reward.as_ref(),
                sector: false,
            };
            add(n, t, ds);
        }
    }
    for p in ds.persons.iter().map(|p| &p.record) {
        if let Some((_, n)) = by_kind.iter_mut().find(|(k, _)| *k == p.kind) {
            let t = Tally {
                registration: p.registration.as_ref(),
                reported: p.report.is_some(),
                recognised: eligible::person(verdicts, p),
                rewarded: p.reward.as_ref(),
                sector: p.kind == PersonKind::LucLuongVuTrang && p.sector_assessed == Some(true),
            };
            add(n, t, ds);
        }
    }
    Counts { by_field, by_kind }
}

/// The two count tables with their captions; rows with nothing in them are left out, and
/// a total row closes each. `rewarded` adds the reward column (the summary report).
pub(super) fn tables(counts: &Counts, rewarded: bool) -> Vec<(String, Table)> {
    let mut columns = vec![
        "STT".to_owned(),
        String::new(),
        "Đăng ký".into(),
        "Báo cáo".into(),
        "Công nhận".into(),
    ];
    if rewarded {
        columns.push("Khen thưởng".into());
    }
    let widths = if rewarded {
        "(12mm, 1fr, 20mm, 20mm, 22mm, 24mm)"
    } else {
        "(12mm, 1fr, 22mm, 22mm, 24mm)"
    };
    let row = |i: usize, label: &str, c: &Count, note: Option<String>| {
        let mut r = vec![
            if i == 0 {
                String::new()
            } else {
                the_thuc::number(i as u32)
            },
            label.to_owned(),
            c.registered.to_string(),
            c.reported.to_string(),
            c.recognised.to_string(),
        ];
        if rewarded {
            r.push(c.rewarded.to_string());
        }
        TableRow { cells: r, note }
    };
    let build = |first: &str, who: &str, rows: Vec<(&str, Count)>| -> Option<Table> {
        let rows: Vec<(&str, Count)> = rows
            .into_iter()
            .filter(|(_, c)| *c != Count::default())
            .collect();
        if rows.is_empty() {
            return None;
        }
        let total = rows.iter().fold(Count::default(), |a, (_, c)| Count {
            registered: a.registered + c.registered,
            reported: a.reported + c.reported,
            recognised: a.recognised + c.recognised,
            rewarded: a.rewarded + c.rewarded,
            sudden: a.sudden + c.sudden,
            sector: a.sector + c.sector,
        });
        let mut cols = columns.clone();
        cols[1] = first.to_owned();
        let mut out: Vec<TableRow> = rows
            .iter()
            .enumerate()
            .map(|(i, (l, c))| row(i + 1, l, c, note(who, c)))
            .collect();
        out.push(row(0, "Tổng cộng", &total, None));
        Some(Table {
            columns: cols,
            widths,
            rows: out,
            total: true,
        })
    };
    let mut out = Vec::new();
    if let Some(t) = build(
        "Lĩnh vực",
        "tập thể",
        counts
            .by_field
            .iter()
            .map(|(f, c)| (f.label(), *c))
            .collect(),
    ) {
        out.push(("1. Tập thể, theo lĩnh vực".to_owned(), t));
    }
    if let Some(t) = build(
        "Đối tượng",
        "cá nhân",
        counts
            .by_kind
            .iter()
            .map(|(k, c)| (k.label(), *c))
            .collect(),
    ) {
        let n = out.len() + 1;
        out.push((format!("{n}. Cá nhân, theo đối tượng"), t));
    }
    out
}

/// The footnote of a row whose figures do not explain themselves: more reported than
/// registered (sudden achievements need no registration, HD 26 part IV), or armed forces
/// none of whom are recognised here (their sector assesses them by its own rules).
fn note(who: &str, c: &Count) -> Option<String> {
    let mut said = Vec::new();
    if c.sudden > 0 {
        said.push(format!(
            "Gồm {} {who} lập thành tích đột xuất, không phải đăng ký thi đua đầu năm.",
            c.sudden
        ));
    }
    if c.sector > 0 {
        said.push(format!(
            "Lực lượng vũ trang do ngành xét chọn theo quy định riêng ({} {who}), không xét công nhận trong đợt này.",
            c.sector
        ));
    }
    (!said.is_empty()).then(|| said.join(" "))
}
