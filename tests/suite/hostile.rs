//! Issue 14, hostile inputs: each of the inputs a probe of the release binary broke it with,
//! as a small dataset (`tests/fixtures/hostile/<case>/` laid over `_chung/`), run through
//! the real `vanban build` with a time limit. Each must end in time, without a panic, with
//! the located Vietnamese message of its snapshot (`tests/snapshots/hostile-<case>.txt`),
//! with the documents of the good records written and those of the bad one not, and with
//! a register whose every recorded SHA-256 is that of its file on disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use vanban::register::{self, Filter};

use crate::common::{copy_dir, fixture, pdf_text, snapshot, vanban_command};

/// Longer than any of these builds takes on a loaded 2-core machine; a hang passes it.
const LIMIT: Duration = Duration::from_secs(180);

/// One hostile input and what the build must do with it.
struct Case {
    /// The fixture folder and the snapshot's name.
    name: &'static str,
    /// Writes what is too big to keep as a file into the dataset.
    generate: Option<fn(&Path)>,
    /// Whether the build succeeds (the input is taken, as a Windows path is).
    ok: bool,
    /// What stderr must say, the location included.
    says: &'static [&'static str],
    /// Files under `out/` that must be written (the good records' documents).
    written: &'static [&'static str],
    /// Files under `out/` that must not be (the bad record's, or a list it would change).
    absent: &'static [&'static str],
    /// How many errors stderr reports: every mistake once, and nothing else.
    errors: usize,
    /// A written PDF, a text it must show and one it must not.
    shows: Option<(&'static str, &'static str, &'static str)>,
    /// A written PDF that must carry an image (the emblem).
    image: Option<&'static str>,
}

