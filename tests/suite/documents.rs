//! Every paper of the round (issue 5): each document holds the fields it must, the lists
//! hold exactly the eligible records in D13 order, every certificate's Số sổ vàng is its
//! STT in the reward decision, and a missing optional section leaves no heading.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::{build, copy_dir, files, fixture, pdf_text, root, squash};
use tempfile::TempDir;

/// Builds a copy of `dataset`, so the register it writes starts empty and stays out of
/// the source tree; returns the output folder.
fn build_copy(dataset: &Path) -> (TempDir, TempDir, vanban::pipeline::Outcome) {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dataset, copy.path());
    let out = tempfile::tempdir().unwrap();
    let outcome = build(copy.path(), out.path(), 2);
    (copy, out, outcome)
}

/// The example dataset, built once for every test here (typst is heavy).
fn data() -> &'static Path {
    static OUT: OnceLock<(TempDir, TempDir)> = OnceLock::new();
    OUT.get_or_init(|| {
        let (copy, out, _) = build_copy(&root().join("data"));
        (copy, out)
    })
    .1
    .path()
}

/// The minimal fixture: no tờ trình, summary or figures; a bằng khen; long names.
fn minimal() -> &'static Path {
    static OUT: OnceLock<(TempDir, TempDir)> = OnceLock::new();
    OUT.get_or_init(|| {
        let (copy, out, outcome) = build_copy(&fixture("docs"));
        assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
        (copy, out)
    })
    .1
    .path()
}

fn text(out: &Path, rel: &str) -> String {
    pdf_text(&out.join("2025").join(rel))
}

fn assert_has(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in:\n{text}");
    }
}

/// The names of a D13 list in printed order, each with its STT: rows read `NN Name …`.
fn listed(text: &str, names: &[&str]) -> Vec<(String, String)> {
    let mut found: Vec<(usize, String, String)> = names
        .iter()
        .map(|n| {
            let needle = format!(" {n} ");
            let at = text
                .rfind(&needle)
                .unwrap_or_else(|| panic!("{n:?} is not in the list:\n{text}"));
            let stt = text[..at].rsplit(' ').next().unwrap().to_owned();
            (at, stt, (*n).to_owned())
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, s, n)| (s, n)).collect()
}

/// The part of a document's text from its attached list's heading on.
fn attachment(text: &str) -> &str {
    let at = text.find("DANH SÁCH").expect("an attached list");
    &text[at..]
}

const COLLECTIVES: [&str; 9] = [
    "Ban Chỉ huy Quân sự xã Cần Giuộc",
    "Ban Công tác Mặt trận ấp Tân Phú",
    "Chi bộ ấp Phước Hậu",
    "Chi đoàn ấp Thuận Lý",
    "Chi hội Người cao tuổi ấp Đông Thạnh",
    "Chi hội Phụ nữ ấp Long Thạnh",
    "Công an xã Cần Giuộc",
    "Tổ hợp tác rau an toàn ấp Tân Kim",
    "Tổ tự quản đường ven sông Rạch Kiến",
];

/// Eligible people by given name; left out: Lê Thị Mỹ Duyên and Đỗ Minh Khoa (no Chiến sĩ
/// thi đua cơ sở in 2025), Cao Thị Xuân (registered after 31/03), the two armed-forces
/// members assessed by their sector, Tăng Văn Lộc (registration not approved).
const PEOPLE: [&str; 11] = [
    "Nguyễn Thị Ánh",
    "Trần Văn Bửu",
    "Võ Thị Hồng Đào",
    "Huỳnh Văn Em",
    "Đặng Thị Ngọc Hân",
    "Trương Thị Kiều Oanh",
    "Hà Thị Ngọc Quyến",
    "Lý Văn Sáng",
    "Bùi Thị Thủy",
    "Đại đức Thích Minh Trí",
    "Nguyễn Văn Út",
];

fn numbered(names: &[&str]) -> Vec<(String, String)> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{:02}", i + 1), (*n).to_owned()))
        .collect()
}

#[test]
fn registration_letters_only_for_registered_records_not_sudden_ones() {
    let dir = data().join("2025/dang-ky");
    let written: Vec<PathBuf> = files(&dir);
    let has = |ma: &str| written.contains(&PathBuf::from(format!("{ma}.pdf")));
    assert!(has("chi-hoi-pn-ap-long-thanh") && has("nguyen-thi-anh"));
    // Sudden achievements need no registration.
    assert!(!has("to-tu-quan-duong-ven-song") && !has("ly-van-sang"));

    let unit = text(data(), "dang-ky/chi-hoi-pn-ap-long-thanh.pdf");
    assert_has(
        &unit,
        &[
            "UBND XÃ CẦN GIUỘC",
            "CHI HỘI PHỤ NỮ ẤP LONG THẠNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Cần Giuộc, ngày 20 tháng 02 năm 2025",
            "BẢN ĐĂNG KÝ THI ĐUA “DÂN VẬN KHÉO” NĂM 2025",
            "Tên tập thể: Chi hội Phụ nữ ấp Long Thạnh",
            "Tên mô hình: Mô hình \"Heo đất tiết kiệm giúp hội viên nghèo\"",
            "I. NỘI DUNG ĐĂNG KÝ",
            "II. MỤC TIÊU",
            "- Phân công đảng viên, cán bộ phụ trách từng nhóm hộ",
            "IV. TIẾN ĐỘ THỰC HIỆN",
            "Thời gian Nội dung công việc",
            "Tháng 4 - 9/2025 Tổ chức thực hiện, kiểm tra tiến độ hằng tháng",
            "PHÊ DUYỆT CỦA CẤP ỦY",
            "ĐẢNG ỦY XÃ CẦN GIUỘC",
            "Ngày 20 tháng 02 năm 2025",
            "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "Phan Văn Tư",
            "TRƯỞNG ĐƠN VỊ",
            "Lê Thị Hạnh",
        ],
    );
    let person = text(data(), "dang-ky/nguyen-thi-anh.pdf");
    assert_has(
        &person,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Cần Giuộc, ngày 14 tháng 02 năm 2025",
            "Họ và tên: Nguyễn Thị Ánh",
            "Chức vụ: Chủ tịch Hội Liên hiệp Phụ nữ xã",
            "NGƯỜI ĐĂNG KÝ",
            "Ngày 14 tháng 02 năm 2025",
        ],
    );
    // A person writes under Quốc hiệu alone: no unit header, no number.
    assert!(
        !person.contains("Số:") && !person.contains("UBND XÃ"),
        "{person}"
    );
}

