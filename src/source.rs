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
    /// For a spreadsheet: per record (its `Origin::doc`), the cells it came from.
    pub rows: Vec<SheetRow>,
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
            rows: Vec::new(),
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
        let Some(map) = self.docs.get_or_init(|| index(&self.text)).get(doc) else {
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
        let docs = self.docs.get_or_init(|| index(&self.text));
        docs.get(doc)?.values.get(path).copied()
    }

    /// The text of a 1-based line, for diagnostics.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
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
}
