//! Font selection (conventions D3): Times New Roman when the user has a complete one,
//! else the embedded Liberation Serif 2.1.5, never a face that lacks a Vietnamese letter.
//!
//! Order of preference: the dataset's `fonts/` folder, then a system "Times New Roman",
//! then the embedded faces. A candidate family is taken only when all four styles exist
//! and each face's character map covers every Vietnamese letter: typst never warns about
//! a missing glyph, and Debian 12's default Liberation Serif 1.07 lacks 97 of them. Only
//! the four chosen faces enter the font book, so typst cannot fall back to another face
//! and the output does not depend on what else a machine has installed.
//!
//! A face can cover every letter in its character map and still be damaged (a broken
//! `glyf` table): it then failed every document at PDF time. So each face from a folder
//! is first tried the way documents use it: a line of every Vietnamese letter laid out
//! and written to PDF ([`probe`]); a face that fails is refused with the reason.
//!
//! One room although long: choosing a family, loading it and proving each face can draw
//! and be written (`probe`) are one decision about which fonts a build may trust.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight};
use typst_kit::fonts::{FontPath, FontStore};

const EMBEDDED: [(&str, &[u8]); 4] = [
    (
        "LiberationSerif-Regular.ttf",
        include_bytes!("../templates/fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Bold.ttf",
        include_bytes!("../templates/fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-Italic.ttf",
        include_bytes!("../templates/fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../templates/fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// Families with Times New Roman's metrics, in order of preference.
const CANDIDATES: [&str; 3] = ["Times New Roman", "Liberation Serif", "Tinos"];

/// The four styles a document uses, with their Vietnamese names for `vanban fonts`.
pub const STYLES: [(&str, FontStyle, u16); 4] = [
    ("thường", FontStyle::Normal, 400),
    ("đậm", FontStyle::Normal, 700),
    ("nghiêng", FontStyle::Italic, 400),
    ("đậm nghiêng", FontStyle::Italic, 700),
];

/// Every letter of Vietnamese, upper and lower case, and printable ASCII.
pub fn vietnamese_letters() -> impl Iterator<Item = char> {
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯàáâãèéêìíòóôõùúýăđĩũơư"
        .chars()
        .chain((0x1EA0..=0x1EF9).filter_map(char::from_u32))
        .chain((0x20u8..0x7F).map(char::from))
}

/// The first Vietnamese letter a face cannot draw, if any.
pub fn missing_letter(info: &FontInfo) -> Option<char> {
    vietnamese_letters().find(|&c| !info.coverage.contains(c as u32))
}

/// Where the user may put fonts, and whether to look at the system's.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// The dataset's font folder (`<dữ liệu>/fonts`), searched first; `None` to skip it.
    pub dataset_dir: Option<PathBuf>,
    /// Whether the system's fonts may be used when the dataset has none that fit.
    pub system: bool,
}

/// One face in use, and where it came from.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The style's Vietnamese name, from `STYLES`: `thường`, `đậm`, `nghiêng` or `đậm nghiêng`.
    pub style: &'static str,
    /// Where the face came from, as shown to the user: a file path or the embedded font.
    pub origin: String,
}

/// A face that was looked at and refused, with why.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// Where the face came from, as shown to the user: a file path and face index.
    pub origin: String,
    /// The face's family name.
    pub family: String,
    /// Why it was refused, in Vietnamese.
    pub reason: String,
    /// For a face of the dataset's own `fonts/` folder, its file: the user put it there to
    /// be used, so its refusal is reported by `check` and `build` too.
    pub dataset_file: Option<PathBuf>,
}

/// Why the faces of a family that lacks a style are refused.
const INCOMPLETE: &str = "họ chữ này thiếu một trong bốn kiểu thường, đậm, nghiêng, đậm nghiêng";

/// The fonts of a run: loaded once, shared by every document.
pub struct FontSet {
    /// The four faces, as handed to every typst world.
    pub store: FontStore,
    /// What every one of the four faces can draw: a character outside it fails the
    /// document that prints it, so validation refuses it at the data.
    pub coverage: Vec<typst::text::Coverage>,
    /// Typst's name of the chosen family.
    pub family: String,
    /// The faces in use, one per style.
    pub chosen: Vec<Chosen>,
    /// The faces looked at and refused, for `vanban fonts` to explain.
    pub rejected: Vec<Rejected>,
}

enum Face {
    Path(FontPath),
    Embedded(Font),
}

struct Candidate {
    face: Face,
    info: FontInfo,
    origin: String,
}

impl FontSet {
    /// Chooses the family and loads its four faces.
    pub fn load(opts: &FontOptions) -> FontSet {
        let mut rejected = Vec::new();
        if let Some(dir) = &opts.dataset_dir
            && dir.is_dir()
        {
            let found = scan_candidates(typst_kit::fonts::scan(dir), &CANDIDATES, &mut rejected);
            unreadable(dir, &mut rejected);
            let picked = pick(found, &CANDIDATES, &mut rejected);
            for r in &mut rejected {
                r.dataset_file = Some(dataset_relative(dir, Path::new(&r.origin)));
            }
            if let Some(set) = picked {
                return set.finish(rejected);
            }
        }
        if opts.system {
            let found =
                scan_candidates(typst_kit::fonts::system(), &CANDIDATES[..1], &mut rejected);
            if let Some(set) = pick(found, &CANDIDATES[..1], &mut rejected) {
                return set.finish(rejected);
            }
        }
        let embedded = EMBEDDED
            .iter()
            .flat_map(|(name, data)| {
                Font::iter(Bytes::new(*data)).map(move |font| Candidate {
                    info: font.info().clone(),
                    face: Face::Embedded(font),
                    origin: format!("nhúng sẵn trong vanban: {name} (Liberation Serif 2.1.5)"),
                })
            })
            .collect();
        pick(embedded, &CANDIDATES, &mut rejected)
            .expect("the embedded Liberation Serif 2.1.5 covers Vietnamese")
            .finish(rejected)
    }

    /// Whether every face of the family draws `c`. White space and controls the layout
    /// never draws as a glyph count as drawn.
    pub fn draws(&self, c: char) -> bool {
        c.is_whitespace() || self.coverage.iter().all(|cov| cov.contains(c as u32))
    }

    /// The dataset's own fonts that were refused, as warnings naming the file: the
    /// documents are still made, in the family chosen instead.
    pub fn diagnostics(&self) -> Vec<crate::diagnostics::Diagnostic> {
        self.rejected
            .iter()
            .filter_map(|r| {
                let file = r.dataset_file.as_ref()?;
                // A family left incomplete by one damaged face is said once, at that face.
                let because = self.rejected.iter().any(|o| {
                    o.dataset_file.is_some() && o.family == r.family && o.reason != INCOMPLETE
                });
                if r.reason == INCOMPLETE && because {
                    return None;
                }
                Some(
                    crate::diagnostics::Diagnostic::warning(format!(
                        "không dùng phông {}: {}",
                        r.family, r.reason
                    )).code(crate::codes::Code::UnreadableFile)
                    .at(crate::diagnostics::Location::file(file))
                    .hint(format!(
                        "văn bản in bằng phông {} thay thế; thay tệp này bằng một bản tốt (chép lại từ máy khác), rồi xem `vanban fonts`",
                        self.family
                    )),
                )
            })
            .collect()
    }

    /// Typst's name of the chosen family, for `#set text(font: …)`.
    pub fn family(&self) -> &str {
        &self.family
    }
}

struct Picked {
    family: String,
    faces: Vec<Candidate>,
}

impl Picked {
    fn finish(self, rejected: Vec<Rejected>) -> FontSet {
        let mut store = FontStore::new();
        let mut chosen = Vec::new();
        let coverage = self.faces.iter().map(|c| c.info.coverage.clone()).collect();
        for ((style, ..), c) in STYLES.iter().zip(self.faces) {
            chosen.push(Chosen {
                style,
                origin: c.origin,
            });
            match c.face {
                Face::Path(p) => store.push((p, c.info)),
                Face::Embedded(f) => store.push((f, c.info)),
            }
        }
        FontSet {
            store,
            coverage,
            family: self.family,
            chosen,
            rejected,
        }
    }
}

fn scan_candidates(
    faces: impl Iterator<Item = (FontPath, FontInfo)>,
    families: &[&str],
    rejected: &mut Vec<Rejected>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (path, info) in faces {
        if !families
            .iter()
            .any(|f| f.eq_ignore_ascii_case(&info.family))
        {
            continue;
        }
        let origin = if path.index > 0 {
            format!("{} (mặt số {})", path.path.display(), path.index)
        } else {
            path.path.display().to_string()
        };
        if let Some(c) = missing_letter(&info) {
            rejected.push(Rejected {
                origin,
                family: info.family.clone(),
                reason: format!("thiếu chữ tiếng Việt, ví dụ “{c}” (U+{:04X})", c as u32),
                dataset_file: None,
            });
            continue;
        }
        let tried = std::fs::read(&path.path)
            .ok()
            .and_then(|data| Font::new(Bytes::new(data), path.index))
            .ok_or_else(|| "không đọc được tệp phông".to_owned())
            .and_then(|font| probe(&font));
        if let Err(why) = tried {
            rejected.push(Rejected {
                origin,
                family: info.family.clone(),
                reason: format!("tệp phông bị hỏng: {why}"),
                dataset_file: None,
            });
            continue;
        }
        out.push(Candidate {
            face: Face::Path(path),
            info,
            origin,
        });
    }
    // Scans come in file-system order: sort so the same folder gives the same choice.
    out.sort_by(|a, b| a.origin.cmp(&b.origin));
    out
}

/// The first family, in `families` order, whose four styles are all present.
fn pick(
    mut found: Vec<Candidate>,
    families: &[&str],
    rejected: &mut Vec<Rejected>,
) -> Option<Picked> {
    for family in families {
        let mut faces = Vec::new();
        for (_, style, weight) in STYLES {
            let want = FontVariant {
                style,
                weight: FontWeight::from_number(weight),
                stretch: FontStretch::NORMAL,
            };
            let at = found
                .iter()
                .position(|c| c.info.family.eq_ignore_ascii_case(family) && c.info.variant == want);
            // A missing style does not end the search: the faces found are then refused
            // by name, so `vanban fonts` says which family was incomplete.
            if let Some(i) = at {
                faces.push(found.remove(i));
            }
        }
        if faces.len() == STYLES.len() {
            return Some(Picked {
                family: faces[0].info.family.clone(),
                faces,
            });
        }
        for c in faces {
            rejected.push(Rejected {
                origin: c.origin,
                family: c.info.family.clone(),
                reason: INCOMPLETE.into(),
                dataset_file: None,
            });
        }
    }
    None
}

/// Every font file of `dir` that no face could be read from (damaged, or not a font).
fn unreadable(dir: &Path, rejected: &mut Vec<Rejected>) {
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let is_font = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str())
        });
        if !is_font || !entry.file_type().is_file() {
            continue;
        }
        let read = std::fs::read(path).ok().map(Bytes::new);
        if read.is_some_and(|data| Font::iter(data).next().is_some()) {
            continue;
        }
        rejected.push(Rejected {
            origin: path.display().to_string(),
            family: "?".into(),
            reason: "tệp không đọc được như một phông chữ (tệp hỏng, chép chưa trọn, hoặc không phải phông)".into(),
            dataset_file: None,
        });
    }
}

