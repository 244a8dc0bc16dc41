//! The road from a YAML folder to certificate PDFs (issue 2): diagnostics at the right line,
//! escaping, exact names, reproducible bytes, font selection.

use std::process::Command;

use crate::common::{
    build, copy_dir, files, fixture, init_with_people, page_count, page_text, pdf_text, pdfinfo,
    pdftotext, root, vanban_command,
};
use vanban::diagnostics::Diagnostic;
use vanban::fonts::{FontOptions, FontSet};
use vanban::pipeline;

fn find<'a>(diags: &'a [Diagnostic], file: &str, line: usize) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file.to_str() == Some(file) && l.line == Some(line))
        })
        .unwrap_or_else(|| panic!("no diagnostic at {file}:{line}; got:\n{}", render(diags)))
}

fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_mistake_is_reported_at_its_line_and_only_its_record_is_dropped() {
    let (ds, report) = pipeline::check(&fixture("loi"), &[]).unwrap();
    let d = &report.diagnostics;
    let cases: [(&str, usize, Option<&str>, &str); 13] = [
        ("ca-nhan.yaml", 3, Some("ho_tne"), "khóa `ho_tne` không có"),
        (
            "ca-nhan.yaml",
            6,
            Some("don_vi"),
            "thiếu khóa bắt buộc `don_vi`",
        ),
        (
            "ca-nhan.yaml",
            16,
            Some("dang_ky.ngay"),
            "ngày `31/02/2025` không có thật: tháng 2 năm 2025 chỉ có 28 ngày",
        ),
        ("ca-nhan.yaml", 24, Some("nam_sinh"), "cần một số nguyên"),
        (
            "ca-nhan.yaml",
            31,
            Some("doi_tuong"),
            "giá trị `nong_dan` không hợp lệ",
        ),
        ("ca-nhan.yaml", 33, Some("ma"), "mã `Ma_Sai` không hợp lệ"),
        ("ca-nhan.yaml", 38, Some("ma"), "mã `dung` đã dùng"),
        (
            "ca-nhan.yaml",
            48,
            Some("khen_thuong.co_quan"),
            "`khen_thuong.co_quan: ubnd-xaa`",
        ),
        (
            "ca-nhan.yaml",
            49,
            Some("loai"),
            "`loai: ca_nahn` không phải",
        ),
        (
            "co-quan.yaml",
            19,
            Some("nguoi_ky.quyen_han"),
            "`TM.` là cách ghi quyền hạn",
        ),
        // The fixture's State giấy khen has no Quốc huy: said once, as a warning.
        ("co-quan.yaml", 2, Some("bieu_trung"), "không có Quốc huy"),
        ("cu-phap.yaml", 3, Some("ten"), "tệp YAML sai cú pháp"),
        ("ma-cu.yaml", 1, None, "không được lưu bằng mã UTF-8"),
    ];
    for (file, line, field, message) in cases {
        let found = find(d, file, line);
        assert!(
            found.message.contains(message),
            "{file}:{line}: {}",
            found.message
        );
        assert_eq!(found.field.as_deref(), field, "{file}:{line}");
        assert!(found.hint.is_some(), "{file}:{line} has no hint");
    }
    assert_eq!(
        d.len(),
        cases.len(),
        "unexpected diagnostics:\n{}",
        render(d)
    );
    // Did-you-mean suggestions name the right key and values.
    assert!(
        find(d, "ca-nhan.yaml", 3)
            .hint
            .as_ref()
            .unwrap()
            .contains("`ho_ten`")
    );
    assert!(
        find(d, "ca-nhan.yaml", 31)
            .hint
            .as_ref()
            .unwrap()
            .contains("`nhan_dan`")
    );
    assert!(
        find(d, "ca-nhan.yaml", 48)
            .hint
            .as_ref()
            .unwrap()
            .contains("`ubnd-xa`")
    );
    assert!(
        find(d, "co-quan.yaml", 19)
            .hint
            .as_ref()
            .unwrap()
            .contains("T/M BAN THƯỜNG VỤ")
    );
    // The good records survive; the hidden folder is never read.
    assert_eq!(
        ds.persons
            .iter()
            .map(|p| p.record.ma.as_str())
            .collect::<Vec<_>>(),
        ["dung"]
    );
    assert_eq!(ds.bodies.len(), 1);
    assert_eq!(ds.rounds.len(), 1);
}

