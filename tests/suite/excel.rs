//! Spreadsheets in the dataset: lists from Excel/CSV load as records, with cell locations.

use crate::common;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use vanban::pipeline;

/// A fresh `vanban init` dataset without its YAML individual, for a sheet to take its place.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vanban::init::init(dir.path()).unwrap();
    for f in common::files(dir.path()) {
        if f.extension().is_some_and(|e| e == "xlsx") || f == Path::new("ca-nhan.yaml") {
            std::fs::remove_file(dir.path().join(f)).unwrap();
        }
    }
    dir
}

/// One cell to write.
#[derive(Clone)]
enum V {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}
use V::{D, E, N, S};

fn put(ws: &mut Worksheet, row: u32, cells: &[V]) {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, v) in cells.iter().enumerate() {
        let c = c as u16;
        match v {
            S(s) => ws.write_string(row, c, *s).map(|_| ()),
            N(n) => ws.write_number(row, c, *n).map(|_| ()),
            D(y, m, d) => ws
                .write_datetime_with_format(
                    row,
                    c,
                    ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                    &date,
                )
                .map(|_| ()),
            E => Ok(()),
        }
        .unwrap();
    }
}

/// Writes a workbook of one sheet `name`: `rows[i]` at sheet row `first + i`.
fn xlsx(path: &Path, name: &str, first: u32, rows: &[Vec<V>], title: bool) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    if title {
        ws.merge_range(
            0,
            0,
            0,
            6,
            "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
            &Format::new(),
        )
        .unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        put(ws, first + i as u32, r);
    }
    wb.save(path).unwrap();
}

/// The init dataset's individual (templates/init/ca-nhan.yaml) as header and row.
fn anh() -> (Vec<V>, Vec<V>) {
    let cols: Vec<(&'static str, V)> = vec![
        ("STT", N(1.0)),
        ("Họ và tên", S("Nguyễn Thị Ánh")),
        ("Giới tính", S("Nữ")),
        ("Chức vụ", S("Chủ tịch Hội Liên hiệp Phụ nữ xã")),
        ("Đơn vị", S("xã Phước Lại")),
        ("Đối tượng", S("Đoàn viên, hội viên")),
        ("dang_ky.ngay", D(2025, 3, 5)),
        (
            "dang_ky.noi_dung",
            S("Vận động hội viên tham gia mô hình \"Heo đất tiết kiệm\"."),
        ),
        (
            "dang_ky.giai_phap",
            S("Đến từng hộ hội viên nghèo vận động, hướng dẫn cách góp."),
        ),
        (
            "dang_ky.tien_do",
            S("Quý I/2025: Vận động hội viên đăng ký tham gia."),
        ),
        ("dang_ky.phe_duyet.cap_uy", S("Đảng ủy xã Phước Lại")),
        ("dang_ky.phe_duyet.chuc_vu", S("Bí thư")),
        ("dang_ky.phe_duyet.ho_ten", S("Phạm Văn Hùng")),
        ("dang_ky.phe_duyet.ngay", S("10/03/2025")),
        ("bao_cao.ngay", D(2025, 11, 20)),
        (
            "bao_cao.dac_diem",
            S("Phụ trách công tác hội ở xã từ năm 2021."),
        ),
        (
            "bao_cao.ket_qua",
            S("Vận động 85 hội viên tham gia, giúp 10 hộ có vốn làm ăn."),
        ),
        (
            "bao_cao.cach_lam",
            S("Đi từng nhà, lắng nghe, giải thích rõ quyền lợi của hội viên."),
        ),
        ("bao_cao.kinh_nghiem", S("Gần dân, nói đi đôi với làm.")),
        (
            "bao_cao.tac_dung",
            S("Hội viên tin tưởng, tích cực tham gia sinh hoạt hội."),
        ),
        (
            "bao_cao.lan_toa",
            S("Các chi hội khác học theo cách vận động."),
        ),
        ("bao_cao.xac_nhan.cap", S("Thủ trưởng")),
        (
            "bao_cao.xac_nhan.co_quan",
            S("ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"),
        ),
        ("bao_cao.xac_nhan.chuc_vu", S("Chủ tịch")),
        ("bao_cao.xac_nhan.ho_ten", S("Võ Văn Năm")),
        ("bao_cao.xac_nhan.ngay", S("2025-11-25")),
        ("Khen thưởng", S("ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI")),
    ];
    (
        cols.iter().map(|(l, _)| S(l)).collect(),
        cols.into_iter().map(|(_, v)| v).collect(),
    )
}

