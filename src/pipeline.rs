//! The stages in order: load → validate → plan → render → compile → register → write.
//!
//! Validate ends with the criteria (assess); plan asks the register for numbers, which it
//! only proposes; compile puts each PDF in place as it is made; register then commits the
//! numbers of what was written, and write ([`crate::results`]) lists them in the CSV.
//!
//! This is the only place that knows the order. Data problems become diagnostics and drop
//! only the record or document concerned — except that a record that failed holds back
//! every numbered list, which would otherwise change shape once it is fixed. A document
//! that cannot be written fails alone; environment failures (a held or damaged register,
//! the disk) stop the run as `Err`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Report};
use crate::fonts::{self, FontPolicy, FontSet};
use crate::load::{self, Dataset};
use crate::paths::DatasetPaths;
use crate::plan;
use crate::produce::produce;
pub use crate::produce::{Progress, Silent};
use crate::register::{self, Register};
use crate::render::Templates;
use crate::validate::criteria::{self, Totals, Verdicts};
use crate::world::Engine;
use crate::{emblems, validate};

/// Options of a build, resolved once from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The dataset folder.
    pub dataset: PathBuf,
    /// The output folder; documents go under `<out>/<nam>/`.
    pub out: PathBuf,
    /// How many documents are laid out at once.
    pub threads: usize,
    /// Whether fonts installed on the machine may be used.
    pub system_fonts: bool,
    /// How long to wait for another build holding the dataset's register.
    pub register_wait: Duration,
    /// Only documents of these kinds; empty for all.
    pub only: Vec<crate::doc_kind::DocKind>,
    /// Whether the PDFs are written as PDF/A-2b, in place of plain PDF.
    pub pdfa: bool,
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
            pdfa: false,
        }
    }

    /// Where the dataset keeps its templates, fonts and the rest.
    pub fn paths(&self) -> DatasetPaths {
        DatasetPaths::new(&self.dataset)
    }

    /// Which fonts may be used.
    pub fn font_policy(&self) -> FontPolicy {
        FontPolicy::from_flag(!self.system_fonts)
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every diagnostic of the run, in the order found.
    pub report: Report,
    /// Files written, relative to the output folder, in plan order.
    pub written: Vec<PathBuf>,
    /// Documents that could not be produced.
    pub failed: usize,
    /// Issued documents whose file was kept as issued rather than written again.
    pub kept: Vec<PathBuf>,
    /// Letters whose file already held what they print, not written again.
    pub current: Vec<PathBuf>,
    /// Numbered documents not written because a record that could be on their lists
    /// failed to load or validate, relative to the output folder.
    pub held_back: Vec<PathBuf>,
    /// Outputs of records no longer in the data, moved to `out/<nam>/cu/`: (from, to),
    /// relative to the output folder.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// How long the build took.
    pub elapsed: Duration,
    /// Verdicts of the criteria, summed over the rounds.
    pub totals: Totals,
}

/// Loads and validates the dataset against the contract: the first half of [`appraise`].
pub fn check(dataset: &Path, skip: &[PathBuf]) -> anyhow::Result<(Dataset, Report)> {
    if dataset.is_file() {
        let folder = dataset
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        anyhow::bail!(
            "`{}` là một tệp, không phải thư mục dữ liệu — hãy chỉ thư mục chứa nó: `{}`",
            dataset.display(),
            folder.display()
        );
    }
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
                .code(crate::codes::Code::MissingRecord)
                .hint("thêm một tệp có `loai: dot`, `phong_trao`, `nam` và `cong_nhan`; `vanban init` tạo sẵn một bộ mẫu"),
        );
    }
    Ok((ds, report))
}

/// Loads, validates and assesses the dataset against the criteria of the guidance: what
/// `vanban check` prints. Text is checked against the fonts a build would choose with the
/// machine's fonts allowed.
pub fn appraise(
    dataset: &Path,
    skip: &[PathBuf],
) -> anyhow::Result<(Dataset, Vec<Verdicts>, Report)> {
    let fonts = FontSet::load(&fonts::options_for(
        &DatasetPaths::new(dataset).fonts,
        FontPolicy::WithSystem,
    ));
    appraise_with(dataset, skip, &fonts)
}

/// [`appraise`] against the fonts of the build: what a build lists from.
pub fn appraise_with(
    dataset: &Path,
    skip: &[PathBuf],
    fonts: &FontSet,
) -> anyhow::Result<(Dataset, Vec<Verdicts>, Report)> {
    let (mut ds, mut report) = check(dataset, skip)?;
    report.extend(fonts.diagnostics());
    report.extend(validate::glyphs::check(&mut ds, fonts));
    let (verdicts, diags) = criteria::assess(&ds);
    report.extend(diags);
    Ok((ds, verdicts, report))
}

