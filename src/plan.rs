//! Plan: valid records → the documents to produce, each with its template, context,
//! output path, date and number.
//!
//! Planning decides every number before anything is compiled, so a document and the
//! documents that cite it (a certificate prints its decision's number) always agree.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::doc_kind::DocKind;
use crate::load::Dataset;
use crate::model::Date;
use crate::numbering::{Issued, Numbering};
use crate::validate::criteria::Verdicts;

mod common;
mod counts;
mod decisions;
mod eligible;
mod registration;
mod report;
mod rewards;
mod round;
mod summary;

pub use common::{Bodies, SignerView};
pub use rewards::{CertificateView, Recipient, recipients};
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
    /// Numbers that could not be given (a `so` clashing with one already issued).
    pub diagnostics: Vec<Diagnostic>,
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
        plan.jobs.extend(decisions::submission(&rp).map(with_list));
        plan.jobs.extend(decisions::recognition(&rp).map(with_list));
        for rw in &rp.rewards {
            plan.jobs.extend(rewards::certificates(&rp, rw, emblems));
            plan.jobs.push(rewards::decision(&rp, rw));
        }
        plan.jobs.extend(summary::summary(&rp).map(with_list));
        plan.diagnostics.extend(rp.diagnostics);
    }
    plan.jobs.retain(|j| wanted(j.kind));
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
