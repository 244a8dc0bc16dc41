//! Layout tests: the sample decisions of `vanban mau` (production decisions planned from
//! the embedded sample dataset and laid out by the production templates), read back as
//! text runs and rules with their font, size, style and position, and held against the
//! decisions D2–D13 of conventions.md for both regimes, on short and 3-page documents.
//!
//! All samples are compiled once (typst is heavy) with system fonts off, so the embedded
//! Liberation Serif is used on every machine.

use std::path::Path;
use std::sync::OnceLock;

use crate::common::{fixture, root};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::FontStyle;
use typst::visualize::{Geometry, Paint};
use typst_layout::PagedDocument;
use vanban::mau::{self, SAMPLES, Sample, Sheet};
use vanban::model::Regime;
use vanban::render::TemplateRef;

const PT_PER_MM: f64 = 72.0 / 25.4;
/// Left edge and width of the text area, in mm (D2: left 30, right 15 on A4).
const LEFT: f64 = 30.0;
const RIGHT: f64 = 195.0;
const TEXT_W: f64 = RIGHT - LEFT;

/// A run of text as laid out: position of its baseline start, in mm from the page's top left.
#[derive(Debug, Clone)]
struct Run {
    page: usize,
    x: f64,
    y: f64,
    w: f64,
    text: String,
    size: f64,
    bold: bool,
    italic: bool,
    family: String,
    black: bool,
}

impl Run {
    fn right(&self) -> f64 {
        self.x + self.w
    }
    fn centre(&self) -> f64 {
        self.x + self.w / 2.0
    }
}

/// A straight stroked line, in mm.
#[derive(Debug, Clone)]
struct Rule {
    page: usize,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Rule {
    fn len(&self) -> f64 {
        (self.x1 - self.x0).abs()
    }
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn horizontal(&self) -> bool {
        (self.y0 - self.y1).abs() < 0.01 && self.len() > 0.5
    }
}

/// What a test reads of one laid-out sample.
struct Laid {
    sample: Sample,
    pages: Vec<(f64, f64)>,
    runs: Vec<Run>,
    rules: Vec<Rule>,
    /// The first page as PDF, for the snapshot test.
    pdf: Vec<u8>,
}

impl Laid {
    fn party(&self) -> bool {
        self.sample.regime == Regime::Dang
    }

    /// The only run whose text is exactly `text` (trimmed), on `page`.
    fn run(&self, page: usize, text: &str) -> &Run {
        let found: Vec<&Run> = self
            .runs
            .iter()
            .filter(|r| r.page == page && r.text.trim() == text)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: expected one run “{text}” on page {page}, found {found:?}",
            self.sample.name
        );
        found[0]
    }

    /// The first run in reading order whose text is exactly `text` (trimmed), on any page.
    fn first(&self, text: &str) -> &Run {
        self.runs
            .iter()
            .filter(|r| r.text.trim() == text)
            .min_by(|a, b| a.page.cmp(&b.page).then(a.y.total_cmp(&b.y)))
            .unwrap_or_else(|| panic!("{}: no run “{text}”", self.sample.name))
    }

    /// The first run on `page` whose text starts with `prefix`.
    fn run_starting(&self, page: usize, prefix: &str) -> &Run {
        self.runs
            .iter()
            .find(|r| r.page == page && r.text.trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("{}: no run starting “{prefix}”", self.sample.name))
    }

    /// Lines of `page`: runs grouped by baseline, left to right, text joined.
    fn lines(&self, page: usize) -> Vec<(f64, String, Vec<&Run>)> {
        let mut runs: Vec<&Run> = self.runs.iter().filter(|r| r.page == page).collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut out: Vec<(f64, String, Vec<&Run>)> = Vec::new();
        for r in runs {
            match out.last_mut() {
                Some((y, text, rs)) if (r.y - *y).abs() < 0.05 => {
                    let gap = r.x - rs.last().map(|l| l.right()).unwrap_or(r.x);
                    if gap > 1.0 && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    text.push_str(&r.text);
                    rs.push(r);
                }
                _ => out.push((r.y, r.text.clone(), vec![r])),
            }
        }
        out
    }

    /// Horizontal rules on `page` whose y lies in (from, to).
    fn rules_between(&self, page: usize, from: f64, to: f64) -> Vec<&Rule> {
        self.rules
            .iter()
            .filter(|l| l.page == page && l.horizontal() && l.y0 > from && l.y0 < to)
            .collect()
    }
}

fn laid(name: &str) -> &'static Laid {
    static ALL: OnceLock<Vec<Laid>> = OnceLock::new();
    ALL.get_or_init(|| {
        let sheet = shared();
        SAMPLES
            .iter()
            .map(|sample| {
                let doc = sheet
                    .layout(sample)
                    .unwrap_or_else(|d| panic!("{}: {d:?}", sample.name));
                let pdf = vanban::compile::pdf(&doc, sample.name, mau::date())
                    .unwrap_or_else(|d| panic!("{}: {d:?}", sample.name));
                read(&doc, *sample, pdf)
            })
            .collect()
    })
    .iter()
    .find(|l| l.sample.name == name)
    .expect("a sample of that name")
}

/// The samples planned once, with one engine over the embedded fonts for every test.
fn shared() -> &'static Sheet {
    static SHARED: OnceLock<Sheet> = OnceLock::new();
    SHARED.get_or_init(|| {
        Sheet::new(vanban::fonts::FontPolicy::DatasetOnly).expect("the sample dataset plans")
    })
}

fn read(doc: &PagedDocument, sample: Sample, pdf: Vec<u8>) -> Laid {
    let mut runs = Vec::new();
    let mut rules = Vec::new();
    let mut pages = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        let size = page.frame.size();
        pages.push((size.x.to_mm(), size.y.to_mm()));
        walk(
            &page.frame,
            Transform::identity(),
            i + 1,
            &mut runs,
            &mut rules,
        );
    }
    Laid {
        sample,
        pages,
        runs,
        rules,
        pdf,
    }
}