/// Builds every document of the dataset into the output folder.
pub fn build(opts: &BuildOptions) -> anyhow::Result<Outcome> {
    build_with(opts, &Silent)
}

/// Refuses an output folder inside the dataset that holds data files: the loader skips
/// the output folder, so the records under it would silently be left out.
fn check_out(opts: &BuildOptions) -> anyhow::Result<()> {
    let (Ok(data), Ok(out)) = (opts.dataset.canonicalize(), absolute(&opts.out)) else {
        return Ok(());
    };
    let holds_records = || {
        walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| {
                e.file_type().is_file()
                    && matches!(
                        e.path().extension().and_then(|x| x.to_str()),
                        Some("yaml" | "yml")
                    )
            })
    };
    // Only the dataset's own `out/` may stand inside it: the loader always passes over
    // that one, while any other folder there would be read as data on the next build
    // (its workbooks look like lists).
    if out.starts_with(&data) && out != data.join("out") {
        anyhow::bail!(
            "thư mục kết quả {} nằm trong thư mục dữ liệu {}: lần chạy sau vanban sẽ đọc các tệp kết quả trong đó như dữ liệu — ghi vào thư mục `out` của bộ dữ liệu ({}) hoặc một thư mục ở ngoài, ví dụ `--out out`",
            opts.out.display(),
            opts.dataset.display(),
            opts.dataset.join("out").display()
        );
    }
    if out.starts_with(&data) && holds_records() {
        anyhow::bail!(
            "thư mục kết quả {} nằm trong thư mục dữ liệu {} và có tệp dữ liệu: vanban bỏ qua thư mục kết quả khi đọc, nên các bản ghi trong đó sẽ bị bỏ sót — chọn thư mục khác, ví dụ `--out out`",
            opts.out.display(),
            opts.dataset.display()
        );
    }
    Ok(())
}

/// `path` made absolute through its nearest existing ancestor, which may be a link.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(
            existing
                .file_name()
                .map(|n| n.to_owned())
                .unwrap_or_default(),
        );
        existing = existing.parent().unwrap_or(Path::new("/"));
    }
    let mut out = existing.canonicalize()?;
    out.extend(rest.into_iter().rev());
    Ok(out)
}

/// [`build`], reporting progress to `progress`.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    check_out(opts)?;
    let paths = opts.paths();
    let fonts = FontSet::load(&fonts::options_for(&paths.fonts, opts.font_policy()));
    let (ds, verdicts, mut report) =
        appraise_with(&opts.dataset, std::slice::from_ref(&opts.out), &fonts)?;
    let totals = Totals::sum(&verdicts);
    let templates = match Templates::load(Some(&paths.templates)) {
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
    let (assets, emblems) = emblems::load(&ds)?;
    let engine = Engine::new(fonts, &templates.lib, assets);
    // The register stays locked from the first proposed number to the commit, so a second
    // build on this dataset waits here rather than proposing the same numbers.
    // A register lost while the output shows numbers were issued is not started again.
    if !opts.dataset.join(register::FILE).exists() {
        register::refuse_blank(&opts.dataset, &opts.out)?;
    }
    let mut register = Register::open(&opts.dataset, opts.register_wait)?;
    if register.is_blank() {
        register::refuse_blank(&opts.dataset, &opts.out)?;
    }
    for note in &register.notes {
        report.push(Diagnostic::warning(note.clone()).code(crate::codes::Code::Register));
    }
    crate::write::remove_leftovers(&opts.out);
    // A record that failed to load or validate might belong on a list: no list is
    // written from the others, or the list (and every number after it) would change
    // shape once the record is fixed.
    let failed_records: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| match &d.location {
            Some(l) => l.place(),
            None => d.message.clone(),
        })
        .collect();
    // The check table first: it is written from the records, and the plan need not be
    // held beside it.
    crate::results::write_checks(&ds, &verdicts, &opts.out)?;
    let mut plan = plan::plan(&ds, &verdicts, &mut register, &emblems, &opts.only);
    report.extend(std::mem::take(&mut plan.diagnostics));
    let mut held_back = Vec::new();
    if !failed_records.is_empty() {
        let (numbered, letters): (Vec<_>, Vec<_>) = std::mem::take(&mut plan.jobs)
            .into_iter()
            .partition(plan::Plan::is_numbered);
        plan.jobs = letters;
        held_back = numbered.into_iter().map(|j| j.path).collect();
        held_back.dedup();
        if !held_back.is_empty() {
            report.push(held_back_note(&held_back, &failed_records));
        }
    } else {
        register.reserve(&plan.reserved)?;
    }
    // The jobs own what they print: the records and verdicts can go before the
    // documents are laid out, which is when memory peaks.
    let years: Vec<i32> = ds.rounds.iter().map(|r| r.record.year).collect();
    drop((ds, verdicts));
    let produced = produce(
        &plan.jobs,
        &plan.kept,
        &templates,
        &engine,
        &crate::produce::Target {
            out: &opts.out,
            threads: opts.threads,
            pdfa: opts.pdfa,
        },
        progress,
    )?;
    // What typst memoised for the documents is of no more use; the register comes next.
    typst::comemo::evict(0);
    register.reserve(&produced.unwritten)?;
    register.commit(&produced.issued)?;
    // Committed: the jobs and what they printed can go before the register's rows are read
    // back for the results, which would otherwise be held beside them.
    let crate::produce::Produced {
        written,
        failed,
        kept,
        current,
        diagnostics,
        ..
    } = produced;
    drop(std::mem::take(&mut plan.jobs));
    crate::results::issued(&register, &years, &opts.out)?;
    // An issued document the plan already said it keeps (naming what changed) needs no
    // second, vaguer warning from production that its file was kept.
    let said: std::collections::HashSet<PathBuf> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Some(crate::codes::Code::Register))
        .filter_map(|d| d.document.clone())
        .collect();
    report.extend(diagnostics.into_iter().filter(|d| {
        d.code != Some(crate::codes::Code::Register)
            || d.document.as_ref().is_none_or(|p| !said.contains(p))
    }));
    // Outputs of records no longer in the data: only on a full run of a dataset without
    // errors, where what was not planned is really gone (a broken record is not).
    let mut moved = Vec::new();
    if failed_records.is_empty() && opts.only.is_empty() {
        // Paper recorded as issued was handed out: it stays where the register says.
        plan.planned.extend(register.issued_files()?);
        for &year in &years {
            let stale = crate::write::move_stale(&opts.out, year, &plan.planned);
            moved.extend(stale.moved);
            for (path, e) in stale.failed {
                report.push(
                    Diagnostic::warning(format!(
                        "không chuyển được tệp cũ {} vào thư mục cu/: {}",
                        opts.out.join(&path).display(),
                        crate::diagnostics::io_reason(&e)
                    )).code(crate::codes::Code::Pdf)
                    .document(path)
                    .hint("tệp này không còn ứng với bản ghi nào trong dữ liệu: đóng tệp nếu đang mở rồi chạy lại, hoặc tự xóa nó"),
                );
            }
        }
    }
    Ok(Outcome {
        report,
        written,
        failed,
        kept,
        current,
        held_back,
        moved,
        elapsed: start.elapsed(),
        totals,
    })
}