#[test]
fn report_has_the_four_sections_figures_and_the_right_confirmation() {
    let unit = text(data(), "bao-cao/chi-hoi-pn-ap-long-thanh.pdf");
    assert_has(
        &unit,
        &[
            "BÁO CÁO THÀNH TÍCH ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
            "Cần Giuộc, ngày 20 tháng 10 năm 2025",
            "I. ĐẶC ĐIỂM, TÌNH HÌNH",
            "II. KẾT QUẢ THỰC HIỆN",
            "STT Chỉ tiêu Kết quả",
            "01 Số hộ tham gia 412 hộ",
            "02 Kinh phí vận động (đồng) 186.500.000",
            "03 Số buổi tuyên truyền 24",
            "III. CÁCH LÀM",
            "IV. BÀI HỌC KINH NGHIỆM",
            "V. TÁC DỤNG, HIỆU QUẢ",
            "VI. TÍNH LAN TỎA, NHÂN RỘNG",
            "giới thiệu trên Trang thông tin điện tử của xã./.",
            "XÁC NHẬN CỦA CẤP ỦY",
            "CHI BỘ ẤP LONG THẠNH",
            "Ngày 25 tháng 10 năm 2025",
            "Xác nhận nội dung báo cáo là đúng sự thật",
            "BÍ THƯ",
            "Trần Minh Tâm",
            "Lê Thị Hạnh",
        ],
    );
    let person = text(data(), "bao-cao/nguyen-thi-anh.pdf");
    assert_has(
        &person,
        &[
            "XÁC NHẬN CỦA THỦ TRƯỞNG",
            "UBND XÃ CẦN GIUỘC",
            "Nguyễn Hữu Phước",
            "NGƯỜI BÁO CÁO",
        ],
    );
    assert!(!person.contains("XÁC NHẬN CỦA CẤP ỦY"));
}

#[test]
fn submission_summarises_the_appraisal_and_attaches_the_list() {
    let t = text(data(), "to-trinh-cong-nhan.pdf");
    assert_has(
        &t,
        &[
            "ĐẢNG ỦY XÃ CẦN GIUỘC",
            "BAN XÂY DỰNG ĐẢNG",
            "Số 01-TTr/BXDĐ",
            "Cần Giuộc, ngày 10 tháng 11 năm 2025",
            "TỜ TRÌNH",
            "Kính gửi: Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc",
            // No `can_cu` of its own: the round's bases open the tờ trình.
            "Căn cứ Hướng dẫn số 26-HD/BCĐ ngày 16/6/2022 của Ban Chỉ đạo tỉnh",
            "có 9 tập thể và 11 cá nhân đủ điều kiện",
            "1. Tập thể, theo lĩnh vực",
            "2. Cá nhân, theo đối tượng",
            "công nhận 9 tập thể và 11 cá nhân",
            "- Như trên,",
            "K/T TRƯỞNG BAN",
            "Võ Thị Kim Loan",
            "(Kèm theo Tờ trình số 01-TTr/BXDĐ ngày 10 tháng 11 năm 2025 của Ban Xây dựng Đảng Đảng ủy xã Cần Giuộc)",
        ],
    );
    let all: Vec<&str> = COLLECTIVES.iter().chain(&PEOPLE).copied().collect();
    assert_eq!(listed(attachment(&t), &all), numbered(&all));
}

#[test]
fn recognition_decision_lists_exactly_the_eligible_records_in_order() {
    let t = text(data(), "quyet-dinh-cong-nhan.pdf");
    assert_has(
        &t,
        &[
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ",
            "Số 01-QĐ/BCĐ",
            "Cần Giuộc, ngày 20 tháng 11 năm 2025",
            "QUYẾT ĐỊNH",
            "- Căn cứ Hướng dẫn số 26-HD/BCĐ ngày 16/6/2022",
            "- Xét đề nghị của Ban Xây dựng Đảng Đảng ủy xã Cần Giuộc tại Tờ trình số",
            // The head's title names the body in full (`ten_day_du`), not only its header line.
            "TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ XÃ CẦN GIUỘC QUYẾT ĐỊNH",
            "Điều 1. Công nhận các tập thể, cá nhân có tên trong danh sách kèm theo",
            "(gồm 9 tập thể và 11 cá nhân)",
            "Điều 2.",
            "Điều 3.",
            "thi hành Quyết định này./.",
            "- Như Điều 3,",
            "Nguyễn Văn Hùng",
            "(Kèm theo Quyết định số 01-QĐ/BCĐ ngày 20 tháng 11 năm 2025 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc)",
            "I. TẬP THỂ",
            "II. CÁ NHÂN",
            "Mô hình \"Heo đất tiết kiệm giúp hội viên nghèo\"",
        ],
    );
    let list = attachment(&t);
    let all: Vec<&str> = COLLECTIVES.iter().chain(&PEOPLE).copied().collect();
    assert_eq!(listed(list, &all), numbered(&all));
    for absent in [
        "Hợp tác xã muối Cầu An",
        "Trường Trung học cơ sở Cần Giuộc",
        "Lê Thị Mỹ Duyên",
        "Đỗ Minh Khoa",
        "Cao Thị Xuân",
        "Phạm Quốc Dũng",
        "Ngô Thanh Liêm",
        "Tăng Văn Lộc",
    ] {
        assert!(!list.contains(absent), "{absent} is not eligible:\n{list}");
    }
}

/// The reward decision of `body` and its certificates agree: same list, same order, each
/// certificate's Số sổ vàng its STT, each certificate's decision number and date the
/// decision's own.
fn check_reward(out: &Path, body: &str, expected: &[&str], number: &str, date: &str) {
    let decision = text(out, &format!("quyet-dinh-khen-thuong/{body}.pdf"));
    let rows = listed(attachment(&decision), expected);
    assert_eq!(rows, numbered(expected));
    let dir = out.join("2025/giay-khen").join(body);
    let certificates: Vec<PathBuf> = files(&dir)
        .into_iter()
        .filter(|f| f.to_str() != Some("in-tat-ca.pdf"))
        .collect();
    assert_eq!(certificates.len(), expected.len(), "{certificates:?}");
    for cert in certificates {
        let c = pdf_text(&dir.join(&cert));
        let (stt, _) = rows
            .iter()
            .find(|(_, n)| c.contains(n.as_str()))
            .unwrap_or_else(|| panic!("{} names nobody of the list:\n{c}", cert.display()));
        assert!(
            c.contains(&format!("Số sổ vàng: {stt}")),
            "{}: Số sổ vàng should be {stt}:\n{c}",
            cert.display()
        );
        assert!(
            c.contains(&format!("Quyết định số {number} ngày {date}")),
            "{}:\n{c}",
            cert.display()
        );
    }
}

