//! Bundle: certificates are laid out together and filed apart.
//!
//! A certificate costs more to write as PDF than to lay out, and most of the writing is
//! subsetting and compressing its font faces. So [`crate::plan::CHUNK`] certificates are laid out as
//! one typst document and written as one PDF, which subsets each face once; [`Chunk`]
//! then cuts that PDF into a one-page PDF per certificate (copying the compressed objects
//! as they are) and [`Joiner`] streams the chunks into the print file (`in-tat-ca.pdf`),
//! one chunk in memory at a time, whatever the number of certificates.
//!
//! The same cut serves letters ([`crate::letters`]), written a batch at a time as one
//! tagged PDF: each letter's file keeps its part of the structure tree (`bundle/structure.rs`).
//!
//! A PDF/A chunk (`build --pdfa`) stays PDF/A when cut or joined: its catalog's output
//! intent comes along into every file, and its XMP packet too, rewritten to say the file's
//! own page count and id ([`Archival`]). Carrying them costs a few kilobytes per file;
//! laying each certificate out alone instead would cost the whole gain of chunking.

use std::collections::HashMap;
use std::io::{self, Write};

mod structure;

use anyhow::Context;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, dictionary};
use sha2::{Digest, Sha256};

/// A multi-page PDF written by typst, parsed, to be cut into pages or joined.
pub struct Chunk {
    doc: Document,
    /// Page dictionaries in order, inherited attributes made explicit and `Parent` removed.
    pages: Vec<Dictionary>,
    /// Their object ids in the chunk, for links from one page of a file to another.
    page_ids: Vec<ObjectId>,
    /// The document information dictionary (author, creator, creation date), if any.
    info: Option<Dictionary>,
    /// The catalog's language, kept by every page cut out of it.
    lang: Option<Object>,
    /// What a PDF/A chunk's files must keep to stay PDF/A; `None` for plain PDF.
    archival: Option<Archival>,
    /// A tagged chunk's structure tree, cut with the pages; `None` for an untagged one.
    structure: Option<structure::Structure>,
}

/// The catalog entries PDF/A requires beyond a plain PDF's: the XMP metadata (which
/// carries `pdfaid:part` and `pdfaid:conformance`) and the output intent (its ICC profile).
#[derive(Clone)]
struct Archival {
    /// The chunk's XMP packet, as typst wrote it (uncompressed, as PDF/A asks).
    xmp: String,
    /// The catalog's `OutputIntents`, with references into the chunk.
    intents: Object,
}

impl Archival {
    /// The XMP packet of a file of `pages` pages whose id is `ident`'s, as the trailer
    /// says it: the chunk's own count and ids would describe the chunk, not the file.
    fn xmp(&self, pages: usize, ident: &str) -> Vec<u8> {
        let id = crate::write::hex(&file_id(ident));
        let mut xmp = self.xmp.clone();
        for (tag, value) in [
            ("xmpTPg:NPages", pages.to_string()),
            ("xmpMM:DocumentID", id.clone()),
            ("xmpMM:InstanceID", id),
        ] {
            xmp = replace_element(&xmp, tag, &value);
        }
        xmp.into_bytes()
    }
}

/// `xmp` with the text of every `<tag>…</tag>` replaced by `value`.
fn replace_element(xmp: &str, tag: &str, value: &str) -> String {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = String::with_capacity(xmp.len());
    let mut rest = xmp;
    while let Some(start) = rest.find(&open) {
        let body = start + open.len();
        let Some(len) = rest[body..].find(&close) else {
            break;
        };
        out.push_str(&rest[..body]);
        out.push_str(value);
        rest = &rest[body + len..];
    }
    out.push_str(rest);
    out
}

