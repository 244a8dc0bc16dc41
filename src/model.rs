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

/// A date as staff type it: `2025-12-15`, `15/12/2025`, `15-12-2025` or `15.12.2025`.
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
                parse_date(s)
                    .map(Date)
                    .ok_or_else(|| E::custom(date_problem(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Day, month and year of a date in any accepted form, not yet checked to exist.
fn date_parts(s: &str) -> Option<(u32, u32, i32)> {
    let s = s.trim();
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())?
    };
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    // Mixed separators (`15/12-2025`) are a typing slip, not a form.
    if s.chars()
        .filter(|c| matches!(c, '-' | '/' | '.'))
        .any(|c| c != sep)
    {
        return None;
    }
    if a.len() == 4 && sep == '-' && b.len() == 2 && c.len() == 2 {
        return Some((num(c)?, num(b)?, num(a)? as i32));
    }
    (c.len() == 4 && a.len() <= 2 && b.len() <= 2).then_some(())?;
    Some((num(a)?, num(b)?, num(c)? as i32))
}

/// Parses every date form of the contract; `None` for anything else or an impossible date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let (d, m, y) = date_parts(s)?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Why `s` is not a date, naming the impossible day or month so it is fixed in one pass.
fn date_problem(s: &str) -> String {
    let forms = "viết dạng 15/12/2025, 15-12-2025, 15.12.2025 hoặc 2025-12-15";
    let Some((d, m, y)) = date_parts(s) else {
        return format!("ngày `{s}` không đọc được: {forms}");
    };
    if !(1..=12).contains(&m) {
        return format!(
            "ngày `{s}` không có thật: không có tháng {m} (tháng từ 1 đến 12; ngày viết trước tháng, ví dụ 15/12/{y})"
        );
    }
    let days = (28..=31)
        .rev()
        .find(|n| NaiveDate::from_ymd_opt(y, m, *n).is_some())
        .unwrap_or(28);
    if d == 0 || d > days {
        return format!(
            "ngày `{s}` không có thật: tháng {m} năm {y} chỉ có {days} ngày; sửa lại ngày cho đúng"
        );
    }
    format!("ngày `{s}` không đọc được: {forms}")
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
    /// `quyen_han`: the authority lines above the title, e.g. `KT. CHỦ TỊCH`; may be empty.
    #[serde(rename = "quyen_han", default)]
    pub authority: Lines,
    /// `chuc_vu`: the signer's title as printed, e.g. `TRƯỞNG BAN`.
    #[serde(rename = "chuc_vu")]
    pub title: String,
    /// `ho_ten`: the signer's full name as printed.
    #[serde(rename = "ho_ten")]
    pub name: String,
}

/// `loai: co_quan` — an issuing body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// `ma`: the id other records use to name this body.
    pub ma: String,
    /// `he`: whether the body is a Party or a State body, which picks the layout.
    #[serde(rename = "he")]
    pub regime: Regime,
    /// `co_quan_cap_tren`: the superior's line printed above the name in the header.
    #[serde(rename = "co_quan_cap_tren")]
    pub superior: Option<String>,
    /// `ten`: the body's name as printed in the header.
    #[serde(rename = "ten")]
    pub name: String,
    /// `ten_day_du` *(v2)*: the full name in running text, `Ủy ban nhân dân xã Cần Giuộc`,
    /// for "của …" captions, citations and the head's title; read it through
    /// [`Body::full`], which derives it from `ten` when left out.
    #[serde(rename = "ten_day_du")]
    pub full_name: Option<String>,
    /// `ten_viet_tat`: the abbreviation used in document numbers, e.g. `UBND`.
    #[serde(rename = "ten_viet_tat")]
    pub abbreviation: String,
    /// `dia_danh`: the place name of the date line, e.g. `Cần Giuộc`.
    #[serde(rename = "dia_danh")]
    pub place: String,
    /// `nguoi_ky`: the body's default signer.
    #[serde(rename = "nguoi_ky")]
    pub signer: Signer,
    /// `noi_nhan`: the body's default recipients.
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Vec<String>>,
    /// `nhiem_ky_tu`: a Party body's first day of term, from which numbers run (D7).
    #[serde(rename = "nhiem_ky_tu")]
    pub term_start: Option<Date>,
    /// `bieu_trung`: the dataset-relative path of the emblem printed on the body's certificates.
    #[serde(rename = "bieu_trung")]
    pub emblem: Option<String>,
}

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

