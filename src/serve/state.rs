//! What the page shows, computed once per change of the dataset: the files, the
//! diagnostics, the verdicts and the planned documents, with what it takes to lay each
//! out again for a preview.

use std::path::{Path, PathBuf};

use crate::diagnostics::Report;
use crate::doc_kind::DocKind;
use crate::fonts::{self, FontPolicy, FontSet};
use crate::numbering::Fresh;
use crate::paths::DatasetPaths;
use crate::plan::{self, Job};
use crate::render::Templates;
use crate::validate::criteria::Verdicts;
use crate::world::Engine;
use crate::{emblems, pipeline};

/// One document the round would produce, as the page lists it.
pub(crate) struct Doc {
    /// Its path under the output folder, as a build writes it: also its key on the page.
    pub(crate) path: PathBuf,
    /// Its kind.
    pub(crate) kind: DocKind,
    /// The job that lays it out: a certificate is one page of its chunk, made alone.
    pub(crate) job: Job,
}

impl Doc {
    /// The key of the page's links: the output path with `/` on every system.
    pub(crate) fn key(&self) -> String {
        self.path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The record this document is for, when it is one record's: its file is `<ma>.pdf`.
    pub(crate) fn ma(&self) -> Option<String> {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
    }
}

/// Everything the page shows of one state of the dataset.
pub(crate) struct Snapshot {
    /// The dataset's files, relative to its folder.
    pub(crate) files: Vec<PathBuf>,
    /// Counts: bodies, rounds, collectives, persons (valid records).
    pub(crate) counts: [usize; 4],
    /// Every diagnostic of checking and planning.
    pub(crate) report: Report,
    /// The verdicts, one per round.
    pub(crate) verdicts: Vec<Verdicts>,
    /// The documents of the round, in plan order.
    pub(crate) docs: Vec<Doc>,
    /// Per round: its year, whether certificates print on blanks (`phoi`) and their
    /// `lech_mm`, for the calibration page.
    pub(crate) blanks: Vec<Blanks>,
    /// What lays them out; `None` when the templates do not load (their diagnostics are
    /// in the report).
    pub(crate) maker: Option<Maker>,
}

/// How a round prints its certificates: its year, whether on pre-printed blanks
/// (`phoi`), and the printer shift `lech_mm` (x, y) if set.
pub(crate) type Blanks = (i32, bool, Option<(f64, f64)>);

/// The templates and typst engine of a snapshot, for previews.
pub(crate) struct Maker {
    pub(crate) templates: Templates,
    pub(crate) engine: Engine,
}

impl Maker {
    /// The job laid out as a build lays it out; `Err` says why it could not be.
    pub(crate) fn pages(&self, job: &Job) -> Result<Vec<typst_layout::Page>, String> {
        let source = self.source(job)?;
        let tpl = self.templates.template_ref(job.template());
        let doc = crate::compile::layout(&self.engine, source, job.date, tpl).map_err(|diags| {
            diags
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        Ok(doc.pages().to_vec())
    }

    /// The job's Typst source, exactly as a build renders it.
    pub(crate) fn source(&self, job: &Job) -> Result<String, String> {
        self.templates
            .document(job, self.engine.fonts.family())
            .map_err(|d| d.message)
    }
}

/// Checks, assesses and plans the dataset as a build would, without writing anything.
pub(crate) fn snapshot(dataset: &Path, out: &Path, policy: FontPolicy) -> anyhow::Result<Snapshot> {
    let paths = DatasetPaths::new(dataset);
    let fonts = FontSet::load(&fonts::options_for(&paths.fonts, policy));
    let (ds, verdicts, mut report) =
        pipeline::appraise_with(dataset, std::slice::from_ref(&out.to_path_buf()), &fonts)?;
    let files = ds.files.iter().map(|f| f.display.clone()).collect();
    let counts = [
        ds.bodies.len(),
        ds.rounds.len(),
        ds.collectives.len(),
        ds.persons.len(),
    ];
    let blanks = ds
        .rounds
        .iter()
        .map(|r| {
            let c = r.record.certificate.as_ref();
            (
                r.record.year,
                c.is_some_and(|c| c.blank),
                c.and_then(|c| c.offset_mm).map(|o| (o.x, o.y)),
            )
        })
        .collect();
    let mut docs = Vec::new();
    let mut maker = None;
    match Templates::load(Some(&paths.templates)) {
        Err(diags) => report.extend(diags),
        Ok(templates) => {
            let (assets, emblems) = emblems::load(&ds)?;
            let engine = Engine::new(fonts, &templates.lib, assets);
            // Numbers as a new register would give them: a preview must not take the
            // register's lock (a build would wait on it) nor create its file.
            let planned = plan::plan(&ds, &verdicts, &mut Fresh::default(), &emblems, &[]);
            report.extend(planned.diagnostics);
            for job in planned.jobs {
                if job.pages.is_empty() {
                    docs.push(Doc {
                        path: job.path.clone(),
                        kind: job.kind,
                        job,
                    });
                } else {
                    // A chunk's certificates are listed one by one; its print file is not.
                    for i in 0..job.pages.len() {
                        let page = job.page(i);
                        docs.push(Doc {
                            path: page.path.clone(),
                            kind: page.kind,
                            job: page,
                        });
                    }
                }
            }
            maker = Some(Maker { templates, engine });
        }
    }
    Ok(Snapshot {
        files,
        counts,
        report,
        verdicts,
        docs,
        blanks,
        maker,
    })
}
