//! Long lists laid out in pieces (issue 16): a decision whose list runs to hundreds of pages
//! is laid out a few hundred rows at a time and joined. Here a list of a few pages is cut
//! into pieces of a few rows, and the joined file must read page for page as the document
//! laid out whole: the same rows on the same pages, the page numbers counted on.

use std::path::Path;

use crate::common::{init_with_people, page_count, pdf_layout, pdfinfo};
use vanban::compile;
use vanban::doc_kind::DocKind;
use vanban::fonts::{FontPolicy, FontSet};
use vanban::pieces;
use vanban::plan::Job;
use vanban::render::Templates;
use vanban::world::Engine;

/// The recognition decision of `n` people, planned as a build plans it, with what makes it.
fn decision(dataset: &Path, templates: Templates) -> (Job, Templates, Engine) {
    let fonts = FontSet::load(&vanban::fonts::options_for(
        &dataset.join("fonts"),
        FontPolicy::DatasetOnly,
    ));
    let (ds, verdicts, report) =
        vanban::pipeline::appraise_with(dataset, &[], &fonts).expect("appraised");
    assert!(!report.has_errors(), "{}", report.render());
    let (assets, emblems) = vanban::emblems::load(&ds).unwrap();
    let mut plan = vanban::plan::plan(
        &ds,
        &verdicts,
        &mut vanban::numbering::Fresh::default(),
        &emblems,
        &[DocKind::QuyetDinhCongNhan],
    );
    let i = plan
        .jobs
        .iter()
        .position(|j| j.kind == DocKind::QuyetDinhCongNhan)
        .expect("a recognition decision");
    let job = plan.jobs.swap_remove(i);
    let engine = Engine::new(fonts, &templates.lib, assets);
    (job, templates, engine)
}

/// The document laid out whole, as a short list is.
fn whole(job: &Job, templates: &Templates, engine: &Engine) -> Vec<u8> {
    let mut context = job.values.context();
    context.insert("font", engine.fonts.family());
    let source = templates.render(job.template(), &context).unwrap();
    let doc = compile::layout(
        engine,
        source,
        job.date,
        templates.template_ref(job.template()),
    )
    .unwrap();
    compile::pdf(&doc, &job.ident(), job.date).unwrap()
}

fn write(dir: &Path, name: &str, pdf: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    path
}

#[test]
fn a_list_laid_out_in_pieces_reads_page_for_page_as_laid_out_whole() {
    let dataset = tempfile::tempdir().unwrap();
    init_with_people(dataset.path(), 150);
    let (job, templates, engine) = decision(dataset.path(), Templates::load(None).unwrap());
    let maker = pieces::Maker {
        templates: &templates,
        engine: &engine,
        standard: compile::Standard::Pdf,
    };
    // 152 lines (two section lines, one collective, 150 people) in pieces of 30.
    let joined = maker
        .document_in(&job, 30, 40)
        .expect("a list past the threshold is laid out in pieces")
        .expect("the pieces are made");
    let out = tempfile::tempdir().unwrap();
    let joined = write(out.path(), "pieces.pdf", &joined);
    let whole = write(out.path(), "whole.pdf", &whole(&job, &templates, &engine));
    let pages = page_count(&whole);
    assert!(
        pages >= 6,
        "the list runs over several pieces: {pages} pages"
    );
    assert_eq!(page_count(&joined), pages);
    // Page for page the same text in the same places: the page numbers on the list's
    // pages from "2", every row once, in order, none lost at a cut.
    let (a, b) = (pdf_layout(&joined), pdf_layout(&whole));
    for (page, (a, b)) in a.split('\u{c}').zip(b.split('\u{c}')).enumerate() {
        assert_eq!(a, b, "page {}", page + 1);
    }
    assert!(a.contains("Nguyễn Thị Ánh 149"), "{a}");
    // Its title stays; a joined file has no structure tree (the price of joining).
    let info = pdfinfo(&joined);
    assert!(info.contains("Title:           Quyết định: "), "{info}");
    assert!(info.contains("Tagged:          no"), "{info}");
    assert!(pdfinfo(&whole).contains("Tagged:          yes"));
    // A list under the threshold is laid out whole.
    assert!(maker.document_in(&job, 30, 1000).is_none());
}

/// A dataset's own decision template that does not mark its rows for pieces still gives
/// its decision, laid out whole.
#[test]
fn a_template_without_row_markers_is_laid_out_whole() {
    let dataset = tempfile::tempdir().unwrap();
    init_with_people(dataset.path(), 60);
    let own = dataset.path().join("templates");
    std::fs::create_dir_all(&own).unwrap();
    let text = std::fs::read_to_string(crate::common::root().join("templates/quyet-dinh.typ.tera"))
        .unwrap();
    let older = text.replace(", piece=piece | default(value=false)", "");
    assert_ne!(older, text);
    std::fs::write(own.join("quyet-dinh.typ.tera"), older).unwrap();
    let templates = Templates::load(Some(&own)).unwrap();
    let (job, templates, engine) = decision(dataset.path(), templates);
    let maker = pieces::Maker {
        templates: &templates,
        engine: &engine,
        standard: compile::Standard::Pdf,
    };
    assert!(maker.document_in(&job, 20, 30).is_none());
}
