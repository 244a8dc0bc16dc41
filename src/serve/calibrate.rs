//! The calibration sheet for pre-printed blanks: a giấy khen-sized page (A4 landscape)
//! with millimetre rulers along two edges and crosshairs at known points, so a user
//! measures once how far the printer shifts the text instead of wasting blanks to find
//! `lech_mm`.

use std::fmt::Write as _;

use typst_layout::PagedDocument;

use crate::compile;
use crate::model::Date;
use crate::world::Engine;

/// The crosshairs, in millimetres from the sheet's top-left corner: near each corner,
/// where the names and the signature sit, and the centre.
pub const MARKS: [(u32, u32); 5] = [(20, 20), (277, 20), (148, 105), (20, 190), (277, 190)];

/// The Typst source of the sheet, in `family`. Nothing of the dataset reaches it but the
/// font's name, written as a Typst string.
fn source(family: &str) -> String {
    let mut s = format!(
        "#set page(paper: \"a4\", flipped: true, margin: 0mm)\n\
         #set text(font: {}, size: 7pt, lang: \"vi\")\n",
        typst_string(family)
    );
    s.push_str(
        r#"#let thuoc-ngang = for i in range(0, 298) {
  let dai = if calc.rem(i, 10) == 0 { 7mm } else if calc.rem(i, 5) == 0 { 4.5mm } else { 2.5mm }
  place(top + left, dx: i * 1mm, line(angle: 90deg, length: dai, stroke: 0.15mm))
  if calc.rem(i, 10) == 0 and i > 0 and i < 297 {
    place(top + left, dx: i * 1mm - 5mm, dy: 7.5mm, box(width: 10mm, align(center)[#i]))
  }
}
#let thuoc-doc = for i in range(0, 211) {
  let dai = if calc.rem(i, 10) == 0 { 7mm } else if calc.rem(i, 5) == 0 { 4.5mm } else { 2.5mm }
  place(top + left, dy: i * 1mm, line(length: dai, stroke: 0.15mm))
  if calc.rem(i, 10) == 0 and i > 0 and i < 210 {
    place(top + left, dx: 8mm, dy: i * 1mm - 1.3mm)[#i]
  }
}
#let chu-thap(x, y) = {
  place(top + left, dx: x - 8mm, dy: y, line(length: 16mm, stroke: 0.2mm))
  place(top + left, dx: x, dy: y - 8mm, line(angle: 90deg, length: 16mm, stroke: 0.2mm))
  place(top + left, dx: x - 3mm, dy: y - 3mm, circle(radius: 3mm, stroke: 0.2mm))
  // Labels of the right-hand marks go to their left, inside the sheet.
  let nhan = text(8pt)[x = #(x / 1mm) mm, y = #(y / 1mm) mm]
  if x > 200mm {
    place(top + left, dx: x - 42mm, dy: y + 2mm, box(width: 40mm, align(right, nhan)))
  } else {
    place(top + left, dx: x + 2mm, dy: y + 2mm, nhan)
  }
}
#thuoc-ngang
#thuoc-doc
"#,
    );
    for (x, y) in MARKS {
        let _ = writeln!(s, "#chu-thap({x}mm, {y}mm)");
    }
    s.push_str(
        r#"#place(top + left, dx: 40mm, dy: 45mm, block(width: 217mm, text(11pt)[
  *Trang canh lề giấy khen in trên phôi in sẵn* (khổ A4 nằm ngang, 297 × 210 mm)

  + In trang này trên giấy thường, ở tỉ lệ *100 %* — trong hộp thoại in chọn “Kích thước thật” (Actual size), không chọn “Vừa trang” (Fit to page).
  + Kiểm tra thước: khoảng cách giữa hai vạch 10 và 110 phải đúng 100 mm. Máy in thường không in sát mép: phần thước sát mép bị mất là bình thường.
  + Đo từ mép trái tờ giấy đến tâm dấu thập ở góc trên bên trái (số x), và từ mép trên (số y). Máy in đúng thì được x = 20 mm, y = 20 mm.
  + Ghi độ lệch vào tệp đợt thi đua, mục *giay\_khen*: *lech\_mm: {x: 20 − x đo được, y: 20 − y đo được}*. Ví dụ đo được x = 22, y = 19 thì ghi *lech\_mm: {x: -2, y: 1}*.
  + Tạo lại giấy khen, in thử một tờ trên phôi rồi mới in cả lô.
]))
"#,
    );
    s
}

/// A string as a Typst string literal.
fn typst_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The sheet laid out with `engine`'s fonts.
pub fn layout(engine: &Engine) -> Result<PagedDocument, String> {
    let world = engine.world(source(engine.fonts.family()), date());
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
}

/// The sheet as PDF.
pub fn pdf(engine: &Engine) -> Result<Vec<u8>, String> {
    let doc = layout(engine)?;
    compile::pdf(&doc, "vanban/hieu-chinh", date()).map_err(|d| {
        d.iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The sheet as PNG, for the page.
pub fn png(engine: &Engine) -> Result<Vec<u8>, String> {
    let doc = layout(engine)?;
    let page = doc
        .pages()
        .first()
        .ok_or("trang canh lề không có trang nào")?;
    typst_render::render(page, &typst_render::RenderOptions::default())
        .encode_png()
        .map_err(|e| e.to_string())
}

/// A fixed date: the sheet is the same bytes on every run.
fn date() -> Date {
    crate::mau::date()
}
