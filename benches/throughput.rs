//! Year-end throughput benchmark (issue 7): `cargo bench --bench throughput`.
//!
//! Generates synthetic datasets of N certificates (realistic Vietnamese names and units,
//! several rewarding bodies), runs the real `vanban build` binary on each, and prints
//! documents per second, wall time and peak RSS (medians of 3 runs): once for the
//! certificates alone (`--chi giay-khen`: N certificate PDFs and the print files, what a
//! year-end reprint does) and once for the whole cycle (every rewarded person also has a
//! registration letter and a report, so ≈ 3N PDFs); then the same for the example dataset
//! and the time until its first PDF is on disk.
//!
//! Absolute times move with the machine and what else runs on it, so every run also
//! measures a **reference** in the same process: the certificates of `data/`, rendered once
//! and compiled one after another, one document at a time on one thread, through the same
//! World, PDF writer and cache policy (what a tool that loops over typst would do). The ratio of
//! vanban's PDFs/s to the reference's is the figure to compare across runs and machines.
//! Where python3 has typst's binding (`pip install typst`), a second reference is the one
//! issue 16 was written against: typst's own reused compiler on one certificate, same run.
//!
//! Every run writes into a fresh folder, and all of them are deleted only when the benchmark
//! ends (about 7 GB at the default sizes): on an ext4 without a journal, as on the machine
//! this was measured on, creating files within minutes of deleting thousands scans the
//! freed inodes (`recently_deleted`: 60 s, 300 s while their table is not yet written
//! back), which cost the whole cycle of 2,000 people a third more time (7.0 s into a fresh
//! folder, 9.3-10.2 s right after deleting the previous run's output, even after `sync` and
//! 6 s). That measured the file system's policy, not vanban; on such a disk, leave five
//! minutes after deleting many files (or a previous benchmark) before running it.
//!
//! Sizes: `VANBAN_BENCH_N=2000,10000` (default); `VANBAN_BENCH_GEN=<dir>` writes the
//! dataset only. Threads: `VANBAN_BENCH_THREADS` (default: all cores). This is a
//! measurement, not a test: CI does not run it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô",
];
const MIDDLE: [&str; 12] = [
    "Văn",
    "Thị",
    "Hữu",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quốc",
    "Thị Kim",
    "Văn Hoàng",
    "Đức",
    "Thùy",
    "Xuân",
];
const GIVEN: [&str; 20] = [
    "An", "Ánh", "Bửu", "Cường", "Dũng", "Duyên", "Đào", "Hằng", "Hiếu", "Khoa", "Liêm", "Lộc",
    "Mỹ", "Nguyệt", "Oanh", "Phúc", "Quyến", "Sáng", "Thủy", "Ửng",
];
const UNITS: [&str; 6] = [
    "Hội Liên hiệp Phụ nữ xã",
    "Ban Chỉ huy Quân sự xã",
    "Trạm Y tế xã",
    "Trường Tiểu học",
    "Hội Nông dân xã",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
];
const COMMUNES: [&str; 3] = ["Cần Giuộc", "Phước Lý", "Mỹ Lộc"];

