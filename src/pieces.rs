//! Long lists laid out in bounded pieces.
//!
//! The recognition decision of a year-end run lists every record, a reward decision every
//! certificate of its body: laid out as one typst document, a 10,000-row list held about
//! 900 MB until its PDF was written, and memory grew with the list. So a document whose
//! attached list has more than [`LONG`] lines is laid out [`ROWS`] lines at a time: the
//! document with the first lines of its list, then the list going on, piece after piece,
//! and the pieces' pages are joined into one PDF ([`crate::bundle::Joiner`]).
//!
//! A piece ends on a full page. Each row of a piece carries a `<dong>` marker with its
//! index in the list, and no row breaks across pages (`danh-sach` with `moc`); the last page
//! of a piece, which is partly filled, is dropped and the next piece begins with the first
//! row typst had put on it. The pages of the list are numbered on across pieces
//! (`trang.with(tiep:)`), so the joined file reads as the document laid out whole.
//!
//! What it costs: a joined document is not tagged (a structure tree does not survive
//! joining; the documents of everyday lists, below [`LONG`], still are), each piece carries
//! its own font subsets (a few kilobytes a piece), and the last page of each piece is laid
//! out twice (one page in ~6).

use std::ops::Range;

use tera::{Context, Map, Value};
use typst_layout::PagedDocument;

use crate::diagnostics::Diagnostic;
use crate::plan::Job;
use crate::render::Templates;
use crate::world::Engine;
use crate::{bundle, compile};

/// Lines of the list (rows and section lines) per piece: about 6 pages. Measured on the
/// 10,000-row recognition list (628 pages), peak memory and time of `--chi
/// quyet-dinh-cong-nhan`: laid out whole 895 MB, 8.8 s; 400 lines a piece 268 MB, 6.9 s;
/// 150 lines 192 MB, 7.6 s; 100 lines 118 MB, 6.5 s (a table's layout costs more than its
/// length), at 3.5 MB of file against 2.6 MB for 150 (each piece's font subsets).
pub const ROWS: usize = 100;

/// A list longer than this is laid out in pieces; a shorter one whole, tagged.
pub const LONG: usize = 2 * ROWS;

/// How a long document is made: what every worker has, and the PDF standard.
pub struct Maker<'a> {
    /// The templates the job's source is rendered from.
    pub templates: &'a Templates,
    /// The engine it is laid out with.
    pub engine: &'a Engine,
    /// Plain PDF or PDF/A-2b.
    pub standard: compile::Standard,
}

impl Maker<'_> {
    /// The PDF of `job` laid out in pieces of [`ROWS`] lines when its list is longer than
    /// [`LONG`]; `None` when it is to be laid out whole (a short list, no list, or a
    /// dataset's own template that does not mark its rows).
    pub fn document(&self, job: &Job) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        self.document_in(job, ROWS, LONG)
    }

    /// [`Maker::document`] with the piece size and threshold given: tests lay a list of a
    /// few pages out in pieces of a few rows.
    pub fn document_in(
        &self,
        job: &Job,
        rows: usize,
        long: usize,
    ) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let mut context = job.values.context();
        let mut doc = context.remove("doc")?;
        let sections = doc.pointer_mut("/attachment/sections")?.take();
        let sections = sections.as_array()?;
        let total = lines(sections);
        if total <= long {
            return None;
        }
        context.insert("font", self.engine.fonts.family());
        let list = List {
            context,
            doc,
            sections,
        };
        self.join(job, &list, total, rows.max(1)).transpose()
    }

    /// Lays out the pieces one after another and joins their pages; `Ok(None)` when the
    /// template does not mark its rows.
    fn join(
        &self,
        job: &Job,
        list: &List<'_>,
        total: usize,
        rows: usize,
    ) -> Result<Option<Vec<u8>>, Vec<Diagnostic>> {
        let pdf_error = |e: anyhow::Error| {
            vec![Diagnostic::error(format!("{e}")).code(crate::codes::Code::Pdf)]
        };
        let tpl = self.templates.template_ref(job.template());
        let mut joiner = bundle::Joiner::new(Vec::new()).map_err(pdf_error)?;
        // The first line of the next piece, and the pages of the list already joined.
        let (mut start, mut before) = (0usize, 0usize);
        while start < total {
            // A piece too small to fill more than its last page is laid out again, larger.
            let mut size = rows;
            let (laid, first, keep, next) = loop {
                let end = (start + size).min(total);
                let source = self
                    .templates
                    .render(job.template(), &list.piece(start..end, before))
                    .map_err(|d| vec![d])?;
                let laid = compile::layout(self.engine, source, job.date, tpl)?;
                let marks = markers(&laid, "dong");
                // A dataset's own template without the markers: laid out whole instead.
                if marks.len() != end - start {
                    return Ok(None);
                }
                let pages = laid.pages().len();
                // The list's first page: after the document's own text in the first piece.
                let first = if start == 0 {
                    match markers(&laid, "phu-luc").first() {
                        Some(&(_, page)) => page,
                        None => return Ok(None),
                    }
                } else {
                    0
                };
                if end == total {
                    break (laid, first, pages, end);
                }
                // The rows typst put on the last page begin the next piece.
                let cut = marks
                    .iter()
                    .filter(|&&(_, page)| page + 1 == pages)
                    .filter_map(|&(line, _)| line)
                    .min()
                    .filter(|&line| line > start && pages > first + 1);
                match cut {
                    Some(line) => break (laid, first, pages - 1, line),
                    None => size *= 2,
                }
            };
            let how = compile::Writing {
                tagged: false,
                standard: self.standard,
            };
            let pdf = compile::pdf_with(&laid, &job.ident(), job.date, how)?;
            drop(laid);
            typst::comemo::evict(3);
            let chunk = bundle::Chunk::parse(&pdf).map_err(pdf_error)?;
            let keep: Vec<usize> = (0..keep).collect();
            joiner.add(&chunk, &keep).map_err(pdf_error)?;
            before += keep.len() - first;
            start = next;
        }
        joiner.finish(&job.ident()).map(Some).map_err(pdf_error)
    }
}

