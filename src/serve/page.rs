//! The page, rendered on the server as plain HTML: it reads without script, and a test
//! can assert its text with a bare TCP request. The script only polls for changes.
//!
//! One room although long: the page is one HTML document, and its sections are written
//! here in the order a reader meets them (dataset, problems, verdicts, papers, preview),
//! sharing one escaper; the code explanations live apart in `explain.rs`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Severity, display_path};
use crate::numbering::Abbrev;
use crate::register::{self, Row};
use crate::validate::verdict::{Criterion, Outcome, Verdict};

use super::state::{Doc, Snapshot};
use super::watch::Current;

/// The page's style sheet and script, embedded so the page works offline.
pub(crate) const CSS: &str = include_str!("assets/trang.css");
/// See [`CSS`].
pub(crate) const JS: &str = include_str!("assets/trang.js");

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a message and shows its `backticked` keys and commands as code, as a terminal
/// reader sees them quoted.
pub(crate) fn rich(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    // An odd number of backticks: the last one was text, not an opening.
    if s.matches('`').count() % 2 == 1 {
        return esc(s);
    }
    out
}

/// Percent-encodes a query value (a document's key).
pub(crate) fn query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// What the main page is asked to show.
pub(crate) struct View<'a> {
    /// The dataset folder, as given.
    pub(crate) dataset: &'a str,
    /// The token a POST must carry.
    pub(crate) token: &'a str,
    /// The selected document's key, if any.
    pub(crate) selected: Option<&'a str>,
    /// The selected document's page count, or why it could not be laid out.
    pub(crate) pages: Option<Result<usize, String>>,
    /// What the register says of the documents already made.
    pub(crate) register: &'a Register,
}

/// The register as the page shows it: each made document's number and state, and what
/// the "Ban hành" button would mark. Read on every request, not watched: a build and the
/// button change it, and both end in a new page.
#[derive(Default)]
pub(crate) struct Register {
    /// By the document's key (its path under the output folder): its symbol, and
    /// whether it is issued.
    pub(crate) by_key: HashMap<String, (String, bool)>,
    /// The round the button marks (the latest in the register) and its numbered
    /// documents that a build wrote: (drafts, issued).
    pub(crate) round: Option<(i32, usize, usize)>,
    /// Why the register cannot be shown: not made yet, or unreadable.
    pub(crate) missing: Option<String>,
}

impl Register {
    pub(crate) fn read(dataset: &Path) -> Register {
        if !dataset.join(register::FILE).is_file() {
            return Register {
                missing: Some(
                    "Chưa có sổ văn bản: bấm “Tạo hồ sơ” để tạo văn bản và cấp số.".to_owned(),
                ),
                ..Register::default()
            };
        }
        match register::list(dataset, &register::Filter::default()) {
            Ok(rows) => Register::of(&rows),
            Err(e) => Register {
                missing: Some(format!("Không đọc được sổ văn bản: {e:#}")),
                ..Register::default()
            },
        }
    }

    /// While a build runs: its result page shows what it wrote.
    pub(crate) fn busy() -> Register {
        Register {
            missing: Some(
                "Đang tạo hồ sơ: trạng thái từng văn bản hiện lại khi tạo xong (xem tiến độ ở trang “Tạo hồ sơ”).".to_owned(),
            ),
            ..Register::default()
        }
    }

    fn of(rows: &[Row]) -> Register {
        let by_key = rows
            .iter()
            .filter_map(|r| {
                let file = r.file.clone()?;
                Some((file, (r.symbol.clone(), r.is_issued())))
            })
            .collect();
        // The documents `register::mark` marks when no symbol is named.
        let round = rows.iter().map(|r| r.year).max().map(|year| {
            let docs = rows.iter().filter(|r| {
                r.year == year && r.file.is_some() && r.kind != Abbrev::SoVang.as_str()
            });
            let issued = docs.clone().filter(|r| r.is_issued()).count();
            (year, docs.count() - issued, issued)
        });
        Register {
            by_key,
            round,
            missing: None,
        }
    }
}