/// What a run left: its exit status, its stderr with the temporary folder taken out, and
/// the dataset and output folders.
struct Run {
    success: bool,
    stderr: String,
    data: PathBuf,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

fn run(case: &Case) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("du-lieu");
    let out = dir.path().join("out");
    copy_dir(&fixture("hostile/_chung"), &data);
    let own = fixture("hostile").join(case.name);
    if own.is_dir() {
        copy_dir(&own, &data);
    }
    if let Some(generate) = case.generate {
        generate(&data);
    }
    // Output to files, not pipes: a long message must not block the child on a full pipe.
    let err_path = dir.path().join("stderr.txt");
    let mut child = vanban_command()
        .args([
            "build",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--khong-phong-he-thong", "--luong", "2"])
        .stdout(Stdio::from(
            std::fs::File::create(dir.path().join("stdout.txt")).unwrap(),
        ))
        .stderr(Stdio::from(std::fs::File::create(&err_path).unwrap()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{}: vanban build still running after {} s",
                case.name,
                LIMIT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&err_path)
        .unwrap()
        .replace(&data.display().to_string(), "du-lieu")
        .replace(&out.display().to_string(), "out");
    Run {
        success: status.success(),
        stderr: stable(&stderr),
        data,
        out,
        _dir: dir,
    }
}

/// Stderr without what changes from run to run: the elapsed time.
fn stable(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| match l.find(" trong ") {
            Some(i) if l[i..].contains(" giây") => format!("{} trong … giây", &l[..i]),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file the register records is on disk with the recorded SHA-256, and no two
/// rows share a file; returns the recorded files.
fn register_matches_disk(case: &str, data: &Path, out: &Path) -> Vec<String> {
    if !data.join(register::FILE).exists() {
        return Vec::new();
    }
    let rows = register::list(data, &Filter::default()).unwrap();
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for row in rows {
        let (Some(file), Some(sha)) = (&row.file, &row.sha256) else {
            continue;
        };
        let path = out.join(file);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{case}: the register names {file}, not on disk: {e}"));
        assert_eq!(
            &register::sha256(&bytes),
            sha,
            "{case}: {file} is not the file the register recorded"
        );
        assert!(
            seen.insert(file.clone()),
            "{case}: two numbers recorded for {file}"
        );
        files.push(file.clone());
    }
    files
}

/// A `[[[…]]]` 200 KB deep, which kept libyaml busy for minutes.
fn deep_brackets(data: &Path) {
    let depth = 100_000;
    let text = format!(
        "loai: ca_nhan\nma: sau\nghi_chu: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(data.join("sau.yaml"), text).unwrap();
}

/// A body name of 100 KB, which took 74 s to lay out.
fn huge_body_name(data: &Path) {
    let path = data.join("co-quan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let name = "ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI ".repeat(3600);
    let text = text.replacen(
        "  ten: ỦY BAN NHÂN DÂN XÃ PHƯỚC LẠI\n",
        &format!("  ten: {}\n", name.trim_end()),
        1,
    );
    std::fs::write(&path, text).unwrap();
}

/// A 252-letter `ma`, whose file name passes 255 bytes.
fn long_id(data: &Path) {
    let path = data.join("ca-nhan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let id = "a".repeat(252);
    std::fs::write(
        &path,
        text.replacen("ma: tran-van-binh", &format!("ma: {id}"), 1),
    )
    .unwrap();
}

/// The registration letters of the base dataset's two persons: Bình is the one each
/// person-level input breaks, Ánh the one it must not touch.
const ANH: &str = "2025/dang-ky/nguyen-thi-anh.pdf";
const BINH: &str = "2025/dang-ky/tran-van-binh.pdf";
/// The round's first document: a round-level input stops every document of the round.
const RECOGNITION: &str = "2025/quyet-dinh-cong-nhan.pdf";

/// A case broken at the round: nothing of the round is written.
const fn round(name: &'static str, says: &'static [&'static str]) -> Case {
    Case {
        name,
        generate: None,
        ok: false,
        errors: 1,
        says,
        written: &[],
        absent: &[RECOGNITION, ANH],
        shows: None,
        image: None,
    }
}

/// A case broken at a body's emblem: that body's records go, the other's stay.
const fn emblem(name: &'static str, says: &'static [&'static str]) -> Case {
    Case {
        name,
        generate: None,
        ok: false,
        errors: 1,
        says,
        written: &[RECOGNITION],
        absent: &[],
        shows: None,
        image: None,
    }
}

/// A case broken at Bình (line 37 on): his documents go, Ánh's are written.
const fn person(name: &'static str, errors: usize, says: &'static [&'static str]) -> Case {
    Case {
        name,
        generate: None,
        ok: false,
        errors,
        says,
        written: &[ANH],
        absent: &[BINH],
        shows: None,
        image: None,
    }
}

const CASES: &[Case] = &[
    round(
        "lech-mm-1e39",
        &[
            "dot-2025.yaml:20:5 (trường: giay_khen.lech_mm.x)",
            "từ -50 đến 50 mm",
        ],
    ),
    round(
        "lech-mm-nan",
        &[
            "dot-2025.yaml:20:5 (trường: giay_khen.lech_mm.x)",
            "từ -50 đến 50 mm",
        ],
    ),
    round(
        "so-0",
        &["dot-2025.yaml:7:3 (trường: cong_nhan.so)", "từ 1 đến 9999"],
    ),
    round(
        "so-4294967295",
        &["dot-2025.yaml:7:3 (trường: cong_nhan.so)", "từ 1 đến 9999"],
    ),
    round(
        "ngay-am",
        &["dot-2025.yaml:6:", "cong_nhan.ngay", "-999-11-20"],
    ),
    Case {
        name: "bieu-trung-gach-nguoc",
        generate: None,
        ok: true,
        errors: 0,
        says: &[],
        written: &[ANH, BINH, RECOGNITION],
        absent: &[],
        shows: None,
        // The Windows path found the emblem inside the dataset, and it is printed.
        image: Some("2025/giay-khen/ubnd-xa/nguyen-thi-anh.pdf"),
    },
    emblem(
        "bieu-trung-ra-ngoai",
        &["co-quan.yaml:17:3 (trường: bieu_trung)", "../../etc/passwd"],
    ),
    emblem(
        "bieu-trung-tuyet-doi",
        &[
            "co-quan.yaml:17:3 (trường: bieu_trung)",
            "đường dẫn tuyệt đối",
        ],
    ),
    emblem(
        "bieu-trung-khong-phai-anh",
        &["co-quan.yaml:17:3 (trường: bieu_trung)"],
    ),
    Case {
        name: "ma-trung-loai",
        generate: None,
        ok: false,
        errors: 1,
        says: &[
            "ca-nhan.yaml:38:3 (trường: ma)",
            "`chi-hoi-pn-ap-3`",
            "tap-the.yaml:2",
        ],
        written: &[ANH, "2025/dang-ky/chi-hoi-pn-ap-3.pdf"],
        absent: &[],
        // The file of that `ma` is the collective's, not overwritten by the person's.
        image: None,
        shows: Some((
            "2025/dang-ky/chi-hoi-pn-ap-3.pdf",
            "Chi hội Phụ nữ ấp 3",
            "Trần Văn Bình",
        )),
    },
    person(
        "ma-in-tat-ca",
        1,
        &["ca-nhan.yaml:38:3 (trường: ma)", "`in-tat-ca`"],
    ),
    person("ma-con", 1, &["ca-nhan.yaml:38:3 (trường: ma)", "`con`"]),
    // Refused at validation, then read again by the font check: its emoji is its own, not
    // the record's above it.
    person(
        "ma-con-va-emoji",
        2,
        &["ca-nhan.yaml:38:3 (trường: ma)", "ca-nhan.yaml:39:25"],
    ),
    Case {
        generate: Some(long_id),
        ..person(
            "ma-dai",
            1,
            &["ca-nhan.yaml:38:3 (trường: ma)", "dài 252 ký tự, quá 80"],
        )
    },
    person("ten-emoji", 1, &["ca-nhan.yaml:39:25", "“🙂” (U+1F642)"]),
    person("ky-tu-dieu-khien", 1, &["ca-nhan.yaml:41:", "U+0007"]),
    person(
        "ky-tu-dieu-khien-thoat",
        1,
        &["ca-nhan.yaml:39:", "(trường: ho_ten)", "U+0007"],
    ),
    person(
        "nam-sinh-tran",
        1,
        &["ca-nhan.yaml:41:13 (trường: nam_sinh)", "số quá lớn"],
    ),
    person(
        "khoa-trung",
        1,
        &[
            "ca-nhan.yaml:43:3 (trường: don_vi)",
            "`don_vi` được viết hai lần",
        ],
    ),
    person("cu-phap-mot-ban-ghi", 1, &["ca-nhan.yaml:41:18", "dấu `:`"]),
    person(
        "bon-loi",
        4,
        &[
            "ca-nhan.yaml:41:13 (trường: nam_sinh)",
            "ca-nhan.yaml:42:3 (trường: que_quan)",
            "ca-nhan.yaml:44:14 (trường: doi_tuong)",
            "ca-nhan.yaml:37:7 (trường: don_vi)",
        ],
    ),
    Case {
        name: "ngoac-sau",
        generate: Some(deep_brackets),
        ok: false,
        errors: 1,
        says: &["sau.yaml:3:1", "lồng nhau quá sâu"],
        written: &[ANH, BINH, RECOGNITION],
        absent: &[],
        shows: None,
        image: None,
    },
    Case {
        name: "ten-co-quan-100kb",
        generate: Some(huge_body_name),
        ok: false,
        errors: 1,
        says: &[
            "co-quan.yaml:17:3 (trường: ten)",
            "dài 104399 ký tự, quá giới hạn 300 ký tự",
        ],
        // The round's rewarding body is refused, so the round makes nothing.
        written: &[],
        absent: &[RECOGNITION, ANH],
        shows: None,
        image: None,
    },
];

/// The start of the error that says which numbered documents a run held back.
const HELD_BACK: &str = "chưa ghi các văn bản có số và danh sách";

/// Documents that take a number or list records: held back while any record is refused.
const NUMBERED: [&str; 4] = [
    "2025/quyet-dinh",
    "2025/giay-khen/",
    "2025/to-trinh",
    "2025/bao-cao-tong-hop",
];

#[test]
fn every_hostile_input_is_located_and_bounded() {
    let mut failures = Vec::new();
    for case in CASES {
        let started = Instant::now();
        let r = run(case);
        println!(
            "{}: {:.1} s, exit {}",
            case.name,
            started.elapsed().as_secs_f64(),
            if r.success { "0" } else { "≠ 0" }
        );
        let err = &r.stderr;
        for bad in ["panicked", "RUST_BACKTRACE", "thread '"] {
            assert!(!err.contains(bad), "{}: a panic:\n{err}", case.name);
        }
        assert_eq!(r.success, case.ok, "{}: exit status\n{err}", case.name);
        for s in case.says {
            if !err.contains(s) {
                failures.push(format!("{}: stderr lacks {s:?}:\n{err}", case.name));
            }
        }
        // A record refused holds back every numbered list (issue 13: a failed record never
        // reshapes a list); that summary is a consequence of the mistake, not one more.
        let held = err.contains(HELD_BACK);
        assert!(
            !held || !case.ok,
            "{}: held back on a good run\n{err}",
            case.name
        );
        let errors = err
            .lines()
            .filter(|l| l.starts_with("lỗi") && !l.contains(HELD_BACK))
            .count();
        if errors != case.errors {
            failures.push(format!(
                "{}: {errors} errors, not {}:\n{err}",
                case.name, case.errors
            ));
        }
        if let Some((file, shown, hidden)) = case.shows {
            let text = pdf_text(&r.out.join(file));
            if !text.contains(shown) || text.contains(hidden) {
                failures.push(format!("{}: {file} reads {text}", case.name));
            }
        }
        if let Some(file) = case.image {
            let list = std::process::Command::new("pdfimages")
                .arg("-list")
                .arg(r.out.join(file))
                .output()
                .expect("pdfimages (poppler-utils) is installed");
            let images = String::from_utf8_lossy(&list.stdout)
                .lines()
                .filter(|l| l.contains(" image "))
                .count();
            if images == 0 {
                failures.push(format!("{}: {file} has no image", case.name));
            }
        }
        for f in case.written {
            let numbered = NUMBERED.iter().any(|n| f.starts_with(n));
            if held && numbered {
                if r.out.join(f).exists() {
                    failures.push(format!("{}: {f} was written, not held back", case.name));
                }
            } else if !r.out.join(f).is_file() {
                failures.push(format!("{}: {f} was not written\n{err}", case.name));
            }
        }
        for f in case.absent {
            if r.out.join(f).exists() {
                failures.push(format!("{}: {f} was written", case.name));
            }
        }
        let recorded = register_matches_disk(case.name, &r.data, &r.out);
        // Numbered documents were written, so the register has their rows to compare.
        if !held && case.written.contains(&RECOGNITION) && recorded.is_empty() {
            failures.push(format!("{}: the register records no file", case.name));
        }
        // The bad record's documents are nowhere in the register either.
        for f in case.absent {
            assert!(
                !recorded.iter().any(|r| r == f),
                "{}: the register records {f}",
                case.name
            );
        }
        snapshot(
            &format!("hostile-{}.txt", case.name),
            &format!("stderr of vanban build on {}", case.name),
            err,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A font whose glyphs are damaged (its `glyf` table overwritten) once passed `vanban
/// fonts` and then failed every document. Now `vanban fonts` refuses it with the reason,
/// and a build names the file in a warning and prints in the embedded family instead.
#[test]
fn a_damaged_font_is_refused_with_the_reason_and_named_by_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("du-lieu");
    copy_dir(&fixture("hostile/_chung"), &data);
    let fonts = data.join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for style in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let name = format!("LiberationSerif-{style}.ttf");
        let mut bytes =
            std::fs::read(crate::common::root().join("templates/fonts").join(&name)).unwrap();
        if style == "Regular" {
            // The table directory: the number of tables at 4, then 16-byte records.
            let tables = u16::from_be_bytes([bytes[4], bytes[5]]) as usize;
            let record = (0..tables)
                .map(|i| 12 + 16 * i)
                .find(|&r| &bytes[r..r + 4] == b"glyf")
                .unwrap();
            let at = |o: usize| u32::from_be_bytes(bytes[o..o + 4].try_into().unwrap()) as usize;
            let (offset, length) = (at(record + 8), at(record + 12));
            bytes[offset..offset + length].fill(0xFF);
        }
        std::fs::write(fonts.join(name), bytes).unwrap();
    }
    let listed =
        crate::common::vanban(&["fonts", data.to_str().unwrap(), "--khong-phong-he-thong"]);
    let said = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.status.success());
    assert!(
        said.contains("fonts/LiberationSerif-Regular.ttf (Liberation Serif): tệp phông bị hỏng: hình chữ “À” (U+00C0) không đọc được"),
        "{said}"
    );
    assert!(
        said.contains("thường       ← nhúng sẵn trong vanban"),
        "{said}"
    );

    let out = dir.path().join("out");
    let built = crate::common::vanban(&[
        "build",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--khong-phong-he-thong",
    ]);
    let err = String::from_utf8(built.stderr).unwrap();
    assert!(built.status.success(), "{err}");
    assert!(
        err.contains("cảnh báo[V001]: không dùng phông Liberation Serif: tệp phông bị hỏng")
            && err.contains("--> fonts/LiberationSerif-Regular.ttf"),
        "{err}"
    );
    assert!(pdf_text(&out.join(ANH)).contains("Nguyễn Thị Ánh"));
}
