//! Plan: valid records → the documents to produce, each with its template, context,
//! output path, date and number.
//!
//! Planning decides every number before anything is compiled, so a document and the
//! documents that cite it (a certificate prints its decision's number) always agree.
//!
//! The rooms of `plan/` form a DAG; each imports only rooms listed before it (and this
//! file's output types `Job`, `Values`, `PageFile`):
//! `eligible` → `recipients` → `common` → `counts` → `round` (numbers the round once) →
//! `decisions` → `rewards` (reward decision and certificates) and `summary`;
//! `registration` → `report` (a unit's own letters) stand beside them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::doc_kind::DocKind;
use crate::load::Dataset;
use crate::model::Date;
use crate::numbering::{self, Issued, Kept, Numbering};
use crate::validate::criteria::Verdicts;

mod common;
mod counts;
mod decisions;
mod eligible;
mod recipients;
mod registration;
mod report;
mod rewards;
mod round;
mod summary;

pub use common::{Bodies, SignerView};
pub use recipients::{Recipient, recipients};
pub use rewards::{CHUNK, CertificateView};
use round::RoundPlan;

/// One document to produce.
#[derive(Debug, Clone)]
pub struct Job {
    /// What the document is: its template and place follow from it.
    pub kind: DocKind,
    /// Relative to the output folder: `2025/giay-khen/ubnd-phuoc-lai/ma.pdf`.
    pub path: PathBuf,
    /// The values its template is rendered with.
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
    /// Relative to the output folder, as `Job::path`.
    pub path: PathBuf,
    /// The certificate's line in the register: its Số sổ vàng.
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
    /// Values made when the worker asks for them.
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

    /// The tera context, made now.
    pub fn context(&self) -> tera::Context {
        (self.0)()
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Values(…)")
    }
}

impl Job {
    /// The template the document is rendered from.
    pub fn template(&self) -> &'static str {
        self.kind.template()
    }

    /// Whether the document may run to hundreds of pages (see [`DocKind::is_long`]).
    pub fn is_long(&self) -> bool {
        self.kind.is_long()
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
            kind: self.kind,
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
    /// The documents, in the order they are laid out.
    pub jobs: Vec<Job>,
    /// Numbers that could not be given (a `so` clashing with one already issued), and
    /// what the data would change in issued documents.
    pub diagnostics: Vec<Diagnostic>,
    /// The documents recorded as issued, by output path: made, never written over.
    pub kept: HashMap<PathBuf, Kept>,
    /// The numbered documents a full build makes that `--chi` left out: their numbers are
    /// recorded all the same, so a later full build numbers everything as this one would.
    pub reserved: Vec<Issued>,
    /// Every file a full build of the data makes (print files included), relative to the
    /// output folder: what is not among them under a round's folder is stale.
    pub planned: HashSet<PathBuf>,
}

impl Plan {
    /// Whether a job is a numbered document or one of a decision's certificates: what a
    /// failed record holds back.
    pub fn is_numbered(job: &Job) -> bool {
        job.issued.is_some() || !job.pages.is_empty()
    }
}