#[test]
fn reward_decisions_and_certificates_agree() {
    let state = text(data(), "quyet-dinh-khen-thuong/ubnd-xa.pdf");
    assert_has(
        &state,
        &[
            "TỈNH TÂY NINH",
            "Số: 01/QĐ-UBND",
            "Cần Giuộc, ngày 05 tháng 12 năm 2025",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CẦN GIUỘC",
            // The decision's own bases (`can_cu`) and proposal (`de_nghi`), as the data
            // gives them; the steering committee's rules are not the UBND's.
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Quyết định số 01-QĐ/BCĐ ngày 20/11/2025 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc về việc công nhận",
            "Theo đề nghị của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc. QUYẾT ĐỊNH:",
            "Điều 1. Tặng Giấy khen cho 4 tập thể và 8 cá nhân có tên trong danh sách kèm theo",
            // `tien_thuong`: the money, in figures and words, then the articles move on.
            "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.000.000 đồng (Một triệu đồng); mỗi cá nhân được thưởng 500.000 đồng (Năm trăm nghìn đồng). Tiền thưởng chi từ Quỹ thi đua, khen thưởng của xã.",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
            // `thi_hanh`: who executes, as the data names them.
            "Điều 4. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Công chức Văn hóa - Xã hội xã, các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "- Như Điều 4;",
            "(Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 12 năm 2025 của Chủ tịch Ủy ban nhân dân xã Cần Giuộc)",
            // The drafting unit and the copies kept, as the body's `noi_nhan` gives them.
            "- Lưu: VT, VHXH (02b).",
            "KT. CHỦ TỊCH",
            "Trần Thị Thu Hà",
        ],
    );
    check_reward(
        data(),
        "ubnd-xa",
        &[
            "Ban Công tác Mặt trận ấp Tân Phú",
            "Chi đoàn ấp Thuận Lý",
            "Chi hội Phụ nữ ấp Long Thạnh",
            "Tổ hợp tác rau an toàn ấp Tân Kim",
            "Nguyễn Thị Ánh",
            "Trần Văn Bửu",
            "Võ Thị Hồng Đào",
            "Trương Thị Kiều Oanh",
            "Lý Văn Sáng",
            "Bùi Thị Thủy",
            "Đại đức Thích Minh Trí",
            "Nguyễn Văn Út",
        ],
        "01/QĐ-UBND",
        "05/12/2025",
    );
    let party = text(data(), "quyet-dinh-khen-thuong/dang-uy-xa.pdf");
    assert_has(
        &party,
        &[
            "Số 01-QĐ/ĐU",
            // Its own bases; no `de_nghi`: the proposal of the standing office.
            "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; - Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ xã Cần Giuộc nhiệm kỳ 2025 - 2030; - Căn cứ Quyết định số 01-QĐ/BCĐ ngày 20/11/2025 của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc",
            "- Xét đề nghị của Ban Xây dựng Đảng Đảng ủy xã Cần Giuộc,",
            "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ CẦN GIUỘC QUYẾT ĐỊNH",
            "Điều 2. Quyết định có hiệu lực",
            "T/M BAN THƯỜNG VỤ",
        ],
    );
    assert!(
        !party.contains("Quy chế làm việc của Ban Chỉ đạo"),
        "{party}"
    );
    assert!(!party.contains("tiền thưởng"), "{party}");
    check_reward(
        data(),
        "dang-uy-xa",
        &[
            "Ban Chỉ huy Quân sự xã Cần Giuộc",
            "Chi bộ ấp Phước Hậu",
            "Công an xã Cần Giuộc",
            "Huỳnh Văn Em",
            "Đặng Thị Ngọc Hân",
            "Hà Thị Ngọc Quyến",
        ],
        "01-QĐ/ĐU",
        "08/12/2025",
    );
}

#[test]
fn summary_report_counts_by_field_and_by_kind() {
    let t = text(data(), "bao-cao-tong-hop.pdf");
    assert_has(
        &t,
        &[
            "Số 01-BC/BCĐ",
            "Cần Giuộc, ngày 15 tháng 12 năm 2025",
            "BÁO CÁO",
            "Đăng ký Báo cáo Công nhận Khen thưởng",
            // Kinh tế: Long Thạnh and Tân Kim go all the way; Cầu An registered late.
            "01 Kinh tế 3 3 2 2",
            "Tổng cộng 10 10 9 7",
            // Cán bộ, công chức: Duyên and Khoa lack the title.
            "01 Cán bộ, công chức 5 5 3 3",
            // The figure after the label is its footnote's mark.
            "03 Lực lượng vũ trang2 2 2 0 0",
            // Đảng viên: Tăng Văn Lộc registered and reported, but unapproved.
            "04 Đảng viên 2 2 1 1",
            "Tổng cộng 16 17 11 11",
            "(Quyết định số 01-QĐ/BCĐ ngày 20/11/2025)",
            // No "Kính gửi" on a báo cáo: whom it reports to heads its Nơi nhận.
            "- Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Tây Ninh (b/c),",
            "- Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),",
            "Nguyễn Văn Hùng",
        ],
    );
    assert!(!t.contains("Kính gửi") && !t.contains("Như trên"), "{t}");
}

