//! Emblem loading: each body's emblem, checked by [`crate::validate::emblem`], read into
//! the typst world under a name vanban makes (`/assets/<ma>/bieu-trung.png`), never the
//! file name the user chose: a virtual path must be valid by construction.

use std::collections::HashMap;

use anyhow::Context;

use crate::load::Dataset;
use crate::validate::emblem;

/// The emblem files for the world, and each body's emblem path inside it.
pub type Emblems = (Vec<(String, Vec<u8>)>, HashMap<String, String>);

/// Reads each body's emblem into the world under `/assets/<ma>/…`. Validation has dropped
/// every body whose emblem it refused, so a refusal here means the file changed since.
pub fn load(ds: &Dataset) -> anyhow::Result<Emblems> {
    let mut assets = Vec::new();
    let mut paths = HashMap::new();
    for b in &ds.bodies {
        if let Some(rel) = &b.record.emblem {
            let found = emblem::resolve(&ds.root, rel)
                .map_err(|r| anyhow::anyhow!("{} — {}", r.message, r.hint))?;
            let bytes = std::fs::read(&found.path)
                .with_context(|| format!("không đọc được biểu trưng {}", found.path.display()))?;
            // `ma` is lowercase ASCII, digits and `-` (validated), so the path is valid.
            let vpath = format!(
                "/assets/{}/bieu-trung.{}",
                b.record.ma,
                found.format.extension()
            );
            assets.push((vpath.clone(), bytes));
            paths.insert(b.record.ma.clone(), vpath);
        }
    }
    Ok((assets, paths))
}
