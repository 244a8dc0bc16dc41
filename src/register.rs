//! The issuing register (sổ đăng ký văn bản đi, NĐ 30 Phụ lục IV): every number once, the
//! same number on every rebuild.
//!
//! The register is a SQLite file in the dataset folder, [`FILE`], not in `out/`: deleting
//! the output and building again must give the same numbers. A document's identity — body,
//! numbering scope (D7), kind and the record or round it is for — maps to one number
//! forever; a new identity gets the highest number of its sequence plus one.
//!
//! One run holds the register's write lock (`BEGIN IMMEDIATE`) from the first proposal to
//! the commit, so two builds on one dataset queue instead of handing out the same number.
//! Numbers are only proposed while planning and written in a single transaction after the
//! PDFs are in place; a run that stops early (an error, a kill) rolls back and leaves the
//! register as it was, and the next run proposes the same numbers again.
//!
//! Only numbers that appear on a written PDF are committed: a document that failed to
//! compile, and a decision none of whose certificates was written, issue nothing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, ErrorCode, OpenFlags, params};

pub use crate::numbering::Written;
use crate::numbering::{self, Abbrev, Assigned, Clash, DocKey, Issued, Numbering};
use crate::the_thuc;
pub use crate::write::sha256;

/// The register's file name inside the dataset folder.
pub const FILE: &str = "so-van-ban.sqlite3";

/// The schema this build writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

/// How long a build waits for another build holding the register, by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);

const SCHEMA: &str = "
CREATE TABLE van_ban (
    id           INTEGER PRIMARY KEY,
    co_quan      TEXT NOT NULL,
    -- numbering scope (D7): '2025', or 'NK2020-10-15' for a Party term
    pham_vi      TEXT NOT NULL,
    -- QĐ, TTr, BC; SSV for a certificate, whose number is its Số sổ vàng
    loai         TEXT NOT NULL,
    so           INTEGER NOT NULL,
    -- the record or round the document is for
    doi_tuong    TEXT NOT NULL,
    -- a certificate's decision (its doi_tuong)
    thuoc        TEXT,
    -- 1 when the number was written as `so` in the data
    so_cho_truoc INTEGER NOT NULL DEFAULT 0,
    nam          INTEGER NOT NULL,
    ngay         TEXT NOT NULL,
    ky_hieu      TEXT NOT NULL,
    trich_yeu    TEXT NOT NULL,
    nguoi_ky     TEXT NOT NULL,
    noi_nhan     TEXT NOT NULL,
    tep          TEXT,
    sha256       TEXT,
    cap_luc      TEXT NOT NULL,
    UNIQUE (co_quan, pham_vi, loai, doi_tuong)
);
-- Allocated numbers are unique in their sequence; a Số sổ vàng is derived from its list.
CREATE UNIQUE INDEX van_ban_so ON van_ban (co_quan, pham_vi, loai, so) WHERE loai <> 'SSV';
";

/// (body, scope, kind): one numbering sequence.
type Sequence = (String, String, Abbrev);

fn sequence(key: &DocKey) -> Sequence {
    (key.body.clone(), key.scope.clone(), key.kind)
}

/// The register of one dataset, opened for a build and holding its write lock.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    numbers: HashMap<DocKey, u32>,
    holders: HashMap<(Sequence, u32), DocKey>,
    highest: HashMap<Sequence, u32>,
    given: HashSet<DocKey>,
    wait: Duration,
    in_transaction: bool,
}

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
}

/// Which lines to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this round's year.
    pub year: Option<i32>,
    /// Only this body's `ma`.
    pub body: Option<String>,
}

/// Whether SQLite gave up waiting for another connection's lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn locked_error(path: &Path, wait: Duration) -> anyhow::Error {
    anyhow::anyhow!(
        "sổ văn bản {} đang được một lần chạy vanban khác giữ (đã chờ {} giây) — chờ lần chạy kia xong rồi chạy lại; nếu không còn lần chạy nào, đóng chương trình đang mở tệp này",
        path.display(),
        wait.as_secs()
    )
}