fn main() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_vanban"));
    let sizes: Vec<usize> = std::env::var("VANBAN_BENCH_N")
        .unwrap_or_else(|_| "2000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let threads = std::env::var("VANBAN_BENCH_THREADS").ok();
    // `VANBAN_BENCH_GEN=<dir>` only writes the synthetic dataset of the first size, to look at it.
    if let Ok(dir) = std::env::var("VANBAN_BENCH_GEN") {
        std::fs::create_dir_all(&dir).unwrap();
        generate(Path::new(&dir), sizes.first().copied().unwrap_or(100));
        return;
    }
    println!("vanban benchmark — {} ({} lõi)", bin.display(), num_cores());
    let outputs = tempfile::tempdir().unwrap();
    let outputs = outputs.path();
    let certificate = tempfile::tempdir().unwrap();
    let reference = reference_rate(Duration::from_secs(5), certificate.path());
    println!(
        "tham chiếu: các giấy khen của data/ biên dịch từng văn bản một, một luồng: {reference:.0} PDF/giây"
    );
    let typst_py = python_reference(certificate.path(), Duration::from_secs(5));
    match typst_py {
        Some(rate) => println!(
            "tham chiếu typst-py: các giấy khen đó qua trình biên dịch dùng lại của typst (Python), không gắn thẻ: {rate:.0} PDF/giây"
        ),
        None => println!(
            "tham chiếu typst-py: không có (cần python3 và `pip install typst`); cột × typst-py để trống"
        ),
    }
    println!(
        "{:>8} {:>14} {:>10} {:>10} {:>10} {:>12} {:>12} {:>10}",
        "N", "văn bản", "tệp PDF", "giây", "PDF/giây", "RSS đỉnh MB", "× tham chiếu", "× typst-py"
    );
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), n);
        for (label, only) in [("giấy khen", Some("giay-khen")), ("đủ bộ", None)] {
            let runs: Vec<Run> = (0..3)
                .map(|_| run(&bin, dir.path(), threads.as_deref(), only, outputs))
                .collect();
            report(&n.to_string(), label, &runs, reference, typst_py);
        }
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let runs: Vec<Run> = (0..3)
        .map(|_| run(&bin, &data, threads.as_deref(), None, outputs))
        .collect();
    report("data/", "đủ bộ", &runs, reference, typst_py);
    let first = median((0..3).map(|_| first_pdf(&bin, &data)).collect());
    println!(
        "data/: tệp PDF đầu tiên có trên đĩa sau {:.0} ms",
        first.as_secs_f64() * 1000.0
    );
}

struct Run {
    files: usize,
    wall: Duration,
    peak_kb: i64,
}

fn report(label: &str, kind: &str, runs: &[Run], reference: f64, typst_py: Option<f64>) {
    let wall = median(runs.iter().map(|r| r.wall).collect());
    let mut peaks: Vec<i64> = runs.iter().map(|r| r.peak_kb).collect();
    peaks.sort();
    let files = runs[0].files;
    let rate = files as f64 / wall.as_secs_f64();
    let py = typst_py.map_or(String::new(), |r| format!("{:.2}", rate / r));
    println!(
        "{:>8} {:>14} {:>10} {:>10.2} {:>10.0} {:>12.1} {:>12.2} {:>10}",
        label,
        kind,
        files,
        wall.as_secs_f64(),
        rate,
        peaks[peaks.len() / 2] as f64 / 1024.0,
        rate / reference,
        py
    );
}

