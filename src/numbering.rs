//! Numbering: what identifies a numbered document, its numbering scope (D7), and the
//! `Numbering` trait through which planning asks for numbers — the vocabulary shared by
//! `plan` (which asks) and `register` (which answers and keeps them).
//!
//! A document's identity is its body, scope, type abbreviation and subject (the record or
//! round it is for); the same identity always gets the same number.

use std::sync::Arc;

use chrono::Datelike;

use crate::model::{Body, Date, Regime};

/// The type abbreviation of a numbered document as its symbol prints it (NĐ 30 Phụ lục
/// III; HD 36), and the register's `loai` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Abbrev {
    /// Quyết định.
    QuyetDinh,
    /// Tờ trình.
    ToTrinh,
    /// Báo cáo.
    BaoCao,
    /// A certificate's line: its number is the Số sổ vàng.
    SoVang,
}

impl Abbrev {
    /// Every abbreviation, in the order of [`Abbrev::as_str`].
    pub const ALL: [Abbrev; 4] = [
        Abbrev::QuyetDinh,
        Abbrev::ToTrinh,
        Abbrev::BaoCao,
        Abbrev::SoVang,
    ];

    /// As printed in a symbol and stored in the register: `QĐ`, `TTr`, `BC`, `SSV`.
    pub fn as_str(self) -> &'static str {
        match self {
            Abbrev::QuyetDinh => "QĐ",
            Abbrev::ToTrinh => "TTr",
            Abbrev::BaoCao => "BC",
            Abbrev::SoVang => "SSV",
        }
    }

    /// The abbreviation stored as `s` in the register.
    pub fn parse(s: &str) -> Option<Abbrev> {
        Abbrev::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl std::fmt::Display for Abbrev {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a numbering source is asked for: one document's identity.
///
/// Body, scope, kind and subject together are the identity the register keeps a number
/// for; `year` only says under which `out/<nam>/` the document is filed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    /// The `ma` of the issuing body.
    pub body: String,
    /// Document type: `QĐ`, `TTr`, `BC`; [`Abbrev::SoVang`] for a certificate.
    pub kind: Abbrev,
    /// The numbering scope (D7), from [`scope`]: `2025`, or `NK2020-10-15` for a Party term.
    pub scope: String,
    /// The round's year.
    pub year: i32,
    /// The record or round the document is for: `khen-thuong-2025`.
    pub subject: String,
}

impl DocKey {
    /// The identity of a `kind` document of `body` dated `date`, filed under the round of
    /// `year`, for `subject`; the scope follows from body and date (D7).
    pub fn new(
        body: &Body,
        kind: Abbrev,
        date: Date,
        year: i32,
        subject: impl Into<String>,
    ) -> Self {
        DocKey {
            body: body.ma.clone(),
            kind,
            scope: scope(body, date),
            year,
            subject: subject.into(),
        }
    }
}

/// The identity of a certificate's line: the record `ma` in the Số sổ vàng of `body` for
/// the round of `year` — one number per record, whichever of the body's decisions lists it.
pub fn golden_key(body: &str, year: i32, ma: &str) -> DocKey {
    DocKey {
        body: body.to_owned(),
        kind: Abbrev::SoVang,
        scope: year.to_string(),
        year,
        subject: ma.to_owned(),
    }
}

/// The numbering scope of a document of `body` dated `date` (conventions D7): a Party body
/// with `nhiem_ky_tu` numbers within the term, across calendar years; everything else
/// (and a Party document dated before the term) restarts each 1 January.
pub fn scope(body: &Body, date: Date) -> String {
    match body.term_start {
        Some(start) if body.regime == Regime::Dang && date >= start => {
            format!("NK{}", start.0.format("%Y-%m-%d"))
        }
        _ => date.0.year().to_string(),
    }
}

/// A number given to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assigned {
    /// The number the document carries.
    pub number: u32,
    /// The number this identity held before, when a `so` in the data changed it.
    pub previous: Option<u32>,
}

/// A given `so` that is already issued to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The number that was asked for.
    pub number: u32,
    /// The identity holding the number, as the register shows it; for a sequence with no
    /// number left, what ran out.
    pub holder: String,
    /// The sequence has no number left after `number` (the highest held).
    pub exhausted: bool,
}

