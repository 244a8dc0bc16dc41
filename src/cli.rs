//! The command line, in Vietnamese: the clap types here, and in `vietnamese` what makes
//! clap speak it (help headings, flags, defaults, the words of its errors).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, Parser, Subcommand};

use crate::doc_kind::DocKind;
use crate::fonts::FontPolicy;
use crate::pipeline::BuildOptions;

mod vietnamese;

pub use crate::console::duration;
pub use vietnamese::{Invocation, command, explain, normalize};

/// vanban — lập hồ sơ thi đua "Dân vận khéo" từ dữ liệu YAML thành PDF đúng thể thức
/// (Hướng dẫn 36-HD/VPTW cho văn bản của Đảng, Nghị định 30/2020/NĐ-CP cho văn bản nhà nước).
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
#[command(
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
#[allow(missing_docs)] // a `///` on a field would become clap's help text, which is Vietnamese
pub struct Cli {
    // The subcommand the user asked for.
    #[command(subcommand)]
    pub command: Command,
    /// Chỉ in lỗi và dòng tổng kết: không thanh tiến độ, không cảnh báo.
    #[arg(
        short = 'q',
        long = "im-lang",
        global = true,
        conflicts_with = "verbose"
    )]
    pub quiet: bool,
    /// In thêm từng tệp đã ghi.
    #[arg(short = 'v', long = "chi-tiet", global = true)]
    pub verbose: bool,
}

/// The dataset folder every command reads, and `vanban init` creates, unless told otherwise:
/// one name, so that `vanban init` followed by `vanban build` just works.
pub const DEFAULT_DATA: &str = "data";

