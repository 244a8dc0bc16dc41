//! The criteria of Hướng dẫn 26-HD/BCĐ: one fixture record per outcome of each criterion
//! (tests/fixtures/criteria/), the `check` table and its exit status, and a build in
//! which ineligible records get no certificate.

use std::path::Path;

use crate::common::{self, fixture, pdf_layout, snapshot, vanban};
use vanban::diagnostics::Severity;
use vanban::load::Dataset;
use vanban::pipeline;
use vanban::validate::criteria::{Criterion, Kind, Outcome, Shortfall, Totals, Verdict, Verdicts};
use vanban::validate::table;

struct Appraised {
    ds: Dataset,
    rounds: Vec<Verdicts>,
    report: vanban::diagnostics::Report,
}

fn appraise(name: &str) -> Appraised {
    let (ds, rounds, report) =
        pipeline::appraise(&fixture(&format!("criteria/{name}")), &[]).expect("fixture loads");
    Appraised { ds, rounds, report }
}

fn outcome<'a>(v: &'a Verdicts, kind: Kind, ma: &str, c: Criterion) -> Option<&'a Outcome> {
    v.get(kind, ma)
        .unwrap_or_else(|| panic!("no assessment for {ma}"))
        .outcome(c)
}

fn met(v: &Verdicts, kind: Kind, ma: &str, c: Criterion) {
    match outcome(v, kind, ma, c) {
        Some(Outcome::Met { .. }) => {}
        other => panic!("{ma} {c:?}: expected met, got {other:?}"),
    }
}

fn not_met<'a>(v: &'a Verdicts, kind: Kind, ma: &str, c: Criterion, field: &str) -> &'a Shortfall {
    match outcome(v, kind, ma, c) {
        Some(Outcome::NotMet(s)) => {
            assert_eq!(s.field, field, "{ma} {c:?}: field at fault");
            s
        }
        other => panic!("{ma} {c:?}: expected not met, got {other:?}"),
    }
}

fn not_assessable(v: &Verdicts, kind: Kind, ma: &str, c: Criterion) {
    match outcome(v, kind, ma, c) {
        Some(Outcome::NotAssessable { .. }) => {}
        other => panic!("{ma} {c:?}: expected not assessable, got {other:?}"),
    }
}

fn verdict(v: &Verdicts, kind: Kind, ma: &str) -> Verdict {
    v.get(kind, ma).expect("assessed").verdict
}

/// The 1-based line of the first line of `file` containing `needle` after `after`.
fn line_of(dataset: &str, file: &str, after: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(fixture(&format!("criteria/{dataset}")).join(file)).unwrap();
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("{after} in {file}"));
    let offset = start + text[start..].find(needle).unwrap();
    text[..offset].lines().count() + usize::from(text[..offset].ends_with('\n'))
}

fn points_at(s: &Shortfall, dataset: &str, file: &str, after: &str, needle: &str) {
    let loc = s.location.as_ref().expect("a shortfall has a location");
    assert_eq!(loc.file, Path::new(file));
    assert_eq!(
        loc.line,
        Some(line_of(dataset, file, after, needle)),
        "{} should point at `{needle}`",
        s.field
    );
}

#[test]
fn registration_deadline_is_31_march_inclusive() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    assert_eq!(v.deadline.to_string(), "2025-03-31");
    met(v, Kind::TapThe, "du-tieu-chuan", Criterion::Registered);
    let s = not_met(
        v,
        Kind::TapThe,
        "dang-ky-tre",
        Criterion::Registered,
        "dang_ky.ngay",
    );
    assert!(s.reason.contains("01/04/2025") && s.reason.contains("31/03/2025"));
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: dang-ky-tre",
        "ngay: 2025-04-01",
    );
    assert_eq!(
        verdict(v, Kind::TapThe, "dang-ky-tre"),
        Verdict::NotEligible
    );
}