impl Chunk {
    /// Parses a PDF typst wrote and lists its pages with their inherited attributes made explicit.
    pub fn parse(bytes: &[u8]) -> anyhow::Result<Chunk> {
        let doc = Document::load_mem(bytes).context("không đọc lại được tệp PDF vừa tạo")?;
        let mut pages = Vec::new();
        let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for &id in &page_ids {
            let mut page = materialize(&doc, id)?;
            page.remove(b"Parent");
            pages.push(page);
        }
        // Copied as it is into every file cut from the chunk, so only direct values (typst
        // writes no others) can come along: a reference would point elsewhere there.
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_dict())
            .ok()
            .map(|d| {
                let mut direct = Dictionary::new();
                for (k, v) in d.iter().filter(|(_, v)| !matches!(v, Object::Reference(_))) {
                    direct.set(k.clone(), v.clone());
                }
                direct
            });
        let lang = doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Lang").ok())
            .filter(|l| !matches!(l, Object::Reference(_)))
            .cloned();
        let archival = archival(&doc)?;
        let structure = structure::Structure::parse(&doc, &page_ids);
        Ok(Chunk {
            doc,
            pages,
            page_ids,
            info,
            lang,
            archival,
            structure,
        })
    }

    /// The chunk's document information (author, creator, dates), for a file cut from it
    /// that says its own title and date.
    pub fn info(&self) -> Dictionary {
        self.info.clone().unwrap_or_default()
    }

    /// How many pages the chunk holds.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether the chunk holds no page at all.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Page `index` as a PDF of its own, with `ident` as its document id.
    pub fn page_pdf(&self, index: usize, ident: &str) -> anyhow::Result<Vec<u8>> {
        self.range_pdf(index..index + 1, ident, self.info.as_ref())
    }

    /// Pages `range` as a PDF of its own, with `ident` as its document id and `info` as its
    /// document information. Objects the pages share are written once; a link from one of
    /// its pages to another still leads there.
    pub fn range_pdf(
        &self,
        range: std::ops::Range<usize>,
        ident: &str,
        info: Option<&Dictionary>,
    ) -> anyhow::Result<Vec<u8>> {
        anyhow::ensure!(
            !range.is_empty() && range.end <= self.pages.len(),
            "trang {}–{} nằm ngoài tệp PDF vừa tạo ({} trang)",
            range.start + 1,
            range.end,
            self.pages.len()
        );
        let mut out = PdfWriter::new(Vec::new())?;
        let catalog = out.reserve();
        let pages = out.reserve();
        let mut ids = Renumber::default();
        // The file's pages get their numbers first, so a reference to one of them (a link's
        // destination) is that page, not an object of its own.
        let kids: Vec<ObjectId> = range.clone().map(|_| out.reserve()).collect();
        for (&old, &new) in self.page_ids[range.clone()].iter().zip(&kids) {
            ids.map.insert(old, new);
        }
        for (index, &id) in range.clone().zip(&kids) {
            self.write_page(index, id, pages, &mut ids, &mut out)?;
        }
        let archival = self.archival.as_ref().map(|a| {
            let mut intents = a.intents.clone();
            ids.remap(&mut intents, &mut out);
            (a, intents)
        });
        let tree = match &self.structure {
            Some(s) => Some((s, s.cut(range, &self.pages, &self.doc, &mut ids, &mut out)?)),
            None => None,
        };
        self.write_objects(&mut ids, &mut out)?;
        let count = kids.len() as i64;
        let kids: Vec<Object> = kids.into_iter().map(Object::Reference).collect();
        out.write(
            pages,
            &Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count,
            }),
        )?;
        let mut cat = dictionary! { "Type" => "Catalog", "Pages" => pages };
        if let Some((s, cut)) = tree {
            let (root, mark_info) = s.finish(cut, &ids, &mut out)?;
            cat.set("StructTreeRoot", root);
            cat.set("MarkInfo", mark_info);
        }
        if let Some((a, intents)) = archival {
            let xmp = out.metadata(a.xmp(count as usize, ident))?;
            cat.set("Metadata", xmp);
            cat.set("OutputIntents", intents);
        }
        self.finish(out, catalog, cat, ident, info)
    }

    /// Writes the page dictionary under `parent`, numbering what it refers to in `ids`.
    fn write_page<W: Write>(
        &self,
        index: usize,
        id: ObjectId,
        parent: ObjectId,
        ids: &mut Renumber,
        out: &mut PdfWriter<W>,
    ) -> anyhow::Result<()> {
        let mut page = Object::Dictionary(self.pages[index].clone());
        ids.remap(&mut page, out);
        let mut page = page.as_dict()?.clone();
        page.set("Parent", parent);
        out.write(id, &Object::Dictionary(page))?;
        Ok(())
    }

    /// Writes every object numbered in `ids`, following the references they bring in.
    fn write_objects<W: Write>(
        &self,
        ids: &mut Renumber,
        out: &mut PdfWriter<W>,
    ) -> io::Result<()> {
        let mut k = 0;
        while let Some(&(old, new)) = ids.order.get(k) {
            k += 1;
            let mut object = match self.doc.objects.get(&old) {
                // A back reference into the page tree (an annotation's page) would drag
                // in every other page of the chunk.
                Some(o) if matches!(o.type_name(), Ok(b"Page" | b"Pages" | b"Catalog")) => {
                    Object::Null
                }
                Some(o) => o.clone(),
                None => Object::Null,
            };
            if let Object::Stream(stream) = &mut object {
                // A length written as a reference would otherwise come along as an object.
                let len = stream.content.len() as i64;
                stream.dict.set("Length", len);
            }
            ids.remap(&mut object, out);
            out.write(new, &object)?;
        }
        Ok(())
    }

    fn finish<W: Write>(
        &self,
        mut out: PdfWriter<W>,
        catalog: ObjectId,
        mut cat: Dictionary,
        ident: &str,
        info: Option<&Dictionary>,
    ) -> anyhow::Result<W> {
        if let Some(lang) = &self.lang {
            cat.set("Lang", lang.clone());
        }
        out.write(catalog, &Object::Dictionary(cat))?;
        let info = match info {
            Some(info) => {
                let id = out.reserve();
                out.write(id, &Object::Dictionary(info.clone()))?;
                Some(id)
            }
            None => None,
        };
        Ok(out.finish(catalog, info, ident)?)
    }
}

