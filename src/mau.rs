//! The reference sheet (`vanban mau`): one Party and one State sample decision, each in a
//! short form (the decision and its list) and a three-page form, made by a build.
//!
//! The samples are an embedded dataset (`templates/mau/`) taken through the real stages:
//! load, validate and assess it, plan it with numbers from an in-memory register (no
//! register file is read or written), then render and compile the decisions with the
//! production templates. The recognition decision of the Ban Chỉ đạo is the Party sample,
//! the reward decision of the Ủy ban nhân dân the State one. The layout tests and the PNG
//! snapshots lay these out, so what they protect is what a build prints.
//!
//! The values are made up and plainly generic ("xã Mẫu Thử", "Nguyễn Văn A"); the layout
//! library itself names no body (D16).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use typst_layout::PagedDocument;

use crate::compile;
use crate::diagnostics::Diagnostic;
use crate::doc_kind::DocKind;
use crate::fonts::{FontOptions, FontPolicy, FontSet};
use crate::model::{Date, Regime};
use crate::numbering::Fresh;
use crate::plan::{self, Job};
use crate::render::Templates;
use crate::world::Engine;

/// The records every sample shares: the two issuing bodies, the collectives and people
/// their decisions list.
const RECORDS: &[(&str, &str)] = &[
    (
        "co-quan.yaml",
        include_str!("../templates/mau/co-quan.yaml"),
    ),
    (
        "tap-the.yaml",
        include_str!("../templates/mau/tap-the.yaml"),
    ),
    (
        "ca-nhan.yaml",
        include_str!("../templates/mau/ca-nhan.yaml"),
    ),
];

/// The round of the short samples.
const ROUND: &str = include_str!("../templates/mau/dot.yaml");

/// The round of the three-page samples: the same decisions citing more bases, so the
/// bases fill page 1, the last article and the signature fall on page 2 and the list on
/// page 3.
const ROUND_LONG: &str = include_str!("../templates/mau/dot-3-trang.yaml");

/// One sample document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// File name without extension: `mau-dang`, `mau-nha-nuoc-3-trang`.
    pub name: &'static str,
    /// Party or State form.
    pub regime: Regime,
    /// The three-page variant: bases that fill page 1, the text running onto page 2, the
    /// list on page 3.
    pub long: bool,
}

/// Every sample, Party first.
pub const SAMPLES: [Sample; 4] = [
    Sample {
        name: "mau-dang",
        regime: Regime::Dang,
        long: false,
    },
    Sample {
        name: "mau-nha-nuoc",
        regime: Regime::NhaNuoc,
        long: false,
    },
    Sample {
        name: "mau-dang-3-trang",
        regime: Regime::Dang,
        long: true,
    },
    Sample {
        name: "mau-nha-nuoc-3-trang",
        regime: Regime::NhaNuoc,
        long: true,
    },
];

/// The samples' date, 5 February 2025: a day and a month that both take a leading zero.
/// The embedded rounds date both decisions so; the calibration sheet uses it too.
pub fn date() -> Date {
    Date(NaiveDate::from_ymd_opt(2025, 2, 5).expect("a valid date"))
}

/// The built-in templates and an engine over the chosen fonts, without a dataset.
pub fn engine(fonts: FontPolicy) -> (Templates, Engine) {
    let templates = Templates::load(None).expect("the built-in templates parse");
    let fonts = FontSet::load(&FontOptions {
        dataset_dir: None,
        system: fonts == FontPolicy::WithSystem,
    });
    let engine = Engine::new(fonts, &templates.lib, Vec::new());
    (templates, engine)
}

/// The samples planned from the embedded dataset, with the templates and engine that lay
/// them out.
pub struct Sheet {
    /// The built-in templates.
    pub templates: Templates,
    /// The engine over the chosen fonts.
    pub engine: Engine,
    /// Each sample's planned decision, in [`SAMPLES`] order.
    jobs: Vec<(Sample, Job)>,
}

