//! Pieces every planned document shares: the header, numbers that agree wherever a
//! document is cited, nơi nhận, and the parts, tables and blocks of a letter.

use std::collections::HashMap;

use std::path::PathBuf;

use serde::Serialize;

use super::{Job, Values};
use crate::doc_kind::DocKind;

// Kept here for plan.rs, which asks common for the round's recognised records.
pub(super) use super::recipients::recognised_entries;
use crate::model::{Body, Collective, Date, Person, Regime, Round, Signer};
use crate::numbering::{DocKey, Issued};
use crate::the_thuc;

/// Bodies by `ma`.
pub type Bodies<'a> = HashMap<&'a str, &'a Body>;

/// A signer as printed: prefix lines and title upper-cased (D9, D15), name as typed.
#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    /// The prefix lines above the title: `KT. CHỦ TỊCH`.
    pub authority: Vec<String>,
    /// The signer's title: `PHÓ CHỦ TỊCH`.
    pub title: String,
    /// The signer's name, as typed.
    pub name: String,
}

impl From<&Signer> for SignerView {
    fn from(s: &Signer) -> Self {
        SignerView {
            authority: s
                .authority
                .0
                .iter()
                .map(|l| the_thuc::upper(l.trim()))
                .collect(),
            title: the_thuc::upper(s.title.trim()),
            name: s.name.trim().to_owned(),
        }
    }
}

/// The header block of a body's document (D5), values as printed.
#[derive(Debug, Clone, Serialize)]
pub(super) struct HeaderView {
    pub party: bool,
    pub superior: Option<String>,
    pub issuer: String,
    /// `Số 01-QĐ/BCĐ`, `Số: 01/QĐ-UBND`; empty for letters without a number.
    pub number_line: String,
    pub place_date: String,
}

/// A numbered document of a body: its identity, number, symbol and header.
#[derive(Debug, Clone)]
pub(super) struct Numbered {
    pub key: DocKey,
    pub number: u32,
    pub symbol: String,
    /// The document's date, as cited by the documents that follow it.
    pub date: Date,
    /// `de_trong_so`: the number and the day are left for the văn thư to write, here and
    /// wherever the document is cited.
    pub blank: bool,
    pub header: HeaderView,
}

impl Numbered {
    /// The date where another document cites this one (`Quyết định số … ngày …`):
    /// `15/12/2025`, or `      tháng 12 năm 2025` with the day left blank.
    pub(super) fn cited_date(&self) -> String {
        if self.blank {
            the_thuc::date_short_blank(self.date)
        } else {
            the_thuc::date_short(self.date)
        }
    }

    /// The date in words, as its appendix's `Kèm theo` line cites it: `ngày 15 tháng 12 năm
    /// 2025`, or with the day left blank as the header prints it.
    pub(super) fn date_words(&self) -> String {
        if self.blank {
            the_thuc::date_words_blank(self.date)
        } else {
            the_thuc::date_words(self.date)
        }
    }

    /// The document's line in the register: its kind's name and its trích yếu (`Quyết
    /// định` + `Về việc …` → `Quyết định về việc …`), who signs, and its nơi nhận (`own`,
    /// else `body`'s).
    pub(super) fn issued(
        &self,
        name: &str,
        summary: &str,
        signer: &SignerView,
        body: &Body,
        own: Option<&Vec<String>>,
    ) -> Issued {
        let recipients = raw_recipients(body, own);
        let summary = format!("{name} {}", the_thuc::lower_first(summary));
        Issued {
            key: self.key.clone(),
            number: self.number,
            symbol: self.symbol.clone(),
            date: self.date,
            // The register keeps plain spaces, whatever the page binds.
            summary: the_thuc::unbind(&summary),
            signer: signer.name.clone(),
            recipients,
            of: None,
            listing: Default::default(),
        }
    }

    /// The document to produce: one file at `path`, dated and numbered as this number,
    /// with `issued` as its line in the register.
    pub(super) fn job(&self, kind: DocKind, path: PathBuf, values: Values, issued: Issued) -> Job {
        Job {
            kind,
            path,
            values,
            date: self.date,
            pages: Vec::new(),
            issued: Some(issued),
        }
    }
}

