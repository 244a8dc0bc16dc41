//! `vanban mo`: a local page that shows the dataset, every diagnostic, the verdicts and
//! a preview of every document, refreshed as the files change, with a button to build
//! and one to record the numbered documents as issued in the register.
//!
//! One synchronous server on 127.0.0.1 (never another interface) answers one request at
//! a time: there is one user, one browser. The watcher runs on its own thread
//! ([`watch`]); previews are laid out on demand and cached ([`preview`]).

mod build;
pub mod calibrate;
mod explain;
pub mod export;
mod http;
pub mod launch;
mod page;
mod preview;
mod state;
mod watch;

use std::net::{Ipv4Addr, SocketAddrV4};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tiny_http::{Method, Server};

use crate::fonts::FontPolicy;
use crate::pipeline::BuildOptions;

use http::{Answer, Incoming, Refused};

/// What `vanban mo` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The dataset folder.
    pub dataset: PathBuf,
    /// The output folder the build button writes to.
    pub out: PathBuf,
    /// The port; 0 for a free one.
    pub port: u16,
    /// Whether to open the default browser on the page.
    pub open: bool,
    /// Which fonts may be used.
    pub fonts: FontPolicy,
}

/// Serves the page until the process is stopped (Ctrl+C).
pub fn serve(opts: &ServeOptions) -> anyhow::Result<()> {
    if !opts.dataset.is_dir() {
        anyhow::bail!(
            "không thấy thư mục dữ liệu `{}` — kiểm tra lại đường dẫn, hoặc tạo bộ dữ liệu mẫu bằng `vanban init`",
            opts.dataset.display()
        );
    }
    let server = Server::http(SocketAddrV4::new(Ipv4Addr::LOCALHOST, opts.port))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| {
            format!(
                "không mở được cổng {} trên 127.0.0.1 — cổng đang bận? Bỏ `--cong` để vanban tự chọn cổng trống",
                opts.port
            )
        })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .context("máy chủ không có địa chỉ IP")?;
    let watched = watch::Watched {
        dataset: opts.dataset.clone(),
        out: opts.out.clone(),
        fonts: opts.fonts,
    };
    let (shared, seen) = watch::start(&watched);
    watch::spawn(watched, Arc::clone(&shared), seen);
    let url = format!("http://127.0.0.1:{port}/");
    println!("vanban đang chạy tại {url}");
    println!("Mở địa chỉ trên bằng trình duyệt; bấm Ctrl+C để dừng.");
    if opts.open {
        open_browser(&url);
    }
    let mut app = App {
        opts: opts.clone(),
        token: http::new_token(),
        shared,
        cache: preview::Cache::default(),
        builds: Arc::default(),
    };
    for mut req in server.incoming_requests() {
        let incoming = Incoming::read(&mut req, port);
        app.answer(&incoming).send(req);
    }
    Ok(())
}

/// Asks the system to open `target` (a URL or a file) in its default program; a failure
/// only costs the user a click, so it is reported, not fatal.
pub fn open_browser(target: &str) {
    let mut cmd = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/c", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("không tự mở được trình duyệt — hãy tự mở {target}");
    }
}

/// What `build --open` opens: the print file of the certificates if one was written
/// (what an office prints), else the first print file, else the output folder.
pub fn print_file(out: &std::path::Path, written: &[PathBuf]) -> PathBuf {
    let print = crate::doc_kind::PRINT_FILE;
    let is_print = |p: &&PathBuf| p.file_stem().is_some_and(|s| s == print);
    written
        .iter()
        .filter(is_print)
        .find(|p| p.components().any(|c| c.as_os_str() == "giay-khen"))
        .or_else(|| written.iter().find(is_print))
        .map(|p| out.join(p))
        .unwrap_or_else(|| out.to_path_buf())
}

struct App {
    opts: ServeOptions,
    token: String,
    shared: watch::Shared,
    cache: preview::Cache,
    builds: Arc<build::Builds>,
}

