//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::pipeline::{self, BuildOptions, Outcome};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Builds a copy of `dataset` into `out` without system fonts, so results depend neither on
/// the machine nor on an issuing register left in the fixture by an earlier run.
pub fn build(dataset: &Path, out: &Path, threads: usize) -> Outcome {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dataset, copy.path());
    build_in_place(copy.path(), out, threads)
}

/// Builds `dataset` itself (its register included) into `out`, without system fonts.
pub fn build_in_place(dataset: &Path, out: &Path, threads: usize) -> Outcome {
    let mut opts = BuildOptions::new(dataset, out);
    opts.system_fonts = false;
    opts.threads = threads;
    pipeline::build(&opts).expect("the build runs")
}

/// The text of a PDF, as `pdftotext -raw` reads it, with runs of white space made one space.
pub fn pdf_text(path: &Path) -> String {
    pdftotext(path, &[])
}

/// The text of page `page` (from 1) of a PDF, white space squashed as [`pdf_text`] does.
pub fn page_text(path: &Path, page: usize) -> String {
    let page = page.to_string();
    pdftotext(path, &["-f", &page, "-l", &page])
}

fn pdftotext(path: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
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
    squash(&String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

/// The number of pages `pdfinfo` reads in a PDF (which also proves the file well formed).
pub fn page_count(path: &Path) -> usize {
    let info = Command::new("pdfinfo").arg(path).output().unwrap();
    // poppler repairs a broken cross-reference table silently but for a complaint here.
    assert!(
        info.status.success() && info.stderr.is_empty(),
        "pdfinfo rejects {}: {}",
        path.display(),
        String::from_utf8_lossy(&info.stderr)
    );
    String::from_utf8(info.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|p| p.trim().parse().unwrap())
        .unwrap()
}

/// Collapses white space, so wrapped lines compare as one.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Copies a folder recursively (fixtures are copied before a test writes into them).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_owned())
        .collect();
    out.sort();
    out
}