/// The four fields of part II of the guidance.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `kinh_te`: the economy.
    KinhTe,
    /// `van_hoa_xa_hoi`: culture and society.
    VanHoaXaHoi,
    /// `an_ninh_quoc_phong`: security and defence.
    AnNinhQuocPhong,
    /// `xay_dung_he_thong_chinh_tri`: building the political system.
    XayDungHeThongChinhTri,
}

impl Field {
    /// Every field, in the order the guidance lists them.
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
    /// `he`: whether the header follows the Party or the State layout.
    #[serde(rename = "he")]
    pub regime: Regime,
    /// `co_quan_cap_tren`: the superior's line printed above the name.
    #[serde(rename = "co_quan_cap_tren")]
    pub superior: Option<String>,
    /// `ten`: the name printed in the header.
    #[serde(rename = "ten")]
    pub name: String,
}

/// A record's own reward request (`khen_thuong` of a tập thể or cá nhân).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewardRequest {
    /// `co_quan`: the `ma` of a rewarding body of `dot.khen_thuong`.
    #[serde(rename = "co_quan")]
    pub body: String,
    /// `ly_do`: the achievement line, overriding the decision's default.
    #[serde(rename = "ly_do")]
    pub reason: Option<String>,
}

/// `loai: tap_the` — a collective.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collective {
    /// `ma`: the id other records use to name this collective.
    pub ma: String,
    /// `ten`: the collective's name as printed.
    #[serde(rename = "ten")]
    pub name: String,
    /// `dia_chi`: the collective's address.
    #[serde(rename = "dia_chi")]
    pub address: String,
    /// `linh_vuc`: the field of part II the model belongs to.
    #[serde(rename = "linh_vuc")]
    pub field: Field,
    /// `mo_hinh`: the name of the model the collective carries out.
    #[serde(rename = "mo_hinh")]
    pub model: String,
    /// `tieu_de`: the header of its own letters; a State header over `ten` when left out.
    #[serde(rename = "tieu_de")]
    pub header: Option<OwnHeader>,
    /// `cap_uy`: its direct Party committee.
    #[serde(rename = "cap_uy")]
    pub party_committee: Option<String>,
    /// `dang_ky`: its registration letter.
    #[serde(rename = "dang_ky")]
    pub registration: Option<Registration>,
    /// `bao_cao`: its annual achievement report.
    #[serde(rename = "bao_cao")]
    pub report: Option<Report>,
    /// `khen_thuong`: the reward it is proposed for.
    #[serde(rename = "khen_thuong")]
    pub reward: Option<RewardRequest>,
    /// `nguoi_dai_dien`: who signs its own letters.
    #[serde(rename = "nguoi_dai_dien")]
    pub representative: Option<Signer>,
}

/// `gioi_tinh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// `nam`: male, addressed as Ông.
    Nam,
    /// `nu`: female, addressed as Bà.
    Nu,
}

/// `doi_tuong`: the kind of person, which decides the criteria that apply.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// `can_bo_cong_chuc`: cadres and civil servants.
    CanBoCongChuc,
    /// `vien_chuc`: public employees.
    VienChuc,
    /// `luc_luong_vu_trang`: the armed forces.
    LucLuongVuTrang,
    /// `dang_vien`: Party members.
    DangVien,
    /// `doan_vien_hoi_vien`: members of unions and associations.
    DoanVienHoiVien,
    /// `cong_nhan_lao_dong`: workers and employees.
    CongNhanLaoDong,
    /// `chuc_sac_ton_giao`: religious dignitaries.
    ChucSacTonGiao,
    /// `nhan_dan`: the people at large.
    NhanDan,
}

impl PersonKind {
    /// Every kind, in the order the guidance lists them.
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
    /// `lao_dong_tien_tien`: Lao động tiên tiến, the lowest title.
    LaoDongTienTien,
    /// `chien_si_thi_dua_co_so`: Chiến sĩ thi đua cơ sở.
    ChienSiThiDuaCoSo,
    /// `chien_si_thi_dua_cap_tinh`: Chiến sĩ thi đua at provincial, ministry or sector level.
    ChienSiThiDuaCapTinh,
    /// `chien_si_thi_dua_toan_quoc`: Chiến sĩ thi đua toàn quốc, the highest title.
    ChienSiThiDuaToanQuoc,
}

