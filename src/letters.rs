//! Letters written together: the registration letters and achievement reports of every
//! unit and person, thousands in a year-end run.
//!
//! Half of a letter's cost is its PDF, mostly subsetting and compressing its three font
//! faces. So each letter is laid out alone (its pages are exactly those it has when made
//! alone), and the pages of up to about [`BATCH`] letters are written as one tagged PDF,
//! which subsets each face once; [`bundle::Chunk`] then cuts every letter's pages out as a
//! file of its own, with its own title, date, id and part of the structure tree, so it
//! stays a tagged PDF for readers who use a screen reader. Measured on 4,000 letters and
//! reports, one thread: 8.2-9.6 s, against 12.1-13.5 s made one by one (untagged, the
//! batches took 7.9-9.0 s: the structure tree costs about a tenth, kept).
//!
//! Written together, a letter's bytes depend on the letters written with it (their font
//! subsets are shared). A letter is therefore not made again when its file already holds
//! what it would print: every file carries the [`fingerprint`] of what it was made from,
//! so a late addition or one name fixed writes only the letters that changed and leaves
//! every other file byte for byte as it was. Which letters share a PDF follows from their
//! paths alone ([`units`]), so two builds of the same data into empty folders give the same
//! bytes on any number of threads, whatever the order of the records.
//!
//! PDF/A letters (`build --pdfa`) are still made one by one: their XMP metadata must say
//! each letter's own title and date.

use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use lopdf::{Dictionary, Object, StringFormat};
use typst::model::Document as _;
use typst_layout::PagedDocument;

use crate::compile::{self, Standard, Writing};
use crate::diagnostics::Diagnostic;
use crate::doc_kind::DocKind;
use crate::plan::Job;
use crate::render::Templates;
use crate::world::Engine;
use crate::{bundle, write};

/// Letters written as one PDF, on average. Measured on 4,000 letters and reports, two
/// threads: 16 and 32 ran alike (4.4-4.7 s), 32 holding 5 MB more.
pub const BATCH: usize = 16;

/// The key of a letter's fingerprint in its document information dictionary.
const KEY: &[u8] = b"VanbanSource";

/// Whether `job` is a letter: a unit's or a person's own paper, without a number.
pub fn is_letter(job: &Job) -> bool {
    matches!(job.kind, DocKind::DangKy | DocKind::BaoCao)
        && job.issued.is_none()
        && job.pages.is_empty()
}

/// The jobs of a build as the workers take them, by index: each other document alone, in
/// plan order, and the letters in batches, standing where the first letter stands.
///
/// A batch is made of letters sorted by path, and a new one begins at a letter whose path
/// hashes to 0 modulo [`BATCH`] (or after `2 × BATCH` letters): which letters are written
/// together follows from their paths alone, not from the order of the records (an Excel
/// list and its YAML give the same bytes), and a letter added late changes only its own
/// batch.
pub fn units(jobs: &[Job]) -> Vec<Vec<usize>> {
    let mut letters: Vec<usize> = (0..jobs.len()).filter(|&i| is_letter(&jobs[i])).collect();
    letters.sort_by(|&a, &b| jobs[a].path.cmp(&jobs[b].path));
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for i in letters {
        match batches.last_mut() {
            Some(last) if !begins(&jobs[i].path) && last.len() < 2 * BATCH => last.push(i),
            _ => batches.push(vec![i]),
        }
    }
    let mut units = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        if !is_letter(job) {
            units.push(vec![i]);
        } else if !batches.is_empty() {
            units.append(&mut batches);
        }
    }
    units
}

/// Whether a batch of letters begins at the letter filed at `path` (FNV-1a of its path
/// with `/` between parts: the same on every system).
fn begins(path: &Path) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in path.components() {
        for &b in c.as_os_str().as_encoded_bytes().iter().chain(b"/") {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash.is_multiple_of(BATCH as u64)
}

/// What became of one letter.
pub enum Letter {
    /// Its file already holds what it would print: left as it is.
    Current,
    /// Its PDF, to be written.
    Made(Vec<u8>),
    /// Why it could not be made.
    Failed(Vec<Diagnostic>),
}

/// How letters are made: what every worker has.
pub struct Maker<'a> {
    /// The templates a letter's source is rendered from.
    pub templates: &'a Templates,
    /// The engine it is laid out with.
    pub engine: &'a Engine,
    /// Plain PDF or PDF/A-2b.
    pub standard: Standard,
    /// The output folder, where a letter's file may already be current.
    pub out: &'a Path,
}

