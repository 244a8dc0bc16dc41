//! `vanban ban-hanh`: recording documents as issued (or, withdrawn, as drafts again), each
//! decision with the certificates its issued list holds.

use std::path::Path;

use anyhow::Context;
use rusqlite::params;
use unicode_normalization::UnicodeNormalization;

use super::{DEFAULT_WAIT, DRAFT, FILE, Filter, ISSUED, Register, Row};
use crate::numbering::{self, Abbrev};

/// Which documents `vanban ban-hanh` marks: `symbols` (`01/QĐ-UBND`) or, when empty,
/// every numbered document of the round of `year` (default: the latest in the register)
/// that has been written.
#[derive(Debug, Clone, Default)]
pub struct Marking {
    /// The round's year.
    pub year: Option<i32>,
    /// The symbols named; empty for all.
    pub symbols: Vec<String>,
    /// Withdraw the mark instead of setting it.
    pub withdraw: bool,
}

/// Records documents of `dataset` as issued (or, withdrawing, as drafts again), with the
/// certificates of each decision. Gives the lines changed.
pub fn mark(dataset: &Path, marking: &Marking) -> anyhow::Result<Vec<Row>> {
    if !dataset.join(FILE).is_file() {
        anyhow::bail!(
            "chưa có sổ văn bản {} — chạy `vanban build` trước, in và kiểm tra văn bản rồi mới ban hành",
            dataset.join(FILE).display()
        );
    }
    let mut reg = Register::open(dataset, DEFAULT_WAIT)?;
    let ctx = reg.context();
    let all = reg.rows(&Filter::default())?;
    let year = match marking.year {
        Some(y) => y,
        None => all.iter().map(|r| r.year).max().unwrap_or_default(),
    };
    let docs: Vec<&Row> = all
        .iter()
        .filter(|r| r.kind != Abbrev::SoVang.as_str() && r.year == year && r.file.is_some())
        .collect();
    let wanted: Vec<String> = marking
        .symbols
        .iter()
        .map(|s| s.trim().nfc().collect::<String>().to_uppercase())
        .collect();
    let mut chosen: Vec<&Row> = Vec::new();
    for w in &wanted {
        let found: Vec<&Row> = docs
            .iter()
            .copied()
            .filter(|r| r.symbol.to_uppercase() == *w)
            .collect();
        if found.is_empty() {
            let known: Vec<&str> = docs.iter().map(|r| r.symbol.as_str()).collect();
            anyhow::bail!(
                "không thấy văn bản số {w} của năm {year} trong sổ văn bản — các số đã cấp: {} (xem `vanban so`; văn bản năm khác: thêm `--nam NĂM`)",
                if known.is_empty() {
                    "(chưa có)".to_owned()
                } else {
                    known.join(", ")
                }
            );
        }
        chosen.extend(found);
    }
    if wanted.is_empty() {
        chosen = docs;
    }
    let (state, at) = if marking.withdraw {
        (DRAFT, None)
    } else {
        (
            ISSUED,
            Some(chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()),
        )
    };
    let mut changed = Vec::new();
    for r in chosen {
        reg.conn
            .execute(
                "UPDATE van_ban SET trang_thai = ?5, ban_hanh_luc = ?6
                 WHERE co_quan = ?1 AND pham_vi = ?2 AND loai = ?3 AND doi_tuong = ?4",
                params![r.body, r.scope, r.kind, r.subject, state, at],
            )
            .with_context(|| ctx.clone())?;
        // A decision's certificates go with it: those its issued list holds, not the lines
        // of records removed from it before it was issued.
        let listed: Option<String> = reg
            .conn
            .query_row(
                "SELECT danh_sach FROM van_ban
                 WHERE co_quan = ?1 AND pham_vi = ?2 AND loai = ?3 AND doi_tuong = ?4",
                params![r.body, r.scope, r.kind, r.subject],
                |row| row.get(0),
            )
            .with_context(|| ctx.clone())?;
        let listed: Vec<String> = numbering::parse_listing(listed.as_deref().unwrap_or_default())
            .into_iter()
            .map(|e| e.ma)
            .collect();
        for ma in &listed {
            reg.conn
                .execute(
                    "UPDATE van_ban SET trang_thai = ?4, ban_hanh_luc = ?5
                     WHERE loai = 'SSV' AND co_quan = ?1 AND nam = ?2 AND thuoc = ?3
                       AND doi_tuong = ?6",
                    params![r.body, r.year, r.subject, state, at, ma],
                )
                .with_context(|| ctx.clone())?;
        }
        if listed.is_empty() {
            // A line from version 1 kept no list: all its certificates' lines.
            reg.conn
                .execute(
                    "UPDATE van_ban SET trang_thai = ?4, ban_hanh_luc = ?5
                     WHERE loai = 'SSV' AND co_quan = ?1 AND nam = ?2 AND thuoc = ?3",
                    params![r.body, r.year, r.subject, state, at],
                )
                .with_context(|| ctx.clone())?;
        }
        let mut r = r.clone();
        r.state = state.to_owned();
        changed.push(r);
    }
    reg.finish()?;
    Ok(changed)
}
