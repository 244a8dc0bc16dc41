//! Where things are inside a dataset folder, decided in this one place: the folders a
//! dataset may override the built-in templates and fonts with. Stages take the resolved
//! paths; none joins its own sub-path onto the dataset.

use std::path::{Path, PathBuf};

/// The folder of a dataset's own templates, overriding the built-in ones by file name.
pub const TEMPLATES: &str = "templates";

/// The folder of a dataset's own fonts.
pub const FONTS: &str = "fonts";

/// The paths of one dataset folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetPaths {
    /// The dataset folder itself: records, spreadsheets, emblems, the register.
    pub root: PathBuf,
    /// `templates/` inside it (it need not exist).
    pub templates: PathBuf,
    /// `fonts/` inside it (it need not exist).
    pub fonts: PathBuf,
}

impl DatasetPaths {
    /// The paths of the dataset at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        DatasetPaths {
            templates: root.join(TEMPLATES),
            fonts: root.join(FONTS),
            root,
        }
    }

    /// The dataset folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
}
