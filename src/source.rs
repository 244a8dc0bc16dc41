//! A loaded YAML file with the position of every key, so any later stage can cite
//! `file:line:col` for a field.
//!
//! serde's `Value` keeps no positions, so each file is parsed a second time at the
//! event level (yaml-rust2) to build an index from key path to line and column. Paths are
//! written the way `serde_path_to_error` writes them (`dang_ky.tien_do[2].cong_viec`,
//! 0-based indices), which lets a deserialization error find its line directly.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::diagnostics::Cell;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A position in a source file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub col: usize,
}

/// One YAML file of the dataset.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the dataset folder.
    pub display: PathBuf,
    /// The file's whole text.
    pub text: String,
    /// Per YAML document: key path → position. Built on the first diagnostic that needs
    /// it: a clean dataset of thousands of records never pays for the second parse.
    docs: OnceLock<Vec<DocIndex>>,
    /// Where each line starts in `text`, built on the first line asked for: diagnostics
    /// and the results workbook cite a line per record, and counting lines from the top
    /// each time made 10,000 records in one file cost seconds.
    line_starts: OnceLock<Vec<usize>>,
    /// The pieces of a file that parsed whole, split as [`chunks`] splits a broken one:
    /// where each record starts, found by reading lines rather than parsing again.
    pieces: OnceLock<Vec<Chunk>>,
    /// For a spreadsheet: per record (its `Origin::doc`), the cells it came from.
    pub rows: Vec<SheetRow>,
    /// For a file with a syntax error, the pieces it was read in, one record each (see
    /// [`chunks`]); positions are then indexed per piece, so records after the error keep
    /// their lines. Empty for a file that parses whole.
    pub chunks: Vec<Chunk>,
}

/// A piece of a YAML file parsed on its own: one document, or one top-level list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The YAML document it belongs to, counted as libyaml counts them.
    pub doc: usize,
    /// For an item of a top-level list, its index in that list.
    pub item: Option<usize>,
    /// Its first line in the file, from 1.
    pub first_line: usize,
    /// Its bytes in the file's text.
    pub range: std::ops::Range<usize>,
}

/// The cells of one spreadsheet row: its name cell and, per key path, the cell that
/// filled it, each with the value as typed.
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// The name cell and its value.
    pub name: (Cell, Option<String>),
    /// Per key path (`dang_ky.ngay`), its cell and value.
    pub cells: Vec<(String, Cell, Option<String>)>,
}

impl SourceFile {
    /// A file read from the dataset, its key positions not indexed until asked for.
    pub fn new(display: PathBuf, text: String) -> Self {
        Self {
            display,
            text,
            docs: OnceLock::new(),
            line_starts: OnceLock::new(),
            pieces: OnceLock::new(),
            rows: Vec::new(),
            chunks: Vec::new(),
        }
    }

    /// A spreadsheet, one record per row.
    pub fn sheet(display: PathBuf, rows: Vec<SheetRow>) -> Self {
        Self {
            rows,
            ..Self::new(display, String::new())
        }
    }

    /// For a spreadsheet record, the cell of `path` (the column of the key or of its
    /// nearest ancestor); a key with no column (a missing one) is the row's name cell.
    pub fn cell(&self, doc: usize, path: &str) -> Option<(Cell, Option<String>)> {
        let row = self.rows.get(doc)?;
        let mut p = path;
        loop {
            if let Some((_, cell, value)) = row.cells.iter().find(|(k, ..)| k == p) {
                return Some((cell.clone(), value.clone()));
            }
            match parent(p) {
                Some(up) => p = up,
                None => return Some(row.name.clone()),
            }
        }
    }

    /// The position of `path` in document `doc`, or of its nearest ancestor that has one.
    pub fn locate(&self, doc: usize, path: &str) -> Pos {
        let Some(map) = self.docs.get_or_init(|| self.index()).get(doc) else {
            return Pos { line: 1, col: 1 };
        };
        let map = &map.nodes;
        let mut p = path;
        loop {
            if let Some(pos) = map.get(p) {
                return *pos;
            }
            match parent(p) {
                Some(up) => p = up,
                None => return map.get("").copied().unwrap_or(Pos { line: 1, col: 1 }),
            }
        }
    }

    /// Where the scalar value of `path` starts, when it is one (not a mapping or list).
    pub fn value(&self, doc: usize, path: &str) -> Option<Pos> {
        let docs = self.docs.get_or_init(|| self.index());
        docs.get(doc)?.values.get(path).copied()
    }