/// `<dữ liệu>/fonts/x.ttf` → `fonts/x.ttf`; a face index after the path is left out.
fn dataset_relative(fonts_dir: &Path, origin: &Path) -> PathBuf {
    let text = origin.to_string_lossy();
    let file = Path::new(text.split(" (mặt số ").next().unwrap_or(&text));
    let root = fonts_dir.parent().unwrap_or(fonts_dir);
    file.strip_prefix(root).unwrap_or(file).to_owned()
}

/// Checks the glyph of every Vietnamese letter in `font`, then lays them all out alone and
/// writes them to PDF, as documents will: a damaged table that the character map does not
/// show fails here, with the reason, instead of in every document of a run (or printing
/// blank or scrambled letters). A PDF writer copies glyph data it does not read, so the
/// glyphs' own boxes are read first: a letter's box must be a box, and within a few ems.
pub fn probe(font: &Font) -> Result<(), String> {
    drawn(font)?;
    written(font)
}

fn drawn(font: &Font) -> Result<(), String> {
    let instance = font.clone().instantiate(
        font.info().variant,
        typst::layout::Abs::pt(12.0),
        &typst::text::FontVariations::default(),
    );
    let face = instance.ttf();
    let far = 4 * i32::from(face.units_per_em());
    for c in vietnamese_letters().filter(|c| !c.is_whitespace()) {
        let Some(id) = face.glyph_index(c) else {
            return Err(format!("không có hình chữ “{c}” (U+{:04X})", c as u32));
        };
        let sane = face.glyph_bounding_box(id).is_some_and(|b| {
            b.x_min < b.x_max
                && b.y_min < b.y_max
                && [b.x_min, b.x_max, b.y_min, b.y_max]
                    .iter()
                    .all(|v| i32::from(*v).abs() <= far)
        });
        if !sane {
            return Err(format!(
                "hình chữ “{c}” (U+{:04X}) không đọc được",
                c as u32
            ));
        }
    }
    Ok(())
}

