//! The data contract (`data-format.md`) as serde types.
//!
//! Field names are English; the YAML keys are the ASCII-Vietnamese ones of the contract.
//! Every struct denies unknown keys, so a typo is an error with a "did you mean" instead
//! of a silently ignored line. `loai` is not part of these structs: `load` reads it first
//! and picks the type, so that errors keep their key path.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de};

/// Which regulation lays out a body's documents (conventions D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// A Party body: Hướng dẫn 36-HD/VPTW.
    Dang,
    /// A State body: Nghị định 30/2020/NĐ-CP.
    NhaNuoc,
}

/// A date as staff type it: `2025-12-15` or `15/12/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một ngày dạng NNNN-TT-NN hoặc NN/TT/NNNN")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                parse_date(s).map(Date).ok_or_else(|| {
                    E::custom(format!(
                        "ngày `{s}` không hợp lệ: viết dạng 2025-12-15 hoặc 15/12/2025"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Parses both date forms of the contract; `None` for anything else or an impossible date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .or_else(|| {
            let parts: Vec<&str> = s.split('/').collect();
            match parts.as_slice() {
                [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                }
                _ => None,
            }
        })
}

/// Text given either as one string or as a list of lines (`quyen_han`, `kinh_gui`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một dòng văn bản hoặc danh sách các dòng")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Lines, E> {
                Ok(Lines(vec![s.to_owned()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut out = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    out.push(line);
                }
                Ok(Lines(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A scalar printed as text: staff write `ket_qua: 120` as readily as `ket_qua: "120 hộ"`.
fn scalar_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("một giá trị văn bản hoặc số")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_owned())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string().replace('.', ","))
        }
    }
    d.deserialize_any(V)
}

/// Who signs: `quyen_han` lines (T/M …, KT. …), title, full name (conventions D9).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    #[serde(rename = "quyen_han", default)]
    pub authority: Lines,
    #[serde(rename = "chuc_vu")]
    pub title: String,
    #[serde(rename = "ho_ten")]
    pub name: String,
}

/// `loai: co_quan` — an issuing body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub ma: String,
    #[serde(rename = "he")]
    pub regime: Regime,
    #[serde(rename = "co_quan_cap_tren")]
    pub superior: Option<String>,
    #[serde(rename = "ten")]
    pub name: String,
    #[serde(rename = "ten_viet_tat")]
    pub abbreviation: String,
    #[serde(rename = "dia_danh")]
    pub place: String,
    #[serde(rename = "nguoi_ky")]
    pub signer: Signer,
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    #[serde(rename = "nhiem_ky_tu")]
    pub term_start: Option<Date>,
    #[serde(rename = "bieu_trung")]
    pub emblem: Option<String>,
}

/// `loai: dot` — one emulation round.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[serde(rename = "phong_trao")]
    pub movement: String,
    #[serde(rename = "nam")]
    pub year: i32,
    #[serde(rename = "giai_doan")]
    pub period: Option<String>,
    #[serde(rename = "han_dang_ky")]
    pub registration_deadline: Option<Date>,
    #[serde(rename = "can_cu")]
    pub bases: Option<Vec<String>>,
    #[serde(rename = "to_trinh")]
    pub submission: Option<Submission>,
    #[serde(rename = "cong_nhan")]
    pub recognition: Issue,
    #[serde(rename = "khen_thuong")]
    pub rewards: Option<Vec<RewardIssue>>,
    #[serde(rename = "giay_khen")]
    pub certificate: Option<CertificateOptions>,
    #[serde(rename = "tong_hop")]
    pub summary: Option<Submission>,
}

/// A document issued by a body for the round: `cong_nhan`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    #[serde(rename = "co_quan")]
    pub body: String,
    #[serde(rename = "ngay")]
    pub date: Date,
    pub so: Option<u32>,
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
}

/// A document sent upward with an addressee: `to_trinh`, `tong_hop`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    #[serde(rename = "co_quan")]
    pub body: String,
    #[serde(rename = "ngay")]
    pub date: Date,
    pub so: Option<u32>,
    #[serde(rename = "kinh_gui")]
    pub addressee: Lines,
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
}