#[test]
fn a_custom_deadline_replaces_31_march() {
    let a = appraise("han-rieng");
    let v = &a.rounds[0];
    met(v, Kind::TapThe, "dung-han", Criterion::Registered);
    let s = not_met(
        v,
        Kind::TapThe,
        "qua-han",
        Criterion::Registered,
        "dang_ky.ngay",
    );
    assert!(s.reason.contains("15/02/2025"), "{}", s.reason);
    assert_eq!(verdict(v, Kind::TapThe, "dung-han"), Verdict::Eligible);
    assert_eq!(verdict(v, Kind::TapThe, "qua-han"), Verdict::NotEligible);
}

#[test]
fn sector_selection_outside_the_armed_forces_is_warned_and_ignored() {
    let a = appraise("han-rieng");
    let v = &a.rounds[0];
    assert!(outcome(v, Kind::CaNhan, "hoi-vien-nganh", Criterion::Sector).is_none());
    // Assessed on the usual criteria: registered by 15/02, but no report.
    met(v, Kind::CaNhan, "hoi-vien-nganh", Criterion::Registered);
    not_met(
        v,
        Kind::CaNhan,
        "hoi-vien-nganh",
        Criterion::Reported,
        "bao_cao",
    );
    let warnings: Vec<_> = a
        .report
        .diagnostics
        .iter()
        .filter(|d| d.field.as_deref() == Some("xet_chon_nganh"))
        .collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(
        warnings[0].location.as_ref().unwrap().line,
        Some(line_of(
            "han-rieng",
            "ca-nhan.yaml",
            "ma: hoi-vien-nganh",
            "xet_chon_nganh"
        ))
    );
}

#[test]
fn the_init_sample_is_eligible() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("mau");
    vanban::init::init(&sample).unwrap();
    let (_, rounds, report) = pipeline::appraise(&sample, &[]).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.render());
    let t = Totals::sum(&rounds);
    assert!(t.total() > 0);
    assert_eq!(t.eligible, t.total(), "{}", table::render(&rounds));
}

#[test]
fn missing_registration_and_its_parts() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    let s = not_met(
        v,
        Kind::TapThe,
        "khong-dang-ky",
        Criterion::Registered,
        "dang_ky",
    );
    assert!(s.absent);
    // Nothing to approve: the approval cannot be judged, and proves nothing.
    not_assessable(v, Kind::TapThe, "khong-dang-ky", Criterion::Approved);
    assert_eq!(
        verdict(v, Kind::TapThe, "khong-dang-ky"),
        Verdict::NotEligible
    );
    let s = not_met(
        v,
        Kind::TapThe,
        "dang-ky-thieu-noi-dung",
        Criterion::Registered,
        "dang_ky.noi_dung",
    );
    assert!(!s.absent);
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: dang-ky-thieu-noi-dung",
        "noi_dung",
    );
}

#[test]
fn unapproved_registration_is_a_criterion_not_a_contract_error() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    assert!(!a.report.has_errors(), "{}", a.report.render());
    assert!(
        a.ds.collectives
            .iter()
            .any(|c| c.record.ma == "chua-phe-duyet"),
        "the record stays in the dataset"
    );
    let s = not_met(
        v,
        Kind::TapThe,
        "chua-phe-duyet",
        Criterion::Approved,
        "dang_ky.phe_duyet",
    );
    assert!(s.absent);
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: chua-phe-duyet",
        "dang_ky:",
    );
    met(v, Kind::TapThe, "chua-phe-duyet", Criterion::Registered);
    assert_eq!(
        verdict(v, Kind::TapThe, "chua-phe-duyet"),
        Verdict::NotEligible
    );
}

#[test]
fn a_sudden_achievement_needs_neither_deadline_nor_approval() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    met(v, Kind::TapThe, "dot-xuat", Criterion::Registered);
    met(v, Kind::TapThe, "dot-xuat", Criterion::Approved);
    assert_eq!(verdict(v, Kind::TapThe, "dot-xuat"), Verdict::Eligible);
}