/// Why the numbered documents were not written: the records that failed, where.
fn held_back_note(held: &[PathBuf], failed: &[String]) -> Diagnostic {
    const SHOWN: usize = 5;
    let mut places: Vec<&str> = failed.iter().map(String::as_str).collect();
    places.dedup();
    let more = places.len().saturating_sub(SHOWN);
    let mut at = places[..places.len().min(SHOWN)].join("; ");
    if more > 0 {
        at.push_str(&format!(" và {more} chỗ khác"));
    }
    let certificates = held
        .iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "giay-khen"))
        .count();
    let lists: Vec<String> = held
        .iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "giay-khen"))
        .map(|p| p.display().to_string())
        .collect();
    let mut what = lists.join(", ");
    if certificates > 0 {
        if !what.is_empty() {
            what.push_str(", ");
        }
        what.push_str(&format!("giấy khen ({certificates} tệp in)"));
    }
    Diagnostic::error(format!(
        "chưa ghi các văn bản có số và danh sách ({what}) vì dữ liệu có lỗi ở: {at}"
    )).code(crate::codes::Code::DocumentContent)
    .hint("một bản ghi lỗi có thể thuộc danh sách: ghi danh sách thiếu nó sẽ làm sai danh sách và số sổ vàng. Sửa các lỗi trên rồi chạy lại; bản đăng ký, báo cáo của các bản ghi đúng vẫn được ghi")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output folder inside the dataset that holds records would hide them from the
    /// loader: refused. One that holds only output is fine.
    #[test]
    fn an_output_folder_over_records_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        crate::init::init(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join("ca-nhan")).unwrap();
        std::fs::rename(
            dir.path().join("ca-nhan.yaml"),
            dir.path().join("ca-nhan/a.yaml"),
        )
        .unwrap();
        let inside = BuildOptions::new(dir.path(), dir.path().join("ca-nhan"));
        let err = check_out(&inside).unwrap_err();
        assert!(
            format!("{err:#}").contains("nằm trong thư mục dữ liệu"),
            "{err:#}"
        );
        let own = BuildOptions::new(dir.path(), dir.path().join("out"));
        assert!(check_out(&own).is_ok());
        // Any other folder inside the dataset would be read as data on the next build.
        let other = BuildOptions::new(dir.path(), dir.path().join("ket-qua"));
        let err = check_out(&other).unwrap_err();
        assert!(
            format!("{err:#}").contains("lần chạy sau vanban sẽ đọc các tệp kết quả"),
            "{err:#}"
        );
    }
}