fn walk(frame: &Frame, ts: Transform, page: usize, runs: &mut Vec<Run>, rules: &mut Vec<Rule>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), page, runs, rules),
            FrameItem::Text(t) => {
                let p = Point::zero().transform(here);
                let info = t.font.font().info();
                let black = match &t.fill {
                    Paint::Solid(c) => c.to_vec4_u8()[..3].iter().all(|v| *v < 8),
                    _ => false,
                };
                runs.push(Run {
                    page,
                    x: p.x.to_mm(),
                    y: p.y.to_mm(),
                    w: t.width().to_mm(),
                    // No-break spaces (`the_thuc::bind`) read as the spaces they print as.
                    text: t.text.to_string().replace('\u{a0}', " "),
                    size: t.size.to_pt(),
                    bold: info.variant.weight.to_number() >= 700,
                    italic: info.variant.style != FontStyle::Normal,
                    family: info.family.clone(),
                    black,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = &shape.geometry
                    && shape.stroke.is_some()
                {
                    let a = Point::zero().transform(here);
                    let b = to.transform(here);
                    rules.push(Rule {
                        page,
                        x0: a.x.to_mm().min(b.x.to_mm()),
                        x1: a.x.to_mm().max(b.x.to_mm()),
                        y0: a.y.to_mm(),
                        y1: b.y.to_mm(),
                    });
                }
            }
            _ => {}
        }
    }
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// The decision on page 1, its list on page 2.
const SHORT: [&str; 2] = ["mau-dang", "mau-nha-nuoc"];
/// Bases that fill page 1, the last article and the signature on page 2, the list on page 3.
const THREE_PAGES: [&str; 2] = ["mau-dang-3-trang", "mau-nha-nuoc-3-trang"];
const ALL: [&str; 4] = [
    "mau-dang",
    "mau-nha-nuoc",
    "mau-dang-3-trang",
    "mau-nha-nuoc-3-trang",
];

/// D2: A4 portrait; text stays inside margins of top 20, bottom 20, left 30, right 15 mm,
/// and justified lines reach both edges of the text area exactly.
#[test]
fn d2_a4_portrait_and_margins() {
    for name in ALL {
        let l = laid(name);
        for (w, h) in &l.pages {
            assert!(
                near(*w, 210.0, 0.01) && near(*h, 297.0, 0.01),
                "{name}: {w}×{h}"
            );
        }
        for (page, _) in l.pages.iter().enumerate() {
            let page = page + 1;
            // Page numbers sit in the top margin by design (D11): leave them out here.
            let body: Vec<&Run> = l
                .runs
                .iter()
                .filter(|r| r.page == page && r.y > 20.0)
                .collect();
            // A table's text sits inside its cells: its rules mark the edges there.
            let rules = l.rules.iter().filter(|r| r.page == page);
            let min_x = body
                .iter()
                .map(|r| r.x)
                .chain(rules.clone().map(|r| r.x0))
                .fold(f64::MAX, f64::min);
            let max_x = body
                .iter()
                .map(|r| r.right())
                .chain(rules.map(|r| r.x1))
                .fold(f64::MIN, f64::max);
            assert!(
                near(min_x, LEFT, 0.1),
                "{name} p{page}: text starts at {min_x} mm"
            );
            assert!(
                max_x <= RIGHT + 0.1,
                "{name} p{page}: text ends at {max_x} mm"
            );
            let top = body
                .iter()
                .map(|r| r.y - r.size * 0.8 / PT_PER_MM)
                .fold(f64::MAX, f64::min);
            let bottom = body.iter().map(|r| r.y).fold(f64::MIN, f64::max);
            assert!(top >= 20.0 - 0.05, "{name} p{page}: text top at {top} mm");
            assert!(
                bottom <= 297.0 - 20.0,
                "{name} p{page}: baseline at {bottom} mm"
            );
        }
        // A justified paragraph line (not its last) ends on the right margin.
        let justified = l
            .lines(1)
            .into_iter()
            .filter(|(y, _, rs)| *y > 60.0 && rs.iter().all(|r| r.size == 14.0))
            .map(|(_, _, rs)| rs.last().unwrap().right())
            .fold(f64::MIN, f64::max);
        assert!(
            near(justified, RIGHT, 0.05),
            "{name}: justified lines end at {justified} mm"
        );
    }
    // The long variant fills page 1 down to the bottom margin (less up to two lines that
    // widow and orphan control may move to page 2).
    for name in THREE_PAGES {
        let l = laid(name);
        let bottom = l
            .runs
            .iter()
            .filter(|r| r.page == 1)
            .map(|r| r.y)
            .fold(0.0, f64::max);
        assert!(
            bottom > 297.0 - 20.0 - 2.0 * 24.0 / PT_PER_MM,
            "{name}: page 1 ends at {bottom} mm"
        );
    }
}

/// D3: one family everywhere (the embedded Liberation Serif with system fonts off), black.
#[test]
fn d3_one_black_font() {
    for name in ALL {
        let l = laid(name);
        for r in &l.runs {
            assert_eq!(r.family, "Liberation Serif", "{name}: {r:?}");
            assert!(r.black, "{name}: not black: {r:?}");
        }
    }
}

/// D4: body text 14pt, first-line indent 10mm, line pitch 18pt inside a paragraph and
/// 18 + 6pt between paragraphs; bases upright with "- " (Party) or italic (State).
#[test]
fn d4_body_text() {
    for name in ALL {
        let l = laid(name);
        let dieu = l.run_starting(1, "Điều 1.");
        assert!(dieu.bold && dieu.size == 14.0, "{name}: {dieu:?}");
        assert!(
            near(dieu.x, LEFT + 10.0, 0.05),
            "{name}: indent {}",
            dieu.x - LEFT
        );
        let lines = l.lines(1);
        let i = lines
            .iter()
            .position(|(_, t, _)| t.starts_with("Điều 1."))
            .unwrap();
        // Điều 1 runs over two lines, then Điều 2 starts a new paragraph.
        let (y0, y1, y2) = (lines[i].0, lines[i + 1].0, lines[i + 2].0);
        assert!(
            lines[i + 2].1.starts_with("Điều 2."),
            "{name}: {:?}",
            lines[i + 2].1
        );
        assert!(
            near((y1 - y0) * PT_PER_MM, 18.0, 0.05),
            "{name}: pitch {}",
            (y1 - y0) * PT_PER_MM
        );
        assert!(
            near((y2 - y1) * PT_PER_MM, 24.0, 0.05),
            "{name}: gap {}",
            (y2 - y1) * PT_PER_MM
        );
        assert!(
            near(lines[i + 1].2[0].x, LEFT, 0.05),
            "{name}: second line not flush left"
        );

        let bases: Vec<&(f64, String, Vec<&Run>)> = lines
            .iter()
            .filter(|(_, t, _)| t.contains("Căn cứ"))
            .collect();
        // As many as the sample round cites: two, or nine in the long form.
        assert_eq!(bases.len(), if l.sample.long { 9 } else { 2 }, "{name}");
        for (_, text, rs) in bases {
            assert!(
                near(rs[0].x, LEFT + 10.0, 0.05),
                "{name}: basis not indented"
            );
            if l.party() {
                assert!(
                    text.starts_with("- Căn cứ") && rs.iter().all(|r| !r.italic),
                    "{name}: {text}"
                );
            } else {
                assert!(
                    text.starts_with("Căn cứ") && rs.iter().all(|r| r.italic),
                    "{name}: {text}"
                );
            }
        }
        let last_basis = if l.party() {
            "- Xét đề nghị"
        } else {
            "Theo đề nghị"
        };
        let line = &lines
            .iter()
            .find(|(_, t, _)| t.starts_with(last_basis))
            .unwrap()
            .1;
        assert!(
            line.ends_with(if l.party() { "," } else { "." }),
            "{name}: {line}"
        );
    }
}

