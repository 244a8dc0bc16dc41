//! Reading the register back: its lines as stored ([`Row`]), `vanban so`'s table, the
//! year's `so-van-ban.csv` (and its Excel twin), and the check for a number held twice.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, ErrorCode, OpenFlags, params};

use super::schema::{SCHEMA_VERSION, damaged};
use super::{FILE, ISSUED, Register};
use crate::numbering;
use crate::the_thuc;

/// One line of the register as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The issuing body's `ma`.
    pub body: String,
    /// The numbering scope (D7): `2025`, or `NK2020-10-15` for a Party term.
    pub scope: String,
    /// The register abbreviation of the kind: `QĐ`, `TTr`, `BC`, or `SSV` for a certificate.
    pub kind: String,
    /// The number in its sequence (a Số sổ vàng for a certificate).
    pub number: u32,
    /// The record or round the paper is for.
    pub subject: String,
    /// The document this one belongs to: a certificate's decision.
    pub of: Option<String>,
    /// Whether the number was written as `so` in the data rather than given here.
    pub given: bool,
    /// The year of the round.
    pub year: i32,
    /// ISO date: `2025-12-15`.
    pub date: String,
    /// The printed number and symbol: `15-QĐ/BCĐ`.
    pub symbol: String,
    /// The trích yếu, or a certificate's recipient.
    pub summary: String,
    /// Who signs: `Phó Trưởng ban Nguyễn Văn A`.
    pub signer: String,
    /// The "Nơi nhận" lines.
    pub recipients: Vec<String>,
    /// The PDF under `out/`, once written.
    pub file: Option<String>,
    /// The SHA-256 of that file.
    pub sha256: Option<String>,
    /// When the number was first given.
    pub issued_at: String,
    /// [`DRAFT`] or [`ISSUED`].
    pub state: String,
}

impl Row {
    /// Whether the document is recorded as issued.
    pub fn is_issued(&self) -> bool {
        self.state == ISSUED
    }
}

/// Which lines to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this round's year.
    pub year: Option<i32>,
    /// Only this body's `ma`.
    pub body: Option<String>,
}

/// Lists the register of `dataset`; a version 1 register is migrated first.
pub fn list(dataset: &Path, filter: &Filter) -> anyhow::Result<Vec<Row>> {
    let path = dataset.join(FILE);
    if !path.is_file() {
        anyhow::bail!(
            "chưa có sổ văn bản {} — sổ được tạo khi chạy `vanban build` lần đầu",
            path.display()
        );
    }
    // Read-write without create: a build killed mid-run leaves a journal that the next
    // reader must roll back, which a read-only connection cannot do. Listing still only
    // reads; read-only media fall back to a read-only connection.
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .or_else(|_| Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .with_context(|| format!("không mở được sổ văn bản {}", path.display()))?;
    conn.busy_timeout(Duration::from_secs(30))
        .with_context(|| format!("không mở được sổ văn bản {}", path.display()))?;
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Ok(v) => v,
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            ) =>
        {
            return Err(damaged(&path, "không phải tệp sổ văn bản, hoặc bị cắt cụt"));
        }
        Err(e) => {
            return Err(e).with_context(|| format!("sổ văn bản {} bị lỗi", path.display()));
        }
    };
    if version == 0 {
        return Ok(Vec::new());
    }
    if version > SCHEMA_VERSION {
        anyhow::bail!(
            "sổ văn bản {} do phiên bản vanban mới hơn tạo — cập nhật vanban rồi chạy lại",
            path.display()
        );
    }
    if version < SCHEMA_VERSION {
        drop(conn);
        let mut reg = Register::open(dataset, Duration::from_secs(30))?;
        reg.finish()?;
        return reg.rows(filter);
    }
    select(&conn, filter).with_context(|| format!("sổ văn bản {} bị lỗi", path.display()))
}

