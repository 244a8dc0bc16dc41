//! Pieces every planned document shares: the header, numbers that agree wherever a
//! document is cited, and the lists of D13.

use std::collections::HashMap;

use serde::Serialize;

use super::{Assigned, Clash, DocKey, Given, Issued, Numbering, Recipient, SignerView, eligible};
use crate::collate;
use crate::diagnostics::Diagnostic;
use crate::load::Dataset;
use crate::model::{Body, Collective, Date, Person, Regime, Round, Signer};
use crate::render::format;
use crate::validate::criteria::Verdicts;

/// Bodies by `ma`.
pub type Bodies<'a> = HashMap<&'a str, &'a Body>;

/// The header block of a body's document (D5), values as printed.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    pub party: bool,
    pub superior: Option<String>,
    pub issuer: String,
    /// `Số 01-QĐ/BCĐ`, `Số: 01/QĐ-UBND`; empty for letters without a number.
    pub number_line: String,
    pub place_date: String,
}

/// A numbered document of a body: its identity, number, symbol and header.
#[derive(Debug, Clone)]
pub struct Numbered {
    pub key: DocKey,
    pub number: u32,
    pub symbol: String,
    pub header: HeaderView,
}

impl Numbered {
    /// The document's line in the register.
    pub fn issued(
        &self,
        date: Date,
        summary: String,
        signer: &SignerView,
        recipients: Vec<String>,
    ) -> Issued {
        Issued {
            key: self.key.clone(),
            number: self.number,
            symbol: self.symbol.clone(),
            date,
            summary,
            signer: signer.name.clone(),
            recipients,
            of: None,
        }
    }
}

/// Numbers `kind` of `body` for `subject` and builds its header; a number that cannot be
/// given is a diagnostic at `at` and `None`.
#[allow(clippy::too_many_arguments)]
pub fn numbered(
    numbering: &mut dyn Numbering,
    body: &Body,
    kind: &'static str,
    year: i32,
    subject: &str,
    given: Option<u32>,
    date: Date,
    at: &Given,
    diags: &mut Vec<Diagnostic>,
) -> Option<Numbered> {
    let key = doc_key(body, kind, date, year, subject);
    let n = super::number(numbering, &key, given, at, diags)?;
    Some(Numbered {
        key,
        number: n,
        symbol: format::symbol(body.regime, n, kind, &body.abbreviation),
        header: HeaderView {
            party: body.regime == Regime::Dang,
            superior: body
                .superior
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            issuer: body.name.trim().to_owned(),
            number_line: format::number_line(body.regime, n, kind, &body.abbreviation),
            place_date: format::date_line(&body.place, date),
        },
    })
}

/// The identity of one document of a round: the same key always means the same document,
/// so a decision and everything that cites it ask for the same number.
pub fn doc_key(body: &Body, kind: &'static str, date: Date, year: i32, subject: &str) -> DocKey {
    DocKey::new(body, kind, date, year, format!("{subject}-{year}"))
}

/// Subjects of the round's numbered documents.
pub const RECOGNITION: &str = "cong-nhan";
pub const REWARD: &str = "khen-thuong";
pub const SUBMISSION: &str = "to-trinh";
pub const SUMMARY: &str = "tong-hop";

/// Remembers the answer given for each key, so that a document cited by another (the
/// reward decision by its certificates, the tờ trình by the decision) is numbered once
/// and a changed number is reported once, by the first to ask.
pub struct Memo<'a> {
    inner: &'a mut dyn Numbering,
    seen: HashMap<DocKey, Result<Assigned, Clash>>,
}

impl<'a> Memo<'a> {
    pub fn new(inner: &'a mut dyn Numbering) -> Self {
        Memo {
            inner,
            seen: HashMap::new(),
        }
    }
}

impl Numbering for Memo<'_> {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash> {
        if let Some(answer) = self.seen.get(key) {
            return answer.clone().map(|a| Assigned {
                previous: None,
                ..a
            });
        }
        let answer = self.inner.number(key, given);
        self.seen.insert(key.clone(), answer.clone());
        answer
    }
}

/// The signer of a document: its own, else the body's.
pub fn signer<'a>(own: Option<&'a Signer>, body: &'a Body) -> SignerView {
    own.unwrap_or(&body.signer).into()
}

/// Nơi nhận lines of a document (D10): its own list, else the body's.
pub fn recipients_of(body: &Body, own: Option<&Vec<String>>, first: &str) -> Vec<String> {
    let items = own
        .or(body.recipients.as_ref())
        .cloned()
        .unwrap_or_default();
    format::recipients(body.regime, Some(first), &items)
}

