//! Plan: valid records → the documents to produce, each with its template, context,
//! output path, date and number.
//!
//! Planning decides every number before anything is compiled, so a document and the
//! documents that cite it (a certificate prints its decision's number) always agree.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::Datelike;
use serde::Serialize;

use crate::collate;
use crate::diagnostics::Diagnostic;
use crate::load::{Dataset, Origin};
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
    pub values: Values,
    /// The document's date: its fixed `today` and PDF creation date.
    pub date: Date,
    /// The document's line in the issuing register; `None` for what takes no number (a
    /// unit's own letter, a chunk of certificates: its pages carry theirs).
    pub issued: Option<Issued>,
    /// For certificates laid out together (see `bundle`): page k is filed on its own as
    /// `pages[k]`, and the whole is the next part of the print file at `path`. Empty for
    /// every other document.
    pub pages: Vec<PageFile>,
}

/// One page of a chunk of certificates, filed as a document of its own.
#[derive(Debug, Clone)]
pub struct PageFile {
    pub path: PathBuf,
    pub issued: Issued,
    /// The values of this certificate alone.
    pub values: Values,
}

/// A document's values for its template, kept typed until a worker renders them: turned
/// into tera's JSON values up front, every document of a year-end run held at once took
/// several times the memory of the records themselves.
#[derive(Clone)]
pub struct Values(Arc<dyn Fn() -> tera::Context + Send + Sync>);

impl Values {
    pub fn new(f: impl Fn() -> tera::Context + Send + Sync + 'static) -> Values {
        Values(Arc::new(f))
    }

    /// The values of a template that reads `{{ doc.… }}`.
    pub fn doc<T: Serialize + Send + Sync + 'static>(doc: T) -> Values {
        Values::new(move || {
            let mut c = tera::Context::new();
            c.insert("doc", &doc);
            c
        })
    }

    pub fn context(&self) -> tera::Context {
        (self.0)()
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Values(…)")
    }
}

/// The kinds of document a build makes, named as their templates (and output folders)
/// are: what `vanban build --chi` accepts.
pub const KINDS: [&str; 7] = [
    "dang-ky",
    "bao-cao",
    "to-trinh",
    "quyet-dinh-cong-nhan",
    "quyet-dinh-khen-thuong",
    "giay-khen",
    "bao-cao-tong-hop",
];

/// A kind of document is named as its template: `giay-khen.typ.tera` makes `giay-khen`.
fn kind_of(template: &'static str) -> &'static str {
    template.trim_end_matches(".typ.tera")
}

impl Job {
    /// The kind of document, one of [`KINDS`].
    pub fn kind(&self) -> &'static str {
        kind_of(self.template)
    }

    /// Whether the document may run to hundreds of pages: the numbered documents (tờ
    /// trình, decisions, summary report) carry the lists of every record of a round.
    pub fn is_long(&self) -> bool {
        self.issued.is_some() && self.pages.is_empty()
    }

    /// A stable identity for the PDF's document id, from the output path.
    pub fn ident(&self) -> String {
        ident(&self.path)
    }

    /// Page `i` of a chunk of certificates as a document of its own, for a dataset's own
    /// certificate template that does not give exactly one page per certificate.
    pub fn page(&self, i: usize) -> Job {
        let page = &self.pages[i];
        Job {
            template: self.template,
            path: page.path.clone(),
            values: page.values.clone(),
            date: self.date,
            issued: Some(page.issued.clone()),
            pages: Vec::new(),
        }
    }
}

/// The identity of the PDF at `path` (relative to the output folder):
/// `vanban/2025/giay-khen/ubnd-xa/ma`, with `/` on every system.
pub fn ident(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("vanban/{}", parts.join("/"))
}

/// Everything a run will produce.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    /// Numbers that could not be given (a `so` clashing with one already issued).
    pub diagnostics: Vec<Diagnostic>,
}

