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
    assert!(!quiet.contains("cảnh báo:"), "{quiet}");
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