fn written(font: &Font) -> Result<(), String> {
    use typst::diag::FileResult;
    use typst::foundations::Datetime;
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
    use typst::text::FontBook;
    use typst::utils::LazyHash;
    use typst::{Library, LibraryExt, World};

    struct Probe {
        library: &'static LazyHash<Library>,
        book: LazyHash<FontBook>,
        font: Font,
        main: Source,
    }
    impl World for Probe {
        fn library(&self) -> &LazyHash<Library> {
            self.library
        }
        fn book(&self) -> &LazyHash<FontBook> {
            &self.book
        }
        fn main(&self) -> FileId {
            self.main.id()
        }
        fn source(&self, id: FileId) -> FileResult<Source> {
            if id == self.main.id() {
                Ok(self.main.clone())
            } else {
                Err(typst::diag::FileError::AccessDenied)
            }
        }
        fn file(&self, _: FileId) -> FileResult<Bytes> {
            Err(typst::diag::FileError::AccessDenied)
        }
        fn font(&self, index: usize) -> Option<Font> {
            (index == 0).then(|| self.font.clone())
        }
        fn today(&self, _: Option<typst::foundations::Duration>) -> Option<Datetime> {
            Datetime::from_ymd(2025, 1, 1)
        }
    }

    static LIBRARY: std::sync::OnceLock<LazyHash<Library>> = std::sync::OnceLock::new();
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let letters: String = vietnamese_letters().collect();
    let info = font.info();
    let text = format!(
        "#set text(font: \"{}\", fallback: false)\n#text(\"{}\")\n",
        quote(&info.family),
        quote(&letters)
    );
    let vpath = VirtualPath::new("/thu-phong.typ").map_err(|e| format!("{e:?}"))?;
    let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
    let mut book = FontBook::new();
    book.push(info.clone());
    let world = Probe {
        library: LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build())),
        book: LazyHash::new(book),
        font: font.clone(),
        main: Source::new(id, text),
    };
    let first = |errors: &[typst::diag::SourceDiagnostic]| {
        errors
            .first()
            .map(|e| e.message.to_string())
            .unwrap_or_default()
    };
    // A damaged face can panic inside the layout or PDF libraries rather than fail:
    // that is a refusal too, not a crash of the run.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = typst::compile::<typst_layout::PagedDocument>(&world)
            .output
            .map_err(|e| first(&e))?;
        typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|e| first(&e))?;
        Ok(())
    }));
    run.unwrap_or_else(|_| Err("thư viện in PDF dừng giữa chừng".to_owned()))
        .map_err(|why| format!("in thử chữ tiếng Việt ra PDF thì lỗi ({why})"))
}