/// What a numbering source is asked for: one document's identity.
///
/// Body, scope, kind and subject together are the identity the register keeps a number
/// for; `year` only says under which `out/<nam>/` the document is filed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    pub body: String,
    /// Document type abbreviation: `QĐ`, `TTr`, `BC`; [`GOLDEN_BOOK`] for a certificate.
    pub kind: &'static str,
    /// The numbering scope (D7), from [`scope`]: `2025`, or `NK2020-10-15` for a Party term.
    pub scope: String,
    /// The round's year.
    pub year: i32,
    /// The record or round the document is for: `khen-thuong-2025`.
    pub subject: String,
}

impl DocKey {
    /// The identity of a `kind` document of `body` dated `date`, filed under the round of
    /// `year`, for `subject`; the scope follows from body and date (D7).
    pub fn new(
        body: &Body,
        kind: &'static str,
        date: Date,
        year: i32,
        subject: impl Into<String>,
    ) -> Self {
        DocKey {
            body: body.ma.clone(),
            kind,
            scope: scope(body, date),
            year,
            subject: subject.into(),
        }
    }
}

/// The kind of a certificate's register line: its number is the Số sổ vàng, the
/// recipient's position in its decision's list, derived rather than allocated.
pub const GOLDEN_BOOK: &str = "SSV";

/// The numbering scope of a document of `body` dated `date` (conventions D7): a Party body
/// with `nhiem_ky_tu` numbers within the term, across calendar years; everything else
/// (and a Party document dated before the term) restarts each 1 January.
pub fn scope(body: &Body, date: Date) -> String {
    match body.term_start {
        Some(start) if body.regime == Regime::Dang && date >= start => {
            format!("NK{}", start.0.format("%Y-%m-%d"))
        }
        _ => date.0.year().to_string(),
    }
}

/// A number given to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assigned {
    pub number: u32,
    /// The number this identity held before, when a `so` in the data changed it.
    pub previous: Option<u32>,
}

/// A given `so` that is already issued to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub number: u32,
    /// The identity holding the number, as the register shows it.
    pub holder: String,
}

/// Gives numbers to documents: the same identity always gets the same number, a new one
/// the next in its sequence; a number given in the data wins unless another identity
/// holds it.
pub trait Numbering {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash>;
}

/// A document's line in the register of outgoing documents (NĐ 30 Phụ lục IV).
#[derive(Debug, Clone)]
pub struct Issued {
    pub key: DocKey,
    pub number: u32,
    /// Số, ký hiệu văn bản as the register lists it: `01/QĐ-UBND`.
    pub symbol: String,
    pub date: Date,
    /// Tên loại và trích yếu nội dung.
    pub summary: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận văn bản.
    pub recipients: Vec<String>,
    /// The document this one belongs to (a certificate's decision), so the parent's
    /// number is registered with the child even before the parent has a job of its own.
    pub of: Option<Arc<Issued>>,
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
    collectives.sort_by_cached_key(|r| collate::key(&r.name));
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
    people.sort_by_cached_key(|p| collate::name_key(&p.name));
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
    only: &[String],
) -> Plan {
    let wanted = |kind: &str| only.is_empty() || only.iter().any(|k| k == kind);
    let bodies: HashMap<&str, &Body> = ds
        .bodies
        .iter()
        .map(|b| (b.record.ma.as_str(), &b.record))
        .collect();
    let mut plan = Plan::default();
    let mut rounds: Vec<_> = ds.rounds.iter().collect();
    rounds.sort_by_key(|r| r.record.year);
    // Every document citing another asks for the same key; the memo numbers it once.
    let numbering = &mut common::Memo::new(numbering);
    for loaded in rounds {
        let round = &loaded.record;
        let Some(verdicts) = verdicts.iter().find(|v| v.year == round.year) else {
            continue;
        };
        let at = |field: String| Given {
            ds,
            origin: &loaded.origin,
            field,
        };
        let place = common::round_place(round, &bodies).unwrap_or("");
        // A unit's own letters take no number: what is not wanted need not be planned.
        // Everything else is, so its numbers are the ones a full build gives.
        let letters = wanted(kind_of(registration::TEMPLATE));
        let reports = wanted(kind_of(report::TEMPLATE));
        for c in ds.collectives.iter().map(|c| &c.record) {
            plan.jobs.extend(
                letters
                    .then(|| registration::collective(c, round, place))
                    .flatten(),
            );
            plan.jobs.extend(
                reports
                    .then(|| report::collective(c, round, place))
                    .flatten(),
            );
        }
        for p in ds.persons.iter().map(|p| &p.record) {
            plan.jobs.extend(
                letters
                    .then(|| registration::person(p, round, place))
                    .flatten(),
            );
            plan.jobs
                .extend(reports.then(|| report::person(p, round, place)).flatten());
        }
        let sites = decisions::Sites {
            submission: at("to_trinh.so".into()),
            recognition: at("cong_nhan.so".into()),
        };
        let mut diags = Vec::new();
        plan.jobs.extend(decisions::submission(
            ds, verdicts, round, &bodies, numbering, &sites, &mut diags,
        ));
        plan.jobs.extend(decisions::recognition(
            ds, verdicts, round, &bodies, numbering, &sites, &mut diags,
        ));
        for (i, reward) in round.rewards.iter().flatten().enumerate() {
            let Some(body) = bodies.get(reward.body.as_str()) else {
                continue;
            };
            let at = at(format!("khen_thuong[{i}].so"));
            let list = recipients(ds, verdicts, &body.ma);
            // The certificates number the decision first and report its diagnostics once.
            plan_certificates(
                &list, round, reward, body, numbering, &at, emblems, &mut plan,
            );
            plan.jobs.extend(decisions::reward(
                round, reward, body, &list, &bodies, numbering, &at, &sites,
            ));
        }
        plan.jobs.extend(summary::summary(
            ds,
            verdicts,
            round,
            &bodies,
            numbering,
            &at("tong_hop.so".into()),
            &sites,
            &mut diags,
        ));
        plan.diagnostics.extend(diags);
    }
    plan.jobs.retain(|j| wanted(j.kind()));
    plan
}

