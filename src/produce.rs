//! The render → compile → write stage: the workers produce every job's files, then the
//! print files are joined from the chunks just made.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::numbering::{Issued, Kept, Written};
use crate::plan::{self, Job};
use crate::render::Templates;
use crate::world::Engine;
use crate::{bundle, compile, pool, write};

/// Told of a build's progress, for a progress bar; called from the worker threads.
pub trait Progress: Sync {
    /// The number of documents about to be produced.
    fn start(&self, _total: usize) {}
    /// A worker starts on a document of this kind.
    fn begin(&self, _kind: crate::doc_kind::DocKind) {}
    /// `n` more documents are done (written or failed).
    fn advance(&self, _n: usize) {}
    /// All documents are done.
    fn finish(&self) {}
}

/// No progress display.
pub struct Silent;

impl Progress for Silent {}

thread_local! {
    /// The document this thread is making, for a panic report to name it.
    static MAKING: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// The document the current thread is making (relative to the output folder), if any:
/// what a panic report names, so a user can say which paper broke the program.
pub fn making() -> Option<PathBuf> {
    MAKING.with(|m| m.borrow().clone())
}

/// What the workers produced: the files written (relative to the output folder, in plan
/// order), the numbered ones for the register, and the documents that could not be made.
#[derive(Default)]
pub struct Produced<'a> {
    /// Files written, relative to the output folder, in plan order.
    pub written: Vec<PathBuf>,
    /// The numbered ones, for the register to commit.
    pub issued: Vec<Written<'a>>,
    /// Documents that could not be produced.
    pub failed: usize,
    /// The numbers of those that take one: kept for them in the register, so a document
    /// that failed (a file held open elsewhere) prints the same number next time.
    pub unwritten: Vec<Issued>,
    /// Issued documents whose file was kept rather than written again, relative to the
    /// output folder.
    pub kept: Vec<PathBuf>,
    /// Letters whose file already held what they print, left as they were (see
    /// [`crate::letters`]), relative to the output folder.
    pub current: Vec<PathBuf>,
    /// Why, each naming its document's file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where and how the files of a build are written.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// How many documents are laid out at once.
    pub threads: usize,
    /// Whether every PDF is written as PDF/A-2b (`build --pdfa`).
    pub pdfa: bool,
}

