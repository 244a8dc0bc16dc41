//! The look every workbook vanban writes shares: the template to fill (`vanban mau-excel`)
//! and the results handed back ([`crate::results`]).

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

/// The header row's cells of every workbook vanban writes: bold, wrapped, ruled, tinted.
pub fn head_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
}

/// The other cells: wrapped, so long text stays in its column.
pub fn body_format() -> Format {
    Format::new().set_text_wrap()
}

/// A workbook whose bytes depend only on its content: rust_xlsxwriter stamps the creation
/// time otherwise, and a rebuild must give identical files.
pub fn workbook() -> anyhow::Result<Workbook> {
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2025, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    Ok(wb)
}