impl TitleRank {
    /// The title's name as printed.
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
    /// `nam`: the year the title was held.
    #[serde(rename = "nam")]
    pub year: i32,
    /// `ten`: which title it was.
    #[serde(rename = "ten")]
    pub rank: TitleRank,
}

/// `loai: ca_nhan` — an individual.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// `ma`: the id other records use to name this person.
    pub ma: String,
    /// `ho_ten`: the person's full name as printed.
    #[serde(rename = "ho_ten")]
    pub name: String,
    /// `gioi_tinh`: the person's sex, which picks Ông or Bà.
    #[serde(rename = "gioi_tinh")]
    pub sex: Option<Sex>,
    /// `danh_xung` *(v2)*: the form of address before the name (`Đại đức`, `Linh mục`);
    /// `""` for none. See [`Person::addressed`].
    #[serde(rename = "danh_xung")]
    pub address: Option<String>,
    /// `nam_sinh`: the person's year of birth.
    #[serde(rename = "nam_sinh")]
    pub birth_year: Option<i32>,
    /// `chuc_vu`: the person's position, e.g. `Chủ tịch Hội Liên hiệp Phụ nữ xã`.
    #[serde(rename = "chuc_vu")]
    pub position: Option<String>,
    /// `don_vi`: where the person works or lives.
    #[serde(rename = "don_vi")]
    pub unit: String,
    /// `doi_tuong`: the kind of person, which decides the criteria that apply.
    #[serde(rename = "doi_tuong")]
    pub kind: PersonKind,
    /// `danh_hieu`: the emulation titles the person has held.
    #[serde(rename = "danh_hieu")]
    pub titles: Option<Vec<Title>>,
    /// `mo_hinh` *(v2)*: the model the person carries out; fills the Mô hình column.
    #[serde(rename = "mo_hinh")]
    pub model: Option<String>,
    /// `xet_chon_nganh`: `true` for armed forces assessed under their own sector's rules.
    #[serde(rename = "xet_chon_nganh")]
    pub sector_assessed: Option<bool>,
    /// `cap_uy`: their direct Party committee.
    #[serde(rename = "cap_uy")]
    pub party_committee: Option<String>,
    /// `dang_ky`: their registration letter.
    #[serde(rename = "dang_ky")]
    pub registration: Option<Registration>,
    /// `bao_cao`: their annual achievement report.
    #[serde(rename = "bao_cao")]
    pub report: Option<Report>,
    /// `khen_thuong`: the reward they are proposed for.
    #[serde(rename = "khen_thuong")]
    pub reward: Option<RewardRequest>,
}

impl Person {
    /// The form of address, if any: `danh_xung` as given (`""` for none); otherwise Ông or
    /// Bà from `gioi_tinh`, except for a religious dignitary, who is never called Ông or Bà
    /// before a religious name (Thích Minh Trí is not "Ông Thích Minh Trí").
    pub fn address_form(&self) -> Option<String> {
        match self.address.as_deref().map(str::trim) {
            Some("") => None,
            Some(given) => Some(given.to_owned()),
            None if self.kind == PersonKind::ChucSacTonGiao => None,
            None => match self.sex {
                Some(Sex::Nam) => Some("Ông".to_owned()),
                Some(Sex::Nu) => Some("Bà".to_owned()),
                None => None,
            },
        }
    }

    /// The name as a certificate addresses the person: `Bà Nguyễn Thị Ánh`, `Đại đức Thích
    /// Minh Trí`.
    pub fn addressed(&self) -> String {
        let name = self.name.trim();
        match self.address_form() {
            Some(form) => format!("{form} {name}"),
            None => name.to_owned(),
        }
    }

    /// The name as lists and letters print it: with the form of address only where the data
    /// gives one (`danh_xung`), since lists do not say Ông or Bà.
    pub fn listed(&self) -> String {
        let name = self.name.trim();
        match self
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            Some(form) => format!("{form} {name}"),
            None => name.to_owned(),
        }
    }
}