/// D5: Party header: superior 14 regular, issuer 14 bold, "*", "Số 05-QĐ/BCĐ" in the left
/// half; "ĐẢNG CỘNG SẢN VIỆT NAM" 15 bold in the right half with a rule of its width below,
/// then the italic place-date level with the number.
#[test]
fn d5_party_header() {
    for name in ["mau-dang", "mau-dang-3-trang"] {
        let l = laid(name);
        let left_centre = LEFT + TEXT_W / 4.0;
        let right_centre = LEFT + TEXT_W * 3.0 / 4.0;
        let title = l.run(1, "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert!(
            title.bold && title.size == 15.0 && !title.italic,
            "{title:?}"
        );
        assert!(
            near(title.centre(), right_centre, 0.1),
            "title centre {}",
            title.centre()
        );
        let rules = l.rules_between(1, title.y, title.y + 5.0);
        assert_eq!(rules.len(), 1, "{name}: rules under the title: {rules:?}");
        assert!(
            near(rules[0].len(), title.w, 0.05),
            "rule {} vs title {}",
            rules[0].len(),
            title.w
        );
        assert!(near(rules[0].centre(), title.centre(), 0.05));

        let superior = l.run(1, "ĐẢNG ỦY XÃ MẪU THỬ");
        assert!(!superior.bold && superior.size == 14.0 && !superior.italic);
        assert!(
            near(superior.centre(), left_centre, 0.1),
            "{}",
            superior.centre()
        );
        assert!(
            near(superior.y, title.y, 1.0),
            "superior level with the title"
        );
        let issuer = l.run_starting(1, "BAN CHỈ ĐẠO");
        assert!(issuer.bold && issuer.size == 14.0 && issuer.y > superior.y);
        let star = l.run(1, "*");
        assert!(near(star.centre(), left_centre, 0.1) && star.size == 14.0);
        let number = l.run(1, "Số 05-QĐ/BCĐ");
        assert!(!number.bold && !number.italic && number.size == 14.0 && number.y > star.y);
        assert!(near(number.centre(), left_centre, 0.1));
        let date = l.run(1, "Mẫu Thử, ngày 05 tháng 02 năm 2025");
        assert!(date.italic && !date.bold && date.size == 14.0);
        assert!(near(date.centre(), right_centre, 0.1));
        assert!(
            near(date.y, number.y, 0.01),
            "date {} vs number {}",
            date.y,
            number.y
        );
        assert!(date.y > rules[0].y0);
        // No NĐ 30 rule under the Party issuer: only the title's rule in the header.
        assert_eq!(l.rules_between(1, 0.0, number.y).len(), 1);
    }
}

