//! `vanban xem`: the page's previews written as files, for a user without a browser at
//! hand or a script: every page of every document (or of one record's) as PNG under
//! `out/<nam>/xem/`, and per certificate folder a contact sheet of all its certificates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::doc_kind::DocKind;
use crate::fonts::FontPolicy;
use crate::write;

use super::state;

/// Thumbnails per row of a contact sheet.
const COLUMNS: u32 = 4;
/// Pixels per point of a thumbnail: an A4 landscape certificate is 337 × 238 pixels.
const THUMB_SCALE: f64 = 0.4;
/// White space around and between thumbnails, in pixels.
const GAP: u32 = 12;

/// What `vanban xem` wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// The PNG files, under the output folder.
    pub files: Vec<PathBuf>,
    /// Documents that could not be laid out, with why.
    pub failed: Vec<(PathBuf, String)>,
}

/// Writes the previews of the dataset's documents, or only record `ma`'s, under
/// `out/<nam>/xem/`, as the page shows them.
pub fn write_previews(
    dataset: &Path,
    out: &Path,
    ma: Option<&str>,
    fonts: FontPolicy,
) -> anyhow::Result<Written> {
    let snap = state::snapshot(dataset, out, fonts)?;
    let Some(maker) = &snap.maker else {
        anyhow::bail!(
            "không nạp được mẫu văn bản của bộ dữ liệu: {}",
            snap.report.render()
        );
    };
    let docs: Vec<&state::Doc> = snap
        .docs
        .iter()
        .filter(|d| ma.is_none_or(|m| d.ma().as_deref() == Some(m)))
        .collect();
    if let (Some(m), true) = (ma, docs.is_empty()) {
        anyhow::bail!(
            "không có văn bản nào của mã `{m}` — kiểm tra lại mã (khóa `ma` trong tệp dữ liệu), hoặc chạy `vanban check` xem bản ghi có đủ tiêu chuẩn không"
        );
    }
    let mut written = Written::default();
    let mut sheets: BTreeMap<PathBuf, Vec<tiny_skia::Pixmap>> = BTreeMap::new();
    for doc in docs {
        let pages = match maker.pages(&doc.job) {
            Ok(p) => p,
            Err(e) => {
                written.failed.push((doc.path.clone(), e));
                continue;
            }
        };
        let n = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let png = typst_render::render(page, &typst_render::RenderOptions::default())
                .encode_png()
                .context("không tạo được ảnh PNG")?;
            let rel = xem_path(&doc.path, if n > 1 { Some(i + 1) } else { None });
            write::atomic(&out.join(&rel), &png)?;
            written.files.push(rel);
        }
        if doc.kind == DocKind::GiayKhen
            && let Some(first) = pages.first()
        {
            let thumb = typst_render::render(
                first,
                &typst_render::RenderOptions {
                    pixel_per_pt: THUMB_SCALE.into(),
                    ..Default::default()
                },
            );
            let folder = xem_path(&doc.path, None)
                .with_file_name(format!("{}.png", crate::doc_kind::PRINT_FILE));
            sheets.entry(folder).or_default().push(thumb);
        }
    }
    for (rel, thumbs) in sheets {
        let png = contact_sheet(&thumbs)
            .encode_png()
            .context("không tạo được ảnh PNG")?;
        write::atomic(&out.join(&rel), &png)?;
        written.files.push(rel);
    }
    Ok(written)
}

/// `2025/giay-khen/ubnd-xa/ma.pdf` → `2025/xem/giay-khen/ubnd-xa/ma.png` (`ma-2.png` for
/// its second page).
fn xem_path(doc: &Path, page: Option<usize>) -> PathBuf {
    let mut parts = doc.components();
    let year = parts
        .next()
        .map(|c| c.as_os_str().to_owned())
        .unwrap_or_default();
    let rest: PathBuf = parts.collect();
    let stem = rest
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match page {
        Some(p) => format!("{stem}-{p}.png"),
        None => format!("{stem}.png"),
    };
    PathBuf::from(year)
        .join("xem")
        .join(rest.with_file_name(name))
}

/// The thumbnails in rows of [`COLUMNS`] on white, in plan order (the print file's).
fn contact_sheet(thumbs: &[tiny_skia::Pixmap]) -> tiny_skia::Pixmap {
    let w = thumbs.iter().map(|t| t.width()).max().unwrap_or(1);
    let h = thumbs.iter().map(|t| t.height()).max().unwrap_or(1);
    let cols = COLUMNS.min(thumbs.len().max(1) as u32);
    let rows = (thumbs.len() as u32).div_ceil(cols).max(1);
    let mut sheet = tiny_skia::Pixmap::new(GAP + cols * (w + GAP), GAP + rows * (h + GAP))
        .expect("a contact sheet has a size");
    sheet.fill(tiny_skia::Color::from_rgba8(235, 235, 235, 255));
    for (i, t) in thumbs.iter().enumerate() {
        let (c, r) = (i as u32 % cols, i as u32 / cols);
        sheet.draw_pixmap(
            (GAP + c * (w + GAP)) as i32,
            (GAP + r * (h + GAP)) as i32,
            t.as_ref(),
            &tiny_skia::PixmapPaint::default(),
            tiny_skia::Transform::identity(),
            None,
        );
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_sit_under_xem_beside_the_documents() {
        assert_eq!(
            xem_path(Path::new("2025/giay-khen/ubnd-xa/a.pdf"), None),
            PathBuf::from("2025/xem/giay-khen/ubnd-xa/a.png")
        );
        assert_eq!(
            xem_path(Path::new("2025/quyet-dinh-cong-nhan.pdf"), Some(2)),
            PathBuf::from("2025/xem/quyet-dinh-cong-nhan-2.png")
        );
    }
}