impl Clash {
    /// No number is left after `highest` in the sequence of `key`.
    pub fn exhausted(key: &DocKey, highest: u32) -> Clash {
        Clash {
            number: highest,
            holder: format!(
                "dãy số {} của {} ({})",
                key.kind,
                key.body,
                scope_label(&key.scope)
            ),
            exhausted: true,
        }
    }
}

/// The next number after `highest`, or `None` when the sequence has run out.
pub fn next(highest: u32) -> Option<u32> {
    highest.checked_add(1)
}

/// A document the register records as issued: what a build keeps instead of rewriting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// `01/QĐ-UBND`, or a certificate's `Sổ vàng số 02, QĐ số 01/QĐ-UBND`.
    pub symbol: String,
    /// The SHA-256 of the issued file, when one was written.
    pub sha256: Option<String>,
}

/// Gives numbers to documents: the same identity always gets the same number, a new one
/// the next in its sequence; a number given in the data wins unless another identity
/// holds it.
pub trait Numbering {
    /// The number for `key`: `given` (the data's `so`) if free, else the one it holds or the next.
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash>;

    /// The document `key` as issued (`vanban ban-hanh`), when it is: its file, hash and
    /// list as they were issued. A source that knows no issuing has none.
    fn issued(&self, _key: &DocKey) -> Option<IssuedDoc> {
        None
    }

    /// The document `key` as the register last recorded it, issued or not: what a run
    /// that leaves it out (`--chi`) compares the data with.
    fn recorded(&self, _key: &DocKey) -> Option<IssuedDoc> {
        None
    }

    /// Whether `key` is recorded as issued, with the symbol and hash of its file: a
    /// lighter [`Numbering::issued`] asked of every planned document.
    fn kept(&self, _key: &DocKey) -> Option<Kept> {
        None
    }
}

/// Numbers from 1 in every sequence, as a new register gives them, kept in memory: for what
/// must neither take a dataset's register lock nor create its file (the previews of
/// `vanban mo`, the fuzz, tests).
#[derive(Debug, Default)]
pub struct Fresh {
    next: std::collections::HashMap<(String, Abbrev, String), u32>,
    /// Every identity asked for, in order.
    pub asked: Vec<DocKey>,
}

impl Numbering for Fresh {
    fn number(&mut self, key: &DocKey, given: Option<u32>) -> Result<Assigned, Clash> {
        self.asked.push(key.clone());
        let next = self
            .next
            .entry((key.body.clone(), key.kind, key.scope.clone()))
            .or_default();
        *next = self::next(*next).ok_or_else(|| Clash::exhausted(key, *next))?;
        Ok(Assigned {
            number: given.unwrap_or(*next),
            previous: None,
        })
    }
}

/// One record as a numbered document lists it: what the register keeps of each line of
/// a list, so an issued list can be printed again as it was and compared with the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The record's `ma`.
    pub ma: String,
    /// A collective rather than a person.
    pub collective: bool,
    /// The name as listed: `Nguyễn Thị Ánh`, or a collective's name.
    pub name: String,
    /// As a certificate addresses it: `Bà Nguyễn Thị Ánh`.
    pub addressed: String,
    /// Position and unit, or a collective's address.
    pub detail: Option<String>,
    /// Its Số sổ vàng, on a reward decision's list.
    pub golden: Option<u32>,
}

/// A list as the register keeps it: one record a line, its fields separated by tabs
/// (`ma`, 1 for a collective, name, addressed, detail, Số sổ vàng).
pub fn listing_text(list: &[Entry]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    list.iter()
        .map(|e| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                clean(&e.ma),
                u8::from(e.collective),
                clean(&e.name),
                clean(&e.addressed),
                e.detail.as_deref().map(clean).unwrap_or_default(),
                e.golden.map(|g| g.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`listing_text`] read back; a version 1 line holds only `ma`, collective and name.
pub fn parse_listing(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let (ma, collective, name) = (parts.next()?, parts.next()?, parts.next()?);
            let addressed = parts.next().filter(|a| !a.is_empty()).unwrap_or(name);
            let detail = parts.next().filter(|d| !d.is_empty()).map(str::to_owned);
            let golden = parts.next().and_then(|g| g.parse().ok());
            Some(Entry {
                ma: ma.to_owned(),
                collective: collective == "1",
                name: name.to_owned(),
                addressed: addressed.to_owned(),
                detail,
                golden,
            })
        })
        .collect()
}