// The subcommands; each variant's `///` is its Vietnamese help line.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)] // a `///` on the enum would reach clap's help text
pub enum Command {
    /// Kiểm tra dữ liệu rồi tạo toàn bộ văn bản PDF vào thư mục kết quả.
    Build(BuildArgs),
    /// Kiểm tra dữ liệu và xét tiêu chuẩn từng tập thể, cá nhân (Hướng dẫn 26-HD/BCĐ).
    ///
    /// In bảng kết quả từng tiêu chí, lý do chưa đạt và khóa cần sửa, rồi các lỗi dữ liệu.
    /// Mã thoát 0: dữ liệu không có lỗi (chưa đủ tiêu chuẩn không phải lỗi); 1: dữ liệu có
    /// lỗi; 2: lỗi cách dùng hoặc môi trường.
    Check {
        #[command(flatten)]
        data: DataArg,
        /// In kết quả dạng JSON (cho công cụ khác đọc) thay cho bảng.
        #[arg(long = "json")]
        json: bool,
    },
    /// Xem sổ đăng ký văn bản đi: mọi số đã cấp, ngày, trích yếu, người ký, tệp.
    So {
        #[command(flatten)]
        data: DataArg,
        /// Chỉ xem văn bản của đợt năm này.
        #[arg(long = "nam", value_name = "NĂM")]
        year: Option<i32>,
        /// Chỉ xem văn bản của cơ quan có mã này.
        #[arg(long = "co-quan", value_name = "MÃ")]
        body: Option<String>,
    },
    /// Ghi vào sổ văn bản là văn bản đã ký, ban hành: từ đó vanban không ghi lại tệp của
    /// nó nữa. Không ghi SỐ thì ban hành mọi văn bản có số của đợt; `--huy` trả về dự thảo.
    BanHanh {
        #[command(flatten)]
        data: DataArg,
        /// Số, ký hiệu văn bản như in trên văn bản, ví dụ 01/QĐ-UBND (có thể ghi nhiều số).
        #[arg(value_name = "SỐ")]
        symbols: Vec<String>,
        /// Bỏ dấu đã ban hành (văn bản chưa ký), để sửa rồi dựng lại.
        #[arg(long = "huy")]
        withdraw: bool,
        /// Năm của đợt (mặc định: năm mới nhất trong sổ).
        #[arg(long = "nam", value_name = "NĂM")]
        year: Option<i32>,
    },
    /// Tạo một bộ dữ liệu mẫu nhỏ, dựng được ngay.
    Init {
        /// Thư mục sẽ tạo.
        #[arg(value_name = "THƯ_MỤC", default_value = DEFAULT_DATA)]
        dir: PathBuf,
    },
    /// Cho biết phông chữ nào được dùng cho từng kiểu chữ, lấy từ đâu.
    Fonts {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        fonts: FontArg,
    },
    /// Tạo tệp Excel mẫu để lập danh sách: một trang Cá nhân, một trang Tập thể, đủ các
    /// cột, danh sách thả xuống cho các cột mã hóa và một dòng ví dụ mỗi trang.
    MauExcel {
        /// Tệp sẽ ghi.
        #[arg(value_name = "TỆP", default_value = "mau-danh-sach.xlsx")]
        file: PathBuf,
    },
    /// Mở trang xem hồ sơ trên trình duyệt: dữ liệu, lỗi, kết quả xét, xem trước từng
    /// văn bản; trang tự cập nhật khi sửa tệp dữ liệu. Bấm Ctrl+C để dừng.
    Mo(ServeArgs),
    /// Ghi ảnh xem trước (PNG) của từng trang văn bản vào <THƯ_MỤC>/<năm>/xem/, và mỗi
    /// thư mục giấy khen một ảnh in-tat-ca.png xếp mọi giấy khen cạnh nhau.
    Xem {
        #[command(flatten)]
        data: DataArg,
        /// Chỉ văn bản của tập thể, cá nhân có mã này.
        #[arg(value_name = "MÃ")]
        ma: Option<String>,
        /// Thư mục kết quả.
        #[arg(long = "out", value_name = "THƯ_MỤC", default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        fonts: FontArg,
    },
    /// Ghi trang canh lề cho giấy khen in trên phôi in sẵn: khổ giấy khen, thước mm và
    /// dấu thập ở các điểm đã biết, để đo độ lệch của máy in và ghi vào `lech_mm`.
    /// In trang này ở tỉ lệ 100 % ("Kích thước thật").
    HieuChinh {
        /// Tệp PDF sẽ ghi.
        #[arg(value_name = "TỆP", default_value = "hieu-chinh.pdf")]
        file: PathBuf,
        #[command(flatten)]
        fonts: FontArg,
    },
    /// Dựng bộ văn bản mẫu để đối chiếu thể thức: một quyết định của Đảng và một của nhà
    /// nước, mỗi loại một bản 2 trang (quyết định và danh sách kèm theo) và một bản 3 trang
    /// (căn cứ dài, nội dung sang trang 2, danh sách ở trang 3).
    Mau {
        /// Thư mục ghi các tệp PDF mẫu.
        #[arg(value_name = "THƯ_MỤC", default_value = "mau")]
        dir: PathBuf,
        #[command(flatten)]
        fonts: FontArg,
    },
    /// Chuyển tệp dữ liệu gõ bằng bảng mã cũ (TCVN3, VNI, Telex khi tắt Unikey) hoặc lưu
    /// bằng UTF-16 sang Unicode, giữ bản cũ là .bak.
    ChuyenMa {
        /// Các tệp .yaml hoặc .csv cần chuyển (tệp .xlsx thì chỉ liệt kê ô cần sửa).
        #[arg(value_name = "TỆP", required = true)]
        files: Vec<PathBuf>,
    },
    /// Xem giải thích một khóa dữ liệu (ví dụ: vanban khoa ho_ten); không ghi khóa thì
    /// liệt kê mọi khóa.
    Khoa {
        /// Tên khóa, ví dụ ho_ten, dang_ky.ngay, doi_tuong.
        #[arg(value_name = "KHÓA")]
        key: Option<String>,
    },
    /// Xem giải thích một mã lỗi, cảnh báo (ví dụ: vanban giai-thich V012): nguyên nhân, ví
    /// dụ sai và cách sửa; không ghi mã thì liệt kê mọi mã.
    GiaiThich {
        /// Mã in trong ngoặc vuông sau `lỗi` hay `cảnh báo`, ví dụ V012.
        #[arg(value_name = "MÃ")]
        code: Option<String>,
    },
}

/// The arguments of `vanban build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    // `//`, not `///`: clap would print a doc comment as the group's help.
    #[allow(missing_docs)]
    #[command(flatten)]
    pub data: DataArg,
    /// Thư mục ghi kết quả.
    #[arg(long = "out", value_name = "THƯ_MỤC", default_value = "out")]
    pub out: PathBuf,
    /// Số luồng biên dịch song song (mặc định: số nhân CPU).
    #[arg(long = "luong", value_name = "SỐ")]
    pub threads: Option<usize>,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub fonts: FontArg,
    /// Chỉ tạo các loại văn bản này.
    #[arg(
        long = "chi",
        value_name = "LOẠI",
        value_delimiter = ',',
        hide_possible_values = true
    )]
    pub only: Vec<DocKind>,
    /// Xong thì mở tệp in (hoặc thư mục kết quả) bằng chương trình mặc định của máy.
    #[arg(long = "open")]
    pub open: bool,
    /// Ghi mọi tệp PDF theo chuẩn lưu trữ PDF/A-2b (thay cho bản PDF thường, cùng tên,
    /// cùng chỗ), để nộp hồ sơ lưu trữ điện tử.
    #[arg(long = "pdfa")]
    pub pdfa: bool,
}

