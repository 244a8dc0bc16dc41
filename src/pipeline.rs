//! The stages in order: load → validate → plan → render → compile → write.
//!
//! This is the only place that knows the order. Data problems become diagnostics and drop
//! only the record or document concerned; environment failures (disk, permissions) stop
//! the run as `Err`.

use std::collections::{HashMap, VecDeque};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
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
    /// Only documents of these kinds; empty for all.
    pub only: Vec<crate::doc_kind::DocKind>,
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
            only: Vec::new(),
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
    /// `n` more documents are done (written or failed).
    fn advance(&self, _n: usize) {}
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
    let plan = plan::plan(&ds, &verdicts, &mut register, &emblems, &opts.only);
    report.extend(plan.diagnostics);
    // The jobs own what they print: the records and verdicts can go before the
    // documents are laid out, which is when memory peaks.
    let years: Vec<i32> = ds.rounds.iter().map(|r| r.record.year).collect();
    drop((ds, verdicts));

    let files: usize = plan.jobs.iter().map(|j| j.pages.len().max(1)).sum();
    progress.start(files);
    let spool = Spool::default();
    let maker = Maker {
        templates: &templates,
        engine: &engine,
        spool: &spool,
        out: &opts.out,
    };
    let results = run(&plan.jobs, opts.threads.max(1), Job::is_long, |job| {
        let r = maker.produce(job);
        progress.advance(job.pages.len().max(1));
        r
    });
    let mut outcome = Outcome {
        report,
        totals,
        ..Outcome::default()
    };
    let mut issued = Vec::new();
    let mut bundles: Vec<Bundle> = Vec::new();
    for (job, made) in plan.jobs.iter().zip(results) {
        match made? {
            Made::File(Ok(sha256)) => {
                outcome.written.push(job.path.clone());
                if let Some(i) = &job.issued {
                    issued.push(Written {
                        issued: i,
                        path: &job.path,
                        sha256,
                    });
                }
            }
            Made::File(Err(diags)) => outcome.fail(&job.path, diags, 1),
            Made::Pages(pages) => {
                for (page, made) in job.pages.iter().zip(pages.files) {
                    match made {
                        Ok(sha256) => {
                            outcome.written.push(page.path.clone());
                            issued.push(Written {
                                issued: &page.issued,
                                path: &page.path,
                                sha256,
                            });
                        }
                        Err(diags) => outcome.fail(&page.path, diags, 1),
                    }
                }
                match bundles.iter_mut().find(|b| b.path == job.path) {
                    Some(b) => b.parts.extend(pages.parts),
                    None => bundles.push(Bundle {
                        path: job.path.clone(),
                        parts: pages.parts,
                    }),
                }
            }
        }
    }
    // The print files, from the chunks just made: joined, not laid out again.
    let joined = run(
        &bundles,
        opts.threads.max(1),
        |_| false,
        |b| join(b, &spool, &opts.out),
    );
    for (b, made) in bundles.iter().zip(joined) {
        if made? {
            outcome.written.push(b.path.clone());
        }
    }
    progress.finish();
    // What typst memoised for the documents is of no more use; the register comes next.
    typst::comemo::evict(0);
    register.commit(&issued)?;
    write_registers(&register, &years, &opts.out)?;
    outcome.elapsed = start.elapsed();
    Ok(outcome)
}