#[test]
fn missing_optional_sections_leave_no_heading_behind() {
    let out = minimal();
    let written = files(&out.join("2025"));
    for absent in ["to-trinh-cong-nhan.pdf", "bao-cao-tong-hop.pdf"] {
        assert!(!written.contains(&PathBuf::from(absent)), "{written:?}");
    }
    let report = text(out, "bao-cao/bchqs.pdf");
    assert_has(
        &report,
        &[
            "II. KẾT QUẢ THỰC HIỆN Hoàn thành các chỉ tiêu đã đăng ký. III. CÁCH LÀM",
            "VI. TÍNH LAN TỎA, NHÂN RỘNG",
        ],
    );
    assert!(
        !report.contains("Chỉ tiêu") && !report.contains("STT"),
        "{report}"
    );
    // No `muc_tieu`: the parts close up, I. II. III. with no empty "MỤC TIÊU".
    let letter = text(out, "dang-ky/bchqs.pdf");
    assert_has(
        &letter,
        &[
            "I. NỘI DUNG ĐĂNG KÝ",
            "II. GIẢI PHÁP THỰC HIỆN",
            "III. TIẾN ĐỘ THỰC HIỆN",
        ],
    );
    assert!(!letter.contains("MỤC TIÊU"), "{letter}");
    // No `can_cu` and no tờ trình: the decision cites nothing rather than an empty line.
    let decision = text(out, "quyet-dinh-cong-nhan.pdf");
    assert!(
        !decision.contains("Căn cứ") && !decision.contains("Tờ trình"),
        "{decision}"
    );
    assert_has(
        &decision,
        &[
            "Số 04-QĐ/BCĐ",
            "Phước Vĩnh Đông, ngày 08 tháng 9 năm 2025",
            "TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ QUYẾT ĐỊNH Điều 1.",
            "K/T TRƯỞNG BAN",
        ],
    );
}

#[test]
fn bang_khen_keeps_the_word_tang_and_the_list_numbers_the_golden_book() {
    let out = minimal();
    let decision = text(out, "quyet-dinh-khen-thuong/ubnd-tinh.pdf");
    assert_has(
        &decision,
        &[
            "Số: 07/QĐ-UBND",
            "Tây Ninh, ngày 05 tháng 02 năm 2026",
            "Về việc tặng Bằng khen cho các tập thể, cá nhân",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
            "Tặng Bằng khen cho 2 tập thể và 2 cá nhân",
        ],
    );
    assert!(
        !decision.contains("Võ Văn Cường"),
        "not eligible:\n{decision}"
    );
    check_reward(
        out,
        "ubnd-tinh",
        &[
            "Ban Chỉ huy Quân sự xã Phước Vĩnh Đông thuộc Ban Chỉ huy Quân sự huyện Cần Giuộc, Bộ Chỉ huy Quân sự tỉnh Long An",
            "Chi đoàn ấp Phước Lợi",
            "Lê Văn Bé",
            "Trần Thị Ánh Nguyệt",
        ],
        "07/QĐ-UBND",
        "05/02/2026",
    );
    let all = text(out, "giay-khen/ubnd-tinh/in-tat-ca.pdf");
    assert_has(
        &all,
        &[
            "TẶNG",
            "BẰNG KHEN",
            "Bà Trần Thị Ánh Nguyệt",
            "Ông Lê Văn Bé",
        ],
    );
    assert!(!all.contains("GIẤY KHEN"), "{all}");
}

/// A word of a PDF page with its box, from `pdftotext -bbox`.
#[derive(Debug)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn words(path: &Path) -> (f64, f64, Vec<Word>) {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).unwrap() + key.len();
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut w, mut h, mut page) = (0.0, 0.0, 0);
    let mut list = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            w = attr(line, "width");
            h = attr(line, "height");
        } else if line.starts_with("<word ") {
            let text = line
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            list.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            });
        }
    }
    (w, h, list)
}

const MM: f64 = 72.0 / 25.4;

#[test]
fn long_names_shrink_and_wrap_inside_the_border_without_breaking_a_word() {
    let path = minimal().join("2025/giay-khen/ubnd-tinh/in-tat-ca.pdf");
    assert_eq!(
        crate::common::page_count(&path),
        4,
        "one page per certificate, nothing spilled"
    );
    let (w, h, list) = words(&path);
    // The inner rule of the border is 14mm in from each edge.
    for word in &list {
        assert!(
            word.x0 > 14.0 * MM
                && word.x1 < w - 14.0 * MM
                && word.y0 > 14.0 * MM
                && word.y1 < h - 14.0 * MM,
            "{word:?} crosses the border"
        );
    }
    // The long name was set smaller than a short one before it wrapped, but never smaller
    // than the lines under it (issue 12, item 16): it stays the largest after the award.
    let height = |t: &str| {
        list.iter()
            .find(|w| w.text == t)
            .map(|w| w.y1 - w.y0)
            .unwrap()
    };
    assert!(
        height("Đông") < 0.8 * height("Bé"),
        "{} vs {}",
        height("Đông"),
        height("Bé")
    );
    for under in ["Ấp", "góp"] {
        assert!(
            height("Đông") > height(under),
            "the name ({}) is set smaller than {under:?} ({})",
            height("Đông"),
            height(under)
        );
    }
    // Every word of the longest lines is printed whole on its certificate's page.
    let long = [
        "Ban Chỉ huy Quân sự xã Phước Vĩnh Đông thuộc Ban Chỉ huy Quân sự huyện Cần Giuộc, Bộ Chỉ huy Quân sự tỉnh Long An",
        "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã kiêm Trưởng Ban Thanh tra nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam xã Phước Vĩnh Đông, huyện Cần Giuộc, tỉnh Long An",
        "góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội và xây dựng khối đại đoàn kết toàn dân tộc ở khu dân cư trên địa bàn xã Phước Vĩnh Đông",
    ];
    for line in long {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let page = list
            .iter()
            .find(|w| w.text == tokens[0])
            .map(|w| w.page)
            .unwrap();
        let printed: Vec<&str> = list
            .iter()
            .filter(|w| w.page == page)
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            printed
                .windows(tokens.len())
                .any(|win| win == tokens.as_slice()),
            "{line:?} is not printed word for word: {printed:?}"
        );
    }
}

#[test]
fn blank_mode_prints_only_the_variable_text_shifted_by_the_offset() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&fixture("docs"), dataset.path());
    let file = dataset.path().join("du-lieu.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap().replace(
        "  khen_thuong:\n    - co_quan: ubnd-tinh",
        "  giay_khen:\n    phoi: true\n    lech_mm: {x: 3, y: -2}\n  khen_thuong:\n    - co_quan: ubnd-tinh",
    );
    std::fs::write(&file, yaml).unwrap();
    let out = tempfile::tempdir().unwrap();
    let outcome = build(dataset.path(), out.path(), 2);
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let rel = "2025/giay-khen/ubnd-tinh/le-van-b.pdf";
    let blank = pdf_text(&out.path().join(rel));
    assert_has(
        &blank,
        &["Ông Lê Văn Bé", "Số sổ vàng: 03", "Đoàn Thị Thanh Xuân"],
    );
    for printed_on_the_blank in ["CỘNG HÒA", "Độc lập", "TẶNG", "BẰNG KHEN"] {
        assert!(!blank.contains(printed_on_the_blank), "{blank}");
    }
    // The recipient stands where it stands on a full certificate, moved by the offset.
    let at = |path: &Path| {
        let (_, _, list) = words(path);
        let w = list.into_iter().find(|w| w.text == "Bé").unwrap();
        (w.x0, w.y0)
    };
    let (x, y) = at(&out.path().join(rel));
    let (x0, y0) = at(&minimal().join(rel));
    assert!((x - x0 - 3.0 * MM).abs() < 0.5, "x moved {}", x - x0);
    assert!((y - y0 + 2.0 * MM).abs() < 0.5, "y moved {}", y - y0);
}

