//! Issue 17, on an office PC: legacy encodings found and converted, messages that fix the
//! data in one pass, the data contract shipped in Vietnamese. Each test reads what the
//! user sees: the stderr of the real binary on a small dataset made for one mistake.

use std::path::{Path, PathBuf};

use vanban::legacy::{self, Encoding};

use crate::common::{root, snapshot, vanban};

/// Every string value of a YAML file, keys left out.
fn yaml_strings(v: &serde_norway::Value, out: &mut Vec<String>) {
    match v {
        serde_norway::Value::String(s) => out.push(s.clone()),
        serde_norway::Value::Sequence(items) => items.iter().for_each(|i| yaml_strings(i, out)),
        serde_norway::Value::Mapping(m) => m.values().for_each(|i| yaml_strings(i, out)),
        serde_norway::Value::Tagged(t) => yaml_strings(&t.value, out),
        _ => {}
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        if e.path().is_dir() {
            files(&e.path(), out);
        } else {
            out.push(e.path());
        }
    }
}

fn names() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/fixtures/names.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The corpora real Vietnamese text comes in: every string of `data/` (YAML values and
/// spreadsheet cells), every line and every word of the guidance, and the names list.
fn corpora() -> Vec<(&'static str, Vec<String>)> {
    let mut data = Vec::new();
    let mut paths = Vec::new();
    files(&root().join("data"), &mut paths);
    for p in paths {
        match p.extension().and_then(|e| e.to_str()) {
            Some("yaml") => {
                let text = std::fs::read_to_string(&p).unwrap();
                for de in serde_norway::Deserializer::from_str(&text) {
                    let v: serde_norway::Value = serde::Deserialize::deserialize(de).unwrap();
                    yaml_strings(&v, &mut data);
                }
            }
            Some("xlsx") => {
                use calamine::Reader;
                let mut book = calamine::open_workbook_auto(&p).unwrap();
                for name in book.sheet_names() {
                    let range = book.worksheet_range(&name).unwrap();
                    data.extend(range.cells().map(|(_, _, c)| c.to_string()));
                }
            }
            _ => {}
        }
    }
    // A copy of the guidance kept with the tests, so CI reads the same text.
    let guidance =
        std::fs::read_to_string(root().join("tests/fixtures/huong-dan-26-HD-BCD.txt")).unwrap();
    let mut spec: Vec<String> = guidance.lines().map(str::to_owned).collect();
    spec.extend(guidance.split_whitespace().map(str::to_owned));
    vec![
        ("data/", data),
        ("Hướng dẫn 26", spec),
        ("names.txt", names()),
    ]
}

#[test]
fn real_vietnamese_text_never_looks_legacy() {
    let mut total = 0;
    for (name, strings) in corpora() {
        let hits: Vec<String> = strings
            .iter()
            .filter_map(|s| {
                legacy::detect(s).map(|f| format!("{s:?} → {:?} {:?}", f.encoding, f.unicode))
            })
            .collect();
        println!("{name}: {} chuỗi, {} nhận nhầm", strings.len(), hits.len());
        for h in &hits {
            println!("  {h}");
        }
        total += hits.len();
        assert!(
            strings.len() > 300,
            "{name} has only {} strings",
            strings.len()
        );
    }
    assert_eq!(total, 0, "real text taken for a legacy encoding");
}

#[test]
fn legacy_names_are_found_and_converted() {
    let names = names();
    for enc in Encoding::ALL {
        let (mut found, mut exact, mut tried) = (0, 0, 0);
        let mut missed = Vec::new();
        for n in &names {
            let typed = legacy::encode(n, enc);
            // A name without marks (`Cao Thanh Trang`) reads the same in every encoding.
            if typed == *n {
                continue;
            }
            tried += 1;
            match legacy::detect(&typed) {
                Some(f) if f.encoding == enc => {
                    found += 1;
                    if f.unicode == *n {
                        exact += 1;
                    } else {
                        missed.push(format!("{typed} → {} (≠ {n})", f.unicode));
                    }
                }
                other => missed.push(format!("{typed}: {other:?}")),
            }
        }
        let rate = found as f64 * 100.0 / tried as f64;
        println!("{enc:?}: phát hiện {found}/{tried} tên có dấu ({rate:.1}%), chuyển đúng {exact}");
        for m in missed.iter().take(15) {
            println!("  {m}");
        }
        assert!(rate >= 95.0, "{enc:?} detected in only {rate:.1}% of names");
    }
}

/// The init sample with `edit` applied to `file`: a dataset made for one mistake.
fn sample(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("du-lieu");
    let out = vanban(&["init", data.to_str().unwrap()]);
    assert!(out.status.success());
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

/// What `vanban check` prints on stderr for the dataset, the temporary folder left out.
fn check_stderr(dir: &tempfile::TempDir) -> String {
    let data = dir.path().join("du-lieu");
    let out = vanban(&["check", data.to_str().unwrap()]);
    String::from_utf8(out.stderr)
        .unwrap()
        .replace(&data.display().to_string(), "du-lieu")
}

#[test]
fn a_tcvn3_name_is_an_error_showing_its_unicode() {
    let dir = sample(
        "ca-nhan.yaml",
        "ho_ten: Nguyễn Thị Ánh",
        "ho_ten: NguyÔn ThÞ ¸nh",
    );
    let err = check_stderr(&dir);
    snapshot("office-tcvn3-name.txt", "stderr of vanban check", &err);
    assert!(
        err.contains("lỗi[V015]: `ho_ten` được gõ bằng TCVN3"),
        "{err}"
    );
    assert!(err.contains("--> ca-nhan.yaml:3:"), "{err}");
    assert!(err.contains("«Nguyễn Thị Ánh»"), "{err}");
}

#[test]
fn a_criteria_warning_shows_its_code_and_where_to_read_it() {
    let dir = sample("ca-nhan.yaml", "ngay: 2025-03-05", "ngay: 2025-04-15");
    let err = check_stderr(&dir);
    snapshot(
        "office-late-registration.txt",
        "stderr of vanban check",
        &err,
    );
    assert!(
        err.starts_with(
            "cảnh báo[V040]: không đưa cá nhân `nguyen-thi-anh` vào danh sách khen thưởng của `ubnd-xa`"
        ),
        "{err}"
    );
    assert!(
        err.contains("\nGiải thích chi tiết và cách sửa: vanban giai-thich V040\n\nĐã đọc 5 tệp:"),
        "{err}"
    );
}

#[test]
fn check_json_carries_each_problems_code() {
    let dir = sample(
        "ca-nhan.yaml",
        "ho_ten: Nguyễn Thị Ánh",
        "ho_ten: NguyÔn ThÞ ¸nh",
    );
    let data = dir.path().join("du-lieu");
    let out = vanban(&["check", "--json", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = report["diagnostics"].as_array().unwrap();
    let legacy = diags
        .iter()
        .find(|d| d["field"] == "ho_ten")
        .unwrap_or_else(|| panic!("no ho_ten diagnostic in {report:#}"));
    assert_eq!(legacy["code"], "V015", "{legacy:#}");
    assert_eq!(legacy["severity"], "error", "{legacy:#}");
}

#[test]
fn giai_thich_explains_a_code_lists_them_and_suggests_a_near_one() {
    use vanban::codes::Code;
    let out = vanban(&["giai-thich", "V013"]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        said.starts_with("## V013: ngày không có thật hoặc viết sai dạng\n"),
        "{said}"
    );
    // The mistake and its fix, as the user would write them.
    assert!(
        said.contains("ngay: 31/02/2025") && said.contains("ngay: 28/02/2025"),
        "{said}"
    );
    // Typed as staff type it: lower case, without the leading zero.
    let out = vanban(&["giai-thich", "v13"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), said);

    let out = vanban(&["giai-thich"]);
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    for c in Code::ALL {
        assert!(
            list.contains(&format!("  {c}  {}\n", c.title())),
            "{c} missing from {list}"
        );
    }

    let out = vanban(&["giai-thich", "V0133"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(err.starts_with("lỗi: vanban không có mã `V0133`"), "{err}");
    assert!(err.contains("có phải ý bạn là `V013`?"), "{err}");
    assert!(
        err.contains("  V040  không đưa vào danh sách khen thưởng\n"),
        "{err}"
    );
}

#[test]
fn the_explanation_named_after_the_errors_is_the_first_errors_own() {
    let dir = sample(
        "ca-nhan.yaml",
        "ho_ten: Nguyễn Thị Ánh",
        "ho_ten: NguyÔn ThÞ ¸nh",
    );
    let err = check_stderr(&dir);
    assert!(
        err.contains("\nGiải thích chi tiết và cách sửa: vanban giai-thich V015\n"),
        "{err}"
    );
    let out = vanban(&["giai-thich", "V015"]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("NguyÔn ThÞ ¸nh"), "{said}");
    assert!(said.contains("vanban chuyen-ma"), "{said}");
}

#[test]
fn keystroke_residue_elsewhere_is_a_warning() {
    let dir = sample(
        "ca-nhan.yaml",
        "kinh_nghiem: Gần dân, nói đi đôi với làm.",
        "kinh_nghiem: Ga62n da6n, no1i ddi ddooi vo71i la2m.",
    );
    let err = check_stderr(&dir);
    assert!(
        err.contains("cảnh báo[V015]: `bao_cao.kinh_nghiem` được gõ bằng kiểu gõ VNI"),
        "{err}"
    );
    assert!(
        err.contains("«Gần dân, nói ddi ddooi với làm.»") || err.contains("«Gần dân"),
        "{err}"
    );
}

#[test]
fn utf16_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("du-lieu");
    assert!(vanban(&["init", data.to_str().unwrap()]).status.success());
    let path = data.join("ca-nhan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let out = vanban(&["check", data.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nguyễn Thị Ánh"));
}

#[test]
fn chuyen_ma_rewrites_to_unicode_and_keeps_a_backup() {
    let dir = sample(
        "ca-nhan.yaml",
        "ho_ten: Nguyễn Thị Ánh",
        "ho_ten: Nguyeãn Thò AÙnh",
    );
    let path = dir.path().join("du-lieu/ca-nhan.yaml");
    let before = std::fs::read(&path).unwrap();
    let out = vanban(&["chuyen-ma", path.to_str().unwrap()]);
    let said = String::from_utf8(out.stdout)
        .unwrap()
        .replace(&dir.path().display().to_string(), "");
    assert!(out.status.success());
    assert!(
        said.contains("ca-nhan.yaml:3: «Nguyeãn Thò AÙnh» → «Nguyễn Thị Ánh» (VNI-Windows"),
        "{said}"
    );
    assert!(
        said.contains("đã chuyển 1 chỗ sang Unicode; bản cũ giữ ở"),
        "{said}"
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("ho_ten: Nguyễn Thị Ánh\n"));
    assert_eq!(
        std::fs::read(dir.path().join("du-lieu/ca-nhan.yaml.bak")).unwrap(),
        before
    );
    // The rewritten dataset is clean again.
    let err = check_stderr(&dir);
    assert!(
        !err.contains("bảng mã") && !err.contains("được gõ bằng"),
        "{err}"
    );
}

#[test]
fn an_impossible_date_is_named_as_such() {
    let dir = sample("ca-nhan.yaml", "ngay: 2025-03-05", "ngay: 31/02/2025");
    let err = check_stderr(&dir);
    snapshot("office-impossible-date.txt", "stderr of vanban check", &err);
    assert!(
        err.contains("ngày `31/02/2025` không có thật: tháng 2 năm 2025 chỉ có 28 ngày"),
        "{err}"
    );
    assert!(
        err.contains("ngay: 31/02/2025\n   |         ^^^^^^^^^^ giá trị này"),
        "{err}"
    );
    let dir = sample("ca-nhan.yaml", "ngay: 2025-03-05", "ngay: 05/13/2025");
    assert!(check_stderr(&dir).contains("không có tháng 13"));
}

#[test]
fn dates_with_dashes_and_dots_and_enum_labels_are_understood() {
    let dir = sample("ca-nhan.yaml", "ngay: 2025-03-05", "ngay: 05-03-2025");
    let data = dir.path().join("du-lieu");
    let edit = |file: &str, from: &str, to: &str| {
        let p = data.join(file);
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t.contains(from), "{file}: {from}");
        std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
    };
    edit("ca-nhan.yaml", "ngay: 2025-03-10", "ngay: 10.03.2025");
    edit("ca-nhan.yaml", "gioi_tinh: nu", "gioi_tinh: nữ");
    edit(
        "ca-nhan.yaml",
        "doi_tuong: doan_vien_hoi_vien",
        "doi_tuong: Đoàn viên, hội viên",
    );
    edit("tap-the.yaml", "linh_vuc: ", "linh_vuc: Kinh tế\n#");
    let out = vanban(&["check", data.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("0 lỗi, 0 cảnh báo"), "{err}");
}

#[test]
fn a_wrong_value_is_pointed_at_not_its_key() {
    let dir = sample(
        "ca-nhan.yaml",
        "doi_tuong: doan_vien_hoi_vien",
        "doi_tuong: doan_vien",
    );
    let err = check_stderr(&dir);
    snapshot("office-wrong-value.txt", "stderr of vanban check", &err);
    assert!(
        err.contains("doi_tuong: doan_vien\n  |            ^^^^^^^^^ giá trị này"),
        "{err}"
    );
}

#[test]
fn a_colon_inside_a_value_is_explained_in_vietnamese() {
    let dir = sample(
        "ca-nhan.yaml",
        "ket_qua: Vận động 85 hội viên tham gia,",
        "ket_qua: Kết quả: vận động 85 hội viên tham gia,",
    );
    let err = check_stderr(&dir);
    snapshot("office-yaml-colon.txt", "stderr of vanban check", &err);
    assert!(!err.contains("mapping values"), "{err}");
    assert!(
        err.contains("đặt cả câu có dấu `:` trong ngoặc kép"),
        "{err}"
    );
}

#[test]
fn a_missing_round_or_body_file_is_named_as_the_cause() {
    let dir = sample("ca-nhan.yaml", "loai: ca_nhan", "loai: ca_nhan");
    std::fs::remove_file(dir.path().join("du-lieu/dot-2025.yaml")).unwrap();
    let err = check_stderr(&dir);
    snapshot("office-no-round.txt", "stderr of vanban check", &err);
    assert!(err.contains("chưa có bản ghi `loai: dot`"), "{err}");
    assert!(
        !err.contains("`loai: dot`: \n") && !err.contains(": \n"),
        "{err}"
    );

    let dir = sample("ca-nhan.yaml", "loai: ca_nhan", "loai: ca_nhan");
    std::fs::remove_file(dir.path().join("du-lieu/co-quan.yaml")).unwrap();
    let err = check_stderr(&dir);
    snapshot("office-no-body.txt", "stderr of vanban check", &err);
    assert!(err.contains("chưa có bản ghi `loai: co_quan`"), "{err}");
}

/// Every backticked key in the first column of the contract's tables and lists.
fn contract_keys() -> Vec<String> {
    // The English contract (shared/spec/data-format.md), copied beside the tests.
    let spec = std::fs::read_to_string(root().join("tests/fixtures/data-format-v2.md")).unwrap();
    let mut keys = Vec::new();
    for line in spec.lines() {
        let Some(first) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else {
            continue;
        };
        for k in first.split('`').skip(1).step_by(2) {
            if k.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                && !k.is_empty()
            {
                keys.push(k.to_owned());
            }
        }
    }
    keys
}

#[test]
fn the_vietnamese_contract_has_every_key_and_label() {
    let doc = vanban::docs::DU_LIEU;
    let keys = contract_keys();
    assert!(
        keys.len() > 60,
        "read {} keys from data-format.md",
        keys.len()
    );
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}")) && !doc.contains(&format!(".{k}`")))
        .collect();
    assert!(missing.is_empty(), "docs/du-lieu.md lacks {missing:?}");
    for kind in [vanban::sheet::Kind::Person, vanban::sheet::Kind::Collective] {
        for (label, _) in kind.labels() {
            assert!(
                doc.contains(&format!("`{label}`")),
                "docs/du-lieu.md lacks the label {label}"
            );
        }
    }
}

#[test]
fn khoa_prints_one_keys_entry_or_lists_them() {
    let out = vanban(&["khoa", "gioi_tinh"]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    snapshot(
        "office-khoa-gioi-tinh.txt",
        "stdout of vanban khoa gioi_tinh",
        &said,
    );
    assert!(said.starts_with("### `ca_nhan.gioi_tinh`\n"), "{said}");
    assert!(said.contains("`nam` hoặc `nu`"), "{said}");

    let out = vanban(&["khoa", "dang_ky.ngay"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Ngày của bản đăng ký")
    );

    let out = vanban(&["khoa"]);
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("  ca_nhan.ho_ten\n") && list.contains("  bao_cao.lan_toa\n"),
        "{list}"
    );

    let out = vanban(&["khoa", "gioi_tihn"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("có phải ý bạn là `ca_nhan.gioi_tinh`?"),
        "{err}"
    );
}

#[test]
fn a_legacy_cell_is_found_at_its_cell_and_the_csv_converted() {
    let dir = sample("ca-nhan.yaml", "loai: ca_nhan", "loai: ca_nhan");
    let csv = dir.path().join("du-lieu/danh-sach.csv");
    std::fs::write(
        &csv,
        "Họ và tên;Đơn vị;Đối tượng\nNguyÔn V¨n Hïng;xã Phước Lại;Nhân dân\n",
    )
    .unwrap();
    let err = check_stderr(&dir);
    assert!(
        err.contains("lỗi[V015]: `ho_ten` được gõ bằng TCVN3"),
        "{err}"
    );
    assert!(
        err.contains("danh-sach.csv › danh-sach › A2 (cột Họ và tên)"),
        "{err}"
    );
    assert!(err.contains("«Nguyễn Văn Hùng»"), "{err}");

    let out = vanban(&["chuyen-ma", csv.to_str().unwrap()]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains(":2: «NguyÔn V¨n Hïng» → «Nguyễn Văn Hùng»"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "Họ và tên;Đơn vị;Đối tượng\nNguyễn Văn Hùng;xã Phước Lại;Nhân dân\n"
    );
}

#[test]
fn chuyen_ma_lists_a_workbooks_legacy_cells_without_rewriting_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("danh-sach.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Cá nhân").unwrap();
    sheet.write_string(0, 0, "Họ và tên").unwrap();
    sheet.write_string(1, 0, "Nguyeãn Thò AÙnh").unwrap();
    sheet.write_string(2, 0, "Trần Văn Bình").unwrap();
    book.save(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = vanban(&["chuyen-ma", path.to_str().unwrap()]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("danh-sach.xlsx:Cá nhân › A2: «Nguyeãn Thò AÙnh» → «Nguyễn Thị Ánh»"),
        "{said}"
    );
    assert!(said.contains("sửa 1 ô trên bằng tay trong Excel"), "{said}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn chuyen_ma_reads_an_ansi_file_typed_in_tcvn3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca-nhan.yaml");
    // `ho_ten: NguyÔn ThÞ ¸nh` as Notepad saves it in ANSI: one byte a letter.
    let mut bytes = b"loai: ca_nhan\nho_ten: Nguy".to_vec();
    bytes.extend([
        0xD4, b'n', b' ', b'T', b'h', 0xDE, b' ', 0xB8, b'n', b'h', b'\n',
    ]);
    std::fs::write(&path, &bytes).unwrap();
    let out = vanban(&["chuyen-ma", path.to_str().unwrap()]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains(":2: «NguyÔn ThÞ ¸nh» → «Nguyễn Thị Ánh» (TCVN3"),
        "{said}"
    );
    assert!(
        said.contains("đọc theo mã ANSI (Windows-1252), đã chuyển 1 chỗ"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "loai: ca_nhan\nho_ten: Nguyễn Thị Ánh\n"
    );
}

/// Files whose diagnostics other branches code (their owners add `.code(…)` on merge);
/// empty once they have.
const CODED_ELSEWHERE: &[&str] = &[];

/// Every diagnostic vanban makes names its class: a `Diagnostic::error` or `::warning` in
/// the source without a `.code(…)` in its builder chain would print a bare `lỗi:` that
/// `vanban giai-thich` cannot explain.
#[test]
fn every_diagnostic_made_in_the_source_has_a_code() {
    let mut paths = Vec::new();
    files(&root().join("src"), &mut paths);
    let mut bare = Vec::new();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let rel = p
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "src/diagnostics.rs" || CODED_ELSEWHERE.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap();
        // Unit tests make diagnostics of their own to test the renderer.
        let code = text.split("#[cfg(test)]").next().unwrap();
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.contains("Diagnostic::error(") || line.contains("Diagnostic::warning(")) {
                continue;
            }
            // The chain: from the constructor to the end of its statement, or the few
            // lines that a `let d = if … { error } else { warning };` takes to reach it.
            let chain = lines[i..(i + 12).min(lines.len())].join("\n");
            if !chain.contains(".code(") {
                bare.push(format!("{rel}:{}", i + 1));
            }
        }
    }
    assert!(bare.is_empty(), "diagnostics without a code: {bare:?}");
}