pub(super) fn select(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Row>> {
    // A certificate sorts right after its decision: same body, year, decision subject.
    let mut stmt = conn.prepare(
        "SELECT co_quan, pham_vi, loai, so, doi_tuong, thuoc, so_cho_truoc, nam, ngay,
                ky_hieu, trich_yeu, nguoi_ky, noi_nhan, tep, sha256, cap_luc, trang_thai
         FROM van_ban
         WHERE (?1 IS NULL OR nam = ?1) AND (?2 IS NULL OR co_quan = ?2)
         ORDER BY nam, co_quan, coalesce(thuoc, doi_tuong), loai = 'SSV', loai, so",
    )?;
    let rows = stmt.query_map(params![filter.year, filter.body], |r| {
        Ok(Row {
            body: r.get(0)?,
            scope: r.get(1)?,
            kind: r.get(2)?,
            number: r.get(3)?,
            subject: r.get(4)?,
            of: r.get(5)?,
            given: r.get(6)?,
            year: r.get(7)?,
            date: r.get(8)?,
            symbol: r.get(9)?,
            summary: r.get(10)?,
            signer: r.get(11)?,
            recipients: r
                .get::<_, String>(12)?
                .lines()
                .map(str::to_owned)
                .filter(|l| !l.is_empty())
                .collect(),
            file: r.get(13)?,
            sha256: r.get(14)?,
            issued_at: r.get(15)?,
            state: r.get(16)?,
        })
    })?;
    rows.collect()
}

/// The numbers found on more than one line of a sequence: `(body, scope, kind, number)`.
/// The unique index makes this impossible for a register vanban wrote; a file edited or
/// restored by hand is still checked.
pub fn duplicates(rows: &[Row]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, &str, u32), Vec<&Row>> = HashMap::new();
    for r in rows {
        seen.entry((&r.body, &r.scope, &r.kind, r.number))
            .or_default()
            .push(r);
    }
    let mut out: Vec<String> = seen
        .into_values()
        .filter(|v| v.len() > 1)
        .map(|v| {
            let holders: Vec<&str> = v.iter().map(|r| r.subject.as_str()).collect();
            format!(
                "số {} ({} của {}, {}) có {} dòng: {}",
                the_thuc::number(v[0].number),
                v[0].kind,
                v[0].body,
                numbering::scope_label(&v[0].scope),
                v.len(),
                holders.join(", ")
            )
        })
        .collect();
    out.sort();
    out
}

/// `2025-12-15` → `15/12/2025`; anything else as stored.
fn date_vi(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// The column heads of `so-van-ban.csv`: NĐ 30's register columns vanban knows, then ours.
pub const CSV_HEAD: [&str; 13] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Cơ quan",
    "Loại",
    "Số",
    "Phạm vi đánh số",
    "Văn bản cho",
    "Số ghi trong dữ liệu",
    "Tệp",
    "SHA-256",
];

/// The CSV lines of `rows`, head first. Nothing time-dependent goes in, so rebuilding gives
/// the same file.
pub fn csv_rows(rows: &[Row]) -> impl Iterator<Item = Vec<String>> + '_ {
    let head = CSV_HEAD.iter().map(|s| (*s).to_owned()).collect();
    std::iter::once(head).chain(rows.iter().map(|r| {
        vec![
            r.symbol.clone(),
            date_vi(&r.date),
            r.summary.clone(),
            r.signer.clone(),
            r.recipients.join("\n"),
            r.body.clone(),
            r.kind.clone(),
            // `de_trong_so`: the number is the one the văn thư writes by hand, not ours.
            if r.symbol.starts_with('\u{a0}') {
                String::new()
            } else {
                the_thuc::number(r.number)
            },
            numbering::scope_label(&r.scope),
            r.subject.clone(),
            if r.given { "có" } else { "" }.to_owned(),
            r.file.clone().unwrap_or_default(),
            r.sha256.clone().unwrap_or_default(),
        ]
    }))
}

/// The register as a terminal table (`vanban so`).
pub fn table(rows: &[Row]) -> String {
    let head = [
        "Số, ký hiệu",
        "Ngày",
        "Cơ quan",
        "Trích yếu",
        "Người ký",
        "Trạng thái",
        "Tệp",
    ];
    let twice: HashSet<(&str, &str, &str, u32)> = {
        let mut seen = HashSet::new();
        rows.iter()
            .map(|r| (r.body.as_str(), r.scope.as_str(), r.kind.as_str(), r.number))
            .filter(|k| !seen.insert(*k))
            .collect()
    };
    let mut lines: Vec<[String; 7]> = vec![head.map(str::to_owned)];
    for r in rows {
        let mut state = if r.is_issued() {
            "đã ban hành"
        } else {
            "dự thảo"
        }
        .to_owned();
        if twice.contains(&(r.body.as_str(), r.scope.as_str(), r.kind.as_str(), r.number)) {
            state.push_str(" (TRÙNG SỐ)");
        }
        if r.symbol.starts_with('\u{a0}') {
            // `de_trong_so`: the văn thư writes the number by hand; vanban keeps its place.
            state.push_str(" (để trống số)");
        }
        lines.push([
            r.symbol.clone(),
            date_vi(&r.date),
            r.body.clone(),
            clip(&r.summary, 60),
            r.signer.clone(),
            state,
            r.file.clone().unwrap_or_else(|| "(chưa tạo)".to_owned()),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let cells: Vec<String> = l
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

impl Register {
    /// The register's lines, as [`list`] gives them, through this run's connection.
    pub fn rows(&self, filter: &Filter) -> anyhow::Result<Vec<Row>> {
        select(&self.conn, filter).with_context(|| self.context())
    }
}
