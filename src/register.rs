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
//! Only numbers that appear on a written PDF are committed (and those `--chi` left out,
//! reserved as a full build gives them): a document that failed to compile, and a
//! decision none of whose certificates was written, issue nothing.
//!
//! A document is a draft until `vanban ban-hanh` records it as issued; from then on its
//! line, its list and its file are never changed by a build. A register that is empty,
//! damaged or missing its unique indices is refused, never silently started again.
//!
//! The rooms: this file allocates (open and lock, the sequences in memory, the
//! [`Numbering`] answers, commit): one room of ~500 lines, because every part of it reads
//! and keeps the one state the held transaction guards. `schema` is the file (its schema,
//! the migration from version 1, the refusals of a register that cannot be trusted),
//! `listing` reads it back (`vanban so`, the CSV), `marking` is `vanban ban-hanh`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

pub use crate::numbering::Written;
use crate::numbering::{
    self, Abbrev, Assigned, Clash, DocKey, Entry, Issued, IssuedDoc, Kept, Numbering,
};
pub use crate::write::sha256;

mod listing;
mod marking;
mod schema;

pub use listing::{CSV_HEAD, Filter, Row, csv_rows, duplicates, list, table};
pub use marking::{Marking, mark};
use schema::damaged;
pub use schema::{issued_before, refuse_blank};

/// The register's file name inside the dataset folder.
pub const FILE: &str = "so-van-ban.sqlite3";

/// How long a build waits for another build holding the register, by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);

