//! `vanban`: parse the command line, call the library, print, choose the exit code.
//!
//! Longer than a thin main should be: `run` is one `match` arm per subcommand (fourteen of
//! them), each a call into the library and the printing of its answer; nothing here
//! decides anything a test would need to reach.

use std::process::ExitCode;

use clap::FromArgMatches;
use clap::error::ErrorKind;
use vanban::cli::{Cli, Command, Invocation};
use vanban::console;
use vanban::fonts::FontSet;
use vanban::pipeline::{self, BuildOptions};
use vanban::validate::table;

/// Every allocation of the program, through mimalloc: typst's layout allocates and frees
/// many small objects on two worker threads, and glibc (even held to two arenas) kept
/// resident memory far above the live heap.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How freed memory goes back to the system. By default mimalloc keeps freed pages for
/// 10 ms and, on Linux, commits its arenas eagerly; a year-end run builds a dataset and a
/// plan on one thread, frees the dataset, then lays documents out on others, so resident
/// memory stayed near the sum of both. Purging after 1 ms and committing on use measured,
/// for 10,000 certificates (three runs each, alternating): 121 MB peak against 164-197 MB
/// with glibc and two arenas, 13.6-15.9 s against 14.7-19.2 s; the whole cycle of 2,000
/// people 108-110 MB against 111-120 MB, 12.0-15.0 s against 14.0-17.7 s
/// (benches/throughput.rs makes these datasets).
#[cfg(not(feature = "system-alloc"))]
extern "C" fn allocator_options() {
    // SAFETY: mimalloc's option setters, with the numbers of `mi_option_arena_eager_commit`
    // and `mi_option_purge_delay` in mimalloc v3's header (c_src/mimalloc/v3/include/
    // mimalloc.h of libmimalloc-sys, pinned in Cargo.toml for this reason).
    unsafe {
        libmimalloc_sys::mi_option_set(4, 0);
        libmimalloc_sys::mi_option_set(15, 1);
    }
}

/// On Linux the options are set before the program's first allocation, which makes the first
/// arena and fixes its commit policy: after mimalloc's own constructor (priority 101), before
/// Rust's runtime starts. Elsewhere arenas are not committed eagerly and `main` sets them.
#[cfg(all(target_os = "linux", not(feature = "system-alloc")))]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_OPTIONS: extern "C" fn() = allocator_options;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, which turns `vanban so | head` into a panic on the closed pipe.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    #[cfg(not(any(target_os = "linux", feature = "system-alloc")))]
    allocator_options();
    // Should vanban itself fail, say so in Vietnamese, name the paper it was making and
    // ask for a report, instead of Rust's English backtrace alone.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let doc = vanban::produce::making()
            .map(|p| format!(" khi tạo văn bản {}", p.display()))
            .unwrap_or_default();
        eprintln!(
            "lỗi nội bộ của vanban{doc}: đây là lỗi của chương trình, không phải của dữ liệu.\n   = gợi ý: chụp lại toàn bộ thông báo này và gửi cho người hỗ trợ vanban; các văn bản khác đã ghi vẫn dùng được"
        );
        default_hook(info);
    }));
    // A console made for this process alone: Windows started vanban by a double-click or
    // by a folder dropped on it, and closes the window the moment vanban returns.
    // With no terminal to type in, a double-click (or a folder dropped on vanban.exe)
    // opens the local page for that folder.
    let own_console = console::is_own();
    if own_console && let Some(dataset) = vanban::serve::launch::double_clicked() {
        return double_click(dataset);
    }
    let code = match vanban::cli::normalize(std::env::args_os().collect()) {
        Invocation::Nothing => {
            let _ = vanban::cli::command().print_help();
            println!();
            ExitCode::SUCCESS
        }
        Invocation::Args(args) => parse_and_run(args),
    };
    if own_console {
        console::pause();
    }
    code
}