/// The form of a reward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RewardForm {
    GiayKhen,
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
    #[serde(rename = "co_quan")]
    pub body: String,
    #[serde(rename = "hinh_thuc")]
    pub form: RewardForm,
    #[serde(rename = "ngay")]
    pub date: Date,
    pub so: Option<u32>,
    #[serde(rename = "ly_do")]
    pub reason: Option<String>,
    #[serde(rename = "nguoi_ky")]
    pub signer: Option<Signer>,
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
}

/// `dot.giay_khen`: printing options of the certificates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateOptions {
    /// Print only the variable text, for pre-printed blanks.
    #[serde(rename = "phoi", default)]
    pub blank: bool,
    #[serde(rename = "lech_mm")]
    pub offset_mm: Option<Offset>,
}

/// A printer offset in millimetres.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offset {
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
}

/// The four fields of part II of the guidance.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    KinhTe,
    VanHoaXaHoi,
    AnNinhQuocPhong,
    XayDungHeThongChinhTri,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::KinhTe,
        Field::VanHoaXaHoi,
        Field::AnNinhQuocPhong,
        Field::XayDungHeThongChinhTri,
    ];

    /// The field's name as printed.
    pub fn label(self) -> &'static str {
        match self {
            Field::KinhTe => "Kinh tế",
            Field::VanHoaXaHoi => "Văn hóa - xã hội",
            Field::AnNinhQuocPhong => "An ninh - quốc phòng",
            Field::XayDungHeThongChinhTri => "Xây dựng hệ thống chính trị",
        }
    }
}

/// The header a collective prints on its own letters (`tieu_de`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnHeader {
    #[serde(rename = "he")]
    pub regime: Regime,
    #[serde(rename = "co_quan_cap_tren")]
    pub superior: Option<String>,
    #[serde(rename = "ten")]
    pub name: String,
}

/// A record's own reward request (`khen_thuong` of a tập thể or cá nhân).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewardRequest {
    #[serde(rename = "co_quan")]
    pub body: String,
    #[serde(rename = "ly_do")]
    pub reason: Option<String>,
}

/// `loai: tap_the` — a collective.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collective {
    pub ma: String,
    #[serde(rename = "ten")]
    pub name: String,
    #[serde(rename = "dia_chi")]
    pub address: String,
    #[serde(rename = "linh_vuc")]
    pub field: Field,
    #[serde(rename = "mo_hinh")]
    pub model: String,
    #[serde(rename = "tieu_de")]
    pub header: Option<OwnHeader>,
    #[serde(rename = "cap_uy")]
    pub party_committee: Option<String>,
    #[serde(rename = "dang_ky")]
    pub registration: Option<Registration>,
    #[serde(rename = "bao_cao")]
    pub report: Option<Report>,
    #[serde(rename = "khen_thuong")]
    pub reward: Option<RewardRequest>,
    #[serde(rename = "nguoi_dai_dien")]
    pub representative: Option<Signer>,
}

/// `gioi_tinh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Nam,
    Nu,
}

/// `doi_tuong`: the kind of person, which decides the criteria that apply.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    CanBoCongChuc,
    VienChuc,
    LucLuongVuTrang,
    DangVien,
    DoanVienHoiVien,
    CongNhanLaoDong,
    ChucSacTonGiao,
    NhanDan,
}

impl PersonKind {
    pub const ALL: [PersonKind; 8] = [
        PersonKind::CanBoCongChuc,
        PersonKind::VienChuc,
        PersonKind::LucLuongVuTrang,
        PersonKind::DangVien,
        PersonKind::DoanVienHoiVien,
        PersonKind::CongNhanLaoDong,
        PersonKind::ChucSacTonGiao,
        PersonKind::NhanDan,
    ];

    /// The kind's name as printed.
    pub fn label(self) -> &'static str {
        match self {
            PersonKind::CanBoCongChuc => "Cán bộ, công chức",
            PersonKind::VienChuc => "Viên chức",
            PersonKind::LucLuongVuTrang => "Lực lượng vũ trang",
            PersonKind::DangVien => "Đảng viên",
            PersonKind::DoanVienHoiVien => "Đoàn viên, hội viên",
            PersonKind::CongNhanLaoDong => "Công nhân, người lao động",
            PersonKind::ChucSacTonGiao => "Chức sắc tôn giáo",
            PersonKind::NhanDan => "Nhân dân",
        }
    }
}

/// Emulation titles, in ascending rank (conventions 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleRank {
    LaoDongTienTien,
    ChienSiThiDuaCoSo,
    ChienSiThiDuaCapTinh,
    ChienSiThiDuaToanQuoc,
}