/// A bad record drops only itself from what the others write themselves (letters,
/// reports), but no numbered list is written without it: fixed, it would reshape them.
#[test]
fn a_bad_record_still_lets_the_others_build_but_the_run_fails() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build(&fixture("loi"), out.path(), 1);
    assert!(outcome.report.has_errors());
    for letter in ["2025/dang-ky/dung.pdf", "2025/bao-cao/dung.pdf"] {
        let text = pdf_text(&out.path().join(letter));
        assert!(text.contains("Nguyễn Văn Dũng"), "{letter}: {text}");
    }
    for list in [
        "2025/quyet-dinh-cong-nhan.pdf",
        "2025/quyet-dinh-khen-thuong/ubnd-xa.pdf",
        "2025/giay-khen/ubnd-xa/dung.pdf",
        "2025/giay-khen/ubnd-xa/in-tat-ca.pdf",
    ] {
        assert!(!out.path().join(list).exists(), "{list} written");
    }
    assert_eq!(
        outcome.held_back,
        [
            std::path::PathBuf::from("2025/quyet-dinh-cong-nhan.pdf"),
            "2025/giay-khen/ubnd-xa/in-tat-ca.pdf".into(),
            "2025/quyet-dinh-khen-thuong/ubnd-xa.pdf".into(),
        ]
    );
    let held = outcome
        .report
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("chưa ghi các văn bản có số"))
        .expect("the summary says which documents were held back");
    assert!(held.message.contains("ca-nhan.yaml:3"), "{}", held.message);
    let status = vanban_command()
        .args(["check"])
        .arg(fixture("loi"))
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let stderr = String::from_utf8(status.stderr).unwrap();
    assert!(
        stderr.contains("--> ca-nhan.yaml:3:3 (trường: ho_tne)"),
        "{stderr}"
    );
}

/// Every adversarial string prints verbatim, in every field of the certificate.
#[test]
fn markup_in_data_prints_as_typed() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build(&fixture("chong-chen"), out.path(), 1);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let text = pdf_text(&out.path().join("2025/giay-khen/ubnd/in-tat-ca.pdf"));
    for expected in [
        "CHỦ TỊCH @REF <L> ỦY BAN #READ(\"/ETC/PASSWD\") $X$ [ ]",
        "#read(\"/etc/passwd\")",
        "= h, - x",
        "+ x ] [ \\",
        "$x$ *a* _a_",
        "@ref <l> // /* ~ ` \"",
        "Lý do #read(\"/etc/passwd\") ] [ \\ $x$ *a* _a_ @ref <l> // /* ~ ` \"",
        "An *a* _a_ // /*, ngày 05 tháng 12 năm 2025",
        "KT. CHỦ TỊCH @REF <L>",
        "PHÓ CHỦ TỊCH ~ ` \\",
        "Trần \"Văn\" Bình = h",
        "“Dân vận khéo #set text(red)” năm 2025",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

/// A template's own `.`, `(` or `[` right after a value never joins it into code.
#[test]
fn punctuation_after_a_value_in_a_template_stays_text() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&fixture("chong-chen"), dataset.path());
    std::fs::create_dir_all(dataset.path().join("templates")).unwrap();
    std::fs::write(
        dataset.path().join("templates/giay-khen.typ.tera"),
        "#import \"/lib/chung.typ\": van-ban\n#show: van-ban.with(font: {{ font | str }})\n\
         {% for c in certs %}\nA{{ c.recipient }}.B\n\nC{{ c.recipient }}(D)\n\nE{{ c.recipient }}[F]\n\n{% endfor %}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let outcome = build(dataset.path(), out.path(), 1);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let text = pdf_text(&out.path().join("2025/giay-khen/ubnd/in-tat-ca.pdf"));
    for name in [
        "#read(\"/etc/passwd\")",
        "+ x ] [ \\",
        "@ref <l> // /* ~ ` \"",
    ] {
        for (before, after) in [("A", ".B"), ("C", "(D)"), ("E", "[F]")] {
            let expected = format!("{before}{name}{after}");
            assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
        }
    }
}

