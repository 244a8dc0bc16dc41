//! PNG previews of a document's pages, rasterised in-process from the document a build
//! would lay out, cached by the hash of its Typst source so an edit re-renders only the
//! documents it changed.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::plan::Job;

use super::state::Maker;

/// How many documents keep their pages cached; the oldest go first.
const CACHED_DOCS: usize = 64;

/// The pages of recently viewed documents, as PNG, keyed by content hash.
#[derive(Default)]
pub(crate) struct Cache {
    docs: HashMap<u64, Vec<Vec<u8>>>,
    order: Vec<u64>,
}

impl Cache {
    /// Page `page` (from 0) of `job` as PNG, `None` past its last page. `Err` says in
    /// Vietnamese why the document could not be laid out.
    pub(crate) fn page(
        &mut self,
        maker: &Maker,
        job: &Job,
        page: usize,
    ) -> Result<Option<Vec<u8>>, String> {
        Ok(self.pages(maker, job)?.get(page).cloned())
    }

    /// How many pages `job` has, laying it out if it is not cached yet.
    pub(crate) fn count(&mut self, maker: &Maker, job: &Job) -> Result<usize, String> {
        self.pages(maker, job).map(|p| p.len())
    }

    fn pages(&mut self, maker: &Maker, job: &Job) -> Result<&Vec<Vec<u8>>, String> {
        let source = maker.source(job)?;
        let mut h = std::hash::DefaultHasher::new();
        // The engine's digest covers what the source does not show but the pages depend on
        // (layout library, emblems, fonts): changing an emblem re-renders, while an edit of
        // one record re-renders only its papers.
        (maker.engine.digest(), job.template(), &source, job.date.0).hash(&mut h);
        let key = h.finish();
        if !self.docs.contains_key(&key) {
            let pages = render(maker, job)?;
            if self.order.len() >= CACHED_DOCS {
                let old = self.order.remove(0);
                self.docs.remove(&old);
            }
            self.order.push(key);
            self.docs.insert(key, pages);
        }
        Ok(&self.docs[&key])
    }
}

/// Lays the document out as a build does and rasterises each page.
fn render(maker: &Maker, job: &Job) -> Result<Vec<Vec<u8>>, String> {
    let pages = maker
        .pages(job)?
        .iter()
        .map(|p| {
            // typst-render's default, 2 pixels per point: an A4 page is 1190 × 1684 pixels,
            // sharp enough to read a name on a giấy khen on a laptop screen.
            typst_render::render(p, &typst_render::RenderOptions::default())
                .encode_png()
                .map_err(|e| format!("không tạo được ảnh xem trước: {e}"))
        })
        .collect();
    typst::comemo::evict(3);
    pages
}
