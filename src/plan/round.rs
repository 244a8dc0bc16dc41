//! One round planned through one context: the records and verdicts it lists from, its
//! bodies, and the numbers of its documents, each asked of the register exactly once,
//! before any document is built, so a document and every document that cites it (the
//! decision a tờ trình leads to, the certificates a reward decision lists) print the same
//! number and a clash is reported once.
//!
//! One room of ~400 lines: asking for a number, turning a refusal into its diagnostic and
//! building the header that prints it are one sequence, run once per document.

use super::common::{self, Bodies, HeaderView, Numbered};
use super::recipients::{self, Recipient};
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
    /// The recipients in list order (D13), each with the Số sổ vàng it holds.
    pub list: Vec<Recipient>,
    pub number: Numbered,
    /// 1 for a body's first decision of the round, 2 for its first supplementary one …
    pub part: usize,
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
        let blank = round.blank_numbers;
        let mut diagnostics = Vec::new();
        let mut ask = |numbering: &mut dyn Numbering,
                       body: Option<&&Body>,
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
            numbered(
                numbering,
                body,
                key,
                given,
                date,
                blank,
                &at,
                &mut diagnostics,
            )
        };
        let submission = round.submission.as_ref().and_then(|s| {
            ask(
                numbering,
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
            numbering,
            bodies.get(issue.body.as_str()),
            Abbrev::QuyetDinh,
            RECOGNITION,
            issue.so,
            issue.date,
            "cong_nhan.so".into(),
        );
        // A body's entries in date order: the first is its decision, each later one a
        // supplementary decision listing only those no earlier decision of it lists.
        let entries: Vec<(usize, &RewardIssue)> =
            round.rewards.iter().flatten().enumerate().collect();
        let mut order: Vec<&str> = Vec::new();
        for (_, r) in &entries {
            if !order.contains(&r.body.as_str()) {
                order.push(r.body.as_str());
            }
        }
        let mut rewards = Vec::new();
        let mut notes = Vec::new();
        for ma in order {
            let Some(body) = bodies.get(ma).copied() else {
                continue;
            };
            let mut own: Vec<(usize, &RewardIssue)> = entries
                .iter()
                .copied()
                .filter(|(_, r)| r.body == ma)
                .collect();
            own.sort_by_key(|(i, r)| (r.date, *i));
            let eligible = recipients::recipients(ds, verdicts, &body.ma);
            let mut taken: Vec<String> = Vec::new();
            let mut issued_lists: Vec<(String, Vec<numbering::Entry>)> = Vec::new();
            for (part, (i, reward)) in own.into_iter().enumerate() {
                let part = part + 1;
                let subject = match part {
                    1 => format!("{REWARD}-{}", round.year),
                    k => format!("{REWARD}-{}-{k}", round.year),
                };
                let key = DocKey::new(body, Abbrev::QuyetDinh, reward.date, round.year, subject);
                let list: Vec<Recipient> = match numbering.issued(&key) {
                    // An issued decision lists what it listed, names as issued.
                    Some(doc) => {
                        let list = recipients::as_issued(ds, &doc.listing);
                        issued_lists.push((doc.symbol.clone(), doc.listing));
                        list
                    }
                    None => eligible
                        .iter()
                        .filter(|r| !taken.contains(&r.ma))
                        .cloned()
                        .collect(),
                };
                taken.extend(list.iter().map(|r| r.ma.clone()));
                // A body that rewards nobody (more) issues no decision and takes no number.
                if list.is_empty() {
                    continue;
                }
                let at = Given {
                    ds,
                    origin: &loaded.origin,
                    field: format!("khen_thuong[{i}].so"),
                };
                let decision = numbered(
                    numbering,
                    body,
                    key,
                    reward.so,
                    reward.date,
                    blank,
                    &at,
                    &mut notes,
                );
                let Some(decision) = decision else { continue };
                // Each recipient's Số sổ vàng: the one it holds, else the next of the
                // body's year — asked in list order, so a first build gives 1, 2, 3 …
                let list = list
                    .into_iter()
                    .map(|mut r| {
                        let key = crate::numbering::golden_key(&body.ma, round.year, &r.ma);
                        if let Some(n) = number(numbering, &key, None, &at, &mut notes) {
                            r.golden = n;
                        }
                        r
                    })
                    .collect();
                rewards.push(RewardPlan {
                    reward,
                    body,
                    list,
                    number: decision,
                    part,
                });
            }
            notes.extend(issued_changes(
                ds,
                &loaded.origin,
                body,
                &eligible,
                &taken,
                &issued_lists,
            ));
        }
        let summary = round.summary.as_ref().and_then(|s| {
            ask(
                numbering,
                bodies.get(s.body.as_str()),
                Abbrev::BaoCao,
                SUMMARY,
                s.so,
                s.date,
                "tong_hop.so".into(),
            )
        });
        diagnostics.extend(notes);
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
/// cannot be given is a diagnostic at `at` and `None`. With `blank` (`de_trong_so`) the
/// number and the day print blank, for the văn thư to write by hand after signing; the
/// register still keeps the document's place in its sequence, so numbers never collide.
#[allow(clippy::too_many_arguments)]
fn numbered(
    numbering: &mut dyn Numbering,
    body: &Body,
    key: DocKey,
    given: Option<u32>,
    date: Date,
    blank: bool,
    at: &Given,
    diags: &mut Vec<Diagnostic>,
) -> Option<Numbered> {
    let n = number(numbering, &key, given, at, diags)?;
    let abbrev = key.kind.as_str();
    let (regime, issuer) = (body.regime, &body.abbreviation);
    let (symbol, number_line, place_date) = if blank {
        (
            the_thuc::symbol_blank(regime, abbrev, issuer),
            the_thuc::number_line_blank(regime, abbrev, issuer),
            the_thuc::date_line_blank(&body.place, date),
        )
    } else {
        (
            the_thuc::symbol(regime, n, abbrev, issuer),
            the_thuc::number_line(regime, n, abbrev, issuer),
            the_thuc::date_line(&body.place, date),
        )
    };
    Some(Numbered {
        number: n,
        symbol,
        date,
        blank,
        header: HeaderView {
            party: body.regime == Regime::Dang,
            superior: body
                .superior
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            issuer: body.name.trim().to_owned(),
            number_line,
            place_date,
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
                    .code(crate::codes::Code::Register)
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
        Err(c) if c.exhausted => {
            diags.push(
                Diagnostic::error(format!(
                    "{} đã tới số {}, không còn số tiếp theo để cấp cho {}",
                    c.holder,
                    c.number,
                    numbering::describe(key)
                )).code(crate::codes::Code::Register)
                .at(loc())
                .field(at.field.clone())
                .hint("sổ văn bản có một số quá lớn (ghi tay trong `so` hoặc sửa sổ bằng tay): xem `vanban so`, ghi `so` nhỏ hơn cho văn bản này"),
            );
            None
        }
        Err(c) => {
            diags.push(
                Diagnostic::error(format!(
                    "số {} đã cấp cho {} — không thể cấp trùng cho {}",
                    the_thuc::number(c.number),
                    c.holder,
                    numbering::describe(key)
                ))
                .code(crate::codes::Code::Register)
                .at(loc())
                .field(at.field.clone())
                .hint("chọn số khác chưa dùng (xem `vanban so`), hoặc xóa dòng `so` để vanban tự cấp số tiếp theo"),
            );
            None
        }
    }
}

/// What the data would change in `body`'s issued decisions, as warnings at the round:
/// names renamed or removed, and recipients no decision of the body lists, with how to
/// proceed. An issued decision itself is never rewritten.
fn issued_changes(
    ds: &Dataset,
    origin: &Origin,
    body: &Body,
    eligible: &[Recipient],
    taken: &[String],
    issued: &[(String, Vec<numbering::Entry>)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let now: Vec<numbering::Entry> = eligible.iter().map(Recipient::entry).collect();
    let left_out: Vec<numbering::Entry> = now
        .iter()
        .filter(|e| !taken.contains(&e.ma))
        .cloned()
        .collect();
    for (k, (symbol, listing)) in issued.iter().enumerate() {
        // The data's version of this decision's list: its own records as the data has them.
        let mut theirs: Vec<numbering::Entry> = now
            .iter()
            .filter(|e| listing.iter().any(|l| l.ma == e.ma))
            .cloned()
            .collect();
        if k + 1 == issued.len() {
            theirs.extend(left_out.iter().cloned());
        }
        let changes = numbering::changes(listing, &theirs);
        if changes.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(format!(
                "quyết định {symbol} của {} đã ban hành nên không ghi lại; dữ liệu nay khác bản đã ban hành: {}",
                body.ma,
                changes.join("; ")
            ))
            .code(crate::codes::Code::Register)
            .at(ds.locate(origin, "khen_thuong"))
            .field("khen_thuong")
            .hint(format!(
                "giấy khen vẫn in theo danh sách đã ban hành. Để khen người mới: thêm vào `khen_thuong` một mục nữa của `co_quan: {}` với `ngay` sau (quyết định bổ sung, chỉ liệt kê người chưa được khen); nếu quyết định chưa ký, chạy `vanban ban-hanh --huy {symbol}` rồi dựng lại",
                body.ma
            )),
        );
    }
    out
}
