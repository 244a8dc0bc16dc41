//! `vanban mo`: the real binary serving a copy of `data/` on a loopback port, asked over
//! plain TCP (and once through headless Chromium), every server killed by its guard.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common;

/// A running `vanban mo` on a copy of `data/`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        Server::start_with(|_| {})
    }

    /// Serves a copy of `data/` that `edit` changed first.
    fn start_with(edit: impl FnOnce(&Path)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(&common::root().join("data"), &dir.path().join("data"));
        edit(&dir.path().join("data"));
        let mut child = common::vanban_command()
            .arg("mo")
            .arg(dir.path().join("data"))
            .args([
                "--cong",
                "0",
                "--khong-mo",
                "--khong-phong-he-thong",
                "--out",
            ])
            .arg(dir.path().join("out"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the vanban binary runs");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            dir,
        };
        // The first state is computed before the URL is printed: a minute is generous.
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("vanban mo prints its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        assert!(line.contains("đang chạy tại"), "{line}");
        server.port = url
            .trim_start_matches("http://127.0.0.1:")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        server
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, "", "")
    }

    fn post(&self, path: &str, body: &str) -> Reply {
        self.request(
            "POST",
            path,
            "Content-Type: application/x-www-form-urlencoded\r\n",
            body,
        )
    }

    /// One request on a fresh connection, sent byte for byte as written (no client
    /// normalises the path first), the answer read to its end.
    fn request(&self, method: &str, path: &str, headers: &str, body: &str) -> Reply {
        self.raw(&format!(
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        ))
    }

    /// Presses "Tạo hồ sơ" with `token` and follows the progress page to the result.
    fn build(&self, token: &str) -> String {
        let started = self.post("/tao-ho-so", &format!("token={token}"));
        assert_eq!(started.status, 303);
        assert!(
            started.head.contains("Location: /tao-ho-so/tien-do"),
            "{}",
            started.head
        );
        // The build runs on its own thread; the page follows it (bounded: two minutes).
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let page = self.get("/tao-ho-so/tien-do");
            let text = page.text();
            if text.contains("Đã ghi") {
                assert_eq!(page.status, 200);
                return text;
            }
            assert!(text.contains("Đang"), "{text}");
            assert!(Instant::now() < deadline, "the build did not end");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn raw(&self, request: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP answer has headers");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let body = bytes[split + 4..].to_vec();
        Reply { status, head, body }
    }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the page is UTF-8")
    }
}

/// The first `attr="…"` value after `marker` in `html`, entity `&amp;` undone.
fn attr_after(html: &str, marker: &str, attr: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[at..];
    let start = rest.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
    let end = rest[start..].find('"').unwrap();
    rest[start..start + end].replace("&amp;", "&")
}

/// The table row of record `ma`, tags and all.
fn row<'a>(html: &'a str, ma: &str) -> &'a str {
    let at = html
        .find(&format!("data-ma=\"{ma}\""))
        .unwrap_or_else(|| panic!("no row for {ma}"));
    let end = html[at..].find("</tr>").unwrap();
    &html[at..at + end]
}