impl TitleRank {
    pub fn label(self) -> &'static str {
        match self {
            TitleRank::LaoDongTienTien => "Lao động tiên tiến",
            TitleRank::ChienSiThiDuaCoSo => "Chiến sĩ thi đua cơ sở",
            TitleRank::ChienSiThiDuaCapTinh => "Chiến sĩ thi đua cấp tỉnh",
            TitleRank::ChienSiThiDuaToanQuoc => "Chiến sĩ thi đua toàn quốc",
        }
    }
}

/// One title held in one year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    #[serde(rename = "nam")]
    pub year: i32,
    #[serde(rename = "ten")]
    pub rank: TitleRank,
}

/// `loai: ca_nhan` — an individual.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub ma: String,
    #[serde(rename = "ho_ten")]
    pub name: String,
    #[serde(rename = "gioi_tinh")]
    pub sex: Option<Sex>,
    #[serde(rename = "nam_sinh")]
    pub birth_year: Option<i32>,
    #[serde(rename = "chuc_vu")]
    pub position: Option<String>,
    #[serde(rename = "don_vi")]
    pub unit: String,
    #[serde(rename = "doi_tuong")]
    pub kind: PersonKind,
    #[serde(rename = "danh_hieu")]
    pub titles: Option<Vec<Title>>,
    #[serde(rename = "xet_chon_nganh")]
    pub sector_assessed: Option<bool>,
    #[serde(rename = "cap_uy")]
    pub party_committee: Option<String>,
    #[serde(rename = "dang_ky")]
    pub registration: Option<Registration>,
    #[serde(rename = "bao_cao")]
    pub report: Option<Report>,
    #[serde(rename = "khen_thuong")]
    pub reward: Option<RewardRequest>,
}

/// One step of the registered timeline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    #[serde(rename = "thoi_gian", deserialize_with = "scalar_text")]
    pub when: String,
    #[serde(rename = "cong_viec")]
    pub work: String,
}

/// The Party committee's approval of a registration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    #[serde(rename = "cap_uy")]
    pub committee: String,
    #[serde(rename = "chuc_vu")]
    pub title: String,
    #[serde(rename = "ho_ten")]
    pub name: String,
    #[serde(rename = "ngay")]
    pub date: Date,
}

/// `dang_ky` — the registration letter at the start of the year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    #[serde(rename = "ngay")]
    pub date: Date,
    #[serde(rename = "noi_dung")]
    pub content: String,
    #[serde(rename = "muc_tieu")]
    pub targets: Option<Vec<String>>,
    #[serde(rename = "giai_phap")]
    pub solutions: Vec<String>,
    #[serde(rename = "tien_do")]
    pub timeline: Vec<Milestone>,
    #[serde(rename = "phe_duyet")]
    pub approval: Option<Approval>,
    #[serde(rename = "dot_xuat", default)]
    pub sudden: bool,
}

/// One row of the report's figures table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(rename = "chi_tieu")]
    pub indicator: String,
    #[serde(rename = "ket_qua", deserialize_with = "scalar_text")]
    pub result: String,
}

/// Who confirms a report: the Party committee or the direct head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmerKind {
    CapUy,
    ThuTruong,
}

/// `xac_nhan` — the confirmation block of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    #[serde(rename = "cap")]
    pub kind: ConfirmerKind,
    #[serde(rename = "co_quan")]
    pub body: String,
    #[serde(rename = "chuc_vu")]
    pub title: String,
    #[serde(rename = "ho_ten")]
    pub name: String,
    #[serde(rename = "ngay")]
    pub date: Date,
    #[serde(rename = "y_kien")]
    pub opinion: Option<String>,
}

/// `bao_cao` — the annual achievement report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    #[serde(rename = "ngay")]
    pub date: Date,
    #[serde(rename = "dac_diem")]
    pub situation: String,
    #[serde(rename = "ket_qua")]
    pub results: String,
    #[serde(rename = "so_lieu")]
    pub figures: Option<Vec<Figure>>,
    #[serde(rename = "cach_lam")]
    pub method: String,
    #[serde(rename = "kinh_nghiem")]
    pub lessons: String,
    #[serde(rename = "tac_dung")]
    pub effect: String,
    #[serde(rename = "lan_toa")]
    pub spread: String,
    #[serde(rename = "xac_nhan")]
    pub confirmation: Confirmation,
}
