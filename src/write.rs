//! Write: every output file lands whole or not at all. A base room below the stages:
//! compile puts each PDF in place through it, the register hashes with it, and the last
//! stage ([`crate::results`]) writes the CSV and workbooks with it.
//!
//! Bytes go to a temporary file in the destination folder, which is then renamed over the
//! destination: a rename within one folder is atomic, so a crash or a second reader never
//! sees half a PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = Atomic::create(path)?;
    file.write_all(bytes)
        .with_context(|| format!("không ghi được {} (ổ đĩa đầy?)", path.display()))?;
    file.commit()
}

/// A file written piece by piece that appears at its path, whole, only on [`commit`]:
/// dropped before that, it leaves nothing behind.
///
/// [`commit`]: Atomic::commit
pub struct Atomic {
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Atomic {
    /// Starts the file at `path`, creating parent folders.
    pub fn create(path: &Path) -> anyhow::Result<Atomic> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .suffix(TMP_SUFFIX)
            .tempfile_in(dir)
            .with_context(|| format!("không tạo được tệp tạm trong {}", dir.display()))?;
        Ok(Atomic {
            tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
            path: path.to_owned(),
        })
    }

    /// Puts the finished file in place.
    pub fn commit(self) -> anyhow::Result<()> {
        let path = self.path;
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("không ghi được {} (ổ đĩa đầy?)", path.display()))?;
        // A temporary file is private (0600); the output is an ordinary file others may read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .with_context(|| format!("không đặt được quyền đọc cho {}", path.display()))?;
        }
        tmp.persist(&path).map_err(|e| e.error).with_context(|| {
            format!(
                "không thay được tệp {} (tệp đang mở trong chương trình khác?)",
                path.display()
            )
        })?;
        Ok(())
    }
}

impl Write for Atomic {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// The prefix and suffix of [`Atomic`]'s temporary files.
const TMP_PREFIX: &str = ".vanban-";
const TMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files a killed run left under `out`, and says how many. Call it
/// only while holding the dataset's register: no other run of the dataset is writing then.
pub fn remove_leftovers(out: &Path) -> usize {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// The folder under `out/<nam>/` that holds outputs of records no longer in the data.
pub const STALE: &str = "cu";

/// Moves the PDFs vanban made under `out/<year>/` that `planned` (relative to `out`) no
/// longer holds — a record removed, no longer eligible, a body that rewards no more — to
/// `out/<year>/cu/`, keeping their place below the year: they must not look current.
/// Only the places vanban writes are looked at; anything else a user keeps there stays.
pub fn move_stale(out: &Path, year: i32, planned: &std::collections::HashSet<PathBuf>) -> Stale {
    use crate::doc_kind::Place;
    let year_dir = PathBuf::from(year.to_string());
    let pdfs_in = |dir: &Path| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| dir.join(e.file_name()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        found.sort();
        found
    };
    let mut candidates = Vec::new();
    for kind in crate::doc_kind::DocKind::ALL {
        match kind.place(year) {
            Place::File(p) => {
                if out.join(&p).is_file() {
                    candidates.push(p);
                }
            }
            Place::Folder(dir) => candidates.extend(pdfs_in(&dir)),
            Place::Bodies(dir) => {
                let Ok(bodies) = std::fs::read_dir(out.join(&dir)) else {
                    continue;
                };
                let mut bodies: Vec<PathBuf> = bodies
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| dir.join(e.file_name()))
                    .collect();
                bodies.sort();
                for b in bodies {
                    candidates.extend(pdfs_in(&b));
                }
            }
        }
    }
    let mut stale = Stale::default();
    for from in candidates.into_iter().filter(|p| !planned.contains(p)) {
        let rest = from.strip_prefix(&year_dir).unwrap_or(&from);
        let to = year_dir.join(STALE).join(rest);
        let done = out
            .join(&to)
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::rename(out.join(&from), out.join(&to)));
        match done {
            Ok(()) => stale.moved.push((from, to)),
            Err(e) => stale.failed.push((from, e)),
        }
    }
    stale
}