/// Text that would be markup or code prints as typed in the letters and reports too.
#[test]
fn markup_in_registrations_and_reports_prints_as_typed() {
    let (_copy, out, outcome) = build_copy(&fixture("chong-chen"));
    assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
    let letter = text(out.path(), "dang-ky/a.pdf");
    assert_has(
        &letter,
        &[
            "Họ và tên: #read(\"/etc/passwd\")",
            "Nội dung #read(\"/etc/passwd\") $x$ *a*",
            "- Giải pháp ] [ \\ @ref <l>",
            "Quý I // /* Việc ~ ` \"",
            "ĐẢNG ỦY #X",
            "BÍ THƯ = H",
            "Lê [Văn] Tư",
        ],
    );
    let report = text(out.path(), "bao-cao/a.pdf");
    assert_has(
        &report,
        &[
            "#set page(width: 1cm)",
            "- mục *một*",
            "III. CÁCH LÀM $x$",
            "IV. BÀI HỌC KINH NGHIỆM @ref",
            "V. TÁC DỤNG, HIỆU QUẢ <l>",
            "// /*./.",
            "UBND #X",
            "] [ \\",
            "Võ \"Văn\" Hai",
        ],
    );
    let decision = text(out.path(), "quyet-dinh-cong-nhan.pdf");
    assert_has(&decision, &["+ x ] [ \\", "@ref <l> // /* ~ ` \""]);
}

/// A religious dignitary is addressed by the `danh_xung` the data gives, on the certificate
/// and in the decision's list, and never as Ông or Bà; without one, by name alone.
#[test]
fn a_monk_is_addressed_by_his_religious_title_never_ong() {
    let cert = text(data(), "giay-khen/ubnd-xa/thich-minh-tri.pdf");
    assert!(cert.contains("Đại đức Thích Minh Trí"), "{cert}");
    assert!(!cert.contains("Ông Thích"), "{cert}");
    let decision = squash(&text(data(), "quyet-dinh-khen-thuong/ubnd-xa.pdf"));
    assert!(decision.contains("Đại đức Thích Minh Trí"), "{decision}");
    // Ông and Bà stay where the data gives no form of address and the person is no
    // dignitary.
    let lay = text(data(), "giay-khen/ubnd-xa/nguyen-van-ut.pdf");
    assert!(lay.contains("Ông Nguyễn Văn Út"), "{lay}");

    let yaml = |extra: &str| {
        format!(
            "ma: x\nho_ten: Thích Nữ Diệu Hạnh\ngioi_tinh: nu\ndon_vi: Chùa A\ndoi_tuong: chuc_sac_ton_giao\n{extra}"
        )
    };
    let person =
        |extra: &str| -> vanban::model::Person { serde_norway::from_str(&yaml(extra)).unwrap() };
    assert_eq!(person("").addressed(), "Thích Nữ Diệu Hạnh");
    assert_eq!(
        person("danh_xung: Ni sư\n").addressed(),
        "Ni sư Thích Nữ Diệu Hạnh"
    );
    assert_eq!(person("danh_xung: ''\n").addressed(), "Thích Nữ Diệu Hạnh");
    assert_eq!(person("").listed(), "Thích Nữ Diệu Hạnh");
}