/// Writes `out/<nam>/so-van-ban.csv` for every round of the dataset, from the register
/// just committed.
fn write_registers(register: &Register, years: &[i32], out: &Path) -> anyhow::Result<()> {
    for &year in years {
        let rows = register.rows(&register::Filter {
            year: Some(year),
            body: None,
        })?;
        let path = out.join(year.to_string()).join("so-van-ban.csv");
        let mut file = write::Atomic::create(&path)?;
        write::csv_to(&mut file, register::csv_rows(&rows))
            .with_context(|| format!("không ghi được {} (ổ đĩa đầy?)", path.display()))?;
        file.commit()?;
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

/// What one job made: a file, or the files of a chunk's pages and the chunk itself for
/// its print file. An `Err` inside is a document that could not be made; the outer
/// `anyhow` error is the environment failing (disk full).
enum Made {
    File(Result<String, Vec<Diagnostic>>),
    Pages(Pages),
}

/// The pages of a chunk: each page file's SHA-256 or why it failed, and what of it goes
/// into the print file.
struct Pages {
    files: Vec<Result<String, Vec<Diagnostic>>>,
    parts: Vec<Part>,
}

/// A PDF waiting in the [`Spool`] to join its print file, with the pages of it to take (a
/// certificate that failed stays out of the print file too).
struct Part {
    at: Spooled,
    keep: Vec<usize>,
}

/// A print file and its parts in plan order.
struct Bundle {
    path: PathBuf,
    parts: Vec<Part>,
}

impl Outcome {
    fn fail(&mut self, path: &Path, diags: Vec<Diagnostic>, documents: usize) {
        self.failed += documents;
        for d in diags {
            let d = if d.field.is_none() {
                d.field(path.display().to_string())
            } else {
                d
            };
            self.report.push(d);
        }
    }
}

/// What every worker makes documents with, shared by all of them.
struct Maker<'a> {
    templates: &'a Templates,
    engine: &'a Engine,
    spool: &'a Spool,
    out: &'a Path,
}

impl Maker<'_> {
    /// Render, compile and write one job's files.
    fn produce(&self, job: &Job) -> anyhow::Result<Made> {
        if !job.pages.is_empty() {
            return self.produce_pages(job).map(Made::Pages);
        }
        let pdf = match self.document(job) {
            Ok(pdf) => pdf,
            Err(diags) => return Ok(Made::File(Err(diags))),
        };
        Ok(Made::File(Ok(file(self.out, &job.path, &pdf)?)))
    }

    /// One document's PDF, tagged.
    fn document(&self, job: &Job) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let pdf = self.render(job).and_then(|source| {
            let tpl = self.templates.template_ref(job.template());
            let doc = compile::layout(self.engine, source, job.date, tpl)?;
            compile::pdf(&doc, &job.ident(), job.date)
        });
        evict();
        pdf
    }

    /// A chunk of certificates: laid out and written to PDF once, then cut into a file per
    /// page; the chunk's PDF is kept aside for the print file.
    fn produce_pages(&self, job: &Job) -> anyhow::Result<Pages> {
        let laid = self.render(job).and_then(|source| {
            let tpl = self.templates.template_ref(job.template());
            let (doc, problems) = compile::layout_pages(self.engine, source, job.date, tpl)?;
            // Untagged: a structure tree does not survive being cut into pages.
            let pdf = compile::pdf_with(&doc, &job.ident(), job.date, false)?;
            let chunk = bundle::Chunk::parse(&pdf)
                .map_err(|e| vec![Diagnostic::error(format!("{e:#}"))])?;
            Ok((pdf, chunk, problems))
        });
        evict();
        let (pdf, chunk, problems) = match laid {
            Ok(laid) if laid.1.len() == job.pages.len() => laid,
            // An error in the chunk, or a dataset's own template that does not give one page
            // per certificate: each certificate is made on its own, so only a bad one fails.
            _ => return self.one_by_one(job),
        };
        let mut files = Vec::with_capacity(job.pages.len());
        let mut keep = Vec::with_capacity(job.pages.len());
        for (i, (page, problems)) in job.pages.iter().zip(problems).enumerate() {
            if !problems.is_empty() {
                files.push(Err(problems));
                continue;
            }
            match chunk.page_pdf(i, &plan::ident(&page.path)) {
                Ok(bytes) => {
                    files.push(Ok(file(self.out, &page.path, &bytes)?));
                    keep.push(i);
                }
                Err(e) => files.push(Err(vec![Diagnostic::error(format!("{e:#}"))])),
            }
        }
        let parts = if keep.is_empty() {
            Vec::new()
        } else {
            vec![Part {
                at: self.spool.put(&pdf, self.out)?,
                keep,
            }]
        };
        Ok(Pages { files, parts })
    }

    /// The certificates of a chunk made one document each; each made one joins the print
    /// file whole.
    fn one_by_one(&self, job: &Job) -> anyhow::Result<Pages> {
        let mut files = Vec::with_capacity(job.pages.len());
        let mut parts = Vec::new();
        for i in 0..job.pages.len() {
            let page = job.page(i);
            match self.document(&page) {
                Ok(pdf) => {
                    files.push(Ok(file(self.out, &page.path, &pdf)?));
                    let pages = bundle::Chunk::parse(&pdf).map(|c| c.len()).unwrap_or(0);
                    if pages > 0 {
                        parts.push(Part {
                            at: self.spool.put(&pdf, self.out)?,
                            keep: (0..pages).collect(),
                        });
                    }
                }
                Err(diags) => files.push(Err(diags)),
            }
        }
        Ok(Pages { files, parts })
    }

    /// The job's Typst source, in the font the engine chose.
    fn render(&self, job: &Job) -> Result<String, Vec<Diagnostic>> {
        let mut context = job.values.context();
        context.insert("font", self.engine.fonts.family());
        self.templates
            .render(job.template(), &context)
            .map_err(|d| vec![d])
    }
}