/// The signer of a document: its own, else the body's.
pub(super) fn signer<'a>(own: Option<&'a Signer>, body: &'a Body) -> SignerView {
    own.unwrap_or(&body.signer).into()
}

/// Nơi nhận as the register lists it: the document's own, else its body's.
pub(super) fn raw_recipients(body: &Body, own: Option<&Vec<String>>) -> Vec<String> {
    own.or(body.recipients.as_ref())
        .cloned()
        .unwrap_or_default()
}

/// Nơi nhận lines of a document (D10): its own list, else the body's.
pub(super) fn recipients_of(body: &Body, own: Option<&Vec<String>>, first: &str) -> Vec<String> {
    the_thuc::recipients(body.regime, Some(first), &raw_recipients(body, own))
}

/// Nơi nhận of a letter sent to `addressee`: `first` (`Như trên`), then `lead` (lines that
/// stand for the addressees when the paper has no "Kính gửi"), then the document's or the
/// body's own list without the addressees again: a body's default list often names the
/// very office the paper is addressed to, and "Như trên" already sends it there.
pub(super) fn recipients_to(
    body: &Body,
    own: Option<&Vec<String>>,
    first: Option<&str>,
    lead: &[String],
    addressee: &[String],
) -> Vec<String> {
    let key = |s: &str| {
        let s = s.trim().trim_start_matches('-').trim();
        let s = s.trim_end_matches([',', ';', '.', ' ']);
        let s = match s.rfind(" (") {
            Some(at) if s.ends_with(')') => &s[..at],
            _ => s,
        };
        s.trim().to_lowercase()
    };
    let sent: Vec<String> = addressee.iter().map(|a| key(a)).collect();
    let mut items: Vec<String> = lead.to_vec();
    items.extend(
        raw_recipients(body, own)
            .into_iter()
            .filter(|r| !sent.contains(&key(r))),
    );
    the_thuc::recipients(body.regime, first, &items)
}

/// The place of letters written by units and people, who have no body of their own in the
/// data: the place of the round's recognising body.
pub(super) fn round_place<'a>(round: &Round, bodies: &HashMap<&str, &'a Body>) -> Option<&'a str> {
    bodies
        .get(round.recognition.body.as_str())
        .map(|b| b.place.trim())
}

/// The header of a unit's or a person's own letter: the unit's `tieu_de` (default its
/// name under a State header), or Quốc hiệu and Tiêu ngữ alone for a person.
#[derive(Debug, Clone, Serialize)]
pub(super) struct OwnHeaderView {
    pub individual: bool,
    pub party: bool,
    pub superior: Option<String>,
    pub issuer: String,
    pub place_date: String,
}

