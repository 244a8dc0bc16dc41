//! A body's emblem (`bieu_trung`): a file inside the dataset, of an image type typst
//! reads, small enough to decode. Everything about it is decided here, before a build
//! reads a byte of it: the path the user wrote is resolved inside the dataset only (no
//! `..`, no absolute path, no link out of the folder), the type is read from the file's
//! first bytes, and the pixel size from its header, so a 20,000 × 20,000 PNG is refused
//! instead of costing gigabytes of memory.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest emblem file read, in bytes: a printed emblem needs far less.
pub const MAX_BYTES: u64 = 10 << 20;

/// The largest width or height of an emblem, in pixels: 6,000 px is 50 cm at 300 dpi.
pub const MAX_PIXELS: u32 = 6000;

/// An image format typst lays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Portable Network Graphics.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF.
    Gif,
    /// Scalable Vector Graphics.
    Svg,
}

impl Format {
    /// The file extension the format is served under in the typst world.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }
}

/// An emblem that passed every check.
#[derive(Debug, Clone)]
pub struct Emblem {
    /// The file, canonical, inside the dataset.
    pub path: PathBuf,
    /// Its image format, read from its first bytes.
    pub format: Format,
}

/// Why an emblem is refused: the message and the hint, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong, naming the path as written.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Resolves `written` (as the data has it) inside `root` and checks the file.
pub fn resolve(root: &Path, written: &str) -> Result<Emblem, Refusal> {
    let inside = "đường dẫn tính từ thư mục bộ dữ liệu, ví dụ `hinh/quoc-huy.png`; chép tệp ảnh vào trong thư mục bộ dữ liệu";
    // Staff on Windows write `hinh\quoc-huy.png`: a backslash separates folders there.
    let rel = PathBuf::from(written.trim().replace('\\', "/"));
    let looks_absolute = rel.is_absolute()
        || rel.has_root()
        || written.trim().get(1..2) == Some(":")
        || rel.components().any(|c| matches!(c, Component::Prefix(_)));
    if looks_absolute {
        return Err(refuse(
            format!("biểu trưng `{written}` nằm ngoài thư mục bộ dữ liệu (đường dẫn tuyệt đối)"),
            inside,
        ));
    }
    if rel.components().any(|c| c == Component::ParentDir) {
        return Err(refuse(
            format!("biểu trưng `{written}` trỏ ra ngoài thư mục bộ dữ liệu (có `..`)"),
            inside,
        ));
    }
    let full = root.join(&rel);
    let (Ok(canonical), Ok(root)) = (full.canonicalize(), root.canonicalize()) else {
        return Err(refuse(
            format!("không tìm thấy tệp biểu trưng `{written}`"),
            "đường dẫn tính từ thư mục bộ dữ liệu, ví dụ `hinh/quoc-huy.png`; kiểm tra tên tệp hoặc xóa dòng này",
        ));
    };
    if !canonical.starts_with(&root) {
        return Err(refuse(
            format!("biểu trưng `{written}` là lối tắt trỏ ra ngoài thư mục bộ dữ liệu"),
            inside,
        ));
    }
    let meta = std::fs::metadata(&canonical).map_err(|e| {
        refuse(
            format!("không đọc được tệp biểu trưng `{written}`: {e}"),
            "kiểm tra quyền đọc tệp",
        )
    })?;
    if !meta.is_file() {
        return Err(refuse(
            format!("biểu trưng `{written}` là một thư mục, không phải tệp ảnh"),
            "ghi đường dẫn tới tệp ảnh, ví dụ `hinh/quoc-huy.png`",
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(refuse(
            format!(
                "tệp biểu trưng `{written}` quá lớn ({} MB; tối đa {} MB)",
                meta.len() >> 20,
                MAX_BYTES >> 20
            ),
            "thu nhỏ ảnh (khoảng 1000 điểm ảnh mỗi chiều là đủ để in) rồi lưu lại",
        ));
    }
    let mut head = Vec::with_capacity(64 << 10);
    std::fs::File::open(&canonical)
        .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
        .map_err(|e| {
            refuse(
                format!("không đọc được tệp biểu trưng `{written}`: {e}"),
                "kiểm tra quyền đọc tệp",
            )
        })?;
    let format = sniff(&head).ok_or_else(|| {
        refuse(
            format!("tệp biểu trưng `{written}` không phải ảnh PNG, JPEG, GIF hay SVG"),
            "lưu biểu trưng thành ảnh PNG (hoặc JPEG, SVG) rồi ghi đúng tên tệp",
        )
    })?;
    if let Some((w, h)) = dimensions(format, &head)
        && (w > MAX_PIXELS || h > MAX_PIXELS)
    {
        return Err(refuse(
            format!(
                "ảnh biểu trưng `{written}` quá lớn ({w} × {h} điểm ảnh; tối đa {MAX_PIXELS} mỗi chiều)"
            ),
            "thu nhỏ ảnh (khoảng 1000 điểm ảnh mỗi chiều là đủ để in) rồi lưu lại",
        ));
    }
    Ok(Emblem {
        path: canonical,
        format,
    })
}

/// The format from the file's first bytes, whatever its name says.
fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else {
        let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        (text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg")))
            .then_some(Format::Svg)
    }
}

/// Width and height in pixels, read from the header; `None` where the header does not
/// say (SVG scales, a JPEG whose frame header lies beyond the bytes read).
fn dimensions(format: Format, head: &[u8]) -> Option<(u32, u32)> {
    let be32 = |i: usize| {
        head.get(i..i + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let be16 = |i: usize| {
        head.get(i..i + 2)
            .map(|b| u32::from(u16::from_be_bytes([b[0], b[1]])))
    };
    match format {
        // IHDR is the first chunk: width and height follow its type.
        Format::Png => Some((be32(16)?, be32(20)?)),
        Format::Gif => {
            let le16 = |i: usize| {
                head.get(i..i + 2)
                    .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
            };
            Some((le16(6)?, le16(8)?))
        }
        Format::Jpeg => {
            // Walk the markers to the first start-of-frame.
            let mut i = 2;
            while i + 4 <= head.len() {
                if head[i] != 0xFF {
                    return None;
                }
                let marker = head[i + 1];
                let len = be16(i + 2)? as usize;
                let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
                if sof {
                    return Some((be16(i + 7)?, be16(i + 5)?));
                }
                i += 2 + len;
            }
            None
        }
        Format::Svg => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn refuses_paths_out_of_the_dataset() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("data");
        std::fs::create_dir_all(root.join("hinh")).unwrap();
        std::fs::write(outer.path().join("ngoai.png"), png(10, 10)).unwrap();
        std::fs::write(root.join("hinh/a.png"), png(10, 10)).unwrap();
        for bad in [
            "../ngoai.png",
            "/etc/passwd",
            "C:\\Windows\\a.png",
            "hinh/../../ngoai.png",
        ] {
            let r = resolve(&root, bad).unwrap_err();
            assert!(
                r.message.contains("ngoài thư mục bộ dữ liệu"),
                "{bad}: {r:?}"
            );
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                outer.path().join("ngoai.png"),
                root.join("hinh/lien-ket.png"),
            )
            .unwrap();
            let r = resolve(&root, "hinh/lien-ket.png").unwrap_err();
            assert!(r.message.contains("lối tắt"), "{r:?}");
        }
        // A Windows-style separator names the same file.
        let ok = resolve(&root, "hinh\\a.png").unwrap();
        assert_eq!(ok.format, Format::Png);
    }

    #[test]
    fn reads_type_and_size_from_the_file_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("to.png"), png(20_000, 20_000)).unwrap();
        let r = resolve(dir.path(), "to.png").unwrap_err();
        assert!(r.message.contains("20000 × 20000"), "{r:?}");
        std::fs::write(dir.path().join("chu.png"), "không phải ảnh").unwrap();
        let r = resolve(dir.path(), "chu.png").unwrap_err();
        assert!(r.message.contains("không phải ảnh PNG"), "{r:?}");
        std::fs::write(
            dir.path().join("a.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        )
        .unwrap();
        assert_eq!(resolve(dir.path(), "a.svg").unwrap().format, Format::Svg);
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8];
        jpeg.extend(300u16.to_be_bytes());
        jpeg.extend(7000u16.to_be_bytes());
        std::fs::write(dir.path().join("a.jpg"), &jpeg).unwrap();
        let r = resolve(dir.path(), "a.jpg").unwrap_err();
        assert!(r.message.contains("7000 × 300"), "{r:?}");
    }
}