/// Where a document's `so` is written, to point diagnostics about it.
pub(crate) struct Given<'a> {
    ds: &'a Dataset,
    origin: &'a Origin,
    field: String,
}

/// Asks `numbering` for a number, turning a clash (or a changed number) into a diagnostic
/// at the `so` the user wrote. `None` means the document cannot be numbered.
fn number(
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
                        describe(key),
                        format::number(prev),
                        format::number(a.number)
                    ))
                    .at(loc())
                    .field(at.field.clone())
                    .hint(format!(
                        "nếu văn bản đã phát hành với số {}, xóa dòng `so` để giữ số cũ",
                        format::number(prev)
                    )),
                );
            }
            Some(a.number)
        }
        Err(c) => {
            diags.push(
                Diagnostic::error(format!(
                    "số {} đã cấp cho {} — không thể cấp trùng cho {}",
                    format::number(c.number),
                    c.holder,
                    describe(key)
                ))
                .at(loc())
                .field(at.field.clone())
                .hint("chọn số khác chưa dùng (xem `vanban so`), hoặc xóa dòng `so` để vanban tự cấp số tiếp theo"),
            );
            None
        }
    }
}

/// An identity as the user reads it: `QĐ khen-thuong-2025 của ubnd-xa (năm 2025)`.
pub fn describe(key: &DocKey) -> String {
    describe_parts(&key.body, key.kind, &key.scope, &key.subject)
}

/// [`describe`] from the register's columns.
pub fn describe_parts(body: &str, kind: &str, scope: &str, subject: &str) -> String {
    format!("{kind} {subject} của {body} ({})", scope_label(scope))
}