/// What [`move_stale`] did.
#[derive(Debug, Default)]
pub struct Stale {
    /// The files moved: (from, to), relative to the output folder.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// The files that could not be moved, and why.
    pub failed: Vec<(PathBuf, std::io::Error)>,
}

/// A CSV file as Excel opens it with diacritics intact: UTF-8 with a byte-order mark,
/// CRLF line ends, fields quoted when they hold a comma, quote or line break (RFC 4180).
/// Written row by row: a register of ten thousand lines is never held as one text.
pub fn csv_to(
    out: &mut impl Write,
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            if cell.contains([',', '"', '\n', '\r']) {
                write!(out, "\"{}\"", cell.replace('"', "\"\""))?;
            } else {
                out.write_all(cell.as_bytes())?;
            }
        }
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// The hex SHA-256 of `bytes`: what the register keeps of each file written.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` in lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each kind files and the plan no longer holds goes to `cu/`, in its place below
    /// the year; what is planned, and what a user keeps there, stays.
    #[test]
    fn files_no_longer_planned_move_to_cu_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let made = [
            "2025/dang-ky/a.pdf",
            "2025/bao-cao/a.pdf",
            "2025/to-trinh-cong-nhan.pdf",
            "2025/quyet-dinh-cong-nhan.pdf",
            "2025/quyet-dinh-khen-thuong/ubnd.pdf",
            "2025/giay-khen/ubnd/a.pdf",
            "2025/giay-khen/ubnd/in-tat-ca.pdf",
            "2025/bao-cao-tong-hop.pdf",
        ];
        let kept = [
            "2025/dang-ky/b.pdf",
            "2025/ghi-chu.pdf",
            "2025/giay-khen/ubnd/b.pdf",
        ];
        for f in made.iter().chain(&kept) {
            std::fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
            std::fs::write(out.join(f), b"%PDF").unwrap();
        }
        let planned = ["2025/dang-ky/b.pdf", "2025/giay-khen/ubnd/b.pdf"]
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let stale = move_stale(out, 2025, &planned);
        assert!(stale.failed.is_empty());
        let mut moved: Vec<_> = stale.moved.iter().map(|(f, _)| f.clone()).collect();
        moved.sort();
        let mut expected: Vec<PathBuf> = made.iter().map(PathBuf::from).collect();
        expected.sort();
        assert_eq!(moved, expected);
        for f in made {
            let rest = Path::new(f).strip_prefix("2025").unwrap();
            assert!(out.join("2025/cu").join(rest).is_file(), "{f}");
        }
        for f in kept {
            assert!(out.join(f).is_file(), "{f}");
        }
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2025/giay-khen")).unwrap();
        std::fs::write(dir.path().join("2025/giay-khen/.vanban-abc.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("2025/a.pdf"), b"%PDF").unwrap();
        std::fs::write(dir.path().join("2025/.vanban-ghi-chu.txt"), b"x").unwrap();
        assert_eq!(remove_leftovers(dir.path()), 1);
        assert!(dir.path().join("2025/a.pdf").exists());
        assert!(dir.path().join("2025/.vanban-ghi-chu.txt").exists());
        assert!(!dir.path().join("2025/giay-khen/.vanban-abc.tmp").exists());
    }

    #[test]
    fn csv_has_bom_and_quotes_what_needs_it() {
        let rows = vec![
            vec!["Số, ký hiệu".to_owned(), "Người ký".to_owned()],
            vec!["01/QĐ-UBND".to_owned(), "Lê \"Tám\"\nTrưởng ban".to_owned()],
        ];
        let mut bytes = Vec::new();
        csv_to(&mut bytes, rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}\"Số, ký hiệu\",Người ký\r\n01/QĐ-UBND,\"Lê \"\"Tám\"\"\nTrưởng ban\"\r\n"
        );
    }

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.pdf");
        atomic(&p, b"one").unwrap();
        atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.pdf"]);
    }
}