/// One step of the registered timeline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// `thoi_gian`: when the step is done, as written, e.g. `Quý I`.
    #[serde(rename = "thoi_gian", deserialize_with = "scalar_text")]
    pub when: String,
    /// `cong_viec`: what is done in that step.
    #[serde(rename = "cong_viec")]
    pub work: String,
}

/// The Party committee's approval of a registration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// `cap_uy`: the Party committee that approves.
    #[serde(rename = "cap_uy")]
    pub committee: String,
    /// `chuc_vu`: the approver's title.
    #[serde(rename = "chuc_vu")]
    pub title: String,
    /// `ho_ten`: the approver's full name.
    #[serde(rename = "ho_ten")]
    pub name: String,
    /// `ngay`: the date of the approval.
    #[serde(rename = "ngay")]
    pub date: Date,
}

/// `dang_ky` — the registration letter at the start of the year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// `ngay`: the date of the letter.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `noi_dung`: what the model or work is.
    #[serde(rename = "noi_dung")]
    pub content: String,
    /// `muc_tieu`: the targets.
    #[serde(rename = "muc_tieu")]
    pub targets: Option<Vec<String>>,
    /// `giai_phap`: the solutions.
    #[serde(rename = "giai_phap")]
    pub solutions: Vec<String>,
    /// `tien_do`: the timeline of steps.
    #[serde(rename = "tien_do")]
    pub timeline: Vec<Milestone>,
    /// `phe_duyet`: the Party committee's approval; required unless `dot_xuat`.
    #[serde(rename = "phe_duyet")]
    pub approval: Option<Approval>,
    /// `dot_xuat`: `true` for a sudden achievement, exempt from registration.
    #[serde(rename = "dot_xuat", default)]
    pub sudden: bool,
}

/// One row of the report's figures table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// `chi_tieu`: the indicator measured.
    #[serde(rename = "chi_tieu")]
    pub indicator: String,
    /// `ket_qua`: the result reached, as printed.
    #[serde(rename = "ket_qua", deserialize_with = "scalar_text")]
    pub result: String,
}

/// Who confirms a report: the Party committee or the direct head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmerKind {
    /// `cap_uy`: the Party committee confirms.
    CapUy,
    /// `thu_truong`: the direct head confirms.
    ThuTruong,
}

/// `xac_nhan` — the confirmation block of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// `cap`: who confirms.
    #[serde(rename = "cap")]
    pub kind: ConfirmerKind,
    /// `co_quan`: the confirming body's name as printed, e.g. `ĐẢNG ỦY XÃ PHƯỚC LẠI`.
    #[serde(rename = "co_quan")]
    pub body: String,
    /// `chuc_vu`: the confirmer's title.
    #[serde(rename = "chuc_vu")]
    pub title: String,
    /// `ho_ten`: the confirmer's full name.
    #[serde(rename = "ho_ten")]
    pub name: String,
    /// `ngay`: the date of the confirmation.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `y_kien`: the confirmer's opinion text.
    #[serde(rename = "y_kien")]
    pub opinion: Option<String>,
}

/// `bao_cao` — the annual achievement report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// `ngay`: the date of the report.
    #[serde(rename = "ngay")]
    pub date: Date,
    /// `dac_diem`: the situation and tasks.
    #[serde(rename = "dac_diem")]
    pub situation: String,
    /// `ket_qua`: the results against the registered targets.
    #[serde(rename = "ket_qua")]
    pub results: String,
    /// `so_lieu`: the figures, printed as a table.
    #[serde(rename = "so_lieu")]
    pub figures: Option<Vec<Figure>>,
    /// `cach_lam`: how it was done.
    #[serde(rename = "cach_lam")]
    pub method: String,
    /// `kinh_nghiem`: the lessons learnt.
    #[serde(rename = "kinh_nghiem")]
    pub lessons: String,
    /// `tac_dung`: the effect, the three interests served.
    #[serde(rename = "tac_dung")]
    pub effect: String,
    /// `lan_toa`: how it spread and was replicated.
    #[serde(rename = "lan_toa")]
    pub spread: String,
    /// `xac_nhan`: the confirmation block.
    #[serde(rename = "xac_nhan")]
    pub confirmation: Confirmation,
}
