//! `vanban init`: a small dataset that builds as it is, for staff to copy and edit.

use std::path::Path;

use anyhow::Context;

const FILES: &[(&str, &str)] = &[
    (
        "co-quan.yaml",
        include_str!("../templates/init/co-quan.yaml"),
    ),
    (
        "dot-2025.yaml",
        include_str!("../templates/init/dot-2025.yaml"),
    ),
    (
        "tap-the.yaml",
        include_str!("../templates/init/tap-the.yaml"),
    ),
    (
        "ca-nhan.yaml",
        include_str!("../templates/init/ca-nhan.yaml"),
    ),
];

/// The Excel list staff fill instead of YAML: the template, without its example rows so
/// the sample keeps the records of its YAML files only.
const WORKBOOK: &str = "mau-danh-sach.xlsx";

/// Writes the sample dataset into `dir`, refusing to overwrite anything.
pub fn init(dir: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
    for name in FILES.iter().map(|(n, _)| *n).chain([WORKBOOK]) {
        let p = dir.join(name);
        if p.exists() {
            anyhow::bail!(
                "{} đã có sẵn; chọn một thư mục trống để không ghi đè dữ liệu",
                p.display()
            );
        }
    }
    for (name, text) in FILES {
        crate::write::atomic(&dir.join(name), text.as_bytes())?;
    }
    crate::sheet::template::write(&dir.join(WORKBOOK), false)?;
    Ok(FILES
        .iter()
        .map(|(n, _)| *n)
        .chain([WORKBOOK])
        .map(str::to_owned)
        .collect())
}
