//! Font selection (conventions D3): Times New Roman when the user has a complete one,
//! else the embedded Liberation Serif 2.1.5, never a face that lacks a Vietnamese letter.
//!
//! Order of preference: the dataset's `fonts/` folder, then a system "Times New Roman",
//! then the embedded faces. A candidate family is taken only when all four styles exist
//! and each face's character map covers every Vietnamese letter: typst never warns about
//! a missing glyph, and Debian 12's default Liberation Serif 1.07 lacks 97 of them. Only
//! the four chosen faces enter the font book, so typst cannot fall back to another face
//! and the output does not depend on what else a machine has installed.

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
}

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
            if let Some(set) = pick(found, &CANDIDATES, &mut rejected) {
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
            match at {
                Some(i) => faces.push(found.remove(i)),
                None => break,
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
                reason: "họ chữ này thiếu một trong bốn kiểu thường, đậm, nghiêng, đậm nghiêng"
                    .into(),
            });
        }
    }
    None
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