/// The head and the opening of the body, shared by every page.
/// `watch` is the generation the page shows, for the script to poll against; pages
/// answering a POST have none (reloading them would post again).
pub(crate) fn head(title: &str, watch: Option<u64>) -> String {
    let watch = watch
        .map(|g| format!(" data-phien-ban=\"{g}\""))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/tai-nguyen/trang.css\">\
         <script src=\"/tai-nguyen/trang.js\" defer></script></head>\
         <body{watch}>\n",
        esc(title)
    )
}

/// The main page.
pub(crate) fn main(cur: &Current, view: &View) -> String {
    let mut out = head(&format!("vanban — {}", view.dataset), Some(cur.generation));
    let _ = write!(
        out,
        "<header><h1>vanban — hồ sơ thi đua</h1><p>Thư mục dữ liệu: <code>{}</code>. \
         Trang tự cập nhật khi tệp dữ liệu thay đổi.</p>{}</header>\n<main>\n",
        esc(view.dataset),
        build_form(view.token)
    );
    issue_form(&mut out, view);
    match &cur.snapshot {
        Err(e) => {
            let _ = write!(
                out,
                "<section class=\"loi\"><h2>Không đọc được bộ dữ liệu</h2><p>{}</p></section>",
                esc(e)
            );
        }
        Ok(s) => {
            out.push_str("<div class=\"cot\"><div class=\"trai\">");
            dataset(&mut out, s);
            diagnostics(&mut out, s);
            checks(&mut out, s, view);
            documents(&mut out, s, view);
            out.push_str("</div><div class=\"phai\">");
            preview(&mut out, s, view, cur.generation);
            out.push_str("</div></div>");
        }
    }
    out.push_str("</main></body></html>\n");
    out
}

fn build_form(token: &str) -> String {
    format!(
        "<form method=\"post\" action=\"/tao-ho-so\" class=\"tao\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <button type=\"submit\">Tạo hồ sơ</button> \
         <a href=\"/hieu-chinh\">Canh lề phôi in sẵn (<code>lech_mm</code>)</a></form>",
        esc(token)
    )
}

/// The "Ban hành" button, with what it would mark, or why there is nothing to mark.
fn issue_form(out: &mut String, view: &View) {
    let r = view.register;
    out.push_str("<section id=\"ban-hanh\"><h2>Ban hành</h2>");
    match (&r.missing, r.round) {
        (Some(why), _) => {
            let _ = write!(out, "<p>{}</p>", esc(why));
        }
        (None, None) => out.push_str("<p>Sổ văn bản chưa có văn bản nào.</p>"),
        (None, Some((year, 0, issued))) => {
            let _ = write!(
                out,
                "<p>Đợt năm {year}: cả {issued} văn bản có số đều đã ban hành.</p>"
            );
        }
        (None, Some((year, drafts, issued))) => {
            let _ = write!(
                out,
                "<p>Đợt năm {year}: {drafts} văn bản có số còn là dự thảo, {issued} đã ban hành. \
                 In, ký, đóng dấu xong thì bấm “Ban hành” để ghi vào sổ (kèm giấy khen của từng quyết \
                 định): văn bản đã ban hành không bị đánh số lại hay ghi đè khi tạo lại hồ sơ.</p>\
                 <form method=\"post\" action=\"/ban-hanh\" class=\"ban-hanh\">\
                 <input type=\"hidden\" name=\"token\" value=\"{}\">\
                 <button type=\"submit\">Ban hành {drafts} văn bản của đợt năm {year}</button></form>",
                esc(view.token)
            );
        }
    }
    out.push_str("</section>\n");
}

