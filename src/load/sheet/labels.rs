//! The vocabulary of a spreadsheet: column labels, the type of every key a column may
//! fill, and the Vietnamese labels of coded values.
//!
//! Everything is compared after [`fold`], so `Ho va ten`, `HỌ VÀ TÊN ` and `Họ và tên`
//! are one label: staff retype headers without diacritics as often as with.

use unicode_normalization::UnicodeNormalization;

/// Which kind of record a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A sheet of people (`loai: ca_nhan`).
    Person,
    /// A sheet of collectives (`loai: tap_the`).
    Collective,
}

impl Kind {
    /// The `loai` its records have.
    pub fn loai(self) -> &'static str {
        match self {
            Kind::Person => "ca_nhan",
            Kind::Collective => "tap_the",
        }
    }

    /// The key holding the name, whose cell a record-level diagnostic points at.
    pub fn name_key(self) -> &'static str {
        match self {
            Kind::Person => "ho_ten",
            Kind::Collective => "ten",
        }
    }

    /// The key that tells two records of the same name apart.
    pub fn unit_key(self) -> &'static str {
        match self {
            Kind::Person => "don_vi",
            Kind::Collective => "dia_chi",
        }
    }

    /// The column labels of this kind's sheet and the key each fills (`None`: not read).
    pub fn labels(self) -> &'static [(&'static str, Option<&'static str>)] {
        match self {
            Kind::Person => PERSON_LABELS,
            Kind::Collective => COLLECTIVE_LABELS,
        }
    }

    fn keys(self) -> &'static [(&'static str, Ty)] {
        match self {
            Kind::Person => PERSON_KEYS,
            Kind::Collective => COLLECTIVE_KEYS,
        }
    }

    /// The type of a key path this kind accepts as a column, `None` if it accepts none.
    pub fn key_type(self, path: &str) -> Option<Ty> {
        self.keys()
            .iter()
            .chain(COMMON_KEYS)
            .find(|(k, _)| *k == path)
            .map(|(_, t)| *t)
    }

    /// Every key path usable as a column label, for "did you mean".
    pub fn key_paths(self) -> impl Iterator<Item = &'static str> {
        self.keys().iter().chain(COMMON_KEYS).map(|(k, _)| *k)
    }

    /// The columns of the template: every label (one per key), then every key path of
    /// the registration and the report, which a record needs to be eligible.
    pub fn template_columns(self) -> Vec<(&'static str, Option<&'static str>)> {
        let mut out: Vec<(&str, Option<&str>)> = Vec::new();
        for (label, key) in self.labels() {
            if key.is_none() || !out.iter().any(|(_, k)| k == key) {
                out.push((label, *key));
            }
        }
        out.extend(
            COMMON_KEYS
                .iter()
                .filter(|(k, _)| k.starts_with("dang_ky.") || k.starts_with("bao_cao."))
                .map(|(k, _)| (*k, Some(*k))),
        );
        out
    }

    /// The key a header label stands for: `Some(None)` for a column that is ignored (STT),
    /// `None` for a label that is neither a known label nor a key path.
    pub fn column_key(self, label: &str) -> Option<Option<String>> {
        let folded = fold(label);
        if let Some((_, key)) = self.labels().iter().find(|(l, _)| fold(l) == folded) {
            return Some(key.map(str::to_owned));
        }
        let path = label.trim();
        self.key_type(path).map(|_| Some(path.to_owned()))
    }
}

/// The header label that marks the header row of each kind.
pub(super) const NAME_LABELS: [(&str, Kind); 2] = [
    ("Họ và tên", Kind::Person),
    ("Tên tập thể", Kind::Collective),
];

/// How a cell becomes a YAML value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Text, line breaks kept.
    Text,
    /// A text list: one item per line.
    List,
    /// Text or a list of lines (`quyen_han`).
    Lines,
    Int,
    Bool,
    Date,
    /// `tien_do`: one `thời gian: công việc` per line.
    Steps,
    /// `so_lieu`: one `chỉ tiêu: kết quả` per line.
    Figures,
    /// A coded value given by its label or its code.
    Code(&'static [(&'static str, &'static str)]),
    /// `danh_hieu`: one title, of the round's year.
    Title,
    /// `khen_thuong.co_quan`: a body's `ma` or `ten`.
    Body,
}

pub(super) const SEX: &[(&str, &str)] = &[("nam", "Nam"), ("nu", "Nữ")];

pub(super) const PERSON_KIND: &[(&str, &str)] = &[
    ("can_bo_cong_chuc", "Cán bộ, công chức"),
    ("vien_chuc", "Viên chức"),
    ("luc_luong_vu_trang", "Lực lượng vũ trang"),
    ("dang_vien", "Đảng viên"),
    ("doan_vien_hoi_vien", "Đoàn viên, hội viên"),
    ("cong_nhan_lao_dong", "Công nhân, lao động"),
    ("chuc_sac_ton_giao", "Chức sắc tôn giáo"),
    ("nhan_dan", "Nhân dân"),
];