/// Streams chunks into one print file: each chunk's objects are written as soon as it is
/// added, so memory holds one chunk, not the file.
pub struct Joiner<W: Write> {
    out: PdfWriter<W>,
    catalog: ObjectId,
    pages: ObjectId,
    kids: Vec<Object>,
    /// The first chunk's catalog language and document information.
    lang: Option<Object>,
    info: Option<Dictionary>,
    /// The first chunk's PDF/A entries, its output intent already written to this file.
    archival: Option<Archival>,
}

impl<W: Write> Joiner<W> {
    /// Starts a print file on `sink`: the PDF header, and the catalog and page tree reserved.
    pub fn new(sink: W) -> anyhow::Result<Joiner<W>> {
        let mut out = PdfWriter::new(sink)?;
        let catalog = out.reserve();
        let pages = out.reserve();
        Ok(Joiner {
            out,
            catalog,
            pages,
            kids: Vec::new(),
            lang: None,
            info: None,
            archival: None,
        })
    }

    /// Appends the pages `keep` of `chunk`, in that order; objects the pages share (font
    /// subsets) are written once per chunk.
    pub fn add(&mut self, chunk: &Chunk, keep: &[usize]) -> anyhow::Result<()> {
        let first = self.kids.is_empty();
        if first {
            self.lang = chunk.lang.clone();
            self.info = chunk.info.clone();
        }
        let mut ids = Renumber::default();
        let new: Vec<ObjectId> = keep.iter().map(|_| self.out.reserve()).collect();
        for (&i, &id) in keep.iter().zip(&new) {
            ids.map.insert(chunk.page_ids[i], id);
        }
        for (&i, &id) in keep.iter().zip(&new) {
            chunk.write_page(i, id, self.pages, &mut ids, &mut self.out)?;
            self.kids.push(Object::Reference(id));
        }
        if let Some(a) = chunk.archival.as_ref().filter(|_| first) {
            let mut intents = a.intents.clone();
            ids.remap(&mut intents, &mut self.out);
            self.archival = Some(Archival {
                xmp: a.xmp.clone(),
                intents,
            });
        }
        chunk.write_objects(&mut ids, &mut self.out)?;
        Ok(())
    }

