//! Compressing the built app at build time, at the highest quality (a server compressing per
//! request could not afford it): `NAME.gz` and `NAME.br` beside every text or wasm asset, which
//! the proxy (and a static host reading `_headers`) sends by `Accept-Encoding`.

use std::{io::Write, path::Path};

use anyhow::{Context, Result};

use crate::paths;

/// File kinds worth compressing (images other than SVG are compressed already).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "html", "svg", "json"];

/// gzip by zopfli (15 iterations): any gzip decoder reads it, and it is ≈ 4 % smaller than
/// `gzip -9` (the wasm: 548.6 → 525.8 kB) for ≈ 11 s of build time.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )?;
    Ok(out)
}

/// brotli at quality 11 with the largest standard window (16 MiB).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 24);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

/// Writes `.gz` and `.br` beside every compressible file under `dir`, recursively.
pub fn precompress(dir: &Path) -> Result<()> {
    let files = paths::files_under(dir).with_context(|| format!("reading {}", dir.display()))?;
    for path in files {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        for (suffix, packed) in [("gz", gzip(&bytes)?), ("br", brotli(&bytes)?)] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(suffix);
            std::fs::write(&name, packed)
                .with_context(|| format!("writing {}", Path::new(&name).display()))?;
        }
    }
    Ok(())
}