/// Width and height from a PNG's IHDR, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes(b.try_into().unwrap());
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// The page lists the check table's verdicts, the diagnostics' places (a YAML line and a
/// spreadsheet cell), and a selected certificate's page as a PNG of a landscape A4.
#[test]
fn the_page_shows_verdicts_places_and_previews() {
    let server = Server::start();
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("text/html"), "{}", page.head);
    let html = page.text();
    assert!(html.contains("Kết quả xét tiêu chuẩn"), "{html}");
    let late = row(&html, "hop-tac-xa-muoi-cau-an");
    assert!(late.contains("Chưa đủ tiêu chuẩn"), "{late}");
    assert!(row(&html, "mttq-ap-tan-phu").contains("Đủ tiêu chuẩn"));
    // The reason points at the line of the late registration date.
    assert!(
        html.contains("Đăng ký đúng hạn: đăng ký ngày 02/04/2025, sau hạn 31/03/2025"),
        "{html}"
    );
    assert!(html.contains("tap-the/hop-tac-xa-muoi-cau-an.yaml:17"));
    assert!(html.contains("ca-nhan/danh-sach-2.xlsx › Cá nhân › "));
    // The diagnostics, each at its place: a warning on the body's line in co-quan.yaml.
    let diags = &html[html.find("id=\"loi\"").unwrap()..html.find("id=\"xet\"").unwrap()];
    assert!(diags.contains("0 lỗi, 7 cảnh báo"), "{diags}");
    assert!(
        diags.contains("<code class=\"noi\">co-quan.yaml:52</code>"),
        "{diags}"
    );
    assert!(diags.contains("Quốc huy"), "{diags}");
    // A giấy khen, chosen from the list of documents, with its neighbours.
    let link = attr_after(&html, "href=\"/?van-ban=2025/giay-khen/", "href");
    let chosen = server.get(link.split('#').next().unwrap()).text();
    assert!(chosen.contains("Xem trước"), "{chosen}");
    assert!(chosen.contains("Văn bản sau"), "{chosen}");
    let src = attr_after(&chosen, "<img class=\"trang\"", "src");
    let png = server.get(&src);
    assert_eq!(png.status, 200, "{}", String::from_utf8_lossy(&png.body));
    assert!(png.head.contains("image/png"));
    let (w, h) = png_size(&png.body);
    // A4 landscape at 2 pixels per point: 1684 × 1191.
    assert!(
        (1600..1800).contains(&w) && (1100..1300).contains(&h),
        "{w}×{h}"
    );
    assert!(png.body.len() > 20_000, "{} bytes", png.body.len());
    // Past the last page, and an unknown document (no file is read from disk by name).
    assert_eq!(server.get(&src.replace("trang=0", "trang=99")).status, 404);
    assert_eq!(
        server.get("/xem?van-ban=../../etc/passwd&trang=0").status,
        404
    );
}

/// Each diagnostic shows its code, linked to the long explanation the binary carries
/// (what `vanban giai-thich` prints); a path that names no code is a 404, and nothing is
/// read from disk by name.
#[test]
fn diagnostics_show_their_code_and_its_explanation() {
    let server = Server::start_with(|data| {
        let file = data.join("tap-the/hop-tac-xa-muoi-cau-an.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("ngay: 2025-04-02"));
        std::fs::write(&file, text.replace("ngay: 2025-04-02", "ngay: 2025-02-30")).unwrap();
    });
    let html = server.get("/").text();
    let diags = &html[html.find("id=\"loi\"").unwrap()..html.find("id=\"xet\"").unwrap()];
    // The impossible date: an error with its code, at its line.
    let date = diags
        .split("<li class=\"")
        .find(|li| li.contains("2025-02-30"))
        .unwrap_or_else(|| panic!("no diagnostic for the date in {diags}"));
    assert!(date.starts_with("loi\"><b>lỗi</b>"), "{date}");
    assert!(
        date.contains("<a class=\"ma-loi\" href=\"/giai-thich/V013\""),
        "{date}"
    );
    assert!(
        date.contains(">V013<span class=\"hoi\">?</span></a>"),
        "{date}"
    );
    assert!(
        date.contains("tap-the/hop-tac-xa-muoi-cau-an.yaml:17"),
        "{date}"
    );
    // data/'s own warnings carry theirs too: the missing national emblem.
    assert!(diags.contains("href=\"/giai-thich/V030\""), "{diags}");
    // The explanation, as its page and as the fragment the script opens in place.
    let run = common::vanban(&["giai-thich", "V013"]);
    assert!(run.status.success());
    let cli = String::from_utf8(run.stdout).unwrap();
    let page = server.get("/giai-thich/V013");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("text/html"), "{}", page.head);
    let page = page.text();
    assert!(
        page.contains("<h2>V013: ngày không có thật hoặc viết sai dạng</h2>"),
        "{page}"
    );
    assert!(page.contains("← Về trang chính"), "{page}");
    let fragment = server.get("/giai-thich/V013?manh=1").text();
    assert!(
        fragment.starts_with("<article class=\"giai-thich\""),
        "{fragment}"
    );
    assert!(!fragment.contains("<html"), "{fragment}");
    // The same words as the command line's: every line of an example verbatim, every
    // line of prose without a code span (wrapped lines are joined into paragraphs).
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    let mut in_example = false;
    let mut compared = 0;
    for line in cli.lines() {
        if line.starts_with("```") {
            in_example = !in_example;
            continue;
        }
        let plain = !line.starts_with("## ") && !line.contains('`') && !line.trim().is_empty();
        let line = if in_example { line } else { line.trim() };
        if in_example || plain {
            for html in [&page, &fragment] {
                assert!(html.contains(&escape(line)), "{line:?} in {html}");
            }
            compared += 1;
        }
    }
    assert!(cli.contains("  ngay: 31/02/2025"), "{cli}");
    assert!(compared >= 5, "{cli}");
    // Nothing else: an unknown code, a path out, a file name.
    for path in [
        "/giai-thich/V099",
        "/giai-thich/../../etc/passwd",
        "/giai-thich/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/giai-thich/..%2fco-quan.yaml",
        "/giai-thich/V013/../../co-quan.yaml",
        "/giai-thich/giai-thich.md",
        "/giai-thich/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        let body = r.text();
        assert!(body.contains("Không có mã lỗi này"), "{path}: {body}");
        assert!(
            !body.contains("root:") && !body.contains("loai: co_quan"),
            "{path}"
        );
    }
}