/// The state of a document not yet issued.
pub const DRAFT: &str = "du_thao";
/// The state of a document recorded as issued by `vanban ban-hanh`.
pub const ISSUED: &str = "da_ban_hanh";

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
    /// The documents recorded as issued: never rewritten, never renumbered.
    issued: HashMap<DocKey, Kept>,
    wait: Duration,
    in_transaction: bool,
    /// What opening the register had to say (a v1 register's duplicate Số sổ vàng renumbered).
    pub notes: Vec<String>,
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
    /// waiting up to `wait` for another build to finish. A version 1 register is migrated
    /// in place (in the same transaction: a run that stops early leaves it as it was).
    ///
    /// A register file that is empty, is not a database, fails SQLite's check or lacks the
    /// table and indices vanban made is refused: recreating it would hand out again the
    /// numbers it recorded.
    pub fn open(dataset: &Path, wait: Duration) -> anyhow::Result<Register> {
        let path = dataset.join(FILE);
        // A file of 0 bytes is what a first build killed before its commit leaves: new.
        // Whether numbers were issued all the same is for the build to tell from its
        // output ([`issued_before`]).
        let existed = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
        let conn = Connection::open(&path)
            .with_context(|| format!("không mở được sổ văn bản {}", path.display()))?;
        let cannot_open = || format!("không mở được sổ văn bản {}", path.display());
        // Try at once, so that a build about to wait can say so and on which file.
        conn.busy_timeout(Duration::ZERO)
            .with_context(cannot_open)?;
        let mut begun = conn.execute_batch("BEGIN IMMEDIATE");
        if begun.as_ref().is_err_and(is_busy) {
            eprintln!(
                "Đang chờ sổ văn bản {}: một lần chạy vanban khác đang giữ sổ (chờ tối đa {} giây)…",
                path.display(),
                wait.as_secs()
            );
            conn.busy_timeout(wait).with_context(cannot_open)?;
            begun = conn.execute_batch("BEGIN IMMEDIATE");
        }
        conn.busy_timeout(wait).with_context(cannot_open)?;
        if let Err(e) = begun {
            if is_busy(&e) {
                return Err(locked_error(&path, wait));
            }
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            ) {
                return Err(damaged(&path, "không phải tệp sổ văn bản, hoặc bị cắt cụt"));
            }
            return Err(e).with_context(cannot_open);
        }
        let mut reg = Register {
            conn,
            path,
            numbers: HashMap::new(),
            holders: HashMap::new(),
            highest: HashMap::new(),
            given: HashSet::new(),
            issued: HashMap::new(),
            wait,
            in_transaction: true,
            notes: Vec::new(),
        };
        if existed {
            reg.verify_file()?;
        }
        reg.migrate()?;
        reg.verify_schema()?;
        reg.load()?;
        Ok(reg)
    }

    fn context(&self) -> String {
        format!("sổ văn bản {} bị lỗi", self.path.display())
    }

    fn load(&mut self) -> anyhow::Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT co_quan, pham_vi, loai, doi_tuong, so, nam, trang_thai, ky_hieu, sha256
                 FROM van_ban",
            )
            .with_context(|| format!("sổ văn bản {} bị lỗi", self.path.display()))?;
        let rows = stmt
            .query_map([], |r| {
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
                    (r.get::<_, String>(6)? == ISSUED)
                        .then(|| {
                            Ok::<_, rusqlite::Error>(Kept {
                                symbol: r.get(7)?,
                                sha256: r.get(8)?,
                            })
                        })
                        .transpose()?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<(Option<DocKey>, u32, Option<Kept>)>, _>>())
            .with_context(|| format!("sổ văn bản {} bị lỗi", self.path.display()))?;
        drop(stmt);
        for (id, n, issued) in rows {
            let id = id.ok_or_else(|| {
                anyhow::anyhow!(
                    "sổ văn bản {} có dòng với loại văn bản lạ — sổ do phiên bản vanban khác ghi; cập nhật vanban rồi chạy lại",
                    self.path.display()
                )
            })?;
            if let Some(kept) = issued {
                self.issued.insert(id.clone(), kept);
            }
            self.hold(id, n);
        }
        Ok(())
    }

    /// The files of documents recorded as issued, relative to the output folder: paper
    /// that was handed out, which no later change of the data makes stale.
    pub fn issued_files(&self) -> anyhow::Result<HashSet<PathBuf>> {
        let files: Vec<String> = self
            .conn
            .prepare("SELECT tep FROM van_ban WHERE trang_thai = ?1 AND tep IS NOT NULL")
            .and_then(|mut st| st.query_map([ISSUED], |r| r.get(0))?.collect())
            .with_context(|| self.context())?;
        Ok(files.into_iter().map(PathBuf::from).collect())
    }

    /// Whether the register holds no number at all: new, or lost.
    pub fn is_blank(&self) -> bool {
        self.numbers.is_empty()
    }

    fn hold(&mut self, id: DocKey, n: u32) {
        let seq = sequence(&id);
        let top = self.highest.entry(seq.clone()).or_insert(0);
        *top = (*top).max(n);
        self.holders.insert((seq, n), id.clone());
        self.numbers.insert(id, n);
    }

    /// Records what was written and releases the lock: one transaction for the whole run.
    /// An issued document's line is left as issued.
    pub fn commit(&mut self, written: &[Written]) -> anyhow::Result<()> {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        // Every certificate names its decision: record each decision once.
        let mut parents = std::collections::HashSet::new();
        for w in written {
            if let Some(parent) = &w.issued.of
                && parents.insert(parent.key.clone())
                && !self.issued.contains_key(&parent.key)
            {
                self.upsert(parent, None, &now)?;
            }
            if !self.issued.contains_key(&w.issued.key) {
                self.upsert(w.issued, Some(w), &now)?;
            }
        }
        self.finish()
    }

    /// Records the numbers of documents planned but left out of this run (`--chi`), with
    /// no file: a later full build then numbers everything as a full build now would.
    /// Call before [`Register::commit`], in the same run.
    pub fn reserve(&mut self, planned: &[Issued]) -> anyhow::Result<()> {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let mut parents = HashSet::new();
        for i in planned {
            if let Some(parent) = &i.of
                && parents.insert(parent.key.clone())
                && !self.issued.contains_key(&parent.key)
            {
                self.upsert(parent, None, &now)?;
            }
            if !self.issued.contains_key(&i.key) {
                self.upsert(i, None, &now)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
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
            self.numbers.get(key) == Some(&issued.number),
            "a number reaching the register was proposed by it"
        );
        let file = written.map(|w| w.path.to_string_lossy().replace('\\', "/"));
        let sha = written.map(|w| w.sha256.clone());
        let of = issued.of.as_ref().map(|p| p.key.subject.clone());
        // A certificate keeps its recipient as listed; a list document the records it lists.
        let one = (key.kind == Abbrev::SoVang)
            .then(|| issued.listing.first())
            .flatten();
        let listing = (key.kind != Abbrev::SoVang && !issued.listing.is_empty())
            .then(|| numbering::listing_text(&issued.listing));
        // A number recorded without a file (reserved, or its file could not be written)
        // keeps the line's old file only while the line still says what that file says:
        // once its list, symbol or recipient changed, the old file is not this document,
        // and `vanban ban-hanh` must not issue it as such.
        self.conn
            .prepare_cached(
                "INSERT INTO van_ban (co_quan, pham_vi, loai, so, doi_tuong, thuoc, so_cho_truoc,
                     nam, ngay, ky_hieu, trich_yeu, nguoi_ky, noi_nhan, tep, sha256, cap_luc,
                     ma, ten, ten_goi, chi_tiet, tap_the, danh_sach)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22)
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
                     tep = CASE WHEN excluded.tep IS NULL AND (ky_hieu IS NOT excluded.ky_hieu
                             OR (excluded.danh_sach IS NOT NULL AND danh_sach IS NOT excluded.danh_sach)
                             OR (excluded.ten IS NOT NULL AND ten IS NOT excluded.ten))
                         THEN NULL ELSE coalesce(excluded.tep, tep) END,
                     sha256 = CASE WHEN excluded.sha256 IS NULL AND (ky_hieu IS NOT excluded.ky_hieu
                             OR (excluded.danh_sach IS NOT NULL AND danh_sach IS NOT excluded.danh_sach)
                             OR (excluded.ten IS NOT NULL AND ten IS NOT excluded.ten))
                         THEN NULL ELSE coalesce(excluded.sha256, sha256) END,
                     ma = coalesce(excluded.ma, ma),
                     ten = coalesce(excluded.ten, ten),
                     ten_goi = coalesce(excluded.ten_goi, ten_goi),
                     chi_tiet = coalesce(excluded.chi_tiet, chi_tiet),
                     tap_the = coalesce(excluded.tap_the, tap_the),
                     danh_sach = coalesce(excluded.danh_sach, danh_sach)",
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
                    one.map(|e| e.ma.clone()),
                    one.map(|e| e.name.clone()),
                    one.map(|e| e.addressed.clone()),
                    one.and_then(|e| e.detail.clone()),
                    one.map(|e| e.collective),
                    listing,
                ])
            })
            .with_context(|| format!("không ghi được sổ văn bản {}", self.path.display()))?;
        Ok(())
    }

    fn issued_doc(&self, key: &DocKey) -> rusqlite::Result<Option<IssuedDoc>> {
        let found = self
            .conn
            .query_row(
                "SELECT ky_hieu, tep, sha256, danh_sach FROM van_ban
                 WHERE co_quan = ?1 AND pham_vi = ?2 AND loai = ?3 AND doi_tuong = ?4",
                params![key.body, key.scope, key.kind.as_str(), key.subject],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((symbol, file, sha256, listed)) = found else {
            return Ok(None);
        };
        // The list as it was issued, kept on the document's own line: the certificates'
        // lines of its body and year also hold records removed before it was issued.
        let mut listing = numbering::parse_listing(listed.as_deref().unwrap_or_default());
        if listing.is_empty() {
            // A line from version 1 kept no list: its certificates' lines are what it listed.
            listing = self
                .conn
                .prepare_cached(
                    "SELECT ma, tap_the, ten, ten_goi, chi_tiet, so FROM van_ban
                     WHERE loai = 'SSV' AND co_quan = ?1 AND nam = ?2 AND thuoc = ?3 ORDER BY so",
                )?
                .query_map(params![key.body, key.year, key.subject], |r| {
                    let name: Option<String> = r.get(2)?;
                    let name = name.unwrap_or_default();
                    Ok(Entry {
                        ma: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        collective: r.get::<_, Option<bool>>(1)?.unwrap_or(false),
                        addressed: r
                            .get::<_, Option<String>>(3)?
                            .unwrap_or_else(|| name.clone()),
                        name,
                        detail: r.get(4)?,
                        golden: Some(r.get(5)?),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        } else if key.kind == Abbrev::QuyetDinh {
            // A list kept before the Số sổ vàng were: each certificate's line has its number.
            for e in listing.iter_mut().filter(|e| e.golden.is_none()) {
                e.golden = self
                    .conn
                    .query_row(
                        "SELECT so FROM van_ban WHERE loai = 'SSV' AND co_quan = ?1 AND pham_vi = ?2 AND doi_tuong = ?3",
                        params![key.body, key.year.to_string(), e.ma],
                        |r| r.get(0),
                    )
                    .optional()?;
            }
        }
        Ok(Some(IssuedDoc {
            symbol,
            file,
            sha256,
            listing,
        }))
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
        // An issued paper keeps its number whatever the data now says.
        let given = given.filter(|_| !self.issued.contains_key(key));
        let number = match given {
            Some(g) => {
                if let Some(holder) = self.holders.get(&(seq.clone(), g))
                    && *holder != id
                {
                    return Err(Clash {
                        number: g,
                        holder: numbering::describe(holder),
                        exhausted: false,
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
                None => {
                    let top = self.highest.get(&seq).copied().unwrap_or(0);
                    numbering::next(top).ok_or_else(|| Clash::exhausted(key, top))?
                }
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

    fn recorded(&self, key: &DocKey) -> Option<IssuedDoc> {
        self.issued_doc(key).ok().flatten()
    }

    fn kept(&self, key: &DocKey) -> Option<Kept> {
        self.issued.get(key).cloned()
    }

    fn issued(&self, key: &DocKey) -> Option<IssuedDoc> {
        if !self.issued.contains_key(key) {
            return None;
        }
        // A register that cannot be read here failed to load already; an unreadable line
        // is treated as issued with nothing known, so it is still never rewritten.
        Some(self.issued_doc(key).ok().flatten().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests;