/// Writes a document's PDF under `out`, giving the SHA-256 the register keeps of it.
fn file(out: &Path, path: &Path, pdf: &[u8]) -> anyhow::Result<String> {
    write::atomic(&out.join(path), pdf)?;
    Ok(register::sha256(pdf))
}

/// Keeps the chunks' PDFs in one temporary file until their print files are joined, so a
/// run of thousands of certificates holds neither them all in memory nor a file handle
/// for each.
#[derive(Default)]
struct Spool(Mutex<Option<std::fs::File>>);

/// A chunk's place in the [`Spool`].
#[derive(Debug, Clone, Copy)]
struct Spooled {
    offset: u64,
    len: usize,
}

impl Spool {
    /// Appends `pdf`; the spool is made in the output folder on first use (not in a
    /// temporary folder that may be memory).
    fn put(&self, pdf: &[u8], out: &Path) -> anyhow::Result<Spooled> {
        let mut file = self.0.lock().expect("no worker panics holding the spool");
        if file.is_none() {
            std::fs::create_dir_all(out)
                .with_context(|| format!("không tạo được thư mục {}", out.display()))?;
            let made = tempfile::tempfile_in(out)
                .with_context(|| format!("không tạo được tệp tạm trong {}", out.display()))?;
            *file = Some(made);
        }
        let file = file.as_mut().expect("created above");
        let offset = file
            .seek(SeekFrom::End(0))
            .and_then(|offset| file.write_all(pdf).map(|()| offset))
            .context("không ghi được tệp tạm của tệp in (ổ đĩa đầy?)")?;
        Ok(Spooled {
            offset,
            len: pdf.len(),
        })
    }