/// Plans every document of the dataset; lists hold only the records `verdicts` (one per
/// round) finds eligible. Every numbered document is numbered once, before any is built.
pub fn plan(
    ds: &Dataset,
    verdicts: &[Verdicts],
    numbering: &mut dyn Numbering,
    emblems: &HashMap<String, String>,
    only: &[DocKind],
) -> Plan {
    let wanted = |kind: DocKind| only.is_empty() || only.contains(&kind);
    let bodies: Bodies = ds
        .bodies
        .iter()
        .map(|b| (b.record.ma.as_str(), &b.record))
        .collect();
    let mut plan = Plan::default();
    let mut rounds: Vec<_> = ds.rounds.iter().collect();
    rounds.sort_by_key(|r| r.record.year);
    for loaded in rounds {
        let Some(verdicts) = verdicts.iter().find(|v| v.year == loaded.record.year) else {
            continue;
        };
        // Everything numbered is planned whatever `only` says, so its numbers are the
        // ones a full build gives; a unit's own letters take none and need not be.
        let rp = RoundPlan::new(ds, verdicts, loaded, &bodies, numbering);
        plan.jobs.extend(own_letters(
            &rp,
            wanted(DocKind::DangKy),
            wanted(DocKind::BaoCao),
        ));
        // What the round's list documents list, kept by the register to compare an
        // issued one with the data.
        let listed = common::recognised_entries(ds, verdicts);
        let with_list = |mut job: Job| {
            if let Some(i) = job.issued.as_mut() {
                i.listing = Arc::clone(&listed);
            }
            job
        };
        let lists: Vec<Job> = [decisions::submission(&rp), decisions::recognition(&rp)]
            .into_iter()
            .flatten()
            .map(with_list)
            .collect();
        // An issued list document is kept as issued: say what the data would change in it.
        for job in &lists {
            let Some(i) = &job.issued else { continue };
            let Some(doc) = numbering.issued(&i.key) else {
                continue;
            };
            let changes = numbering::changes(&doc.listing, &i.listing);
            if !changes.is_empty() {
                plan.diagnostics.push(
                    Diagnostic::warning(format!(
                        "văn bản {} đã ban hành nên vanban không ghi lại; dữ liệu nay khác bản đã ban hành: {}",
                        doc.symbol,
                        changes.join("; ")
                    ))
                    .code(crate::codes::Code::Register)
                    .at(ds.locate(&loaded.origin, ""))
                    .document(&job.path)
                    .hint(format!(
                        "văn bản đã ký thì giữ nguyên, việc bổ sung làm bằng văn bản mới; nếu chưa ký, chạy `vanban ban-hanh --huy {}` rồi dựng lại",
                        doc.symbol
                    )),
                );
            }
        }
        plan.jobs.extend(lists);
        for rw in &rp.rewards {
            plan.jobs.extend(rewards::certificates(&rp, rw, emblems));
            plan.jobs.push(rewards::decision(&rp, rw));
        }
        plan.jobs.extend(summary::summary(&rp).map(with_list));
        plan.diagnostics.extend(rp.diagnostics);
    }
    for job in &plan.jobs {
        plan.planned.insert(job.path.clone());
        if let Some(k) = job.issued.as_ref().and_then(|i| numbering.kept(&i.key)) {
            plan.kept.insert(job.path.clone(), k);
        }
        for page in &job.pages {
            plan.planned.insert(page.path.clone());
            if let Some(k) = numbering.kept(&page.issued.key) {
                plan.kept.insert(page.path.clone(), k);
            }
        }
    }
    let (jobs, left): (Vec<Job>, Vec<Job>) = std::mem::take(&mut plan.jobs)
        .into_iter()
        .partition(|j| wanted(j.kind));
    plan.jobs = jobs;
    for job in left {
        // A list `--chi` does not print again while the data changed it: the certificates
        // printed now would not match it.
        if let Some(i) = job.issued.as_ref().filter(|i| !i.listing.is_empty())
            && numbering.kept(&i.key).is_none()
            && let Some(doc) = numbering.recorded(&i.key)
            && !doc.listing.is_empty()
        {
            let changes = numbering::changes(&doc.listing, &i.listing);
            if !changes.is_empty() {
                plan.diagnostics.push(
                    Diagnostic::warning(format!(
                        "văn bản {} không được in lại trong lần chạy này (`--chi`) nhưng dữ liệu đã đổi danh sách của nó: {}",
                        doc.symbol,
                        changes.join("; ")
                    ))
                    .code(crate::codes::Code::Register)
                    .document(&job.path)
                    .hint(format!(
                        "chạy `vanban build` đủ bộ (hoặc thêm `--chi {}`) để văn bản này khớp với giấy khen vừa in",
                        job.kind.name()
                    )),
                );
            }
        }
        plan.reserved.extend(job.issued);
        plan.reserved
            .extend(job.pages.into_iter().map(|p| p.issued));
    }
    plan
}

/// The letters units and people write themselves (registrations, reports), in record
/// order; they take no number.
fn own_letters(rp: &RoundPlan, registrations: bool, reports: bool) -> Vec<Job> {
    let (round, place) = (rp.round, rp.place);
    let mut jobs = Vec::new();
    for c in rp.ds.collectives.iter().map(|c| &c.record) {
        jobs.extend(
            registrations
                .then(|| registration::collective(c, round, place))
                .flatten(),
        );
        jobs.extend(
            reports
                .then(|| report::collective(c, round, place))
                .flatten(),
        );
    }
    for p in rp.ds.persons.iter().map(|p| &p.record) {
        jobs.extend(
            registrations
                .then(|| registration::person(p, round, place))
                .flatten(),
        );
        jobs.extend(reports.then(|| report::person(p, round, place)).flatten());
    }
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbering::Fresh;

    /// Every kind is planned from the example dataset, and `--chi` keeps only its kinds.
    #[test]
    fn every_kind_is_planned() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let (ds, verdicts, _) = crate::pipeline::appraise(&data, &[]).unwrap();
        let mut numbers = Fresh::default();
        let planned = plan(&ds, &verdicts, &mut numbers, &HashMap::new(), &[]);
        let mut kinds: Vec<DocKind> = planned.jobs.iter().map(|j| j.kind).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds, DocKind::ALL);
        let only = plan(
            &ds,
            &verdicts,
            &mut numbers,
            &HashMap::new(),
            &[DocKind::GiayKhen],
        );
        assert!(!only.jobs.is_empty());
        assert!(only.jobs.iter().all(|j| j.kind == DocKind::GiayKhen));
    }

    /// Each numbered document is asked for its number once per build: a clash is reported
    /// once, and no answer is thrown away.
    #[test]
    fn each_document_is_numbered_once() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let (ds, verdicts, _) = crate::pipeline::appraise(&data, &[]).unwrap();
        let mut numbers = Fresh::default();
        plan(&ds, &verdicts, &mut numbers, &HashMap::new(), &[]);
        assert!(
            numbers.asked.len() >= 4,
            "tờ trình, decisions and summary are numbered"
        );
        let mut seen = std::collections::HashSet::new();
        for key in &numbers.asked {
            assert!(seen.insert(key.clone()), "{key:?} asked twice");
        }
    }
}