/// A numbered document recorded as issued (`da_ban_hanh`): never written again.
#[derive(Debug, Clone, Default)]
pub struct IssuedDoc {
    /// `01/QĐ-UBND`.
    pub symbol: String,
    /// The file under `out/`, as recorded.
    pub file: Option<String>,
    /// The SHA-256 of the issued file.
    pub sha256: Option<String>,
    /// The records it lists, as issued (a reward decision's with their Số sổ vàng).
    pub listing: Vec<Entry>,
}

/// What `new` changes in the list `old`, in sentences a user reads: `danh sách thêm 1 cá
/// nhân: Trần Văn An`. Empty when the two list the same records under the same names.
pub fn changes(old: &[Entry], new: &[Entry]) -> Vec<String> {
    let find = |list: &[Entry], ma: &str| list.iter().position(|e| e.ma == ma);
    let mut out = Vec::new();
    let group = |verb: &str, entries: Vec<&Entry>, out: &mut Vec<String>| {
        for (collective, what) in [(true, "tập thể"), (false, "cá nhân")] {
            let names: Vec<&str> = entries
                .iter()
                .filter(|e| e.collective == collective)
                .map(|e| e.name.as_str())
                .collect();
            if !names.is_empty() {
                out.push(format!(
                    "danh sách {verb} {} {what}: {}",
                    names.len(),
                    names.join(", ")
                ));
            }
        }
    };
    group(
        "thêm",
        new.iter().filter(|e| find(old, &e.ma).is_none()).collect(),
        &mut out,
    );
    group(
        "bớt",
        old.iter().filter(|e| find(new, &e.ma).is_none()).collect(),
        &mut out,
    );
    for e in old {
        if let Some(i) = find(new, &e.ma) {
            let n = &new[i];
            if n.name != e.name || n.addressed != e.addressed {
                out.push(format!("đổi tên «{}» thành «{}»", e.addressed, n.addressed));
            } else if n.detail != e.detail {
                out.push(format!(
                    "đổi chức vụ, đơn vị của {}: «{}» thành «{}»",
                    e.name,
                    e.detail.as_deref().unwrap_or(""),
                    n.detail.as_deref().unwrap_or("")
                ));
            }
        }
    }
    out
}

/// A document's line in the register of outgoing documents (NĐ 30 Phụ lục IV).
#[derive(Debug, Clone)]
pub struct Issued {
    /// The identity the number belongs to.
    pub key: DocKey,
    /// The number in its sequence.
    pub number: u32,
    /// Số, ký hiệu văn bản as the register lists it: `01/QĐ-UBND`.
    pub symbol: String,
    /// The date the document is issued.
    pub date: Date,
    /// Tên loại và trích yếu nội dung.
    pub summary: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận văn bản.
    pub recipients: Vec<String>,
    /// The document this one belongs to (a certificate's decision), so the parent's
    /// number is registered with the child even before the parent has a job of its own.
    pub of: Option<Arc<Issued>>,
    /// What it lists: a certificate its one recipient, a list document its records; kept
    /// by the register so an issued list prints again as issued.
    pub listing: Arc<[Entry]>,
}

/// An identity as the user reads it: `QĐ khen-thuong-2025 của ubnd-xa (năm 2025)`.
pub fn describe(key: &DocKey) -> String {
    describe_parts(&key.body, key.kind.as_str(), &key.scope, &key.subject)
}

/// [`describe`] from the register's columns.
pub fn describe_parts(body: &str, kind: &str, scope: &str, subject: &str) -> String {
    format!("{kind} {subject} của {body} ({})", scope_label(scope))
}

/// A scope as printed: `năm 2025`, `nhiệm kỳ từ 15/10/2020`.
pub fn scope_label(scope: &str) -> String {
    match scope
        .strip_prefix("NK")
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(d) => format!("nhiệm kỳ từ {}", d.format("%d/%m/%Y")),
        None => format!("năm {scope}"),
    }
}

/// A written document to record: its register line, where it went and its hash.
#[derive(Debug, Clone)]
pub struct Written<'a> {
    /// The document's line in the register.
    pub issued: &'a Issued,
    /// Relative to the output folder.
    pub path: &'a std::path::Path,
    /// The hex SHA-256 of the file's bytes.
    pub sha256: String,
}
