//! Live reload without a watcher dependency: a background thread fingerprints the
//! dataset (every file's path, size and modification time) every [`PERIOD`]; when the
//! fingerprint changes it computes a new [`Snapshot`] and only then bumps the
//! generation the page polls, so a page that reloads always sees the new verdicts.
//!
//! A scan of `data/` (a few dozen files) is a few hundred `stat` calls: far cheaper than
//! the revalidation it guards, and it needs no platform notification API.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::fonts::FontPolicy;

use super::state::{self, Snapshot};

/// How often the dataset is scanned. A scan of `data/` is a few dozen `stat` calls;
/// revalidating it takes 300–450 ms (debug build, loaded machine), and the page polls every
/// 300 ms: at 100 ms here an edit shows its new verdict in 0.6–0.9 s (measured by
/// `an_edit_shows_its_new_verdict`), inside the second asked for; at 300 ms, 0.9–1.5 s.
pub(crate) const PERIOD: Duration = Duration::from_millis(100);

/// One state of the dataset as the page shows it.
pub(crate) struct Current {
    /// Bumped on every change of the dataset: what `/api/phien-ban` answers.
    pub(crate) generation: u64,
    /// The snapshot, or why the dataset could not be read at all.
    pub(crate) snapshot: Result<Snapshot, String>,
}

/// The current state, shared by the server and the watcher.
pub(crate) type Shared = Arc<RwLock<Arc<Current>>>;

/// What to watch and how to check it.
#[derive(Clone)]
pub(crate) struct Watched {
    pub(crate) dataset: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) fonts: FontPolicy,
}

impl Watched {
    fn snapshot(&self) -> Result<Snapshot, String> {
        state::snapshot(&self.dataset, &self.out, self.fonts).map_err(|e| format!("{e:#}"))
    }
}

/// The first state, computed before the server answers, and the fingerprint of the
/// dataset it was computed from. The fingerprint is taken first: an edit made while the
/// first state is being computed (or before the watcher's thread first runs, on a busy
/// machine) then still differs from it, instead of being taken as already seen.
pub(crate) fn start(w: &Watched) -> (Shared, u64) {
    let seen = fingerprint(&w.dataset, &w.out);
    let shared = Arc::new(RwLock::new(Arc::new(Current {
        generation: 1,
        snapshot: w.snapshot(),
    })));
    (shared, seen)
}

/// Runs the watcher on its own thread for as long as the process lives, from the
/// fingerprint `seen` that [`start`] took.
pub(crate) fn spawn(w: Watched, shared: Shared, mut seen: u64) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(PERIOD);
            let now = fingerprint(&w.dataset, &w.out);
            if now == seen {
                continue;
            }
            seen = now;
            let snapshot = w.snapshot();
            let mut cur = shared.write().unwrap_or_else(|e| e.into_inner());
            let generation = cur.generation + 1;
            *cur = Arc::new(Current {
                generation,
                snapshot,
            });
        }
    });
}

/// A hash of every file below `dataset` (its path, size and modification time), leaving
/// out the output folder, hidden entries and the register, which a build writes.
pub(crate) fn fingerprint(dataset: &Path, out: &Path) -> u64 {
    let out = out.canonicalize().ok();
    let mut h = std::hash::DefaultHasher::new();
    let walk = walkdir::WalkDir::new(dataset)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let is_out =
                e.file_type().is_dir() && out.is_some() && e.path().canonicalize().ok() == out;
            !hidden && !is_out
        });
    // Files only: a folder's time changes when the register's journal comes and goes.
    for e in walk
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
    {
        if e.file_name()
            .to_string_lossy()
            .starts_with(crate::register::FILE)
        {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        e.path().hash(&mut h);
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    h.finish()
}
