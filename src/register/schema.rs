//! The register file itself: its schema, the migration from version 1, and the checks
//! that refuse a register vanban cannot trust (not a database, damaged, its unique indices
//! gone, or blank where `out/` shows numbers were issued): recreating one would hand out
//! again the numbers it recorded.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use rusqlite::{ErrorCode, params};

use super::{FILE, Register};
use crate::numbering;
use crate::the_thuc;

/// The schema this build writes (`PRAGMA user_version`). Version 2: Số sổ vàng numbered
/// per body and year and kept, a unique number in every sequence, draft/issued state.
pub(super) const SCHEMA_VERSION: i64 = 2;

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

impl Register {
    /// An existing file must be a whole SQLite database holding vanban's table.
    pub(super) fn verify_file(&self) -> anyhow::Result<()> {
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
    pub(super) fn verify_schema(&self) -> anyhow::Result<()> {
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

    pub(super) fn migrate(&mut self) -> anyhow::Result<()> {
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
}

/// A register vanban will not use, with what to do.
pub(super) fn damaged(path: &Path, why: &str) -> anyhow::Error {
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