    /// Writes the page tree, catalog and cross-reference table; `ident` is the file's id.
    pub fn finish(mut self, ident: &str) -> anyhow::Result<W> {
        let count = self.kids.len() as i64;
        let kids = std::mem::take(&mut self.kids);
        self.out.write(
            self.pages,
            &Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count },
            ),
        )?;
        let mut cat = dictionary! { "Type" => "Catalog", "Pages" => self.pages };
        if let Some(lang) = self.lang.take() {
            cat.set("Lang", lang);
        }
        if let Some(a) = self.archival.take() {
            let xmp = self.out.metadata(a.xmp(count as usize, ident))?;
            cat.set("Metadata", xmp);
            cat.set("OutputIntents", a.intents);
        }
        self.out.write(self.catalog, &Object::Dictionary(cat))?;
        let info = match self.info.take() {
            Some(info) => {
                let id = self.out.reserve();
                self.out.write(id, &Object::Dictionary(info))?;
                Some(id)
            }
            None => None,
        };
        Ok(self.out.finish(self.catalog, info, ident)?)
    }
}

/// Old object ids of a chunk → new ids in the file being written, in first-seen order
/// (which makes the output deterministic).
#[derive(Default)]
struct Renumber {
    map: HashMap<ObjectId, ObjectId>,
    order: Vec<(ObjectId, ObjectId)>,
}

impl Renumber {
    /// Rewrites every reference inside `object` to its new id, reserving new ids in `out`
    /// for objects not seen before.
    fn remap<W: Write>(&mut self, object: &mut Object, out: &mut PdfWriter<W>) {
        match object {
            Object::Reference(id) => {
                let old = *id;
                let new = *self.map.entry(old).or_insert_with(|| {
                    let new = out.reserve();
                    self.order.push((old, new));
                    new
                });
                *id = new;
            }
            Object::Array(items) => {
                for item in items {
                    self.remap(item, out);
                }
            }
            Object::Dictionary(dict) => {
                for (_, value) in dict.iter_mut() {
                    self.remap(value, out);
                }
            }
            Object::Stream(stream) => {
                for (_, value) in stream.dict.iter_mut() {
                    self.remap(value, out);
                }
            }
            _ => {}
        }
    }
}

/// A PDF file written object by object, with the cross-reference table at the end.
struct PdfWriter<W: Write> {
    sink: W,
    offset: usize,
    next: u32,
    /// Byte offset of each object, by object number (index 0 is the free list head).
    offsets: Vec<usize>,
}

impl<W: Write> PdfWriter<W> {
    fn new(sink: W) -> io::Result<PdfWriter<W>> {
        let mut w = PdfWriter {
            sink,
            offset: 0,
            next: 1,
            offsets: vec![0],
        };
        // The binary comment line tells transfer programs the file is not text.
        w.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(w)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sink.write_all(bytes)?;
        self.offset += bytes.len();
        Ok(())
    }

    /// A new object number, to be written later.
    fn reserve(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        self.offsets.push(0);
        id
    }

    fn write(&mut self, id: ObjectId, object: &Object) -> io::Result<()> {
        self.offsets[id.0 as usize] = self.offset;
        let mut buf = format!("{} 0 obj\n", id.0).into_bytes();
        lopdf::Writer::write_object(&mut buf, object).map_err(io::Error::other)?;
        buf.extend_from_slice(b"\nendobj\n");
        self.put(&buf)
    }

    /// Writes an XMP packet as a new metadata stream, uncompressed as PDF/A asks.
    fn metadata(&mut self, xmp: Vec<u8>) -> io::Result<ObjectId> {
        let id = self.reserve();
        let dict =
            dictionary! { "Type" => "Metadata", "Subtype" => "XML", "Length" => xmp.len() as i64 };
        self.write(id, &Object::Stream(lopdf::Stream::new(dict, xmp)))?;
        Ok(id)
    }

