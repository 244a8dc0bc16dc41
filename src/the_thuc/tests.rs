//! The layout rules Rust owns, one test per rule.

#[test]
fn amounts_in_figures_and_words() {
    assert_eq!(amount(500_000), "500.000 đồng (Năm trăm nghìn đồng)");
    assert_eq!(
        amount(1_500_000),
        "1.500.000 đồng (Một triệu năm trăm nghìn đồng)"
    );
    assert_eq!(
        amount(1_005_000),
        "1.005.000 đồng (Một triệu không trăm linh năm nghìn đồng)"
    );
    assert_eq!(words(21), "hai mươi mốt");
    assert_eq!(words(15), "mười lăm");
    assert_eq!(words(105), "một trăm linh năm");
    assert_eq!(words(2_000_000_000), "hai tỷ");
    assert_eq!(words(310_000), "ba trăm mười nghìn");
    assert_eq!(words(45), "bốn mươi lăm");
}

#[test]
fn numbers_stay_with_the_word_they_count() {
    assert_eq!(
        bind("tại Điều 1 năm 2024, “Dân vận khéo”, Nghị định số 30 của 3 bên"),
        "tại Điều\u{a0}1 năm\u{a0}2024, “Dân\u{a0}vận\u{a0}khéo”, Nghị định số\u{a0}30 của 3 bên"
    );
    let long = "“Gần dân, hiểu dân, giúp dân”";
    assert_eq!(bind(long), long);
    assert_eq!(bind("Sổ 1"), "Sổ 1");
    assert_eq!(unbind(&bind("năm 2025")), "năm 2025");
}

#[test]
fn full_names_from_header_capitals() {
    assert_eq!(
        sentence_case("ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC"),
        "Ủy ban nhân dân xã Cần Giuộc"
    );
    assert_eq!(
        sentence_case("ĐẢNG ỦY XÃ PHƯỚC LẠI"),
        "Đảng ủy xã Phước Lại"
    );
    assert_eq!(
        sentence_case("BAN DÂN VẬN HUYỆN ỦY ĐỨC HÒA"),
        "Ban Dân vận Huyện ủy Đức Hòa"
    );
    assert_eq!(
        sentence_case("BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ"),
        "Ban Chỉ đạo thực hiện QCDC ở cơ sở"
    );
    assert_eq!(
        sentence_case("ỦY BAN MTTQ VIỆT NAM THỊ TRẤN CẦN GIUỘC"),
        "Ủy ban MTTQ Việt Nam thị trấn Cần Giuộc"
    );
    assert_eq!(sentence_case("BAN XÂY DỰNG ĐẢNG"), "Ban Xây dựng Đảng");
}

#[test]
fn counts_never_say_zero() {
    assert_eq!(counted(1, 0), "1 tập thể");
    assert_eq!(counted(0, 3), "3 cá nhân");
    assert_eq!(counted(2, 3), "2 tập thể và 3 cá nhân");
    assert_eq!(kinds(1, 0), "tập thể");
    assert_eq!(kinds(2, 3), "tập thể, cá nhân");
}

#[test]
fn whose_decision() {
    let kt = vec!["KT. CHỦ TỊCH".to_owned()];
    assert_eq!(
        whose(
            Regime::NhaNuoc,
            "Ủy ban nhân dân xã Cần Giuộc",
            &kt,
            "PHÓ CHỦ TỊCH"
        ),
        "Chủ tịch Ủy ban nhân dân xã Cần Giuộc"
    );
    let tm = vec!["TM. BAN THƯỜNG VỤ".to_owned()];
    assert_eq!(
        whose(Regime::Dang, "Đảng ủy xã Cần Giuộc", &tm, "BÍ THƯ"),
        "Đảng ủy xã Cần Giuộc"
    );
    assert_eq!(
        proposal(Regime::NhaNuoc, "Trưởng Công an xã"),
        "Theo đề nghị của Trưởng Công an xã"
    );
    assert_eq!(
        proposal(Regime::Dang, "Xét đề nghị của Ban Xây dựng Đảng"),
        "Xét đề nghị của Ban Xây dựng Đảng"
    );
}

use super::*;
use chrono::NaiveDate;

#[test]
fn authority_title_from_signer() {
    let no: [String; 0] = [];
    assert_eq!(
        authority_title("Ủy ban nhân dân xã Phước Lại", &no, "Chủ tịch"),
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
    );
    assert_eq!(
        authority_title(
            "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI",
            &["KT. CHỦ TỊCH".into()],
            "PHÓ CHỦ TỊCH"
        ),
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
    );
    assert_eq!(
        authority_title(
            "ĐẢNG ỦY XÃ PHƯỚC LẠI",
            &["T/M BAN THƯỜNG VỤ".into()],
            "BÍ THƯ"
        ),
        "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ PHƯỚC LẠI"
    );
    assert_eq!(
        authority_title(
            "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI",
            &["TM. ỦY BAN NHÂN DÂN".into()],
            "CHỦ TỊCH"
        ),
        "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI"
    );
    assert_eq!(
        authority_title("BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ", &no, "TRƯỞNG BAN"),
        "TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ"
    );
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
}