    /// The position index of every document, per chunk when the file was read in chunks.
    fn index(&self) -> Vec<DocIndex> {
        if self.chunks.is_empty() {
            return index(&self.text);
        }
        let mut docs: Vec<DocIndex> = Vec::new();
        for chunk in &self.chunks {
            let part = index(&self.text[chunk.range.clone()])
                .into_iter()
                .next()
                .unwrap_or_default();
            if docs.len() <= chunk.doc {
                docs.resize_with(chunk.doc + 1, DocIndex::default);
            }
            let doc = &mut docs[chunk.doc];

            // A list item parsed alone is item `[0]` of its own list: renumber it.
            let rename = |path: String| match chunk.item {
                None => Some(path),
                Some(i) => path.strip_prefix("[0]").map(|rest| format!("[{i}]{rest}")),
            };
            let shift = |p: Pos| Pos {
                line: p.line + chunk.first_line - 1,
                col: p.col,
            };
            for (path, pos) in part.nodes {
                if let Some(path) = rename(path) {
                    doc.nodes.entry(path).or_insert(shift(pos));
                }
            }
            for (path, pos) in part.values {
                if let Some(path) = rename(path) {
                    doc.values.entry(path).or_insert(shift(pos));
                }
            }
            // A piece that does not parse may stop before its first node: it still starts
            // on its first line.
            let root = chunk.item.map(|i| format!("[{i}]")).unwrap_or_default();
            doc.nodes.entry(root).or_insert(Pos {
                line: chunk.first_line,
                col: 1,
            });
        }
        docs
    }

    /// The first line of the record at `path` (`""` or `"[3]"`) of document `doc`, found
    /// without parsing the file again: the results workbook cites each record's place,
    /// and indexing every key of ten thousand records for that held tens of megabytes.
    /// `None` when the text does not split that way (a flow-style list).
    pub fn record_line(&self, doc: usize, path: &str) -> Option<usize> {
        let item = match path {
            "" => None,
            p => Some(p.strip_prefix('[')?.strip_suffix(']')?.parse().ok()?),
        };
        let pieces = if self.chunks.is_empty() {
            self.pieces.get_or_init(|| chunks(&self.text))
        } else {
            &self.chunks
        };
        // In file order, so ordered by document then item: one look-up per record, not a
        // walk through all of them (the results workbook asks for every record).
        let at = pieces
            .binary_search_by_key(&(doc, item), |c| (c.doc, c.item))
            .ok()?;
        Some(pieces[at].first_line)
    }

    /// The text of a 1-based line, for diagnostics.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .filter(|&i| i < self.text.len())
                .collect()
        });
        let start = *starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        // As `str::lines` ends a line: before "\n" or "\r\n".
        let line = rest.split('\n').next().unwrap_or(rest);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Splits a YAML text into pieces that each hold one record, for reading a file past a
/// syntax error (libyaml cannot resynchronise): each document (between `---`/`...` lines),
/// and within a document that is a top-level block list, each item (a line starting with
/// `- ` at the first column). Lines keep their place: a piece's errors are shifted by its
/// first line.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    // The document being read, and whether it has begun (a `---` or content): a marker
    // after a begun document starts the next one, as libyaml counts them.
    let (mut doc, mut begun, mut content) = (0usize, false, false);
    let mut open: Option<Chunk> = None;
    let mut list = false;
    let mut list_indent = 0usize;
    let mut item = 0usize;
    let mut offset = 0usize;
    let close = |open: &mut Option<Chunk>, out: &mut Vec<Chunk>| {
        if let Some(c) = open.take() {
            out.push(c);
        }
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let bare = line.trim_end();
        let marker = |m: &str| {
            bare.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(" #"))
        };
        let starts = marker("---");
        if starts || marker("...") {
            close(&mut open, &mut out);
            doc += usize::from(begun);
            begun = starts;
            content = false;
            list = false;
            item = 0;
            continue;
        }
        let trimmed = bare.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || (!content && bare.starts_with('%')) {
            if let Some(c) = open.as_mut() {
                c.range.end = offset;
            }
            continue;
        }
        // A list item at the list's own indentation (usually none: `- loai: …`).
        let indent = bare.len() - trimmed.len();
        let dash = trimmed == "-" || trimmed.starts_with("- ");
        if !content {
            content = true;
            begun = true;
            list = dash;
            list_indent = indent;
        }
        let item_start = dash && indent == list_indent;
        if open.is_none() || (list && item_start) {
            close(&mut open, &mut out);
            open = Some(Chunk {
                doc,
                item: list.then_some(item),
                first_line: i + 1,
                range: start..offset,
            });
            if list {
                item += 1;
            }
        }
        if let Some(c) = open.as_mut() {
            c.range.end = offset;
        }
    }
    close(&mut open, &mut out);
    out
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

/// Joins a key path the way `serde_path_to_error` prints it.
pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

/// The positions of one YAML document.
#[derive(Debug, Default)]
struct DocIndex {
    /// Key path → where the node starts (the key, for a mapping entry).
    nodes: HashMap<String, Pos>,
    /// Key path → where its scalar value starts, for carets under the value.
    values: HashMap<String, Pos>,
}