    fn finish(mut self, root: ObjectId, info: Option<ObjectId>, ident: &str) -> io::Result<W> {
        let xref = self.offset;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len());
        for &o in &self.offsets[1..] {
            table.push_str(&format!("{o:010} 00000 n\r\n"));
        }
        self.put(table.as_bytes())?;
        // The same id twice: the file is made, not modified (ISO 32000 14.4).
        let id = Object::String(file_id(ident), StringFormat::Hexadecimal);
        let mut trailer = dictionary! {
            "Size" => self.offsets.len() as i64,
            "Root" => root,
            "ID" => vec![id.clone(), id],
        };
        if let Some(info) = info {
            trailer.set("Info", info);
        }
        let mut buf = b"trailer\n".to_vec();
        lopdf::Writer::write_object(&mut buf, &Object::Dictionary(trailer))
            .map_err(io::Error::other)?;
        buf.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        self.put(&buf)?;
        self.sink.flush()?;
        Ok(self.sink)
    }
}

/// The 16 bytes of a file's id: a hash of its identity, so rebuilding gives the same bytes.
fn file_id(ident: &str) -> Vec<u8> {
    Sha256::digest(ident.as_bytes())[..16].to_vec()
}

/// The PDF/A entries of a chunk's catalog: both or neither. typst writes XMP for every
/// PDF, so only an output intent marks a PDF/A chunk.
fn archival(doc: &Document) -> anyhow::Result<Option<Archival>> {
    let Ok(catalog) = doc.catalog() else {
        return Ok(None);
    };
    let Ok(intents) = catalog.get(b"OutputIntents") else {
        return Ok(None);
    };
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .context("tệp PDF/A vừa tạo không có siêu dữ liệu XMP")?;
    if xmp.dict.has(b"Filter") {
        anyhow::bail!("siêu dữ liệu XMP của tệp PDF/A vừa tạo bị nén, không tách được");
    }
    let xmp = String::from_utf8(xmp.content.clone())
        .context("siêu dữ liệu XMP của tệp PDF/A vừa tạo không phải UTF-8")?;
    Ok(Some(Archival {
        xmp,
        intents: intents.clone(),
    }))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A cut file's XMP says its own page count and id, every occurrence, the rest kept.
    #[test]
    fn the_xmp_of_a_cut_file_describes_that_file() {
        let archival = Archival {
            xmp: "<a><xmpTPg:NPages>50</xmpTPg:NPages><xmpMM:DocumentID>chunk</xmpMM:DocumentID>\
                  <xmpMM:InstanceID>chunk</xmpMM:InstanceID><stEvt:instanceID>src</stEvt:instanceID>\
                  <pdfaid:part>2</pdfaid:part></a>"
                .to_owned(),
            intents: Object::Null,
        };
        let xmp = String::from_utf8(archival.xmp(1, "vanban/a")).unwrap();
        let id = crate::write::hex(&file_id("vanban/a"));
        assert_eq!(id.len(), 32);
        assert_eq!(
            xmp,
            format!(
                "<a><xmpTPg:NPages>1</xmpTPg:NPages><xmpMM:DocumentID>{id}</xmpMM:DocumentID>\
                 <xmpMM:InstanceID>{id}</xmpMM:InstanceID><stEvt:instanceID>src</stEvt:instanceID>\
                 <pdfaid:part>2</pdfaid:part></a>"
            )
        );
        // An element left open is left alone rather than cut.
        assert_eq!(replace_element("<x>1", "x", "2"), "<x>1");
        assert_eq!(
            replace_element("<x>1</x><x>3</x>", "x", "2"),
            "<x>2</x><x>2</x>"
        );
    }

    /// A link from one page of a cut file to another (a footnote's) leads to that page of
    /// the file, not to a stray copy of the chunk's page.
    #[test]
    fn a_link_between_pages_of_a_cut_file_stays_a_link() {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let second = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        let link = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "Dest" => vec![second.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null],
        });
        let first = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Annots" => vec![link.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![first.into(), second.into()], "Count" => 2,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let chunk = Chunk::parse(&bytes).unwrap();
        let cut = Document::load_mem(&chunk.range_pdf(0..2, "vanban/a", None).unwrap()).unwrap();
        let pages: Vec<ObjectId> = cut.get_pages().into_values().collect();
        let annots = cut.get_page_annotations(pages[0]).unwrap();
        let dest = annots[0].get(b"Dest").unwrap().as_array().unwrap();
        assert_eq!(dest[0].as_reference().unwrap(), pages[1]);
        assert_eq!(
            cut.objects.len(),
            5,
            "catalog, page tree, two pages, one link"
        );
    }
}
