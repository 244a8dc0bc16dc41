//! The typst World: a closed box that holds only what vanban hands it.
//!
//! One [`Engine`] per run holds the fonts, the standard library and the shared layout
//! library (parsed once); every document gets a cheap [`DocWorld`] with its own main
//! source and date. Nothing outside these maps can be read: no file system, no packages,
//! no clock. That makes builds reproducible (same input, same bytes) and keeps data from
//! reaching anything it should not.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FontSet;
use crate::model::Date;

/// The state shared by every compilation of a run.
pub struct Engine {
    /// The fonts every document is laid out with.
    pub fonts: FontSet,
    library: LazyHash<Library>,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    main_id: FileId,
    /// [`Engine::digest`], made on first use.
    digest: std::sync::OnceLock<String>,
}

/// The virtual path of each document's main file.
pub const MAIN: &str = "/main.typ";

/// The file id of a virtual path inside the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("vanban's virtual paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl Engine {
    /// Builds the engine from the fonts, the layout library's `.typ` files and binary
    /// assets (emblems), each keyed by its virtual path (`/lib/khung.typ`).
    pub fn new(
        fonts: FontSet,
        typ_files: &[(String, String)],
        assets: Vec<(String, Vec<u8>)>,
    ) -> Engine {
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (path, text) in typ_files {
            let id = file_id(path);
            let source = Source::new(id, text.clone());
            files.insert(id, Bytes::from_string(text.clone()));
            sources.insert(id, source);
        }
        for (path, data) in assets {
            files.insert(file_id(&path), Bytes::new(data));
        }
        Engine {
            fonts,
            library: LazyHash::new(Library::builder().build()),
            sources,
            files,
            main_id: file_id(MAIN),
            digest: std::sync::OnceLock::new(),
        }
    }

    /// The SHA-256 of everything a document's layout may read besides its own source: the
    /// layout library, the emblems, the four faces and vanban's version. Two documents
    /// made from the same source by engines of the same digest print the same; made on
    /// first use (hashing the faces takes a few milliseconds).
    pub fn digest(&self) -> &str {
        self.digest.get_or_init(|| {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(env!("CARGO_PKG_VERSION"));
            let mut files: Vec<(&str, &Bytes)> = self
                .files
                .iter()
                .map(|(id, data)| (id.get().vpath().get_with_slash(), data))
                .collect();
            files.sort_unstable_by_key(|(path, _)| *path);
            for (path, data) in files {
                h.update((path.len() as u64).to_le_bytes());
                h.update(path);
                h.update((data.len() as u64).to_le_bytes());
                h.update(data.as_slice());
            }
            h.update(&self.fonts.family);
            for font in (0..).map_while(|i| self.fonts.store.font(i)) {
                h.update((font.data().len() as u64).to_le_bytes());
                h.update(font.data().as_slice());
                h.update(font.index().to_le_bytes());
            }
            crate::write::hex(&h.finalize())
        })
    }

    /// A world for one document: `text` is its main source, `date` its fixed today.
    pub fn world(&self, text: String, date: Date) -> DocWorld<'_> {
        use chrono::Datelike;
        let d = date.0;
        DocWorld {
            engine: self,
            main: Source::new(self.main_id, text),
            today: Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
                .expect("a chrono date is a valid typst date"),
        }
    }

    /// The text of a library file, for pointing diagnostics at templates.
    pub fn source_of(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }
}

/// The world of one document.
pub struct DocWorld<'a> {
    engine: &'a Engine,
    main: Source,
    today: Datetime,
}

impl DocWorld<'_> {
    /// The rendered typst source of the document.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.engine.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.engine.main_id {
            return Ok(self.main.clone());
        }
        self.engine
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.engine.main_id {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.engine
            .files
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digest changes with anything a layout may read besides its source (a library
    /// file, an emblem), and only then: a letter's fingerprint and a preview's cache key
    /// rest on it.
    #[test]
    fn the_digest_follows_the_library_and_the_emblems() {
        let engine = |lib: &str, emblem: &[u8]| {
            let fonts = FontSet::load(&crate::fonts::FontOptions {
                dataset_dir: None,
                system: false,
            });
            let lib = [("/lib/a.typ".to_owned(), lib.to_owned())];
            let assets = vec![("/bieu-trung/x.png".to_owned(), emblem.to_vec())];
            Engine::new(fonts, &lib, assets).digest().to_owned()
        };
        let base = engine("#let a = 1", b"png");
        assert_eq!(base.len(), 64);
        assert_eq!(engine("#let a = 1", b"png"), base);
        assert_ne!(engine("#let a = 2", b"png"), base);
        assert_ne!(engine("#let a = 1", b"gif"), base);
    }
}