#[derive(Default)]
struct Indexer {
    docs: Vec<DocIndex>,
    stack: Vec<Frame>,
}

impl Indexer {
    /// The path of the node that starts now, and advances the parent's state.
    fn node_path(&mut self) -> String {
        match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Map { path, key }) => {
                let k = key.take().unwrap_or_default();
                join(path, &k)
            }
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                p
            }
        }
    }

    fn record(&mut self, path: String, mark: Marker) {
        if let Some(doc) = self.docs.last_mut() {
            doc.nodes.entry(path).or_insert(Pos {
                line: mark.line(),
                col: mark.col() + 1,
            });
        }
    }
}

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::DocumentStart => {
                self.docs.push(DocIndex::default());
                self.stack.clear();
            }
            Event::Scalar(value, ..) => {
                // A scalar in key position names the next value instead of being one.
                if let Some(Frame::Map { path, key }) = self.stack.last_mut()
                    && key.is_none()
                {
                    let full = join(path, &value);
                    *key = Some(value);
                    self.record(full, mark);
                    return;
                }
                let p = self.node_path();
                if let Some(doc) = self.docs.last_mut() {
                    doc.values.insert(
                        p.clone(),
                        Pos {
                            line: mark.line(),
                            col: mark.col() + 1,
                        },
                    );
                }
                self.record(p, mark);
            }
            Event::Alias(_) => {
                let p = self.node_path();
                self.record(p, mark);
            }
            Event::MappingStart(..) => {
                let p = self.node_path();
                self.record(p.clone(), mark);
                self.stack.push(Frame::Map { path: p, key: None });
            }
            Event::SequenceStart(..) => {
                let p = self.node_path();
                self.record(p.clone(), mark);
                self.stack.push(Frame::Seq { path: p, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

fn index(text: &str) -> Vec<DocIndex> {
    let mut ix = Indexer::default();
    // A syntax error is reported by the serde parse; positions found so far are kept.
    let _ = Parser::new_from_str(text).load(&mut ix, true);
    ix.docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_documents_and_top_level_items() {
        let text = "# đầu tệp\n- loai: a\n  ma: x\n\n- loai: b\n---\nloai: c\nma: y\n...\n---\n- [1]\n-\n  ma: z\n---\n  - loai: d\n    ds:\n    - 1\n  - loai: e\n";
        let got: Vec<(usize, Option<usize>, usize, &str)> = chunks(text)
            .into_iter()
            .map(|c| (c.doc, c.item, c.first_line, &text[c.range]))
            .collect();
        assert_eq!(
            got,
            [
                (0, Some(0), 2, "- loai: a\n  ma: x\n\n"),
                (0, Some(1), 5, "- loai: b\n"),
                (1, None, 7, "loai: c\nma: y\n"),
                (2, Some(0), 11, "- [1]\n"),
                (2, Some(1), 12, "-\n  ma: z\n"),
                (3, Some(0), 15, "  - loai: d\n    ds:\n    - 1\n"),
                (3, Some(1), 18, "  - loai: e\n"),
            ]
        );
    }

    #[test]
    fn indexes_nested_keys_and_list_items() {
        let f = SourceFile::new(
            "a.yaml".into(),
            "loai: ca_nhan\nma: x\ndang_ky:\n  tien_do:\n    - thoi_gian: 1\n      cong_viec: a\n    - thoi_gian: 2\n      cong_viec: b\n---\n- loai: dot\n  nam: 2025\n".into(),
        );
        assert_eq!(f.locate(0, "ma"), Pos { line: 2, col: 1 });
        assert_eq!(f.locate(0, "dang_ky.tien_do[1].cong_viec").line, 8);
        assert_eq!(f.locate(0, "dang_ky.tien_do[1].khong_co").line, 7);
        assert_eq!(f.locate(1, "[0].nam"), Pos { line: 11, col: 3 });
    }

    #[test]
    fn line_text_reads_lines_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\n\nb",
            "một\r\nhai\r\n",
            "\n\nba\n",
            "x\ny",
        ] {
            let f = SourceFile::new("a.yaml".into(), text.into());
            let want: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = (1..=want.len() + 1).map_while(|n| f.line_text(n)).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(f.line_text(0), None);
        }
    }

    #[test]
    fn a_record_starts_where_its_piece_does() {
        let f = SourceFile::new(
            "a.yaml".into(),
            "# danh sách\n- loai: ca_nhan\n  ma: a\n\n- loai: ca_nhan\n  ma: b\n---\nloai: dot\nnam: 2025\n".into(),
        );
        assert_eq!(f.record_line(0, "[0]"), Some(2));
        assert_eq!(f.record_line(0, "[1]"), Some(5));
        assert_eq!(f.record_line(1, ""), Some(8));
        assert_eq!(f.record_line(0, "[2]"), None);
        assert_eq!(f.record_line(0, "ma"), None);
    }
}
