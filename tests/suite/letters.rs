//! Letters and reports written in batches and cut apart (src/letters.rs), and not written
//! again while their file already holds what they print.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{build_in_place, copy_dir, files, page_count, page_text, pdfinfo, root};
use vanban::pipeline::{self, BuildOptions};

/// The letters under `out`, each with its bytes.
fn letters(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(out)
        .into_iter()
        .filter(|p| p.starts_with("2025/dang-ky") || p.starts_with("2025/bao-cao"))
        .map(|p| {
            let bytes = std::fs::read(out.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

/// The lines of `pdfinfo` that say what a letter is, whoever wrote it.
fn identity(path: &Path) -> Vec<String> {
    pdfinfo(path)
        .lines()
        .filter(|l| {
            [
                "Title:",
                "CreationDate:",
                "ModDate:",
                "Pages:",
                "Page size:",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .map(str::to_owned)
        .collect()
}

/// Each letter cut from a batch reads as the same letter made alone (a PDF/A build still
/// makes letters one by one): the same text page for page, title, dates, page count and
/// size, its language, page numbers from page 2, an id of its own, and the same structure
/// tree for a screen reader, whose parent tree leads each page's marked content back to
/// the element on that page.
#[test]
fn a_letter_written_with_others_reads_as_the_letter_made_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&root().join("data"), &data);
    let (cut, alone) = (dir.path().join("cut"), dir.path().join("alone"));
    let made = build_in_place(&data, &cut, 2);
    assert!(!made.report.has_errors(), "{}", made.report.render());
    let mut opts = BuildOptions::new(&data, &alone);
    opts.system_fonts = false;
    opts.threads = 2;
    opts.pdfa = true;
    pipeline::build(&opts).expect("the build runs");
    let batched = letters(&cut);
    assert!(batched.len() > 40, "{:?}", batched.keys());
    let mut ids = std::collections::HashSet::new();
    for name in batched.keys() {
        let (a, b) = (cut.join(name), alone.join(name));
        let shown = name.display();
        assert_eq!(identity(&a), identity(&b), "{shown}");
        assert!(
            identity(&a).iter().any(|l| l.starts_with("Title:")
                && (l.contains("BẢN ĐĂNG KÝ") || l.contains("BÁO CÁO THÀNH TÍCH"))),
            "{shown}: {:?}",
            identity(&a)
        );
        let pages = page_count(&a);
        for k in 1..=pages {
            assert_eq!(page_text(&a, k), page_text(&b, k), "{shown}, page {k}");
            if k >= 2 {
                assert!(
                    page_text(&a, k).starts_with(&format!("{k} ")),
                    "{shown}, page {k}"
                );
            }
        }
        assert!(pdfinfo(&a).contains("Tagged:          yes"), "{shown}");
        let tree = structure(&a);
        assert!(tree.len() > 20, "{shown}: {tree:?}");
        assert_eq!(tree, structure(&b), "{shown}");
        let doc = lopdf::Document::load(&a).unwrap();
        assert_eq!(
            doc.catalog()
                .unwrap()
                .get(b"Lang")
                .and_then(lopdf::Object::as_str)
                .ok(),
            Some(&b"vi-VN"[..]),
            "{shown}"
        );
        let id = format!("{:?}", doc.trailer.get(b"ID").unwrap());
        assert!(ids.insert(id), "{shown} has another letter's id");
    }
}

/// A tagged PDF's structure tree as a screen reader walks it: each element's depth, type,
/// page and marked-content ids; checking on the way that the parent tree leads every
/// marked-content id of a page back to the element that holds it.
fn structure(path: &Path) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load(path).unwrap();
    let pages: std::collections::HashMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let parents = root.get(b"ParentTree").unwrap();
    let parents = doc.dereference(parents).unwrap().1.as_dict().unwrap();
    let nums = parents.get(b"Nums").unwrap().as_array().unwrap();
    let parent_of = |page: lopdf::ObjectId, mcid: i64| -> lopdf::ObjectId {
        let key = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"StructParents")
            .unwrap()
            .as_i64()
            .unwrap();
        let at = nums
            .chunks(2)
            .find(|p| p[0].as_i64().unwrap() == key)
            .unwrap_or_else(|| panic!("no parent tree entry {key}"));
        let list = doc.dereference(&at[1]).unwrap().1.as_array().unwrap();
        list[mcid as usize].as_reference().unwrap()
    };
    let mut out = Vec::new();
    let mut todo: Vec<(lopdf::ObjectId, usize)> = match root.get(b"K").unwrap() {
        Object::Array(k) => k
            .iter()
            .rev()
            .map(|k| (k.as_reference().unwrap(), 0))
            .collect(),
        k => vec![(k.as_reference().unwrap(), 0)],
    };
    while let Some((id, depth)) = todo.pop() {
        let e = doc.get_dictionary(id).unwrap();
        let page = e.get(b"Pg").and_then(Object::as_reference).ok();
        let kids = match e.get(b"K") {
            Ok(Object::Array(k)) => k.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => Vec::new(),
        };
        let mut mcids = Vec::new();
        for kid in kids.iter().rev() {
            match kid {
                Object::Reference(r) => todo.push((*r, depth + 1)),
                Object::Integer(m) => mcids.push(*m),
                _ => {}
            }
        }
        mcids.reverse();
        for &m in &mcids {
            let page = page.expect("marked content names its page");
            assert_eq!(parent_of(page, m), id, "{}: mcid {m}", path.display());
        }
        out.push(format!(
            "{depth} {} p{} {mcids:?}",
            String::from_utf8_lossy(e.get(b"S").unwrap().as_name().unwrap()),
            page.map_or(0, |p| pages[&p])
        ));
    }
    out
}

/// A second build writes no letter; a fixed name rewrites that person's two letters and
/// nothing else; a letter file cut short, or made from another template, is made again.
#[test]
fn only_the_letters_that_changed_are_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&root().join("data"), &data);
    let out = dir.path().join("out");
    build_in_place(&data, &out, 2);
    let first = letters(&out);

    let again = build_in_place(&data, &out, 2);
    assert_eq!(again.current.len(), first.len(), "{:?}", again.written);
    assert!(again.written.iter().all(|p| !first.contains_key(p)));
    assert_eq!(letters(&out), first);

    // Trần Văn Bửu's name fixed after his letters were made.
    let list = data.join("ca-nhan/danh-sach-1.yaml");
    let yaml = std::fs::read_to_string(&list).unwrap();
    assert_eq!(yaml.matches("ho_ten: Trần Văn Bửu").count(), 1);
    std::fs::write(
        &list,
        yaml.replace("ho_ten: Trần Văn Bửu", "ho_ten: Trần Văn Bữu"),
    )
    .unwrap();
    let fixed = build_in_place(&data, &out, 2);
    assert!(!fixed.report.has_errors(), "{}", fixed.report.render());
    let after = letters(&out);
    let changed: Vec<&PathBuf> = first.keys().filter(|p| after[*p] != first[*p]).collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    for p in &changed {
        assert!(fixed.written.contains(p), "{}", p.display());
        let text = crate::common::pdf_text(&out.join(p));
        assert!(text.contains("Trần Văn Bữu"), "{}: {text}", p.display());
    }
    assert_eq!(fixed.current.len(), first.len() - 2);

    // A file cut short (a copy that stopped) is made again, whole.
    let victim = out.join(changed[0]);
    let bytes = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();
    let mended = build_in_place(&data, &out, 2);
    assert_eq!(mended.current.len(), first.len() - 1);
    assert_eq!(std::fs::read(&victim).unwrap(), bytes);

    // The letters' template changed in the dataset: every letter is made from it again.
    let templates = data.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let thu = std::fs::read_to_string(root().join("templates/thu.typ.tera")).unwrap();
    std::fs::write(
        templates.join("thu.typ.tera"),
        format!("{thu}\n#text(size: 1pt)[mẫu riêng]\n"),
    )
    .unwrap();
    let retemplated = build_in_place(&data, &out, 2);
    assert!(retemplated.current.is_empty(), "{:?}", retemplated.current);
    let last = letters(&out);
    assert!(last.keys().all(|p| last[p] != first[p]));
    assert!(crate::common::pdf_text(&out.join(changed[1])).contains("mẫu riêng"));
}