#[test]
fn certificate_shows_the_exact_recipient_and_decision() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("data"), out.path(), 2);
    let text = pdf_text(&out.path().join("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"));
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC",
        "TẶNG",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Ánh",
        "Chủ tịch Hội Liên hiệp Phụ nữ xã, Hội Liên hiệp Phụ nữ xã Cần Giuộc",
        "Cần Giuộc, ngày 05 tháng 12 năm 2025",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Trần Thị Thu Hà",
        "Số sổ vàng:",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // A Party body's certificate carries the Party title instead of the Quốc hiệu.
    let party = pdf_text(&out.path().join("2025/giay-khen/dang-uy-xa/in-tat-ca.pdf"));
    assert!(party.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(!party.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(party.contains("BAN THƯỜNG VỤ ĐẢNG ỦY XÃ CẦN GIUỘC"));
}

#[test]
fn decomposed_input_prints_precomposed() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&root().join("templates/init"), dataset.path());
    let person = std::fs::read_to_string(dataset.path().join("ca-nhan.yaml")).unwrap();
    // "Ánh" typed with a combining acute accent, as some keyboards do.
    std::fs::write(
        dataset.path().join("ca-nhan.yaml"),
        person.replace("Ánh", "A\u{301}nh"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build(dataset.path(), out.path(), 1);
    let text = pdf_text(&out.path().join("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"));
    assert!(text.contains("Bà Nguyễn Thị \u{c1}nh"), "{text}");
}

#[test]
fn rebuilding_gives_identical_bytes_whatever_the_thread_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&root().join("data"), a.path(), 1);
    build(&root().join("data"), b.path(), 2);
    let names = files(a.path());
    assert!(names.len() > 20, "{names:?}");
    assert_eq!(names, files(b.path()));
    for name in names {
        let x = std::fs::read(a.path().join(&name)).unwrap();
        let y = std::fs::read(b.path().join(&name)).unwrap();
        assert!(x == y, "{} differs between builds", name.display());
    }
}

#[test]
fn print_file_has_one_page_per_certificate() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("data"), out.path(), 2);
    let dir = out.path().join("2025/giay-khen/ubnd-xa");
    let singles = files(&dir)
        .into_iter()
        .filter(|f| f.to_str() != Some("in-tat-ca.pdf"))
        .count();
    let info = pdfinfo(&dir.join("in-tat-ca.pdf"));
    assert_eq!(page_count(&dir.join("in-tat-ca.pdf")), singles);
    assert!(
        info.contains("841.89 x 595.276 pts"),
        "A4 landscape: {info}"
    );
}

#[test]
fn a_font_without_vietnamese_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("fonts/thieu-chu"), dir.path());
    let set = FontSet::load(&FontOptions {
        dataset_dir: Some(dir.path().to_owned()),
        system: false,
    });
    assert_eq!(set.family(), "Liberation Serif");
    assert_eq!(set.rejected.len(), 1);
    assert_eq!(set.rejected[0].family, "Tinos");
    assert!(
        set.rejected[0].reason.contains("thiếu chữ tiếng Việt"),
        "{}",
        set.rejected[0].reason
    );
    assert!(set.chosen.iter().all(|c| c.origin.contains("nhúng sẵn")));
}

#[test]
fn a_complete_family_in_the_dataset_is_preferred() {
    let set = FontSet::load(&FontOptions {
        dataset_dir: Some(fixture("fonts/day-du")),
        system: false,
    });
    assert_eq!(set.family(), "Tinos");
    assert_eq!(set.chosen.len(), 4);
    assert!(
        set.chosen.iter().all(|c| c.origin.contains("day-du")),
        "{:?}",
        set.chosen
    );
}

#[test]
fn a_letter_the_font_lacks_is_an_error_naming_it() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&root().join("templates/init"), dataset.path());
    let person = std::fs::read_to_string(dataset.path().join("ca-nhan.yaml")).unwrap();
    std::fs::write(
        dataset.path().join("ca-nhan.yaml"),
        person.replace("Nguyễn Thị Ánh", "Lý 李 Ánh"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let outcome = build(dataset.path(), out.path(), 1);
    let messages: Vec<&str> = outcome
        .report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("“李” (U+674E)")),
        "{messages:?}"
    );
    // Found at the data, once, at the name's line and column: not at every document.
    let glyph: Vec<_> = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("U+674E"))
        .collect();
    assert_eq!(glyph.len(), 1, "{messages:?}");
    let loc = glyph[0].location.as_ref().unwrap();
    let text = std::fs::read_to_string(dataset.path().join("ca-nhan.yaml")).unwrap();
    let line = text.lines().position(|l| l.contains("Lý 李 Ánh")).unwrap() + 1;
    assert_eq!(loc.file, std::path::Path::new("ca-nhan.yaml"));
    assert_eq!(loc.line, Some(line));
    assert_eq!(
        loc.col,
        text.lines()
            .nth(line - 1)
            .unwrap()
            .chars()
            .position(|c| c == '李')
            .unwrap()
            + 1
    );
    // Only the record is dropped from what the others write themselves; no list is
    // written without it, since fixing the name would put her back on them.
    assert_eq!(outcome.failed, 0, "{messages:?}");
    assert!(!out.path().join("2025/quyet-dinh-cong-nhan.pdf").exists());
    assert!(!out.path().join("2025/giay-khen").exists());
    let letter = pdf_text(&out.path().join("2025/dang-ky/chi-hoi-pn-ap-3.pdf"));
    assert!(letter.contains("Chi hội Phụ nữ ấp 3"), "{letter}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("chưa ghi các văn bản có số") && m.contains("ca-nhan.yaml")),
        "{messages:?}"
    );
}

