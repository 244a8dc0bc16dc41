//! `vanban mau-excel`: the template workbook staff fill in, one sheet per kind, with
//! drop-down lists for the coded columns.
//!
//! The lists live on a hidden sheet: Excel's inline lists split on commas, and labels such
//! as `Cán bộ, công chức` hold one. The reader skips hidden sheets.

use std::path::Path;

use anyhow::Context;
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Formula, Worksheet};

use super::labels::{self, Kind, Ty};
use super::style::{body_format, head_format};

/// A cell of an example row.
enum Ex {
    T(&'static str),
    N(f64),
    D(u16, u8, u8),
}
use Ex::{D, N, T};

const LISTS: &str = "Danh mục";

/// The example row of each kind: a record that loads, and is eligible, in the dataset of
/// `vanban init`.
fn example(kind: Kind) -> Vec<(&'static str, Ex)> {
    let mut row = match kind {
        Kind::Person => vec![
            ("STT", N(1.0)),
            ("ho_ten", T("Trần Văn Bình")),
            ("gioi_tinh", T("Nam")),
            ("nam_sinh", N(1980.0)),
            ("chuc_vu", T("Công chức Văn hóa - Xã hội")),
            ("don_vi", T("UBND xã Phước Lại")),
            ("doi_tuong", T("Cán bộ, công chức")),
            ("danh_hieu", T("Chiến sĩ thi đua cơ sở")),
            ("mo_hinh", T("Mô hình \"Tủ sách pháp luật ở ấp\"")),
            ("cap_uy", T("Đảng ủy xã Phước Lại")),
        ],
        Kind::Collective => vec![
            ("STT", N(1.0)),
            ("ten", T("Chi hội Nông dân ấp 2, xã Phước Lại")),
            ("dia_chi", T("Ấp 2, xã Phước Lại")),
            ("linh_vuc", T("Kinh tế")),
            ("mo_hinh", T("Mô hình \"Tổ hợp tác trồng rau an toàn\"")),
            ("cap_uy", T("Chi bộ ấp 2")),
        ],
    };
    row.extend([
        ("khen_thuong.co_quan", T("ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI")),
        ("dang_ky.ngay", D(2025, 3, 5)),
        (
            "dang_ky.noi_dung",
            T("Vận động người dân cùng làm, cùng hưởng lợi từ mô hình."),
        ),
        (
            "dang_ky.muc_tieu",
            T("Mỗi quý một buổi sinh hoạt\nThu hút 50 hộ tham gia"),
        ),
        (
            "dang_ky.giai_phap",
            T("Đến từng hộ vận động\nPhối hợp với các chi hội"),
        ),
        (
            "dang_ky.tien_do",
            T("Quý I/2025: Khảo sát, vận động\nQuý II-IV/2025: Triển khai, sơ kết"),
        ),
        ("dang_ky.phe_duyet.cap_uy", T("Đảng ủy xã Phước Lại")),
        ("dang_ky.phe_duyet.chuc_vu", T("Bí thư")),
        ("dang_ky.phe_duyet.ho_ten", T("Phạm Văn Hùng")),
        ("dang_ky.phe_duyet.ngay", D(2025, 3, 10)),
        ("bao_cao.ngay", D(2025, 11, 20)),
        ("bao_cao.dac_diem", T("Địa bàn có nhiều hộ khó khăn.")),
        ("bao_cao.ket_qua", T("Đạt và vượt các chỉ tiêu đã đăng ký.")),
        (
            "bao_cao.so_lieu",
            T("Số hộ tham gia: 56\nSố buổi sinh hoạt: 4"),
        ),
        (
            "bao_cao.cach_lam",
            T("Đi từng nhà, lắng nghe ý kiến người dân."),
        ),
        ("bao_cao.kinh_nghiem", T("Nói đi đôi với làm.")),
        ("bao_cao.tac_dung", T("Người dân tin tưởng, đồng thuận.")),
        ("bao_cao.lan_toa", T("Các ấp khác học tập, nhân rộng.")),
        ("bao_cao.xac_nhan.cap", T("Cấp ủy")),
        ("bao_cao.xac_nhan.co_quan", T("ĐẢNG ỦY XÃ PHƯỚC LẠI")),
        ("bao_cao.xac_nhan.chuc_vu", T("Bí thư")),
        ("bao_cao.xac_nhan.ho_ten", T("Phạm Văn Hùng")),
        ("bao_cao.xac_nhan.ngay", D(2025, 11, 25)),
    ]);
    row
}

fn sheet_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Cá nhân",
        Kind::Collective => "Tập thể",
    }
}