impl Register {
    /// Opens (creating on first use) the register of `dataset` and takes its write lock,
    /// waiting up to `wait` for another build to finish.
    pub fn open(dataset: &Path, wait: Duration) -> anyhow::Result<Register> {
        let path = dataset.join(FILE);
        let conn = Connection::open(&path)
            .with_context(|| format!("không mở được sổ văn bản {}", path.display()))?;
        conn.busy_timeout(wait)
            .with_context(|| format!("không mở được sổ văn bản {}", path.display()))?;
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            if is_busy(&e) {
                return Err(locked_error(&path, wait));
            }
            return Err(e).with_context(|| format!("không mở được sổ văn bản {}", path.display()));
        }
        let mut reg = Register {
            conn,
            path,
            numbers: HashMap::new(),
            holders: HashMap::new(),
            highest: HashMap::new(),
            given: HashSet::new(),
            wait,
            in_transaction: true,
        };
        reg.migrate()?;
        reg.load()?;
        Ok(reg)
    }

    fn context(&self) -> String {
        format!("sổ văn bản {} bị lỗi", self.path.display())
    }

    fn migrate(&self) -> anyhow::Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .with_context(|| self.context())?;
        match version {
            0 => {
                self.conn
                    .execute_batch(SCHEMA)
                    .with_context(|| self.context())?;
                self.conn
                    .pragma_update(None, "user_version", SCHEMA_VERSION)
                    .with_context(|| self.context())?;
                Ok(())
            }
            SCHEMA_VERSION => Ok(()),
            v => anyhow::bail!(
                "sổ văn bản {} do phiên bản vanban mới hơn tạo (lược đồ {v}, bản này đọc được lược đồ {SCHEMA_VERSION}) — cập nhật vanban rồi chạy lại",
                self.path.display()
            ),
        }
    }

    fn load(&mut self) -> anyhow::Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT co_quan, pham_vi, loai, doi_tuong, so, nam FROM van_ban WHERE loai <> ?1",
            )
            .with_context(|| format!("sổ văn bản {} bị lỗi", self.path.display()))?;
        let rows = stmt
            .query_map([Abbrev::SoVang.as_str()], |r| {
                let kind: String = r.get(2)?;
                let (body, scope, subject, year) = (r.get(0)?, r.get(1)?, r.get(3)?, r.get(5)?);
                Ok((
                    Abbrev::parse(&kind).map(|kind| DocKey {
                        body,
                        kind,
                        scope,
                        year,
                        subject,
                    }),
                    r.get::<_, u32>(4)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<(Option<DocKey>, u32)>, _>>())
            .with_context(|| format!("sổ văn bản {} bị lỗi", self.path.display()))?;
        drop(stmt);
        for (id, n) in rows {
            let id = id.ok_or_else(|| {
                anyhow::anyhow!(
                    "sổ văn bản {} có dòng với loại văn bản lạ — sổ do phiên bản vanban khác ghi; cập nhật vanban rồi chạy lại",
                    self.path.display()
                )
            })?;
            self.hold(id, n);
        }
        Ok(())
    }

    fn hold(&mut self, id: DocKey, n: u32) {
        let seq = sequence(&id);
        let top = self.highest.entry(seq.clone()).or_insert(0);
        *top = (*top).max(n);
        self.holders.insert((seq, n), id.clone());
        self.numbers.insert(id, n);
    }

    /// Records what was written and releases the lock: one transaction for the whole run.
    pub fn commit(&mut self, written: &[Written]) -> anyhow::Result<()> {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        // Every certificate names its decision: record each decision once.
        let mut parents = std::collections::HashSet::new();
        for w in written {
            if let Some(parent) = &w.issued.of
                && parents.insert(parent.key.clone())
            {
                self.upsert(parent, None, &now)?;
            }
            self.upsert(w.issued, Some(w), &now)?;
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            if is_busy(&e) {
                return Err(locked_error(&self.path, self.wait));
            }
            return Err(e)
                .with_context(|| format!("không ghi được sổ văn bản {}", self.path.display()));
        }
        self.in_transaction = false;
        Ok(())
    }

    fn upsert(&self, issued: &Issued, written: Option<&Written>, now: &str) -> anyhow::Result<()> {
        let key = &issued.key;
        debug_assert!(
            key.kind == Abbrev::SoVang || self.numbers.get(key) == Some(&issued.number),
            "a number reaching the register was proposed by it"
        );
        let file = written.map(|w| w.path.to_string_lossy().replace('\\', "/"));
        let sha = written.map(|w| w.sha256.clone());
        let of = issued.of.as_ref().map(|p| p.key.subject.clone());
        self.conn
            .prepare_cached(
                "INSERT INTO van_ban (co_quan, pham_vi, loai, so, doi_tuong, thuoc, so_cho_truoc,
                     nam, ngay, ky_hieu, trich_yeu, nguoi_ky, noi_nhan, tep, sha256, cap_luc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT (co_quan, pham_vi, loai, doi_tuong) DO UPDATE SET
                     so = excluded.so,
                     thuoc = excluded.thuoc,
                     so_cho_truoc = max(so_cho_truoc, excluded.so_cho_truoc),
                     nam = excluded.nam,
                     ngay = excluded.ngay,
                     ky_hieu = excluded.ky_hieu,
                     trich_yeu = excluded.trich_yeu,
                     nguoi_ky = excluded.nguoi_ky,
                     noi_nhan = excluded.noi_nhan,
                     tep = coalesce(excluded.tep, tep),
                     sha256 = coalesce(excluded.sha256, sha256)",
            )
            .and_then(|mut insert| {
                insert.execute(params![
                    key.body,
                    key.scope,
                    key.kind.as_str(),
                    issued.number,
                    key.subject,
                    of,
                    self.given.contains(key),
                    key.year,
                    issued.date.0.format("%Y-%m-%d").to_string(),
                    issued.symbol,
                    issued.summary,
                    issued.signer,
                    issued.recipients.join("\n"),
                    file,
                    sha,
                    now,
                ])
            })
            .with_context(|| format!("không ghi được sổ văn bản {}", self.path.display()))?;
        Ok(())
    }

    /// Writes `out/<nam>/so-van-ban.csv` for every round of the dataset, from the register
    /// just committed.
    pub fn write_csv(&self, years: &[i32], out: &Path) -> anyhow::Result<()> {
        for &year in years {
            let rows = self.rows(&Filter {
                year: Some(year),
                body: None,
            })?;
            let path = out.join(year.to_string()).join("so-van-ban.csv");
            let mut file = crate::write::Atomic::create(&path)?;
            crate::write::csv_to(&mut file, csv_rows(&rows))
                .with_context(|| format!("không ghi được {} (ổ đĩa đầy?)", path.display()))?;
            file.commit()?;
            // The same lines for the leader, who opens Excel rather than a CSV.
            crate::sheet::results::write_table(
                &path.with_extension("xlsx"),
                "Sổ văn bản",
                csv_rows(&rows),
            )?;
        }
        Ok(())
    }

    /// The register's lines, as [`list`] gives them, through this run's connection.
    pub fn rows(&self, filter: &Filter) -> anyhow::Result<Vec<Row>> {
        select(&self.conn, filter).with_context(|| self.context())
    }
}

impl Drop for Register {
    fn drop(&mut self) {
        if self.in_transaction {
            // Nothing of an unfinished run is issued; closing would roll back as well,
            // this only releases the lock sooner.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Numbering for Register {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash> {
        let id = key.clone();
        let seq = sequence(key);
        let existing = self.numbers.get(key).copied();
        let number = match given {
            Some(g) => {
                if let Some(holder) = self.holders.get(&(seq.clone(), g))
                    && *holder != id
                {
                    return Err(Clash {
                        number: g,
                        holder: numbering::describe(holder),
                    });
                }
                self.given.insert(id.clone());
                g
            }
            None => match existing {
                Some(n) => {
                    return Ok(Assigned {
                        number: n,
                        previous: None,
                    });
                }
                None => self.highest.get(&seq).copied().unwrap_or(0) + 1,
            },
        };
        if let Some(old) = existing
            && old != number
        {
            self.holders.remove(&(seq.clone(), old));
        }
        self.hold(id, number);
        Ok(Assigned {
            number,
            previous: existing.filter(|&old| old != number),
        })
    }
}

/// Lists the register of `dataset` without locking it for writing.
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
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .with_context(|| format!("sổ văn bản {} bị lỗi", path.display()))?;
    if version == 0 {
        return Ok(Vec::new());
    }
    if version > SCHEMA_VERSION {
        anyhow::bail!(
            "sổ văn bản {} do phiên bản vanban mới hơn tạo — cập nhật vanban rồi chạy lại",
            path.display()
        );
    }
    select(&conn, filter).with_context(|| format!("sổ văn bản {} bị lỗi", path.display()))
}

fn select(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Row>> {
    // A certificate sorts right after its decision: same body, scope, decision subject.
    let mut stmt = conn.prepare(
        "SELECT co_quan, pham_vi, loai, so, doi_tuong, thuoc, so_cho_truoc, nam, ngay,
                ky_hieu, trich_yeu, nguoi_ky, noi_nhan, tep, sha256, cap_luc
         FROM van_ban
         WHERE (?1 IS NULL OR nam = ?1) AND (?2 IS NULL OR co_quan = ?2)
         ORDER BY nam, co_quan, pham_vi, coalesce(thuoc, doi_tuong), loai = 'SSV', loai, so",
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
        })
    })?;
    rows.collect()
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
            the_thuc::number(r.number),
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
        "Tệp",
    ];
    let mut lines: Vec<[String; 6]> = vec![head.map(str::to_owned)];
    for r in rows {
        lines.push([
            r.symbol.clone(),
            date_vi(&r.date),
            r.body.clone(),
            clip(&r.summary, 60),
            r.signer.clone(),
            r.file.clone().unwrap_or_else(|| "(chưa tạo)".to_owned()),
        ]);
    }
    let widths: Vec<usize> = (0..6)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn key(body: &str, scope: &str, subject: &str) -> DocKey {
        DocKey {
            body: body.to_owned(),
            kind: Abbrev::QuyetDinh,
            scope: scope.to_owned(),
            year: 2025,
            subject: subject.to_owned(),
        }
    }

    fn issued(key: &DocKey, number: u32) -> Issued {
        Issued {
            key: key.clone(),
            number,
            symbol: format!("{number:02}/QĐ-UBND"),
            date: Date(chrono::NaiveDate::from_ymd_opt(2025, 12, 15).unwrap()),
            summary: "Quyết định".to_owned(),
            signer: "Trần Thị Hồng".to_owned(),
            recipients: vec![],
            of: None,
        }
    }

    fn n(reg: &mut Register, key: &DocKey, given: Option<u32>) -> u32 {
        reg.number(key, given).unwrap().number
    }

    #[test]
    fn identities_keep_numbers_and_new_ones_follow_the_highest() {
        let dir = tempfile::tempdir().unwrap();
        let wait = Duration::from_secs(1);
        let (a, b, c) = (
            key("ubnd", "2025", "a"),
            key("ubnd", "2025", "b"),
            key("ubnd", "2025", "c"),
        );
        let other_year = key("ubnd", "2026", "a");
        {
            let mut reg = Register::open(dir.path(), wait).unwrap();
            assert_eq!(n(&mut reg, &a, None), 1);
            assert_eq!(n(&mut reg, &b, Some(5)), 5);
            assert_eq!(n(&mut reg, &a, None), 1);
            assert_eq!(n(&mut reg, &other_year, None), 1);
            let clash = reg.number(&c, Some(5)).unwrap_err();
            assert_eq!(clash.number, 5);
            assert_eq!(clash.holder, "QĐ b của ubnd (năm 2025)");
            let (ia, ib) = (issued(&a, 1), issued(&b, 5));
            let path = Path::new("x.pdf");
            reg.commit(&[
                Written {
                    issued: &ia,
                    path,
                    sha256: sha256(b"a"),
                },
                Written {
                    issued: &ib,
                    path,
                    sha256: sha256(b"b"),
                },
            ])
            .unwrap();
        }
        {
            let mut reg = Register::open(dir.path(), wait).unwrap();
            // `other_year` was proposed but never written: it issued nothing.
            assert_eq!(n(&mut reg, &c, None), 6);
            assert_eq!(n(&mut reg, &b, None), 5);
            assert_eq!(n(&mut reg, &a, None), 1);
            let moved = reg.number(&a, Some(3)).unwrap();
            assert_eq!(moved.previous, Some(1));
            // Dropped without commit: nothing of this run is kept.
        }
        let rows = list(dir.path(), &Filter::default()).unwrap();
        let numbers: Vec<(String, u32, bool)> = rows
            .iter()
            .map(|r| (r.subject.clone(), r.number, r.given))
            .collect();
        assert_eq!(
            numbers,
            [("a".to_owned(), 1, false), ("b".to_owned(), 5, true)]
        );
        assert_eq!(rows[0].sha256.as_deref(), Some(sha256(b"a").as_str()));
    }

    #[test]
    fn a_held_register_is_an_environment_error_in_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let _first = Register::open(dir.path(), Duration::from_secs(1)).unwrap();
        let start = std::time::Instant::now();
        let err = Register::open(dir.path(), Duration::from_millis(300))
            .err()
            .expect("the second opener must not get the lock");
        assert!(start.elapsed() >= Duration::from_millis(300));
        let text = format!("{err:#}");
        assert!(
            text.contains("đang được một lần chạy vanban khác giữ"),
            "{text}"
        );
        assert!(text.contains(FILE), "{text}");
    }

    #[test]
    fn a_register_from_a_newer_vanban_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(dir.path().join(FILE)).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = Register::open(dir.path(), Duration::from_secs(1))
            .err()
            .unwrap();
        assert!(format!("{err:#}").contains("phiên bản vanban mới hơn"));
    }

    #[test]
    fn csv_lines_hold_no_time_of_issue() {
        let row = Row {
            body: "ubnd".into(),
            scope: "NK2020-10-15".into(),
            kind: "QĐ".into(),
            number: 2,
            subject: "khen-thuong-2025".into(),
            of: None,
            given: true,
            year: 2025,
            date: "2025-12-15".into(),
            symbol: "02-QĐ/BCĐ".into(),
            summary: "Quyết định".into(),
            signer: "Lê Văn Tám".into(),
            recipients: vec!["- Như Điều 3,".into(), "- Lưu.".into()],
            file: None,
            sha256: None,
            issued_at: "2026-01-01 10:00:00".into(),
        };
        let lines: Vec<_> = csv_rows(std::slice::from_ref(&row)).collect();
        assert_eq!(lines[0].len(), lines[1].len());
        assert_eq!(lines[1][1], "15/12/2025");
        assert_eq!(lines[1][7], "02");
        assert_eq!(lines[1][8], "nhiệm kỳ từ 15/10/2020");
        assert!(!lines[1].iter().any(|c| c.contains("10:00")));
    }
}