/// Certificates are laid out a chunk at a time and cut into files: each file is a whole,
/// valid one-page PDF with its own fonts, the same page the print file holds at its Số sổ
/// vàng, and the register's SHA-256 is that of the file on disk.
#[test]
fn each_certificate_file_is_its_page_of_the_print_file() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build(&root().join("data"), out.path(), 2);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let dir = out.path().join("2025/giay-khen/ubnd-xa");
    let bundle = dir.join("in-tat-ca.pdf");
    let csv = std::fs::read_to_string(out.path().join("2025/so-van-ban.csv")).unwrap();
    let singles: Vec<_> = files(&dir)
        .into_iter()
        .filter(|f| f.to_str() != Some("in-tat-ca.pdf"))
        .collect();
    assert!(singles.len() > 5, "{singles:?}");
    for name in &singles {
        let path = dir.join(name);
        assert_eq!(page_count(&path), 1, "{}", name.display());
        let text = pdf_text(&path);
        let golden: usize = text
            .split("Số sổ vàng: ")
            .nth(1)
            .and_then(|t| t.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no Số sổ vàng in {text}"));
        assert_eq!(
            page_text(&bundle, golden),
            text,
            "{} is not page {golden} of the print file",
            name.display()
        );
        let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
        let fonts = String::from_utf8(fonts.stdout).unwrap();
        let faces: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(
            !faces.is_empty() && faces.iter().all(|l| l.contains(" yes yes yes ")),
            "every face embedded, subset, with a ToUnicode map:\n{fonts}"
        );
        let rel = format!("2025/giay-khen/ubnd-xa/{}", name.display());
        let line = csv
            .lines()
            .find(|l| l.contains(&rel))
            .unwrap_or_else(|| panic!("{rel} is not in the register"));
        let sha = vanban::register::sha256(&std::fs::read(&path).unwrap());
        assert!(line.ends_with(&sha), "{line}\n{sha}");
    }
}

/// `--chi giay-khen` reprints the certificates alone, citing the numbers a full build
/// gives, and a later full build keeps them.
#[test]
fn only_certificates_are_rebuilt_with_the_numbers_of_a_full_build() {
    let full = tempfile::tempdir().unwrap();
    build(&root().join("data"), full.path(), 2);
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), dataset.path());
    let only = tempfile::tempdir().unwrap();
    let mut opts = pipeline::BuildOptions::new(dataset.path(), only.path());
    opts.system_fonts = false;
    opts.only = vec![vanban::doc_kind::DocKind::GiayKhen];
    let outcome = pipeline::build(&opts).unwrap();
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let made = files(only.path());
    assert!(
        made.iter().all(|f| f.starts_with("2025/giay-khen")
            || f.ends_with("so-van-ban.csv")
            || f.extension().is_some_and(|e| e == "xlsx")),
        "{made:?}"
    );
    let certs: Vec<_> = made
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    let expected: Vec<_> = files(full.path())
        .into_iter()
        .filter(|f| f.starts_with("2025/giay-khen"))
        .collect();
    assert_eq!(certs.len(), expected.len());
    for f in &expected {
        assert_eq!(
            pdf_text(&only.path().join(f)),
            pdf_text(&full.path().join(f)),
            "{}",
            f.display()
        );
    }
    // The decisions the certificates cite are in the register, so a full build that
    // follows gives them the same numbers.
    let csv = std::fs::read_to_string(only.path().join("2025/so-van-ban.csv")).unwrap();
    assert!(csv.contains("01/QĐ-UBND"), "{csv}");
    let again = tempfile::tempdir().unwrap();
    opts.out = again.path().to_owned();
    opts.only.clear();
    pipeline::build(&opts).unwrap();
    for f in files(full.path())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
    {
        assert_eq!(
            pdf_text(&again.path().join(&f)),
            pdf_text(&full.path().join(&f)),
            "{}",
            f.display()
        );
    }
}

