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
pub(crate) fn dataset(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("register/base"), dir.path());
    add(dir.path(), extra);
    dir
}

pub(crate) fn add(dir: &Path, files: &[(&str, &str)]) {
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

pub(crate) fn rows(dir: &Path) -> Vec<Row> {
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
pub(crate) fn cited(out: &Path, rel: &str) -> String {
    let text = pdftotext(&out.join(rel), &[]);
    text.lines()
        .find(|l| l.contains("Quyết định số"))
        .unwrap_or_else(|| panic!("no decision line in {rel}:\n{text}"))
        .trim()
        .to_owned()
}

/// Every file under `root`, relative, with its bytes.
pub(crate) fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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

/// Every allocated number appears once in its sequence, Số sổ vàng included.
pub(crate) fn assert_disjoint(rows: &[Row]) {
    let mut seen = BTreeMap::new();
    for r in rows {
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
    // Two output folders beside the dataset: only its own `out/` may stand inside it.
    let outs = tempfile::tempdir().unwrap();
    let spawn = |out: &str| {
        vanban_command()
            .args(["build", "--khong-phong-he-thong", "--out"])
            .arg(outs.path().join(out))
            .arg(ds.path())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("out-a"), spawn("out-b"));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let rows = rows(ds.path());
    assert!(rows.iter().any(|r| r.kind == "SSV"));
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
        contents(&outs.path().join("out-a")),
        contents(&outs.path().join("out-b")),
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
        let rows = rows(ds.path());
        assert!(
            rows.iter().any(|r| r.kind == "SSV"),
            "kill at {delay_ms} ms"
        );
        assert_disjoint(&rows);
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
        .stderr(std::process::Stdio::piped())
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
    let waited = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&waited.stderr);
    assert!(waited.status.success(), "{said}");
    // It said it was waiting, and on which file.
    assert!(
        said.contains(&format!(
            "Đang chờ sổ văn bản {}",
            ds.path().join(register::FILE).display()
        )),
        "{said}"
    );
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
    assert_eq!(body[2], "2 dòng: 0 đã ban hành, 2 dự thảo.", "{filtered}");
    assert!(cells(body[0]).contains(&"dự thảo".to_owned()), "{filtered}");
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

/// `--chi giay-khen` before any full build, where one body issues both the recognition
/// decision and a reward decision: the numbers are those of a full build (the
/// recognition decision 01, the reward decision 02), and a full build after it agrees.
#[test]
fn only_certificates_first_numbers_exactly_as_a_full_build() {
    let ds = dataset(&[]);
    let round = std::fs::read_to_string(ds.path().join("dot-2025.yaml")).unwrap();
    add(
        ds.path(),
        &[(
            "dot-2025.yaml",
            &round.replace("co_quan: bcd-cn", "co_quan: ubnd-xa"),
        )],
    );
    let mut opts = options(ds.path());
    opts.only = vec![vanban::doc_kind::DocKind::GiayKhen];
    let outcome = pipeline::build(&opts).unwrap();
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let out = ds.path().join("out");
    assert!(!out.join("2025/quyet-dinh-cong-nhan.pdf").exists());
    assert_eq!(
        cited(&out, "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "Quyết định số 02/QĐ-UBND ngày 15/12/2025"
    );
    build(ds.path());
    let recognition = crate::common::pdf_text(&out.join("2025/quyet-dinh-cong-nhan.pdf"));
    assert!(recognition.contains("Số: 01/QĐ-UBND"), "{recognition}");
    assert_eq!(
        cited(&out, "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "Quyết định số 02/QĐ-UBND ngày 15/12/2025"
    );
    assert_disjoint(&rows(ds.path()));
}

/// The schema vanban 1 wrote: a certificate's line under its decision's scope, its
/// subject `<decision>/<ma>`, and no unique index over Số sổ vàng.
const SCHEMA_V1: &str = "
CREATE TABLE van_ban (
    id INTEGER PRIMARY KEY, co_quan TEXT NOT NULL, pham_vi TEXT NOT NULL, loai TEXT NOT NULL,
    so INTEGER NOT NULL, doi_tuong TEXT NOT NULL, thuoc TEXT,
    so_cho_truoc INTEGER NOT NULL DEFAULT 0, nam INTEGER NOT NULL, ngay TEXT NOT NULL,
    ky_hieu TEXT NOT NULL, trich_yeu TEXT NOT NULL, nguoi_ky TEXT NOT NULL,
    noi_nhan TEXT NOT NULL, tep TEXT, sha256 TEXT, cap_luc TEXT NOT NULL,
    UNIQUE (co_quan, pham_vi, loai, doi_tuong)
);
CREATE UNIQUE INDEX van_ban_so ON van_ban (co_quan, pham_vi, loai, so) WHERE loai <> 'SSV';
PRAGMA user_version = 1;
";

#[test]
fn a_v1_register_migrates_in_place_keeping_its_golden_numbers() {
    let ds = dataset(&[]);
    let conn = rusqlite::Connection::open(ds.path().join(register::FILE)).unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    let line = |body: &str,
                scope: &str,
                kind: &str,
                so: u32,
                subject: &str,
                of: Option<&str>,
                name: &str,
                at: &str| {
        conn.execute(
            "INSERT INTO van_ban (co_quan, pham_vi, loai, so, doi_tuong, thuoc, nam, ngay,
                 ky_hieu, trich_yeu, nguoi_ky, noi_nhan, cap_luc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 2025, '2025-12-15', '', ?7, '', ?8, ?9)",
            rusqlite::params![
                body,
                scope,
                kind,
                so,
                subject,
                of,
                format!("Giấy khen tặng {name}"),
                name,
                at
            ],
        )
        .unwrap();
    };
    line(
        "ubnd-xa",
        "2025",
        "QĐ",
        1,
        "khen-thuong-2025",
        None,
        "",
        "2025-12-01 08:00:00",
    );
    // Version 1 gave Nguyễn Thị Ánh 01 and the collective 02 (an older list order), and
    // left two lines of bcd-xa with Sổ vàng 01: a record since removed, and Trần Văn Bình.
    line(
        "ubnd-xa",
        "2025",
        "SSV",
        1,
        "khen-thuong-2025/nguyen-thi-anh",
        Some("khen-thuong-2025"),
        "Bà Nguyễn Thị Ánh",
        "2025-12-01 08:00:00",
    );
    line(
        "ubnd-xa",
        "2025",
        "SSV",
        2,
        "khen-thuong-2025/chi-hoi-pn-ap-3",
        Some("khen-thuong-2025"),
        "Chi hội Phụ nữ ấp 3",
        "2025-12-01 08:00:00",
    );
    line(
        "bcd-xa",
        "NK2020-10-15",
        "SSV",
        1,
        "khen-thuong-2025/da-xoa",
        Some("khen-thuong-2025"),
        "Ông Lê Văn Xóa",
        "2025-12-01 08:00:00",
    );
    line(
        "bcd-xa",
        "NK2020-10-15",
        "SSV",
        1,
        "khen-thuong-2025/tran-van-binh",
        Some("khen-thuong-2025"),
        "Ông Trần Văn Bình",
        "2025-12-02 08:00:00",
    );
    drop(conn);

    let outcome = build(ds.path());
    let notes = outcome.report.render();
    assert!(
        notes.contains("hai giấy khen cùng Sổ vàng số 01 của bcd-xa năm 2025"),
        "{notes}"
    );
    let out = ds.path().join("out");
    let printed = |rel: &str| {
        let text = crate::common::pdf_text(&out.join(rel));
        let at = text.find("Số sổ vàng: ").unwrap();
        text[at + "Số sổ vàng: ".len()..][..2].to_owned()
    };
    assert_eq!(printed("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"), "01");
    assert_eq!(printed("2025/giay-khen/ubnd-xa/chi-hoi-pn-ap-3.pdf"), "02");
    assert_eq!(printed("2025/giay-khen/bcd-xa/tran-van-binh.pdf"), "02");
    let rows = rows(ds.path());
    assert_disjoint(&rows);
    let conn = rusqlite::Connection::open(ds.path().join(register::FILE)).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    // The unique index now covers Số sổ vàng: a duplicate cannot be stored.
    let dup = conn.execute(
        "UPDATE van_ban SET so = 1 WHERE loai = 'SSV' AND doi_tuong = 'tran-van-binh'",
        [],
    );
    assert!(dup.is_err(), "a second Sổ vàng 01 was stored");
}

#[test]
fn a_register_without_its_unique_index_is_refused_and_so_flags_duplicates() {
    let ds = dataset(&[]);
    build(ds.path());
    let conn = rusqlite::Connection::open(ds.path().join(register::FILE)).unwrap();
    conn.execute_batch(
        "DROP INDEX van_ban_so_v2;
         UPDATE van_ban SET so = 1 WHERE loai = 'SSV' AND doi_tuong = 'nguyen-thi-anh';",
    )
    .unwrap();
    drop(conn);
    let err = pipeline::build(&options(ds.path())).unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("bị hỏng"), "{text}");
    assert!(text.contains("van_ban_so_v2"), "{text}");
    let so = vanban_command().arg("so").arg(ds.path()).output().unwrap();
    assert_eq!(so.status.code(), Some(1));
    let said = String::from_utf8_lossy(&so.stderr);
    assert!(
        said.contains("sổ văn bản có số trùng: số 01 (SSV của ubnd-xa, năm 2025) có 2 dòng"),
        "{said}"
    );
    assert!(String::from_utf8_lossy(&so.stdout).contains("TRÙNG SỐ"));
}
