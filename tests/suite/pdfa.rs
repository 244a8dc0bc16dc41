//! `vanban build --pdfa`: every PDF of `data/` written as PDF/A-2b, certificates cut from
//! their chunk and the print files joined from them included.
//!
//! veraPDF cannot be installed here (no package in Debian), so these checks stand in for
//! the clauses of ISO 19005-2 that a build can break: the header's binary comment and the
//! trailer's `ID` (6.1.2, 6.1.3); an XMP packet that says `pdfaid:part` 2 and
//! `pdfaid:conformance` B, unfiltered, and agrees with the file (6.6.2, 6.6.4); an output
//! intent with an ICC profile (6.2.3); every font embedded (6.2.11.4, read by `pdffonts`);
//! and, stricter than PDF/A-2 asks, no transparency group at all; and poppler reads every
//! file without repairing it.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::common;

/// The text of the catalog's XMP packet, checked to be an unfiltered metadata stream.
fn xmp(doc: &Document, file: &Path) -> String {
    let catalog = doc.catalog().unwrap();
    let stream = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .unwrap_or_else(|e| panic!("{}: no XMP metadata ({e})", file.display()));
    assert!(
        !stream.dict.has(b"Filter"),
        "{}: filtered XMP",
        file.display()
    );
    assert_eq!(
        stream.dict.get(b"Subtype").and_then(Object::as_name).ok(),
        Some(&b"XML"[..]),
        "{}",
        file.display()
    );
    String::from_utf8(stream.content.clone()).unwrap()
}

/// The text of element `tag` in an XMP packet.
fn element<'a>(xmp: &'a str, tag: &str) -> Option<&'a str> {
    let start = xmp.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = xmp[start..].find(&format!("</{tag}>"))?;
    Some(&xmp[start..start + end])
}

/// Whether any dictionary of the file is a transparency group (`/S /Transparency`).
fn transparency_groups(doc: &Document) -> usize {
    fn count(o: &Object) -> usize {
        match o {
            Object::Dictionary(d) => {
                let here = d.get(b"S").and_then(Object::as_name).ok() == Some(&b"Transparency"[..]);
                usize::from(here) + d.iter().map(|(_, v)| count(v)).sum::<usize>()
            }
            Object::Stream(s) => s.dict.iter().map(|(_, v)| count(v)).sum(),
            Object::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    doc.objects.values().map(count).sum()
}

/// The fonts `pdffonts` lists that are not embedded.
fn unembedded_fonts(file: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(file)
        .output()
        .expect("pdffonts (poppler-utils) is installed");
    assert!(out.status.success(), "pdffonts fails on {}", file.display());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    // Columns: name type encoding emb sub uni object ID; the type may hold a space.
    let header = lines.next().expect("pdffonts prints a header");
    let emb = header.find(" emb ").expect("an emb column") + 1;
    lines
        .skip(1)
        .filter(|l| l.get(emb..emb + 3) != Some("yes"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn build_pdfa_writes_every_pdf_as_pdfa_2b_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::copy_dir(&common::root().join("data"), &data);
    let out = dir.path().join("out");
    let run = common::vanban(&[
        "build",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--pdfa",
        "--khong-phong-he-thong",
        "-q",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdfs: Vec<_> = common::files(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    // In place: the same names as a plain build, certificates and print files included.
    let certificates = pdfs
        .iter()
        .filter(|p| p.starts_with("2025/giay-khen"))
        .count();
    assert!(certificates >= 3, "{pdfs:?}");
    assert!(
        pdfs.iter()
            .any(|p| p.ends_with("giay-khen/ubnd-xa/in-tat-ca.pdf")),
        "{pdfs:?}"
    );
    assert!(pdfs.len() >= 10, "{pdfs:?}");
    for rel in &pdfs {
        let file = out.join(rel);
        let name = rel.display();
        let bytes = std::fs::read(&file).unwrap();
        // 6.1.2: a header, then a comment of four bytes above 127.
        assert!(bytes.starts_with(b"%PDF-1."), "{name}");
        let second = bytes.split(|&b| b == b'\n').nth(1).unwrap();
        assert!(
            second.starts_with(b"%") && second[1..5].iter().all(|&b| b > 127),
            "{name}"
        );
        let doc = Document::load_mem(&bytes).unwrap();
        // 6.1.3: the trailer has an ID.
        assert!(doc.trailer.get(b"ID").is_ok(), "{name}: no trailer ID");
        let pages = doc.get_pages().len();
        assert_eq!(common::page_count(&file), pages, "{name}");
        // 6.6.2, 6.6.4: the XMP says PDF/A-2b, and describes this file, not its chunk.
        let xmp = xmp(&doc, &file);
        let says = |tag: &str| element(&xmp, tag).map(str::to_owned);
        assert_eq!(says("pdfaid:part").as_deref(), Some("2"), "{name}: {xmp}");
        assert_eq!(
            says("pdfaid:conformance").as_deref(),
            Some("B"),
            "{name}: {xmp}"
        );
        assert_eq!(
            says("xmpTPg:NPages"),
            Some(pages.to_string()),
            "{name}: {xmp}"
        );
        // 6.2.3: an output intent, PDF/A's, with its ICC profile embedded.
        let catalog = doc.catalog().unwrap();
        let intents = match catalog.get(b"OutputIntents").unwrap() {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap(),
            o => o.as_array().unwrap(),
        };
        assert!(!intents.is_empty(), "{name}");
        let intent = doc.dereference(&intents[0]).unwrap().1.as_dict().unwrap();
        assert_eq!(
            intent.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"GTS_PDFA1"[..]),
            "{name}"
        );
        let profile = intent
            .get(b"DestOutputProfile")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_object(id))
            .and_then(Object::as_stream)
            .unwrap_or_else(|e| panic!("{name}: no ICC profile ({e})"));
        assert!(profile.content.len() > 100, "{name}");
        // 6.2.11.4: every font embedded.
        assert_eq!(unembedded_fonts(&file), Vec::<String>::new(), "{name}");
        assert_eq!(transparency_groups(&doc), 0, "{name}");
    }
    // What the files say is what a plain build says: a certificate names its person.
    let cert = out.join("2025/giay-khen/ubnd-xa/mttq-ap-tan-phu.pdf");
    let text = common::pdf_text(&cert);
    assert!(text.contains("GIẤY KHEN"), "{text}");
}
