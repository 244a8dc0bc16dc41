//! Characters the chosen fonts cannot draw, found in the data before anything is laid
//! out: an emoji or a control character in one name used to pass `check` and then fail
//! the recognition decision, the tờ trình and the reward decision for everybody, named
//! only by the PDF. Here it is an error at its line and column in the YAML, said once per
//! character, and it drops only the records that contain it.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostics::{Diagnostic, Location};
use crate::fonts::FontSet;
use crate::load::{Dataset, Origin};

/// Checks every record's text against `fonts` and removes the records holding a
/// character the fonts cannot draw.
pub fn check(ds: &mut Dataset, fonts: &FontSet) -> Vec<Diagnostic> {
    // The characters no font draws, where they are: (file, line, column, character).
    let mut found: Vec<(usize, usize, usize, char)> = Vec::new();
    for (file, source) in ds.files.iter().enumerate() {
        for (i, line) in source.text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            for (col, c) in line.chars().enumerate() {
                // libyaml refuses a control character in the text, and `load` says so
                // at its place: not twice.
                if !fonts.draws(c) && !crate::limits::is_control(c) {
                    found.push((file, i + 1, col + 1, c));
                }
            }
        }
    }
    // Which record a line belongs to is asked only when one holds such a character:
    // placing every record costs a second parse of each file.
    if found.is_empty() {
        return Vec::new();
    }
    // Each file's records by first line, to find which record a line belongs to.
    let mut starts: BTreeMap<usize, Vec<(usize, Origin)>> = BTreeMap::new();
    let origins = ds
        .bodies
        .iter()
        .map(|r| &r.origin)
        .chain(ds.rounds.iter().map(|r| &r.origin))
        .chain(ds.collectives.iter().map(|r| &r.origin))
        .chain(ds.persons.iter().map(|r| &r.origin))
        .chain(ds.unloaded.iter().map(|u| &u.origin));
    for o in origins {
        let line = ds.locate_record(o).line.unwrap_or(1);
        starts.entry(o.file).or_default().push((line, o.clone()));
    }
    starts.values_mut().for_each(|v| v.sort_by_key(|(l, _)| *l));

    let mut first: BTreeMap<char, (Location, usize)> = BTreeMap::new();
    let mut bad: HashSet<Origin> = HashSet::new();
    for (file, number, col, c) in found {
        let records = starts.get(&file).map(Vec::as_slice).unwrap_or_default();
        let Some((_, origin)) = records.iter().rev().find(|(l, _)| *l <= number) else {
            continue;
        };
        bad.insert(origin.clone());
        let source = &ds.files[file];
        first
            .entry(c)
            .and_modify(|(_, n)| *n += 1)
            .or_insert_with(|| {
                (
                    Location::line(
                        source.display.clone(),
                        number,
                        col,
                        source.line_text(number).map(str::to_owned),
                    ),
                    1,
                )
            });
    }
    let family = fonts.family().to_owned();
    let diags = first
        .into_iter()
        .map(|(c, (loc, n))| {
            let more = if n > 1 {
                format!(" (và {} chỗ khác)", n - 1)
            } else {
                String::new()
            };
            Diagnostic::error(format!(
                "phông chữ “{family}” không có chữ “{}” (U+{:04X}){more}: bản ghi này bị bỏ qua",
                printable(c),
                c as u32
            ))
            .code(crate::codes::Code::MissingGlyph)
            .at(loc)
            .hint("xóa hoặc gõ lại chữ này (thường do dán từ nơi khác hay gõ nhầm bảng mã); nếu chữ đúng, đặt một phông Times New Roman có chữ này vào thư mục fonts/ của bộ dữ liệu")
        })
        .collect();
    ds.bodies.retain(|r| !bad.contains(&r.origin));
    ds.rounds.retain(|r| !bad.contains(&r.origin));
    ds.collectives.retain(|r| !bad.contains(&r.origin));
    ds.persons.retain(|r| !bad.contains(&r.origin));
    diags
}

/// A character as a message can show it: controls have no face of their own.
fn printable(c: char) -> String {
    if c.is_control() {
        format!("ký tự điều khiển {}", c.escape_unicode())
    } else {
        c.to_string()
    }
}