impl Maker<'_> {
    /// Makes the letters `jobs`, in order; `making` is told of each before its layout (a
    /// panic report names the letter).
    pub fn make(&self, jobs: &[&Job], making: &dyn Fn(&Job)) -> Vec<Letter> {
        let mut letters: Vec<Letter> = Vec::with_capacity(jobs.len());
        // The letters to write: their index, layout and fingerprint.
        let mut laid: Vec<(usize, PagedDocument, String)> = Vec::new();
        for (i, job) in jobs.iter().enumerate() {
            making(job);
            let made = self.templates.document(job, self.engine.fonts.family());
            let source = match made {
                Ok(source) => source,
                Err(d) => {
                    letters.push(Letter::Failed(vec![d]));
                    continue;
                }
            };
            let print = fingerprint(self.engine, self.standard, job, &source);
            if current(&self.out.join(&job.path), &print) {
                letters.push(Letter::Current);
                continue;
            }
            let tpl = self.templates.template_ref(job.template());
            let layout = compile::layout(self.engine, source, job.date, tpl);
            typst::comemo::evict(3);
            match layout {
                Ok(doc) => {
                    laid.push((i, doc, print));
                    // Filled in below, once the batch is written.
                    letters.push(Letter::Current);
                }
                Err(diags) => letters.push(Letter::Failed(diags)),
            }
        }
        if laid.is_empty() {
            return letters;
        }
        let written = match self.standard {
            Standard::Pdf => self.together(jobs, &laid),
            Standard::PdfA2b => None,
        };
        let written = written.unwrap_or_else(|| {
            laid.iter()
                .map(|(i, doc, _)| {
                    let job = &jobs[*i];
                    let how = Writing {
                        tagged: true,
                        standard: self.standard,
                    };
                    compile::pdf_with(doc, &job.ident(), job.date, how)
                })
                .collect()
        });
        for ((i, _, _), pdf) in laid.iter().zip(written) {
            letters[*i] = match pdf {
                Ok(pdf) => Letter::Made(pdf),
                Err(diags) => Letter::Failed(diags),
            };
        }
        letters
    }

    /// The laid-out letters written as one PDF and cut into a file each; `None` when the
    /// PDF cannot be written or cut (each letter is then written alone, so a fault is its
    /// own).
    fn together(
        &self,
        jobs: &[&Job],
        laid: &[(usize, PagedDocument, String)],
    ) -> Option<Vec<Result<Vec<u8>, Vec<Diagnostic>>>> {
        let mut ranges = Vec::with_capacity(laid.len());
        let mut start = 0;
        for (_, doc, _) in laid {
            ranges.push(start..start + doc.pages().len());
            start += doc.pages().len();
        }
        let mut info = laid[0].1.info().clone();
        info.title = None;
        let pages = laid
            .iter()
            .flat_map(|(_, doc, _)| doc.pages().iter().cloned())
            .collect();
        let batch = PagedDocument::new(pages, info);
        let first = &jobs[laid[0].0];
        let how = Writing {
            tagged: true,
            standard: self.standard,
        };
        let pdf = compile::pdf_with(&batch, &first.ident(), first.date, how).ok()?;
        drop(batch);
        let chunk = bundle::Chunk::parse(&pdf).ok()?;
        if chunk.len() != start {
            return None;
        }
        let base = chunk.info();
        laid.iter()
            .zip(ranges)
            .map(|((i, doc, print), range)| {
                let job = &jobs[*i];
                let info = letter_info(&base, doc, job, print);
                chunk.range_pdf(range, &job.ident(), Some(&info)).ok()
            })
            .map(|pdf| pdf.map(Ok))
            .collect()
    }
}

/// The document information of a letter cut from a batch: the batch's (author, creator)
/// with the letter's own title and date, and its fingerprint.
fn letter_info(base: &Dictionary, doc: &PagedDocument, job: &Job, print: &str) -> Dictionary {
    let mut info = base.clone();
    match &doc.info().title {
        Some(title) => info.set("Title", text_string(title)),
        None => {
            info.remove(b"Title");
        }
    }
    let date = job.date.0.format("D:%Y%m%d000000Z").to_string();
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info.set(KEY, Object::string_literal(print));
    info
}