    fn get(&self, at: Spooled) -> anyhow::Result<Vec<u8>> {
        let mut file = self.0.lock().expect("no worker panics holding the spool");
        let file = file.as_mut().expect("a chunk was spooled");
        let mut bytes = vec![0; at.len];
        file.seek(SeekFrom::Start(at.offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .context("không đọc lại được tệp tạm của tệp in")?;
        Ok(bytes)
    }
}

/// Joins a print file from its spooled parts; `false` when no page made it.
fn join(b: &Bundle, spool: &Spool, out: &Path) -> anyhow::Result<bool> {
    if b.parts.is_empty() {
        return Ok(false);
    }
    let path = out.join(&b.path);
    let failed = || format!("không ghi được tệp in {} (ổ đĩa đầy?)", path.display());
    let mut joiner = bundle::Joiner::new(write::Atomic::create(&path)?).with_context(failed)?;
    for part in &b.parts {
        let chunk = bundle::Chunk::parse(&spool.get(part.at)?)?;
        joiner.add(&chunk, &part.keep).with_context(failed)?;
    }
    joiner
        .finish(&plan::ident(&b.path))
        .with_context(failed)?
        .commit()?;
    Ok(true)
}

/// Keeps typst's memo cache bounded: a year-end run compiles thousands of documents.
/// Results unused for three documents go (with two workers, a document may still be in
/// its layout while the other evicts twice); measured on 10,000 certificates in chunks of
/// 50: ages 3 and 10 ran equally fast, 10 held a third more memory, 1 ran 10 % slower.
fn evict() {
    typst::comemo::evict(3);
}

/// Runs `f` over `items` on `threads` OS threads with large stacks (typst recurses
/// deeply), returning results in item order whatever the thread count.
///
/// At most one `heavy` item runs at a time while light ones remain: a decision listing
/// ten thousand records is one long typst document, and two of them laid out at once
/// doubled the peak memory of a year-end run.
fn run<I: Sync, T: Send>(
    items: &[I],
    threads: usize,
    heavy: impl Fn(&I) -> bool,
    f: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    let (heavy, light): (VecDeque<usize>, VecDeque<usize>) =
        (0..items.len()).partition(|&i| heavy(&items[i]));
    let queue = Mutex::new(Queue {
        heavy,
        light,
        heavy_running: 0,
    });
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(items.len()).max(1))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        while let Some((i, heavy)) = next(&queue) {
                            mine.push((i, f(&items[i])));
                            if heavy {
                                lock(&queue).heavy_running -= 1;
                            }
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

/// The items not yet taken by a worker of [`run`].
struct Queue {
    heavy: VecDeque<usize>,
    light: VecDeque<usize>,
    heavy_running: usize,
}

fn lock(queue: &Mutex<Queue>) -> std::sync::MutexGuard<'_, Queue> {
    queue.lock().expect("no worker panics holding the queue")
}

/// The next item for a worker, and whether it is heavy: a heavy one when none runs (so
/// the long ones start early), else a light one, else what is left.
fn next(queue: &Mutex<Queue>) -> Option<(usize, bool)> {
    let mut q = lock(queue);
    let take_heavy = q.heavy_running == 0 || q.light.is_empty();
    if take_heavy && let Some(i) = q.heavy.pop_front() {
        q.heavy_running += 1;
        return Some((i, true));
    }
    q.light.pop_front().map(|i| (i, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While light items remain, a second heavy one waits for the first to finish.
    #[test]
    fn one_heavy_item_at_a_time_while_light_ones_remain() {
        let queue = Mutex::new(Queue {
            heavy: VecDeque::from([0, 1]),
            light: VecDeque::from([2, 3]),
            heavy_running: 0,
        });
        assert_eq!(next(&queue), Some((0, true)));
        assert_eq!(next(&queue), Some((2, false)));
        assert_eq!(next(&queue), Some((3, false)));
        // Only heavy ones are left: they need not wait.
        assert_eq!(next(&queue), Some((1, true)));
        assert_eq!(next(&queue), None);
        // Both heavy ones finish; a new heavy one goes before a light one.
        {
            let mut q = lock(&queue);
            q.heavy_running = 0;
            q.heavy.push_back(4);
            q.light.push_back(5);
        }
        assert_eq!(next(&queue), Some((4, true)));
    }

    /// Results come back in item order whatever the thread count and scheduling.
    #[test]
    fn results_keep_item_order() {
        let items: Vec<usize> = (0..50).collect();
        for threads in [1, 2, 4] {
            let out = run(&items, threads, |i| i % 7 == 0, |i| i * 10);
            assert_eq!(out, items.iter().map(|i| i * 10).collect::<Vec<_>>());
        }
    }
}