fn dataset(out: &mut String, s: &Snapshot) {
    let [bodies, rounds, collectives, persons] = s.counts;
    let _ = write!(
        out,
        "<section id=\"du-lieu\"><h2>Bộ dữ liệu</h2><p>{} tệp: {bodies} cơ quan, {rounds} đợt, \
         {collectives} tập thể, {persons} cá nhân hợp lệ; {} lỗi, {} cảnh báo.</p>\
         <details><summary>Các tệp</summary><ul>",
        s.files.len(),
        s.report.errors(),
        s.report.warnings()
    );
    for f in &s.files {
        let _ = write!(
            out,
            "<li><code>{}</code></li>",
            esc(&f.display().to_string())
        );
    }
    out.push_str("</ul></details></section>\n");
}

fn diagnostics(out: &mut String, s: &Snapshot) {
    out.push_str("<section id=\"loi\"><h2>Lỗi và cảnh báo</h2>");
    if s.report.diagnostics.is_empty() {
        out.push_str("<p>Không có lỗi nào.</p></section>\n");
        return;
    }
    // Errors stop papers from being made: shown open. Warnings alone wait behind a click.
    let _ = write!(
        out,
        "<details{}><summary>{} lỗi, {} cảnh báo</summary><ul class=\"chan-doan\">",
        if s.report.has_errors() { " open" } else { "" },
        s.report.errors(),
        s.report.warnings()
    );
    for d in &s.report.diagnostics {
        let (class, label) = match d.severity {
            Severity::Error => ("loi", "lỗi"),
            Severity::Warning => ("canh-bao", "cảnh báo"),
        };
        let _ = write!(out, "<li class=\"{class}\"><b>{label}</b>");
        if let Some(code) = d.code {
            // A link without script (the explanation's own page); the script opens it
            // in place under the diagnostic instead.
            let _ = write!(
                out,
                " <a class=\"ma-loi\" href=\"/giai-thich/{code}\" title=\"Giải thích mã {code}: {}\">\
                 {code}<span class=\"hoi\">?</span></a>",
                esc(code.title())
            );
        }
        if let Some(l) = &d.location {
            let _ = write!(out, " <code class=\"noi\">{}</code>", esc(&l.place()));
        }
        if let Some(doc) = &d.document {
            let _ = write!(out, " <code>{}</code>", esc(&doc.display().to_string()));
        }
        if let Some(f) = &d.field {
            let _ = write!(out, " (trường <code>{}</code>)", esc(&display_path(f)));
        }
        let _ = write!(out, ": {}", rich(&d.message));
        if let Some(snippet) = d.location.as_ref().and_then(|l| l.snippet.as_ref()) {
            let _ = write!(out, "<pre>{}</pre>", esc(snippet));
        }
        if let Some(h) = &d.hint {
            let _ = write!(out, "<div class=\"goi-y\">gợi ý: {}</div>", rich(h));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details></section>\n");
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "dat",
        Verdict::NotEligible => "chua-dat",
        Verdict::NotAssessed => "nganh",
    }
}

/// The first document of record `ma`, for the table's links.
fn first_doc<'a>(s: &'a Snapshot, ma: &str) -> Option<&'a Doc> {
    s.docs.iter().find(|d| d.ma().as_deref() == Some(ma))
}

