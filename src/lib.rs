//! vanban turns a folder of YAML records into the formal Vietnamese paperwork of an
//! emulation-and-reward round ("Dân vận khéo"), as print-ready PDFs laid out per
//! Hướng dẫn 36-HD/VPTW (Party bodies) and Nghị định 30/2020/NĐ-CP (State bodies).
//!
//! # The pipeline
//! `load → validate → plan → render → compile → register → write`, run in this order by
//! [`pipeline::build`] and nowhere else:
//! - [`load`] walks the dataset, splits YAML documents, normalises text to NFC and
//!   deserializes each record into the contract types of [`model`], keeping every key's
//!   line in a [`source::SourceFile`] index;
//! - [`validate`] applies the contract rules types cannot express and drops bad records,
//!   then [`validate::criteria`] judges (assesses) every record against the criteria of
//!   Hướng dẫn 26-HD/BCĐ; only eligible records enter any list;
//! - [`plan`] turns valid records into documents, numbering each once through the
//!   register (numbers proposed, not yet kept);
//! - [`render`] fills Tera templates into Typst source, escaping every value;
//! - [`compile`] lays out and writes PDF through a closed [`world::Engine`], each file put
//!   in place atomically by [`mod@write`] as it is made;
//! - [`register`] then commits the numbers of what was written, in one transaction after
//!   the PDFs are in place (a run that stops early issues nothing);
//! - write, last: [`results`] writes what was issued as `out/<nam>/so-van-ban.csv` (and
//!   `.xlsx`), beside the check table as a workbook; every file of every stage is put in
//!   place by [`mod@write`]'s atomic writer, a base room below the stages.
//!
//! Below the stages sit the vocabularies several stages share, which import no stage:
//! [`the_thuc`] (the layout rules Rust owns: numbers, dates, upper-casing, signing
//! prefixes, căn cứ and nơi nhận punctuation), [`numbering`] (a document's identity, its
//! scope, the `Numbering` trait), [`doc_kind`] (the kinds of document), [`diagnostics`],
//! [`source`], [`collate`] and [`model`].
//!
//! # Rooms
//! Every module, by where it sits:
//! - the stages, in order: [`load`] (with its part [`sheet`] for spreadsheet rows, [`legacy`] and
//!   [`limits`] guarding what it reads), [`validate`], [`plan`], [`render`], [`compile`]
//!   (through [`world`], with the faces [`fonts`] chose), [`produce`] (the render → compile →
//!   write stage run on the workers of [`pool`], certificates cut apart by [`bundle`], letters
//!   written a batch at a time by [`letters`], long lists laid out a piece at a time by
//!   [`pieces`], emblems read by [`emblems`]), [`register`], [`results`] (the CSV and the workbooks handed back
//!   to the leader); [`pipeline`] is the one list of them,
//!   fed the dataset's sub-paths resolved once by [`paths`];
//! - the shared vocabularies below them: [`the_thuc`], [`numbering`], [`doc_kind`],
//!   [`model`], [`source`], [`diagnostics`] with its stable [`codes`], [`suggest`] (the
//!   "did you mean" both use), [`collate`], and [`mod@write`] (atomic files, SHA-256, CSV
//!   lines) for every stage that writes;
//! - the commands around a build: [`cli`] (clap types and their Vietnamese help), [`console`]
//!   (the Windows console), [`init`] (`vanban init`'s starter dataset), [`mau`] (`vanban mau`,
//!   a build of the embedded `templates/mau/`), [`recode`] (`vanban chuyen-ma`), [`docs`]
//!   (`docs/du-lieu.md`, the contract, shipped in the binary for `vanban khoa`; the codes'
//!   explanations of `vanban giai-thich` are `docs/giai-thich.md`, read by [`codes`]),
//!   [`serve`] (`vanban mo`, the local page).
//!
//! Where wording lives: plan writes every sentence a document prints (it needs the
//! counts, dates and numbers); templates only lay out. A sentence a leader may want to
//! change belongs in the data (v2 keys such as `can_cu`, `de_nghi`, `thi_hanh`).
//!
//! Data problems are [`diagnostics::Diagnostic`]s (file, line, field, Vietnamese message,
//! hint); environment failures are `anyhow::Error`s.
//!
//! # Glossary
//! | Vietnamese | identifier |
//! |---|---|
//! | cơ quan (issuing body) | [`model::Body`] |
//! | đợt thi đua (round) | [`model::Round`] |
//! | tập thể (collective) | [`model::Collective`] |
//! | cá nhân (individual) | [`model::Person`] |
//! | hệ: đảng / nhà nước (regime) | [`model::Regime`] |
//! | người ký, quyền hạn, chức vụ | [`model::Signer`]: `authority`, `title`, `name` |
//! | đăng ký thi đua | [`model::Registration`] |
//! | báo cáo thành tích | [`model::Report`] |
//! | xác nhận | [`model::Confirmation`] |
//! | phê duyệt | [`model::Approval`] |
//! | công nhận (recognition) | `Round::recognition` |
//! | khen thưởng, giấy khen, bằng khen | [`model::RewardIssue`], [`model::RewardForm`] |
//! | tờ trình (submission) | `Round::submission` |
//! | báo cáo tổng hợp (summary) | `Round::summary` |
//! | lĩnh vực (field) | [`model::Field`] |
//! | đối tượng (kind of person) | [`model::PersonKind`] |
//! | danh hiệu thi đua | [`model::TitleRank`] |
//! | tiêu chí (criterion), đạt / chưa đạt | [`validate::criteria::Criterion`], [`validate::criteria::Outcome`] |
//! | đủ tiêu chuẩn / chưa đủ / ngành xét chọn | [`validate::criteria::Verdict`] |
//! | số sổ vàng | the recipient's position in [`plan::recipients`] |
//! | sổ đăng ký văn bản đi (register) | [`register::Register`], a line: [`numbering::Issued`] |
//! | phạm vi đánh số (numbering scope, D7) | [`numbering::scope`] |
//! | loại văn bản (document kind) | [`doc_kind::DocKind`]; its abbreviation [`numbering::Abbrev`] |
//! | thể thức (layout rules) | [`the_thuc`] (Rust), `templates/lib/the-thuc.typ` (Typst) |
//! | phôi (pre-printed blank) | `CertificateOptions::blank` |
//! | văn bản mẫu (reference sheet) | [`mau`]: a build of the embedded `templates/mau/` |
//!
//! Naming: an enum variant is its YAML value (`Kind::TapThe`, `DocKind::GiayKhen`); `ma`
//! (a record's id) and `so` (a document's number) keep their contract names; the Typst
//! layout library keeps Vietnamese names (`dau-trang`, `ky-va-noi-nhan`, `chan-thu`).

// A `Diagnostic` is the error of data problems; it is returned rarely and boxing it would
// only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod bundle;
pub mod cli;
pub mod codes;
pub mod collate;
pub mod compile;
pub mod console;
pub mod diagnostics;
pub mod doc_kind;
pub mod docs;
pub mod emblems;
pub mod fonts;
#[cfg(test)]
mod fuzz;
pub mod init;
pub mod legacy;
pub mod letters;
pub mod limits;
pub mod load;
pub mod mau;
pub mod model;
pub mod numbering;
pub mod paths;
pub mod pieces;
pub mod pipeline;
pub mod plan;
pub mod pool;
pub mod produce;
pub mod recode;
pub mod register;
pub mod render;
pub mod results;
pub mod serve;
pub use load::sheet;
pub mod source;
pub mod suggest;
pub mod the_thuc;
pub mod validate;
pub mod world;
pub mod write;