pub(super) const FIELD: &[(&str, &str)] = &[
    ("kinh_te", "Kinh tế"),
    ("van_hoa_xa_hoi", "Văn hóa - xã hội"),
    ("an_ninh_quoc_phong", "An ninh - quốc phòng"),
    ("xay_dung_he_thong_chinh_tri", "Xây dựng hệ thống chính trị"),
];

pub(super) const TITLE: &[(&str, &str)] = &[
    ("lao_dong_tien_tien", "Lao động tiên tiến"),
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở"),
    ("chien_si_thi_dua_cap_tinh", "Chiến sĩ thi đua cấp tỉnh"),
    ("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc"),
];

pub(super) const CONFIRMER: &[(&str, &str)] = &[("cap_uy", "Cấp ủy"), ("thu_truong", "Thủ trưởng")];
const REGIME: &[(&str, &str)] = &[("dang", "Đảng"), ("nha_nuoc", "Nhà nước")];
/// Yes/no cells: `x` is how a ticked box is typed.
pub(super) const YES: [&str; 5] = ["x", "co", "true", "dung", "1"];
pub(super) const NO: [&str; 4] = ["khong", "false", "sai", "0"];

const PERSON_LABELS: &[(&str, Option<&str>)] = &[
    ("STT", None),
    ("Mã", Some("ma")),
    ("Họ và tên", Some("ho_ten")),
    ("Giới tính", Some("gioi_tinh")),
    ("Năm sinh", Some("nam_sinh")),
    ("Chức vụ", Some("chuc_vu")),
    ("Đơn vị", Some("don_vi")),
    ("Đơn vị công tác", Some("don_vi")),
    ("Đối tượng", Some("doi_tuong")),
    ("Danh hiệu", Some("danh_hieu")),
    ("Mô hình", Some("mo_hinh")),
    ("Cấp ủy", Some("cap_uy")),
    ("Khen thưởng", Some("khen_thuong.co_quan")),
    ("Lý do khen", Some("khen_thuong.ly_do")),
];

const COLLECTIVE_LABELS: &[(&str, Option<&str>)] = &[
    ("STT", None),
    ("Mã", Some("ma")),
    ("Tên tập thể", Some("ten")),
    ("Địa chỉ", Some("dia_chi")),
    ("Lĩnh vực", Some("linh_vuc")),
    ("Mô hình", Some("mo_hinh")),
    ("Cấp ủy", Some("cap_uy")),
    ("Khen thưởng", Some("khen_thuong.co_quan")),
    ("Lý do khen", Some("khen_thuong.ly_do")),
];

const COMMON_KEYS: &[(&str, Ty)] = &[
    ("ma", Ty::Text),
    ("mo_hinh", Ty::Text),
    ("cap_uy", Ty::Text),
    ("khen_thuong.co_quan", Ty::Body),
    ("khen_thuong.ly_do", Ty::Text),
    ("dang_ky.ngay", Ty::Date),
    ("dang_ky.noi_dung", Ty::Text),
    ("dang_ky.muc_tieu", Ty::List),
    ("dang_ky.giai_phap", Ty::List),
    ("dang_ky.tien_do", Ty::Steps),
    ("dang_ky.phe_duyet.cap_uy", Ty::Text),
    ("dang_ky.phe_duyet.chuc_vu", Ty::Text),
    ("dang_ky.phe_duyet.ho_ten", Ty::Text),
    ("dang_ky.phe_duyet.ngay", Ty::Date),
    ("dang_ky.dot_xuat", Ty::Bool),
    ("bao_cao.ngay", Ty::Date),
    ("bao_cao.dac_diem", Ty::Text),
    ("bao_cao.ket_qua", Ty::Text),
    ("bao_cao.so_lieu", Ty::Figures),
    ("bao_cao.cach_lam", Ty::Text),
    ("bao_cao.kinh_nghiem", Ty::Text),
    ("bao_cao.tac_dung", Ty::Text),
    ("bao_cao.lan_toa", Ty::Text),
    ("bao_cao.xac_nhan.cap", Ty::Code(CONFIRMER)),
    ("bao_cao.xac_nhan.co_quan", Ty::Text),
    ("bao_cao.xac_nhan.chuc_vu", Ty::Text),
    ("bao_cao.xac_nhan.ho_ten", Ty::Text),
    ("bao_cao.xac_nhan.ngay", Ty::Date),
    ("bao_cao.xac_nhan.y_kien", Ty::Text),
];

