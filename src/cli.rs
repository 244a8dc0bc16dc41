//! The command line, in Vietnamese.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Args, CommandFactory, Parser, Subcommand};

use crate::doc_kind::DocKind;
use crate::fonts::FontPolicy;
use crate::pipeline::BuildOptions;

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
}

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
    /// Tạo một bộ dữ liệu mẫu nhỏ, dựng được ngay.
    Init {
        /// Thư mục sẽ tạo.
        #[arg(value_name = "THƯ_MỤC", default_value = "du-lieu-moi")]
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
    /// nước, mỗi loại một bản 1 trang và một bản 3 trang có danh sách kèm theo.
    Mau {
        /// Thư mục ghi các tệp PDF mẫu.
        #[arg(value_name = "THƯ_MỤC", default_value = "mau")]
        dir: PathBuf,
        #[command(flatten)]
        fonts: FontArg,
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
}

impl From<BuildArgs> for BuildOptions {
    fn from(a: BuildArgs) -> Self {
        let defaults = BuildOptions::new(&a.data.data, &a.out);
        BuildOptions {
            threads: a.threads.unwrap_or(defaults.threads),
            system_fonts: a.fonts.policy() == FontPolicy::WithSystem,
            only: a.only,
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
    #[arg(value_name = "DỮ_LIỆU", default_value = "data")]
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

/// clap's own headings and flags are English; these replace them.
const ROOT_TEMPLATE: &str =
    "{about}\n\nCách dùng: {usage}\n\nCác lệnh:\n{subcommands}\n\nTùy chọn:\n{options}";
const TEMPLATE: &str =
    "{about}\n\nCách dùng: {usage}\n\nĐối số:\n{positionals}\n\nTùy chọn:\n{options}";

fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("In hướng dẫn này")
}

/// The command line with Vietnamese help headings and flags, for every subcommand too.
pub fn command() -> clap::Command {
    Cli::command()
        .help_template(ROOT_TEMPLATE)
        .subcommand_value_name("LỆNH")
        .override_usage("vanban <LỆNH> [ĐỐI_SỐ]…")
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản"),
        )
        .mut_subcommand("build", |b| {
            b.mut_arg("only", |a| {
                a.help(format!(
                    "Chỉ tạo các loại văn bản này, cách nhau bằng dấu phẩy; số văn bản vẫn như khi tạo đủ bộ. Ví dụ in lại giấy khen sau khi sửa tên: --chi giay-khen. Các loại: {}",
                    crate::doc_kind::DocKind::ALL.map(|k| k.name()).join(", ")
                ))
            })
        })
        .mut_subcommands(|sub| {
            let positionals: Vec<String> = sub
                .get_positionals()
                .map(|a| {
                    format!(
                        "[{}]",
                        a.get_value_names()
                            .and_then(|v| v.first())
                            .map(|v| v.as_str())
                            .unwrap_or("")
                    )
                })
                .collect();
            let usage = format!(
                "vanban {} [TÙY_CHỌN] {}",
                sub.get_name(),
                positionals.join(" ")
            );
            sub.help_template(TEMPLATE)
                .override_usage(usage)
                .disable_help_flag(true)
                .arg(help_flag())
                .mut_args(vietnamese_default)
        })
}

/// Says an argument's default in Vietnamese instead of clap's `[default: …]`.
fn vietnamese_default(arg: Arg) -> Arg {
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let help = format!(
        "{} (mặc định: {})",
        help.trim_end_matches('.'),
        defaults.join(", ")
    );
    arg.hide_default_value(true).help(help)
}
