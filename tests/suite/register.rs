//! The issuing register seen from outside: numbers survive rebuilds, follow D7, clash
//! loudly, and two builds at once never hand out the same number.
//!
//! Every test copies `tests/fixtures/register/base` to a temporary folder, since the
//! register is written into the dataset folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{copy_dir, files, fixture, pdftotext, vanban_command};
use vanban::pipeline::{self, BuildOptions, Outcome};
use vanban::register::{self, Filter, Register, Row};

/// A copy of the base fixture with `extra` files written over it.
fn dataset(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("register/base"), dir.path());
    add(dir.path(), extra);
    dir
}

fn add(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn options(dir: &Path) -> BuildOptions {
    let mut opts = BuildOptions::new(dir, dir.join("out"));
    opts.system_fonts = false;
    opts.threads = 2;
    opts
}

fn build(dir: &Path) -> Outcome {
    let outcome = pipeline::build(&options(dir)).unwrap();
    assert_eq!(outcome.failed, 0, "{}", outcome.report.render());
    outcome
}

/// A round rewarding both bodies, dated `date` (`2026-01-05`), optional `so` for bcd-xa.
fn round(year: i32, date: &str, bcd_so: Option<u32>) -> String {
    let so = bcd_so.map(|n| format!("\n    so: {n}")).unwrap_or_default();
    format!(
        "loai: dot\nphong_trao: Dân vận khéo\nnam: {year}\ncong_nhan:\n  co_quan: bcd-cn\n  ngay: {date}\n\
         khen_thuong:\n  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    ngay: {date}\n\
         \x20 - co_quan: bcd-xa\n    hinh_thuc: giay_khen\n    ngay: {date}{so}\n"
    )
}

fn rows(dir: &Path) -> Vec<Row> {
    register::list(dir, &Filter::default()).unwrap()
}

/// Reward decision numbers by (body, scope, subject); the recognition decisions come from
/// a body of their own (`bcd-cn`) so these sequences are the rewarding bodies' alone.
fn decisions(dir: &Path) -> BTreeMap<(String, String, String), u32> {
    rows(dir)
        .into_iter()
        .filter(|r| r.kind == "QĐ" && r.subject.starts_with("khen-thuong"))
        .map(|r| ((r.body, r.scope, r.subject), r.number))
        .collect()
}

fn decision(body: &str, scope: &str, year: i32, number: u32) -> ((String, String, String), u32) {
    (
        (body.into(), scope.into(), format!("khen-thuong-{year}")),
        number,
    )
}

/// The decision line a certificate prints.
fn cited(out: &Path, rel: &str) -> String {
    let text = pdftotext(&out.join(rel), &[]);
    text.lines()
        .find(|l| l.contains("Quyết định số"))
        .unwrap_or_else(|| panic!("no decision line in {rel}:\n{text}"))
        .trim()
        .to_owned()
}

/// Every file under `root`, relative, with its bytes.
fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(root)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn rebuild_after_deleting_out_gives_same_numbers_and_bytes() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build(ds.path());
    let first = contents(&out);
    let numbers = decisions(ds.path());
    assert_eq!(
        numbers,
        BTreeMap::from([
            decision("bcd-xa", "NK2020-10-15", 2025, 1),
            decision("ubnd-xa", "2025", 2025, 1),
        ])
    );

    std::fs::remove_dir_all(&out).unwrap();
    build(ds.path());
    let second = contents(&out);
    assert_eq!(decisions(ds.path()), numbers);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{} differs", path.display());
    }

    // The CSV opens in Excel with diacritics and its hashes are those of the files.
    let csv = String::from_utf8(first[Path::new("2025/so-van-ban.csv")].clone()).unwrap();
    assert!(csv.starts_with("\u{feff}\"Số, ký hiệu văn bản\",Ngày tháng văn bản,"));
    let cert = Path::new("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf");
    let line = csv
        .lines()
        .find(|l| l.contains("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"))
        .expect("the certificate is in the CSV");
    assert!(line.contains("Sổ vàng số 02, QĐ số 01/QĐ-UBND"), "{line}");
    assert!(
        line.ends_with(&register::sha256(&first[cert])),
        "{line} lacks the file's SHA-256"
    );
    assert!(csv.contains("\r\n01/QĐ-UBND,15/12/2025,"), "{csv}");
}