fn checks(out: &mut String, s: &Snapshot, view: &View) {
    out.push_str("<section id=\"xet\"><h2>Kết quả xét tiêu chuẩn</h2>");
    if s.verdicts.is_empty() {
        out.push_str(
            "<p>Chưa có đợt thi đua nào (<code>loai: dot</code>) nên chưa xét tiêu chuẩn.</p>",
        );
    }
    let columns: Vec<Criterion> = Criterion::ALL
        .iter()
        .copied()
        .filter(|c| *c != Criterion::Sector)
        .collect();
    for v in &s.verdicts {
        let t = v.totals();
        let _ = write!(
            out,
            "<h3>Đợt “{}” năm {} — hạn đăng ký {}</h3><p>{} đủ tiêu chuẩn, {} chưa đủ tiêu chuẩn, \
             {} do ngành xét chọn.</p><table class=\"bang-xet\"><thead><tr><th>Mã</th><th>Tên</th>\
             <th>Loại</th><th>Lĩnh vực / đối tượng</th>",
            esc(&v.movement),
            v.year,
            v.deadline.format("%d/%m/%Y"),
            t.eligible,
            t.not_eligible,
            t.not_assessed
        );
        for c in &columns {
            let _ = write!(
                out,
                "<th title=\"{}\">{}</th>",
                esc(c.label()),
                esc(c.short())
            );
        }
        out.push_str("<th>Kết luận</th></tr></thead><tbody>");
        for a in &v.records {
            let doc = first_doc(s, &a.ma);
            let chosen = doc.is_some_and(|d| {
                view.selected
                    .is_some_and(|k| s.docs.iter().any(|x| x.key() == k && x.ma() == d.ma()))
            });
            let name = match doc {
                Some(d) => format!(
                    "<a href=\"/?van-ban={}#xem\">{}</a>",
                    esc(&query(&d.key())),
                    esc(&a.name)
                ),
                None => esc(&a.name),
            };
            let _ = write!(
                out,
                "<tr class=\"ban-ghi {}{}\" data-ma=\"{}\"><td><code>{}</code></td><td>{name}</td>\
                 <td>{}</td><td>{}</td>",
                verdict_class(a.verdict),
                if chosen { " chon" } else { "" },
                esc(&a.ma),
                esc(&a.ma),
                esc(a.kind.label()),
                esc(a.group.label())
            );
            for &c in &columns {
                let mark = a.outcome(c).map_or("", Outcome::mark);
                let _ = write!(out, "<td class=\"dau\">{}</td>", esc(mark));
            }
            let _ = write!(
                out,
                "<td class=\"ket-luan\">{}</td></tr>",
                esc(a.verdict.label())
            );
            let reasons: Vec<String> = a
                .shortfalls()
                .map(|(criterion, sf)| {
                    let place = sf
                        .location
                        .as_ref()
                        .map(|l| format!(" <code class=\"noi\">{}</code>", esc(&l.place())))
                        .unwrap_or_default();
                    format!(
                        "<li>✗ {}: {} — {} <code>{}</code>{place}<div class=\"goi-y\">gợi ý: {}</div></li>",
                        esc(criterion.label()),
                        rich(&sf.reason),
                        if sf.absent { "thêm" } else { "sửa" },
                        esc(&display_path(&sf.field)),
                        rich(&sf.hint)
                    )
                })
                .collect();
            if !reasons.is_empty() {
                let _ = write!(
                    out,
                    "<tr class=\"ly-do\"><td colspan=\"{}\"><ul>{}</ul></td></tr>",
                    columns.len() + 5,
                    reasons.join("")
                );
            }
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

fn documents(out: &mut String, s: &Snapshot, view: &View) {
    let _ = write!(
        out,
        "<section id=\"van-ban\"><h2>Văn bản của đợt</h2><p>{} văn bản sẽ được tạo.</p><ul>",
        s.docs.len()
    );
    for d in &s.docs {
        let key = d.key();
        let class = if view.selected == Some(key.as_str()) {
            " class=\"chon\""
        } else {
            ""
        };
        let state = match view.register.by_key.get(&key) {
            Some((symbol, true)) => format!(
                " <span class=\"trang-thai da-ban-hanh\">{} — đã ban hành</span>",
                esc(symbol)
            ),
            Some((symbol, false)) => format!(
                " <span class=\"trang-thai du-thao\">{} — dự thảo</span>",
                esc(symbol)
            ),
            None => String::new(),
        };
        let _ = write!(
            out,
            "<li{class}><a href=\"/?van-ban={}#xem\">{}</a> <small>{}</small>{state}</li>",
            esc(&query(&key)),
            esc(&key),
            esc(d.kind.label())
        );
    }
    out.push_str("</ul></section>\n");
}

/// The documents `◀ ▶` step through: those of the same kind (a giấy khen to the next
/// person's), in plan order.
fn neighbours<'a>(s: &'a Snapshot, key: &str) -> (Option<&'a Doc>, Option<&'a Doc>) {
    let Some(i) = s.docs.iter().position(|d| d.key() == key) else {
        return (None, None);
    };
    let kind = s.docs[i].kind;
    let prev = s.docs[..i].iter().rev().find(|d| d.kind == kind);
    let next = s.docs[i + 1..].iter().find(|d| d.kind == kind);
    (prev, next)
}

fn preview(out: &mut String, s: &Snapshot, view: &View, generation: u64) {
    out.push_str("<section id=\"xem\"><h2>Xem trước</h2>");
    let Some(key) = view.selected else {
        out.push_str("<p>Chọn một tập thể, cá nhân hoặc văn bản để xem trước.</p></section>");
        return;
    };
    let (prev, next) = neighbours(s, key);
    let step = |d: Option<&Doc>, label: &str, title: &str| match d {
        Some(d) => format!(
            "<a class=\"buoc\" title=\"{title}\" href=\"/?van-ban={}#xem\">{label}</a>",
            esc(&query(&d.key()))
        ),
        None => format!("<span class=\"buoc tat\">{label}</span>"),
    };
    let _ = write!(
        out,
        "<nav class=\"chuyen\">{} <code>{}</code> {}</nav>",
        step(prev, "◀", "Văn bản trước"),
        esc(key),
        step(next, "▶", "Văn bản sau")
    );
    match &view.pages {
        None => out.push_str("<p>Không có văn bản này trong đợt (dữ liệu đã đổi?).</p>"),
        Some(Err(e)) => {
            let _ = write!(out, "<p class=\"loi\">Không dàn trang được: {}</p>", esc(e));
        }
        Some(Ok(n)) => {
            out.push_str(
                "<p class=\"ghi-chu\">Số văn bản trên bản xem trước là số dự kiến; số chính thức do sổ văn bản cấp khi bấm “Tạo hồ sơ”.</p>",
            );
            for p in 0..*n {
                let _ = write!(
                    out,
                    "<figure><img class=\"trang\" alt=\"Trang {}\" src=\"/xem?van-ban={}&amp;trang={p}&amp;v={generation}\">\
                     <figcaption>Trang {} / {n}</figcaption></figure>",
                    p + 1,
                    esc(&query(key)),
                    p + 1
                );
            }
        }
    }
    out.push_str("</section>");
}

/// The page of a build under way; it reloads itself until the build is done.
pub(crate) fn building(done: usize, total: usize) -> String {
    let mut out = head("vanban — đang tạo hồ sơ", None).replace("<body>", "<body data-dang-tao>");
    let what = if total == 0 {
        "Đang kiểm tra dữ liệu và đánh số văn bản…".to_owned()
    } else {
        format!("Đã tạo {done} / {total} văn bản…")
    };
    let _ = writeln!(
        out,
        "<header><h1>Đang tạo hồ sơ</h1></header><main><p id=\"tien-do\">{what}</p>\
         <progress max=\"{}\" value=\"{done}\"></progress></main></body></html>",
        total.max(1)
    );
    out
}

/// The page a build answers with: what it wrote, as links into the output folder.
pub(crate) fn built(
    written: &[PathBuf],
    current: usize,
    errors: usize,
    warnings: usize,
    failed: usize,
    report: &str,
) -> String {
    let mut out = head("vanban — đã tạo hồ sơ", None);
    let _ = write!(
        out,
        "<header><h1>Đã tạo hồ sơ</h1><p><a href=\"/\">← Về trang chính</a></p></header><main>\
         <p>Đã ghi {} tệp; {failed} văn bản không tạo được; {errors} lỗi, {warnings} cảnh báo.</p>",
        written.len()
    );
    if current > 0 {
        let _ = write!(
            out,
            "<p>Giữ nguyên {current} bản đăng ký, báo cáo thành tích không đổi so với lần trước.</p>"
        );
    }
    out.push_str("<ul class=\"tep\">");
    for w in written {
        let key: Vec<String> = w
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let key = key.join("/");
        let _ = write!(
            out,
            "<li><a href=\"/ket-qua/{}\">{}</a></li>",
            esc(&query(&key)),
            esc(&key)
        );
    }
    out.push_str("</ul>");
    if !report.is_empty() {
        let _ = write!(out, "<pre>{}</pre>", esc(report));
    }
    out.push_str("</main></body></html>\n");
    out
}

/// The page the "Ban hành" button answers with: the lines of the register it marked.
pub(crate) fn issued(rows: &[Row]) -> String {
    let mut out = head("vanban — đã ban hành", None);
    let _ = write!(
        out,
        "<header><h1>Đã ban hành</h1><p><a href=\"/\">← Về trang chính</a></p></header><main>\
         <p>Đã ghi vào sổ văn bản {} văn bản là đã ban hành (kèm giấy khen của từng quyết định).</p>\
         <ul class=\"ban-hanh\">",
        rows.len()
    );
    for r in rows {
        let _ = write!(
            out,
            "<li><b>{}</b> — {} <code>{}</code></li>",
            esc(&r.symbol),
            esc(&r.summary),
            esc(r.file.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</ul></main></body></html>\n");
    out
}

/// A short page for an error answer.
pub(crate) fn message(title: &str, text: &str) -> String {
    format!(
        "{}<main><h1>{}</h1><p>{}</p><p><a href=\"/\">← Về trang chính</a></p></main></body></html>\n",
        head(title, None),
        esc(title),
        esc(text)
    )
}

/// The calibration page: the advice, the rounds' current `lech_mm`, the sheet.
pub(crate) fn calibration(cur: &Current) -> String {
    let mut out = head("vanban — canh lề phôi in sẵn", Some(cur.generation));
    out.push_str(
        "<header><h1>Canh lề giấy khen in trên phôi in sẵn</h1><p><a href=\"/\">← Về trang chính</a></p></header><main>\
         <section><h2>Cách làm</h2><ol>\
         <li>Tải <a href=\"/hieu-chinh.pdf\">trang canh lề (PDF, khổ A4 nằm ngang như giấy khen)</a> và in trên giấy thường.</li>\
         <li>Khi in, chọn tỉ lệ <b>100 %</b> — “<b>Kích thước thật</b>” (Actual size); không chọn “Vừa trang” (Fit to page), nếu không mọi số đo đều sai.</li>\
         <li>Đo từ mép trái và mép trên tờ giấy đến tâm dấu thập góc trên bên trái; máy in đúng thì được 20 mm và 20 mm.</li>\
         <li>Ghi vào tệp đợt thi đua, mục <code>giay_khen</code>: <code>lech_mm: {x: 20 − x đo được, y: 20 − y đo được}</code> (số dương: dịch chữ sang phải, xuống dưới).</li>\
         <li>Bấm “Tạo hồ sơ”, in thử một giấy khen trên một tờ phôi rồi mới in cả lô.</li></ol></section>",
    );
    if let Ok(s) = &cur.snapshot {
        out.push_str("<section><h2>Đang đặt trong dữ liệu</h2><ul>");
        for (year, blank, offset) in &s.blanks {
            let offset = match offset {
                Some((x, y)) => format!("<code>lech_mm: {{x: {x}, y: {y}}}</code>"),
                None => "chưa có <code>lech_mm</code> (không dịch)".to_owned(),
            };
            let _ = write!(
                out,
                "<li>Đợt năm {year}: {}; {offset}</li>",
                if *blank {
                    "in trên phôi (<code>phoi: true</code>)"
                } else {
                    "in cả khung (<code>phoi</code> chưa bật)"
                }
            );
        }
        out.push_str("</ul></section>");
    }
    out.push_str(
        "<section><h2>Trang canh lề</h2><img class=\"trang\" alt=\"Trang canh lề\" src=\"/hieu-chinh.png\"></section></main></body></html>\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code_and_markup_stays_text() {
        assert_eq!(
            rich("thêm `ho_ten` <b>"),
            "thêm <code>ho_ten</code> &lt;b&gt;"
        );
        assert_eq!(rich("một ` lẻ"), "một ` lẻ");
        assert_eq!(esc("\"'&"), "&quot;&#39;&amp;");
    }
}