/// Renders, compiles and writes every job under `out` on `threads` workers, then joins
/// the print files. A document in `kept` (issued, by its path) is made but never written
/// over: its file stays as issued. The outer error is the environment failing (the
/// print files' spool); a document that cannot be written fails alone.
pub fn produce<'a>(
    jobs: &'a [Job],
    kept: &HashMap<PathBuf, Kept>,
    templates: &Templates,
    engine: &Engine,
    target: &Target<'_>,
    progress: &dyn Progress,
) -> anyhow::Result<Produced<'a>> {
    let Target { out, threads, pdfa } = *target;
    let files: usize = jobs.iter().map(|j| j.pages.len().max(1)).sum();
    progress.start(files);
    let spool = Spool::default();
    let maker = Maker {
        templates,
        engine,
        spool: &spool,
        out,
        standard: if pdfa {
            compile::Standard::PdfA2b
        } else {
            compile::Standard::Pdf
        },
        kept,
    };
    let units = crate::letters::units(jobs);
    let heavy = |unit: &Vec<usize>| jobs[unit[0]].is_long();
    let made = pool::run(&units, threads.max(1), heavy, |unit| {
        let unit: Vec<&Job> = unit.iter().map(|&i| &jobs[i]).collect();
        progress.begin(unit[0].kind);
        let r = maker.produce(&unit);
        progress.advance(unit.iter().map(|j| j.pages.len().max(1)).sum());
        r
    });
    // Back in plan order: the files are listed, and the register numbered, in it.
    let mut results: Vec<Option<anyhow::Result<Made>>> = jobs.iter().map(|_| None).collect();
    for (unit, made) in units.iter().zip(made) {
        for (&i, made) in unit.iter().zip(made) {
            results[i] = Some(made);
        }
    }
    let results = results
        .into_iter()
        .map(|r| r.expect("every job is in one unit"));
    let mut produced = Produced::default();
    let mut bundles: Vec<Bundle> = Vec::new();
    for (job, made) in jobs.iter().zip(results) {
        match made? {
            Made::File(Ok(filed)) => {
                if let Some(sha256) = produced.filed(&job.path, filed)
                    && let Some(i) = &job.issued
                {
                    produced.issued.push(Written {
                        issued: i,
                        path: &job.path,
                        sha256,
                    });
                }
            }
            Made::File(Err(diags)) => {
                produced.unwritten.extend(job.issued.clone());
                produced.fail(&job.path, diags)
            }
            Made::Pages(pages) => {
                for (page, made) in job.pages.iter().zip(pages.files) {
                    match made {
                        Ok(filed) => {
                            if let Some(sha256) = produced.filed(&page.path, filed) {
                                produced.issued.push(Written {
                                    issued: &page.issued,
                                    path: &page.path,
                                    sha256,
                                });
                            }
                        }
                        Err(diags) => {
                            produced.unwritten.push(page.issued.clone());
                            produced.fail(&page.path, diags)
                        }
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
    let joined = pool::run(
        &bundles,
        threads.max(1),
        |_| false,
        |b| join(b, &spool, out),
    );
    for (b, made) in bundles.iter().zip(joined) {
        match made {
            Ok(true) => produced.written.push(b.path.clone()),
            Ok(false) => {}
            Err(e) => produced.fail(&b.path, vec![unwritten(&out.join(&b.path), &e)]),
        }
    }
    progress.finish();
    Ok(produced)
}

impl Produced<'_> {
    /// Takes note of a file made: its hash when written, `None` when an issued file was
    /// kept.
    fn filed(&mut self, path: &Path, filed: Filed) -> Option<String> {
        match filed {
            Filed::Written(sha256) => {
                self.written.push(path.to_owned());
                Some(sha256)
            }
            Filed::Kept(note) => {
                self.kept.push(path.to_owned());
                self.diagnostics.extend(note.map(|d| *d));
                None
            }
            Filed::Current => {
                self.current.push(path.to_owned());
                None
            }
        }
    }

    fn fail(&mut self, path: &Path, diags: Vec<Diagnostic>) {
        self.failed += 1;
        for d in diags {
            let d = if d.field.is_none() {
                d.field(path.display().to_string())
            } else {
                d
            };
            self.diagnostics.push(d);
        }
    }
}

/// What one job made: a file, or the files of a chunk's pages and the chunk itself for
/// its print file. An `Err` inside is a document that could not be made; the outer
/// `anyhow` error is the environment failing (disk full).
enum Made {
    File(Result<Filed, Vec<Diagnostic>>),
    Pages(Pages),
}

/// What became of a document made: written (its SHA-256), or, issued, its file kept as it
/// was, with a warning when the data would now print it differently.
enum Filed {
    Written(String),
    Kept(Option<Box<Diagnostic>>),
    /// A letter whose file already held what it prints: not written again.
    Current,
}

/// The pages of a chunk: each page file's SHA-256 or why it failed, and what of it goes
/// into the print file.
struct Pages {
    files: Vec<Result<Filed, Vec<Diagnostic>>>,
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

/// What every worker makes documents with, shared by all of them.
struct Maker<'a> {
    templates: &'a Templates,
    engine: &'a Engine,
    spool: &'a Spool,
    out: &'a Path,
    /// PDF, or PDF/A-2b (`build --pdfa`), written in place of the plain files.
    standard: compile::Standard,
    kept: &'a HashMap<PathBuf, Kept>,
}

impl Maker<'_> {
    /// Render, compile and write the files of a unit of jobs: a batch of letters, or one
    /// other document.
    fn produce(&self, unit: &[&Job]) -> Vec<anyhow::Result<Made>> {
        if !crate::letters::is_letter(unit[0]) {
            return unit.iter().map(|job| self.produce_one(job)).collect();
        }
        let letters = crate::letters::Maker {
            templates: self.templates,
            engine: self.engine,
            standard: self.standard,
            out: self.out,
        };
        let making = |job: &Job| MAKING.with(|m| *m.borrow_mut() = Some(job.path.clone()));
        let made = letters.make(unit, &making);
        unit.iter()
            .zip(made)
            .map(|(job, letter)| {
                Ok(Made::File(match letter {
                    crate::letters::Letter::Current => Ok(Filed::Current),
                    crate::letters::Letter::Made(pdf) => self.file(&job.path, &pdf),
                    crate::letters::Letter::Failed(diags) => Err(diags),
                }))
            })
            .collect()
    }

    /// Render, compile and write one job's files.
    fn produce_one(&self, job: &Job) -> anyhow::Result<Made> {
        MAKING.with(|m| *m.borrow_mut() = Some(job.path.clone()));
        if !job.pages.is_empty() {
            return self.produce_pages(job).map(Made::Pages);
        }
        let pdf = match self.document(job) {
            Ok(pdf) => pdf,
            Err(diags) => return Ok(Made::File(Err(diags))),
        };
        Ok(Made::File(self.file(&job.path, &pdf)))
    }

    /// Writes a document's PDF under `out`, unless it is issued: an issued file is never
    /// written over. Made again only when it is missing and the data still gives the
    /// issued bytes; otherwise the data's changes are a warning and the file stays.
    fn file(&self, path: &Path, pdf: &[u8]) -> Result<Filed, Vec<Diagnostic>> {
        let Some(kept) = self.kept.get(path) else {
            return file(self.out, path, pdf).map(Filed::Written);
        };
        let sha256 = write::sha256(pdf);
        let same = kept.sha256.as_deref() == Some(sha256.as_str());
        let full = self.out.join(path);
        if full.exists() {
            let note = (!same).then(|| {
                Box::new(Diagnostic::warning(format!(
                    "văn bản {} đã ban hành nên vanban giữ nguyên tệp {}; nếu tạo lại bây giờ, tệp sẽ khác bản đã ban hành (dữ liệu, mẫu văn bản hoặc phiên bản vanban đã đổi)",
                    kept.symbol,
                    full.display()
                )).code(crate::codes::Code::Register)
                .document(path)
                .hint(format!(
                    "nếu giấy tờ đã ký và phát hành, giữ nguyên; thay đổi cần ban hành thì làm văn bản mới (quyết định bổ sung: thêm một mục `khen_thuong` cùng `co_quan`, `ngay` sau). Nếu văn bản chưa ký: `vanban ban-hanh --huy {}` rồi chạy lại",
                    kept.symbol
                )))
            });
            return Ok(Filed::Kept(note));
        }
        if same {
            return file(self.out, path, pdf).map(Filed::Written);
        }
        Ok(Filed::Kept(Some(Box::new(
            Diagnostic::warning(format!(
                "văn bản {} đã ban hành nhưng tệp {} không còn, và bản tạo lại bây giờ sẽ khác bản đã ban hành (dữ liệu, mẫu văn bản hoặc phiên bản vanban đã đổi): vanban không tạo lại",
                kept.symbol,
                full.display()
            )).code(crate::codes::Code::Register)
            .document(path)
            .hint("chép lại tệp đã ban hành từ bản lưu vào đúng chỗ đó; hoặc nếu văn bản chưa ký, chạy `vanban ban-hanh --huy` với số của nó rồi chạy lại"),
        ))))
    }

    /// One document's PDF, tagged, in the build's standard; a long list's document is laid
    /// out in pieces ([`crate::pieces`]). Letters are made by [`crate::letters`].
    fn document(&self, job: &Job) -> Result<Vec<u8>, Vec<Diagnostic>> {
        if job.is_long() {
            let long = crate::pieces::Maker {
                templates: self.templates,
                engine: self.engine,
                standard: self.standard,
            };
            if let Some(pdf) = long.document(job) {
                evict();
                return pdf;
            }
        }
        let pdf = self.render(job).and_then(|source| {
            let tpl = self.templates.template_ref(job.template());
            let doc = compile::layout(self.engine, source, job.date, tpl)?;
            let how = compile::Writing {
                tagged: true,
                standard: self.standard,
            };
            compile::pdf_with(&doc, &job.ident(), job.date, how)
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
            // Untagged: a structure tree does not survive being cut into pages. A PDF/A
            // chunk's metadata and output intent go along into every cut (bundle.rs).
            let how = compile::Writing {
                tagged: false,
                standard: self.standard,
            };
            let pdf = compile::pdf_with(&doc, &job.ident(), job.date, how)?;
            let chunk = bundle::Chunk::parse(&pdf).map_err(|e| {
                vec![Diagnostic::error(format!("{e}")).code(crate::codes::Code::Pdf)]
            })?;
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
                    let filed = self.file(&page.path, &bytes);
                    // The print file holds what was printed: an issued certificate the data
                    // would now change stays out of it.
                    if matches!(filed, Ok(Filed::Written(_)) | Ok(Filed::Kept(None))) {
                        keep.push(i);
                    }
                    files.push(filed);
                }
                Err(e) => files.push(Err(vec![
                    Diagnostic::error(format!("{e}")).code(crate::codes::Code::Pdf),
                ])),
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
                    let filed = self.file(&page.path, &pdf);
                    let printed = matches!(filed, Ok(Filed::Written(_)) | Ok(Filed::Kept(None)));
                    files.push(filed);
                    let pages = bundle::Chunk::parse(&pdf).map(|c| c.len()).unwrap_or(0);
                    if pages > 0 && printed {
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
        self.templates
            .document(job, self.engine.fonts.family())
            .map_err(|d| vec![d])
    }
}

/// Writes a document's PDF under `out`, giving the SHA-256 the register keeps of it. A
/// file that cannot be written (open in another program, no permission) fails this
/// document alone.
fn file(out: &Path, path: &Path, pdf: &[u8]) -> Result<String, Vec<Diagnostic>> {
    let full = out.join(path);
    write::atomic(&full, pdf).map_err(|e| vec![unwritten(&full, &e).document(path)])?;
    Ok(write::sha256(pdf))
}

/// Why the file at `path` could not be written, with its likely cause.
fn unwritten(path: &Path, e: &anyhow::Error) -> Diagnostic {
    let io = e.chain().find_map(|c| c.downcast_ref::<std::io::Error>());
    let cause = match io {
        // Windows: another program holds the file (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
        Some(io) if matches!(io.raw_os_error(), Some(32 | 33)) && cfg!(windows) => {
            "tệp đang mở trong chương trình khác (Acrobat, Foxit, trình duyệt…)"
        }
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "không có quyền ghi, hoặc tệp đang mở trong chương trình khác (Acrobat, Foxit, trình duyệt…)"
        }
        Some(io) => crate::diagnostics::io_reason(io),
        None => "lỗi hệ thống khi ghi tệp",
    };
    Diagnostic::error(format!(
        "không ghi được tệp {}: {cause}",
        path.display()
    )).code(crate::codes::Code::Pdf)
    .hint("đóng tệp nếu đang mở (hoặc kiểm tra quyền ghi thư mục) rồi chạy lại; các văn bản khác vẫn được ghi và vào sổ")
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