#[test]
fn a_record_added_later_gets_the_next_number_and_leaves_old_ones_alone() {
    let ds = dataset(&[]);
    build(ds.path());
    let out = ds.path().join("out");
    assert_eq!(
        cited(&out, "2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 01-QĐ/BCĐ ngày 16/12/2025"
    );

    // A 2024 round entered late is planned first, yet the 2025 decision already issued
    // keeps 01 and the Party body's late decision takes the next number of its term.
    add(
        ds.path(),
        &[("dot-2024.yaml", &round(2024, "2024-12-20", None))],
    );
    build(ds.path());
    assert_eq!(
        decisions(ds.path()),
        BTreeMap::from([
            decision("bcd-xa", "NK2020-10-15", 2024, 2),
            decision("bcd-xa", "NK2020-10-15", 2025, 1),
            decision("ubnd-xa", "2024", 2024, 1),
            decision("ubnd-xa", "2025", 2025, 1),
        ])
    );
    assert_eq!(
        cited(&out, "2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 01-QĐ/BCĐ ngày 16/12/2025"
    );
    assert_eq!(
        cited(&out, "2024/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 02-QĐ/BCĐ ngày 20/12/2024"
    );
}

#[test]
fn party_term_runs_across_years_and_state_restarts_on_1_january() {
    let ds = dataset(&[]);
    build(ds.path());
    add(
        ds.path(),
        &[("dot-2026.yaml", &round(2026, "2026-01-05", None))],
    );
    build(ds.path());
    let out = ds.path().join("out");
    assert_eq!(
        cited(&out, "2026/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "Quyết định số 01/QĐ-UBND ngày 05/01/2026"
    );
    assert_eq!(
        cited(&out, "2026/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 02-QĐ/BCĐ ngày 05/01/2026"
    );
    // A Party body without a term restarts each year like a State body.
    let ds = dataset(&[]);
    let bodies = std::fs::read_to_string(ds.path().join("co-quan.yaml")).unwrap();
    add(
        ds.path(),
        &[
            (
                "co-quan.yaml",
                &bodies.replace("  nhiem_ky_tu: 2020-10-15\n", ""),
            ),
            ("dot-2026.yaml", &round(2026, "2026-01-05", None)),
        ],
    );
    build(ds.path());
    assert_eq!(
        cited(
            &ds.path().join("out"),
            "2026/giay-khen/bcd-xa/tran-van-binh.pdf"
        ),
        "Quyết định số 01-QĐ/BCĐ ngày 05/01/2026"
    );
}

#[test]
fn a_given_so_is_honoured_and_a_clash_names_both_documents() {
    let ds = dataset(&[("dot-2025.yaml", &round(2025, "2025-12-16", Some(7)))]);
    build(ds.path());
    let out = ds.path().join("out");
    assert_eq!(
        cited(&out, "2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 07-QĐ/BCĐ ngày 16/12/2025"
    );
    let given: Vec<bool> = rows(ds.path())
        .iter()
        .filter(|r| r.kind == "QĐ" && r.subject.starts_with("khen-thuong"))
        .map(|r| r.given)
        .collect();
    assert_eq!(given, [true, false], "bcd-xa's 07 is marked as given");

    add(
        ds.path(),
        &[
            ("dot-2026.yaml", &round(2026, "2026-02-02", None)),
            ("dot-2027.yaml", &round(2027, "2027-02-02", Some(7))),
        ],
    );
    let outcome = pipeline::build(&options(ds.path())).unwrap();
    assert_eq!(
        cited(&out, "2026/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 08-QĐ/BCĐ ngày 02/02/2026"
    );
    let errors: Vec<_> = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{}", outcome.report.render());
    let d = errors[0];
    assert!(d.message.contains("số 07"), "{}", d.message);
    assert!(d.message.contains("khen-thuong-2025"), "{}", d.message);
    assert!(d.message.contains("khen-thuong-2027"), "{}", d.message);
    let loc = d.location.as_ref().expect("the clash points at the `so`");
    assert_eq!(loc.file, Path::new("dot-2027.yaml"));
    assert_eq!(loc.snippet.as_deref().map(str::trim), Some("so: 7"));
    assert!(!out.join("2027/giay-khen/bcd-xa").exists());
    assert!(
        !decisions(ds.path())
            .keys()
            .any(|(b, _, s)| b == "bcd-xa" && s == "khen-thuong-2027")
    );
    // Changing a given `so` is honoured, with a warning that the issued number changes.
    std::fs::remove_file(ds.path().join("dot-2027.yaml")).unwrap();
    add(
        ds.path(),
        &[("dot-2025.yaml", &round(2025, "2025-12-16", Some(9)))],
    );
    let outcome = pipeline::build(&options(ds.path())).unwrap();
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let warning = outcome
        .report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("đã được cấp số"))
        .expect("the changed number is warned of");
    assert!(
        warning.message.contains("đã được cấp số 07") && warning.message.contains("số 09"),
        "{}",
        warning.message
    );
    assert_eq!(
        cited(&out, "2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 09-QĐ/BCĐ ngày 16/12/2025"
    );
    assert_eq!(
        cited(&out, "2026/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "Quyết định số 08-QĐ/BCĐ ngày 02/02/2026"
    );
}

/// Every allocated number appears once in its sequence.
fn assert_disjoint(rows: &[Row]) {
    let mut seen = BTreeMap::new();
    for r in rows.iter().filter(|r| r.kind != "SSV") {
        if let Some(other) = seen.insert((&r.body, &r.scope, &r.kind, r.number), &r.subject) {
            panic!(
                "number {} of {} {} issued to {other} and {}",
                r.number, r.body, r.scope, r.subject
            );
        }
    }
}

#[test]
fn two_builds_started_together_issue_each_number_once() {
    let ds = dataset(&[("dot-2026.yaml", &round(2026, "2026-01-05", None))]);
    let spawn = |out: &str| {
        vanban_command()
            .args(["build", "--khong-phong-he-thong", "--out"])
            .arg(ds.path().join(out))
            .arg(ds.path())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("out-a"), spawn("out-b"));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let rows = rows(ds.path());
    assert_disjoint(&rows);
    assert_eq!(
        decisions(ds.path()),
        BTreeMap::from([
            decision("bcd-xa", "NK2020-10-15", 2025, 1),
            decision("bcd-xa", "NK2020-10-15", 2026, 2),
            decision("ubnd-xa", "2025", 2025, 1),
            decision("ubnd-xa", "2026", 2026, 1),
        ])
    );
    // Whichever ran second found the first one's numbers: both printed the same.
    let (fa, fb) = (
        contents(&ds.path().join("out-a")),
        contents(&ds.path().join("out-b")),
    );
    assert_eq!(fa, fb);
}

#[test]
fn a_killed_build_leaves_the_register_consistent_and_no_partial_pdf() {
    let spawn = |ds: &Path| {
        vanban_command()
            .args(["build", "--khong-phong-he-thong", "--out"])
            .arg(ds.join("out"))
            .arg(ds)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // Kill points spread over one whole run, however fast this machine is. A kill during
    // the commit leaves a hot journal, which the next reader must roll back.
    let reference = dataset(&[("dot-2026.yaml", &round(2026, "2026-01-05", None))]);
    let start = std::time::Instant::now();
    assert!(spawn(reference.path()).wait().unwrap().success());
    let run = start.elapsed();
    let expected = decisions(reference.path());
    for step in 0..12u32 {
        let delay = run * step / 10;
        let ds = dataset(&[("dot-2026.yaml", &round(2026, "2026-01-05", None))]);
        let out = ds.path().join("out");
        let mut child = spawn(ds.path());
        std::thread::sleep(delay);
        let delay_ms = delay.as_millis();
        let _ = child.kill();
        child.wait().unwrap();
        if out.exists() {
            for (path, bytes) in contents(&out) {
                if path.extension().is_some_and(|e| e == "pdf") {
                    assert!(
                        bytes.starts_with(b"%PDF") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                        "{} is a partial PDF after a kill at {delay_ms} ms",
                        path.display()
                    );
                }
            }
        }
        if ds.path().join(register::FILE).exists() {
            assert_disjoint(&rows(ds.path()));
        }
        build(ds.path());
        assert_eq!(decisions(ds.path()), expected, "kill at {delay_ms} ms");
    }
}

#[test]
fn a_register_held_too_long_stops_the_build_with_a_clear_message() {
    let ds = dataset(&[]);
    let _held = Register::open(ds.path(), Duration::from_secs(1)).unwrap();
    let mut opts = options(ds.path());
    opts.register_wait = Duration::from_millis(200);
    let err = pipeline::build(&opts).unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains("đang được một lần chạy vanban khác giữ"),
        "{text}"
    );
    assert!(!ds.path().join("out/2025/giay-khen").exists());
}

#[test]
fn a_build_waits_for_the_register_and_numbers_after_what_the_holder_issued() {
    use vanban::numbering::{Abbrev, DocKey, Issued, Numbering};
    let ds = dataset(&[]);
    let mut held = Register::open(ds.path(), Duration::from_secs(5)).unwrap();
    let key = DocKey {
        body: "bcd-xa".into(),
        kind: Abbrev::QuyetDinh,
        scope: "NK2020-10-15".into(),
        year: 2025,
        subject: "cong-nhan-2025".into(),
    };
    let number = held.number(&key, None).unwrap().number;
    assert_eq!(number, 1);
    let child = vanban_command()
        .args(["build", "--khong-phong-he-thong", "--out"])
        .arg(ds.path().join("out"))
        .arg(ds.path())
        .spawn()
        .unwrap();
    // Long enough for the build to reach the register and find it held.
    std::thread::sleep(Duration::from_millis(1500));
    let issued = Issued {
        key,
        number,
        symbol: "01-QĐ/BCĐ".into(),
        date: vanban::model::Date(chrono::NaiveDate::from_ymd_opt(2025, 12, 10).unwrap()),
        summary: "Quyết định công nhận".into(),
        signer: "Lê Văn Tám".into(),
        recipients: vec![],
        of: None,
        listing: Default::default(),
    };
    held.commit(&[register::Written {
        issued: &issued,
        path: Path::new("2025/quyet-dinh-cong-nhan.pdf"),
        sha256: register::sha256(b"pdf"),
    }])
    .unwrap();
    drop(held);
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(
        cited(
            &ds.path().join("out"),
            "2025/giay-khen/bcd-xa/tran-van-binh.pdf"
        ),
        "Quyết định số 02-QĐ/BCĐ ngày 16/12/2025"
    );
    assert_disjoint(&rows(ds.path()));
}

#[test]
fn vanban_so_lists_the_register_filtered_by_year_and_body() {
    let ds = dataset(&[("dot-2026.yaml", &round(2026, "2026-01-05", None))]);
    build(ds.path());
    let so = |args: &[&str]| {
        let out = vanban_command()
            .arg("so")
            .arg(ds.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let all = so(&[]);
    assert!(all.starts_with("Số, ký hiệu"), "{all}");
    for head in ["Ngày", "Cơ quan", "Trích yếu", "Người ký", "Tệp"] {
        assert!(all.lines().next().unwrap().contains(head), "{all}");
    }
    let filtered = so(&["--nam", "2026", "--co-quan", "bcd-xa"]);
    // Cells are separated by at least two spaces.
    let cells = |line: &str| -> Vec<String> {
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let body: Vec<&str> = filtered.lines().skip(2).collect();
    assert_eq!(cells(body[0])[..3], ["02-QĐ/BCĐ", "05/01/2026", "bcd-xa"]);
    assert_eq!(cells(body[1])[0], "Sổ vàng số 01, QĐ số 02-QĐ/BCĐ");
    assert_eq!(
        cells(body[1]).last().unwrap(),
        "2026/giay-khen/bcd-xa/tran-van-binh.pdf"
    );
    assert_eq!(body[2], "2 văn bản.", "{filtered}");
    assert!(
        !filtered.contains("UBND") && !filtered.contains("2025"),
        "{filtered}"
    );
}

#[test]
fn a_crash_mid_commit_is_rolled_back_by_the_next_reader_and_writer() {
    let ds = dataset(&[]);
    build(ds.path());
    let before = rows(ds.path());
    // Simulate a build dying inside its commit: a transaction whose pages spill into the
    // file (a one-page cache forces it), copied with its journal while still open.
    let conn = rusqlite::Connection::open(ds.path().join(register::FILE)).unwrap();
    conn.execute_batch("PRAGMA cache_size = 1; BEGIN IMMEDIATE;")
        .unwrap();
    for i in 0..200 {
        conn.execute(
            "INSERT INTO van_ban (co_quan, pham_vi, loai, so, doi_tuong, nam, ngay, ky_hieu,
                 trich_yeu, nguoi_ky, noi_nhan, cap_luc)
             VALUES ('ubnd-xa', '2025', 'QĐ', ?1, ?2, 2025, '2025-12-15', '', ?3, '', '', '')",
            rusqlite::params![100 + i, format!("x{i}"), "y".repeat(2000)],
        )
        .unwrap();
    }
    let crashed = dataset(&[]);
    for name in [
        register::FILE.to_owned(),
        format!("{}-journal", register::FILE),
    ] {
        std::fs::copy(ds.path().join(&name), crashed.path().join(&name))
            .unwrap_or_else(|e| panic!("{name} should exist mid-transaction: {e}"));
    }
    drop(conn);
    assert_eq!(
        rows(crashed.path()),
        before,
        "the reader rolls the journal back"
    );
    build(crashed.path());
    assert_eq!(
        decisions(crashed.path()),
        decisions(ds.path()),
        "the next build finds the numbers issued before the crash"
    );
}
