//! A tagged chunk's structure tree, cut with its pages: a file cut from a chunk of letters
//! keeps the part of the tree that reads its own pages, so it stays a tagged PDF.
//!
//! typst writes one `Document` element under the tree's root, whose kids follow the
//! content in reading order; documents laid out apart and written as one chunk have their
//! kids one after another. A file of pages `range` keeps the kids that begin on those pages
//! (a kid without content stays with the kid before it), the parent tree's entries of
//! those pages and their annotations, and the ids of the elements it kept. A chunk whose
//! tree has another shape is cut untagged.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::ops::Range;

use lopdf::{Dictionary, Document, Object, ObjectId, dictionary};

use super::{PdfWriter, Renumber};

/// The structure tree of a chunk, with what cutting it needs.
pub(super) struct Structure {
    root: ObjectId,
    /// The root's entries kept as they are in every file (`RoleMap`, `ClassMap`).
    shared: Dictionary,
    document: ObjectId,
    document_dict: Dictionary,
    /// The `Document` element's kids, each with the chunk page it begins on.
    kids: Vec<(Object, usize)>,
    /// The parent tree: a page's `StructParents` (or an annotation's `StructParent`) →
    /// the elements of its marked content.
    parents: BTreeMap<i64, Object>,
    /// The id tree: an element's `ID` → the element.
    names: Vec<(Vec<u8>, ObjectId)>,
    /// The catalog's `MarkInfo`.
    mark_info: Object,
}

/// How deep a tree is followed: typst's trees are a few levels deep, and a chunk is ours.
const DEPTH: usize = 64;

impl Structure {
    /// The structure tree of `doc`, whose pages are `page_ids` in order; `None` when it has
    /// none or one of another shape than typst's.
    pub(super) fn parse(doc: &Document, page_ids: &[ObjectId]) -> Option<Structure> {
        let catalog = doc.catalog().ok()?;
        let root = catalog.get(b"StructTreeRoot").ok()?.as_reference().ok()?;
        let root_dict = doc.get_dictionary(root).ok()?;
        let document = match root_dict.get(b"K").ok()? {
            Object::Reference(id) => *id,
            Object::Array(k) if k.len() == 1 => k[0].as_reference().ok()?,
            _ => return None,
        };
        let document_dict = doc.get_dictionary(document).ok()?.clone();
        let pages: HashMap<ObjectId, usize> = page_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        let found: Vec<(Object, Option<usize>)> = match document_dict.get(b"K").ok()? {
            Object::Array(kids) => kids
                .iter()
                .map(|k| (k.clone(), first_page(doc, k, &pages, DEPTH)))
                .collect(),
            _ => return None,
        };
        // A kid with no content of its own reads with the kid before it (or, first of all,
        // the one after).
        let mut carried = found.iter().find_map(|(_, p)| *p).unwrap_or(0);
        let kids = found
            .into_iter()
            .map(|(kid, page)| {
                carried = page.unwrap_or(carried);
                (kid, carried)
            })
            .collect();
        let mut parents = BTreeMap::new();
        if let Ok(tree) = root_dict.get(b"ParentTree") {
            numbers(doc, tree, &mut parents, DEPTH);
        }
        let mut names = Vec::new();
        if let Ok(tree) = root_dict.get(b"IDTree") {
            id_names(doc, tree, &mut names, DEPTH);
        }
        let mut shared = Dictionary::new();
        for key in [&b"RoleMap"[..], b"ClassMap"] {
            if let Ok(value) = root_dict.get(key) {
                shared.set(key.to_vec(), value.clone());
            }
        }
        let mark_info = catalog
            .get(b"MarkInfo")
            .cloned()
            .unwrap_or_else(|_| Object::Dictionary(dictionary! { "Marked" => true }));
        Some(Structure {
            root,
            shared,
            document,
            document_dict,
            kids,
            parents,
            names,
            mark_info,
        })
    }

    /// Starts the tree of a file of the chunk's pages `range`, whose dictionaries are
    /// `pages`: writes its `Document` element and numbers what it refers to in `ids`.
    /// [`Structure::finish`] writes the root once every element is written.
    pub(super) fn cut<W: Write>(
        &self,
        range: Range<usize>,
        pages: &[Dictionary],
        doc: &Document,
        ids: &mut Renumber,
        out: &mut PdfWriter<W>,
    ) -> io::Result<Cut> {
        let (root, document) = (out.reserve(), out.reserve());
        ids.map.insert(self.root, root);
        ids.map.insert(self.document, document);
        let mut k = Object::Array(
            self.kids
                .iter()
                .filter(|(_, page)| range.contains(page))
                .map(|(kid, _)| kid.clone())
                .collect(),
        );
        ids.remap(&mut k, out);
        let mut dict = self.document_dict.clone();
        dict.set("K", k);
        dict.set("P", root);
        out.write(document, &Object::Dictionary(dict))?;
        let mut nums = Vec::new();
        let mut next = 0;
        for key in keys(&pages[range], doc) {
            if let Some(value) = self.parents.get(&key) {
                let mut value = value.clone();
                ids.remap(&mut value, out);
                nums.push(Object::Integer(key));
                nums.push(value);
                next = next.max(key + 1);
            }
        }
        Ok(Cut {
            root,
            document,
            nums,
            next,
        })
    }