#[test]
fn date_line_pads_days_and_the_first_two_months_only() {
    assert_eq!(date_words(d(2025, 2, 5)), "ngày 05 tháng 02 năm 2025");
    assert_eq!(date_words(d(2022, 6, 16)), "ngày 16 tháng 6 năm 2022");
    assert_eq!(date_words(d(2025, 12, 1)), "ngày 01 tháng 12 năm 2025");
    assert_eq!(
        date_line("Long An", d(2022, 1, 20)),
        "Long An, ngày 20 tháng 01 năm 2022"
    );
}

#[test]
fn symbols_per_regime() {
    assert_eq!(number_line(Regime::Dang, 5, "QĐ", "BCĐ"), "Số 05-QĐ/BCĐ");
    assert_eq!(
        number_line(Regime::NhaNuoc, 5, "QĐ", "UBND"),
        "Số: 05/QĐ-UBND"
    );
    assert_eq!(symbol(Regime::NhaNuoc, 123, "TTr", "UBND"), "123/TTr-UBND");
}

#[test]
fn upper_maps_vietnamese_letters() {
    assert_eq!(upper("Đảng ủy xã Phước Lại"), "ĐẢNG ỦY XÃ PHƯỚC LẠI");
    assert_eq!(upper("hoà"), "HOÀ");
}

#[test]
fn recipients_are_punctuated_per_regime() {
    // The page binds "Điều 3"; the punctuation is what is tested here.
    let plain = |v: Vec<String>| v.iter().map(|l| unbind(l)).collect::<Vec<_>>();
    let items = vec![
        "Thường trực Đảng ủy (b/c);".to_owned(),
        "- Các chi bộ".to_owned(),
        "Lưu VP, BCĐ".to_owned(),
    ];
    assert_eq!(
        plain(recipients(Regime::Dang, Some("Như Điều 3"), &items)),
        [
            "- Như Điều 3,",
            "- Thường trực Đảng ủy (b/c),",
            "- Các chi bộ,",
            "- Lưu VP, BCĐ."
        ]
    );
    assert_eq!(
        plain(recipients(Regime::NhaNuoc, Some("Như Điều 3"), &items)),
        [
            "- Như Điều 3;",
            "- Thường trực Đảng ủy (b/c);",
            "- Các chi bộ;",
            "- Lưu: VT, VP, BCĐ."
        ]
    );
    let given = vec!["Như trên".to_owned(), "Lưu: VT, VX.".to_owned()];
    assert_eq!(
        plain(recipients(Regime::NhaNuoc, Some("Như trên"), &given)),
        ["- Như trên;", "- Lưu: VT, VX."]
    );
    assert_eq!(plain(recipients(Regime::Dang, None, &[])), ["- Lưu VP."]);
    assert_eq!(
        plain(recipients(Regime::NhaNuoc, None, &[])),
        ["- Lưu: VT."]
    );
}

#[test]
fn bases_end_per_regime() {
    let items = vec!["Căn cứ A;".to_owned(), "Xét đề nghị của B.".to_owned()];
    assert_eq!(
        bases(Regime::Dang, &items),
        ["- Căn cứ A;", "- Xét đề nghị của B,"]
    );
    assert_eq!(
        bases(Regime::NhaNuoc, &items),
        ["Căn cứ A;", "Xét đề nghị của B."]
    );
}

#[test]
fn text_ends_with_slash_mark() {
    assert_eq!(
        end_text("thi hành Quyết định này."),
        "thi hành Quyết định này./."
    );
    assert_eq!(
        end_text("thi hành Quyết định này./."),
        "thi hành Quyết định này./."
    );
    assert_eq!(end_text("thực hiện "), "thực hiện./.");
}

#[test]
fn attached_line_names_the_decision() {
    assert_eq!(
        unbind(&attached_line(
            "Quyết định",
            "05-QĐ/BCĐ",
            &date_words(d(2025, 2, 5)),
            "Ban Chỉ đạo"
        )),
        "(Kèm theo Quyết định số 05-QĐ/BCĐ ngày 05 tháng 02 năm 2025 của Ban Chỉ đạo)"
    );
}

#[test]
fn a_blank_day_keeps_month_and_year_wherever_the_date_is_printed() {
    let date = d(2025, 2, 5);
    let blank = format!("{BLANK} tháng 02 năm 2025");
    assert_eq!(date_short_blank(date), blank);
    assert_eq!(date_words_blank(date), format!("ngày {blank}"));
    assert_eq!(
        date_line_blank("Phước Lại", date),
        format!("Phước Lại, ngày {blank}")
    );
    // A citation reads as the header does: `Quyết định số … ngày      tháng 02 năm 2025`.
    assert_eq!(
        format!("ngày {}", date_short_blank(date)),
        date_words_blank(date)
    );
    assert!(BLANK.chars().all(|c| c == NBSP) && BLANK.chars().count() >= 4);
}
