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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use unicode_normalization::UnicodeNormalization;

pub use crate::numbering::Written;
use crate::numbering::{
    self, Abbrev, Assigned, Clash, DocKey, Entry, Issued, IssuedDoc, Kept, Numbering,
};
use crate::the_thuc;
pub use crate::write::sha256;

/// The register's file name inside the dataset folder.
pub const FILE: &str = "so-van-ban.sqlite3";

/// The schema this build writes (`PRAGMA user_version`). Version 2: Số sổ vàng numbered
/// per body and year and kept, a unique number in every sequence, draft/issued state.
const SCHEMA_VERSION: i64 = 2;

/// How long a build waits for another build holding the register, by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);

/// The state of a document not yet issued.
pub const DRAFT: &str = "du_thao";
/// The state of a document recorded as issued by `vanban ban-hanh`.
pub const ISSUED: &str = "da_ban_hanh";

const SCHEMA_V1: &str = "
CREATE TABLE van_ban (
    id           INTEGER PRIMARY KEY,
    co_quan      TEXT NOT NULL,
    -- numbering scope (D7): '2025', or 'NK2020-10-15' for a Party term; a Số sổ vàng's
    -- is the round's year
    pham_vi      TEXT NOT NULL,
    -- QĐ, TTr, BC; SSV for a certificate, whose number is its Số sổ vàng
    loai         TEXT NOT NULL,
    so           INTEGER NOT NULL,
    -- the record or round the document is for (a certificate: the record's ma)
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
CREATE UNIQUE INDEX van_ban_so ON van_ban (co_quan, pham_vi, loai, so) WHERE loai <> 'SSV';
";

/// From version 1 to 2: the columns of the year's register, then (after the Số sổ vàng
/// rows are moved to their per-year sequences) one number per sequence for every kind.
const V2_COLUMNS: &str = "
ALTER TABLE van_ban ADD COLUMN trang_thai TEXT NOT NULL DEFAULT 'du_thao';
ALTER TABLE van_ban ADD COLUMN ban_hanh_luc TEXT;
-- a certificate's line: the record, as the list printed it
ALTER TABLE van_ban ADD COLUMN ma TEXT;
ALTER TABLE van_ban ADD COLUMN ten TEXT;
ALTER TABLE van_ban ADD COLUMN ten_goi TEXT;
ALTER TABLE van_ban ADD COLUMN chi_tiet TEXT;
ALTER TABLE van_ban ADD COLUMN tap_the INTEGER;
-- a list document's records, one 'ma<TAB>name' a line
ALTER TABLE van_ban ADD COLUMN danh_sach TEXT;
";
const V2_INDEX: &str = "
DROP INDEX IF EXISTS van_ban_so;
-- Every number once in its sequence, Số sổ vàng included: a duplicate cannot be stored.
CREATE UNIQUE INDEX van_ban_so_v2 ON van_ban (co_quan, pham_vi, loai, so);
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
    /// The documents recorded as issued: never rewritten, never renumbered.
    issued: HashMap<DocKey, Kept>,
    wait: Duration,
    in_transaction: bool,
    /// What opening the register had to say (a v1 register's duplicate Số sổ vàng renumbered).
    pub notes: Vec<String>,
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

/// A register vanban will not use, with what to do.
fn damaged(path: &Path, why: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "sổ văn bản {} bị hỏng ({why}) — vanban không tạo sổ mới thay cho nó, vì như thế sẽ cấp lại những số đã cấp. Khôi phục tệp từ bản sao lưu (hoặc thùng rác) rồi chạy lại; nếu chắc chắn chưa cấp số nào, đổi tên tệp này rồi chạy lại để bắt đầu sổ mới",
        path.display()
    )
}

/// Where `out` shows that numbers were issued — a `so-van-ban.csv` with lines — and how
/// many: a build that finds its register blank refuses to start it again from 01.
pub fn issued_before(out: &Path) -> Option<(PathBuf, usize)> {
    let mut years: Vec<PathBuf> = std::fs::read_dir(out)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    years.sort();
    years.into_iter().find_map(|year| {
        let csv = year.join("so-van-ban.csv");
        let text = std::fs::read_to_string(&csv).ok()?;
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        (lines > 1).then(|| (csv, lines - 1))
    })
}

/// The refusal of a blank register (missing, 0 bytes, no line) when `out` shows that
/// numbers were issued: a new register would give them again.
pub fn refuse_blank(dataset: &Path, out: &Path) -> anyhow::Result<()> {
    let Some((csv, n)) = issued_before(out) else {
        return Ok(());
    };
    let path = dataset.join(FILE);
    let state = match std::fs::metadata(&path) {
        Err(_) => format!("không thấy sổ văn bản {}", path.display()),
        Ok(m) if m.len() == 0 => format!("sổ văn bản {} rỗng (0 byte)", path.display()),
        Ok(_) => format!("sổ văn bản {} không có dòng nào", path.display()),
    };
    anyhow::bail!(
        "{state}, nhưng {} cho thấy đã cấp {n} số — vanban không lập sổ mới, vì sổ mới sẽ cấp lại những số đó. Chép lại tệp {FILE} (từ bản sao lưu, thùng rác, hoặc máy đã dùng trước) vào thư mục dữ liệu rồi chạy lại; nếu thật sự bắt đầu lại từ đầu, xóa hoặc đổi tên thư mục kết quả {}",
        csv.display(),
        out.display()
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

    /// An existing file must be a whole SQLite database holding vanban's table.
    fn verify_file(&self) -> anyhow::Result<()> {
        let check: rusqlite::Result<String> =
            self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
        match check {
            Ok(ok) if ok == "ok" => {}
            Ok(why) => return Err(damaged(&self.path, &format!("SQLite báo: {why}"))),
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
                ) =>
            {
                return Err(damaged(
                    &self.path,
                    "không phải tệp sổ văn bản, hoặc bị cắt cụt",
                ));
            }
            Err(e) => {
                return Err(damaged(&self.path, &format!("SQLite báo: {e}")));
            }
        }
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .with_context(|| self.context())?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .with_context(|| self.context())?;
        if version == 0 && tables > 0 {
            return Err(damaged(
                &self.path,
                "tệp không phải sổ văn bản của vanban (có thể đã bị ghi đè)",
            ));
        }
        Ok(())
    }

    /// The table and the indices that make a number unique must be there: a register
    /// whose index was dropped could store a number twice.
    fn verify_schema(&self) -> anyhow::Result<()> {
        let indices: Vec<(String, bool)> = self
            .conn
            .prepare("PRAGMA index_list(van_ban)")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?
                    .collect()
            })
            .with_context(|| self.context())?;
        let unique = |name: &str| indices.iter().any(|(n, u)| n == name && *u);
        // The table's UNIQUE (identity) constraint is SQLite's automatic index.
        let identity = indices
            .iter()
            .any(|(n, u)| n.starts_with("sqlite_autoindex_van_ban") && *u);
        let mut missing = Vec::new();
        if !identity {
            missing.push("ràng buộc mỗi văn bản một dòng");
        }
        if !unique("van_ban_so_v2") {
            missing.push("chỉ mục van_ban_so_v2 (mỗi số một lần)");
        }
        if !missing.is_empty() {
            return Err(damaged(
                &self.path,
                &format!("thiếu {}", missing.join(" và ")),
            ));
        }
        Ok(())
    }

    fn context(&self) -> String {
        format!("sổ văn bản {} bị lỗi", self.path.display())
    }

    fn migrate(&mut self) -> anyhow::Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .with_context(|| self.context())?;
        match version {
            0 => {
                self.conn
                    .execute_batch(SCHEMA_V1)
                    .with_context(|| self.context())?;
                self.migrate_to_v2()?;
            }
            1 => self.migrate_to_v2()?,
            SCHEMA_VERSION => return Ok(()),
            v => anyhow::bail!(
                "sổ văn bản {} do phiên bản vanban mới hơn tạo (lược đồ {v}, bản này đọc được lược đồ {SCHEMA_VERSION}) — cập nhật vanban rồi chạy lại",
                self.path.display()
            ),
        }
        self.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .with_context(|| self.context())?;
        Ok(())
    }

    /// Version 1 kept a certificate's line under its decision and took its Số sổ vàng from
    /// the list position, so a rebuild could move it and leave two lines with one number.
    /// Each line moves to its record in the body's sequence of the year, keeping the
    /// number it recorded; of two lines with one number the earlier keeps it and the later
    /// takes the next free one (said in [`Register::notes`]).
    fn migrate_to_v2(&mut self) -> anyhow::Result<()> {
        let ctx = self.context();
        self.conn
            .execute_batch(V2_COLUMNS)
            .with_context(|| ctx.clone())?;
        let lines: Vec<(i64, String, i32, u32, String, String, String)> = self
            .conn
            .prepare(
                "SELECT id, co_quan, nam, so, doi_tuong, trich_yeu, noi_nhan FROM van_ban
                 WHERE loai = 'SSV' ORDER BY cap_luc, id",
            )
            .and_then(|mut st| {
                st.query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })?
                .collect()
            })
            .with_context(|| ctx.clone())?;
        let mut records: HashSet<(String, i32, String)> = HashSet::new();
        let mut taken: HashSet<(String, i32, u32)> = HashSet::new();
        let mut top: HashMap<(String, i32), u32> = HashMap::new();
        for (_, body, year, so, ..) in &lines {
            let t = top.entry((body.clone(), *year)).or_default();
            *t = (*t).max(*so);
        }
        for (id, body, year, so, subject, summary, name) in lines {
            let ma = subject.rsplit('/').next().unwrap_or(&subject).to_owned();
            if !records.insert((body.clone(), year, ma.clone())) {
                // The same record twice in one year of one body: the first line is its number.
                self.conn
                    .execute("DELETE FROM van_ban WHERE id = ?1", [id])
                    .with_context(|| ctx.clone())?;
                continue;
            }
            let mut number = so;
            if !taken.insert((body.clone(), year, so)) {
                let t = top.entry((body.clone(), year)).or_default();
                *t = numbering::next(*t).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{ctx}: dãy Sổ vàng của {body} năm {year} đã tới số lớn nhất, không còn số để cấp lại cho giấy khen trùng số của {ma}"
                    )
                })?;
                number = *t;
                taken.insert((body.clone(), year, number));
                self.notes.push(format!(
                    "sổ văn bản cũ có hai giấy khen cùng Sổ vàng số {} của {body} năm {year}: giấy khen của {ma} nay mang số {}",
                    the_thuc::number(so),
                    the_thuc::number(number)
                ));
            }
            let addressed = summary
                .split_once(" tặng ")
                .map(|(_, a)| a.to_owned())
                .unwrap_or_else(|| name.clone());
            self.conn
                .execute(
                    "UPDATE van_ban SET pham_vi = ?2, doi_tuong = ?3, ma = ?3, so = ?4,
                         ten = ?5, ten_goi = ?6 WHERE id = ?1",
                    params![id, year.to_string(), ma, number, name, addressed],
                )
                .with_context(|| ctx.clone())?;
        }
        self.conn.execute_batch(V2_INDEX).with_context(|| ctx)?;
        Ok(())
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
                     tep = coalesce(excluded.tep, tep),
                     sha256 = coalesce(excluded.sha256, sha256),
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