/// `anh()`'s row with another name (and sex), so one sheet can hold several eligible people.
fn person(name: &'static str, sex: &'static str) -> Vec<V> {
    let mut row = anh().1;
    row[1] = S(name);
    row[2] = S(sex);
    row
}

fn check(dir: &Path) -> (vanban::load::Dataset, String) {
    let (ds, report) = pipeline::check(dir, &[]).unwrap();
    (ds, report.render())
}

#[test]
fn reads_titles_merged_cells_gaps_totals_dates_and_plain_labels() {
    let dir = dataset();
    let header = vec![
        S("STT"),
        S("Ho va ten"),
        S(" NAM SINH "),
        S("Gioi tinh"),
        S("Chuc vu"),
        S("Don vi cong tac"),
        S("Doi tuong"),
        S("Danh hieu"),
    ];
    let rows = vec![
        vec![E, S("(Kèm theo Tờ trình số 12/TTr-UBND)")],
        header,
        vec![
            N(1.0),
            S("Trần Văn Bình"),
            N(1985.0),
            S("Nam"),
            N(12.0),
            S("UBND xã"),
            S("Can bo, cong chuc"),
            S("Chiến sĩ thi đua cơ sở"),
        ],
        vec![],
        vec![
            N(2.0),
            S("Lê Thị Cúc"),
            S("1990"),
            S("nu"),
            E,
            S("Ấp 3"),
            S("nhan_dan"),
        ],
        vec![N(3.0), E, S("1970"), S("Nam"), E, S("Ấp 4"), S("Nhân dân")],
        vec![S("Tổng cộng"), S("2 người")],
        vec![
            N(4.0),
            S("Sau Tổng Cộng"),
            E,
            E,
            E,
            S("Ấp 5"),
            S("Nhân dân"),
        ],
    ];
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        1,
        &rows,
        true,
    );
    // Excel's lock file and hidden files are no lists.
    std::fs::write(dir.path().join("~$danh-sach.xlsx"), b"lock").unwrap();
    let (ds, report) = check(dir.path());
    assert!(!report.contains("lỗi"), "{report}");
    let mut people: Vec<_> = ds.persons.iter().map(|p| &p.record).collect();
    people.sort_by_key(|p| p.ma.clone());
    let names: Vec<&str> = people.iter().map(|p| p.ma.as_str()).collect();
    assert_eq!(names, ["le-thi-cuc", "tran-van-binh"]);
    let (cuc, binh) = (people[0], people[1]);
    assert_eq!(binh.birth_year, Some(1985));
    assert_eq!(cuc.birth_year, Some(1990));
    assert_eq!(binh.position.as_deref(), Some("12"));
    assert_eq!(binh.unit, "UBND xã");
    assert_eq!(binh.kind, vanban::model::PersonKind::CanBoCongChuc);
    assert_eq!(binh.sex, Some(vanban::model::Sex::Nam));
    assert_eq!(cuc.sex, Some(vanban::model::Sex::Nu));
    let titles = binh.titles.as_ref().unwrap();
    assert_eq!(
        (titles[0].year, titles[0].rank),
        (2025, vanban::model::TitleRank::ChienSiThiDuaCoSo)
    );
    assert!(cuc.titles.is_none() && cuc.position.is_none());
    let binh_origin = &ds
        .persons
        .iter()
        .find(|p| p.record.ma == "tran-van-binh")
        .unwrap()
        .origin;
    let loc = ds.locate(binh_origin, "nam_sinh");
    assert_eq!(loc.place(), "danh-sach.xlsx › Cá nhân › C4 (cột NAM SINH)");
    assert_eq!(loc.snippet.as_deref(), Some("1985"));
    // A key without a column points at the row's name cell.
    let loc = ds.locate(binh_origin, "bao_cao");
    assert_eq!(loc.place(), "danh-sach.xlsx › Cá nhân › B4 (cột Ho va ten)");
}

