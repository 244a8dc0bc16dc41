//! `loai: dot`: one emulation round and the documents it issues (tờ trình, recognition,
//! reward decisions with their money and certificate options, summary).

use serde::Deserialize;

use super::*;

/// `loai: dot` — one emulation round.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// `phong_trao`: the movement's name, e.g. `Dân vận khéo`.
    #[serde(rename = "phong_trao")]
    pub movement: String,
    /// `nam`: the year assessed.
    #[serde(rename = "nam")]
    pub year: i32,
    /// `giai_doan`: the period the round belongs to, e.g. `2022 - 2025`.
    #[serde(rename = "giai_doan")]
    pub period: Option<String>,
    /// `han_dang_ky`: the registration deadline; 31 March of `nam` when left out.
    #[serde(rename = "han_dang_ky")]
    pub registration_deadline: Option<Date>,
    /// `can_cu`: the legal bases cited by the round's decisions.
    #[serde(rename = "can_cu")]
    pub bases: Option<Vec<String>>,
    /// `to_trinh`: the submission sent up before recognition.
    #[serde(rename = "to_trinh")]
    pub submission: Option<Submission>,
    /// `cong_nhan`: the recognition decision.
    #[serde(rename = "cong_nhan")]
    pub recognition: Issue,
    /// `khen_thuong`: the reward decisions, one entry per decision.
    #[serde(rename = "khen_thuong")]
    pub rewards: Option<Vec<RewardIssue>>,
    /// `giay_khen`: how the certificates are printed.
    #[serde(rename = "giay_khen")]
    pub certificate: Option<CertificateOptions>,
    /// `tong_hop`: the summary report sent upward.
    #[serde(rename = "tong_hop")]
    pub summary: Option<Submission>,
    /// `de_trong_so` (v2): numbered documents print their number and day blank, for the
    /// văn thư to fill in by hand after signing.
    #[serde(rename = "de_trong_so", default)]
    pub blank_numbers: bool,
}

/// A document issued by a body for the round: `cong_nhan`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// `co_quan`: the `ma` of the issuing body.
    #[serde(rename = "co_quan")]
    pub body: String,
    /// `ngay`: the date the document is issued.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `so`: the document number; taken from the register when left out.
    pub so: Option<u32>,
    /// `nguoi_ky`: the signer, overriding the body's default.
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    /// `noi_nhan`: the recipients, overriding the body's default.
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    // The three v2 options below repeat on `Submission` and `RewardIssue`: serde cannot
    // `flatten` a shared struct into one that denies unknown keys, and unknown keys must be
    // refused with a suggestion.
    /// `can_cu` *(v2)*: the bases of this document, in order; defaults in `plan`.
    #[serde(rename = "can_cu")]
    pub bases: Option<Vec<String>>,
    /// `de_nghi` *(v2)*: the proposal line, or who proposed; defaults in `plan`.
    #[serde(rename = "de_nghi")]
    pub proposal: Option<String>,
    /// `thi_hanh` *(v2)*: who executes the decision (its last article).
    #[serde(rename = "thi_hanh")]
    pub executors: Option<Vec<String>>,
}

/// A document sent upward with an addressee: `to_trinh`, `tong_hop`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// `co_quan`: the `ma` of the sending body.
    #[serde(rename = "co_quan")]
    pub body: String,
    /// `ngay`: the date the document is issued.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `so`: the document number; taken from the register when left out.
    pub so: Option<u32>,
    /// `kinh_gui`: the addressee lines after `Kính gửi:`.
    #[serde(rename = "kinh_gui")]
    pub addressee: Lines,
    /// `nguoi_ky`: the signer, overriding the body's default.
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    /// `noi_nhan`: the recipients, overriding the body's default.
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    /// `can_cu` *(v2)*: the bases of this document, in order; defaults in `plan`.
    #[serde(rename = "can_cu")]
    pub bases: Option<Vec<String>>,
    /// `de_nghi` *(v2)*: accepted as on decisions; `validate` warns, as for
    /// `thi_hanh`.
    #[serde(rename = "de_nghi")]
    pub proposal: Option<String>,
    /// `thi_hanh` *(v2)*: accepted as on decisions; a tờ trình or báo cáo has no
    /// article to print it in, so `validate` warns.
    #[serde(rename = "thi_hanh")]
    pub executors: Option<Vec<String>>,
}

/// The form of a reward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RewardForm {
    /// `giay_khen`: a certificate of merit (Giấy khen).
    GiayKhen,
    /// `bang_khen`: a higher certificate of merit (Bằng khen).
    BangKhen,
}

impl RewardForm {
    /// The form's name inside a sentence: `Giấy khen`, `Bằng khen`.
    pub fn label(self) -> &'static str {
        match self {
            RewardForm::GiayKhen => "Giấy khen",
            RewardForm::BangKhen => "Bằng khen",
        }
    }

    /// The form's title on the certificate itself: `GIẤY KHEN`.
    pub fn title(self) -> &'static str {
        match self {
            RewardForm::GiayKhen => "GIẤY KHEN",
            RewardForm::BangKhen => "BẰNG KHEN",
        }
    }
}

/// One rewarding body of the round (`dot.khen_thuong[]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewardIssue {
    /// `co_quan`: the `ma` of the rewarding body.
    #[serde(rename = "co_quan")]
    pub body: String,
    /// `hinh_thuc`: the form of the reward the decision grants.
    #[serde(rename = "hinh_thuc")]
    pub form: RewardForm,
    /// `ngay`: the date of the reward decision.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `so`: the reward decision's number; taken from the register when left out.
    pub so: Option<u32>,
    /// `ly_do`: the default achievement line printed for each recipient.
    #[serde(rename = "ly_do")]
    pub reason: Option<String>,
    /// `nguoi_ky`: the signer, overriding the body's default.
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    /// `noi_nhan`: the recipients, overriding the body's default.
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    /// `can_cu` *(v2)*: the bases of this document, in order; defaults in `plan`.
    #[serde(rename = "can_cu")]
    pub bases: Option<Vec<String>>,
    /// `de_nghi` *(v2)*: the proposal line, or who proposed; defaults in `plan`.
    #[serde(rename = "de_nghi")]
    pub proposal: Option<String>,
    /// `thi_hanh` *(v2)*: who executes the decision (its last article).
    #[serde(rename = "thi_hanh")]
    pub executors: Option<Vec<String>>,
    /// `tien_thuong` *(v2)*: the money that goes with the reward.
    #[serde(rename = "tien_thuong")]
    pub money: Option<Money>,
}

/// `khen_thuong[].tien_thuong` *(v2)*: amounts in đồng, and the fund they come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// `tap_the`: the amount for each collective.
    #[serde(rename = "tap_the")]
    pub collective: Option<u64>,
    /// `ca_nhan`: the amount for each individual.
    #[serde(rename = "ca_nhan")]
    pub person: Option<u64>,
    /// `nguon`: the fund the money comes from.
    #[serde(rename = "nguon")]
    pub fund: Option<String>,
}

/// `dot.giay_khen`: printing options of the certificates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateOptions {
    /// Print only the variable text, for pre-printed blanks.
    #[serde(rename = "phoi", default)]
    pub blank: bool,
    /// `lech_mm`: the shift that makes the text fit the printer.
    #[serde(rename = "lech_mm")]
    pub offset_mm: Option<Offset>,
}

/// A printer offset in millimetres.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offset {
    /// `x`: the shift to the right in millimetres.
    #[serde(default)]
    pub x: f64,
    /// `y`: the shift downward in millimetres.
    #[serde(default)]
    pub y: f64,
}
