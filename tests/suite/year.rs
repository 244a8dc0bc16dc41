//! The register through a year, on the real binary: drafts, `vanban ban-hanh`, late
//! additions through a supplementary decision, removals, renames after issue, a broken
//! file, a file that cannot be written, a lost register.
//!
//! Each test works on a copy of `tests/fixtures/register/base`: ubnd-xa rewards the
//! collective chi-hoi-pn-ap-3 (Sổ vàng 01) and Nguyễn Thị Ánh (02) by 01/QĐ-UBND; bcd-xa
//! rewards Trần Văn Bình by 01-QĐ/BCĐ; bcd-cn issues the recognition decision 01-QĐ/BCĐTĐ.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{pdf_text, vanban_command};
use crate::register::{add, assert_disjoint, cited, contents, dataset, rows};

/// `vanban <args…>` on the dataset `ds`, building into `ds/out`.
fn vanban(ds: &Path, args: &[&str]) -> Output {
    let mut cmd = vanban_command();
    cmd.arg(args[0]);
    if args[0] == "build" {
        cmd.args(["--khong-phong-he-thong", "--luong", "2", "--out"])
            .arg(ds.join("out"));
    }
    cmd.arg(ds).args(&args[1..]).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds and expects success.
fn build_ok(ds: &Path) -> String {
    let o = vanban(ds, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stderr(&o)
}

/// The PDFs under `out`, with their bytes.
fn pdfs(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    contents(out)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

/// Số sổ vàng of `body` by record.
fn golden(ds: &Path, body: &str) -> BTreeMap<String, u32> {
    rows(ds)
        .into_iter()
        .filter(|r| r.kind == "SSV" && r.body == body)
        .map(|r| (r.subject, r.number))
        .collect()
}

/// The number a certificate prints as its Số sổ vàng.
fn golden_printed(out: &Path, rel: &str) -> String {
    let text = pdf_text(&out.join(rel));
    let at = text
        .find("Số sổ vàng: ")
        .unwrap_or_else(|| panic!("no Số sổ vàng in {rel}: {text}"));
    text[at + "Số sổ vàng: ".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

const LATE: &str = "- loai: ca_nhan
  ma: tran-van-an
  ho_ten: Trần Văn An
  gioi_tinh: nam
  chuc_vu: Trưởng ấp 4
  don_vi: xã Phước Lại
  doi_tuong: nhan_dan
  dang_ky:
    ngay: 2024-01-10
    noi_dung: Tham gia mô hình tự quản của ấp
    giai_phap: [Vận động bà con cùng tham gia]
    tien_do:
      - thoi_gian: Cả giai đoạn 2024 - 2027
        cong_viec: Thực hiện mô hình
    phe_duyet:
      cap_uy: Đảng ủy xã Phước Lại
      chuc_vu: Bí thư
      ho_ten: Lê Văn Tám
      ngay: 2024-01-15
  bao_cao:
    ngay: 2024-10-20
    dac_diem: Địa bàn đông dân cư
    ket_qua: Hoàn thành các chỉ tiêu đã đăng ký
    cach_lam: Gần dân, lắng nghe dân
    kinh_nghiem: Cấp ủy lãnh đạo sát sao
    tac_dung: Hài hòa ba lợi ích
    lan_toa: Được các ấp khác học tập
    xac_nhan:
      cap: cap_uy
      co_quan: ĐẢNG ỦY XÃ PHƯỚC LẠI
      chuc_vu: BÍ THƯ
      ho_ten: Lê Văn Tám
      ngay: 2024-10-25
  khen_thuong:
    co_quan: ubnd-xa
";

/// The round with a second `khen_thuong` entry of ubnd-xa: a supplementary decision.
fn with_supplement(ds: &Path) {
    let round = std::fs::read_to_string(ds.join("dot-2025.yaml")).unwrap();
    add(
        ds,
        &[(
            "dot-2025.yaml",
            &format!(
                "{round}  - co_quan: ubnd-xa\n    hinh_thuc: giay_khen\n    can_cu:\n      - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n    ngay: 20/12/2025\n"
            ),
        )],
    );
}

#[test]
fn a_late_addition_after_issue_takes_a_supplementary_decision_and_the_next_golden_number() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    let before = pdfs(&out);
    let issued = vanban(ds.path(), &["ban-hanh"]);
    assert!(issued.status.success(), "{}", stderr(&issued));
    let said = stdout(&issued);
    assert!(said.contains("Đã ghi ban hành 3 văn bản"), "{said}");
    for symbol in ["01/QĐ-UBND", "01-QĐ/BCĐ", "01-QĐ/BCĐTĐ"] {
        assert!(said.contains(symbol), "{said}");
    }
    let so = vanban(ds.path(), &["so"]);
    assert!(so.status.success());
    assert!(stdout(&so).contains("đã ban hành"), "{}", stdout(&so));

    // Trần Văn An sorts before Nguyễn Thị Ánh by given name, so a rebuilt list would have
    // moved everyone's place: the issued papers stay, and he gets a decision of his own.
    add(ds.path(), &[("ca-nhan-muon.yaml", LATE)]);
    with_supplement(ds.path());
    let said = build_ok(ds.path());
    let after = pdfs(&out);
    // Every paper as it was; only the print file of ubnd-xa's certificates has a page more.
    for (path, bytes) in &before {
        if path.ends_with("ubnd-xa/in-tat-ca.pdf") {
            continue;
        }
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
    assert_eq!(
        golden(ds.path(), "ubnd-xa"),
        BTreeMap::from([
            ("chi-hoi-pn-ap-3".to_owned(), 1),
            ("nguyen-thi-anh".to_owned(), 2),
            ("tran-van-an".to_owned(), 3),
        ])
    );
    let late = "2025/giay-khen/ubnd-xa/tran-van-an.pdf";
    assert_eq!(golden_printed(&out, late), "03");
    assert_eq!(
        cited(&out, late),
        "Quyết định số 02/QĐ-UBND ngày 20/12/2025"
    );
    let supplement = pdf_text(&out.join("2025/quyet-dinh-khen-thuong/ubnd-xa-2.pdf"));
    assert!(supplement.contains("Trần Văn An"), "{supplement}");
    assert!(!supplement.contains("Nguyễn Thị Ánh"), "{supplement}");
    // The issued recognition decision does not list him: said, with the way out.
    assert!(said.contains("01-QĐ/BCĐTĐ đã ban hành"), "{said}");
    assert!(
        said.contains("danh sách thêm 1 cá nhân: Trần Văn An"),
        "{said}"
    );
    assert_disjoint(&rows(ds.path()));
}

#[test]
fn a_removed_record_keeps_its_number_away_from_everyone_else() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    std::fs::remove_file(ds.path().join("tap-the.yaml")).unwrap();
    let said = build_ok(ds.path());
    // Nguyễn Thị Ánh is first on the list now, and still Sổ vàng 02.
    assert_eq!(
        golden_printed(&out, "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "02"
    );
    // The collective's papers no longer look current.
    for rel in [
        "giay-khen/ubnd-xa/chi-hoi-pn-ap-3.pdf",
        "dang-ky/chi-hoi-pn-ap-3.pdf",
        "bao-cao/chi-hoi-pn-ap-3.pdf",
    ] {
        assert!(!out.join("2025").join(rel).exists(), "{rel} left in place");
        assert!(out.join("2025/cu").join(rel).is_file(), "{rel} not in cu/");
    }
    assert!(said.contains("vào thư mục cu/"), "{said}");
    assert!(
        said.contains("2025/giay-khen/ubnd-xa/chi-hoi-pn-ap-3.pdf"),
        "{said}"
    );
    // A newcomer takes the next number, not the one set free.
    add(ds.path(), &[("ca-nhan-muon.yaml", LATE)]);
    build_ok(ds.path());
    assert_eq!(
        golden(ds.path(), "ubnd-xa"),
        BTreeMap::from([
            ("chi-hoi-pn-ap-3".to_owned(), 1),
            ("nguyen-thi-anh".to_owned(), 2),
            ("tran-van-an".to_owned(), 3),
        ])
    );
    assert_eq!(
        golden_printed(&out, "2025/giay-khen/ubnd-xa/tran-van-an.pdf"),
        "03"
    );
    assert_eq!(
        golden_printed(&out, "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "02"
    );
    assert_disjoint(&rows(ds.path()));
}

#[test]
fn a_broken_file_holds_back_every_numbered_list_and_the_run_fails() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    let before = pdfs(&out);
    let numbers_before = rows(ds.path());
    // A change that would reshape the lists, and a syntax error in the people's file.
    let collective = std::fs::read_to_string(ds.path().join("tap-the.yaml")).unwrap();
    let people = std::fs::read_to_string(ds.path().join("ca-nhan.yaml")).unwrap();
    add(
        ds.path(),
        &[
            (
                "tap-the.yaml",
                &collective.replace("Chi hội Phụ nữ ấp 3", "Chi hội Phụ nữ ấp Ba"),
            ),
            (
                "ca-nhan.yaml",
                &people.replace("ho_ten: Trần Văn Bình", "ho_ten: \"Trần Văn Bình"),
            ),
        ],
    );
    let o = vanban(ds.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("chưa ghi các văn bản có số"), "{said}");
    assert!(said.contains("ca-nhan.yaml"), "{said}");
    let after = pdfs(&out);
    for rel in [
        "2025/quyet-dinh-cong-nhan.pdf",
        "2025/quyet-dinh-khen-thuong/ubnd-xa.pdf",
        "2025/quyet-dinh-khen-thuong/bcd-xa.pdf",
        "2025/giay-khen/ubnd-xa/chi-hoi-pn-ap-3.pdf",
        "2025/giay-khen/ubnd-xa/in-tat-ca.pdf",
    ] {
        let rel = Path::new(rel);
        assert!(after[rel] == before[rel], "{} rewritten", rel.display());
    }
    // The collective's own report is not a list: written with the new name.
    let report = pdf_text(&out.join("2025/bao-cao/chi-hoi-pn-ap-3.pdf"));
    assert!(report.contains("Chi hội Phụ nữ ấp Ba"), "{report}");
    assert_eq!(rows(ds.path()), numbers_before);
}

/// The name fixed after signing: Nguyễn Thị Ánh is Nguyễn Thị Ánh Hồng.
fn rename_anh(ds: &Path) {
    let people = std::fs::read_to_string(ds.join("ca-nhan.yaml")).unwrap();
    add(
        ds,
        &[(
            "ca-nhan.yaml",
            &people.replace("Nguyễn Thị Ánh", "Nguyễn Thị Ánh Hồng"),
        )],
    );
}

#[test]
fn a_rename_in_an_issued_decision_leaves_the_paper_and_says_what_to_do() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    let before = pdfs(&out);
    assert!(
        vanban(ds.path(), &["ban-hanh", "01/QĐ-UBND"])
            .status
            .success()
    );
    rename_anh(ds.path());
    let said = build_ok(ds.path());
    let after = pdfs(&out);
    for rel in [
        "2025/quyet-dinh-khen-thuong/ubnd-xa.pdf",
        "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf",
    ] {
        let rel = Path::new(rel);
        assert!(after[rel] == before[rel], "{} rewritten", rel.display());
    }
    assert!(said.contains("01/QĐ-UBND"), "{said}");
    assert!(
        said.contains("đổi tên «Bà Nguyễn Thị Ánh» thành «Bà Nguyễn Thị Ánh Hồng»"),
        "{said}"
    );
    assert!(said.contains("vanban ban-hanh --huy 01/QĐ-UBND"), "{said}");
    // The recognition decision was a draft: it follows the data.
    let recognition = pdf_text(&out.join("2025/quyet-dinh-cong-nhan.pdf"));
    assert!(recognition.contains("Nguyễn Thị Ánh Hồng"), "{recognition}");

    // Not signed after all: withdrawn, the next build prints the new name.
    let withdrawn = vanban(ds.path(), &["ban-hanh", "01/QĐ-UBND", "--huy"]);
    assert!(withdrawn.status.success(), "{}", stderr(&withdrawn));
    assert!(stdout(&withdrawn).contains("Đã bỏ dấu ban hành của 1 văn bản"));
    build_ok(ds.path());
    let decision = pdf_text(&out.join("2025/quyet-dinh-khen-thuong/ubnd-xa.pdf"));
    assert!(decision.contains("Nguyễn Thị Ánh Hồng"), "{decision}");
    let certificate = pdf_text(&out.join("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"));
    assert!(certificate.contains("Nguyễn Thị Ánh Hồng"), "{certificate}");
    assert_eq!(
        golden_printed(&out, "2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "02"
    );
}

/// Every paper of the round issued, then a name fixed: each issued paper the change
/// reaches is named once, with what changed, and none is rewritten.
#[test]
fn each_issued_paper_a_change_reaches_is_warned_about_once() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    assert!(vanban(ds.path(), &["ban-hanh"]).status.success());
    let before = pdfs(&out);
    rename_anh(ds.path());
    let said = build_ok(ds.path());
    let warnings: Vec<&str> = said
        .lines()
        .filter(|l| l.starts_with("cảnh báo[V033]"))
        .collect();
    // The recognition decision and the reward decision list her; each says so once.
    assert!(warnings.len() >= 2, "{said}");
    for w in &warnings {
        assert!(w.contains("Nguyễn Thị Ánh Hồng"), "{w}");
    }
    let mut symbols: Vec<&str> = warnings
        .iter()
        .map(|w| w.split("đã ban hành").next().unwrap())
        .collect();
    let all = symbols.len();
    symbols.sort();
    symbols.dedup();
    assert_eq!(symbols.len(), all, "a paper warned about twice:\n{said}");
    let after = pdfs(&out);
    for (rel, bytes) in &before {
        let numbered = !rel.starts_with("2025/dang-ky") && !rel.starts_with("2025/bao-cao/");
        if numbered {
            assert!(after[rel] == *bytes, "{} rewritten", rel.display());
        }
    }
}

#[test]
fn a_file_that_cannot_be_written_fails_alone_and_the_rest_is_registered() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    // Something that is not a file stands where one certificate goes (what an open PDF
    // is to Windows): renaming over it fails, whoever runs the test.
    let blocked = out.join("2025/giay-khen/bcd-xa/tran-van-binh.pdf");
    std::fs::create_dir_all(blocked.join("x")).unwrap();
    let o = vanban(ds.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(
        said.contains(&format!("không ghi được tệp {}", blocked.display())),
        "{said}"
    );
    let rows = rows(ds.path());
    let filed = |file: &str| {
        rows.iter()
            .any(|r| r.file.as_deref() == Some(file) && r.sha256.is_some())
    };
    assert!(
        filed("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
        "{rows:?}"
    );
    assert!(filed("2025/quyet-dinh-khen-thuong/bcd-xa.pdf"), "{rows:?}");
    assert!(
        !filed("2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        "{rows:?}"
    );
    assert!(out.join("2025/so-van-ban.csv").is_file());
    // Its Số sổ vàng is kept for it, the one its decision's list already printed: once the
    // file can be written, the certificate says that number, whatever came in between.
    let kept = rows
        .iter()
        .find(|r| r.kind == "SSV" && r.subject.contains("tran-van-binh"))
        .unwrap_or_else(|| panic!("the unwritten certificate keeps its number: {rows:?}"))
        .number;
    std::fs::remove_dir_all(&blocked).unwrap();
    build_ok(ds.path());
    assert_eq!(
        golden_printed(&out, "2025/giay-khen/bcd-xa/tran-van-binh.pdf"),
        format!("{kept:02}")
    );
}

#[test]
fn a_lost_or_empty_register_is_refused_while_out_shows_numbers() {
    let ds = dataset(&[]);
    build_ok(ds.path());
    let register = ds.path().join(vanban::register::FILE);
    std::fs::write(&register, b"").unwrap();
    let o = vanban(ds.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("rỗng (0 byte)"), "{said}");
    assert!(said.contains("so-van-ban.csv"), "{said}");
    assert_eq!(std::fs::metadata(&register).unwrap().len(), 0);
    std::fs::remove_file(&register).unwrap();
    let o = vanban(ds.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("không thấy sổ văn bản"),
        "{}",
        stderr(&o)
    );
    assert!(!register.exists());
    // A register cut short is no register either.
    std::fs::write(&register, b"SQLite format 3\0garbage").unwrap();
    let o = vanban(ds.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bị hỏng"), "{}", stderr(&o));
    let so = vanban(ds.path(), &["so"]);
    assert_eq!(so.status.code(), Some(2));
    assert!(stderr(&so).contains("bị hỏng"), "{}", stderr(&so));
    assert!(!stderr(&so).contains("file is not"), "{}", stderr(&so));
}

#[test]
fn de_trong_so_prints_number_and_day_blank_for_the_van_thu() {
    let ds = dataset(&[]);
    let round = std::fs::read_to_string(ds.path().join("dot-2025.yaml")).unwrap();
    add(
        ds.path(),
        &[("dot-2025.yaml", &format!("de_trong_so: true\n{round}"))],
    );
    build_ok(ds.path());
    let out = ds.path().join("out");
    let decision = pdf_text(&out.join("2025/quyet-dinh-khen-thuong/ubnd-xa.pdf"));
    assert!(decision.contains("Số: /QĐ-UBND"), "{decision}");
    assert!(!decision.contains("01/QĐ-UBND"), "{decision}");
    assert!(
        decision.contains("Phước Lại, ngày tháng 12 năm 2025"),
        "{decision}"
    );
    // The blank is wide enough to write in: no-break spaces, not one collapsed space.
    let raw = crate::common::pdftotext(
        &out.join("2025/quyet-dinh-khen-thuong/ubnd-xa.pdf"),
        &["-raw"],
    );
    let line = raw.lines().find(|l| l.contains("/QĐ-UBND")).unwrap();
    assert!(
        line.chars().filter(|c| c.is_whitespace()).count() >= 4,
        "{line:?}"
    );
    let certificate = pdf_text(&out.join("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"));
    assert!(
        certificate.contains("Quyết định số /QĐ-UBND"),
        "{certificate}"
    );
    assert_disjoint(&rows(ds.path()));
    // The register keeps the document's place, but lists no number of its own for it.
    let csv = std::fs::read_to_string(out.join("2025/so-van-ban.csv")).unwrap();
    let line = csv
        .lines()
        .find(|l| l.contains("/QĐ-UBND,15/12/2025"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(line.contains(",ubnd-xa,QĐ,,"), "{line}");
    let so = stdout(&vanban(ds.path(), &["so"]));
    assert!(so.contains("(để trống số)"), "{so}");
}

#[test]
fn de_trong_so_leaves_the_day_blank_where_other_documents_cite_a_numbered_one() {
    let ds = dataset(&[]);
    // A tờ trình before the recognition decision, and a reward decision without bases of its
    // own, so that it cites the recognition decision: every citation of a numbered document.
    let round = std::fs::read_to_string(ds.path().join("dot-2025.yaml"))
        .unwrap()
        .replace(
            "cong_nhan:",
            "to_trinh:\n  co_quan: bcd-xa\n  ngay: 2025-12-05\n  kinh_gui: Ban Chỉ đạo xã\ncong_nhan:",
        )
        .replacen(
            "    can_cu:\n      - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n    ngay: 16/12/2025",
            "    ngay: 16/12/2025",
            1,
        );
    assert!(
        round.contains("to_trinh:") && !round.ends_with("năm 2022\n"),
        "{round}"
    );
    add(
        ds.path(),
        &[("dot-2025.yaml", &format!("de_trong_so: true\n{round}"))],
    );
    build_ok(ds.path());
    let out = ds.path().join("out/2025");
    // The certificate cites its decision with the number and the day blank, month and year
    // kept as the decision's header prints them.
    let certificate = pdf_text(&out.join("giay-khen/ubnd-xa/nguyen-thi-anh.pdf"));
    assert!(
        certificate.contains("Quyết định số /QĐ-UBND ngày tháng 12 năm 2025"),
        "{certificate}"
    );
    assert!(!certificate.contains("15/12/2025"), "{certificate}");
    // The recognition decision cites the tờ trình, and lists under its own blank date.
    let recognition = pdf_text(&out.join("quyet-dinh-cong-nhan.pdf"));
    assert!(
        recognition.contains("TTr/BCĐ ngày tháng 12 năm 2025 về việc đề nghị công nhận"),
        "{recognition}"
    );
    assert!(!recognition.contains("05/12/2025"), "{recognition}");
    assert!(!recognition.contains("ngày 10 tháng 12"), "{recognition}");
    // The reward decision cites the recognition decision, and its list its own blank date.
    let reward = pdf_text(&out.join("quyet-dinh-khen-thuong/bcd-xa.pdf"));
    assert!(
        reward.contains("Căn cứ Quyết định số -QĐ/BCĐTĐ ngày tháng 12 năm 2025"),
        "{reward}"
    );
    assert!(!reward.contains("10/12/2025"), "{reward}");
    assert!(!reward.contains("ngày 16 tháng 12"), "{reward}");
}

#[test]
fn reprinting_certificates_alone_after_a_rename_says_the_decision_still_has_the_old_name() {
    let ds = dataset(&[]);
    build_ok(ds.path());
    rename_anh(ds.path());
    let o = vanban(ds.path(), &["build", "--chi", "giay-khen"]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains("văn bản 01/QĐ-UBND không được in lại trong lần chạy này"),
        "{said}"
    );
    assert!(said.contains("thành «Bà Nguyễn Thị Ánh Hồng»"), "{said}");
    let certificate = pdf_text(
        &ds.path()
            .join("out/2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
    );
    assert!(certificate.contains("Nguyễn Thị Ánh Hồng"), "{certificate}");
    // The decision's line now lists the new name, so the register no longer names the
    // old file as this decision's: `ban-hanh` cannot issue a paper that says otherwise.
    let decision = rows(ds.path())
        .into_iter()
        .find(|r| r.symbol == "01/QĐ-UBND")
        .unwrap();
    assert_eq!((decision.file, decision.sha256), (None, None));
    let issued = vanban(ds.path(), &["ban-hanh", "01/QĐ-UBND"]);
    assert!(!issued.status.success(), "{}", stdout(&issued));
    build_ok(ds.path());
    let decision = rows(ds.path())
        .into_iter()
        .find(|r| r.symbol == "01/QĐ-UBND")
        .unwrap();
    assert!(decision.file.is_some() && decision.sha256.is_some());
}

/// A record removed while the decision was a draft is not on the list that was issued:
/// the issued list is the one printed, not every certificate line the body ever had.
#[test]
fn a_record_removed_before_issue_stays_off_the_issued_list() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    std::fs::remove_file(ds.path().join("tap-the.yaml")).unwrap();
    build_ok(ds.path());
    assert!(vanban(ds.path(), &["ban-hanh"]).status.success());
    let issued = pdfs(&out);
    let said = build_ok(ds.path());
    assert_eq!(pdfs(&out), issued);
    assert!(!said.contains("đã ban hành nên"), "{said}");
    assert!(
        !out.join("2025/giay-khen/ubnd-xa/chi-hoi-pn-ap-3.pdf")
            .exists()
    );
    let decision = pdf_text(&out.join("2025/quyet-dinh-khen-thuong/ubnd-xa.pdf"));
    assert!(!decision.contains("Chi hội Phụ nữ ấp 3"), "{decision}");
    // Its line keeps Sổ vàng 01 for good, still a draft: it was never issued.
    let line = rows(ds.path())
        .into_iter()
        .find(|r| r.kind == "SSV" && r.subject == "chi-hoi-pn-ap-3")
        .unwrap();
    assert_eq!((line.number, line.is_issued()), (1, false));
}

/// Deleting `out/` after issue gives the issued papers back, byte for byte.
#[test]
fn issued_papers_come_back_byte_identical_after_out_is_deleted() {
    let ds = dataset(&[]);
    let out = ds.path().join("out");
    build_ok(ds.path());
    assert!(vanban(ds.path(), &["ban-hanh"]).status.success());
    let issued = pdfs(&out);
    std::fs::remove_dir_all(&out).unwrap();
    let said = build_ok(ds.path());
    assert!(!said.contains("đã ban hành"), "{said}");
    assert_eq!(pdfs(&out), issued);
}