#[test]
fn date_cells_text_dates_multiline_cells_and_bodies_by_name() {
    let dir = dataset();
    let (header, mut row) = anh();
    // Two solutions in one cell (Alt+Enter), two steps of the timeline.
    row[8] = S("Đến từng hộ vận động.\nHướng dẫn cách góp.");
    row[9] = S("Quý I/2025: Vận động đăng ký.\nQuý II/2025: Góp vốn.");
    row[15] = S("Dòng một.\nDòng hai.");
    xlsx(
        &dir.path().join("ds.xlsx"),
        "Cá nhân",
        0,
        &[header, row],
        false,
    );
    let (ds, report) = check(dir.path());
    assert!(!report.contains("lỗi"), "{report}");
    let p = &ds.persons[0].record;
    let reg = p.registration.as_ref().unwrap();
    assert_eq!(reg.date.0.to_string(), "2025-03-05");
    assert_eq!(
        reg.approval.as_ref().unwrap().date.0.to_string(),
        "2025-03-10"
    );
    assert_eq!(
        reg.solutions,
        ["Đến từng hộ vận động.", "Hướng dẫn cách góp."]
    );
    let steps: Vec<(&str, &str)> = reg
        .timeline
        .iter()
        .map(|m| (m.when.as_str(), m.work.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("Quý I/2025", "Vận động đăng ký."),
            ("Quý II/2025", "Góp vốn.")
        ]
    );
    let rep = p.report.as_ref().unwrap();
    assert_eq!(rep.date.0.to_string(), "2025-11-20");
    assert_eq!(rep.situation, "Dòng một.\nDòng hai.");
    assert_eq!(rep.confirmation.date.0.to_string(), "2025-11-25");
    // `Khen thưởng` named the body by its `ten`.
    assert_eq!(p.reward.as_ref().unwrap().body, "ubnd-xa");
}

#[test]
fn semicolon_csv_with_bom_and_quoted_line_breaks() {
    let dir = dataset();
    let csv = "\u{feff}DANH SÁCH CÁ NHÂN\r\nSTT;Họ và tên;Năm sinh;Đơn vị;Đối tượng;dang_ky.giai_phap\r\n1;\"Phạm Văn Đông\";1979;\"Ấp 2; xã Phước Lại\";Nhân dân;\"Vận động; hướng dẫn\r\nGiúp vốn\"\r\n";
    std::fs::write(dir.path().join("xa-phuoc-lai.csv"), csv).unwrap();
    let (ds, report) = check(dir.path());
    // The record has no full registration: the one error is about that, at the name cell.
    let p = ds.persons.iter().find(|p| p.record.ma == "pham-van-dong");
    assert!(p.is_none(), "an incomplete `dang_ky` drops the record");
    assert!(
        report.contains(
            "--> xa-phuoc-lai.csv › xa-phuoc-lai › B3 (cột Họ và tên) (trường: dang_ky.ngay)"
        ),
        "{report}"
    );
    let csv = csv
        .replace(";dang_ky.giai_phap", "")
        .replace(";\"Vận động; hướng dẫn\r\nGiúp vốn\"", "");
    std::fs::write(dir.path().join("xa-phuoc-lai.csv"), csv).unwrap();
    let (ds, report) = check(dir.path());
    assert!(!report.contains("lỗi"), "{report}");
    let p = &ds
        .persons
        .iter()
        .find(|p| p.record.ma == "pham-van-dong")
        .unwrap()
        .record;
    assert_eq!(
        (p.birth_year, p.unit.as_str()),
        (Some(1979), "Ấp 2; xã Phước Lại")
    );
}

#[test]
fn three_bad_cells_give_three_diagnostics_and_drop_only_their_row() {
    let dir = dataset();
    let rows = vec![
        vec![
            S("STT"),
            S("Họ và tên"),
            S("Giới tính"),
            S("Năm sinh"),
            S("Đơn vị"),
            S("Đối tượng"),
            S("dang_ky.ngay"),
            S("Ghi chu"),
        ],
        vec![
            N(1.0),
            S("Võ Thị Hoa"),
            S("Khác"),
            S("năm 85"),
            S("Ấp 1"),
            S("Can bo"),
            S("31/02/2025"),
        ],
        vec![
            N(2.0),
            S("Đỗ Văn Khang"),
            S("Nam"),
            N(1980.0),
            S("Ấp 2"),
            S("Nhân dân"),
        ],
    ];
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &rows,
        false,
    );
    let (ds, report) = check(dir.path());
    for (cell, value) in [
        ("C2 (cột Giới tính)", "Khác"),
        ("D2 (cột Năm sinh)", "năm 85"),
        ("F2 (cột Đối tượng)", "Can bo"),
        ("G2 (cột dang_ky.ngay)", "31/02/2025"),
    ] {
        let at = format!("--> danh-sach.xlsx › Cá nhân › {cell}");
        assert!(report.contains(&at), "{at} missing in\n{report}");
        assert!(
            report.contains(&format!("| giá trị: {value}\n")),
            "{report}"
        );
    }
    assert!(report.contains("dùng một trong: Nam; Nữ"), "{report}");
    assert!(
        report.contains("một trong: Cán bộ, công chức; Viên chức"),
        "{report}"
    );
    // An unknown column label: named at its header cell, with a "did you mean".
    assert!(
        report.contains("cột «Ghi chu» không phải tên cột nào"),
        "{report}"
    );
    let ma: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
    assert_eq!(ma, ["do-van-khang"]);
    let rows = vec![
        vec![S("Ho va ten"), S("Don vi cong tak"), S("Đối tượng")],
        vec![S("A"), S("B"), S("Nhân dân")],
    ];
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &rows,
        false,
    );
    let (_, report) = check(dir.path());
    assert!(
        report.contains("--> danh-sach.xlsx › Cá nhân › B1 (cột Don vi cong tak)"),
        "{report}"
    );
    assert!(
        report.contains("có phải ý bạn là cột «Đơn vị công tác»?"),
        "{report}"
    );
}

