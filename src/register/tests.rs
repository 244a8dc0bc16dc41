//! The register's allocation, lists and files, on temporary registers.

use super::schema::SCHEMA_VERSION;
use super::*;
use crate::model::Date;

fn key(body: &str, scope: &str, subject: &str) -> DocKey {
    DocKey {
        body: body.to_owned(),
        kind: Abbrev::QuyetDinh,
        scope: scope.to_owned(),
        year: 2025,
        subject: subject.to_owned(),
    }
}

fn issued(key: &DocKey, number: u32) -> Issued {
    Issued {
        key: key.clone(),
        number,
        symbol: format!("{number:02}/QĐ-UBND"),
        date: Date(chrono::NaiveDate::from_ymd_opt(2025, 12, 15).unwrap()),
        summary: "Quyết định".to_owned(),
        signer: "Trần Thị Hồng".to_owned(),
        recipients: vec![],
        of: None,
        listing: Default::default(),
    }
}

fn n(reg: &mut Register, key: &DocKey, given: Option<u32>) -> u32 {
    reg.number(key, given).unwrap().number
}

#[test]
fn identities_keep_numbers_and_new_ones_follow_the_highest() {
    let dir = tempfile::tempdir().unwrap();
    let wait = Duration::from_secs(1);
    let (a, b, c) = (
        key("ubnd", "2025", "a"),
        key("ubnd", "2025", "b"),
        key("ubnd", "2025", "c"),
    );
    let other_year = key("ubnd", "2026", "a");
    {
        let mut reg = Register::open(dir.path(), wait).unwrap();
        assert_eq!(n(&mut reg, &a, None), 1);
        assert_eq!(n(&mut reg, &b, Some(5)), 5);
        assert_eq!(n(&mut reg, &a, None), 1);
        assert_eq!(n(&mut reg, &other_year, None), 1);
        let clash = reg.number(&c, Some(5)).unwrap_err();
        assert_eq!(clash.number, 5);
        assert_eq!(clash.holder, "QĐ b của ubnd (năm 2025)");
        let (ia, ib) = (issued(&a, 1), issued(&b, 5));
        let path = Path::new("x.pdf");
        reg.commit(&[
            Written {
                issued: &ia,
                path,
                sha256: sha256(b"a"),
            },
            Written {
                issued: &ib,
                path,
                sha256: sha256(b"b"),
            },
        ])
        .unwrap();
    }
    {
        let mut reg = Register::open(dir.path(), wait).unwrap();
        // `other_year` was proposed but never written: it issued nothing.
        assert_eq!(n(&mut reg, &c, None), 6);
        assert_eq!(n(&mut reg, &b, None), 5);
        assert_eq!(n(&mut reg, &a, None), 1);
        let moved = reg.number(&a, Some(3)).unwrap();
        assert_eq!(moved.previous, Some(1));
        // Dropped without commit: nothing of this run is kept.
    }
    let rows = list(dir.path(), &Filter::default()).unwrap();
    let numbers: Vec<(String, u32, bool)> = rows
        .iter()
        .map(|r| (r.subject.clone(), r.number, r.given))
        .collect();
    assert_eq!(
        numbers,
        [("a".to_owned(), 1, false), ("b".to_owned(), 5, true)]
    );
    assert_eq!(rows[0].sha256.as_deref(), Some(sha256(b"a").as_str()));
}

#[test]
fn a_sequence_at_its_last_number_is_exhausted_not_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(dir.path(), Duration::from_secs(1)).unwrap();
    let (a, b) = (key("ubnd", "2025", "a"), key("ubnd", "2025", "b"));
    assert_eq!(n(&mut reg, &a, Some(u32::MAX)), u32::MAX);
    let clash = reg.number(&b, None).unwrap_err();
    assert!(clash.exhausted);
    assert_eq!(clash.number, u32::MAX);
    assert_eq!(clash.holder, "dãy số QĐ của ubnd (năm 2025)");
    let mut fresh = crate::numbering::Fresh::default();
    assert_eq!(fresh.number(&a, Some(7)).unwrap().number, 7);
}

#[test]
fn a_list_is_kept_whole_and_read_back() {
    let list = vec![
        Entry {
            ma: "chi-hoi".into(),
            collective: true,
            name: "Chi hội\tấp 3".into(),
            addressed: "Chi hội ấp 3".into(),
            detail: Some("Ấp 3".into()),
            golden: Some(1),
        },
        Entry {
            ma: "anh".into(),
            collective: false,
            name: "Nguyễn Thị Ánh".into(),
            addressed: "Bà Nguyễn Thị Ánh".into(),
            detail: None,
            golden: None,
        },
    ];
    let back = numbering::parse_listing(&numbering::listing_text(&list));
    assert_eq!(back[0].name, "Chi hội ấp 3");
    assert_eq!(back[0].golden, Some(1));
    assert_eq!(back[1], list[1]);
    // A version 1 line: `ma`, collective, name.
    let old = numbering::parse_listing("anh\t0\tNguyễn Thị Ánh");
    assert_eq!(old[0].addressed, "Nguyễn Thị Ánh");
    assert_eq!(old[0].golden, None);
}

#[test]
fn a_held_register_is_an_environment_error_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Register::open(dir.path(), Duration::from_secs(1)).unwrap();
    let start = std::time::Instant::now();
    let err = Register::open(dir.path(), Duration::from_millis(300))
        .err()
        .expect("the second opener must not get the lock");
    assert!(start.elapsed() >= Duration::from_millis(300));
    let text = format!("{err:#}");
    assert!(
        text.contains("đang được một lần chạy vanban khác giữ"),
        "{text}"
    );
    assert!(text.contains(FILE), "{text}");
}

#[test]
fn a_register_from_a_newer_vanban_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let conn = Connection::open(dir.path().join(FILE)).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = Register::open(dir.path(), Duration::from_secs(1))
        .err()
        .unwrap();
    assert!(format!("{err:#}").contains("phiên bản vanban mới hơn"));
}

#[test]
fn csv_lines_hold_no_time_of_issue() {
    let row = Row {
        body: "ubnd".into(),
        scope: "NK2020-10-15".into(),
        kind: "QĐ".into(),
        number: 2,
        subject: "khen-thuong-2025".into(),
        of: None,
        given: true,
        year: 2025,
        date: "2025-12-15".into(),
        symbol: "02-QĐ/BCĐ".into(),
        summary: "Quyết định".into(),
        signer: "Lê Văn Tám".into(),
        recipients: vec!["- Như Điều 3,".into(), "- Lưu.".into()],
        file: None,
        sha256: None,
        issued_at: "2026-01-01 10:00:00".into(),
        state: DRAFT.into(),
    };
    let lines: Vec<_> = csv_rows(std::slice::from_ref(&row)).collect();
    assert_eq!(lines[0].len(), lines[1].len());
    assert_eq!(lines[1][1], "15/12/2025");
    assert_eq!(lines[1][7], "02");
    assert_eq!(lines[1][8], "nhiệm kỳ từ 15/10/2020");
    assert!(!lines[1].iter().any(|c| c.contains("10:00")));
}