/// D5: State header: superior 13 regular, issuer 13 bold, a rule of a third to a half of
/// the issuer line, "Số: 05/QĐ-UBND" 13; Quốc hiệu 13 bold on one line, Tiêu ngữ 14 bold
/// with a rule of its length, the italic place-date 14 level with the number.
#[test]
fn d5_state_header() {
    for name in ["mau-nha-nuoc", "mau-nha-nuoc-3-trang"] {
        let l = laid(name);
        let qh = l.run(1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert!(qh.bold && qh.size == 13.0 && qh.right() <= RIGHT + 0.05);
        let tn = l.run(1, "Độc lập - Tự do - Hạnh phúc");
        assert!(tn.bold && tn.size == 14.0 && tn.y > qh.y);
        assert!(near(tn.centre(), qh.centre(), 0.05));
        // Single spacing between Quốc hiệu and Tiêu ngữ.
        assert!(
            (tn.y - qh.y) * PT_PER_MM < 18.0,
            "{}",
            (tn.y - qh.y) * PT_PER_MM
        );
        let rules = l.rules_between(1, tn.y, tn.y + 5.0);
        let tn_rule = rules
            .iter()
            .find(|r| r.centre() > LEFT + TEXT_W / 2.0)
            .expect("Tiêu ngữ rule");
        assert!(
            near(tn_rule.len(), tn.w, 0.05),
            "rule {} vs {}",
            tn_rule.len(),
            tn.w
        );
        assert!(near(tn_rule.centre(), tn.centre(), 0.05));

        let superior = l.run(1, "UBND TỈNH MẪU");
        assert!(!superior.bold && superior.size == 13.0);
        assert!(
            near(superior.y, qh.y, 0.5),
            "superior level with the Quốc hiệu"
        );
        let issuer: Vec<&Run> = l
            .runs
            .iter()
            .filter(|r| r.page == 1 && r.bold && r.size == 13.0 && r.centre() < LEFT + TEXT_W / 2.0)
            .collect();
        let joined: String = issuer
            .iter()
            .map(|r| r.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, "ỦY BAN NHÂN DÂN XÃ MẪU THỬ");
        let widest = issuer.iter().map(|r| r.w).fold(0.0, f64::max);
        let last = issuer.iter().map(|r| r.y).fold(0.0, f64::max);
        let number = l.run(1, "Số: 05/QĐ-UBND");
        assert!(!number.bold && number.size == 13.0);
        let under = l.rules_between(1, last, number.y);
        let issuer_rule = under
            .iter()
            .find(|r| r.centre() < LEFT + TEXT_W / 2.0)
            .expect("issuer rule");
        let ratio = issuer_rule.len() / widest;
        assert!(
            (0.33..=0.5).contains(&ratio),
            "issuer rule is {ratio} of the line"
        );
        assert!(near(issuer_rule.centre(), issuer[0].centre(), 0.1));
        assert!(near(number.centre(), issuer[0].centre(), 0.1));
        let date = l.run(1, "Mẫu Thử, ngày 05 tháng 02 năm 2025");
        assert!(date.italic && date.size == 14.0 && near(date.centre(), qh.centre(), 0.1));
        assert!(near(date.y, number.y, 0.01));
    }
}

/// D6: numbers below 10 and the date line take leading zeros: "05", "ngày 05 tháng 02".
#[test]
fn d6_numbers_and_date_line() {
    for name in ALL {
        let l = laid(name);
        let text: String = l
            .lines(1)
            .iter()
            .map(|(_, t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("ngày 05 tháng 02 năm 2025"), "{name}");
        assert!(
            text.contains(if l.party() {
                "Số 05-QĐ/BCĐ"
            } else {
                "Số: 05/QĐ-UBND"
            }),
            "{name}"
        );
        // Dates inside running text are dd/mm/yyyy.
        if l.party() {
            assert!(text.contains("ngày 10/01/2024"), "{name}");
        }
    }
    use chrono::NaiveDate;
    use vanban::model::Date;
    use vanban::the_thuc::date_words;
    let d = |y, m, day| Date(NaiveDate::from_ymd_opt(y, m, day).unwrap());
    assert_eq!(date_words(d(2022, 6, 16)), "ngày 16 tháng 6 năm 2022");
    assert_eq!(date_words(d(2025, 1, 9)), "ngày 09 tháng 01 năm 2025");
}

// D7 (numbering scope: per body and type, calendar year for State bodies, the Party term
// from `nhiem_ky_tu` for Party bodies) is proved against the real register in
// tests/register.rs: `party_term_runs_across_years_and_state_restarts_on_1_january`.

/// D8: type name bold caps (Party 15, State 14), summary 14 bold, both centred, on as
/// many lines as it takes; then Party "-----" centred, State a rule one third of the
/// summary as one line (at most a third of the text width).
#[test]
fn d8_title_block() {
    for name in ALL {
        let l = laid(name);
        // The Party authority line ends "… QUYẾT ĐỊNH" too: the type name is the first.
        let kind = l.first("QUYẾT ĐỊNH");
        assert_eq!(kind.page, 1, "{name}");
        assert!(
            kind.bold && kind.size == if l.party() { 15.0 } else { 14.0 },
            "{name}"
        );
        assert!(near(kind.centre(), LEFT + TEXT_W / 2.0, 0.05), "{name}");
        // The summary runs down to the separator: "-----" or the rule.
        let below = if l.party() {
            let sep = l.run(1, "-----");
            assert!(
                near(sep.centre(), LEFT + TEXT_W / 2.0, 0.05),
                "{name}: {sep:?}"
            );
            sep.y
        } else {
            l.rules
                .iter()
                .filter(|r| r.page == 1 && r.horizontal() && r.y0 > kind.y)
                .map(|r| r.y0)
                .fold(f64::MAX, f64::min)
        };
        let summary: Vec<(f64, String, Vec<&Run>)> = l
            .lines(1)
            .into_iter()
            .filter(|(y, _, _)| *y > kind.y && *y < below)
            .collect();
        let text: Vec<&str> = summary.iter().map(|(_, t, _)| t.trim()).collect();
        assert!(text[0].starts_with("Về việc "), "{name}: {text:?}");
        for (_, t, rs) in &summary {
            assert!(rs.iter().all(|r| r.bold && r.size == 14.0), "{name}: {t}");
            let (x0, x1) = (rs[0].x, rs.last().unwrap().right());
            assert!(
                near((x0 + x1) / 2.0, LEFT + TEXT_W / 2.0, 0.05),
                "{name}: {t}"
            );
        }
        let last = summary.last().unwrap().0;
        if l.party() {
            assert!(l.rules_between(1, kind.y, below + 10.0).is_empty());
        } else {
            let rules = l.rules_between(1, last, last + 10.0);
            assert_eq!(rules.len(), 1, "{name}: {rules:?}");
            let one_line: f64 = summary.iter().flat_map(|(_, _, rs)| rs).map(|r| r.w).sum();
            assert!(
                near(rules[0].len(), one_line.min(TEXT_W) / 3.0, 0.5),
                "{name}: {} vs {one_line}",
                rules[0].len(),
            );
            assert!(near(rules[0].centre(), LEFT + TEXT_W / 2.0, 0.05));
        }
    }
}

/// D9: quyền hạn bold caps, chức vụ caps (Party regular, State bold), name bold, 25mm of
/// signing space, all centred in the right half.
#[test]
fn d9_signature_block() {
    for name in ALL {
        let l = laid(name);
        let page = l.first("Trần Văn B").page;
        let centre = LEFT + TEXT_W * 3.0 / 4.0;
        let (authority, title): (&[&str], &str) = if l.party() {
            (&["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN")
        } else {
            (&["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")
        };
        let mut y = 0.0;
        for a in authority {
            let r = l.run(page, a);
            assert!(
                r.bold && r.size == 14.0 && r.y > y && near(r.centre(), centre, 0.1),
                "{name}: {r:?}"
            );
            y = r.y;
        }
        let t = l.run(page, title);
        assert_eq!(t.bold, !l.party(), "{name}: {t:?}");
        assert!(t.size == 14.0 && t.y > y && near(t.centre(), centre, 0.1));
        let n = l.run(page, "Trần Văn B");
        assert!(n.bold && n.size == 14.0 && near(n.centre(), centre, 0.1));
        let gap = n.y - t.y;
        assert!(
            (25.0..25.0 + 14.0 / PT_PER_MM + 0.5).contains(&gap),
            "{name}: signing space {gap} mm"
        );
    }
}

/// D9: a signing prefix of the other regime is an error whose hint gives the right form.
#[test]
fn d9_prefix_of_the_other_regime_is_an_error() {
    let dir = fixture("layout/quyen-han-sai");
    let (ds, report) = vanban::pipeline::check(&dir, &[]).unwrap();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{}", report.render());
    let party = errors
        .iter()
        .find(|d| d.message.contains("`TM.`"))
        .expect("TM. in a Party body");
    assert_eq!(party.hint.as_deref(), Some("ghi `T/M BAN THƯỜNG VỤ`"));
    assert_eq!(party.field.as_deref(), Some("nguoi_ky.quyen_han"));
    let loc = party.location.as_ref().unwrap();
    assert!(
        loc.snippet
            .as_deref()
            .unwrap()
            .contains("TM. BAN THƯỜNG VỤ"),
        "{loc:?}"
    );
    let state = errors
        .iter()
        .find(|d| d.message.contains("`T/M`"))
        .expect("T/M in a State body");
    assert_eq!(state.hint.as_deref(), Some("ghi `TM. ỦY BAN NHÂN DÂN`"));
    assert_eq!(state.field.as_deref(), Some("nguoi_ky.quyen_han[0]"));
    // The two bad bodies are dropped; the correct ones stay.
    let kept: Vec<&str> = ds.bodies.iter().map(|b| b.record.ma.as_str()).collect();
    assert_eq!(kept, ["bcd-dung", "ubnd-dung"]);
}

/// D10: "Nơi nhận:" flush left, level with the signature's first line: Party 14 regular
/// underlined, items 12 ending ","; State 12 bold italic, items 11 ending ";"; the last
/// line "- Lưu VP." / "- Lưu: VT, VP.", the first "- Như Điều 3".
#[test]
fn d10_recipients() {
    for name in ALL {
        let l = laid(name);
        let label = l.first("Nơi nhận:");
        let page = label.page;
        assert!(near(label.x, LEFT, 0.05), "{name}: {}", label.x);
        let first = l.run(
            page,
            if l.party() {
                "K/T TRƯỞNG BAN"
            } else {
                "KT. CHỦ TỊCH"
            },
        );
        assert!(
            near(label.y, first.y, 0.01),
            "{name}: {} vs {}",
            label.y,
            first.y
        );
        let underline = l.rules_between(page, label.y, label.y + 2.0);
        let under_label: Vec<_> = underline
            .iter()
            .filter(|r| r.x0 >= label.x - 0.1 && r.x1 <= label.right() + 0.1)
            .collect();
        if l.party() {
            assert!(
                !label.bold && !label.italic && label.size == 14.0,
                "{label:?}"
            );
            let covered: f64 = under_label.iter().map(|r| r.len()).sum();
            assert!(
                covered > label.w * 0.8,
                "{name}: underline covers {covered} of {}",
                label.w
            );
        } else {
            assert!(
                label.bold && label.italic && label.size == 12.0,
                "{label:?}"
            );
            assert!(
                under_label.is_empty(),
                "{name}: State label is not underlined"
            );
        }
        let items: Vec<(f64, String, Vec<&Run>)> = l
            .lines(page)
            .into_iter()
            .filter(|(y, t, rs)| *y > label.y && t.starts_with("- ") && near(rs[0].x, LEFT, 0.05))
            .collect();
        assert_eq!(items.len(), 4, "{name}: {items:?}");
        let (size, end) = if l.party() { (12.0, ",") } else { (11.0, ";") };
        for (_, t, rs) in &items[..3] {
            assert!(t.ends_with(end), "{name}: {t}");
            assert!(
                rs.iter().all(|r| r.size == size && !r.bold && !r.italic),
                "{name}: {t}"
            );
        }
        assert!(items[0].1.starts_with("- Như Điều 3"));
        assert_eq!(
            items[3].1,
            if l.party() {
                "- Lưu VP."
            } else {
                "- Lưu: VT, VP."
            }
        );
    }
}

/// D11: page numbers from page 2 only, centred over the text area in the top margin,
/// 14pt (Party) or 13pt (State).
#[test]
fn d11_page_numbers() {
    for name in ALL {
        let l = laid(name);
        let in_margin: Vec<&Run> = l.runs.iter().filter(|r| r.y < 20.0).collect();
        assert!(
            in_margin.iter().all(|r| r.page > 1),
            "{name}: number on page 1"
        );
        // An attached list is numbered apart from the decision (NĐ 30 §2.1): its first
        // page, like the decision's, bears no number.
        let starts: Vec<usize> = (1..=l.pages.len())
            .filter(|p| {
                l.runs
                    .iter()
                    .any(|r| r.page == *p && r.text.contains("DANH SÁCH"))
            })
            .collect();
        let number = |p: usize| p + 1 - starts.iter().rev().find(|s| **s <= p).unwrap_or(&1);
        let numbered = (2..=l.pages.len()).filter(|p| number(*p) > 1).count();
        assert_eq!(in_margin.len(), numbered, "{name}: {in_margin:?}");
        for r in in_margin {
            assert_eq!(r.text, number(r.page).to_string(), "{name}");
            assert_eq!(r.size, if l.party() { 14.0 } else { 13.0 }, "{name}");
            assert!(!r.bold && !r.italic);
            assert!(
                near(r.centre(), LEFT + TEXT_W / 2.0, 0.05),
                "{name}: {}",
                r.centre()
            );
            let top = r.y - r.size * 0.7 / PT_PER_MM;
            assert!(
                top > 5.0 && r.y < 20.0 - 3.0,
                "{name}: number at {} mm",
                r.y
            );
        }
    }
    for name in SHORT {
        assert_eq!(laid(name).pages.len(), 2, "{name}");
    }
    for name in THREE_PAGES {
        assert_eq!(laid(name).pages.len(), 3, "{name}");
    }
}

/// D12: the last paragraph of the text ends with "./.", right before the nơi nhận.
#[test]
fn d12_text_ends_with_slash_mark() {
    for name in ALL {
        let l = laid(name);
        let label = l.first("Nơi nhận:");
        // The text may end at the foot of the page before (the long forms): the last line
        // before the label in reading order, page numbers left out.
        let before = (1..=label.page)
            .flat_map(|page| l.lines(page).into_iter().map(move |line| (page, line)))
            .filter(|(page, (y, _, _))| *y > 20.0 && (*page < label.page || *y < label.y))
            .map(|(_, line)| line)
            .next_back()
            .unwrap();
        assert!(
            before.1.ends_with("Quyết định này./."),
            "{name}: {}",
            before.1
        );
        let marks: Vec<&Run> = l.runs.iter().filter(|r| r.text.contains("./.")).collect();
        assert_eq!(marks.len(), 1, "{name}: {marks:?}");
    }
}

/// D13: the list is an attachment on its own last page with its title, the italic
/// "(Kèm theo Quyết định số … ngày … của …)" line, sections "I. TẬP THỂ" / "II. CÁ NHÂN"
/// and an STT column counted "01" to "07" through both sections (D6's leading zero; a
/// reward decision's STT is each certificate's Số sổ vàng).
#[test]
fn d13_attached_list() {
    for name in ALL {
        let l = laid(name);
        let page = l.pages.len();
        let title = l.run(page, "DANH SÁCH");
        assert!(title.bold && title.size == 14.0, "{name}: {title:?}");
        assert!(
            l.runs
                .iter()
                .filter(|r| r.page < page)
                .all(|r| !r.text.contains("DANH SÁCH")),
            "{name}"
        );
        let italic: String = l
            .lines(page)
            .iter()
            .filter(|(_, _, rs)| rs.iter().all(|r| r.italic))
            .map(|(_, t, _)| t.trim().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        let (symbol, of) = if l.party() {
            (
                "05-QĐ/BCĐ",
                "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Mẫu Thử",
            )
        } else {
            ("05/QĐ-UBND", "Chủ tịch Ủy ban nhân dân xã Mẫu Thử")
        };
        assert_eq!(
            italic,
            format!("(Kèm theo Quyết định số {symbol} ngày 05 tháng 02 năm 2025 của {of})"),
            "{name}"
        );
        let stt = l.run(page, "STT");
        assert!(stt.bold);
        let tt = l.run(page, "I. TẬP THỂ");
        let cn = l.run(page, "II. CÁ NHÂN");
        assert!(tt.bold && cn.bold && cn.y > tt.y);
        let mut last = stt.y;
        for n in 1..=7 {
            let number = format!("{n:02}");
            let r = l
                .runs
                .iter()
                .find(|r| r.page == page && r.y > 20.0 && r.text == number)
                .unwrap_or_else(|| panic!("{name}: no STT {number}"));
            assert!(
                near(r.centre(), stt.centre(), 0.05),
                "{name}: STT {n} not centred"
            );
            assert!(r.y > last, "{name}: STT {n} out of order");
            if n == 4 {
                assert!(r.y > cn.y, "{name}: individuals under II");
            }
            last = r.y;
        }
        // The table is ruled.
        assert!(l.rules_between(page, stt.y - 10.0, last + 10.0).len() >= 8);
    }
}

/// Snapshots: the first page of each short sample, rasterised by pdftoppm at 50 dpi in
/// grey, must match tests/snapshots/<name>.png to within 0.5% of pixels (a pixel differs
/// when its grey level moves by more than 64). `VANBAN_BLESS=1` rewrites the snapshots.
#[test]
fn snapshots_of_first_pages() {
    let dir = root().join("tests/snapshots");
    let bless = std::env::var_os("VANBAN_BLESS").is_some();
    for name in SHORT {
        let l = laid(name);
        let (w, h, pixels) = rasterise(&l.pdf);
        let path = dir.join(format!("{name}.png"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            write_png(&path, w, h, &pixels);
            continue;
        }
        let (sw, sh, snap) = read_png(&path);
        assert_eq!((w, h), (sw, sh), "{name}: image size changed");
        let differ = pixels
            .iter()
            .zip(&snap)
            .filter(|(a, b)| a.abs_diff(**b) > 64)
            .count();
        let share = differ as f64 / pixels.len() as f64;
        assert!(
            share <= 0.005,
            "{name}: {:.2}% of pixels differ from {}; if the change is intended, run VANBAN_BLESS=1 cargo test",
            share * 100.0,
            path.display()
        );
    }
}

/// The first page of a PDF as 8-bit grey pixels, through `pdftoppm -gray` (PGM output).
fn rasterise(pdf: &[u8]) -> (u32, u32, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = tmp.path().join("out");
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&input)
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let data = std::fs::read(tmp.path().join("out.pgm")).unwrap();
    parse_pgm(&data)
}

/// A binary PGM (P5, maxval 255): header fields separated by whitespace, then pixels.
fn parse_pgm(data: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&data[start..i]).unwrap().to_owned());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P5", "255"));
    let (w, h): (u32, u32) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = data[i + 1..].to_vec();
    assert_eq!(pixels.len(), (w * h) as usize);
    (w, h, pixels)
}

fn write_png(path: &Path, w: u32, h: u32, pixels: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header()
        .unwrap()
        .write_image_data(pixels)
        .unwrap();
}

fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}: run VANBAN_BLESS=1 cargo test",
            path.display()
        )
    });
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// The header, nơi nhận and signature of guidance 26-HD/BCĐ (conventions 1.10), rebuilt
/// with the library and vanban's formatting rules, come out line for line as the guidance
/// prints them, with D5/D9/D10 typography. The guidance's values live only in this test.
#[test]
fn guidance_26_hd_bcd_rebuilt() {
    use chrono::NaiveDate;
    use vanban::model::Date;
    use vanban::the_thuc as format;
    let date = Date(NaiveDate::from_ymd_opt(2022, 6, 16).unwrap());
    assert_eq!(
        format::number_line(Regime::Dang, 26, "HD", "BCĐ"),
        "Số 26-HD/BCĐ"
    );
    assert_eq!(
        format::date_line("Long An", date),
        "Long An, ngày 16 tháng 6 năm 2022"
    );
    let printed = [
        "- BCĐ TW(b/c),",
        "- TT.TU (b/c),",
        "- TT.HĐND, UBND tỉnh (b/c),",
        "- BDVTU,",
        "- Tổ CV,",
        "- Lưu PNCTH.",
    ];
    let typed: Vec<String> = [
        "BCĐ TW(b/c)",
        "TT.TU (b/c)",
        "TT.HĐND, UBND tỉnh (b/c)",
        "BDVTU",
        "Tổ CV",
        "Lưu PNCTH",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let lines = format::recipients(Regime::Dang, None, &typed);
    assert_eq!(lines, printed);

    let items: String = lines
        .iter()
        .map(|l| format!("[{}], ", l.replace('-', "\\-")))
        .collect();
    let source = format!(
        r#"#import "/lib/the-thuc.typ": *
#set text(font: "Liberation Serif")
#show: trang.with(dang: true)
#dau-trang(dang: true, cap-tren: [Tỉnh ủy Long An], co-quan: [Ban Chỉ đạo thực hiện QCDC ở cơ sở],
  so: [Số 26-HD/BCĐ], noi-ngay: [Long An, ngày 16 tháng 6 năm 2022])
#ten-loai(dang: true, loai: [Hướng dẫn], trich-yeu: [Về tiêu chí đánh giá phong trào thi đua "Dân vận khéo" giai đoạn 2022 - 2025])
#doan[Triển khai thực hiện./.]
#ky-va-noi-nhan(dang: true, noi-nhan: ({items}),
  chuc-vu: ([TRƯỞNG BAN DÂN VẬN], [kiêm], [PHÓ TRƯỞNG BAN CHỈ ĐẠO]), ho-ten: [Phạm Văn Bốn])
"#
    );
    let engine = &shared().engine;
    let tpl = TemplateRef {
        name: "26-HD/BCĐ",
        text: &source,
    };
    let doc = vanban::compile::layout(engine, source.clone(), date, tpl).expect("compiles");
    let sample = Sample {
        name: "26-HD/BCĐ",
        regime: Regime::Dang,
        long: false,
    };
    let l = read(&doc, sample, Vec::new());
    assert_eq!(l.pages.len(), 1);

    // Left column top to bottom, as cells 2 and 3 of the guidance. At 14pt bold the
    // issuer (≈99mm) does not fit half the text width (82.5mm), so it wraps, centred.
    let superior = l.run(1, "TỈNH ỦY LONG AN");
    let issuer: Vec<&Run> = l
        .runs
        .iter()
        .filter(|r| r.bold && r.size == 14.0 && r.centre() < LEFT + TEXT_W / 2.0 && r.y < 60.0)
        .collect();
    let joined: Vec<&str> = issuer.iter().map(|r| r.text.trim()).collect();
    assert_eq!(joined.join(" "), "BAN CHỈ ĐẠO THỰC HIỆN QCDC Ở CƠ SỞ");
    let star = l.run(1, "*");
    let number = l.run(1, "Số 26-HD/BCĐ");
    let column: Vec<&Run> = [superior]
        .into_iter()
        .chain(issuer)
        .chain([star, number])
        .collect();
    for pair in column.windows(2) {
        assert!(pair[1].y > pair[0].y, "{pair:?}");
    }
    for r in &column {
        assert!(near(r.centre(), LEFT + TEXT_W / 4.0, 0.1), "{r:?}");
        assert!(!r.italic);
    }
    assert!(!superior.bold && !star.bold && !number.bold);
    let title = l.run(1, "ĐẢNG CỘNG SẢN VIỆT NAM");
    let date_run = l.run(1, "Long An, ngày 16 tháng 6 năm 2022");
    assert!(title.bold && title.size == 15.0 && date_run.italic && date_run.y > title.y);
    assert_eq!(l.run(1, "HƯỚNG DẪN").size, 15.0);

    // Signature of a ban chỉ đạo without its own seal: three title lines, upright and
    // not bold (Party chức vụ), "kiêm" in lower case, then the name in bold.
    let label = l.run(1, "Nơi nhận:");
    let mut y = 0.0;
    for t in ["TRƯỞNG BAN DÂN VẬN", "kiêm", "PHÓ TRƯỞNG BAN CHỈ ĐẠO"] {
        let r = l.run(1, t);
        assert!(!r.bold && r.size == 14.0 && r.y > y, "{t}: {r:?}");
        assert!(near(r.centre(), LEFT + TEXT_W * 3.0 / 4.0, 0.1), "{t}");
        y = r.y;
    }
    assert!(near(label.y, l.run(1, "TRƯỞNG BAN DÂN VẬN").y, 0.01));
    let name = l.run(1, "Phạm Văn Bốn");
    assert!(name.bold && name.y - y >= 25.0);
    let listed: Vec<String> = l
        .lines(1)
        .into_iter()
        .filter(|(yy, t, rs)| *yy > label.y && t.starts_with("- ") && rs[0].size == 12.0)
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(listed, printed);
}

