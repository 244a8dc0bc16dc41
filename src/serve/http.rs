//! Routing, and the rules every request passes: loopback `Host` only, files only from
//! the output folder (no `..`, no encoded slash, no absolute path, no link out of it),
//! and a POST carrying this run's token for anything that changes something.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use tiny_http::{Header, Method, Request, Response};

/// An answer: status, content type, body, and where to go next for a redirect.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) kind: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) location: Option<&'static str>,
}

impl Answer {
    /// The answer, sending the browser on to `to`.
    pub(crate) fn location(mut self, to: &'static str) -> Answer {
        self.location = Some(to);
        self
    }

    pub(crate) fn html(status: u16, body: String) -> Answer {
        Answer {
            status,
            kind: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
        }
    }

    pub(crate) fn text(status: u16, body: impl Into<String>) -> Answer {
        Answer {
            status,
            kind: "text/plain; charset=utf-8",
            body: body.into().into_bytes(),
            location: None,
        }
    }

    pub(crate) fn bytes(kind: &'static str, body: Vec<u8>) -> Answer {
        Answer {
            status: 200,
            kind,
            body,
            location: None,
        }
    }

    /// Sends the answer; a browser that went away is no error of ours.
    pub(crate) fn send(self, req: Request) {
        let mut response = Response::from_data(self.body).with_status_code(self.status);
        for (k, v) in [
            ("Content-Type", self.kind),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
        ]
        .into_iter()
        .chain(self.location.map(|l| ("Location", l)))
        {
            if let Ok(h) = Header::from_bytes(k, v) {
                response.add_header(h);
            }
        }
        let _ = req.respond(response);
    }
}

/// The parts of a request the routes read.
pub(crate) struct Incoming {
    pub(crate) method: Method,
    /// The path, still percent-encoded.
    pub(crate) path: String,
    /// The query's pairs, decoded.
    pub(crate) query: Vec<(String, String)>,
    /// A POST's form fields, decoded.
    pub(crate) form: Vec<(String, String)>,
    /// Whether the `Host` header names this machine's loopback.
    pub(crate) loopback_host: bool,
}

/// Largest request body read: a form with a token.
const MAX_BODY: u64 = 16 * 1024;

impl Incoming {
    pub(crate) fn read(req: &mut Request, port: u16) -> Incoming {
        let url = req.url().to_owned();
        let (path, q) = url.split_once('?').unwrap_or((&url, ""));
        let host = req
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_ascii_lowercase());
        // A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding)
        // sends its own name as Host: refused.
        let loopback_host = host.is_some_and(|h| {
            [format!("127.0.0.1:{port}"), format!("localhost:{port}")].contains(&h)
        });
        let mut form = Vec::new();
        if *req.method() == Method::Post {
            let mut body = String::new();
            let _ = req.as_reader().take(MAX_BODY).read_to_string(&mut body);
            form = pairs(&body);
        }
        Incoming {
            method: req.method().clone(),
            path: path.to_owned(),
            query: pairs(q),
            form,
            loopback_host,
        }
    }

    /// The query value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((decode(&k.replace('+', " "))?, decode(&v.replace('+', " "))?))
        })
        .collect()
}

/// Percent-decoding; `None` for a malformed escape or bytes that are not UTF-8.
pub(crate) fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether two tokens are equal, in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A token no other page can guess: 128 bits from std's `RandomState`, whose SipHash keys
/// come from the operating system's random source.
pub(crate) fn new_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Why a requested file is not served.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The path tries to leave the folder, or is not a plain relative path: 403.
    Forbidden,
    /// No such file: 404.
    NotFound,
}

/// The file `raw` (the percent-encoded rest of the URL path) names inside `root`. Each
/// segment is decoded on its own, so an encoded `/` or `\` cannot build a path; `.`,
/// `..`, empty segments, drive letters and NUL are refused; and the file found must lie
/// inside `root` once links are resolved.
pub(crate) fn file_in(root: &Path, raw: &str) -> Result<PathBuf, Refused> {
    let mut rel = PathBuf::new();
    for seg in raw.split('/') {
        let seg = decode(seg).ok_or(Refused::Forbidden)?;
        let bad =
            seg.is_empty() || seg == "." || seg == ".." || seg.contains(['/', '\\', ':', '\0']);
        if bad {
            return Err(Refused::Forbidden);
        }
        rel.push(seg);
    }
    if rel.is_absolute() || rel.as_os_str().is_empty() {
        return Err(Refused::Forbidden);
    }
    let root = root.canonicalize().map_err(|_| Refused::NotFound)?;
    let found = root
        .join(&rel)
        .canonicalize()
        .map_err(|_| Refused::NotFound)?;
    if !found.starts_with(&root) {
        return Err(Refused::Forbidden);
    }
    if !found.is_file() {
        return Err(Refused::NotFound);
    }
    Ok(found)
}

/// The content type of a served file.
pub(crate) fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_folder_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("2025")).unwrap();
        std::fs::write(out.join("2025/a.pdf"), b"%PDF").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"x").unwrap();
        assert!(file_in(&out, "2025/a.pdf").is_ok());
        assert_eq!(file_in(&out, "2025/b.pdf"), Err(Refused::NotFound));
        for bad in [
            "../secret.txt",
            "2025/../../secret.txt",
            "%2e%2e/secret.txt",
            "%2E%2E%2Fsecret.txt",
            "2025%2fa.pdf",
            "..%5csecret.txt",
            "/etc/passwd",
            "%2fetc%2fpasswd",
            "C:%5cWindows",
            "",
            "%zz",
        ] {
            assert_eq!(file_in(&out, bad), Err(Refused::Forbidden), "{bad}");
        }
    }

    #[test]
    fn tokens_differ_and_compare_exactly() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..31]));
    }
}
