//! The stages in order: load → validate → plan → render → compile → write.
//!
//! This is the only place that knows the order. Data problems become diagnostics and drop
//! only the record or document concerned; environment failures (disk, permissions) stop
//! the run as `Err`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::diagnostics::{Diagnostic, Report};
use crate::fonts::{self, FontSet};
use crate::load::{self, Dataset};
use crate::plan::{self, Job};
use crate::register::{self, Register, Written};
use crate::render::Templates;
use crate::validate::criteria::{self, Totals, Verdicts};
use crate::world::Engine;
use crate::{bundle, compile, validate, write};

/// Options of a build, resolved once from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub dataset: PathBuf,
    pub out: PathBuf,
    pub threads: usize,
    pub system_fonts: bool,
    /// How long to wait for another build holding the dataset's register.
    pub register_wait: Duration,
}

impl BuildOptions {
    /// Defaults for a dataset: output to `out`, one thread per core, system fonts allowed.
    pub fn new(dataset: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        BuildOptions {
            dataset: dataset.into(),
            out: out.into(),
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            system_fonts: true,
            register_wait: register::DEFAULT_WAIT,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub report: Report,
    /// Files written, relative to the output folder, in plan order.
    pub written: Vec<PathBuf>,
    /// Documents that could not be produced.
    pub failed: usize,
    pub elapsed: Duration,
    /// Verdicts of the criteria, summed over the rounds.
    pub totals: Totals,
}

/// Loads and validates the dataset against the contract: the first half of [`appraise`].
pub fn check(dataset: &Path, skip: &[PathBuf]) -> anyhow::Result<(Dataset, Report)> {
    if !dataset.is_dir() {
        anyhow::bail!(
            "không thấy thư mục dữ liệu `{}` — kiểm tra lại đường dẫn, hoặc tạo bộ dữ liệu mẫu bằng `vanban init`",
            dataset.display()
        );
    }
    let (mut ds, diags) = load::load(dataset, skip)?;
    let mut report = Report::default();
    report.extend(diags);
    report.extend(validate::validate(&mut ds));
    if ds.rounds.is_empty() && !report.has_errors() {
        report.push(
            Diagnostic::error("bộ dữ liệu chưa có bản ghi `loai: dot` (đợt thi đua)")
                .hint("thêm một tệp có `loai: dot`, `phong_trao`, `nam` và `cong_nhan`; `vanban init` tạo sẵn một bộ mẫu"),
        );
    }
    Ok((ds, report))
}

/// Loads, validates and assesses the dataset against the criteria of the guidance: what
/// `vanban check` prints, and what a build lists from.
pub fn appraise(
    dataset: &Path,
    skip: &[PathBuf],
) -> anyhow::Result<(Dataset, Vec<Verdicts>, Report)> {
    let (ds, mut report) = check(dataset, skip)?;
    let (verdicts, diags) = criteria::assess(&ds);
    report.extend(diags);
    Ok((ds, verdicts, report))
}

/// Builds every document of the dataset into the output folder.
pub fn build(opts: &BuildOptions) -> anyhow::Result<Outcome> {
    build_with(opts, &Silent)
}

/// Told of a build's progress, for a progress bar; called from the worker threads.
pub trait Progress: Sync {
    /// The number of documents about to be produced.
    fn start(&self, _total: usize) {}
    /// One document is done (written or failed).
    fn advance(&self) {}
    /// All documents are done.
    fn finish(&self) {}
}

/// No progress display.
pub struct Silent;

impl Progress for Silent {}

/// [`build`], reporting progress to `progress`.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let (ds, verdicts, mut report) = appraise(&opts.dataset, std::slice::from_ref(&opts.out))?;
    let totals = Totals::sum(&verdicts);
    let templates = match Templates::load(Some(&opts.dataset)) {
        Ok(t) => t,
        Err(diags) => {
            report.extend(diags);
            return Ok(Outcome {
                report,
                totals,
                elapsed: start.elapsed(),
                ..Outcome::default()
            });
        }
    };
    let fonts = FontSet::load(&fonts::options_for(&opts.dataset, opts.system_fonts));
    let (assets, emblems) = emblems(&ds)?;
    let engine = Engine::new(fonts, &templates.lib, assets);
    // The register stays locked from the first proposed number to the commit, so a second
    // build on this dataset waits here rather than proposing the same numbers.
    let mut register = Register::open(&opts.dataset, opts.register_wait)?;
    let plan = plan::plan(&ds, &verdicts, &mut register, &emblems);
    report.extend(plan.diagnostics);

    progress.start(plan.jobs.len());
    let results = run(&plan.jobs, opts.threads.max(1), |job| {
        let r = produce(job, &templates, &engine, &opts.out);
        progress.advance();
        r
    });
    progress.finish();
    let mut outcome = Outcome {
        report,
        totals,
        ..Outcome::default()
    };
    let mut issued = Vec::new();
    for (job, result) in plan.jobs.iter().zip(results) {
        match result? {
            Ok(sha256) => {
                outcome.written.push(job.path.clone());
                if let Some(i) = &job.issued {
                    issued.push(Written {
                        issued: i,
                        path: &job.path,
                        sha256,
                    });
                }
            }
            Err(diags) => {
                outcome.failed += 1;
                for d in diags {
                    let d = if d.field.is_none() {
                        d.field(job.path.display().to_string())
                    } else {
                        d
                    };
                    outcome.report.push(d);
                }
            }
        }
    }
    register.commit(&issued)?;
    write_registers(&register, &ds, &opts.out)?;
    outcome.elapsed = start.elapsed();
    Ok(outcome)
}

/// Writes `out/<nam>/so-van-ban.csv` for every round of the dataset, from the register
/// just committed.
fn write_registers(register: &Register, ds: &Dataset, out: &Path) -> anyhow::Result<()> {
    for round in &ds.rounds {
        let year = round.record.year;
        let rows = register.rows(&register::Filter {
            year: Some(year),
            body: None,
        })?;
        let path = out.join(year.to_string()).join("so-van-ban.csv");
        write::atomic(&path, &write::csv(&register::csv_rows(&rows)))?;
    }
    Ok(())
}

/// The emblem files for the world, and each body's emblem path inside it.
type Emblems = (Vec<(String, Vec<u8>)>, HashMap<String, String>);

/// Reads each body's emblem into the world under `/assets/<ma>/…`.
fn emblems(ds: &Dataset) -> anyhow::Result<Emblems> {
    let mut assets = Vec::new();
    let mut paths = HashMap::new();
    for b in &ds.bodies {
        if let Some(rel) = &b.record.emblem {
            let path = ds.root.join(rel);
            let bytes = std::fs::read(&path)
                .with_context(|| format!("không đọc được biểu trưng {}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let vpath = format!("/assets/{}/{}", b.record.ma, name);
            assets.push((vpath.clone(), bytes));
            paths.insert(b.record.ma.clone(), vpath);
        }
    }
    Ok((assets, paths))
}

/// The SHA-256 of the written PDF, or why the document could not be made.
type JobResult = anyhow::Result<Result<String, Vec<Diagnostic>>>;

/// Render, compile and write one document.
fn produce(job: &Job, templates: &Templates, engine: &Engine, out: &Path) -> JobResult {
    let pdf = if job.chunks.is_empty() {
        match compile_one(job, &job.context, true, templates, engine) {
            Ok(pdf) => pdf,
            Err(diags) => return Ok(Err(diags)),
        }
    } else {
        // A print bundle: chunk by chunk, so memory stays that of one chunk.
        let mut parts = Vec::with_capacity(job.chunks.len());
        for context in &job.chunks {
            match compile_one(job, context, false, templates, engine) {
                Ok(pdf) => parts.push(pdf),
                Err(diags) => return Ok(Err(diags)),
            }
        }
        match bundle::merge(&parts) {
            Ok(pdf) => pdf,
            Err(e) => return Ok(Err(vec![Diagnostic::error(format!("{e:#}"))])),
        }
    };
    write::atomic(&out.join(&job.path), &pdf)?;
    Ok(Ok(register::sha256(&pdf)))
}

/// Renders, lays out and writes one typst document to PDF bytes.
fn compile_one(
    job: &Job,
    context: &tera::Context,
    tagged: bool,
    templates: &Templates,
    engine: &Engine,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut context = context.clone();
    context.insert("font", engine.fonts.family());
    let source = templates
        .render(job.template, &context)
        .map_err(|d| vec![d])?;
    let tpl = templates.template_ref(job.template);
    let doc = compile::layout(engine, source, job.date, tpl)?;
    let pdf = compile::pdf_with(&doc, &job.ident(), job.date, tagged)?;
    drop(doc);
    // Keep typst's memo cache bounded: a year-end run compiles thousands of documents.
    typst::comemo::evict(10);
    Ok(pdf)
}

/// Runs `f` over `jobs` on `threads` OS threads with large stacks (typst recurses
/// deeply), returning results in job order whatever the thread count.
///
/// Files that are not documents of their own (the print-all bundles, hundreds of pages)
/// run last: while one is laid out, typst's memo cache is large, and every other
/// thread's eviction after a small document would walk it.
fn run<T: Send>(jobs: &[Job], threads: usize, f: impl Fn(&Job) -> T + Sync) -> Vec<T> {
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| jobs[i].issued.is_none());
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(jobs.len()).max(1))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(&i) = order.get(k) else { break };
                            let job = &jobs[i];
                            mine.push((i, f(job)));
                        }
                        mine
                    })
                    .expect("the OS can start a worker thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