#[test]
fn a_collective_needs_name_address_and_a_full_confirmed_report() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    met(v, Kind::TapThe, "du-tieu-chuan", Criterion::Identity);
    met(v, Kind::TapThe, "du-tieu-chuan", Criterion::Reported);
    met(v, Kind::TapThe, "du-tieu-chuan", Criterion::Confirmed);
    assert_eq!(verdict(v, Kind::TapThe, "du-tieu-chuan"), Verdict::Eligible);

    let s = not_met(
        v,
        Kind::TapThe,
        "thieu-dia-chi",
        Criterion::Identity,
        "dia_chi",
    );
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: thieu-dia-chi",
        "dia_chi",
    );

    let s = not_met(
        v,
        Kind::TapThe,
        "khong-bao-cao",
        Criterion::Reported,
        "bao_cao",
    );
    assert!(s.absent);
    not_assessable(v, Kind::TapThe, "khong-bao-cao", Criterion::Confirmed);

    let s = not_met(
        v,
        Kind::TapThe,
        "bao-cao-thieu-muc",
        Criterion::Reported,
        "bao_cao.kinh_nghiem",
    );
    // Every blank section is named, not only the first.
    assert!(s.reason.contains("kinh nghiệm") && s.reason.contains("lan tỏa"));
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: bao-cao-thieu-muc",
        "kinh_nghiem",
    );
    met(v, Kind::TapThe, "bao-cao-thieu-muc", Criterion::Confirmed);

    let s = not_met(
        v,
        Kind::TapThe,
        "xac-nhan-thieu",
        Criterion::Confirmed,
        "bao_cao.xac_nhan.ho_ten",
    );
    points_at(
        s,
        "dot-2025",
        "tap-the.yaml",
        "ma: xac-nhan-thieu",
        "ho_ten: \"\"",
    );
    met(v, Kind::TapThe, "xac-nhan-thieu", Criterion::Reported);
}

#[test]
fn civil_servants_need_chien_si_thi_dua_co_so_of_the_year() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    met(v, Kind::CaNhan, "cbcc-du", Criterion::Title);
    met(v, Kind::CaNhan, "vc-cap-tinh", Criterion::Title);
    assert_eq!(verdict(v, Kind::CaNhan, "vc-cap-tinh"), Verdict::Eligible);

    let s = not_met(
        v,
        Kind::CaNhan,
        "cbcc-nam-truoc",
        Criterion::Title,
        "danh_hieu[0].nam",
    );
    assert!(s.reason.contains("2024"), "{}", s.reason);
    points_at(
        s,
        "dot-2025",
        "ca-nhan.yaml",
        "ma: cbcc-nam-truoc",
        "nam: 2024",
    );

    // Lao động tiên tiến in 2025 is not enough, and the 2024 CSTĐCS does not count.
    let s = not_met(
        v,
        Kind::CaNhan,
        "vc-lao-dong-tien-tien",
        Criterion::Title,
        "danh_hieu[1].ten",
    );
    assert!(s.reason.contains("Lao động tiên tiến"), "{}", s.reason);
    points_at(
        s,
        "dot-2025",
        "ca-nhan.yaml",
        "ma: vc-lao-dong-tien-tien",
        "ten: lao_dong_tien_tien",
    );

    let s = not_met(
        v,
        Kind::CaNhan,
        "cbcc-chi-ldtt",
        Criterion::Title,
        "danh_hieu[0].ten",
    );
    assert!(s.reason.contains("Lao động tiên tiến"), "{}", s.reason);
    assert_eq!(
        verdict(v, Kind::CaNhan, "cbcc-chi-ldtt"),
        Verdict::NotEligible
    );

    let s = not_met(
        v,
        Kind::CaNhan,
        "cbcc-khong-danh-hieu",
        Criterion::Title,
        "danh_hieu",
    );
    assert!(s.absent);

    // Other kinds of person need no title.
    assert!(outcome(v, Kind::CaNhan, "hoi-vien", Criterion::Title).is_none());
    assert_eq!(verdict(v, Kind::CaNhan, "hoi-vien"), Verdict::Eligible);
}

