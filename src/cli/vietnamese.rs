//! clap in Vietnamese: its help headings and flags replaced, defaults and errors said in
//! Vietnamese, the shorthands a newcomer reaches for (`vanban help`, a folder dropped on
//! `vanban.exe`) spelt out, and durations as a progress line says them.

use super::*;

/// clap's own headings and flags are English; these replace them.
pub(super) const ROOT_TEMPLATE: &str =
    "{about}\n\nCách dùng: {usage}\n\nCác lệnh:\n{subcommands}\n\nTùy chọn:\n{options}";
pub(super) const TEMPLATE: &str =
    "{about}\n\nCách dùng: {usage}\n\nĐối số:\n{positionals}\n\nTùy chọn:\n{options}";

pub(super) fn help_flag() -> Arg {
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
pub(super) fn vietnamese_default(arg: Arg) -> Arg {
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

/// What the words on the command line ask for, before clap reads them.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// No words at all: a newcomer who typed `vanban`, or a double-click.
    Nothing,
    /// Words for clap, with `vanban help [LỆNH]` and `vanban <THƯ_MỤC>` spelt out.
    Args(Vec<OsString>),
}

/// Spells out the two shorthands a newcomer reaches for: `vanban help [LỆNH]` (clap's own
/// `help` subcommand is off, since it would print English), and `vanban <THƯ_MỤC>` — what
/// Windows runs when a folder is dropped on `vanban.exe` — as `vanban build <THƯ_MỤC>`.
pub fn normalize(mut args: Vec<OsString>) -> Invocation {
    let Some(first) = args.get(1).map(|a| a.to_string_lossy().into_owned()) else {
        return Invocation::Nothing;
    };
    if first == "help" {
        let topic: Vec<OsString> = args.drain(1..).skip(1).take(1).collect();
        args.extend(topic);
        args.push("--help".into());
        return Invocation::Args(args);
    }
    let known = command().get_subcommands().any(|c| c.get_name() == first);
    if !known && !first.starts_with('-') && Path::new(&args[1]).exists() {
        args.insert(1, "build".into());
    }
    Invocation::Args(args)
}

/// A usage mistake, in Vietnamese: what was wrong, clap's suggestion if it has one, and
/// where to read more. clap's own message is English and is kept only when no case below
/// knows the kind of mistake.
pub fn explain(e: &clap::Error) -> String {
    let one = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let all = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = one(ContextKind::InvalidArg).unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh `{}`",
            one(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("không có tùy chọn `{arg}`")
        }
        ErrorKind::UnknownArgument => {
            format!("không hiểu `{arg}`: lệnh này không nhận thêm đối số")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("`{arg}` cần một giá trị ngay sau nó")
        }
        ErrorKind::InvalidValue => format!("giá trị `{value}` không dùng được cho `{arg}`"),
        ErrorKind::ValueValidation => format!("giá trị `{value}` không dùng được cho `{arg}`"),
        ErrorKind::ArgumentConflict => format!(
            "`{arg}` không dùng cùng `{}`",
            one(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu {}", all(ContextKind::InvalidArg).join(", "))
        }
        ErrorKind::MissingSubcommand => "thiếu tên lệnh".to_owned(),
        _ => {
            let detail = e.to_string();
            let first = detail
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            format!("câu lệnh không hợp lệ ({first})")
        }
    };
    let mut out = format!("lỗi: {what}\n");
    let valid = all(ContextKind::ValidValue);
    if !valid.is_empty() {
        let _ = writeln!(out, "   = giá trị dùng được: {}", valid.join(", "));
    }
    let suggested: Vec<String> = all(ContextKind::SuggestedSubcommand)
        .into_iter()
        .chain(all(ContextKind::SuggestedArg))
        .chain(all(ContextKind::SuggestedValue))
        .collect();
    if !suggested.is_empty() {
        let _ = writeln!(out, "   = có phải ý bạn là `{}`?", suggested.join("`, `"));
    }
    let _ = writeln!(
        out,
        "   = gợi ý: xem cách dùng bằng `vanban help` hoặc `vanban help <LỆNH>`"
    );
    out
}