#[test]
fn duplicate_names_take_their_unit_and_a_remaining_clash_is_named() {
    let dir = dataset();
    let rows = vec![
        vec![S("Họ và tên"), S("Đơn vị"), S("Đối tượng")],
        vec![S("Nguyễn Văn An"), S("Ấp 1"), S("Nhân dân")],
        vec![S("Nguyễn Văn An"), S("Ấp 2"), S("Nhân dân")],
        vec![S("Lê Văn Bảy"), S("Ấp 3"), S("Nhân dân")],
        vec![S("Lê Văn Bảy"), S("Ấp 3"), S("Nhân dân")],
        vec![S("Trần Thị Tư"), S("Ấp 3"), S("Nhân dân")],
    ];
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &rows,
        false,
    );
    let (ds, report) = check(dir.path());
    let mut ma: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
    ma.sort();
    assert_eq!(
        ma,
        ["nguyen-van-an-ap-1", "nguyen-van-an-ap-2", "tran-thi-tu"]
    );
    assert!(
        report.contains("các dòng danh-sach.xlsx › Cá nhân › A4 (cột Họ và tên) và danh-sach.xlsx › Cá nhân › A5 (cột Họ và tên) trùng cả họ tên lẫn đơn vị"),
        "{report}"
    );
    assert!(report.contains("thêm cột `Mã`"), "{report}");
    // A `Mã` column settles it.
    let mut rows = rows;
    for (i, r) in rows.iter_mut().enumerate() {
        r.insert(
            0,
            if i == 0 {
                S("Mã")
            } else if i == 4 {
                S("le-van-bay-2")
            } else {
                E
            },
        );
    }
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &rows,
        false,
    );
    let (ds, report) = check(dir.path());
    assert!(!report.contains("lỗi"), "{report}");
    assert_eq!(ds.persons.len(), 5);
}

#[test]
fn a_file_that_is_no_workbook_is_one_error() {
    let dir = dataset();
    std::fs::write(dir.path().join("hong.xlsx"), b"not a zip").unwrap();
    let (ds, report) = pipeline::check(dir.path(), &[]).unwrap();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", report.render());
    assert!(
        errors[0].render().contains("--> hong.xlsx"),
        "{}",
        report.render()
    );
    assert!(errors[0].message.starts_with("không đọc được bảng tính"));
    assert_eq!(ds.collectives.len(), 1, "the YAML still loads");
}