/// Options for a dataset folder: its `fonts/` subfolder and, unless turned off, the system.
pub fn options_for(fonts_dir: &Path, policy: FontPolicy) -> FontOptions {
    FontOptions {
        dataset_dir: Some(fonts_dir.to_owned()),
        system: policy == FontPolicy::WithSystem,
    }
}

/// Whether fonts installed on the machine may be used, or only the dataset's and the
/// embedded ones (so results depend on nothing but the dataset and vanban).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontPolicy {
    /// The dataset's fonts, then the machine's, then the embedded ones.
    WithSystem,
    /// The dataset's fonts, then the embedded ones.
    DatasetOnly,
}

impl FontPolicy {
    /// The policy of a command line's `--khong-phong-he-thong` flag.
    pub fn from_flag(no_system_fonts: bool) -> Self {
        if no_system_fonts {
            FontPolicy::DatasetOnly
        } else {
            FontPolicy::WithSystem
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_faces_cover_vietnamese() {
        for (name, data) in EMBEDDED {
            let font = Font::new(Bytes::new(data), 0).unwrap();
            assert_eq!(missing_letter(font.info()), None, "{name}");
            assert_eq!(font.info().family, "Liberation Serif");
        }
        assert_eq!(vietnamese_letters().filter(|c| !c.is_ascii()).count(), 134);
    }

    /// The regular face with its `glyf` table overwritten, as a broken copy leaves it.
    pub(crate) fn damaged_regular() -> Vec<u8> {
        let mut data = EMBEDDED[0].1.to_vec();
        let tables = u16::from_be_bytes([data[4], data[5]]) as usize;
        let record = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&r| &data[r..r + 4] == b"glyf")
            .expect("a TrueType face has a glyf table");
        let at = |o: usize| u32::from_be_bytes(data[o..o + 4].try_into().unwrap()) as usize;
        let (offset, length) = (at(record + 8), at(record + 12));
        data[offset..offset + length].fill(0xFF);
        data
    }

    #[test]
    fn a_face_with_a_damaged_glyf_table_is_refused_with_the_reason() {
        let good = Font::new(Bytes::new(EMBEDDED[0].1), 0).unwrap();
        assert_eq!(probe(&good), Ok(()));
        let bad = Font::new(Bytes::new(damaged_regular()), 0).expect("the tables still parse");
        // The character map still covers Vietnamese: only drawing shows the damage.
        assert_eq!(missing_letter(bad.info()), None);
        assert!(probe(&bad).is_err());

        let dir = tempfile::tempdir().unwrap();
        let fonts = dir.path().join("fonts");
        std::fs::create_dir(&fonts).unwrap();
        std::fs::write(fonts.join("LiberationSerif-Regular.ttf"), damaged_regular()).unwrap();
        for (name, data) in &EMBEDDED[1..] {
            std::fs::write(fonts.join(name), data).unwrap();
        }
        std::fs::write(fonts.join("hong.ttf"), b"not a font").unwrap();
        let set = FontSet::load(&FontOptions {
            dataset_dir: Some(fonts.clone()),
            system: false,
        });
        assert!(set.chosen.iter().all(|c| c.origin.contains("nhúng sẵn")));
        let said: Vec<String> = set.diagnostics().iter().map(|d| d.render()).collect();
        let all = said.join("\n");
        assert!(
            all.contains("fonts/LiberationSerif-Regular.ttf") && all.contains("tệp phông bị hỏng"),
            "{all}"
        );
        assert!(all.contains("fonts/hong.ttf"), "{all}");
        // The three good faces left without their regular one are not blamed for it.
        assert!(!all.contains("thiếu một trong bốn kiểu"), "{all}");
        assert_eq!(said.len(), 2, "{all}");
        assert!(
            set.rejected
                .iter()
                .filter(|r| r.reason == INCOMPLETE)
                .count()
                == 3
        );
    }

    #[test]
    fn falls_back_to_embedded_without_system_fonts() {
        let set = FontSet::load(&FontOptions {
            dataset_dir: None,
            system: false,
        });
        assert_eq!(set.family(), "Liberation Serif");
        assert_eq!(set.chosen.len(), 4);
        assert!(set.chosen.iter().all(|c| c.origin.contains("nhúng sẵn")));
    }
}