/// A row of a D13 list.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub stt: String,
    pub name: String,
    pub detail: String,
    pub model: String,
}

/// A section of a D13 list: `I. TẬP THỂ`, `II. CÁ NHÂN`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: String,
    pub rows: Vec<Row>,
}

/// Roman numerals for section headings; documents have few sections.
pub fn roman(n: usize) -> &'static str {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n.saturating_sub(1)).copied().unwrap_or("XII")
}

/// Position and unit of a person, as listed.
pub fn person_detail(p: &Person) -> String {
    match p
        .position
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(pos) => format!("{pos}, {}", p.unit.trim()),
        None => p.unit.trim().to_owned(),
    }
}

/// Eligible collectives by name and eligible people by given name (D13).
pub fn recognised<'a>(
    ds: &'a Dataset,
    verdicts: &Verdicts,
) -> (Vec<&'a Collective>, Vec<&'a Person>) {
    let mut cs: Vec<&Collective> = ds
        .collectives
        .iter()
        .map(|c| &c.record)
        .filter(|c| eligible::collective(verdicts, c))
        .collect();
    cs.sort_by_cached_key(|c| collate::key(c.name.trim()));
    let mut ps: Vec<&Person> = ds
        .persons
        .iter()
        .map(|p| &p.record)
        .filter(|p| eligible::person(verdicts, p))
        .collect();
    ps.sort_by_cached_key(|p| collate::name_key(p.name.trim()));
    (cs, ps)
}

/// The recognition list: STT counted through both sections; empty sections left out.
pub fn recognition_list(ds: &Dataset, verdicts: &Verdicts) -> Vec<Section> {
    let (cs, ps) = recognised(ds, verdicts);
    let collectives = cs.iter().map(|c| {
        (
            c.name.trim().to_owned(),
            c.address.trim().to_owned(),
            c.model.trim().to_owned(),
        )
    });
    let people = ps
        .iter()
        .map(|p| (p.name.trim().to_owned(), person_detail(p), String::new()));
    sections(collectives.collect(), people.collect())
}

/// The reward list of one body, in [`super::recipients`] order: the STT printed here is
/// the Số sổ vàng printed on each certificate.
pub fn reward_list(list: &[Recipient]) -> Vec<Section> {
    let row = |r: &Recipient| {
        (
            r.name.clone(),
            r.detail.clone().unwrap_or_default(),
            String::new(),
        )
    };
    sections(
        list.iter().filter(|r| r.collective).map(row).collect(),
        list.iter().filter(|r| !r.collective).map(row).collect(),
    )
}

fn sections(
    collectives: Vec<(String, String, String)>,
    people: Vec<(String, String, String)>,
) -> Vec<Section> {
    let mut out = Vec::new();
    let mut stt = 0u32;
    for (title, rows) in [("TẬP THỂ", collectives), ("CÁ NHÂN", people)] {
        if rows.is_empty() {
            continue;
        }
        let rows = rows
            .into_iter()
            .map(|(name, detail, model)| {
                stt += 1;
                Row {
                    stt: format::number(stt),
                    name,
                    detail,
                    model,
                }
            })
            .collect();
        out.push(Section {
            heading: format!("{}. {title}", roman(out.len() + 1)),
            rows,
        });
    }
    out
}

/// The movement as quoted in running text: `“Dân vận khéo” năm 2025`.
pub fn movement(round: &Round) -> String {
    format!("“{}” năm {}", round.movement.trim(), round.year)
}

/// A legal basis as printed: `Căn cứ …` unless it already says how it is cited.
pub fn basis(text: &str) -> String {
    let t = text.trim();
    let lower = t.to_lowercase();
    if ["căn cứ", "xét", "theo", "thực hiện"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        t.to_owned()
    } else {
        format!("Căn cứ {t}")
    }
}

/// The place of letters written by units and people, who have no body of their own in the
/// data: the place of the round's recognising body.
pub fn round_place<'a>(round: &Round, bodies: &HashMap<&str, &'a Body>) -> Option<&'a str> {
    bodies
        .get(round.recognition.body.as_str())
        .map(|b| b.place.trim())
}

/// The header of a unit's or a person's own letter: the unit's `tieu_de` (default its
/// name under a State header), or Quốc hiệu and Tiêu ngữ alone for a person.
#[derive(Debug, Clone, Serialize)]
pub struct OwnHeaderView {
    pub individual: bool,
    pub party: bool,
    pub superior: Option<String>,
    pub issuer: String,
    pub place_date: String,
}