fn pdfs(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    common::files(out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_record_from_a_sheet_prints_byte_for_byte_as_from_yaml() {
    let yaml = tempfile::tempdir().unwrap();
    vanban::init::init(yaml.path()).unwrap();
    let sheet = dataset();
    let (header, row) = anh();
    xlsx(
        &sheet.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &[header, row],
        false,
    );
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let built_a = common::build(yaml.path(), a.path(), 1);
    let built_b = common::build(sheet.path(), b.path(), 1);
    assert!(!built_b.report.has_errors(), "{}", built_b.report.render());
    let (pa, pb) = (pdfs(a.path()), pdfs(b.path()));
    assert!(
        pb.iter()
            .any(|(f, _)| f.to_string_lossy().contains("nguyen-thi-anh")),
        "{pb:?}"
    );
    assert_eq!(pa.len(), pb.len());
    assert!(built_a.written.len() == built_b.written.len());
    for ((fa, ba), (fb, bb)) in pa.iter().zip(&pb) {
        assert_eq!(fa, fb);
        assert!(ba == bb, "{} differs between YAML and sheet", fa.display());
    }
}

#[test]
fn reordering_rows_changes_no_number_and_no_pdf() {
    let (header, _) = anh();
    let mut an1 = person("Nguyễn Văn An", "Nam");
    an1[4] = S("Ấp 1");
    let mut an2 = person("Nguyễn Văn An", "Nam");
    an2[4] = S("Ấp 2");
    let people = [
        person("Trần Thị Bích", "Nữ"),
        an1,
        an2,
        person("Lê Văn Cường", "Nam"),
    ];
    let build = |order: &[usize]| {
        let dir = dataset();
        let mut rows = vec![header.clone()];
        rows.extend(order.iter().map(|&i| people[i].clone()));
        xlsx(
            &dir.path().join("danh-sach.xlsx"),
            "Cá nhân",
            0,
            &rows,
            false,
        );
        let out = tempfile::tempdir().unwrap();
        let built = common::build(dir.path(), out.path(), 1);
        assert!(!built.report.has_errors(), "{}", built.report.render());
        (pdfs(out.path()), out)
    };
    let (first, _a) = build(&[0, 1, 2, 3]);
    let (second, _b) = build(&[3, 2, 0, 1]);
    assert!(first.len() > 8, "{}", first.len());
    assert_eq!(
        first.iter().map(|f| &f.0).collect::<Vec<_>>(),
        second.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((f, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{} changed with the row order", f.display());
    }
}

#[test]
fn the_template_has_every_label_drop_downs_and_examples_that_load() {
    let dir = dataset();
    let path = dir.path().join("mau.xlsx");
    let bin = env!("CARGO_BIN_EXE_vanban");
    let run = std::process::Command::new(bin)
        .arg("mau-excel")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The drop-downs are data validations reading the hidden list sheet.
    let sheet = std::process::Command::new("unzip")
        .args(["-p"])
        .arg(&path)
        .arg("xl/worksheets/sheet1.xml")
        .output()
        .unwrap();
    let xml = String::from_utf8(sheet.stdout).unwrap();
    assert_eq!(
        xml.matches("<dataValidation type=\"list\"").count(),
        4,
        "{xml}"
    );
    assert!(xml.contains("'Danh mục'!$B$2:$B$9"), "{xml}");
    assert!(xml.contains("<pane ySplit=\"1\""), "frozen header: {xml}");
    // The example rows load, one record per sheet, and are eligible.
    let (_, rounds, report) = pipeline::appraise(dir.path(), &[]).unwrap();
    assert!(!report.has_errors(), "{}", report.render());
    let rendered = vanban::validate::table::render(&rounds);
    assert!(rendered.contains("Trần Văn Bình"), "{rendered}");
    assert!(rendered.contains("Chi hội Nông dân ấp 2"), "{rendered}");
    let t = vanban::validate::criteria::Totals::sum(&rounds);
    assert_eq!(t.eligible, t.total(), "{rendered}");
    assert_eq!(t.total(), 3);
    // `vanban init` ships the template without examples: the sample keeps its two records.
    let sample = dir.path().join("mau-init");
    let files = vanban::init::init(&sample).unwrap();
    assert!(files.contains(&"mau-danh-sach.xlsx".to_owned()));
    let (ds, report) = check(&sample);
    assert!(report.is_empty(), "{report}");
    assert_eq!((ds.persons.len(), ds.collectives.len()), (1, 1));
}

/// LibreOffice opens the template, keeps its drop-downs, and the `.ods` it saves loads the
/// same records. Skipped with a note where LibreOffice is not installed (`apt-get install
/// libreoffice-calc-nogui`), except on CI, which installs it: there a missing office suite
/// is a failure, not a silent pass.
#[test]
fn libreoffice_opens_the_template_and_its_ods_loads() {
    let Ok(lo) = std::process::Command::new("libreoffice")
        .arg("--version")
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice (.ci/run): the template must be checked with it"
        );
        eprintln!("libreoffice is not installed: template not checked with it");
        return;
    };
    assert!(lo.status.success());
    let dir = dataset();
    let work = tempfile::tempdir().unwrap();
    let xlsx = work.path().join("mau.xlsx");
    vanban::sheet::template::write(&xlsx, true).unwrap();
    // The flat XML flavour shows what LibreOffice made of the drop-downs without unzipping.
    for (format, outdir) in [("ods", dir.path()), ("fods", work.path())] {
        let mut convert = std::process::Command::new("libreoffice");
        convert
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(outdir)
            .arg(&xlsx)
            .env("HOME", work.path());
        let run = bounded(convert, std::time::Duration::from_secs(180));
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let flat = std::fs::read_to_string(work.path().join("mau.fods")).unwrap();
    // One validation per coded column survives the round trip, each a list to pick from.
    let lists = flat.matches("<table:content-validation ").count();
    assert!(lists >= 4, "{lists} drop-downs survive in LibreOffice");
    assert!(
        flat.contains("table:display-list=\"unsorted\"")
            || flat.contains("table:condition=\"of:cell-content-is-in-list("),
        "the drop-downs are lists"
    );
    assert!(
        flat.contains("Đoàn viên, hội viên"),
        "the labels are offered"
    );
    let (ds, report) = check(dir.path());
    assert!(!report.contains("lỗi"), "{report}");
    let loc = ds.locate(&ds.persons[0].origin, "doi_tuong");
    assert_eq!(loc.place(), "mau.ods › Cá nhân › H2 (cột Đối tượng)");
    assert_eq!(ds.persons[0].record.name, "Trần Văn Bình");
    assert_eq!(ds.collectives.len(), 2);
}

/// Runs `command` to its end, killing it after `limit`: an office suite that hangs on a
/// dialog must fail the test, not the CI run.
fn bounded(mut command: std::process::Command, limit: std::time::Duration) -> std::process::Output {
    use std::process::Stdio;
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("{command:?} still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

/// The cells of the first sheet of a workbook, as text.
fn cells(path: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn results_come_back_as_excel_with_reasons_and_cells() {
    let dir = dataset();
    let (header, row) = anh();
    let mut late = person("Hồ Văn Muộn", "Nam");
    late[6] = D(2025, 5, 2);
    xlsx(
        &dir.path().join("danh-sach.xlsx"),
        "Cá nhân",
        0,
        &[header, row, late],
        false,
    );
    let out = tempfile::tempdir().unwrap();
    let built = common::build(dir.path(), out.path(), 1);
    assert!(!built.report.has_errors(), "{}", built.report.render());
    let table = cells(&out.path().join("2025/ket-qua-xet-chon.xlsx"));
    assert_eq!(table[0][3], "Tên");
    assert_eq!(table[0][6], "Đăng ký đúng hạn");
    let muon = table.iter().find(|r| r[2] == "ho-van-muon").unwrap();
    assert_eq!(muon[6], "Chưa đạt");
    assert_eq!(muon[13], "Chưa đủ tiêu chuẩn");
    assert!(muon[14].starts_with("Đăng ký đúng hạn: "), "{muon:?}");
    assert_eq!(muon[15], "danh-sach.xlsx › Cá nhân › B3 (cột Họ và tên)");
    let anh = table.iter().find(|r| r[2] == "nguyen-thi-anh").unwrap();
    assert_eq!(
        (anh[6].as_str(), anh[13].as_str()),
        ("Đạt", "Đủ tiêu chuẩn")
    );
    assert!(
        table
            .iter()
            .any(|r| r[2] == "chi-hoi-pn-ap-3" && r[15].starts_with("tap-the.yaml:"))
    );
    // The register as Excel holds what its CSV holds.
    let register = cells(&out.path().join("2025/so-van-ban.xlsx"));
    let csv = std::fs::read_to_string(out.path().join("2025/so-van-ban.csv")).unwrap();
    assert!(register.len() > 3);
    assert!(csv.contains(&register[1][0]), "{:?}", register[1]);
    assert!(
        register
            .iter()
            .any(|r| r.iter().any(|c| c.contains("Nguyễn Thị Ánh"))),
        "{register:?}"
    );
}

// ---- data/ca-nhan/danh-sach-2.xlsx: the example dataset's list in Excel -------------------

/// Where the YAML the example list was made from is kept, to prove the two equal.
fn data_list_yaml() -> PathBuf {
    common::fixture("excel/danh-sach-2.yaml")
}

const DATA_LIST: &str = "data/ca-nhan/danh-sach-2.xlsx";

/// A cell of the generated list.
enum Out {
    Text(String),
    Num(f64),
    Date(chrono::NaiveDate),
}

/// The labels a xã's list uses for the record's own keys; every other key is a key path.
const LABELS: [(&str, &str); 11] = [
    ("ho_ten", "Họ và tên"),
    ("gioi_tinh", "Giới tính"),
    ("nam_sinh", "Năm sinh"),
    ("chuc_vu", "Chức vụ"),
    ("don_vi", "Đơn vị công tác"),
    ("doi_tuong", "Đối tượng"),
    ("danh_hieu", "Danh hiệu"),
    ("cap_uy", "Cấp ủy"),
    ("khen_thuong.co_quan", "Khen thưởng"),
    ("khen_thuong.ly_do", "Lý do khen"),
    ("xet_chon_nganh", "xet_chon_nganh"),
];

fn label_of(table: &[(&str, &str)], code: &str) -> String {
    table.iter().find(|(c, _)| *c == code).unwrap().1.to_owned()
}

/// Flattens one YAML record the way staff would type it into a row.
fn flatten(prefix: &str, v: &serde_norway::Value, out: &mut Vec<(String, Out)>) {
    use serde_norway::Value;
    let text = |v: &Value| match v {
        Value::String(s) => s.trim_end().to_owned(),
        Value::Number(n) => n.to_string(),
        other => panic!("{other:?}"),
    };
    let pairs = |items: &[Value], a: &str, b: &str| {
        items
            .iter()
            .map(|i| {
                let left = text(&i[a]);
                assert!(!left.contains(':'), "{left}");
                format!("{left}: {}", text(&i[b]))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let Value::Mapping(m) = v else { unreachable!() };
    for (k, v) in m {
        let key = k.as_str().unwrap();
        let path = if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        };
        let cell = match (path.as_str(), v) {
            ("loai" | "ma", _) => continue,
            (_, Value::Mapping(_)) => {
                flatten(&path, v, out);
                continue;
            }
            ("gioi_tinh", v) => Out::Text(if text(v) == "nu" { "Nữ" } else { "Nam" }.into()),
            ("doi_tuong", v) => Out::Text(label_of(&PERSON_KINDS, &text(v))),
            ("danh_hieu", Value::Sequence(t)) => {
                assert_eq!((t.len(), t[0]["nam"].as_i64()), (1, Some(2025)));
                Out::Text(label_of(&TITLES, &text(&t[0]["ten"])))
            }
            ("khen_thuong.co_quan", v) if text(v) == "ubnd-xa" => {
                Out::Text("ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC".into())
            }
            ("dang_ky.tien_do", Value::Sequence(s)) => {
                Out::Text(pairs(s, "thoi_gian", "cong_viec"))
            }
            ("bao_cao.so_lieu", Value::Sequence(s)) => Out::Text(pairs(s, "chi_tieu", "ket_qua")),
            ("bao_cao.xac_nhan.cap", v) => Out::Text(
                if text(v) == "cap_uy" {
                    "Cấp ủy"
                } else {
                    "Thủ trưởng"
                }
                .into(),
            ),
            (_, Value::Sequence(s)) => Out::Text(s.iter().map(text).collect::<Vec<_>>().join("\n")),
            (_, Value::Bool(true)) => Out::Text("x".into()),
            (_, Value::Number(n)) => Out::Num(n.as_f64().unwrap()),
            (p, v) if p.ends_with("ngay") => {
                Out::Date(vanban::model::parse_date(&text(v)).unwrap())
            }
            (_, v) => Out::Text(text(v)),
        };
        out.push((path, cell));
    }
}

const PERSON_KINDS: [(&str, &str); 8] = [
    ("can_bo_cong_chuc", "Cán bộ, công chức"),
    ("vien_chuc", "Viên chức"),
    ("luc_luong_vu_trang", "Lực lượng vũ trang"),
    ("dang_vien", "Đảng viên"),
    ("doan_vien_hoi_vien", "Đoàn viên, hội viên"),
    ("cong_nhan_lao_dong", "Công nhân, lao động"),
    ("chuc_sac_ton_giao", "Chức sắc tôn giáo"),
    ("nhan_dan", "Nhân dân"),
];
const TITLES: [(&str, &str); 2] = [
    ("lao_dong_tien_tien", "Lao động tiên tiến"),
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở"),
];

/// The example list as a xã sends it: two title rows, STT, Vietnamese labels, date cells,
/// multi-line cells, a `Tổng cộng` row.
fn data_list_workbook() -> Vec<u8> {
    let yaml = std::fs::read_to_string(data_list_yaml()).unwrap();
    let records: Vec<serde_norway::Value> = serde_norway::from_str(&yaml).unwrap();
    let rows: Vec<Vec<(String, Out)>> = records
        .iter()
        .map(|r| {
            assert_eq!(
                r["ma"].as_str().unwrap(),
                vanban::sheet::slug(r["ho_ten"].as_str().unwrap())
            );
            let mut row = Vec::new();
            flatten("", r, &mut row);
            row
        })
        .collect();
    let mut columns: Vec<String> = LABELS.iter().map(|(k, _)| (*k).to_owned()).collect();
    for (k, _) in rows.iter().flatten() {
        if !columns.contains(k) {
            columns.push(k.clone());
        }
    }
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2025, 10, 28).unwrap();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed));
    let ws = wb.add_worksheet();
    ws.set_name("Cá nhân").unwrap();
    let bold = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let last = columns.len() as u16;
    ws.merge_range(0, 0, 0, last, "ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC", &bold)
        .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        last,
        "DANH SÁCH CÁ NHÂN ĐĂNG KÝ THI ĐUA \"DÂN VẬN KHÉO\" NĂM 2025",
        &bold,
    )
    .unwrap();
    ws.write_string_with_format(3, 0, "STT", &head).unwrap();
    ws.set_column_width(0, 5).unwrap();
    for (c, key) in columns.iter().enumerate() {
        let label = LABELS
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key.as_str(), |(_, l)| l);
        ws.write_string_with_format(3, c as u16 + 1, label, &head)
            .unwrap();
        ws.set_column_width(c as u16 + 1, if c < 8 { 22 } else { 40 })
            .unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let at = 4 + r as u32;
        ws.write_number(at, 0, (r + 1) as f64).unwrap();
        for (key, cell) in row {
            let c = 1 + columns.iter().position(|k| k == key).unwrap() as u16;
            match cell {
                Out::Text(s) => ws.write_string_with_format(at, c, s, &wrap).map(|_| ()),
                Out::Num(n) => ws.write_number(at, c, *n).map(|_| ()),
                Out::Date(d) => {
                    use chrono::Datelike;
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);
                    ws.write_datetime_with_format(at, c, d.unwrap(), &date)
                        .map(|_| ())
                }
            }
            .unwrap();
        }
    }
    let total = 4 + rows.len() as u32;
    ws.write_string_with_format(total, 0, "Tổng cộng", &head)
        .unwrap();
    ws.write_string(total, 1, format!("{} người", rows.len()))
        .unwrap();
    ws.set_freeze_panes(4, 2).unwrap();
    wb.save_to_buffer().unwrap()
}

/// Writes data/ca-nhan/danh-sach-2.xlsx: `cargo test --test suite -- --ignored write_data_list`.
#[test]
#[ignore = "writes into data/; run by hand after changing the generator"]
fn write_data_list() {
    std::fs::write(common::root().join(DATA_LIST), data_list_workbook()).unwrap();
}

#[test]
fn the_data_list_is_what_its_generator_writes() {
    let committed = std::fs::read(common::root().join(DATA_LIST)).unwrap();
    assert!(
        committed == data_list_workbook(),
        "run the ignored test write_data_list"
    );
}

/// The example dataset with its Excel list builds exactly as with the YAML it came from.
#[test]
fn the_data_list_prints_as_its_yaml() {
    let with_yaml = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("data"), with_yaml.path());
    std::fs::remove_file(with_yaml.path().join("ca-nhan/danh-sach-2.xlsx")).unwrap();
    std::fs::copy(
        data_list_yaml(),
        with_yaml.path().join("ca-nhan/danh-sach-2.yaml"),
    )
    .unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let sheet = common::build(&common::root().join("data"), a.path(), 2);
    assert!(!sheet.report.has_errors(), "{}", sheet.report.render());
    common::build(with_yaml.path(), b.path(), 2);
    let (pa, pb) = (pdfs(a.path()), pdfs(b.path()));
    assert!(pa.len() > 40, "{}", pa.len());
    assert_eq!(
        pa.iter().map(|p| &p.0).collect::<Vec<_>>(),
        pb.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    for ((f, x), (_, y)) in pa.iter().zip(&pb) {
        assert!(
            x == y,
            "{} differs between the Excel list and its YAML",
            f.display()
        );
    }
}