/// A PDF text string as typst writes one: UTF-16BE with its byte order mark.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// What a letter is made from, as a SHA-256: its source (the data, through its template),
/// its place and date, the standard, and the engine's [`Engine::digest`] (library,
/// emblems, faces, vanban's version). A letter whose file carries the same is not made
/// again.
pub fn fingerprint(engine: &Engine, standard: Standard, job: &Job, source: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        engine.digest(),
        match standard {
            Standard::Pdf => "pdf",
            Standard::PdfA2b => "pdf/a-2b",
        },
        &job.path.to_string_lossy().replace('\\', "/"),
        &job.date.0.to_string(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update(source);
    write::hex(&h.finalize())
}

/// Whether the file at `path` is a whole PDF carrying `print` as its fingerprint.
fn current(path: &Path, print: &str) -> bool {
    std::fs::read(path).is_ok_and(|pdf| stored(&pdf) == Some(print.as_bytes()))
}

/// The fingerprint a letter's file carries, if it is a whole PDF that carries one.
fn stored(pdf: &[u8]) -> Option<&[u8]> {
    if !pdf.trim_ascii_end().ends_with(b"%%EOF") {
        return None;
    }
    let key = [b"/", KEY].concat();
    let at = pdf.windows(key.len()).rposition(|w| w == key)? + key.len();
    let rest = pdf[at..].trim_ascii_start().strip_prefix(b"(")?;
    let end = rest.iter().position(|&b| b == b')')?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_read_back_only_from_a_whole_file() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<</Title(x)/VanbanSource (abc123)>>\nendobj\n%%EOF\n";
        assert_eq!(stored(pdf), Some(&b"abc123"[..]));
        // Cut short (a copy that stopped): not current, whatever it says.
        assert_eq!(stored(&pdf[..pdf.len() - 7]), None);
        assert_eq!(stored(b"%PDF-1.7\n<</Title(x)>>\n%%EOF"), None);
    }

    #[test]
    fn letters_are_batched_by_their_paths_and_other_documents_stand_alone() {
        let job = |kind, path: String| Job {
            kind,
            path: path.into(),
            values: crate::plan::Values::new(tera::Context::new),
            date: crate::model::Date(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()),
            issued: None,
            pages: Vec::new(),
        };
        let people: Vec<String> = (0..200)
            .map(|i| format!("2025/dang-ky/p{i:03}.pdf"))
            .collect();
        let mut jobs: Vec<Job> = people
            .iter()
            .map(|p| job(DocKind::DangKy, p.clone()))
            .collect();
        jobs.insert(0, job(DocKind::ToTrinh, "2025/to-trinh.pdf".into()));
        jobs.push(job(
            DocKind::BaoCaoTongHop,
            "2025/bao-cao-tong-hop.pdf".into(),
        ));
        let paths = |jobs: &[Job]| -> Vec<Vec<PathBuf>> {
            units(jobs)
                .into_iter()
                .map(|u| u.into_iter().map(|i| jobs[i].path.clone()).collect())
                .collect()
        };
        let batches = paths(&jobs);
        assert_eq!(batches[0], [PathBuf::from("2025/to-trinh.pdf")]);
        assert_eq!(
            batches.last().unwrap(),
            &[PathBuf::from("2025/bao-cao-tong-hop.pdf")]
        );
        let letters = &batches[1..batches.len() - 1];
        assert!(letters.len() > 4 && letters.iter().all(|b| b.len() <= 2 * BATCH));
        assert_eq!(letters.concat().len(), 200);
        // The records in another order: the same batches.
        let mut shuffled: Vec<Job> = jobs
            .iter()
            .rev()
            .map(|j| job(j.kind, j.path.to_string_lossy().into()))
            .collect();
        shuffled.swap(0, 201);
        let again = paths(&shuffled);
        assert_eq!(&again[1..again.len() - 1], letters);
        // A letter added: every batch but its own as it was.
        jobs.push(job(DocKind::BaoCao, "2025/dang-ky/p100a.pdf".into()));
        let added = paths(&jobs);
        let changed: Vec<_> = added.iter().filter(|b| !batches.contains(b)).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].contains(&PathBuf::from("2025/dang-ky/p100a.pdf")));
    }
}