impl Sheet {
    /// Loads, validates, assesses and plans the embedded dataset, short and long, with the
    /// fonts of `policy`. An error here is a fault of the embedded data, not the user's.
    pub fn new(policy: FontPolicy) -> anyhow::Result<Sheet> {
        let (templates, engine) = engine(policy);
        let mut jobs = Vec::new();
        for (long, round) in [(false, ROUND), (true, ROUND_LONG)] {
            let mut decisions = plan_round(round, &engine.fonts)?;
            for sample in SAMPLES.iter().filter(|s| s.long == long) {
                let i = decisions
                    .iter()
                    .position(|(regime, _)| *regime == sample.regime)
                    .with_context(|| {
                        format!("bộ dữ liệu mẫu không có quyết định cho {}", sample.name)
                    })?;
                jobs.push((*sample, decisions.swap_remove(i).1));
            }
        }
        jobs.sort_by_key(|(s, _)| SAMPLES.iter().position(|x| x == s));
        Ok(Sheet {
            templates,
            engine,
            jobs,
        })
    }

    /// The planned decision of `sample`.
    pub fn job(&self, sample: &Sample) -> &Job {
        &self
            .jobs
            .iter()
            .find(|(s, _)| s == sample)
            .expect("every sample is planned")
            .1
    }

    /// The Typst source of `sample`, rendered from its production template.
    pub fn source(&self, sample: &Sample) -> Result<String, Vec<Diagnostic>> {
        self.templates
            .document(self.job(sample), self.engine.fonts.family())
            .map_err(|d| vec![d])
    }

    /// Renders and lays out one sample.
    pub fn layout(&self, sample: &Sample) -> Result<PagedDocument, Vec<Diagnostic>> {
        let job = self.job(sample);
        let source = self.source(sample)?;
        compile::layout(
            &self.engine,
            source,
            job.date,
            self.templates.template_ref(job.template()),
        )
    }

    /// The PDF bytes of one sample.
    pub fn pdf(&self, sample: &Sample) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let doc = self.layout(sample)?;
        compile::pdf(
            &doc,
            &format!("vanban/mau/{}", sample.name),
            self.job(sample).date,
        )
    }
}

/// The decisions of the embedded dataset with `round` as its round file, each with the
/// regime of the body that issues it.
fn plan_round(round: &str, fonts: &FontSet) -> anyhow::Result<Vec<(Regime, Job)>> {
    let dir = tempfile::tempdir().context("không tạo được thư mục tạm cho bộ dữ liệu mẫu")?;
    for (name, text) in RECORDS.iter().chain([&("dot.yaml", round)]) {
        crate::write::atomic(&dir.path().join(name), text.as_bytes())?;
    }
    let (ds, verdicts, report) = crate::pipeline::appraise_with(dir.path(), &[], fonts)?;
    let kinds = [DocKind::QuyetDinhCongNhan, DocKind::QuyetDinhKhenThuong];
    let planned = plan::plan(
        &ds,
        &verdicts,
        &mut Fresh::default(),
        &HashMap::new(),
        &kinds,
    );
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .chain(&planned.diagnostics)
        .filter(|d| d.is_error())
        .map(Diagnostic::render)
        .collect();
    if !problems.is_empty() {
        anyhow::bail!(
            "bộ dữ liệu mẫu có lỗi (lỗi của vanban, không phải của bạn):\n{}",
            problems.join("\n")
        );
    }
    let regime = |job: &Job| {
        let ma = &job.issued.as_ref()?.key.body;
        ds.bodies
            .iter()
            .find(|b| &b.record.ma == ma)
            .map(|b| b.record.regime)
    };
    Ok(planned
        .jobs
        .into_iter()
        .filter_map(|job| Some((regime(&job)?, job)))
        .collect())
}

/// Writes every sample as `<dir>/<name>.pdf`.
pub fn write(dir: &Path, fonts: FontPolicy) -> anyhow::Result<Vec<PathBuf>> {
    let sheet = Sheet::new(fonts)?;
    let mut written = Vec::new();
    for sample in &SAMPLES {
        let bytes = sheet.pdf(sample).map_err(|diags| {
            let msgs: Vec<String> = diags.iter().map(Diagnostic::render).collect();
            anyhow::anyhow!(
                "không dựng được văn bản mẫu {}:\n{}",
                sample.name,
                msgs.join("\n")
            )
        })?;
        let path = dir.join(format!("{}.pdf", sample.name));
        crate::write::atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
