//! Loading, on small datasets written in the test.

use super::*;

#[test]
fn translates_unknown_field_with_suggestion() {
    let (msg, hint, key) =
        translate("unknown field `ho_tne`, expected one of `ma`, `ho_ten`, `don_vi`");
    assert_eq!(msg, "khóa `ho_tne` không có trong quy định dữ liệu");
    assert!(hint.unwrap().contains("`ho_ten`"));
    assert_eq!(key.as_deref(), Some("ho_tne"));
}

fn person(ma: &str) -> String {
    format!(
        "- loai: ca_nhan\n  ma: {ma}\n  ho_ten: Lê Thị {ma}\n  don_vi: ấp 1\n  doi_tuong: nhan_dan\n"
    )
}

fn load_text(name: &str, text: &str) -> (Dataset, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let (ds, diags) = load(dir.path(), &[]).unwrap();
    (ds, diags.iter().map(Diagnostic::render).collect())
}

/// Issue 13: one colon in one `chuc_vu` dropped a 250-person file. Now it costs its
/// record, and the records after it keep their true lines.
#[test]
fn a_syntax_error_costs_only_its_record() {
    let broken = person("b").replace(
        "  don_vi: ấp 1\n",
        "  chuc_vu: Bí thư: Chi bộ\n  don_vi: ấp 1\n",
    );
    let text = format!("# danh sách\n{}{broken}\n{}", person("a"), person("c"));
    let (ds, diags) = load_text("ds.yaml", &text);
    let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
    assert_eq!(ids, ["a", "c"], "{diags:?}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].contains("ds.yaml:10:"), "{diags:?}");
    assert!(diags[0].contains("dấu `:`"), "{diags:?}");
    let c = &ds.persons[1];
    assert_eq!(c.origin.path, "[2]");
    assert_eq!(ds.locate(&c.origin, "don_vi").line, Some(17));
}

#[test]
fn a_broken_document_costs_only_itself() {
    let one = |ma: &str| person(ma).replacen("- ", "", 1).replace("\n  ", "\n");
    let text = format!("{}---\n{}ten: [a\n---\n{}", one("a"), one("b"), one("c"));
    let (ds, diags) = load_text("ds.yaml", &text);
    let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
    assert_eq!(ids, ["a", "c"], "{diags:?}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].contains("ds.yaml:1"), "{diags:?}");
    assert_eq!(ds.persons[1].origin.doc, 2);
    assert_eq!(ds.locate(&ds.persons[1].origin, "doi_tuong").line, Some(18));
}

#[test]
fn a_duplicate_key_and_a_huge_number_name_their_line_and_key() {
    let dup = person("b").replace("  don_vi: ấp 1\n", "  don_vi: ấp 1\n  don_vi: ấp 2\n");
    let huge = person("c").replace("  don_vi", "  nam_sinh: 99999999999999999999999\n  don_vi");
    let text = format!("{}{dup}{huge}{}", person("a"), person("d"));
    let (ds, diags) = load_text("ds.yaml", &text);
    let ids: Vec<&str> = ds.persons.iter().map(|p| p.record.ma.as_str()).collect();
    assert_eq!(ids, ["a", "d"], "{diags:?}");
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].contains("khóa `don_vi` được viết hai lần"),
        "{diags:?}"
    );
    assert!(diags[0].contains("ds.yaml:10:"), "{diags:?}");
    assert!(diags[1].contains("số quá lớn"), "{diags:?}");
    assert!(diags[1].contains("ds.yaml:15:"), "{diags:?}");
    assert!(diags[1].contains("(trường: nam_sinh)"), "{diags:?}");
}

/// Issue 13: a record with four mistakes needed four runs.
#[test]
fn every_mistake_of_a_record_is_reported_at_once() {
    let text = "loai: ca_nhan\nma: b\nho_ten: Lê Thị B\nnam_sinh: mười chín\nque_quan: Long An\ndoi_tuong: nhan_danh\ndang_ky:\n  ngay: 31/02/2025\n  noi_dung: x\n";
    let (ds, diags) = load_text("b.yaml", text);
    assert!(ds.persons.is_empty());
    let all = diags.join("\n");
    assert_eq!(diags.len(), 7, "{all}");
    for (what, line) in [
        ("trường: nam_sinh", 4),
        ("khóa `que_quan` không có", 5),
        ("giá trị `nhan_danh` không hợp lệ", 6),
        ("thiếu khóa bắt buộc `don_vi`", 1),
        ("không có thật", 8),
        ("thiếu khóa bắt buộc `giai_phap`", 7),
        ("thiếu khóa bắt buộc `tien_do`", 7),
    ] {
        let d = diags
            .iter()
            .find(|d| d.contains(what))
            .unwrap_or_else(|| panic!("{what}: {all}"));
        assert!(
            d.contains(&format!("b.yaml:{line}:")),
            "{what} at {line}: {d}"
        );
    }
}

/// An unclosed quote is found at the end of its record, the next record's first line:
/// the message points at the quote.
#[test]
fn an_unclosed_quote_is_shown_where_it_opens() {
    let broken = person("b").replace("ho_ten: Lê Thị b", "ho_ten: \"Lê Thị b");
    let text = format!("{}{broken}{}", person("a"), person("c"));
    let (ds, diags) = load_text("ds.yaml", &text);
    assert_eq!(ds.persons.len(), 2, "{diags:?}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].contains("ds.yaml:8:11"), "{diags:?}");
    assert!(diags[0].contains("ngoặc kép mở mà không đóng"), "{diags:?}");
}

/// A misspelt required key is one mistake, said once with its did-you-mean, not also
/// as the missing key it was meant to be.
#[test]
fn a_misspelt_key_is_not_also_missing() {
    let text = "loai: ca_nhan\nma: b\nho_tne: Lê Thị B\ndon_vi: x\ndoi_tuong: nhan_dan\n";
    let (ds, diags) = load_text("b.yaml", text);
    assert!(ds.persons.is_empty());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].contains("có phải ý bạn là `ho_ten`"), "{diags:?}");
}

#[test]
fn translates_missing_field() {
    let (msg, _, key) = translate("missing field `don_vi`");
    assert_eq!(msg, "thiếu khóa bắt buộc `don_vi`");
    assert_eq!(key.as_deref(), Some("don_vi"));
}