impl OwnHeaderView {
    pub(super) fn collective(c: &Collective, place_date: String) -> Self {
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

    pub(super) fn person(place_date: String) -> Self {
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
pub(super) struct Labelled {
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
    pub(super) fn collective(c: &Collective) -> Vec<Labelled> {
        vec![
            Labelled::new("Tên tập thể", &c.name),
            Labelled::new("Địa chỉ", &c.address),
            Labelled::new("Lĩnh vực", c.field.label()),
            Labelled::new("Tên mô hình", &c.model),
        ]
    }

    /// `Danh hiệu thi đua: Chiến sĩ thi đua cơ sở năm 2025; Lao động tiên tiến năm 2024`,
    /// newest first, or nothing for a person who holds none.
    pub(super) fn titles(p: &Person) -> Option<Labelled> {
        let mut held: Vec<_> = p.titles.iter().flatten().collect();
        if held.is_empty() {
            return None;
        }
        held.sort_by(|a, b| b.year.cmp(&a.year).then(b.rank.cmp(&a.rank)));
        let value = held
            .iter()
            .map(|t| format!("{} năm {}", t.rank.label(), t.year))
            .collect::<Vec<_>>()
            .join("; ");
        Some(Labelled::new("Danh hiệu thi đua đã đạt", &value))
    }

    /// Who a person's letter is from: name, year of birth, position, unit.
    pub(super) fn person(p: &Person) -> Vec<Labelled> {
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
pub(super) struct Table {
    pub columns: Vec<String>,
    pub widths: &'static str,
    pub rows: Vec<TableRow>,
    /// The last row is a total (`Tổng cộng`), set in bold.
    pub total: bool,
}

/// A row of a [`Table`]: its cells and a footnote on its label (the second cell), for a
/// figure the page alone cannot explain.
#[derive(Debug, Clone, Serialize)]
pub(super) struct TableRow {
    pub cells: Vec<String>,
    pub note: Option<String>,
}

impl TableRow {
    pub(super) fn plain(cells: Vec<String>) -> Self {
        TableRow { cells, note: None }
    }
}

/// A numbered part of a letter or report: heading, then any of text (paragraphs), items
/// (each its own `- ` paragraph) and a table. Parts without content are never built, so
/// no empty heading reaches a page.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct Part {
    pub heading: String,
    pub text: Option<String>,
    pub items: Vec<String>,
    pub table: Option<Table>,
}

/// Numbers parts I., II., … in order, dropping those without content.
pub(super) fn number_parts(parts: Vec<Part>) -> Vec<Part> {
    parts
        .into_iter()
        .filter(|p| {
            p.text.as_deref().is_some_and(|t| !t.trim().is_empty())
                || !p.items.is_empty()
                || p.table.as_ref().is_some_and(|t| !t.rows.is_empty())
        })
        .enumerate()
        .map(|(i, mut p)| {
            p.heading = format!("{}. {}", the_thuc::roman(i + 1), p.heading);
            p
        })
        .collect()
}

/// A signature or confirmation block of a letter: heading lines in bold caps, an
/// optional italic date, an optional opinion, then the signing space and the name.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct Block {
    pub lines: Vec<String>,
    pub date: Option<String>,
    pub opinion: Option<String>,
    /// The quyền hạn line (`T/M ĐẢNG ỦY`, `KT. CHỦ TỊCH`), bold caps in both regimes.
    pub authority: Vec<String>,
    pub title: Vec<String>,
    pub name: String,
    /// A Party signer: the chức vụ is set regular, not bold (D9).
    pub party: bool,
}

/// The quyền hạn line of a Party committee that approves or confirms as a collective:
/// `T/M ĐẢNG ỦY` for `ĐẢNG ỦY XÃ CẦN GIUỘC`. Only the fixed names of Party collectives are
/// recognised; any other name gets no line rather than a guessed one.
pub(super) fn on_behalf_of(committee: &str) -> Option<String> {
    const COLLECTIVES: [&str; 12] = [
        "BAN THƯỜNG VỤ",
        "BAN CHẤP HÀNH",
        "BAN CÁN SỰ ĐẢNG",
        "ĐẢNG ĐOÀN",
        "ĐẢNG ỦY",
        "CHI ỦY",
        "CHI BỘ",
        "HUYỆN ỦY",
        "QUẬN ỦY",
        "THỊ ỦY",
        "THÀNH ỦY",
        "TỈNH ỦY",
    ];
    let name = the_thuc::upper(committee.trim());
    COLLECTIVES
        .iter()
        .find(|c| name.starts_with(*c))
        .map(|c| format!("T/M {c}"))
}

/// The opening sentence of a tờ trình or báo cáo, after the bases its `can_cu` gives:
/// `Căn cứ …; thực hiện phong trào …`.
pub(super) fn opening(bases: Option<&[String]>, sentence: &str) -> String {
    let cited: Vec<String> = bases
        .unwrap_or_default()
        .iter()
        .map(|b| {
            the_thuc::basis(b)
                .trim_end_matches([';', ',', '.'])
                .to_owned()
        })
        .filter(|b| !b.is_empty())
        .collect();
    if cited.is_empty() {
        return the_thuc::bind(sentence);
    }
    the_thuc::bind(&format!(
        "{}; {}",
        cited.join("; "),
        the_thuc::lower_first(sentence)
    ))
}
