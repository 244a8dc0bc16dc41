//! vanban turns a folder of YAML records into the formal Vietnamese paperwork of an
//! emulation-and-reward round ("Dân vận khéo"), as print-ready PDFs laid out per
//! Hướng dẫn 36-HD/VPTW (Party bodies) and Nghị định 30/2020/NĐ-CP (State bodies).
//!
//! # The pipeline
//! `load → validate → plan → render → compile → write`, run in this order by
//! [`pipeline::build`] and nowhere else:
//! - [`load`] walks the dataset, splits YAML documents, normalises text to NFC and
//!   deserializes each record into the contract types of [`model`], keeping every key's
//!   line in a [`source::SourceFile`] index;
//! - [`validate`] applies the contract rules types cannot express and drops bad records,
//!   then [`validate::criteria`] judges every record against the criteria of Hướng dẫn
//!   26-HD/BCĐ and gives it a verdict; only eligible records enter any list;
//! - [`plan`] turns valid records into documents with their numbers;
//! - [`render`] fills Tera templates into Typst source, escaping every value;
//! - [`compile`] lays out and writes PDF through a closed [`world::Engine`];
//! - [`mod@write`] puts each file in place atomically;
//! - [`register`] gives every number once (proposed while planning, committed after the
//!   PDFs are written) and lists what was issued in `out/<nam>/so-van-ban.csv`.
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
//! | sổ đăng ký văn bản đi (register) | [`register::Register`], a line: [`plan::Issued`] |
//! | phạm vi đánh số (numbering scope, D7) | [`plan::scope`] |
//! | phôi (pre-printed blank) | `CertificateOptions::blank` |
//! | thể thức (layout rules), văn bản mẫu | `templates/lib/the-thuc.typ`, [`mau`] |

// A `Diagnostic` is the error of data problems; it is returned rarely and boxing it would
// only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod bundle;
pub mod cli;
pub mod collate;
pub mod compile;
pub mod diagnostics;
pub mod emblems;
pub mod fonts;
pub mod init;
pub mod load;
pub mod mau;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod pool;
pub mod produce;
pub mod register;
pub mod render;
pub mod source;
pub mod validate;
pub mod world;
pub mod write;
