//! `loai: tap_the` and `loai: ca_nhan`: the collectives and people a round assesses, with
//! their registration letters and achievement reports. One room of ~440 lines: the
//! contract's sections on tập thể and cá nhân, one type per key, in its order.

use serde::Deserialize;

use super::*;

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