#[test]
fn armed_forces_selected_by_their_sector_are_not_assessed() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    not_assessable(v, Kind::CaNhan, "llvt-nganh", Criterion::Sector);
    let a_llvt = v.get(Kind::CaNhan, "llvt-nganh").unwrap();
    assert_eq!(
        a_llvt.checks.len(),
        1,
        "the sector's rules replace the others"
    );
    assert_eq!(a_llvt.verdict, Verdict::NotAssessed);
    // Without `xet_chon_nganh`, an armed-forces member is assessed like anyone else.
    assert!(outcome(v, Kind::CaNhan, "llvt-dan-quan", Criterion::Sector).is_none());
    assert_eq!(verdict(v, Kind::CaNhan, "llvt-dan-quan"), Verdict::Eligible);
    let t = v.totals();
    assert_eq!(t.total(), a.ds.collectives.len() + a.ds.persons.len());
    assert_eq!(t.not_assessed, 1);
}

#[test]
fn rewards_for_ineligible_records_are_refused_with_warnings() {
    let a = appraise("dot-2025");
    let v = &a.rounds[0];
    let mut refused: Vec<&str> = Vec::new();
    for d in &a.report.diagnostics {
        assert_eq!(d.severity, Severity::Warning, "{}", d.render());
        let r = v
            .records
            .iter()
            .find(|r| d.message.contains(&format!("`{}`", r.ma)))
            .expect("the warning names the record");
        let file = if r.kind == Kind::TapThe {
            "tap-the.yaml"
        } else {
            "ca-nhan.yaml"
        };
        let loc = d.location.as_ref().unwrap();
        assert_eq!(
            loc.line,
            Some(line_of(
                "dot-2025",
                file,
                &format!("ma: {}", r.ma),
                "co_quan: ubnd-xa"
            ))
        );
        refused.push(&r.ma);
    }
    refused.sort();
    let mut expected: Vec<&str> = v
        .records
        .iter()
        .filter(|r| r.reward.is_some() && r.verdict != Verdict::Eligible)
        .map(|r| r.ma.as_str())
        .collect();
    expected.sort();
    assert_eq!(refused, expected);
    assert_eq!(
        refused,
        [
            "cbcc-nam-truoc",
            "chua-phe-duyet",
            "dang-ky-tre",
            "llvt-nganh"
        ]
    );
}

#[test]
fn each_round_is_assessed_on_its_own_year() {
    let a = appraise("hai-dot");
    assert!(!a.report.has_errors(), "{}", a.report.render());
    let years: Vec<i32> = a.rounds.iter().map(|v| v.year).collect();
    assert_eq!(years, [2024, 2025]);
    let (y2024, y2025) = (&a.rounds[0], &a.rounds[1]);
    met(y2024, Kind::CaNhan, "cstdcs-2024", Criterion::Title);
    assert_eq!(
        verdict(y2024, Kind::CaNhan, "cstdcs-2024"),
        Verdict::Eligible
    );
    not_met(
        y2025,
        Kind::CaNhan,
        "cstdcs-2024",
        Criterion::Title,
        "danh_hieu[0].nam",
    );
    // A reward body must reward in the round that lists the record.
    met(y2024, Kind::TapThe, "khen-2024", Criterion::Reward);
    let s = not_met(
        y2025,
        Kind::TapThe,
        "khen-2024",
        Criterion::Reward,
        "khen_thuong.co_quan",
    );
    assert!(s.reason.contains("2025"));
    assert!(y2024.is_eligible(Kind::TapThe, "khen-2024"));
    assert!(!y2025.is_eligible(Kind::TapThe, "khen-2024"));
}