impl App {
    fn current(&self) -> Arc<watch::Current> {
        Arc::clone(&self.shared.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn answer(&mut self, req: &Incoming) -> Answer {
        if !req.loopback_host {
            return Answer::text(403, "chỉ nhận yêu cầu gửi tới 127.0.0.1 hoặc localhost");
        }
        let path = req.path.as_str();
        match (&req.method, path) {
            (Method::Get, "/") => self.main(req),
            (Method::Get, "/api/phien-ban") => {
                Answer::text(200, self.current().generation.to_string())
            }
            (Method::Get, "/tai-nguyen/trang.css") => {
                Answer::bytes("text/css; charset=utf-8", page::CSS.into())
            }
            (Method::Get, "/tai-nguyen/trang.js") => {
                Answer::bytes("text/javascript; charset=utf-8", page::JS.into())
            }
            (Method::Get, "/xem") => self.preview(req),
            (Method::Get, "/hieu-chinh") => Answer::html(200, page::calibration(&self.current())),
            (Method::Get, "/hieu-chinh.pdf") => self.calibration(calibrate::pdf, "application/pdf"),
            (Method::Get, "/hieu-chinh.png") => self.calibration(calibrate::png, "image/png"),
            (Method::Post, "/tao-ho-so") => self.build(req),
            (Method::Post, "/ban-hanh") => self.issue(req),
            (Method::Get, "/tao-ho-so/tien-do") => self.progress(),
            // Read from the text embedded in the binary, never from disk.
            (Method::Get, p) if p.starts_with("/giai-thich/") => {
                let asked = &p["/giai-thich/".len()..];
                match explain::explanation(asked, req.get("manh").is_some()) {
                    Some(html) => Answer::html(200, html),
                    None => Answer::html(404, explain::unknown_code(asked)),
                }
            }
            (Method::Get, p) if p.starts_with("/ket-qua/") => {
                self.output_file(&p["/ket-qua/".len()..])
            }
            (_, "/tao-ho-so") => Answer::text(405, "hãy bấm nút “Tạo hồ sơ” trên trang"),
            (_, "/ban-hanh") => Answer::text(405, "hãy bấm nút “Ban hành” trên trang"),
            _ => Answer::html(
                404,
                page::message("Không có trang này", "Địa chỉ này không có trên vanban."),
            ),
        }
    }

    fn main(&mut self, req: &Incoming) -> Answer {
        let cur = self.current();
        let selected = req.get("van-ban");
        let pages = match (&cur.snapshot, selected) {
            (Ok(s), Some(key)) => match (&s.maker, s.docs.iter().find(|d| d.key() == key)) {
                (Some(maker), Some(doc)) => Some(self.cache.count(maker, &doc.job)),
                _ => None,
            },
            _ => None,
        };
        let dataset = self.opts.dataset.display().to_string();
        // A build holds the register's lock until it commits: the page does not wait on it.
        let register = if matches!(self.builds.status(), build::Status::Running(..)) {
            page::Register::busy()
        } else {
            page::Register::read(&self.opts.dataset)
        };
        let view = page::View {
            dataset: &dataset,
            token: &self.token,
            selected,
            pages,
            register: &register,
        };
        Answer::html(200, page::main(&cur, &view))
    }

    fn preview(&mut self, req: &Incoming) -> Answer {
        let cur = self.current();
        let Ok(s) = &cur.snapshot else {
            return Answer::text(404, "bộ dữ liệu chưa đọc được");
        };
        let key = req.get("van-ban").unwrap_or("");
        let page: usize = req.get("trang").and_then(|p| p.parse().ok()).unwrap_or(0);
        let (Some(maker), Some(doc)) = (&s.maker, s.docs.iter().find(|d| d.key() == key)) else {
            return Answer::text(404, "không có văn bản này trong đợt");
        };
        match self.cache.page(maker, &doc.job, page) {
            Ok(Some(png)) => Answer::bytes("image/png", png),
            Ok(None) => Answer::text(404, "văn bản không có trang này"),
            Err(e) => Answer::text(500, e),
        }
    }

    fn calibration(
        &self,
        make: fn(&crate::world::Engine) -> Result<Vec<u8>, String>,
        kind: &'static str,
    ) -> Answer {
        let cur = self.current();
        match cur.snapshot.as_ref().ok().and_then(|s| s.maker.as_ref()) {
            Some(maker) => match make(&maker.engine) {
                Ok(bytes) => Answer::bytes(kind, bytes),
                Err(e) => Answer::text(500, format!("không tạo được trang canh lề: {e}")),
            },
            None => Answer::text(500, "bộ dữ liệu chưa đọc được nên chưa có phông chữ để in"),
        }
    }

    /// `None` when the POST carries this page's token, else the refusal naming `button`.
    fn refuse(&self, req: &Incoming, button: &str) -> Option<Answer> {
        let token = req
            .form
            .iter()
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if http::same_token(token, &self.token) {
            return None;
        }
        Some(Answer::html(
            403,
            page::message(
                "Yêu cầu bị từ chối",
                &format!(
                    "Yêu cầu không mang mã của trang này — hãy tải lại trang rồi bấm “{button}”."
                ),
            ),
        ))
    }

    fn build(&mut self, req: &Incoming) -> Answer {
        if let Some(refused) = self.refuse(req, "Tạo hồ sơ") {
            return refused;
        }
        let mut opts = BuildOptions::new(&self.opts.dataset, &self.opts.out);
        opts.system_fonts = self.opts.fonts == FontPolicy::WithSystem;
        self.builds.start(opts);
        // After a POST, the browser follows with a GET: reloading the progress page
        // never builds again.
        Answer::text(303, "/tao-ho-so/tien-do").location("/tao-ho-so/tien-do")
    }

    /// The "Ban hành" button: every numbered document of the latest round that a build
    /// wrote is recorded as issued, as `vanban ban-hanh` does.
    fn issue(&mut self, req: &Incoming) -> Answer {
        if let Some(refused) = self.refuse(req, "Ban hành") {
            return refused;
        }
        // The build holds the register until it commits: marking now would wait for it
        // with the page frozen, and mark what it is about to rewrite.
        if matches!(self.builds.status(), build::Status::Running(..)) {
            return Answer::html(
                409,
                page::message(
                    "Đang tạo hồ sơ",
                    "Hồ sơ đang được tạo — chờ xong rồi bấm “Ban hành” lại.",
                ),
            );
        }
        match crate::register::mark(&self.opts.dataset, &crate::register::Marking::default()) {
            Ok(rows) => Answer::html(200, page::issued(&rows)),
            Err(e) => Answer::html(409, page::message("Chưa ban hành được", &format!("{e:#}"))),
        }
    }

    fn progress(&self) -> Answer {
        match self.builds.status() {
            build::Status::None => Answer::html(
                404,
                page::message("Chưa tạo hồ sơ", "Bấm “Tạo hồ sơ” trên trang chính."),
            ),
            build::Status::Running(done, total) => Answer::html(200, page::building(done, total)),
            build::Status::Done(b) => b
                .with_last(|r| match r {
                    Ok(f) => Answer::html(
                        200,
                        page::built(
                            &f.written, f.current, f.errors, f.warnings, f.failed, &f.report,
                        ),
                    ),
                    Err(e) => Answer::html(500, page::message("Không tạo được hồ sơ", e)),
                })
                .unwrap_or_else(|| Answer::text(500, "")),
        }
    }

    fn output_file(&self, raw: &str) -> Answer {
        match http::file_in(&self.opts.out, raw) {
            Ok(path) => match std::fs::read(&path) {
                Ok(bytes) => Answer::bytes(http::content_type(&path), bytes),
                Err(_) => Answer::text(404, "không đọc được tệp"),
            },
            Err(Refused::Forbidden) => Answer::text(403, "chỉ xem được tệp trong thư mục kết quả"),
            Err(Refused::NotFound) => Answer::text(404, "không có tệp này trong thư mục kết quả"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `build --open` opens the certificates' print file, else another print file, else
    /// the folder.
    #[test]
    fn the_print_file_of_the_certificates_is_opened_first() {
        let out = std::path::Path::new("out");
        let written: Vec<PathBuf> = [
            "2025/dang-ky/a.pdf",
            "2025/bao-cao/in-tat-ca.pdf",
            "2025/giay-khen/ubnd-xa/a.pdf",
            "2025/giay-khen/ubnd-xa/in-tat-ca.pdf",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            print_file(out, &written),
            out.join("2025/giay-khen/ubnd-xa/in-tat-ca.pdf")
        );
        assert_eq!(
            print_file(out, &written[..2]),
            out.join("2025/bao-cao/in-tat-ca.pdf")
        );
        assert_eq!(print_file(out, &written[..1]), out.to_path_buf());
    }
}