/// A decision's own options (v2): who proposed and who executes as the data says them; a
/// reward decision without `can_cu` warned of at that entry; a list of collectives only
/// never counts "0 cá nhân"; `de_nghi` on a tờ trình warned of as unprintable.
#[test]
fn a_decision_says_who_proposed_and_who_executes_as_the_data_gives() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&fixture("docs"), dataset.path());
    let file = dataset.path().join("du-lieu.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let yaml = yaml
        .replace(
            "      can_cu:\n        - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n",
            "      de_nghi: Giám đốc Sở Nội vụ\n      thi_hanh:\n        - Chánh Văn phòng Ủy ban nhân dân tỉnh\n        - Giám đốc Sở Nội vụ\n        - các tập thể có tên tại Điều 1\n",
        )
        .replace(
            "    ngay: 2025-09-08\n    so: 4\n",
            "    ngay: 2025-09-08\n    so: 4\n    thi_hanh:\n      - Văn phòng Ban Chỉ đạo\n",
        );
    // Only collectives are rewarded: the people lose their proposals (each a
    // `khen_thuong:` key and the lines indented under it).
    let first_person = yaml.find("- loai: ca_nhan").unwrap();
    let (collectives, people) = yaml.split_at(first_person);
    let mut kept = String::new();
    let mut inside = false;
    for l in people.lines() {
        inside = l.starts_with("  khen_thuong:") || (inside && l.starts_with("    "));
        if !inside {
            kept.push_str(l);
            kept.push('\n');
        }
    }
    assert!(!kept.contains("khen_thuong") && kept.contains("danh_hieu"));
    std::fs::write(&file, format!("{collectives}{kept}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let outcome = build(dataset.path(), out.path(), 2);
    let warned = outcome
        .report
        .diagnostics
        .iter()
        .find(|d| d.field.as_deref() == Some("khen_thuong[0].can_cu"))
        .unwrap_or_else(|| panic!("no can_cu warning:\n{}", outcome.report.render()));
    assert!(
        warned.message.contains("`ubnd-tinh` chưa ghi căn cứ"),
        "{}",
        warned.message
    );
    assert_eq!(warned.location.as_ref().unwrap().line, Some(36));
    let decision = squash(&pdf_text(
        &out.path().join("2025/quyet-dinh-khen-thuong/ubnd-tinh.pdf"),
    ));
    for expected in [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Theo đề nghị của Giám đốc Sở Nội vụ.",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        "- Như Điều 3;",
    ] {
        assert!(
            decision.contains(expected),
            "{expected:?} not in:\n{decision}"
        );
    }
    let recognition = squash(&pdf_text(&out.path().join("2025/quyet-dinh-cong-nhan.pdf")));
    assert!(
        recognition.contains("Văn phòng Ban Chỉ đạo chịu trách nhiệm thi hành Quyết định này./."),
        "{recognition}"
    );
    assert!(!decision.contains("0 cá nhân"), "{decision}");
    assert!(
        decision.contains("Tặng Bằng khen cho 2 tập thể có tên"),
        "{decision}"
    );
    assert!(
        decision.contains("DANH SÁCH tập thể được tặng"),
        "{decision}"
    );
}

/// No letter ends with a page of signatures alone (the approval and signing blocks moved
/// over while the page before had room): the last page carries the end of the text.
#[test]
fn signatures_never_stand_alone_on_the_last_page() {
    let mut checked = 0;
    for dir in ["dang-ky", "bao-cao"] {
        let folder = data().join("2025").join(dir);
        for file in files(&folder).into_iter().map(|f| folder.join(f)) {
            let pages = crate::common::page_count(&file);
            let last = crate::common::page_text(&file, pages);
            // The foot begins at the first block heading; the page number stands first.
            let foot = ["PHÊ DUYỆT", "XÁC NHẬN", "NGƯỜI ĐĂNG KÝ", "NGƯỜI BÁO CÁO"]
                .iter()
                .filter_map(|h| last.find(h))
                .min()
                .unwrap_or_else(|| {
                    panic!("{}: no signature block on its last page", file.display())
                });
            let above = last[..foot]
                .trim()
                .trim_start_matches(&pages.to_string())
                .trim();
            assert!(
                above.split_whitespace().count() >= 5,
                "{}: page {pages} holds the signatures alone: {last:?}",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} letters");
}

/// A cấp ủy approves as a collective: its block says `T/M ĐẢNG ỦY` above the chức vụ; a
/// letter not yet approved still carries the block, blank, for the committee to sign.
#[test]
fn approval_blocks_sign_on_behalf_of_the_committee_and_wait_when_unsigned() {
    let approved = pdf_text(&data().join("2025/dang-ky/nguyen-thi-anh.pdf"));
    assert!(
        approved.contains(
            "ĐẢNG ỦY XÃ CẦN GIUỘC Ngày 14 tháng 02 năm 2025 T/M ĐẢNG ỦY PHÓ BÍ THƯ THƯỜNG TRỰC"
        ),
        "{approved}"
    );
    let waiting = pdf_text(&data().join("2025/dang-ky/tang-van-loc.pdf"));
    assert!(
        waiting.contains("PHÊ DUYỆT CỦA CẤP ỦY ĐẢNG ỦY XÃ CẦN GIUỘC T/M ĐẢNG ỦY"),
        "{waiting}"
    );
    assert!(!waiting.contains("Ngày 14 tháng"), "{waiting}");
}

/// Decision and certificate give the same achievement, from one sentence: Điều 1 says what
/// each certificate without a reason of its own says.
#[test]
fn decision_and_certificate_name_the_same_achievement() {
    let decision = text(data(), "quyet-dinh-khen-thuong/ubnd-xa.pdf");
    let cert = text(data(), "giay-khen/ubnd-xa/nguyen-van-ut.pdf");
    let said = "đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2025";
    assert!(
        decision.contains(&format!("có tên trong danh sách kèm theo, {said}.")),
        "{decision}"
    );
    assert!(
        cert.contains("Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2025"),
        "{cert}"
    );
}

/// The docs fixture with the names issue 12 found breaking: a Party body known by a short
/// `ten` and a full `ten_day_du`, and a State body with a fixed phrase and a place whose
/// unit word is two words, both too long for their header column.
fn variant() -> &'static Path {
    static OUT: OnceLock<(TempDir, TempDir)> = OnceLock::new();
    OUT.get_or_init(|| {
        let dataset = tempfile::tempdir().unwrap();
        copy_dir(&fixture("docs"), dataset.path());
        let file = dataset.path().join("du-lieu.yaml");
        let yaml = std::fs::read_to_string(&file)
            .unwrap()
            .replace(
                "  co_quan_cap_tren: ĐẢNG ỦY XÃ PHƯỚC VĨNH ĐÔNG\n  ten: BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ\n",
                "  co_quan_cap_tren: HUYỆN ỦY ĐỨC HÒA\n  ten: BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ VÀ BẢO ĐẢM TRẬT TỰ ẤP LONG THẠNH\n  ten_day_du: Ban Chỉ đạo thực hiện Quy chế dân chủ và bảo đảm trật tự ấp Long Thạnh\n",
            )
            .replace(
                "  ten: ỦY BAN NHÂN DÂN TỈNH TÂY NINH\n",
                "  ten: BAN QUẢN TRỊ HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ THỊ TRẤN HIỆP HÒA\n",
            );
        std::fs::write(&file, yaml).unwrap();
        let out = tempfile::tempdir().unwrap();
        let outcome = build(dataset.path(), out.path(), 2);
        assert!(!outcome.report.has_errors(), "{}", outcome.report.render());
        (dataset, out)
    })
    .1
    .path()
}

/// Item 8: every "Kèm theo" line says whose paper the list is attached to, also where the
/// data gives no `ten_day_du` (the name is then `ten` in sentence case, places capitalised).
#[test]
fn every_attached_list_names_its_issuer_even_without_a_full_name() {
    let decision = text(minimal(), "quyet-dinh-cong-nhan.pdf");
    assert_has(
        &decision,
        &[
            "(Kèm theo Quyết định số 04-QĐ/BCĐ ngày 08 tháng 9 năm 2025 của Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở)",
        ],
    );
    let reward = text(minimal(), "quyet-dinh-khen-thuong/ubnd-tinh.pdf");
    assert_has(
        &reward,
        &[
            "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh)",
            // No tờ trình: the reward decision still says who proposed, the recognising body.
            "Theo đề nghị của Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở.",
        ],
    );
    for (out, rel) in [
        (data(), "to-trinh-cong-nhan.pdf"),
        (data(), "quyet-dinh-cong-nhan.pdf"),
        (data(), "quyet-dinh-khen-thuong/ubnd-xa.pdf"),
        (data(), "quyet-dinh-khen-thuong/dang-uy-xa.pdf"),
        (minimal(), "quyet-dinh-cong-nhan.pdf"),
        (minimal(), "quyet-dinh-khen-thuong/ubnd-tinh.pdf"),
    ] {
        let t = text(out, rel);
        let at = t
            .find("(Kèm theo")
            .unwrap_or_else(|| panic!("{rel}: no Kèm theo:\n{t}"));
        let line = &t[at..at + t[at..].find(')').unwrap()];
        assert!(line.contains(" của "), "{rel}: {line}");
    }
}

/// Item 10: the head's title names the body in full: the Party decision's authority line
/// and the certificate's red line say which steering committee, not only "BAN CHỈ ĐẠO …".
#[test]
fn the_issuers_title_names_the_body_in_full() {
    let decision = text(variant(), "quyet-dinh-cong-nhan.pdf");
    assert_has(
        &decision,
        &[
            "TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ VÀ BẢO ĐẢM TRẬT TỰ ẤP LONG THẠNH QUYẾT ĐỊNH",
        ],
    );
    // Without `ten_day_du` the title is the header's `ten`, and the caption derives it.
    let reward = text(variant(), "quyet-dinh-khen-thuong/ubnd-tinh.pdf");
    assert_has(
        &reward,
        &[
            "CHỦ TỊCH BAN QUẢN TRỊ HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ THỊ TRẤN HIỆP HÒA",
            "của Chủ tịch Ban Quản trị hợp tác xã nông nghiệp dịch vụ thị trấn Hiệp Hòa)",
        ],
    );
}

/// The header lines of page 1 of `path`, as pdftotext reads them, up to the type name.
fn header_lines(path: &Path) -> String {
    let raw =
        crate::common::pdftotext(path, &["-raw", "-f", "1", "-l", "1"]).replace('\u{a0}', " ");
    let end = raw.find("QUYẾT ĐỊNH\n").unwrap_or(raw.len());
    raw[..end].to_owned()
}

/// Item 9: a header name too long for its column breaks between words that may part:
/// never inside a fixed phrase ("QUY CHẾ", "TRẬT TỰ", "HỢP TÁC XÃ", "THỊ TRẤN") or a place
/// ("ẤP LONG THẠNH"), and the break before a unit word never fires inside "HỢP TÁC XÃ".
#[test]
fn header_names_never_break_inside_a_fixed_phrase_or_a_place() {
    let phrases = [
        "QUY CHẾ",
        "DÂN CHỦ",
        "TRẬT TỰ",
        "ẤP LONG THẠNH",
        "HỢP TÁC XÃ",
        "THỊ TRẤN HIỆP HÒA",
    ];
    let mut wrapped = 0;
    for rel in [
        "quyet-dinh-cong-nhan.pdf",
        "quyet-dinh-khen-thuong/ubnd-tinh.pdf",
    ] {
        let header = header_lines(&variant().join("2025").join(rel));
        for p in phrases.iter().filter(|p| squash(&header).contains(*p)) {
            let words: Vec<&str> = p.split(' ').collect();
            for i in 1..words.len() {
                let split = format!("{}\n{}", words[..i].join(" "), words[i..].join(" "));
                assert!(!header.contains(&split), "{rel}: {p:?} is split:\n{header}");
            }
            assert!(
                header.contains(p),
                "{rel}: {p:?} not on one line:\n{header}"
            );
        }
        // Both names are too long for one line: the check above saw real breaks.
        wrapped += header.lines().filter(|l| l.starts_with("BAN ")).count();
    }
    assert_eq!(wrapped, 2);
    // A unit word ends the first line and the place stands whole on the next.
    let state = header_lines(&variant().join("2025/quyet-dinh-khen-thuong/ubnd-tinh.pdf"));
    assert!(state.contains("\nTHỊ TRẤN HIỆP HÒA\n"), "{state}");
    // The authority line, as long, breaks between the same words; a long place-date line
    // breaks after the place, the date whole.
    for (rel, whole) in [
        ("quyet-dinh-khen-thuong/ubnd-tinh.pdf", "THỊ TRẤN HIỆP HÒA"),
        (
            "quyet-dinh-cong-nhan.pdf",
            "BẢO ĐẢM TRẬT TỰ ẤP LONG THẠNH QUYẾT ĐỊNH",
        ),
        ("quyet-dinh-cong-nhan.pdf", "\nngày 08 tháng 9 năm 2025\n"),
    ] {
        let page =
            crate::common::pdftotext(&variant().join("2025").join(rel), &["-raw", "-l", "1"])
                .replace('\u{a0}', " ");
        assert!(page.contains(whole), "{rel}: {whole:?} is split:\n{page}");
    }
}

/// Item 9: vanban's running text never parts a number from the word it counts ("Điều /
/// 1", "năm / 2024"): no line of a decision, tờ trình or summary of data/ ends with such a
/// word before a number.
#[test]
fn running_text_never_parts_a_number_from_its_word() {
    let mut lines = 0;
    for dir in ["", "quyet-dinh-khen-thuong"] {
        let folder = data().join("2025").join(dir);
        for file in files(&folder)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        {
            let raw = crate::common::pdftotext(&folder.join(&file), &["-raw"]);
            let raw: Vec<&str> = raw.lines().collect();
            for pair in raw.windows(2) {
                let (a, b) = (pair[0].trim_end(), pair[1].trim_start());
                let last = a.rsplit([' ', '\u{a0}']).next().unwrap_or("");
                let bound = ["Điều", "năm", "tháng", "ngày", "số", "Khoản"].contains(&last);
                assert!(
                    !(bound && b.starts_with(|c: char| c.is_ascii_digit())),
                    "{}: {a:?} / {b:?}",
                    file.display()
                );
                lines += 1;
            }
        }
    }
    assert!(lines > 200, "only {lines} lines read");
}

/// Items 2 and 14: the summary and the tờ trình count without "0 tập thể"; figures the
/// page cannot explain carry a footnote; a tờ trình's Nơi nhận does not send the paper
/// again to its addressee after "Như trên".
#[test]
fn counts_say_no_zero_and_footnotes_explain_the_odd_figures() {
    let summary = text(data(), "bao-cao-tong-hop.pdf");
    let submission = text(data(), "to-trinh-cong-nhan.pdf");
    for t in [&summary, &submission] {
        assert!(
            !t.contains(" 0 tập thể") && !t.contains(" 0 cá nhân"),
            "{t}"
        );
    }
    assert_has(
        &summary,
        &[
            "Trong năm 2025, có 10 tập thể và 16 cá nhân đăng ký thi đua",
            // Reported 17 against 16 registered: the sudden achievement says why.
            "lập thành tích đột xuất, không phải đăng ký thi đua đầu năm",
            // Armed forces: 2 registered, none recognised.
            "Lực lượng vũ trang do ngành xét chọn theo quy định riêng (2 cá nhân), không xét công nhận trong đợt này.",
        ],
    );
    assert_has(
        &submission,
        &["- Như trên, - Thường trực Đảng ủy xã (b/c), - Lưu VP."],
    );
    let after = &submission[submission.find("Nơi nhận").unwrap()..];
    let after = &after[..after.find("DANH SÁCH").unwrap()];
    assert!(
        !after.contains("Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Cần Giuộc"),
        "the addressee is sent the paper twice:\n{after}"
    );
}

/// Item 15: a registration letter ends its text with "./."; a person's report shows the
/// emulation titles the criteria rest on.
#[test]
fn letters_end_with_the_mark_and_reports_show_the_titles_held() {
    let letter = text(data(), "dang-ky/nguyen-thi-anh.pdf");
    assert_has(
        &letter,
        &["Tôi cam kết thực hiện đạt các nội dung đã đăng ký thi đua “Dân vận khéo” năm 2025./."],
    );
    let unit = text(data(), "dang-ky/chi-hoi-pn-ap-long-thanh.pdf");
    assert_has(
        &unit,
        &["Tập thể cam kết thực hiện đạt các nội dung đã đăng ký"],
    );
    let report = text(data(), "bao-cao/nguyen-thi-anh.pdf");
    assert_has(
        &report,
        &["Danh hiệu thi đua đã đạt: Chiến sĩ thi đua cơ sở năm 2025"],
    );
}

/// Item 12: people with `mo_hinh` fill the Mô hình column of the recognition list.
#[test]
fn a_persons_model_fills_the_model_column() {
    let list = squash(attachment(&text(data(), "quyet-dinh-cong-nhan.pdf")));
    assert!(
        list.contains("Công ty TNHH May mặc Phước Đông Mô hình \"Gần dân, hiểu dân, giúp dân\""),
        "{list}"
    );
}

/// Item 16: a PDF has a Title; an attached list's pages are numbered apart from the
/// decision's (its first page unnumbered); a table's total row and figures stand right.
#[test]
fn titles_appendix_pages_and_tables_are_finished() {
    let path = data().join("2025/quyet-dinh-cong-nhan.pdf");
    let info = crate::common::pdfinfo(&path).replace('\u{a0}', " ");
    assert!(
        info.contains(
            "Title:           Quyết định: Về việc công nhận điển hình “Dân vận khéo” năm 2025"
        ),
        "{info}"
    );
    let pages = crate::common::page_count(&path);
    let first = (1..=pages)
        .find(|p| crate::common::page_text(&path, *p).contains("DANH SÁCH"))
        .unwrap();
    assert!(first > 1, "the list follows the decision");
    let page = crate::common::page_text(&path, first);
    assert!(
        page.starts_with("DANH SÁCH"),
        "page {first} carries a number: {page}"
    );
    if first < pages {
        let next = crate::common::page_text(&path, first + 1);
        assert!(
            next.starts_with("2 "),
            "the list's second page is its page 2: {next}"
        );
    }
    // Figures right-aligned: 16 and 5 of the Đăng ký column end at the same x.
    let (_, _, list) = words(&data().join("2025/bao-cao-tong-hop.pdf"));
    let figure_after = |first_word: &str, second_word: &str| {
        let at = list
            .windows(2)
            .rposition(|w| w[0].text == first_word && w[1].text == second_word)
            .unwrap();
        list[at..]
            .iter()
            .find(|w| w.text.chars().all(|c| c.is_ascii_digit()) && w.x0 > list[at].x0 + 40.0)
            .unwrap()
    };
    let total = figure_after("Tổng", "cộng");
    let row = figure_after("Cán", "bộ,");
    assert_eq!((total.text.as_str(), row.text.as_str()), ("16", "5"));
    assert!((total.x1 - row.x1).abs() < 0.5, "{total:?} vs {row:?}");
}

/// A header name the layout would break elsewhere breaks where the data breaks it: a line
/// break in `ten` (a `|` block in YAML) is a line break in the header, and a space in
/// every sentence that names the body.
#[test]
fn a_line_break_in_a_body_name_breaks_its_header_there() {
    let dataset = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), dataset.path());
    let bodies = std::fs::read_to_string(dataset.path().join("co-quan.yaml")).unwrap();
    let broken = bodies.replace(
        "  ten: BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ\n",
        "  ten: |\n    BAN CHỈ ĐẠO\n    THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ\n",
    );
    assert_ne!(
        broken, bodies,
        "data/co-quan.yaml names the BCĐ as the test expects"
    );
    std::fs::write(dataset.path().join("co-quan.yaml"), broken).unwrap();
    let out = tempfile::tempdir().unwrap();
    let built = build(dataset.path(), out.path(), 2);
    assert!(!built.report.has_errors(), "{}", built.report.render());
    let path = out.path().join("2025/quyet-dinh-cong-nhan.pdf");
    // Lines as laid out: "BAN CHỈ ĐẠO" alone, where the layout would have gone on.
    let raw = crate::common::pdftotext(&path, &["-raw"]);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == "BAN CHỈ ĐẠO")
        .unwrap_or_else(|| panic!("the header breaks after BAN CHỈ ĐẠO:\n{raw}"));
    assert!(lines[at + 1].starts_with("THỰC HIỆN QUY CHẾ"), "{raw}");
    // Where a sentence names the body, the break is a space.
    let text = pdf_text(&path);
    assert!(
        text.contains("TRƯỞNG BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ XÃ CẦN GIUỘC"),
        "{text}"
    );
}

/// A list's section line ("II. CÁ NHÂN") never stands alone at the foot of a page: it goes
/// over with its first row. data/'s recognition list fills page 2 to just above it.
#[test]
fn a_list_section_line_goes_over_with_its_first_row() {
    let pdf = data().join("2025/quyet-dinh-cong-nhan.pdf");
    let pages = crate::common::page_count(&pdf);
    let on: Vec<(usize, String)> = (1..=pages)
        .map(|k| (k, crate::common::page_text(&pdf, k)))
        .filter(|(_, text)| text.contains("II. CÁ NHÂN"))
        .collect();
    assert_eq!(on.len(), 1, "{on:?}");
    let (k, text) = &on[0];
    let after = &text[text.find("II. CÁ NHÂN").unwrap()..];
    assert!(after.contains("Nguyễn Thị Ánh"), "page {k}: {text}");
}