fn select(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Row>> {
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
            listing: Default::default(),
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
    fn a_sequence_at_its_last_number_is_exhausted_not_wrapped() {
        let dir = tempfile::tempdir().unwrap();
        let mut reg = Register::open(dir.path(), Duration::from_secs(1)).unwrap();
        let (a, b) = (key("ubnd", "2025", "a"), key("ubnd", "2025", "b"));
        assert_eq!(n(&mut reg, &a, Some(u32::MAX)), u32::MAX);
        let clash = reg.number(&b, None).unwrap_err();
        assert!(clash.exhausted);
        assert_eq!(clash.number, u32::MAX);
        assert_eq!(clash.holder, "dãy số QĐ của ubnd (năm 2025)");
        let mut fresh = crate::numbering::Fresh::default();
        assert_eq!(fresh.number(&a, Some(7)).unwrap().number, 7);
    }

    #[test]
    fn a_list_is_kept_whole_and_read_back() {
        let list = vec![
            Entry {
                ma: "chi-hoi".into(),
                collective: true,
                name: "Chi hội\tấp 3".into(),
                addressed: "Chi hội ấp 3".into(),
                detail: Some("Ấp 3".into()),
                golden: Some(1),
            },
            Entry {
                ma: "anh".into(),
                collective: false,
                name: "Nguyễn Thị Ánh".into(),
                addressed: "Bà Nguyễn Thị Ánh".into(),
                detail: None,
                golden: None,
            },
        ];
        let back = numbering::parse_listing(&numbering::listing_text(&list));
        assert_eq!(back[0].name, "Chi hội ấp 3");
        assert_eq!(back[0].golden, Some(1));
        assert_eq!(back[1], list[1]);
        // A version 1 line: `ma`, collective, name.
        let old = numbering::parse_listing("anh\t0\tNguyễn Thị Ánh");
        assert_eq!(old[0].addressed, "Nguyễn Thị Ánh");
        assert_eq!(old[0].golden, None);
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
            state: DRAFT.into(),
        };
        let lines: Vec<_> = csv_rows(std::slice::from_ref(&row)).collect();
        assert_eq!(lines[0].len(), lines[1].len());
        assert_eq!(lines[1][1], "15/12/2025");
        assert_eq!(lines[1][7], "02");
        assert_eq!(lines[1][8], "nhiệm kỳ từ 15/10/2020");
        assert!(!lines[1].iter().any(|c| c.contains("10:00")));
    }
}