/// The pieces the sample decisions do not use: "Kính gửi:" with one and with several
/// addressees, the standalone Quốc hiệu of a personal form, two signature blocks side by
/// side (D9: titles bold caps, 25mm to sign, names bold, each centred in its half).
#[test]
fn other_pieces_lay_out() {
    let source = r#"#import "/lib/the-thuc.typ": *
#set text(font: "Liberation Serif")
#show: trang.with(dang: false)
#quoc-hieu(noi-ngay: [Mẫu Thử, ngày 05 tháng 02 năm 2025])
#ten-loai(loai: [Báo cáo thành tích], trich-yeu: [Đề nghị công nhận danh hiệu "Dân vận khéo"])
#kinh-gui[Ban Chỉ đạo xã Mẫu Thử]
#kinh-gui([\- Ban Chỉ đạo xã;], [\- Ủy ban nhân dân xã.])
#muc[I. Mục đích, yêu cầu]
#tieu-muc[1\. Mục đích]
#khoan(2)[Yêu cầu chung.]
#diem("a")[Đúng tiêu chí.]
#doan[Nội dung báo cáo./.]
#hai-chu-ky(
  trai: (tieu-de: [Xác nhận của cấp ủy], ho-ten: [Nguyễn Văn A]),
  phai: (tieu-de: [Người báo cáo thành tích], ghi-chu: [(Ký, ghi rõ họ và tên)], ho-ten: [Trần Thị B]),
)
#pagebreak()
#dau-trang(dang: true, co-quan: [Chi bộ ấp Một], so: [Số 01-BC/CB], noi-ngay: [Mẫu Thử, ngày 05 tháng 02 năm 2025])
#ky-va-noi-nhan(dang: true, chuc-vu: [BÍ THƯ], ho-ten: [Lê Văn C])
"#;
    let engine = &shared().engine;
    let tpl = TemplateRef {
        name: "pieces",
        text: source,
    };
    let doc =
        vanban::compile::layout(engine, source.to_owned(), mau::date(), tpl).expect("compiles");
    let sample = Sample {
        name: "pieces",
        regime: Regime::NhaNuoc,
        long: false,
    };
    let l = read(&doc, sample, Vec::new());
    let qh = l.run(1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(near(qh.centre(), LEFT + TEXT_W / 2.0, 0.05) && qh.bold);
    let lines = l.lines(1);
    let one = lines
        .iter()
        .find(|(_, t, _)| t.starts_with("Kính gửi: Ban"))
        .expect("one addressee");
    assert!(one.2.iter().all(|r| r.size == 14.0 && !r.bold && !r.italic));
    let several: Vec<_> = lines
        .iter()
        .filter(|(_, t, _)| t.contains("- Ban Chỉ đạo xã;") || t.starts_with("- Ủy ban"))
        .collect();
    assert_eq!(several.len(), 2);
    let dash_x: Vec<f64> = several
        .iter()
        .map(|(_, _, rs)| rs.last().unwrap().x)
        .collect();
    assert!(
        near(dash_x[0], dash_x[1], 0.05),
        "dashes aligned: {dash_x:?}"
    );
    // D4: a Roman section heading in bold caps, a bold sub-heading, then an upright
    // clause and point, each indented 10mm like any paragraph.
    let section = l.run(1, "I. MỤC ĐÍCH, YÊU CẦU");
    let sub = l.run(1, "1. Mục đích");
    assert!(section.bold && sub.bold && sub.y > section.y);
    let clause = lines
        .iter()
        .find(|(_, t, _)| t.starts_with("2. Yêu cầu chung."))
        .unwrap();
    let point = lines
        .iter()
        .find(|(_, t, _)| t.starts_with("a) Đúng tiêu chí."))
        .unwrap();
    for r in [section, sub, clause.2[0], point.2[0]] {
        assert!(near(r.x, LEFT + 10.0, 0.05) && r.size == 14.0, "{r:?}");
    }
    assert!(
        clause
            .2
            .iter()
            .chain(&point.2)
            .all(|r| !r.bold && !r.italic)
    );
    let left = l.run(1, "XÁC NHẬN CỦA CẤP ỦY");
    let right = l.run(1, "NGƯỜI BÁO CÁO THÀNH TÍCH");
    assert!(left.bold && right.bold && near(left.y, right.y, 0.01));
    assert!(near(left.centre(), LEFT + TEXT_W / 4.0, 0.1));
    assert!(near(right.centre(), LEFT + TEXT_W * 3.0 / 4.0, 0.1));
    let note = l.run(1, "(Ký, ghi rõ họ và tên)");
    assert!(note.italic);
    // A header without a superior body, and a signature without quyền hạn or nơi nhận.
    let cb = l.run(2, "CHI BỘ ẤP MỘT");
    assert!(cb.bold && near(cb.y, l.run(2, "ĐẢNG CỘNG SẢN VIỆT NAM").y, 1.0));
    let bt = l.run(2, "BÍ THƯ");
    assert!(!bt.bold && l.run(2, "Lê Văn C").y - bt.y >= 25.0);
    let a = l.run(1, "Nguyễn Văn A");
    let b = l.run(1, "Trần Thị B");
    assert!(a.bold && b.bold && near(a.y, b.y, 0.01) && a.y - note.y >= 25.0);
}

