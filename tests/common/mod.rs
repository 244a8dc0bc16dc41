//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vanban::pipeline::{self, BuildOptions, Outcome};

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Builds a copy of `dataset` into `out` without system fonts, so results depend neither on
/// the machine nor on an issuing register left in the fixture by an earlier run.
pub(crate) fn build(dataset: &Path, out: &Path, threads: usize) -> Outcome {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dataset, copy.path());
    build_in_place(copy.path(), out, threads)
}

/// Builds `dataset` itself (its register included) into `out`, without system fonts.
pub(crate) fn build_in_place(dataset: &Path, out: &Path, threads: usize) -> Outcome {
    let mut opts = BuildOptions::new(dataset, out);
    opts.system_fonts = false;
    opts.threads = threads;
    pipeline::build(&opts).expect("the build runs")
}

/// The text of a PDF, as `pdftotext -raw` reads it, with runs of white space made one space.
pub(crate) fn pdf_text(path: &Path) -> String {
    squash(&pdftotext(path, &["-raw"]))
}

/// The text of page `page` (from 1) of a PDF, white space squashed as [`pdf_text`] does.
pub(crate) fn page_text(path: &Path, page: usize) -> String {
    let page = page.to_string();
    squash(&pdftotext(path, &["-raw", "-f", &page, "-l", &page]))
}

/// The text of a PDF as `pdftotext -layout` places it: columns side by side on one line.
pub(crate) fn pdf_layout(path: &Path) -> String {
    pdftotext(path, &["-layout"])
}

/// What `pdftotext` with `args` prints for a PDF, lines kept as they are.
pub(crate) fn pdftotext(path: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// What `pdfinfo` reads in a PDF, refusing a file poppler had to repair.
pub(crate) fn pdfinfo(path: &Path) -> String {
    let info = Command::new("pdfinfo").arg(path).output().unwrap();
    // poppler repairs a broken cross-reference table silently but for a complaint here.
    // One complaint is poppler's own (22.02, Debian 12): it misreads the valid
    // `/MarkInfo <</Marked true /Suspects false>>` that typst writes in a tagged PDF.
    let complaints: Vec<String> = String::from_utf8_lossy(&info.stderr)
        .lines()
        .filter(|l| !l.contains("Suspects object is wrong type"))
        .map(str::to_owned)
        .collect();
    assert!(
        info.status.success() && complaints.is_empty(),
        "pdfinfo rejects {}: {}",
        path.display(),
        complaints.join("\n")
    );
    String::from_utf8(info.stdout).unwrap()
}

/// The number of pages `pdfinfo` reads in a PDF (which also proves the file well formed).
pub(crate) fn page_count(path: &Path) -> usize {
    pdfinfo(path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|p| p.trim().parse().unwrap())
        .unwrap()
}

/// The `vanban` binary, ready for arguments.
pub(crate) fn vanban_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

/// Runs `vanban` with `args` to its end.
pub(crate) fn vanban(args: &[&str]) -> Output {
    vanban_command()
        .args(args)
        .output()
        .expect("the vanban binary runs")
}

/// Compares `actual` with the snapshot `tests/snapshots/NAME`; `VANBAN_BLESS=1 cargo test`
/// rewrites the snapshot instead. `what` names the compared output in the failure.
pub(crate) fn snapshot(name: &str, what: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var_os("VANBAN_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run `VANBAN_BLESS=1 cargo test` and review it",
            path.display()
        )
    });
    if actual != expected {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  - {e}\n  + {a}", i + 1))
            .collect();
        panic!(
            "{what} differs from {} ({} vs {} lines):\n{}\nrun `VANBAN_BLESS=1 cargo test` if the change is intended",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// Collapses white space, so wrapped lines compare as one.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Copies a folder recursively (fixtures are copied before a test writes into them).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        // The register a build of the dataset in place left (`cargo run -- build data`,
        // the README's first command) is that run's history, not part of the dataset: a
        // copy starts with none, as on a clean clone.
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(vanban::register::FILE)
        {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_owned())
        .collect();
    out.sort();
    out
}

/// The starter dataset (`templates/init`) in `dir`, its one person made `n`: `cn-000`…,
/// named "Nguyễn Thị Ánh 000"…, each as eligible as the original.
pub(crate) fn init_with_people(dir: &Path, n: usize) {
    copy_dir(&root().join("templates/init"), dir);
    let person = std::fs::read_to_string(dir.join("ca-nhan.yaml")).unwrap();
    let mut many = String::new();
    for k in 0..n {
        let record = person
            .replace("ma: nguyen-thi-anh", &format!("ma: cn-{k:03}"))
            .replace("Nguyễn Thị Ánh", &format!("Nguyễn Thị Ánh {k:03}"));
        let indented: String = record.lines().map(|l| format!("  {l}\n")).collect();
        many.push_str(&format!("-{}", &indented[1..]));
    }
    std::fs::write(dir.join("ca-nhan.yaml"), many).unwrap();
}