/// A scope as printed: `năm 2025`, `nhiệm kỳ từ 15/10/2020`.
pub fn scope_label(scope: &str) -> String {
    match scope
        .strip_prefix("NK")
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(d) => format!("nhiệm kỳ từ {}", d.format("%d/%m/%Y")),
        None => format!("năm {scope}"),
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_certificates(
    list: &[Recipient],
    round: &Round,
    reward: &RewardIssue,
    body: &Body,
    numbering: &mut dyn Numbering,
    at: &Given,
    emblems: &HashMap<String, String>,
    plan: &mut Plan,
) {
    if list.is_empty() {
        return;
    }
    let key = common::doc_key(body, "QĐ", reward.date, round.year, common::REWARD);
    let Some(n) = number(numbering, &key, reward.so, at, &mut plan.diagnostics) else {
        return;
    };
    let symbol = format::symbol(body.regime, n, "QĐ", &body.abbreviation);
    let signer = reward.signer.as_ref().unwrap_or(&body.signer);
    let form_label = match reward.form {
        RewardForm::GiayKhen => "Giấy khen",
        RewardForm::BangKhen => "Bằng khen",
    };
    let decision = Arc::new(Issued {
        key: key.clone(),
        number: n,
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
    });
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
    let options = Arc::new((options.blank, offset));
    let values = |views: Arc<[CertificateView]>, range: std::ops::Range<usize>| {
        let options = Arc::clone(&options);
        Values::new(move || {
            let (blank, offset) = &*options;
            let mut c = tera::Context::new();
            c.insert("certs", &views[range.clone()]);
            c.insert("blank", blank);
            c.insert("offset_x_mm", &format!("{:.2}", offset.x));
            c.insert("offset_y_mm", &format!("{:.2}", offset.y));
            c
        })
    };
    let views: Arc<[CertificateView]> = views.into();
    let pages: Vec<PageFile> = list
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let golden_book = i as u32 + 1;
            PageFile {
                path: dir.join(format!("{}.pdf", r.ma)),
                values: values(Arc::clone(&views), i..i + 1),
                issued: Issued {
                    key: DocKey {
                        kind: GOLDEN_BOOK,
                        subject: format!("{}/{}", key.subject, r.ma),
                        ..key.clone()
                    },
                    number: golden_book,
                    symbol: format!("Sổ vàng số {}, QĐ số {symbol}", format::number(golden_book)),
                    date: reward.date,
                    summary: format!("{form_label} tặng {}", r.addressed),
                    signer: decision.signer.clone(),
                    recipients: vec![r.name.clone()],
                    of: Some(Arc::clone(&decision)),
                },
            }
        })
        .collect();
    // Laid out and written a chunk at a time, then cut into one file per certificate.
    let mut pages = pages.into_iter();
    let mut start = 0;
    loop {
        let chunk: Vec<PageFile> = pages.by_ref().take(crate::bundle::CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let end = start + chunk.len();
        plan.jobs.push(Job {
            template: "giay-khen.typ.tera",
            path: dir.join("in-tat-ca.pdf"),
            values: values(Arc::clone(&views), start..end),
            date: reward.date,
            issued: None,
            pages: chunk,
        });
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--chi` offers exactly the kinds planned: each names a built-in template, and the
    /// example dataset plans every one of them.
    #[test]
    fn every_kind_has_its_template_and_is_planned() {
        let templates = crate::render::Templates::load(None).expect("built-in templates load");
        for kind in KINDS {
            let _ = templates.template_ref(&format!("{kind}.typ.tera"));
        }
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let (ds, verdicts, _) = crate::pipeline::appraise(&data, &[]).unwrap();
        let mut numbers = Fresh::default();
        let planned = plan(&ds, &verdicts, &mut numbers, &HashMap::new(), &[]);
        let mut kinds: Vec<&str> = planned.jobs.iter().map(Job::kind).collect();
        kinds.sort();
        kinds.dedup();
        let mut all = KINDS.to_vec();
        all.sort();
        assert_eq!(kinds, all);
        let only = plan(
            &ds,
            &verdicts,
            &mut numbers,
            &HashMap::new(),
            &["giay-khen".into()],
        );
        assert!(!only.jobs.is_empty());
        assert!(only.jobs.iter().all(|j| j.kind() == "giay-khen"));
    }

    /// Numbers from 1 in every sequence, as a new register gives them.
    #[derive(Default)]
    struct Fresh(HashMap<(String, &'static str, String), u32>);

    impl Numbering for Fresh {
        fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash> {
            let next = self
                .0
                .entry((key.body.clone(), key.kind, key.scope.clone()))
                .or_default();
            *next += 1;
            Ok(Assigned {
                number: given.unwrap_or(*next),
                previous: None,
            })
        }
    }
}