/// A dataset's own template saved in another encoding is an error naming that file, and
/// nothing is built from the built-in template in its place.
#[test]
fn a_template_that_is_not_utf8_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("du-lieu");
    vanban::init::init(&data).unwrap();
    let templates = data.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let own = templates.join("giay-khen.typ.tera");
    // "Giấy khen" as a legacy Windows code page writes it: not UTF-8.
    std::fs::write(&own, b"#let t = [Gi\xe1y khen]\n").unwrap();
    let out = dir.path().join("out");
    let outcome = crate::common::build_in_place(&data, &out, 1);
    assert_eq!(outcome.report.errors(), 1, "{}", outcome.report.render());
    let error = outcome.report.diagnostics.iter().find(|d| d.is_error());
    let error = error.expect("one error");
    assert!(error.message.contains("UTF-8"), "{}", error.message);
    let at = error.location.as_ref().expect("the file is named");
    assert_eq!(at.file, own);
    assert!(error.render().contains("giay-khen.typ.tera"));
    assert!(outcome.written.is_empty(), "{:?}", outcome.written);
    assert!(!out.join("2025").exists());
}

/// `vanban mau` writes the four samples under their names, each the production decision
/// with its number, its list and the expected page count, and nothing else: no register
/// file, no temporary dataset left behind.
#[test]
fn vanban_mau_writes_the_four_decisions() {
    use crate::common::{files, page_count, page_text, pdf_text, vanban};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mau");
    let run = vanban(&["mau", out.to_str().unwrap(), "--khong-phong-he-thong"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written: Vec<String> = files(&out)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        written,
        [
            "mau-dang-3-trang.pdf",
            "mau-dang.pdf",
            "mau-nha-nuoc-3-trang.pdf",
            "mau-nha-nuoc.pdf"
        ]
    );
    for sample in SAMPLES {
        let pdf = out.join(format!("{}.pdf", sample.name));
        let pages = page_count(&pdf);
        assert_eq!(pages, if sample.long { 3 } else { 2 }, "{}", sample.name);
        let first = page_text(&pdf, 1);
        let (number, summary) = match sample.regime {
            Regime::Dang => ("Số 05-QĐ/BCĐ", "Về việc công nhận điển hình"),
            Regime::NhaNuoc => ("Số: 05/QĐ-UBND", "Về việc tặng Giấy khen"),
        };
        assert!(
            first.contains(number) && first.contains(summary),
            "{}: {first}",
            sample.name
        );
        let list = page_text(&pdf, pages);
        assert!(
            // An attached list numbers its pages apart, and its first page carries none.
            list.starts_with("DANH SÁCH") && list.contains("07 Võ Thị Ơ"),
            "{}: {list}",
            sample.name
        );
        assert_eq!(pdf_text(&pdf).matches("Trần Văn B").count(), 1);
    }
}