#[test]
fn init_writes_a_dataset_that_builds_and_help_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("moi");
    let init = vanban_command().arg("init").arg(&target).output().unwrap();
    assert!(init.status.success());
    let out = dir.path().join("ket-qua");
    let run = vanban_command()
        .arg("build")
        .arg(&target)
        .arg("--out")
        .arg(&out)
        .arg("--khong-phong-he-thong")
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(run.status.success(), "{stderr}");
    // Two letters, two reports, two decisions, two certificates and their print file.
    assert!(stderr.contains("Đã ghi 9 tệp PDF"), "{stderr}");
    let again = vanban_command().arg("init").arg(&target).output().unwrap();
    assert_eq!(again.status.code(), Some(2), "init refuses to overwrite");
    let help = vanban_command().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("Kiểm tra dữ liệu rồi tạo toàn bộ văn bản PDF"),
        "{help}"
    );
    let fonts = vanban_command()
        .args(["fonts", "--khong-phong-he-thong"])
        .arg(&target)
        .output()
        .unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    assert!(
        fonts.contains("Liberation Serif") && fonts.contains("đậm nghiêng"),
        "{fonts}"
    );
    // The kinds `--chi` takes are listed in Vietnamese, in the help and on a wrong value.
    let help = vanban_command().args(["build", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--chi <LOẠI>") && help.contains("Các loại: dang-ky, bao-cao"),
        "{help}"
    );
    assert!(!help.contains("possible values"), "{help}");
    let wrong = vanban_command()
        .args(["build", "--chi", "giay-kehn"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8(wrong.stderr).unwrap();
    assert!(
        err.contains("giá trị dùng được:") && err.contains("giay-khen"),
        "{err}"
    );
}

/// A print file larger than one chunk is joined from separately compiled chunks: every
/// certificate once, in list order, with its own Số sổ vàng, and readable by others.
#[test]
fn a_print_file_of_several_chunks_keeps_every_page_in_order() {
    let dataset = tempfile::tempdir().unwrap();
    init_with_people(dataset.path(), vanban::plan::CHUNK + 30);
    let out = tempfile::tempdir().unwrap();
    let outcome = build(dataset.path(), out.path(), 2);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let bundle = out.path().join("2025/giay-khen/ubnd-xa/in-tat-ca.pdf");
    let total = vanban::plan::CHUNK + 31;
    let info = pdfinfo(&bundle);
    assert!(
        info.contains(&format!("Pages:           {total}")),
        "{info}"
    );
    // Page k holds the k-th of the list: the collective first, then people by given name.
    let chunk = vanban::plan::CHUNK;
    for (page, expected) in [
        (1, "Chi hội Phụ nữ ấp 3".to_owned()),
        (2, "Bà Nguyễn Thị Ánh 000".to_owned()),
        (chunk + 2, format!("Bà Nguyễn Thị Ánh {chunk:03}")),
        (total, format!("Bà Nguyễn Thị Ánh {:03}", chunk + 29)),
    ] {
        let text = page_text(&bundle, page);
        assert!(text.contains(&expected), "page {page}: {text}");
        assert!(
            text.contains(&format!("Số sổ vàng: {page:02}")),
            "page {page}: {text}"
        );
    }
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&bundle).unwrap().permissions().mode() & 0o777,
        0o644
    );
    // Chunks finish in any order on two threads; the files do not depend on it.
    let one = tempfile::tempdir().unwrap();
    build(dataset.path(), one.path(), 1);
    let names = files(out.path());
    assert_eq!(names, files(one.path()));
    for name in names
        .iter()
        .filter(|n| n.extension().is_some_and(|e| e == "pdf"))
    {
        assert!(
            std::fs::read(out.path().join(name)).unwrap()
                == std::fs::read(one.path().join(name)).unwrap(),
            "{} differs between 1 and 2 threads",
            name.display()
        );
    }
}

/// A body name too wide for its header column breaks before its administrative unit,
/// never inside the place name (D5 header, D16: the rule names unit words, not places).
#[test]
fn a_long_body_name_breaks_before_its_unit() {
    let out = tempfile::tempdir().unwrap();
    build(&root().join("data"), out.path(), 2);
    let pdf = out.path().join("2025/quyet-dinh-khen-thuong/ubnd-xa.pdf");
    let text = pdftotext(&pdf, &["-l", "1"]);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&"ỦY BAN NHÂN DÂN"), "{text}");
    assert!(lines.contains(&"XÃ CẦN GIUỘC"), "{text}");
    assert!(!lines.contains(&"GIUỘC"), "{text}");
}