impl From<BuildArgs> for BuildOptions {
    fn from(a: BuildArgs) -> Self {
        let defaults = BuildOptions::new(&a.data.data, &a.out);
        BuildOptions {
            threads: a.threads.unwrap_or(defaults.threads),
            system_fonts: a.fonts.policy() == FontPolicy::WithSystem,
            only: a.only,
            pdfa: a.pdfa,
            ..defaults
        }
    }
}

/// The arguments of `vanban mo`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[allow(missing_docs)]
    #[command(flatten)]
    pub data: DataArg,
    /// Cổng trên 127.0.0.1 (mặc định: một cổng trống bất kỳ).
    #[arg(
        long = "cong",
        value_name = "SỐ",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub port: u16,
    /// Không tự mở trình duyệt, chỉ in địa chỉ trang.
    #[arg(long = "khong-mo")]
    pub no_open: bool,
    /// Thư mục ghi kết quả khi bấm “Tạo hồ sơ”.
    #[arg(long = "out", value_name = "THƯ_MỤC", default_value = "out")]
    pub out: PathBuf,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub fonts: FontArg,
}

impl From<ServeArgs> for crate::serve::ServeOptions {
    fn from(a: ServeArgs) -> Self {
        crate::serve::ServeOptions {
            dataset: a.data.data,
            out: a.out,
            port: a.port,
            open: !a.no_open,
            fonts: a.fonts.policy(),
        }
    }
}

/// The dataset folder, shared by every command that reads one.
#[derive(Debug, Clone, Args)]
pub struct DataArg {
    /// Thư mục dữ liệu (các tệp .yaml / .yml, sổ văn bản so-van-ban.sqlite3).
    #[arg(value_name = "DỮ_LIỆU", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
}

/// Whether the machine's fonts may be used, shared by every command that lays out.
#[derive(Debug, Clone, Copy, Args)]
pub struct FontArg {
    /// Không dùng phông chữ cài trong máy (chỉ dùng thư mục fonts/ của bộ dữ liệu và phông nhúng sẵn).
    #[arg(long = "khong-phong-he-thong")]
    pub no_system_fonts: bool,
}

impl FontArg {
    /// The font policy the flag asks for.
    pub fn policy(self) -> FontPolicy {
        FontPolicy::from_flag(self.no_system_fonts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(args: &[&str]) -> Invocation {
        normalize(args.iter().map(OsString::from).collect())
    }

    fn spelt(args: &[&str]) -> Invocation {
        Invocation::Args(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn shorthands_are_spelt_out() {
        assert_eq!(words(&["vanban"]), Invocation::Nothing);
        assert_eq!(words(&["vanban", "help"]), spelt(&["vanban", "--help"]));
        assert_eq!(
            words(&["vanban", "help", "build", "x"]),
            spelt(&["vanban", "build", "--help"])
        );
        let here = env!("CARGO_MANIFEST_DIR");
        assert_eq!(words(&["vanban", here]), spelt(&["vanban", "build", here]));
        // A word that is neither a command nor a path stays for clap to refuse, with its
        // suggestion.
        assert_eq!(words(&["vanban", "biuld"]), spelt(&["vanban", "biuld"]));
        assert_eq!(
            words(&["vanban", "check", here]),
            spelt(&["vanban", "check", here])
        );
    }

    fn mistake(args: &[&str]) -> String {
        let e = command().try_get_matches_from(args).unwrap_err();
        explain(&e)
    }

    #[test]
    fn usage_mistakes_are_told_in_vietnamese_with_the_suggestion() {
        let m = mistake(&["vanban", "biuld"]);
        assert!(m.starts_with("lỗi: không có lệnh `biuld`"), "{m}");
        assert!(m.contains("có phải ý bạn là `build`?"), "{m}");
        let m = mistake(&["vanban", "build", "--outt", "x"]);
        assert!(m.contains("không có tùy chọn `--outt`"), "{m}");
        assert!(m.contains("`--out`"), "{m}");
        let m = mistake(&["vanban", "build", "--out"]);
        assert!(m.contains("`--out <THƯ_MỤC>` cần một giá trị"), "{m}");
        assert!(!m.contains("giá trị dùng được"), "{m}");
        let m = mistake(&["vanban", "build", "--chi", "giay-kehn"]);
        assert!(m.contains("giá trị `giay-kehn` không dùng được"), "{m}");
        assert!(m.contains("giay-khen"), "{m}");
        for m in [m.as_str(), &mistake(&["vanban", "-q", "-v", "check"])] {
            assert!(!m.contains("error"), "{m}");
        }
    }

    #[test]
    fn durations_read_as_spoken() {
        use std::time::Duration;
        assert_eq!(duration(Duration::from_secs(88)), "1 phút 28 giây");
        assert_eq!(duration(Duration::from_secs(7)), "7 giây");
        assert_eq!(duration(Duration::from_secs(120)), "2 phút");
        assert_eq!(duration(Duration::from_secs(3720)), "1 giờ 2 phút");
    }
}
