//! A bounded mutation fuzz of everything before layout: the sample dataset's files are
//! mutated in ways office files break (stray `:` and quotes, tabs, cut lines, duplicated
//! keys, huge and non-finite numbers, emoji, control characters, deep brackets), then
//! loaded, validated, assessed and planned (every tenth also built). Nothing may panic;
//! every run must end. The
//! seed is fixed so a failure reproduces; `VANBAN_FUZZ_RUNS` runs longer by hand and
//! `VANBAN_FUZZ_SECONDS` bounds the wall-clock time (60 s by default, so a slow machine
//! shared with other builds stops early rather than time the whole suite out). The counts
//! are printed with the test's output, passing or not.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

/// What office files break with, spliced in at random places.
const PIECES: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\"",
    "'",
    "\t",
    "\n",
    "#",
    "[",
    "{",
    "]",
    "}",
    "&a",
    "*a",
    "!!str ",
    "1e39",
    ".nan",
    "-999-11-20",
    "4294967295",
    "99999999999999999999999",
    "0",
    "🙂",
    "\u{7}",
    "\u{202e}",
    "\u{feff}",
    "NguyÔn ThÞ ¸nh",
    "con",
    "in-tat-ca",
    "../../etc/passwd",
    "~",
    "null",
    "---\n",
    "...\n",
    "loai: ca_nhan\n",
    "  ",
    "%YAML 1.2\n",
];

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `text`, at a character boundary.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let i = rng.below(bounds.len());
    let at = bounds[i];
    let to = bounds[(i + rng.below(40)).min(bounds.len() - 1)];
    match rng.below(5) {
        0 => format!(
            "{}{}{}",
            &text[..at],
            PIECES[rng.below(PIECES.len())],
            &text[at..]
        ),
        1 => format!("{}{}", &text[..at], &text[to..]),
        2 => {
            let lines: Vec<&str> = text.lines().collect();
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines.get(i).copied().unwrap_or(""));
            out.join("\n")
        }
        3 => format!(
            "{}{}{}",
            &text[..at],
            "[".repeat(rng.below(60)),
            &text[at..]
        ),
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            let mut out = lines.clone();
            out.swap(a, b);
            out.join("\n")
        }
    }
}

/// Whether the data had errors.
fn appraise_and_plan(dir: &Path) -> bool {
    let fonts = crate::fonts::FontSet::load(&crate::fonts::options_for(
        &dir.join("fonts"),
        crate::fonts::FontPolicy::DatasetOnly,
    ));
    match crate::pipeline::appraise_with(dir, &[], &fonts) {
        Ok((ds, verdicts, report)) => {
            // Every diagnostic renders, wherever it points.
            let _ = report.render();
            let _ = crate::plan::plan(
                &ds,
                &verdicts,
                &mut crate::numbering::Fresh::default(),
                &HashMap::new(),
                &[],
            );
            report.has_errors()
        }
        Err(_) => true,
    }
}

#[test]
fn mutated_datasets_never_panic() {
    let runs: usize = std::env::var("VANBAN_FUZZ_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let budget = std::time::Duration::from_secs(
        std::env::var("VANBAN_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60),
    );
    let started = std::time::Instant::now();
    let sample = tempfile::tempdir().unwrap();
    crate::init::init(sample.path()).unwrap();
    let files: Vec<(String, String)> = std::fs::read_dir(sample.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    let mut rng = Rng(0x5eed_2026_1202);
    let mut with_errors = 0;
    let (mut done, mut built) = (0, 0);
    let written = std::sync::atomic::AtomicUsize::new(0);
    for run in 0..runs {
        // The first full build always runs, so a short budget still reaches layout.
        if run > 0 && started.elapsed() > budget {
            break;
        }
        let dir = tempfile::tempdir().unwrap();
        // Every tenth run goes on through layout and the register, where krilla once
        // panicked on an offset of 1e39; it mutates one file once, so documents are made.
        let full = run % 10 == 0;
        let target = rng.below(files.len());
        for (i, (name, text)) in files.iter().enumerate() {
            let mut text = text.clone();
            let times = match (full, i == target) {
                (true, true) => 1,
                (true, false) => 0,
                (false, _) => 1 + rng.below(3),
            };
            for _ in 0..times {
                text = mutate(&text, &mut rng);
            }
            std::fs::write(dir.path().join(name), &text).unwrap();
        }
        match std::panic::catch_unwind(|| {
            if full {
                let mut opts =
                    crate::pipeline::BuildOptions::new(dir.path(), dir.path().join("out"));
                opts.system_fonts = false;
                opts.threads = 1;
                let built = crate::pipeline::build(&opts);
                if let Ok(o) = &built {
                    written.fetch_add(o.written.len(), std::sync::atomic::Ordering::Relaxed);
                }
                built.map_or(true, |o| o.report.has_errors())
            } else {
                appraise_and_plan(dir.path())
            }
        }) {
            Ok(errors) => {
                with_errors += usize::from(errors);
                done += 1;
                built += usize::from(full);
            }
            Err(_) => {
                let kept = dir.keep();
                panic!(
                    "run {run} panicked; the dataset is kept in {}",
                    kept.display()
                );
            }
        }
    }
    // The mutations do break the data: a fuzz that only made valid files would prove little.
    let written = written.into_inner();
    // Written past the test harness's capture, so the counts show on a passing run too.
    let _ = writeln!(
        std::io::stderr(),
        "fuzz: {done} mutated datasets in {:.0} s, {with_errors} with errors, 0 panics, {built} built through layout, {written} PDFs written",
        started.elapsed().as_secs_f64()
    );
    assert!(
        with_errors * 4 >= done,
        "{with_errors} of {done} runs had errors"
    );
    assert!(built == 0 || written > 0, "the built runs made documents");
}