    /// Writes the root of the tree begun by [`Structure::cut`], with the ids of the
    /// elements the file kept; gives the catalog's `StructTreeRoot` and `MarkInfo`.
    pub(super) fn finish<W: Write>(
        &self,
        cut: Cut,
        ids: &Renumber,
        out: &mut PdfWriter<W>,
    ) -> io::Result<(ObjectId, Object)> {
        let mut root = self.shared.clone();
        root.set("Type", "StructTreeRoot");
        root.set("K", vec![Object::Reference(cut.document)]);
        root.set("ParentTree", dictionary! { "Nums" => cut.nums });
        root.set("ParentTreeNextKey", cut.next);
        let mut names: Vec<(&Vec<u8>, ObjectId)> = self
            .names
            .iter()
            .filter_map(|(name, old)| Some((name, *ids.map.get(old)?)))
            .collect();
        if !names.is_empty() {
            names.sort();
            let names: Vec<Object> = names
                .into_iter()
                .flat_map(|(name, id)| {
                    [
                        Object::String(name.clone(), lopdf::StringFormat::Literal),
                        Object::Reference(id),
                    ]
                })
                .collect();
            root.set("IDTree", dictionary! { "Names" => names });
        }
        out.write(cut.root, &Object::Dictionary(root))?;
        Ok((cut.root, self.mark_info.clone()))
    }
}

/// A file's structure tree, begun.
pub(super) struct Cut {
    root: ObjectId,
    document: ObjectId,
    nums: Vec<Object>,
    next: i64,
}

/// The parent tree keys of `pages`: their own and their annotations'.
fn keys(pages: &[Dictionary], doc: &Document) -> Vec<i64> {
    let mut keys = Vec::new();
    for page in pages {
        if let Ok(k) = page.get(b"StructParents").and_then(Object::as_i64) {
            keys.push(k);
        }
        let annots = page
            .get(b"Annots")
            .and_then(|a| doc.dereference(a))
            .and_then(|(_, a)| a.as_array());
        for annot in annots.into_iter().flatten() {
            let key = doc
                .dereference(annot)
                .and_then(|(_, a)| a.as_dict())
                .and_then(|a| a.get(b"StructParent"))
                .and_then(Object::as_i64);
            keys.extend(key);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The page (index) an element's content begins on: its own `Pg`, or its first kid's.
fn first_page(
    doc: &Document,
    element: &Object,
    pages: &HashMap<ObjectId, usize>,
    depth: usize,
) -> Option<usize> {
    let dict = match element {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    if let Ok(Object::Reference(pg)) = dict.get(b"Pg")
        && let Some(&i) = pages.get(pg)
    {
        return Some(i);
    }
    if depth == 0 {
        return None;
    }
    match dict.get(b"K").ok()? {
        Object::Array(kids) => kids
            .iter()
            .find_map(|k| first_page(doc, k, pages, depth - 1)),
        kid => first_page(doc, kid, pages, depth - 1),
    }
}

/// The entries of a number tree (`Nums`, or `Kids` of nodes).
fn numbers(doc: &Document, node: &Object, into: &mut BTreeMap<i64, Object>, depth: usize) {
    let Ok((_, Object::Dictionary(node))) = doc.dereference(node) else {
        return;
    };
    if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            if let [Object::Integer(k), v] = pair {
                into.insert(*k, v.clone());
            }
        }
    }
    if depth > 0
        && let Ok(kids) = node.get(b"Kids").and_then(Object::as_array)
    {
        for kid in kids {
            numbers(doc, kid, into, depth - 1);
        }
    }
}

/// The entries of a name tree (`Names`, or `Kids` of nodes) that name an object.
fn id_names(doc: &Document, node: &Object, into: &mut Vec<(Vec<u8>, ObjectId)>, depth: usize) {
    let Ok((_, Object::Dictionary(node))) = doc.dereference(node) else {
        return;
    };
    if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [Object::String(name, _), Object::Reference(id)] = pair {
                into.push((name.clone(), *id));
            }
        }
    }
    if depth > 0
        && let Ok(kids) = node.get(b"Kids").and_then(Object::as_array)
    {
        for kid in kids {
            id_names(doc, kid, into, depth - 1);
        }
    }
}