#[test]
fn a_build_gives_certificates_to_eligible_records_only() {
    let out = tempfile::tempdir().unwrap();
    let outcome = common::build(&fixture("criteria/dot-2025"), out.path(), 2);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    assert_eq!(outcome.failed, 0);
    let (_, rounds, _) = pipeline::appraise(&fixture("criteria/dot-2025"), &[]).unwrap();
    assert_eq!(outcome.totals, rounds[0].totals());
    assert_eq!(
        (
            outcome.totals.eligible,
            outcome.totals.not_eligible,
            outcome.totals.not_assessed
        ),
        (6, 12, 1)
    );

    let dir = out.path().join("2025/giay-khen/ubnd-xa");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "cbcc-du.pdf",
            "dot-xuat.pdf",
            "du-tieu-chuan.pdf",
            "in-tat-ca.pdf"
        ]
    );

    let text = pdf_layout(&dir.join("in-tat-ca.pdf"));
    for eligible in ["Chi hội Phụ nữ ấp 1", "Hội Nông dân ấp 5", "Trần Văn Bình"]
    {
        assert!(text.contains(eligible), "{eligible} missing:\n{text}");
    }
    for refused in [
        "Tổ tự quản ấp 2",
        "Chi đoàn ấp 4",
        "Lê Thị Cúc",
        "Nguyễn Văn Dũng",
    ] {
        assert!(!text.contains(refused), "{refused} got a certificate");
    }
    // The golden-book numbers run through the eligible recipients only.
    assert_eq!(text.matches("Số sổ vàng").count(), 3);
    assert!(text.contains("Số sổ vàng: 03") && !text.contains("Số sổ vàng: 04"));
}

#[test]
fn check_exits_0_when_only_ineligible_1_on_data_errors_2_on_usage() {
    let ok = fixture("criteria/dot-2025");
    let out = vanban(&["check", ok.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // What the golden test renders is exactly what the command prints.
    let (_, rounds, _) = pipeline::appraise(&ok, &[]).unwrap();
    assert_eq!(stdout, table::render(&rounds));

    let bad = fixture("criteria/loi-du-lieu");
    let out = vanban(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    // The record that loaded is still explained.
    assert!(String::from_utf8_lossy(&out.stdout).contains("chua-dang-ky"));

    let missing = fixture("criteria/khong-co-thu-muc-nay");
    assert_eq!(
        vanban(&["check", missing.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert_eq!(vanban(&["check", "--khong-co"]).status.code(), Some(2));
}

#[test]
fn check_json_carries_the_table() {
    let out = vanban(&[
        "check",
        "--json",
        fixture("criteria/dot-2025").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["totals"]["eligible"], 6);
    assert_eq!(json["totals"]["not_eligible"], 12);
    assert_eq!(json["totals"]["not_assessed"], 1);
    let records = json["rounds"][0]["records"].as_array().unwrap();
    let late = records
        .iter()
        .find(|r| r["ma"] == "dang-ky-tre")
        .expect("listed");
    assert_eq!(late["kind"], "tap_the");
    assert_eq!(late["verdict"], "not_eligible");
    let reg = late["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "registered")
        .unwrap();
    assert_eq!(reg["mark"], "not_met");
    assert_eq!(reg["field"], "dang_ky.ngay");
    assert_eq!(
        reg["location"]["line"],
        line_of(
            "dot-2025",
            "tap-the.yaml",
            "ma: dang-ky-tre",
            "ngay: 2025-04-01"
        )
    );
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 4);
}

/// Compares what `vanban check DATASET` prints on stdout with `tests/snapshots/NAME`;
/// `VANBAN_BLESS=1 cargo test` rewrites the snapshot instead. The lead adds the example
/// data with one line: `golden("data", "check-data.txt")`.
fn golden(dataset: &str, name: &str) {
    let (_, rounds, _) =
        pipeline::appraise(&common::root().join(dataset), &[]).expect("dataset loads");
    snapshot(name, "`check` output", &table::render(&rounds));
}

#[test]
fn check_table_golden() {
    golden(
        "tests/fixtures/criteria/dot-2025",
        "check-criteria-dot-2025.txt",
    );
    golden(
        "tests/fixtures/criteria/hai-dot",
        "check-criteria-hai-dot.txt",
    );
}

/// `vanban check data` explains every record of the example data, exactly as reviewed.
#[test]
fn check_table_golden_for_the_example_data() {
    golden("data", "check-data.txt");
}
