//! The kinds of document a round produces: one closed set that owns each kind's name (what
//! `vanban build --chi` takes), its template, its place under `out/<nam>/`, its type
//! abbreviation in the register and its Vietnamese name. Everything else asks this enum
//! instead of keeping a list of strings of its own.

use std::path::PathBuf;

use crate::numbering::Abbrev;

/// A kind of document of the cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// Registration letter (bản đăng ký thi đua).
    DangKy,
    /// Annual achievement report (báo cáo thành tích).
    BaoCao,
    /// Submission before recognition (tờ trình).
    ToTrinh,
    /// Recognition decision with its list (quyết định công nhận).
    QuyetDinhCongNhan,
    /// Reward decision of a rewarding body with its list (quyết định khen thưởng).
    QuyetDinhKhenThuong,
    /// Certificate (giấy khen, bằng khen), one per recipient, and the print file.
    GiayKhen,
    /// Summary report upward (báo cáo tổng hợp).
    BaoCaoTongHop,
}

impl DocKind {
    /// Every kind, in the order of the cycle.
    pub const ALL: [DocKind; 7] = [
        DocKind::DangKy,
        DocKind::BaoCao,
        DocKind::ToTrinh,
        DocKind::QuyetDinhCongNhan,
        DocKind::QuyetDinhKhenThuong,
        DocKind::GiayKhen,
        DocKind::BaoCaoTongHop,
    ];

    /// The kind's name on the command line and in output folders: `giay-khen`.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::DangKy => "dang-ky",
            DocKind::BaoCao => "bao-cao",
            DocKind::ToTrinh => "to-trinh",
            DocKind::QuyetDinhCongNhan => "quyet-dinh-cong-nhan",
            DocKind::QuyetDinhKhenThuong => "quyet-dinh-khen-thuong",
            DocKind::GiayKhen => "giay-khen",
            DocKind::BaoCaoTongHop => "bao-cao-tong-hop",
        }
    }

    /// The template that lays the kind out.
    pub fn template(self) -> &'static str {
        match self {
            // A unit's or a person's letters share one shape, as do the decisions.
            DocKind::DangKy | DocKind::BaoCao => "thu.typ.tera",
            DocKind::ToTrinh => "to-trinh.typ.tera",
            DocKind::QuyetDinhCongNhan | DocKind::QuyetDinhKhenThuong => "quyet-dinh.typ.tera",
            DocKind::GiayKhen => "giay-khen.typ.tera",
            DocKind::BaoCaoTongHop => "bao-cao-tong-hop.typ.tera",
        }
    }

    /// What the kind is called in messages and help: `giấy khen`.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::DangKy => "bản đăng ký thi đua",
            DocKind::BaoCao => "báo cáo thành tích",
            DocKind::ToTrinh => "tờ trình đề nghị công nhận",
            DocKind::QuyetDinhCongNhan => "quyết định công nhận",
            DocKind::QuyetDinhKhenThuong => "quyết định khen thưởng",
            DocKind::GiayKhen => "giấy khen, bằng khen",
            DocKind::BaoCaoTongHop => "báo cáo tổng hợp",
        }
    }

    /// The type abbreviation of its number in the register; `None` for what takes no
    /// number (a unit's own letters).
    pub fn abbrev(self) -> Option<Abbrev> {
        match self {
            DocKind::DangKy | DocKind::BaoCao => None,
            DocKind::ToTrinh => Some(Abbrev::ToTrinh),
            DocKind::QuyetDinhCongNhan | DocKind::QuyetDinhKhenThuong => Some(Abbrev::QuyetDinh),
            DocKind::GiayKhen => Some(Abbrev::SoVang),
            DocKind::BaoCaoTongHop => Some(Abbrev::BaoCao),
        }
    }

    /// Whether one document of the kind may run to hundreds of pages: the numbered
    /// documents of a round carry the lists of every record.
    pub fn is_long(self) -> bool {
        matches!(
            self,
            DocKind::ToTrinh
                | DocKind::QuyetDinhCongNhan
                | DocKind::QuyetDinhKhenThuong
                | DocKind::BaoCaoTongHop
        )
    }

    /// Where a document of the kind is filed, relative to the output folder: `owner` is
    /// the record's `ma` for letters and reports, the rewarding body's `ma` for reward
    /// decisions; certificates are filed with [`DocKind::certificate_path`].
    pub fn path(self, year: i32, owner: &str) -> PathBuf {
        let year = PathBuf::from(year.to_string());
        match self {
            DocKind::DangKy | DocKind::BaoCao | DocKind::QuyetDinhKhenThuong => {
                year.join(self.name()).join(format!("{owner}.pdf"))
            }
            DocKind::ToTrinh => year.join("to-trinh-cong-nhan.pdf"),
            DocKind::QuyetDinhCongNhan | DocKind::BaoCaoTongHop => {
                year.join(format!("{}.pdf", self.name()))
            }
            DocKind::GiayKhen => year.join(self.name()).join(owner),
        }
    }

    /// Where the kind's files lie, so that those no longer planned can be found.
    pub fn place(self, year: i32) -> Place {
        match self {
            DocKind::DangKy | DocKind::BaoCao | DocKind::QuyetDinhKhenThuong => {
                Place::Folder(PathBuf::from(year.to_string()).join(self.name()))
            }
            DocKind::ToTrinh | DocKind::QuyetDinhCongNhan | DocKind::BaoCaoTongHop => {
                Place::File(self.path(year, ""))
            }
            DocKind::GiayKhen => Place::Bodies(PathBuf::from(year.to_string()).join(self.name())),
        }
    }

    /// A certificate of `body` for the record `ma`; `None` for the body's print file.
    pub fn certificate_path(year: i32, body: &str, ma: Option<&str>) -> PathBuf {
        let dir = DocKind::GiayKhen.path(year, body);
        dir.join(format!("{}.pdf", ma.unwrap_or(PRINT_FILE)))
    }
}

/// Where the files of a kind lie, relative to the output folder ([`DocKind::place`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// One file a year.
    File(PathBuf),
    /// A file a record or body, in this folder.
    Folder(PathBuf),
    /// A folder a rewarding body in this folder, a file a recipient in each.
    Bodies(PathBuf),
}

/// The name of a body's print file of every certificate, beside the certificates.
pub const PRINT_FILE: &str = "in-tat-ca";

/// What `--chi` takes: the kinds of [`DocKind::ALL`] by [`DocKind::name`], so the command
/// line, the output folders and the list cannot drift apart.
impl clap::ValueEnum for DocKind {
    fn value_variants<'a>() -> &'a [Self] {
        &DocKind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    /// Every kind's name reads back as that kind on the command line: no two kinds share a
    /// name, which would make `--chi` pick the first of them.
    #[test]
    fn every_name_reads_back_as_its_kind() {
        for kind in DocKind::ALL {
            assert_eq!(DocKind::from_str(kind.name(), false), Ok(kind));
        }
    }
}
