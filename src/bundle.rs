//! Bundle: joins separately compiled chunks into one print file (`in-tat-ca.pdf`).
//!
//! Laying out a print file of thousands of certificates as one typst document holds every
//! page and its memoised layout in memory at once (≈ 0.3–0.8 MB a page, measured). So the
//! bundle is compiled in chunks of [`CHUNK`] pages, each its own small PDF, and the chunks'
//! page trees are spliced into one document here. Each chunk carries its own font subsets;
//! at 100 pages a chunk that costs a few kilobytes per 100 pages.

use std::collections::BTreeSet;

use anyhow::Context;
use lopdf::{Dictionary, Document, Object, ObjectId, dictionary};

/// Certificates per separately compiled chunk of a print file.
pub const CHUNK: usize = 100;

/// Concatenates the pages of `parts`, in order, into one PDF.
pub fn merge(parts: &[Vec<u8>]) -> anyhow::Result<Vec<u8>> {
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for bytes in parts {
        let mut doc =
            Document::load_mem(bytes).context("không đọc lại được một phần của tệp in")?;
        for page_id in doc.get_pages().into_values() {
            let page = materialize(&doc, page_id)?;
            doc.objects.insert(page_id, Object::Dictionary(page));
        }
        doc.renumber_objects_with(out.max_id + 1);
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let page_set: BTreeSet<ObjectId> = pages.iter().copied().collect();
        for (id, object) in std::mem::take(&mut doc.objects) {
            match object.type_name().unwrap_or_default() {
                b"Catalog" | b"Pages" => {}
                _ if page_set.contains(&id) => {
                    let mut page = object.as_dict()?.clone();
                    page.set("Parent", pages_id);
                    out.objects.insert(id, Object::Dictionary(page));
                }
                _ => {
                    out.objects.insert(id, object);
                }
            }
        }
        out.max_id = out.max_id.max(doc.max_id);
        kids.extend(pages.into_iter().map(Object::Reference));
    }
    let count = kids.len() as i64;
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    out.trailer.set("Root", catalog);
    // Each part's catalog, metadata and document info are no longer reachable.
    out.prune_objects();
    let mut buf = Vec::new();
    out.save_to(&mut buf).context("không ghi được tệp in gộp")?;
    Ok(buf)
}

/// A page dictionary with the attributes it inherits from its page tree made explicit, so
/// it keeps them under its new parent.
fn materialize(doc: &Document, page_id: ObjectId) -> anyhow::Result<Dictionary> {
    let mut page = doc.get_dictionary(page_id)?.clone();
    for key in [&b"MediaBox"[..], b"CropBox", b"Resources", b"Rotate"] {
        if page.has(key) {
            continue;
        }
        let mut node = page.get(b"Parent").and_then(Object::as_reference).ok();
        while let Some(id) = node {
            let parent = doc.get_dictionary(id)?;
            if let Ok(value) = parent.get(key) {
                page.set(key.to_vec(), value.clone());
                break;
            }
            node = parent.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    Ok(page)
}