fn parse_and_run(args: Vec<std::ffi::OsString>) -> ExitCode {
    let parsed = vanban::cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("{}", vanban::cli::explain(&e));
            return ExitCode::from(2);
        }
    };
    let say = Say {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match run(cli.command, say) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// How much to print, from `-q` / `-v`.
#[derive(Debug, Clone, Copy)]
struct Say {
    quiet: bool,
    verbose: bool,
}

fn run(command: Command, say: Say) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(args) => {
            let open = args.open;
            let opts = BuildOptions::from(args);
            let bar = Bar {
                hidden: say.quiet,
                ..Bar::default()
            };
            let outcome = pipeline::build_with(&opts, &bar)?;
            print_build(&outcome, &opts, say);
            if open {
                let target = vanban::serve::print_file(&opts.out, &outcome.written);
                vanban::serve::open_browser(&target.display().to_string());
            }
            Ok(exit(outcome.report.has_errors()))
        }
        Command::Check { data, json } => {
            let (ds, verdicts, report) = pipeline::appraise(&data.data, &[])?;
            if json {
                println!("{}", table::json(&verdicts, &report.diagnostics));
                return Ok(exit(report.has_errors()));
            }
            if !say.quiet {
                print!("{}", table::render(&verdicts));
            }
            print_diagnostics(&report, say);
            eprintln!(
                "Đã đọc {} tệp: {} cơ quan, {} đợt, {} tập thể, {} cá nhân hợp lệ; {} lỗi, {} cảnh báo.",
                ds.files.len(),
                ds.bodies.len(),
                ds.rounds.len(),
                ds.collectives.len(),
                ds.persons.len(),
                report.errors(),
                report.warnings()
            );
            Ok(exit(report.has_errors()))
        }
        Command::So { data, year, body } => {
            let rows =
                vanban::register::list(&data.data, &vanban::register::Filter { year, body })?;
            if rows.is_empty() {
                println!("Sổ văn bản chưa có văn bản nào khớp điều kiện.");
            } else {
                print!("{}", vanban::register::table(&rows));
                let issued = rows.iter().filter(|r| r.is_issued()).count();
                println!(
                    "{} dòng: {} đã ban hành, {} dự thảo.",
                    rows.len(),
                    issued,
                    rows.len() - issued
                );
            }
            let twice = vanban::register::duplicates(&rows);
            for d in &twice {
                eprintln!("lỗi: sổ văn bản có số trùng: {d}");
            }
            if !twice.is_empty() {
                eprintln!(
                    "   = gợi ý: sổ đã bị sửa tay hoặc chép đè từ bản khác; khôi phục sổ từ bản sao lưu, hoặc báo người hỗ trợ vanban trước khi ban hành thêm văn bản"
                );
            }
            Ok(exit(!twice.is_empty()))
        }
        Command::BanHanh {
            data,
            mut symbols,
            withdraw,
            year,
        } => {
            // `vanban ban-hanh 01/QĐ-UBND`: a number where the dataset folder goes, with the
            // default folder there, is a number.
            let mut dataset = data.data;
            let default = std::path::PathBuf::from(vanban::cli::DEFAULT_DATA);
            if !dataset.is_dir() && dataset != default && default.is_dir() {
                symbols.insert(0, dataset.to_string_lossy().into_owned());
                dataset = default;
            }
            let marking = vanban::register::Marking {
                year,
                symbols,
                withdraw,
            };
            let changed = vanban::register::mark(&dataset, &marking)?;
            let (done, verb) = if withdraw {
                ("trả về dự thảo", "Đã bỏ dấu ban hành của")
            } else {
                ("đã ban hành", "Đã ghi ban hành")
            };
            if changed.is_empty() {
                println!(
                    "Sổ văn bản chưa có văn bản nào đã tạo tệp để ghi {done} — chạy `vanban build` trước."
                );
                return Ok(ExitCode::SUCCESS);
            }
            println!("{verb} {} văn bản:", changed.len());
            for r in &changed {
                println!(
                    "  {}  {}  {}",
                    r.symbol,
                    r.summary,
                    r.file.as_deref().unwrap_or("")
                );
            }
            if withdraw {
                println!(
                    "Các văn bản này lại là dự thảo: lần dựng sau ghi lại theo dữ liệu, giữ nguyên số."
                );
            } else {
                println!(
                    "Từ nay vanban giữ nguyên các tệp này; giấy khen của các quyết định này in đúng danh sách đã ban hành. Xem: vanban so {}",
                    dataset.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let files = vanban::init::init(&dir)?;
            println!(
                "Đã tạo bộ dữ liệu mẫu trong {}: {}",
                dir.display(),
                files.join(", ")
            );
            println!("Chạy thử: vanban build {}", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Mo(args) => {
            vanban::serve::serve(&args.into())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Xem {
            data,
            ma,
            out,
            fonts,
        } => {
            let w = vanban::serve::export::write_previews(
                &data.data,
                &out,
                ma.as_deref(),
                fonts.policy(),
            )?;
            for (doc, why) in &w.failed {
                eprintln!("lỗi: không dàn trang được {}: {why}", doc.display());
            }
            println!(
                "Đã ghi {} ảnh xem trước vào {}.",
                w.files.len(),
                out.join("<năm>/xem").display()
            );
            Ok(exit(!w.failed.is_empty()))
        }
        Command::HieuChinh { file, fonts } => {
            let (_, engine) = vanban::mau::engine(fonts.policy());
            let pdf = vanban::serve::calibrate::pdf(&engine)
                .map_err(|e| anyhow::anyhow!("không tạo được trang canh lề: {e}"))?;
            vanban::write::atomic(&file, &pdf)?;
            println!("Đã ghi trang canh lề {}", file.display());
            println!(
                "In ở tỉ lệ 100 % (“Kích thước thật”, không chọn “Vừa trang”), đo từ mép giấy đến tâm dấu thập góc trên bên trái rồi ghi `lech_mm: {{x: 20 − x đo được, y: 20 − y đo được}}` vào mục `giay_khen` của tệp đợt thi đua."
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Mau { dir, fonts } => {
            let files = vanban::mau::write(&dir, fonts.policy())?;
            println!("Đã ghi {} văn bản mẫu vào {}:", files.len(), dir.display());
            for f in &files {
                println!("  {}", f.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::MauExcel { file } => {
            vanban::sheet::template::write(&file, true)?;
            println!("Đã ghi tệp Excel mẫu {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::ChuyenMa { files } => {
            for f in &files {
                let outcome = vanban::recode::file(f)?;
                print!("{}", vanban::recode::report(f, &outcome));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Khoa { key } => vanban::docs::khoa(key.as_deref()),
        Command::GiaiThich { code } => vanban::codes::giai_thich(code.as_deref()),
        Command::Fonts { data, fonts } => {
            let paths = vanban::paths::DatasetPaths::new(&data.data);
            let set = FontSet::load(&vanban::fonts::options_for(&paths.fonts, fonts.policy()));
            println!("Họ phông chữ dùng cho văn bản: {}", set.family());
            for c in &set.chosen {
                println!("  {:<12} ← {}", c.style, c.origin);
            }
            if !set.rejected.is_empty() {
                println!("Phông đã xét nhưng không dùng:");
                for r in &set.rejected {
                    println!("  {} ({}): {}", r.origin, r.family, r.reason);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Serves the page for a double-click; on failure the window stays open until Enter, so
/// the message can be read before Windows closes it.
fn double_click(dataset: std::path::PathBuf) -> ExitCode {
    let out = dataset
        .parent()
        .map(|p| p.join("out"))
        .unwrap_or_else(|| "out".into());
    let opts = vanban::serve::ServeOptions {
        dataset,
        out,
        port: 0,
        open: true,
        fonts: vanban::fonts::FontPolicy::WithSystem,
    };
    if let Err(e) = vanban::serve::serve(&opts) {
        eprintln!("lỗi: {e:#}");
        eprintln!("Bấm Enter để đóng cửa sổ này.");
        let _ = std::io::stdin().read_line(&mut String::new());
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// The diagnostics of a run: with `-q`, errors only; then, as rustc's `--explain` line,
/// where to read the long explanation of a code shown.
fn print_diagnostics(report: &vanban::diagnostics::Report, say: Say) {
    if say.quiet {
        let errors = vanban::diagnostics::Report {
            diagnostics: report
                .diagnostics
                .iter()
                .filter(|d| d.severity == vanban::diagnostics::Severity::Error)
                .cloned()
                .collect(),
        };
        if !errors.diagnostics.is_empty() {
            eprintln!("{}", errors.render());
        }
    } else if !report.diagnostics.is_empty() {
        eprintln!("{}", report.render());
    }
    let shown = report
        .diagnostics
        .iter()
        .filter(|d| !say.quiet || d.is_error());
    let coded: Vec<_> = shown
        .filter_map(|d| Some((d.is_error(), d.code?)))
        .collect();
    if let Some((_, code)) = coded.iter().find(|(error, _)| *error).or(coded.first()) {
        eprintln!("Giải thích chi tiết và cách sửa: vanban giai-thich {code}\n");
    }
}

/// What a build did, in a few sentences after its diagnostics.
fn print_build(outcome: &pipeline::Outcome, opts: &BuildOptions, say: Say) {
    if say.verbose {
        for f in &outcome.written {
            eprintln!("  đã ghi {}", opts.out.join(f).display());
        }
    }
    print_diagnostics(&outcome.report, say);
    eprintln!(
        "Đã ghi {} tệp PDF vào {} trong {:.1} giây; {} văn bản không tạo được; {} lỗi, {} cảnh báo.",
        outcome.written.len(),
        opts.out.display(),
        outcome.elapsed.as_secs_f64(),
        outcome.failed,
        outcome.report.errors(),
        outcome.report.warnings()
    );
    if !outcome.kept.is_empty() {
        eprintln!(
            "Giữ nguyên {} tệp của văn bản đã ban hành (không ghi lại).",
            outcome.kept.len()
        );
    }
    if !outcome.current.is_empty() {
        eprintln!(
            "Giữ nguyên {} bản đăng ký, báo cáo thành tích không đổi so với lần chạy trước.",
            outcome.current.len()
        );
    }
    if !outcome.held_back.is_empty() {
        eprintln!(
            "Chưa ghi {} văn bản có số vì dữ liệu có lỗi (xem lỗi ở trên): sửa rồi chạy lại.",
            outcome.held_back.len()
        );
    }
    if !outcome.moved.is_empty() {
        eprintln!(
            "Đã chuyển {} tệp của bản ghi không còn trong dữ liệu vào thư mục cu/:",
            outcome.moved.len()
        );
        for (from, to) in &outcome.moved {
            eprintln!("  {} → {}", from.display(), to.display());
        }
    }
    eprintln!(
        "Xét tiêu chuẩn: {} đủ tiêu chuẩn, {} chưa đủ tiêu chuẩn, {} do ngành xét chọn; chỉ bản ghi đủ tiêu chuẩn được đưa vào danh sách.",
        outcome.totals.eligible, outcome.totals.not_eligible, outcome.totals.not_assessed
    );
    if outcome.totals.not_eligible > 0 {
        eprintln!(
            "Xem lý do từng bản ghi: vanban check {}",
            opts.dataset.display()
        );
    }
}

/// A progress bar on stderr for runs of more than a few documents, in Vietnamese: the
/// kind of paper being laid out, the rate, the time spent and the time left.
#[derive(Default)]
struct Bar {
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
    hidden: bool,
}

impl pipeline::Progress for Bar {
    fn start(&self, total: usize) {
        if total > 20 && !self.hidden {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(vanban::console::progress_style());
            let _ = self.bar.set(bar);
        }
    }

    fn begin(&self, kind: vanban::doc_kind::DocKind) {
        if let Some(bar) = self.bar.get() {
            bar.set_message(vanban::console::phase(kind));
        }
    }

    fn advance(&self, n: usize) {
        if let Some(bar) = self.bar.get() {
            bar.inc(n as u64);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

fn exit(errors: bool) -> ExitCode {
    if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
