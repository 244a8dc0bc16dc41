//! One round planned through one context: the records and verdicts it lists from, its
//! bodies, and the numbers of its documents, each asked of the register exactly once,
//! before any document is built, so a document and every document that cites it (the
//! decision a tờ trình leads to, the certificates a reward decision lists) print the same
//! number and a clash is reported once.

use super::common::{self, Bodies, HeaderView, Numbered};
use super::rewards::{self, Recipient};
use crate::diagnostics::Diagnostic;
use crate::load::{Dataset, Origin};
use crate::model::{Body, Date, Regime, RewardIssue, Round};
use crate::numbering::{self, Abbrev, DocKey, Numbering};
use crate::the_thuc;
use crate::validate::criteria::Verdicts;

/// Subjects of the round's numbered documents.
pub(super) const RECOGNITION: &str = "cong-nhan";
pub(super) const REWARD: &str = "khen-thuong";
pub(super) const SUBMISSION: &str = "to-trinh";
pub(super) const SUMMARY: &str = "tong-hop";

/// Everything a document of the round is built from.
pub(super) struct RoundPlan<'a> {
    pub ds: &'a Dataset,
    pub verdicts: &'a Verdicts,
    pub round: &'a Round,
    pub bodies: &'a Bodies<'a>,
    /// The place of letters written by units and people (see [`common::round_place`]).
    pub place: &'a str,
    pub submission: Option<Numbered>,
    pub recognition: Option<Numbered>,
    /// One per entry of `khen_thuong` whose body is known and lists someone.
    pub rewards: Vec<RewardPlan<'a>>,
    pub summary: Option<Numbered>,
    /// Numbers that could not be given.
    pub diagnostics: Vec<Diagnostic>,
}

/// One reward decision of the round: its body, its list and its number.
pub(super) struct RewardPlan<'a> {
    pub reward: &'a RewardIssue,
    pub body: &'a Body,
    /// The recipients in list order (D13): the Số sổ vàng is the position here.
    pub list: Vec<Recipient>,
    pub number: Numbered,
}

impl<'a> RoundPlan<'a> {
    /// Numbers the round's documents in the order a register has always given them: the
    /// tờ trình, the recognition decision, each reward decision, the summary report.
    pub(super) fn new(
        ds: &'a Dataset,
        verdicts: &'a Verdicts,
        loaded: &'a crate::load::Loaded<Round>,
        bodies: &'a Bodies<'a>,
        numbering: &mut dyn Numbering,
    ) -> Self {
        let round = &loaded.record;
        let mut diagnostics = Vec::new();
        let mut ask = |body: Option<&&Body>,
                       kind: Abbrev,
                       subject: &str,
                       given: Option<u32>,
                       date: Date,
                       field: String| {
            let body = *body?;
            let at = Given {
                ds,
                origin: &loaded.origin,
                field,
            };
            let key = DocKey::new(
                body,
                kind,
                date,
                round.year,
                format!("{subject}-{}", round.year),
            );
            numbered(numbering, body, key, given, date, &at, &mut diagnostics)
        };
        let submission = round.submission.as_ref().and_then(|s| {
            ask(
                bodies.get(s.body.as_str()),
                Abbrev::ToTrinh,
                SUBMISSION,
                s.so,
                s.date,
                "to_trinh.so".into(),
            )
        });
        let issue = &round.recognition;
        let recognition = ask(
            bodies.get(issue.body.as_str()),
            Abbrev::QuyetDinh,
            RECOGNITION,
            issue.so,
            issue.date,
            "cong_nhan.so".into(),
        );
        let mut rewards = Vec::new();
        for (i, reward) in round.rewards.iter().flatten().enumerate() {
            let Some(body) = bodies.get(reward.body.as_str()).copied() else {
                continue;
            };
            let list = rewards::recipients(ds, verdicts, &body.ma);
            // A body that rewards nobody issues no decision and takes no number.
            if list.is_empty() {
                continue;
            }
            let number = ask(
                Some(&body),
                Abbrev::QuyetDinh,
                REWARD,
                reward.so,
                reward.date,
                format!("khen_thuong[{i}].so"),
            );
            if let Some(number) = number {
                rewards.push(RewardPlan {
                    reward,
                    body,
                    list,
                    number,
                });
            }
        }
        let summary = round.summary.as_ref().and_then(|s| {
            ask(
                bodies.get(s.body.as_str()),
                Abbrev::BaoCao,
                SUMMARY,
                s.so,
                s.date,
                "tong_hop.so".into(),
            )
        });
        RoundPlan {
            ds,
            verdicts,
            round,
            bodies,
            place: common::round_place(round, bodies).unwrap_or(""),
            submission,
            recognition,
            rewards,
            summary,
            diagnostics,
        }
    }

    /// The body that issues `ma`'s document, when the data names a known one.
    pub(super) fn body(&self, ma: &str) -> Option<&'a Body> {
        self.bodies.get(ma).copied()
    }
}

/// Numbers the document `key` of `body` dated `date` and builds its header; a number that
/// cannot be given is a diagnostic at `at` and `None`.
fn numbered(
    numbering: &mut dyn Numbering,
    body: &Body,
    key: DocKey,
    given: Option<u32>,
    date: Date,
    at: &Given,
    diags: &mut Vec<Diagnostic>,
) -> Option<Numbered> {
    let n = number(numbering, &key, given, at, diags)?;
    let abbrev = key.kind.as_str();
    Some(Numbered {
        number: n,
        symbol: the_thuc::symbol(body.regime, n, abbrev, &body.abbreviation),
        date,
        header: HeaderView {
            party: body.regime == Regime::Dang,
            superior: body
                .superior
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            issuer: body.name.trim().to_owned(),
            number_line: the_thuc::number_line(body.regime, n, abbrev, &body.abbreviation),
            place_date: the_thuc::date_line(&body.place, date),
        },
        key,
    })
}

/// Where a document's `so` is written, to point diagnostics about it.
pub(super) struct Given<'a> {
    pub ds: &'a Dataset,
    pub origin: &'a Origin,
    pub field: String,
}

/// Asks `numbering` for a number, turning a clash (or a changed number) into a diagnostic
/// at the `so` the user wrote. `None` means the document cannot be numbered.
pub(super) fn number(
    numbering: &mut dyn Numbering,
    key: &DocKey,
    given: Option<u32>,
    at: &Given,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let loc = || at.ds.locate(at.origin, &at.field);
    match numbering.number(key, given) {
        Ok(a) => {
            if let Some(prev) = a.previous {
                diags.push(
                    Diagnostic::warning(format!(
                        "văn bản {} đã được cấp số {} trong sổ văn bản; nay đổi thành số {} theo dữ liệu",
                        numbering::describe(key),
                        the_thuc::number(prev),
                        the_thuc::number(a.number)
                    ))
                    .at(loc())
                    .field(at.field.clone())
                    .hint(format!(
                        "nếu văn bản đã phát hành với số {}, xóa dòng `so` để giữ số cũ",
                        the_thuc::number(prev)
                    )),
                );
            }
            Some(a.number)
        }
        Err(c) => {
            diags.push(
                Diagnostic::error(format!(
                    "số {} đã cấp cho {} — không thể cấp trùng cho {}",
                    the_thuc::number(c.number),
                    c.holder,
                    numbering::describe(key)
                ))
                .at(loc())
                .field(at.field.clone())
                .hint("chọn số khác chưa dùng (xem `vanban so`), hoặc xóa dòng `so` để vanban tự cấp số tiếp theo"),
            );
            None
        }
    }
}