/// PDFs per second of the reference: the certificates of `data/`, each rendered to Typst
/// once, then laid out and written as a PDF one after another, round and round, for
/// `span`, on this thread, with the cache policy of vanban's workers (`evict(3)` after
/// each document: the shared layout library stays warm, a certificate's own layout does
/// not survive until its next turn). Compiling the same source again would only measure
/// typst's memo cache.
fn reference_rate(span: Duration, keep: &Path) -> f64 {
    use vanban::fonts::{FontPolicy, FontSet};
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let fonts = FontSet::load(&vanban::fonts::options_for(
        &data.join("fonts"),
        FontPolicy::DatasetOnly,
    ));
    let (ds, verdicts, _) = vanban::pipeline::appraise_with(&data, &[], &fonts).unwrap();
    let (assets, emblems) = vanban::emblems::load(&ds).unwrap();
    let plan = vanban::plan::plan(
        &ds,
        &verdicts,
        &mut vanban::numbering::Fresh::default(),
        &emblems,
        &[vanban::doc_kind::DocKind::GiayKhen],
    );
    let templates = vanban::render::Templates::load(None).unwrap();
    let family = fonts.family().to_owned();
    let sources: Vec<(String, vanban::plan::Job)> = plan
        .jobs
        .iter()
        .filter(|j| j.kind == vanban::doc_kind::DocKind::GiayKhen)
        .flat_map(|chunk| (0..chunk.pages.len()).map(|i| chunk.page(i)))
        .map(|job| {
            let mut context = job.values.context();
            context.insert("font", &family);
            (templates.render(job.template(), &context).unwrap(), job)
        })
        .collect();
    assert!(sources.len() > 3, "data/ has certificates to cycle through");
    // The certificates as a folder typst itself can compile, for the second reference.
    for (i, (source, _)) in sources.iter().enumerate() {
        std::fs::write(keep.join(format!("giay-khen-{i}.typ")), source).unwrap();
    }
    for (vpath, text) in &templates.lib {
        let path = keep.join(vpath.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    for (vpath, bytes) in &assets {
        let path = keep.join(vpath.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let engine = vanban::world::Engine::new(fonts, &templates.lib, assets);
    // Untagged, as vanban writes certificates.
    let writing = vanban::compile::Writing {
        tagged: false,
        ..Default::default()
    };
    let start = Instant::now();
    let mut made = 0usize;
    for (source, job) in sources.iter().cycle() {
        if start.elapsed() >= span && made >= sources.len() {
            break;
        }
        let doc = vanban::compile::layout(
            &engine,
            source.clone(),
            job.date,
            templates.template_ref(job.template()),
        )
        .unwrap();
        let pdf = vanban::compile::pdf_with(&doc, "tham-chieu", job.date, writing).unwrap();
        std::hint::black_box(pdf);
        typst::comemo::evict(3);
        made += 1;
    }
    made as f64 / start.elapsed().as_secs_f64()
}

/// PDFs per second of the reference issue 16 was written against: typst's Python binding
/// (`pip install typst`), one `Compiler` reused, compiling data/'s certificates (written to
/// `dir` by [`reference_rate`], with their library files, in vanban's embedded fonts) one
/// after another for `span`, untagged as vanban writes certificates. Round and round, as
/// the first reference: compiling one unchanged source again only returns typst's memoised
/// result (≈ 930/s here), and a fresh `typst.compile` per certificate reloads the fonts each
/// time (≈ 190/s). `None` without python3 or the binding: vanban needs neither.
fn python_reference(dir: &Path, span: Duration) -> Option<f64> {
    const SCRIPT: &str = r#"
import glob, sys, time, typst
root, fonts, span = sys.argv[1], sys.argv[2], float(sys.argv[3])
files = sorted(glob.glob(root + "/giay-khen-*.typ"))
c = typst.Compiler(files[0], root=root, font_paths=[fonts], ignore_system_fonts=True)
for f in files:
    c.compile(input=f, format="pdf", pdf_tags=False)
n, start = 0, time.perf_counter()
while time.perf_counter() - start < span or n < len(files):
    c.compile(input=files[n % len(files)], format="pdf", pdf_tags=False)
    n += 1
print(n / (time.perf_counter() - start))
"#;
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fonts");
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(dir)
        .arg(fonts)
        .arg(span.as_secs_f64().to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn num_cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Runs one build into a fresh output folder under `outputs` (kept until the benchmark
/// ends), measuring wall time and the child's peak RSS.
fn run(bin: &Path, data: &Path, threads: Option<&str>, only: Option<&str>, outputs: &Path) -> Run {
    let out = tempfile::tempdir_in(outputs).unwrap().keep();
    let mut cmd = Command::new(bin);
    cmd.arg("build")
        .arg(data)
        .arg("--out")
        .arg(&out)
        .arg("--khong-phong-he-thong");
    if let Some(t) = threads {
        cmd.args(["--luong", t]);
    }
    if let Some(kinds) = only {
        cmd.args(["--chi", kinds]);
    }
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let start = Instant::now();
    // Reaped by wait4 below, which also gives the child's peak RSS.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("vanban starts");
    let (status, peak_kb) = wait_with_rusage(child.id() as libc::pid_t);
    let wall = start.elapsed();
    assert!(status >= 0, "vanban was killed");
    let files = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    Run {
        files,
        wall,
        peak_kb,
    }
}

/// The time from spawn until the first PDF appears in the output folder.
fn first_pdf(bin: &Path, data: &Path) -> Duration {
    let out = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut child = Command::new(bin)
        .arg("build")
        .arg(data)
        .arg("--out")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let found = loop {
        let any = walkdir::WalkDir::new(out.path())
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "pdf"));
        if any {
            break start.elapsed();
        }
        if let Ok(Some(_)) = child.try_wait() {
            break start.elapsed();
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let _ = child.wait();
    found
}

fn wait_with_rusage(pid: libc::pid_t) -> (i32, i64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers; the Child handle is not waited again.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    (status, usage.ru_maxrss)
}

/// The registration and confirmed report every synthetic individual carries, so each one
/// meets the criteria of the guidance and is rewarded.
const RECORD: &str = concat!(
    "  dang_ky:\n",
    "    ngay: 2025-02-10\n",
    "    noi_dung: Tham gia mô hình tự quản của ấp\n",
    "    giai_phap: [Vận động bà con cùng tham gia]\n",
    "    tien_do:\n",
    "      - thoi_gian: Tháng 2 - 11/2025\n",
    "        cong_viec: Thực hiện mô hình\n",
    "    phe_duyet:\n",
    "      cap_uy: Chi bộ ấp\n",
    "      chuc_vu: Bí thư\n",
    "      ho_ten: Lê Văn Tám\n",
    "      ngay: 2025-02-15\n",
    "  bao_cao:\n",
    "    ngay: 2025-10-20\n",
    "    dac_diem: Địa bàn đông dân cư\n",
    "    ket_qua: Hoàn thành các chỉ tiêu đã đăng ký\n",
    "    cach_lam: Gần dân, lắng nghe dân\n",
    "    kinh_nghiem: Cấp ủy lãnh đạo sát sao\n",
    "    tac_dung: Hài hòa ba lợi ích\n",
    "    lan_toa: Được các ấp khác học tập\n",
    "    xac_nhan:\n",
    "      cap: cap_uy\n",
    "      co_quan: CHI BỘ ẤP\n",
    "      chuc_vu: BÍ THƯ\n",
    "      ho_ten: Lê Văn Tám\n",
    "      ngay: 2025-10-25\n",
);

/// Writes a dataset of `n` eligible individuals spread over three rewarding bodies.
fn generate(dir: &Path, n: usize) {
    let mut bodies = String::new();
    let mut rewards = String::new();
    for (i, commune) in COMMUNES.iter().enumerate() {
        bodies.push_str(&format!(
            "- loai: co_quan\n  ma: ubnd-{i}\n  he: nha_nuoc\n  ten: ỦY BAN NHÂN DÂN XÃ {}\n  ten_viet_tat: UBND\n  dia_danh: {commune}\n  nguoi_ky:\n    quyen_han: KT. CHỦ TỊCH\n    chuc_vu: PHÓ CHỦ TỊCH\n    ho_ten: Trần Thị Thu Hà\n",
            commune.to_uppercase()
        ));
        rewards.push_str(&format!(
            "  - co_quan: ubnd-{i}\n    hinh_thuc: giay_khen\n    ngay: 2025-12-05\n"
        ));
    }
    bodies.push_str("- loai: co_quan\n  ma: bcd\n  he: dang\n  co_quan_cap_tren: ĐẢNG ỦY XÃ CẦN GIUỘC\n  ten: BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ\n  ten_viet_tat: BCĐ\n  dia_danh: Cần Giuộc\n  nguoi_ky:\n    chuc_vu: TRƯỞNG BAN\n    ho_ten: Nguyễn Văn Hùng\n");
    std::fs::write(dir.join("co-quan.yaml"), bodies).unwrap();
    std::fs::write(
        dir.join("dot.yaml"),
        format!("loai: dot\nphong_trao: Dân vận khéo\nnam: 2025\ncong_nhan:\n  co_quan: bcd\n  ngay: 2025-11-20\nkhen_thuong:\n{rewards}"),
    )
    .unwrap();
    let mut file = String::new();
    for k in 0..n {
        let name = format!(
            "{} {} {}",
            FAMILY[k % FAMILY.len()],
            MIDDLE[(k / 3) % MIDDLE.len()],
            GIVEN[(k / 7) % GIVEN.len()]
        );
        let unit = UNITS[k % UNITS.len()];
        let commune = COMMUNES[k % COMMUNES.len()];
        file.push_str(&format!(
            "- loai: ca_nhan\n  ma: cn-{k:05}\n  ho_ten: {name}\n  gioi_tinh: {}\n  chuc_vu: Hội viên\n  don_vi: {unit} {commune}\n  doi_tuong: nhan_dan\n{RECORD}  khen_thuong:\n    co_quan: ubnd-{}\n",
            if k % 2 == 0 { "nam" } else { "nu" },
            k % COMMUNES.len(),
            RECORD = RECORD,
        ));
        if file.len() > 1 << 20 {
            std::fs::write(dir.join(format!("ca-nhan-{k:05}.yaml")), &file).unwrap();
            file.clear();
        }
    }
    std::fs::write(dir.join("ca-nhan-cuoi.yaml"), &file).unwrap();
}
