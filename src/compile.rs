//! Compile: Typst source → laid-out document → PDF bytes, deterministically, with
//! Typst's diagnostics turned into ours and a check that no glyph is missing.

use chrono::Datelike;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::{Diagnostic, Location};
use crate::model::Date;
use crate::render::TemplateRef;
use crate::world::{DocWorld, Engine};

/// Lays out a rendered source. Errors come back as diagnostics on the template, and a
/// character no font could draw fails the document.
pub fn layout(
    engine: &Engine,
    text: String,
    date: Date,
    tpl: TemplateRef,
) -> Result<PagedDocument, Vec<Diagnostic>> {
    let doc = typeset(engine, text, date, tpl)?;
    let mut missing: Vec<_> = doc.pages().iter().flat_map(|p| missing(&p.frame)).collect();
    missing.sort();
    missing.dedup();
    if missing.is_empty() {
        Ok(doc)
    } else {
        Err(missing.into_iter().map(missing_glyph).collect())
    }
}

/// [`layout`] for a document whose pages are filed apart (certificates): a character no
/// font could draw fails only its page, so the problems come back page by page.
pub fn layout_pages(
    engine: &Engine,
    text: String,
    date: Date,
    tpl: TemplateRef,
) -> Result<(PagedDocument, Vec<Vec<Diagnostic>>), Vec<Diagnostic>> {
    let doc = typeset(engine, text, date, tpl)?;
    let pages = doc
        .pages()
        .iter()
        .map(|p| missing(&p.frame).into_iter().map(missing_glyph).collect())
        .collect();
    Ok((doc, pages))
}

fn typeset(
    engine: &Engine,
    text: String,
    date: Date,
    tpl: TemplateRef,
) -> Result<PagedDocument, Vec<Diagnostic>> {
    let world = engine.world(text, date);
    let result = typst::compile::<PagedDocument>(&world).output;
    result.map_err(|errors| {
        errors
            .iter()
            .map(|e| convert(&world, engine, e, tpl))
            .collect()
    })
}

fn missing_glyph((c, family): (char, String)) -> Diagnostic {
    Diagnostic::error(format!(
        "phông chữ “{family}” không có chữ “{c}” (U+{:04X}): bản in sẽ hiện ô trống thay cho chữ này",
        c as u32
    ))
    .code(crate::codes::Code::MissingGlyph)
    .hint("sửa chữ này trong dữ liệu (thường do gõ nhầm bảng mã), hoặc đặt một phông Times New Roman đầy đủ vào thư mục fonts/ của bộ dữ liệu")
}

/// Which PDF a build writes: plain PDF 1.7, or PDF/A-2b for offices that archive
/// electronically (`build --pdfa`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// PDF 1.7, as typst writes it by default.
    #[default]
    Pdf,
    /// PDF/A-2b: XMP metadata with `pdfaid`, an sRGB output intent, every font embedded.
    PdfA2b,
}

/// How a document is written as PDF.
#[derive(Debug, Clone, Copy)]
pub struct Writing {
    /// Whether the PDF is tagged: a chunk of certificates is not, since joining it into
    /// the print file would break its structure tree (a batch of letters is: each file cut
    /// from it keeps its part of the tree).
    pub tagged: bool,
    /// The standard it conforms to.
    pub standard: Standard,
}

impl Default for Writing {
    fn default() -> Self {
        Writing {
            tagged: true,
            standard: Standard::Pdf,
        }
    }
}

/// Writes a laid-out document as PDF with a fixed identity and creation date.
pub fn pdf(doc: &PagedDocument, ident: &str, date: Date) -> Result<Vec<u8>, Vec<Diagnostic>> {
    pdf_with(doc, ident, date, Writing::default())
}

/// [`pdf`], tagged or not, in the standard asked for.
pub fn pdf_with(
    doc: &PagedDocument,
    ident: &str,
    date: Date,
    how: Writing,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let d = date.0;
    let stamp = Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 0, 0, 0)
        .expect("a chrono date is a valid typst date");
    let standards = match how.standard {
        Standard::Pdf => PdfStandards::default(),
        Standard::PdfA2b => {
            PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b alone is a valid list")
        }
    };
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(stamp)),
        tagged: how.tagged,
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let d = Diagnostic::error(format!("không ghi được PDF: {}", e.message))
                    .code(crate::codes::Code::Pdf);
                match how.standard {
                    Standard::Pdf => d,
                    Standard::PdfA2b => d.hint(
                        "văn bản này không ghi được theo chuẩn PDF/A-2b; chạy lại không có `--pdfa` để có bản PDF thường",
                    ),
                }
            })
            .collect()
    })
}

/// Every character drawn with the `.notdef` glyph in `frame`, with the font that lacked it.
fn missing(frame: &Frame) -> Vec<(char, String)> {
    let mut out = Vec::new();
    walk(frame, &mut out);
    out.sort();
    out.dedup();
    out
}

fn walk(frame: &Frame, out: &mut Vec<(char, String)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => walk(&g.frame, out),
            FrameItem::Text(t) => {
                for g in t.glyphs.iter().filter(|g| g.id == 0) {
                    let c = t.text[g.range()].chars().next().unwrap_or('\u{FFFD}');
                    out.push((c, t.font.font().info().family.clone()));
                }
            }
            _ => {}
        }
    }
}

/// A Typst error as our diagnostic, pointing at the template line that produced it.
fn convert(
    world: &DocWorld,
    engine: &Engine,
    e: &SourceDiagnostic,
    tpl: TemplateRef,
) -> Diagnostic {
    let mut d = Diagnostic::error(format!("mẫu văn bản lỗi: {}", e.message))
        .code(crate::codes::Code::Template)
        .hint("lỗi nằm trong mẫu, không phải trong dữ liệu; nếu bộ dữ liệu có thư mục templates/ riêng, hãy sửa dòng này hoặc xóa tệp mẫu đó để dùng mẫu có sẵn");
    let Some(id) = e.span.id() else {
        return d.at(Location::file(tpl.name));
    };
    let Some(range) = world.range(e.span) else {
        return d;
    };
    if id == world.main_source().id() {
        let source = world.main_source();
        let line = source.lines().byte_to_line(range.start).unwrap_or(0);
        let generated = source.text().lines().nth(line).unwrap_or("").trim();
        // Most template lines come through Tera unchanged: find the line it came from.
        let found = tpl
            .text
            .lines()
            .enumerate()
            .find(|(_, l)| !generated.is_empty() && l.trim() == generated);
        d = d.at(Location {
            line: found.map(|(i, _)| i + 1),
            col: 1,
            snippet: Some(
                found
                    .map(|(_, l)| l.to_owned())
                    .unwrap_or_else(|| generated.to_owned()),
            ),
            ..Location::file(tpl.name)
        });
    } else if let Some(source) = engine.source_of(id) {
        let (line, col) = source
            .lines()
            .byte_to_line_column(range.start)
            .unwrap_or((0, 0));
        d = d.at(Location::line(
            format!("templates{}", id.get().vpath().get_with_slash()),
            line + 1,
            col + 1,
            source.text().lines().nth(line).map(str::to_owned),
        ));
    }
    d
}