/// The template workbook; `with_example` adds one filled row per sheet.
pub fn workbook(with_example: bool) -> anyhow::Result<Vec<u8>> {
    let mut wb = super::style::workbook()?;
    for kind in [Kind::Person, Kind::Collective] {
        let ws = wb.add_worksheet();
        fill(ws, kind, with_example).context("không tạo được trang tính mẫu")?;
    }
    let lists = wb.add_worksheet();
    lists.set_name(LISTS)?;
    for (col, (title, table)) in coded_lists().iter().enumerate() {
        lists.write_string(0, col as u16, *title)?;
        for (row, (_, label)) in table.iter().enumerate() {
            lists.write_string(row as u32 + 1, col as u16, *label)?;
        }
    }
    lists.set_hidden(true);
    Ok(wb.save_to_buffer()?)
}

/// Writes the template to `path` atomically.
pub fn write(path: &Path, with_example: bool) -> anyhow::Result<()> {
    crate::write::atomic(path, &workbook(with_example)?)
}

type Table = &'static [(&'static str, &'static str)];

fn coded_lists() -> [(&'static str, Table); 5] {
    [
        ("Giới tính", labels::SEX),
        ("Đối tượng", labels::PERSON_KIND),
        ("Danh hiệu", labels::TITLE),
        ("Lĩnh vực", labels::FIELD),
        ("Xác nhận", labels::CONFIRMER),
    ]
}

/// The drop-down of a coded column: the column of the hidden list sheet holding its labels.
fn drop_down(kind: Kind, key: &str) -> Option<(char, usize)> {
    let table: Table = match kind.key_type(key)? {
        Ty::Title => labels::TITLE,
        Ty::Code(t) => t,
        _ => return None,
    };
    let col = coded_lists()
        .iter()
        .position(|(_, t)| t[0].0 == table[0].0)?;
    Some((char::from(b'A' + col as u8), table.len()))
}

fn fill(ws: &mut Worksheet, kind: Kind, with_example: bool) -> anyhow::Result<()> {
    ws.set_name(sheet_name(kind))?;
    let (head, body) = (head_format(), body_format());
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let example = example(kind);
    for (c, (label, key)) in kind.template_columns().into_iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, label, &head)?;
        let cell = example
            .iter()
            .find(|(k, _)| Some(*k) == key || *k == label)
            .map(|(_, v)| v);
        let mut width = label.chars().count();
        if let (true, Some(v)) = (with_example, cell) {
            match v {
                T(s) => {
                    ws.write_string_with_format(1, c, *s, &body)?;
                    width = width.max(s.lines().map(|l| l.chars().count()).max().unwrap_or(0));
                }
                N(n) => {
                    ws.write_number(1, c, *n)?;
                }
                D(y, m, d) => {
                    ws.write_datetime_with_format(
                        1,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d)?,
                        &date,
                    )?;
                    width = width.max(10);
                }
            }
        }
        ws.set_column_width(c, (width.min(40) + 2) as f64)?;
        if let Some((list, len)) = key.and_then(|k| drop_down(kind, k)) {
            let formula = format!("='{LISTS}'!${list}$2:${list}${}", len + 1);
            let rule = DataValidation::new()
                .allow_list_formula(Formula::new(formula))
                .set_error_message("Chọn một giá trị trong danh sách thả xuống.")?;
            ws.add_data_validation(1, c, 1000, c, &rule)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