/// A long document's values, its list apart.
struct List<'a> {
    /// Everything but `doc`.
    context: Context,
    /// The document's values without the list's sections.
    doc: Value,
    /// The list's sections, as the plan gave them.
    sections: &'a [Value],
}

impl List<'_> {
    /// The context of the piece holding lines `range` of the list, after `before` pages of it.
    fn piece(&self, range: Range<usize>, before: usize) -> Context {
        let mut doc = self.doc.clone();
        if let Some(list) = doc.pointer_mut("/attachment") {
            list["sections"] = Value::Array(slice(self.sections, range.clone()));
        }
        let mut context = self.context.clone();
        context.insert("doc", &doc);
        let mut piece = Map::new();
        piece.insert("continued".into(), Value::Bool(range.start > 0));
        piece.insert("moc".into(), range.start.into());
        piece.insert("tiep".into(), before.into());
        context.insert("piece", &piece);
        context
    }
}

/// The lines of a list: each section's line and its rows.
fn lines(sections: &[Value]) -> usize {
    sections.iter().map(|s| 1 + rows(s).len()).sum()
}

fn rows(section: &Value) -> &[Value] {
    section
        .get("rows")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The sections holding lines `range` of the list; a section whose line falls before the
/// range keeps its rows there under an empty heading, which the template leaves out.
fn slice(sections: &[Value], range: Range<usize>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut line = 0;
    for section in sections {
        let rows = rows(section);
        let first = line + 1;
        let within = |i: usize| i.clamp(first, first + rows.len()) - first;
        let (lo, hi) = (within(range.start), within(range.end));
        let heading = range.contains(&line);
        line = first + rows.len();
        if !heading && lo == hi {
            continue;
        }
        let mut piece = Map::new();
        if let Some(fields) = section.as_object() {
            for (k, v) in fields.iter().filter(|(k, _)| *k != "rows") {
                piece.insert(k.clone(), v.clone());
            }
        }
        if !heading {
            piece.insert("heading".into(), Value::String(String::new()));
        }
        piece.insert("rows".into(), Value::Array(rows[lo..hi].to_vec()));
        out.push(Value::Object(piece));
    }
    out
}

/// Where the metadata labelled `label` was laid out: its integer value, if any, and its page
/// (from 0), in document order.
fn markers(doc: &PagedDocument, label: &str) -> Vec<(Option<usize>, usize)> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::Introspector;
    let Some(label) = Label::new(typst::utils::PicoStr::intern(label)) else {
        return Vec::new();
    };
    let intro = doc.introspector();
    intro
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|m| {
            let page = intro.page(m.location()?)?.get() - 1;
            let value = match m.get_by_name("value").ok()? {
                typst::foundations::Value::Int(i) => usize::try_from(i).ok(),
                _ => None,
            };
            Some((value, page))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: &str, rows: usize) -> Value {
        let rows: Vec<Value> = (1..=rows).map(|i| Value::from(i.to_string())).collect();
        serde_json::json!({ "heading": heading, "rows": rows })
    }

    fn shown(sections: &[Value]) -> Vec<String> {
        sections
            .iter()
            .flat_map(|s| {
                let head = s["heading"].as_str().unwrap().to_owned();
                let rows = rows(s).iter().map(|r| r.as_str().unwrap().to_owned());
                (!head.is_empty()).then_some(head).into_iter().chain(rows)
            })
            .collect()
    }

    #[test]
    fn a_slice_holds_exactly_its_lines() {
        let sections = [section("I. TẬP THỂ", 2), section("II. CÁ NHÂN", 3)];
        assert_eq!(lines(&sections), 7);
        let all = shown(&slice(&sections, 0..7));
        assert_eq!(all, ["I. TẬP THỂ", "1", "2", "II. CÁ NHÂN", "1", "2", "3"]);
        // Every cut of the list into two pieces gives back the list.
        for cut in 0..=7 {
            let mut joined = shown(&slice(&sections, 0..cut));
            joined.extend(shown(&slice(&sections, cut..7)));
            assert_eq!(joined, all, "cut at {cut}");
        }
        assert!(slice(&sections, 2..2).is_empty());
        assert_eq!(shown(&slice(&sections, 2..5)), ["2", "II. CÁ NHÂN", "1"]);
    }
}
