//! Emblem loading: each body's emblem file read into the typst world.

use std::collections::HashMap;

use anyhow::Context;

use crate::load::Dataset;

/// The emblem files for the world, and each body's emblem path inside it.
pub type Emblems = (Vec<(String, Vec<u8>)>, HashMap<String, String>);

/// Reads each body's emblem into the world under `/assets/<ma>/…`.
pub fn load(ds: &Dataset) -> anyhow::Result<Emblems> {
    let mut assets = Vec::new();
    let mut paths = HashMap::new();
    for b in &ds.bodies {
        if let Some(rel) = &b.record.emblem {
            let path = ds.root.join(rel);
            let bytes = std::fs::read(&path)
                .with_context(|| format!("không đọc được biểu trưng {}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let vpath = format!("/assets/{}/{}", b.record.ma, name);
            assets.push((vpath.clone(), bytes));
            paths.insert(b.record.ma.clone(), vpath);
        }
    }
    Ok((assets, paths))
}