impl OwnHeaderView {
    pub fn collective(c: &Collective, place_date: String) -> Self {
        let (party, superior, issuer) = match &c.header {
            Some(h) => (
                h.regime == Regime::Dang,
                h.superior
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                h.name.trim().to_owned(),
            ),
            None => (false, None, c.name.trim().to_owned()),
        };
        OwnHeaderView {
            individual: false,
            party,
            superior,
            issuer,
            place_date,
        }
    }

    pub fn person(place_date: String) -> Self {
        OwnHeaderView {
            individual: true,
            party: false,
            superior: None,
            issuer: String::new(),
            place_date,
        }
    }
}

/// A labelled line: `Tên tập thể: …`.
#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    pub label: String,
    pub value: String,
}

impl Labelled {
    fn new(label: &str, value: &str) -> Self {
        Labelled {
            label: label.to_owned(),
            value: value.trim().to_owned(),
        }
    }

    /// Who a collective's letter is from: name, address, field, model.
    pub fn collective(c: &Collective) -> Vec<Labelled> {
        vec![
            Labelled::new("Tên tập thể", &c.name),
            Labelled::new("Địa chỉ", &c.address),
            Labelled::new("Lĩnh vực", c.field.label()),
            Labelled::new("Tên mô hình", &c.model),
        ]
    }

    /// Who a person's letter is from: name, year of birth, position, unit.
    pub fn person(p: &Person) -> Vec<Labelled> {
        let mut lines = vec![Labelled::new("Họ và tên", &p.name)];
        if let Some(y) = p.birth_year {
            lines.push(Labelled::new("Năm sinh", &y.to_string()));
        }
        if let Some(pos) = p.position.as_deref().filter(|s| !s.trim().is_empty()) {
            lines.push(Labelled::new("Chức vụ", pos));
        }
        lines.push(Labelled::new("Đơn vị", &p.unit));
        lines
    }
}

/// A table inside a document's text; `widths` is Typst code built here from constants.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub widths: &'static str,
    pub rows: Vec<Vec<String>>,
}

/// A numbered part of a letter or report: heading, then any of text (paragraphs), items
/// (each its own `- ` paragraph) and a table. Parts without content are never built, so
/// no empty heading reaches a page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Part {
    pub heading: String,
    pub text: Option<String>,
    pub items: Vec<String>,
    pub table: Option<Table>,
}

/// Numbers parts I., II., … in order, dropping those without content.
pub fn number_parts(parts: Vec<Part>) -> Vec<Part> {
    parts
        .into_iter()
        .filter(|p| {
            p.text.as_deref().is_some_and(|t| !t.trim().is_empty())
                || !p.items.is_empty()
                || p.table.as_ref().is_some_and(|t| !t.rows.is_empty())
        })
        .enumerate()
        .map(|(i, mut p)| {
            p.heading = format!("{}. {}", roman(i + 1), p.heading);
            p
        })
        .collect()
}

/// A signature or confirmation block of a letter: heading lines in bold caps, an
/// optional italic date, an optional opinion, then the signing space and the name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Block {
    pub lines: Vec<String>,
    pub date: Option<String>,
    pub opinion: Option<String>,
    pub title: Vec<String>,
    pub name: String,
}

/// `Ngày 05 tháng 02 năm 2025`, for blocks standing on their own.
pub fn date_capital(d: Date) -> String {
    let w = format::date_words(d);
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => w,
    }
}

/// Items of a text list, each printed as a `- ` paragraph.
pub fn items(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("- {}", s.trim_start_matches("- ")))
        .collect()
}

/// The italic line under an attached list's title (D13): `(Kèm theo Quyết định số
/// 01-QĐ/BCĐ ngày 20 tháng 11 năm 2025)`. The issuer is the header's and is not repeated:
/// the data holds body names in capitals only, and vanban never guesses casing (D15).
pub fn attached(kind: &str, symbol: &str, d: Date) -> String {
    format!("(Kèm theo {kind} số {symbol} {})", format::date_words(d))
}

/// The addressee lines of a tờ trình or báo cáo: one addressee as typed; several as
/// `- A;` … `- B.` lines, as NĐ 30's công văn sets them.
pub fn addressee(lines: &crate::model::Lines) -> Vec<String> {
    let items: Vec<&str> = lines
        .0
        .iter()
        .map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .trim_end_matches([';', ',', '.'])
                .trim()
        })
        .filter(|l| !l.is_empty())
        .collect();
    match items.as_slice() {
        [one] => vec![(*one).to_owned()],
        _ => items
            .iter()
            .enumerate()
            .map(|(i, l)| format!("- {l}{}", if i + 1 == items.len() { "." } else { ";" }))
            .collect(),
    }
}

/// `Về việc …` → `về việc …`, for a summary following the type name in the register.
pub fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}
