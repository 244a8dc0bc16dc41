//! Results back as Excel for the leader: the check table of each round
//! (`out/<nam>/ket-qua-xet-chon.xlsx`) and the register (`out/<nam>/so-van-ban.xlsx`).
//! Output, so a room after the stages it reports on (it reads verdicts and register rows);
//! the look it shares with the template workbook comes from [`crate::sheet::style`].

use std::path::Path;

use anyhow::Context;

use crate::sheet::style::{body_format, head_format, workbook};

use crate::load::Dataset;
use crate::validate::criteria::Verdicts;
use crate::validate::verdict::{Criterion, Outcome};

/// Writes `ket-qua-xet-chon.xlsx` of every round under `out/<nam>/`: one row per record,
/// each criterion, the verdict, the reasons and where the record is.
pub fn write_checks(ds: &Dataset, rounds: &[Verdicts], out: &Path) -> anyhow::Result<()> {
    for round in rounds {
        let records = round.records.iter().enumerate().map(|(i, a)| {
            let mut row = vec![
                (i + 1).to_string(),
                a.kind.label().to_owned(),
                a.ma.clone(),
                a.name.clone(),
                a.group.label().to_owned(),
            ];
            row.extend(Criterion::ALL.iter().map(|&c| match a.outcome(c) {
                None => String::new(),
                Some(Outcome::Met { .. }) => "Đạt".to_owned(),
                Some(Outcome::NotMet(_)) => "Chưa đạt".to_owned(),
                Some(Outcome::NotAssessable { .. }) => "Không xét được".to_owned(),
            }));
            row.push(a.verdict.label().to_owned());
            let reasons: Vec<String> = a
                .checks
                .iter()
                .filter_map(|c| match &c.outcome {
                    Outcome::NotMet(s) => Some(format!(
                        "{}: {} (sửa `{}`)",
                        c.criterion.label(),
                        s.reason,
                        s.field
                    )),
                    Outcome::NotAssessable { reason } => {
                        Some(format!("{}: {reason}", c.criterion.label()))
                    }
                    Outcome::Met { .. } => None,
                })
                .collect();
            row.push(reasons.join("\n"));
            row.push(ds.locate_record(&a.origin).place());
            row
        });
        let rows = std::iter::once(check_head()).chain(records);
        let path = out
            .join(round.year.to_string())
            .join("ket-qua-xet-chon.xlsx");
        write_table(&path, "Kết quả xét chọn", rows)?;
    }
    Ok(())
}

fn check_head() -> Vec<String> {
    let mut head: Vec<String> = ["STT", "Loại", "Mã", "Tên", "Lĩnh vực / đối tượng"]
        .map(str::to_owned)
        .to_vec();
    head.extend(Criterion::ALL.iter().map(|c| c.label().to_owned()));
    head.extend(["Kết luận", "Lý do chưa đạt", "Vị trí trong dữ liệu"].map(str::to_owned));
    head
}

/// Writes `rows` (the first one the header) as a one-sheet workbook, atomically: the
/// header bold and frozen, each column as wide as its content (within reason). Rows go
/// to a temporary file beside the workbook as they come ("constant memory" mode): the
/// check table of ten thousand records held 30 MB in memory otherwise.
pub fn write_table(
    path: &Path,
    sheet: &str,
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<()> {
    let mut wb = workbook()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
    wb.set_tempdir(dir)?;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet)?;
    let (head, body) = (head_format(), body_format());
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let format = if r == 0 { &head } else { &body };
            ws.write_string_with_format(r as u32, c as u16, text, format)?;
            let w = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if widths.len() <= c {
                widths.resize(c + 1, 4);
            }
            widths[c] = widths[c].max(if r == 0 { w.min(20) } else { w });
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(50) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let bytes = wb
        .save_to_buffer()
        .with_context(|| format!("không tạo được {}", path.display()))?;
    crate::write::atomic(path, &bytes)
}

/// Writes `out/<nam>/so-van-ban.csv` (and the same lines as `so-van-ban.xlsx`, for the
/// leader who opens Excel rather than a CSV) for every round of the dataset, from the
/// register just committed: the last stage of a build.
pub fn issued(
    register: &crate::register::Register,
    years: &[i32],
    out: &Path,
) -> anyhow::Result<()> {
    use crate::register::{Filter, csv_rows};
    for &year in years {
        let rows = register.rows(&Filter {
            year: Some(year),
            body: None,
        })?;
        let path = out.join(year.to_string()).join("so-van-ban.csv");
        let mut file = crate::write::Atomic::create(&path)?;
        crate::write::csv_to(&mut file, csv_rows(&rows))
            .with_context(|| format!("không ghi được {} (ổ đĩa đầy?)", path.display()))?;
        file.commit()?;
        write_table(&path.with_extension("xlsx"), "Sổ văn bản", csv_rows(&rows))?;
    }
    Ok(())
}
