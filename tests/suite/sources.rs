//! Snapshots of the Typst source each kind of document of `data/` is rendered to: a change
//! to a template, to the escaper or to the values a plan gives shows up here as a readable
//! diff, before anyone looks at a PDF. Rewritten with `VANBAN_BLESS=1`.

use std::collections::HashMap;

use crate::common::{root, snapshot};
use vanban::doc_kind::DocKind;
use vanban::fonts::{FontPolicy, FontSet};
use vanban::numbering::Fresh;
use vanban::render::Templates;

#[test]
fn the_typst_source_of_each_kind_of_document() {
    let data = root().join("data");
    let fonts = FontSet::load(&vanban::fonts::options_for(
        &data.join("fonts"),
        FontPolicy::DatasetOnly,
    ));
    let (ds, verdicts, report) = vanban::pipeline::appraise_with(&data, &[], &fonts).unwrap();
    assert!(!report.has_errors(), "{}", report.render());
    let plan = vanban::plan::plan(&ds, &verdicts, &mut Fresh::default(), &HashMap::new(), &[]);
    let templates = Templates::load(None).unwrap_or_else(|d| panic!("{d:?}"));
    for kind in DocKind::ALL {
        // The first document of the kind in plan order; for certificates, one certificate.
        let job = plan
            .jobs
            .iter()
            .find(|j| j.kind == kind)
            .unwrap_or_else(|| panic!("data/ plans no {}", kind.name()));
        let job = if job.pages.is_empty() {
            job.clone()
        } else {
            job.page(0)
        };
        let mut context = job.values.context();
        context.insert("font", fonts.family());
        let source = templates
            .render(job.template(), &context)
            .unwrap_or_else(|d| panic!("{}: {d:?}", kind.name()));
        snapshot(
            &format!("typ/{}.typ", kind.name()),
            &format!("the Typst source of {}", job.path.display()),
            &source,
        );
    }
}
