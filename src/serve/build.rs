//! The "Tạo hồ sơ" button: the normal build ([`pipeline::build_with`]) on a thread of its
//! own, its progress counted for the page to show while the server keeps answering.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::pipeline::{self, BuildOptions, Progress};

/// What a finished build left for the page.
pub(crate) struct Finished {
    pub(crate) written: Vec<PathBuf>,
    /// Letters left as they were: their file already held what they print.
    pub(crate) current: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) failed: usize,
    pub(crate) report: String,
}

/// The build of this session: how far it is, and its result once done.
#[derive(Default)]
pub(crate) struct Builds {
    running: Mutex<bool>,
    total: AtomicUsize,
    done: AtomicUsize,
    last: Mutex<Option<Result<Finished, String>>>,
}

/// What the progress page shows.
pub(crate) enum Status {
    /// No build yet in this session.
    None,
    /// Building: documents done and to do (0 to do while checking the data).
    Running(usize, usize),
    /// The last build's result.
    Done(Arc<Builds>),
}

struct Counter(Arc<Builds>);

impl Progress for Counter {
    fn start(&self, total: usize) {
        self.0.total.store(total, Ordering::Relaxed);
    }

    fn advance(&self, n: usize) {
        self.0.done.fetch_add(n, Ordering::Relaxed);
    }
}

impl Builds {
    /// Starts a build unless one is running; either way the page then follows it.
    pub(crate) fn start(self: &Arc<Self>, opts: BuildOptions) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if *running {
            return;
        }
        *running = true;
        self.total.store(0, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        let me = Arc::clone(self);
        std::thread::spawn(move || {
            let result = pipeline::build_with(&opts, &Counter(Arc::clone(&me)))
                .map(|o| Finished {
                    errors: o.report.errors(),
                    warnings: o.report.warnings(),
                    failed: o.failed,
                    report: o.report.render(),
                    written: o.written,
                    current: o.current.len(),
                })
                .map_err(|e| format!("{e:#}"));
            *me.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            *me.running.lock().unwrap_or_else(|e| e.into_inner()) = false;
        });
    }

    /// Where the build stands.
    pub(crate) fn status(self: &Arc<Self>) -> Status {
        if *self.running.lock().unwrap_or_else(|e| e.into_inner()) {
            return Status::Running(
                self.done.load(Ordering::Relaxed),
                self.total.load(Ordering::Relaxed),
            );
        }
        if self
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            Status::Done(Arc::clone(self))
        } else {
            Status::None
        }
    }

    /// Runs `f` on the last build's result.
    pub(crate) fn with_last<T>(&self, f: impl FnOnce(&Result<Finished, String>) -> T) -> Option<T> {
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(f)
    }
}
