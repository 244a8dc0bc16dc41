//! The command line as a newcomer meets it: no arguments, `help`, a folder given alone,
//! `-q` and `-v`, and `init` then `build` with the same default folder.

use crate::common::{root, vanban, vanban_command};

#[test]
fn vanban_alone_prints_the_vietnamese_help_and_succeeds() {
    let o = vanban(&[]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Cách dùng: vanban <LỆNH>"), "{out}");
    assert!(out.contains("Các lệnh:") && out.contains("build"), "{out}");
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // `vanban help build` is `vanban build --help`.
    let o = vanban(&["help", "build"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("Cách dùng: vanban build [TÙY_CHỌN] [DỮ_LIỆU]"),
        "{out}"
    );
}

#[test]
fn a_folder_alone_is_built_and_quiet_or_verbose_says_as_much() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = vanban_command()
        .current_dir(tmp.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // `init` wrote where `build` reads by default.
    assert!(data.join("dot-2025.yaml").is_file());
    let o = vanban_command()
        .current_dir(tmp.path())
        .args(["data", "-v"])
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("đã ghi out/2025/giay-khen/"), "{err}");
    assert!(
        err.contains("Đã ghi ") && err.contains("tệp PDF vào out"),
        "{err}"
    );
    let pdfs = err
        .lines()
        .filter(|l| l.trim_start().starts_with("đã ghi "))
        .count();
    assert!(pdfs >= 4, "{err}");
    // -q keeps only errors and the summary: the init dataset's warnings go.
    let o = vanban_command()
        .current_dir(tmp.path())
        .args(["build", "-q", "--out", "out2"])
        .output()
        .unwrap();
    let quiet = String::from_utf8(o.stderr).unwrap();
    assert!(
        !quiet.contains("cảnh báo:") && !quiet.contains("cảnh báo["),
        "{quiet}"
    );
    assert!(quiet.starts_with("Đã ghi "), "{quiet}");
}

#[test]
fn a_file_given_as_the_data_folder_is_named_as_a_file() {
    let file = root().join("Cargo.toml");
    let o = vanban(&["build", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("là một tệp, không phải thư mục dữ liệu"),
        "{err}"
    );
    assert!(err.contains(&format!("`{}`", root().display())), "{err}");
}

#[test]
fn check_says_its_summary_after_the_table_and_the_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(vanban(&["init", data.to_str().unwrap()]).status.success());
    let person = data.join("ca-nhan.yaml");
    let text = std::fs::read_to_string(&person).unwrap();
    assert!(text.contains("ngay: 2025-03-05"));
    std::fs::write(
        &person,
        text.replacen("ngay: 2025-03-05", "ngay: 31/02/2025", 1),
    )
    .unwrap();
    // Both streams into one file, as a console interleaves them for the user.
    let screen = tmp.path().join("man-hinh.txt");
    let file = std::fs::File::create(&screen).unwrap();
    let status = vanban_command()
        .args(["check", data.to_str().unwrap()])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let seen = std::fs::read_to_string(&screen).unwrap();
    let at = |what: &str| {
        seen.find(what)
            .unwrap_or_else(|| panic!("{what:?} not shown:\n{seen}"))
    };
    let table = at("Kết luận");
    let collective = at("Đủ tiêu chuẩn");
    let problem = at("ngày `31/02/2025` không có thật");
    let summary = at("Đã đọc 5 tệp:");
    assert!(
        table < collective && collective < problem && problem < summary,
        "table, then problems, then the summary:\n{seen}"
    );
    // The summary is the last thing on screen, so it is what a user reads first.
    let last = seen.lines().rfind(|l| !l.trim().is_empty()).unwrap();
    assert!(
        last.starts_with("Đã đọc 5 tệp:") && last.ends_with("1 lỗi, 0 cảnh báo."),
        "{seen}"
    );
}