const PERSON_KEYS: &[(&str, Ty)] = &[
    ("ho_ten", Ty::Text),
    ("gioi_tinh", Ty::Code(SEX)),
    ("nam_sinh", Ty::Int),
    ("chuc_vu", Ty::Text),
    ("danh_xung", Ty::Text),
    ("don_vi", Ty::Text),
    ("doi_tuong", Ty::Code(PERSON_KIND)),
    ("danh_hieu", Ty::Title),
    ("danh_xung", Ty::Text),
    ("xet_chon_nganh", Ty::Bool),
];

const COLLECTIVE_KEYS: &[(&str, Ty)] = &[
    ("ten", Ty::Text),
    ("dia_chi", Ty::Text),
    ("linh_vuc", Ty::Code(FIELD)),
    ("tieu_de.he", Ty::Code(REGIME)),
    ("tieu_de.co_quan_cap_tren", Ty::Text),
    ("tieu_de.ten", Ty::Text),
    ("nguoi_dai_dien.quyen_han", Ty::Lines),
    ("nguoi_dai_dien.chuc_vu", Ty::Text),
    ("nguoi_dai_dien.ho_ten", Ty::Text),
];

/// Lowercase ASCII with single spaces: diacritics dropped, `đ` → `d`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end().to_owned()
}

/// The code a coded cell stands for: its label or the code itself, compared folded.
pub(super) fn code_of(table: &[(&'static str, &'static str)], value: &str) -> Option<&'static str> {
    let v = fold(value);
    let alias = fold(&v.replace('_', " "));
    table
        .iter()
        .find(|(code, label)| fold(label) == v || fold(&code.replace('_', " ")) == alias)
        .map(|(code, _)| *code)
        .or_else(|| (v == fold("Công nhân, người lao động")).then_some("cong_nhan_lao_dong"))
        .filter(|c| table.iter().any(|(code, _)| code == c))
}

const FORM: &[(&str, &str)] = &[("giay_khen", "Giấy khen"), ("bang_khen", "Bằng khen")];

/// The coded values of a YAML record written as staff say them — the label the check
/// table prints (`Đoàn viên, hội viên`), or the code without its underscores or with
/// diacritics (`nữ`, `Kinh tế`) — replaced by their code, in place. `parent` is the key
/// holding `v` (`danh_hieu` for the items of that list).
pub(crate) fn codes_in(v: &mut serde_norway::Value, parent: &str) {
    use serde_norway::Value;
    match v {
        Value::Mapping(m) => {
            for (k, item) in m.iter_mut() {
                let Some(k) = k.as_str() else { continue };
                let table = match (parent, k) {
                    (_, "gioi_tinh") => Some(SEX),
                    (_, "doi_tuong") => Some(PERSON_KIND),
                    (_, "linh_vuc") => Some(FIELD),
                    ("danh_hieu", "ten") => Some(TITLE),
                    ("xac_nhan", "cap") => Some(CONFIRMER),
                    (_, "he") => Some(REGIME),
                    (_, "hinh_thuc") => Some(FORM),
                    _ => None,
                };
                match (table, &mut *item) {
                    (Some(t), Value::String(s)) => {
                        if let Some(code) = code_of(t, s) {
                            *s = code.to_owned();
                        }
                    }
                    _ => codes_in(item, k),
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| codes_in(i, parent)),
        _ => {}
    }
}

/// `Nguyễn Thị Ánh` → `nguyen-thi-anh`: the derived `ma` of a row.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_spaces_and_diacritics() {
        assert_eq!(fold("  HỌ VÀ  Tên "), "ho va ten");
        assert_eq!(fold("Đơn vị công tác"), "don vi cong tac");
        assert_eq!(fold("Cấp uỷ"), fold("Cấp ủy"));
    }

    #[test]
    fn slugs_names() {
        assert_eq!(slug("Nguyễn Thị Ánh"), "nguyen-thi-anh");
        assert_eq!(slug("Đặng Văn Đức, ấp 3"), "dang-van-duc-ap-3");
    }

    #[test]
    fn codes_from_labels_or_codes() {
        assert_eq!(
            code_of(PERSON_KIND, "can bo, cong chuc"),
            Some("can_bo_cong_chuc")
        );
        assert_eq!(code_of(PERSON_KIND, "nhan_dan"), Some("nhan_dan"));
        assert_eq!(code_of(SEX, "NỮ"), Some("nu"));
        assert_eq!(code_of(SEX, "Nũ"), Some("nu"));
        assert_eq!(code_of(FIELD, "Văn hoá - xã hội"), Some("van_hoa_xa_hoi"));
        assert_eq!(code_of(SEX, "khác"), None);
    }
}
