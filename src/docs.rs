//! The data contract as it ships with the program: `docs/du-lieu.md`, in Vietnamese,
//! embedded in the binary so `vanban khoa KHÓA` answers without the repository.
//!
//! Each key has its own `### \`khóa\`` section (several keys may share one); the text
//! under it, up to the next heading, is its entry.

use std::process::ExitCode;

/// The whole data contract, in Vietnamese.
pub const DU_LIEU: &str = include_str!("../docs/du-lieu.md");

/// One key's entry of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The keys the section documents (`ho_ten`, `dang_ky.ngay`).
    pub keys: Vec<String>,
    /// The section as written, its heading included.
    pub text: String,
}

/// Every key section of `docs/du-lieu.md`, in order.
pub fn entries() -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut current: Option<Entry> = None;
    for line in DU_LIEU.lines() {
        if line.starts_with('#') {
            out.extend(current.take());
            if let Some(head) = line.strip_prefix("### ") {
                let keys: Vec<String> = head
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect();
                if !keys.is_empty() {
                    current = Some(Entry {
                        keys,
                        text: format!("{line}\n"),
                    });
                }
            }
            continue;
        }
        if let Some(e) = current.as_mut() {
            e.text.push_str(line);
            e.text.push('\n');
        }
    }
    out.extend(current);
    for e in &mut out {
        e.text = e.text.trim_end().to_owned() + "\n";
    }
    out
}

/// The entry of `key`: by its full path (`dang_ky.ngay`) or its last part (`ngay`, when
/// only one section names it so).
pub fn find(key: &str) -> Vec<Entry> {
    let key = key.trim().trim_matches('`');
    let all = entries();
    let exact: Vec<Entry> = all
        .iter()
        .filter(|e| e.keys.iter().any(|k| k == key))
        .cloned()
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    all.into_iter()
        .filter(|e| {
            e.keys
                .iter()
                .any(|k| k.rsplit('.').next() == Some(key) || k.ends_with(&format!(".{key}")))
        })
        .collect()
}

/// `vanban khoa [KHÓA]`: prints one key's entry, or lists every key.
pub fn khoa(key: Option<&str>) -> anyhow::Result<ExitCode> {
    let Some(key) = key else {
        println!("Các khóa dữ liệu (xem giải thích: vanban khoa <KHÓA>):");
        let mut keys: Vec<String> = entries().into_iter().flat_map(|e| e.keys).collect();
        keys.dedup();
        for k in keys {
            println!("  {k}");
        }
        return Ok(ExitCode::SUCCESS);
    };
    let found = find(key);
    if found.is_empty() {
        let keys: Vec<String> = entries().into_iter().flat_map(|e| e.keys).collect();
        // A typo is usually in the key's own name, not its record's: compare both.
        let near = crate::diagnostics::suggest(key, &keys)
            .map(str::to_owned)
            .or_else(|| {
                let last: Vec<&str> = keys
                    .iter()
                    .map(|k| k.rsplit('.').next().unwrap_or(k))
                    .collect();
                let s = crate::diagnostics::suggest(key, &last)?;
                keys.iter()
                    .find(|k| k.rsplit('.').next() == Some(s))
                    .cloned()
            });
        let hint = match near {
            Some(s) => format!("có phải ý bạn là `{s}`? Xem: vanban khoa {s}"),
            None => "xem danh sách mọi khóa bằng `vanban khoa`".to_owned(),
        };
        eprintln!("lỗi: không có khóa `{key}` trong quy định dữ liệu\n   = gợi ý: {hint}");
        return Ok(ExitCode::from(1));
    }
    let texts: Vec<String> = found.into_iter().map(|e| e.text).collect();
    print!("{}", texts.join("\n"));
    Ok(ExitCode::SUCCESS)
}