/// Nothing outside the output folder is served, whatever the path's disguise; building
/// needs a POST with the page's token; other sites' Host headers are refused.
#[test]
fn files_leave_only_the_output_folder_and_building_needs_the_token() {
    let server = Server::start();
    let secret = std::fs::read_to_string(server.data().join("co-quan.yaml")).unwrap();
    let secret_line = secret
        .lines()
        .find(|l| l.contains("ten"))
        .unwrap()
        .to_owned();
    for path in [
        "/ket-qua/../data/co-quan.yaml",
        "/ket-qua/%2e%2e/data/co-quan.yaml",
        "/ket-qua/%2E%2E%2Fdata%2Fco-quan.yaml",
        "/ket-qua/2025%2f..%2f..%2fdata%2fco-quan.yaml",
        "/ket-qua/..%5cdata%5cco-quan.yaml",
        "/ket-qua//etc/passwd",
        "/ket-qua/%2fetc%2fpasswd",
        "/../data/co-quan.yaml",
        "/data/co-quan.yaml",
        "/etc/passwd",
    ] {
        let r = server.get(path);
        assert!(matches!(r.status, 403 | 404), "{path}: {}", r.status);
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains(&secret_line) && !body.contains("root:"),
            "{path}"
        );
    }
    assert_eq!(server.get("/ket-qua/%2e%2e/data/co-quan.yaml").status, 403);
    // Building: not by GET, not without the token, not with another one.
    assert_eq!(server.get("/tao-ho-so").status, 405);
    assert_eq!(server.post("/tao-ho-so", "").status, 403);
    assert_eq!(server.post("/tao-ho-so", "token=00000000").status, 403);
    let forged = server.raw(&format!(
        "GET / HTTP/1.0\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(forged.status, 403);
    assert!(!server.dir.path().join("out").exists(), "nothing was built");
    assert_eq!(server.get("/tao-ho-so/tien-do").status, 404);
    let html = server.get("/").text();
    let token = attr_after(&html, "name=\"token\"", "value");
    assert_eq!(token.len(), 32);
    let built = server.build(&token);
    assert!(built.contains("0 văn bản không tạo được"), "{built}");
    let pdf = attr_after(&built, "href=\"/ket-qua/2025/giay-khen/", "href");
    let file = server.get(&pdf);
    assert_eq!(file.status, 200, "{pdf}");
    assert!(file.body.starts_with(b"%PDF"), "{pdf}");
    // Built again, nothing changed: the letters are left as they were, and the page says so.
    let again = server.build(&token);
    assert!(
        again.contains("Giữ nguyên") && again.contains("báo cáo thành tích không đổi"),
        "{again}"
    );
    // A second server's token is not this one's.
    let other = Server::start();
    let other_token = attr_after(&other.get("/").text(), "name=\"token\"", "value");
    assert_ne!(other_token, token);
    assert_eq!(
        server
            .post("/tao-ho-so", &format!("token={other_token}"))
            .status,
        403
    );
}

/// Editing a YAML file of the dataset changes the page's verdict without a restart. How
/// long it takes is printed, not asserted (speed is measured, never a timed test: on a
/// loaded machine it only makes the suite flaky); 0.6–0.9 s was measured on `data/`.
#[test]
fn an_edit_shows_its_new_verdict() {
    let server = Server::start();
    let before: u64 = server.get("/api/phien-ban").text().trim().parse().unwrap();
    assert!(row(&server.get("/").text(), "hop-tac-xa-muoi-cau-an").contains("Chưa đủ"));
    let file = server.data().join("tap-the/hop-tac-xa-muoi-cau-an.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("ngay: 2025-04-02"));
    let edited = Instant::now();
    std::fs::write(&file, text.replace("ngay: 2025-04-02", "ngay: 2025-03-20")).unwrap();
    let deadline = edited + Duration::from_secs(20);
    let took = loop {
        // What the page's script does: poll the generation every 300 ms (trang.js), reload
        // once it moves; so the time measured is the time a user waits.
        let g: u64 = server.get("/api/phien-ban").text().trim().parse().unwrap();
        if g > before {
            let html = server.get("/").text();
            let r = row(&html, "hop-tac-xa-muoi-cau-an");
            if r.contains("Đủ tiêu chuẩn") && !r.contains("Chưa đủ") {
                break edited.elapsed();
            }
        }
        assert!(
            Instant::now() < deadline,
            "no new verdict 20 s after the edit"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    eprintln!(
        "new verdict on the page {} ms after the edit",
        took.as_millis()
    );
}

/// The "Ban hành" button needs a POST with the page's token, and records every numbered
/// document of the round as issued in the register: `vanban so` and the page say so.
#[test]
fn the_issue_button_marks_the_documents_issued_in_the_register() {
    let server = Server::start();
    let html = server.get("/").text();
    let token = attr_after(&html, "name=\"token\"", "value");
    // Before any build there is no register and nothing to issue.
    assert!(html.contains("Chưa có sổ văn bản"), "{html}");
    assert!(!html.contains("action=\"/ban-hanh\""), "{html}");
    assert_eq!(
        server.post("/ban-hanh", &format!("token={token}")).status,
        409
    );
    server.build(&token);
    let html = server.get("/").text();
    let issue = &html[html.find("id=\"ban-hanh\"").unwrap()..];
    let issue = &issue[..issue.find("</section>").unwrap()];
    assert!(issue.contains("Đợt năm 2025"), "{issue}");
    assert!(issue.contains("action=\"/ban-hanh\""), "{issue}");
    assert!(!html.contains("đã ban hành</span>"), "{html}");
    // A decision in the list of documents shows its number as a draft.
    let list = &html[html.find("id=\"van-ban\"").unwrap()..];
    assert!(list.contains("— dự thảo</span>"), "{list}");
    let so = |data: &Path| {
        let run = common::vanban(&["so", data.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8(run.stdout).unwrap()
    };
    let register = so(&server.data());
    assert!(register.contains("0 đã ban hành,"), "{register}");
    assert!(!register.contains("  đã ban hành  "), "{register}");
    // Not by GET, not without the token, not with another one: the register is untouched.
    assert_eq!(server.get("/ban-hanh").status, 405);
    assert_eq!(server.post("/ban-hanh", "").status, 403);
    assert_eq!(server.post("/ban-hanh", "token=00000000").status, 403);
    assert_eq!(so(&server.data()), register);
    let done = server.post("/ban-hanh", &format!("token={token}"));
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.text();
    assert!(done.contains("Đã ban hành"), "{done}");
    // Every line of the register is issued now: the decisions and their certificates.
    let register = so(&server.data());
    assert!(register.contains("  đã ban hành  "), "{register}");
    assert!(register.contains(", 0 dự thảo."), "{register}");
    assert!(!register.contains("  dự thảo  "), "{register}");
    // The symbols the answer lists are the register's.
    let first = done
        .split("<li><b>")
        .nth(1)
        .and_then(|l| l.split("</b>").next())
        .expect("the answer lists what it issued");
    assert!(register.contains(first), "{first} in {register}");
    let html = server.get("/").text();
    assert!(html.contains("— đã ban hành</span>"), "{html}");
    assert!(!html.contains("— dự thảo</span>"), "{html}");
    assert!(html.contains("đều đã ban hành"), "{html}");
}

/// Chromium, where installed (CI installs Debian's), runs the page's script: the check
/// table is there and the preview image loaded.
#[test]
fn a_real_browser_shows_the_table_and_loads_a_preview() {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
    else {
        eprintln!("chromium không có trên máy: bỏ qua phép thử bằng trình duyệt thật");
        return;
    };
    let server = Server::start();
    let html = server.get("/").text();
    let link = attr_after(&html, "href=\"/?van-ban=2025/giay-khen/", "href");
    let url = server.url(link.split('#').next().unwrap());
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", &url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        let _ = tx.send(dom);
    });
    let dom = rx.recv_timeout(Duration::from_secs(90));
    let _ = child.kill();
    let _ = child.wait();
    let dom = dom.expect("chromium dumps the page within 90 s");
    assert!(dom.contains("class=\"ban-ghi"), "{dom}");
    assert!(dom.contains("Chưa đủ tiêu chuẩn"), "{dom}");
    let img = dom
        .find("<img class=\"trang\"")
        .map(|i| &dom[i..i + dom[i..].find('>').unwrap()])
        .expect("a preview image");
    assert!(img.contains("data-da-tai=\"1\""), "not loaded: {img}");
}

/// The calibration sheet is offered beside `lech_mm`, says to print at 100 %, and is a
/// giấy khen-sized page (A4 landscape) both from the page and from the command line.
#[test]
fn the_calibration_sheet_is_a_landscape_a4_with_its_advice() {
    let server = Server::start();
    assert!(server.get("/").text().contains("href=\"/hieu-chinh\""));
    let page = server.get("/hieu-chinh").text();
    assert!(page.contains("Kích thước thật"), "{page}");
    assert!(page.contains("Đợt năm 2025"), "{page}");
    let pdf = server.get("/hieu-chinh.pdf");
    assert_eq!(pdf.status, 200);
    let dir = tempfile::tempdir().unwrap();
    let served = dir.path().join("trang.pdf");
    std::fs::write(&served, &pdf.body).unwrap();
    let cli = dir.path().join("cli.pdf");
    let run = common::vanban(&[
        "hieu-chinh",
        cli.to_str().unwrap(),
        "--khong-phong-he-thong",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for file in [&served, &cli] {
        let info = std::process::Command::new("pdfinfo")
            .arg(file)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        assert!(info.contains("841.89 x 595.276 pts"), "{info}");
        let text = common::pdf_text(file);
        assert!(text.contains("Kích thước thật"), "{text}");
        assert!(text.contains("x = 277 mm, y = 190 mm"), "{text}");
    }
    let (w, h) = png_size(&server.get("/hieu-chinh.png").body);
    assert!(w > h, "{w}×{h}");
}

/// `vanban xem` writes the page's previews as files: a record's papers, each page a PNG
/// under `out/<nam>/xem/`, and its certificate folder's contact sheet; an unknown `ma`
/// is refused with the fix.
#[test]
fn vanban_xem_writes_a_records_previews_and_a_contact_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::copy_dir(&common::root().join("data"), &data);
    let out = dir.path().join("out");
    let run = |ma: &str| {
        common::vanban(&[
            "xem",
            data.to_str().unwrap(),
            ma,
            "--out",
            out.to_str().unwrap(),
            "--khong-phong-he-thong",
        ])
    };
    let done = run("mttq-ap-tan-phu");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let xem = out.join("2025/xem");
    let cert = std::fs::read(xem.join("giay-khen/ubnd-xa/mttq-ap-tan-phu.png")).unwrap();
    let (w, h) = png_size(&cert);
    assert!(
        (1600..1800).contains(&w) && (1100..1300).contains(&h),
        "{w}×{h}"
    );
    // A paper of several pages numbers them.
    assert!(xem.join("dang-ky/mttq-ap-tan-phu-1.png").exists());
    assert!(xem.join("dang-ky/mttq-ap-tan-phu-2.png").exists());
    // One certificate: a sheet of one thumbnail, far smaller than the page itself.
    let sheet = std::fs::read(xem.join("giay-khen/ubnd-xa/in-tat-ca.png")).unwrap();
    let (sw, sh) = png_size(&sheet);
    assert!(sw < w / 2 && sh < h / 2 && sw > sh, "{sw}×{sh}");
    let unknown = run("khong-co-ma-nay");
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("không có văn bản nào của mã `khong-co-ma-nay`"),
        "{err}"
    );
}
