//! The `vanban check` report: one table per round with each criterion's mark and the
//! verdict, a line per criterion not met saying which key fixes it, the records their
//! sector assesses listed apart, then totals. The same content as JSON for other tools.
//!
//! Widths count characters: after NFC every Vietnamese letter is one precomposed code
//! point, so a character is one column on a terminal.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, display_path};
use crate::validate::verdict::{Assessment, Criterion, Kind, Outcome, Totals, Verdict, Verdicts};

/// The criteria shown as columns, in `Criterion::ALL` order; `Sector` has its own list.
fn columns() -> impl Iterator<Item = &'static Criterion> {
    Criterion::ALL.iter().filter(|c| **c != Criterion::Sector)
}

/// Longest name printed whole; longer names are cut with `…` (the `ma` identifies them).
const NAME_WIDTH: usize = 36;

/// The text `vanban check` prints on standard output.
pub fn render(rounds: &[Verdicts]) -> String {
    let mut out = String::new();
    if rounds.is_empty() {
        out.push_str("Chưa có đợt thi đua nào (`loai: dot`) nên chưa xét tiêu chuẩn.\n");
        return out;
    }
    for (i, v) in rounds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_round(&mut out, v);
    }
    if rounds.len() > 1 {
        let t = Totals::sum(rounds);
        let _ = writeln!(
            out,
            "\nCả {} đợt: {} lượt xét — {} đủ tiêu chuẩn, {} chưa đủ tiêu chuẩn, {} do ngành xét chọn.",
            rounds.len(),
            t.total(),
            t.eligible,
            t.not_eligible,
            t.not_assessed
        );
    }
    out
}

fn render_round(out: &mut String, v: &Verdicts) {
    let _ = writeln!(
        out,
        "Đợt thi đua “{}” năm {} — hạn đăng ký {}",
        v.movement,
        v.year,
        v.deadline.format("%d/%m/%Y")
    );
    let (assessed, apart): (Vec<&Assessment>, Vec<&Assessment>) = v
        .records
        .iter()
        .partition(|a| a.verdict != Verdict::NotAssessed);
    if v.records.is_empty() {
        out.push_str("\nChưa có tập thể, cá nhân nào trong bộ dữ liệu.\n");
    }
    if !assessed.is_empty() {
        out.push('\n');
        table(out, &assessed);
        out.push('\n');
        legend(out);
    }
    if !apart.is_empty() {
        let _ = writeln!(
            out,
            "\nDo ngành xét chọn theo quy định riêng (không xét theo các tiêu chí trên):"
        );
        let ma_w = width(apart.iter().map(|a| a.ma.as_str()), "Mã");
        for a in &apart {
            let _ = writeln!(
                out,
                "  {}  {}  {}",
                pad(&a.ma, ma_w),
                cut(&a.name),
                a.group.label()
            );
        }
    }
    out.push('\n');
    totals(out, v);
}

fn table(out: &mut String, rows: &[&Assessment]) {
    let names: Vec<String> = rows.iter().map(|a| cut(&a.name)).collect();
    let ma_w = width(rows.iter().map(|a| a.ma.as_str()), "Mã");
    let name_w = width(names.iter().map(String::as_str), "Tên");
    let kind_w = width(rows.iter().map(|a| a.kind.label()), "Loại");
    let group_w = width(rows.iter().map(|a| a.group.label()), "Lĩnh vực / đối tượng");
    let marks: String = columns().map(|c| c.short()).collect::<Vec<_>>().join(" ");
    let _ = writeln!(
        out,
        "{}  {}  {}  {}  {}  Kết luận",
        pad("Mã", ma_w),
        pad("Tên", name_w),
        pad("Loại", kind_w),
        pad("Lĩnh vực / đối tượng", group_w),
        marks
    );
    for (a, name) in rows.iter().zip(&names) {
        let cells: String = columns()
            .map(|&c| format!("{:<2}", a.outcome(c).map_or(" ", Outcome::mark)))
            .collect::<Vec<_>>()
            .join(" ");
        let line = format!(
            "{}  {}  {}  {}  {}  {}",
            pad(&a.ma, ma_w),
            pad(name, name_w),
            pad(a.kind.label(), kind_w),
            pad(a.group.label(), group_w),
            cells,
            a.verdict.label()
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for (criterion, s) in a.shortfalls() {
            let place = s
                .location
                .as_ref()
                .map(|l| format!(" ({})", l.place()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    ✗ {}: {} — {} `{}`{place}",
                criterion.label(),
                s.reason,
                if s.absent { "thêm" } else { "sửa" },
                display_path(&s.field)
            );
            let _ = writeln!(out, "      gợi ý: {}", s.hint);
        }
    }
}

fn legend(out: &mut String) {
    let names: Vec<String> = columns()
        .map(|c| format!("{} {}", c.short(), c.label().to_lowercase()))
        .collect();
    let _ = writeln!(out, "Chú thích: {}.", names.join(" · "));
    let _ = writeln!(
        out,
        "✓ đạt, ✗ chưa đạt, – không xét được, để trống: không áp dụng."
    );
}

fn totals(out: &mut String, v: &Verdicts) {
    let count = |verdict: Verdict, kind: Kind| {
        v.records
            .iter()
            .filter(|a| a.verdict == verdict && a.kind == kind)
            .count()
    };
    let t = v.totals();
    let _ = writeln!(
        out,
        "Tổng cộng {} bản ghi: {} đủ tiêu chuẩn ({} tập thể, {} cá nhân), {} chưa đủ tiêu chuẩn ({} tập thể, {} cá nhân), {} do ngành xét chọn.",
        t.total(),
        t.eligible,
        count(Verdict::Eligible, Kind::TapThe),
        count(Verdict::Eligible, Kind::CaNhan),
        t.not_eligible,
        count(Verdict::NotEligible, Kind::TapThe),
        count(Verdict::NotEligible, Kind::CaNhan),
        t.not_assessed
    );
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn width<'a>(values: impl Iterator<Item = &'a str>, header: &str) -> usize {
    values.map(chars).chain([chars(header)]).max().unwrap_or(0)
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(chars(s))))
}

fn cut(name: &str) -> String {
    if chars(name) <= NAME_WIDTH {
        name.to_owned()
    } else {
        let head: String = name.chars().take(NAME_WIDTH - 1).collect();
        format!("{}…", head.trim_end())
    }
}

/// What `vanban check --json` prints.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// The verdicts of each round.
    pub rounds: &'a [Verdicts],
    /// The counts over every round.
    pub totals: Totals,
    /// Every diagnostic of the run.
    pub diagnostics: &'a [Diagnostic],
}

/// The report `vanban check --json` prints, as pretty JSON.
pub fn json(rounds: &[Verdicts], diagnostics: &[Diagnostic]) -> String {
    let report = JsonReport {
        rounds,
        totals: Totals::sum(rounds),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).expect("the check report serializes to JSON")
}
