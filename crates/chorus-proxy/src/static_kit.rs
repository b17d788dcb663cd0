//! The static-hosting kit: turns a release `dist/` into a directory any static host serves as
//! is, without the proxy (`token_mode: direct`): the given `config.json`, `callback/index.html`
//! (so `/callback` needs no rewrite rule), the Content-Security-Policy in a `<meta>` of both
//! HTML files (computed here for that config, with the inline loader's hash, so the policy holds
//! on hosts that ignore headers), and a `_headers` file (Netlify and Cloudflare Pages) with the
//! full policy, the proxy's other security headers and the cache rules.

use std::path::Path;

use chorus_core::config::{RuntimeConfig, TokenMode};

use crate::{csp, security, settings};

/// Why the kit could not be written.
#[derive(Debug, thiserror::Error)]
pub enum KitError {
    #[error("the static kit needs \"token_mode\": \"direct\" in config.json (proxy mode needs the proxy)")]
    NotDirect,
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} has no <meta charset> to put the policy after")]
    NoCharset(String),
    #[error("cannot write config.json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Writes the kit into `dist` (built by trunk beforehand) for `config`. Images may come from
/// `image_origins`, or when that is empty from Spotify's artwork hosts (none for the sandbox).
pub fn write(
    dist: &Path,
    config: &RuntimeConfig,
    image_origins: &[csp::ImageOrigin],
) -> Result<(), KitError> {
    if config.token_mode != TokenMode::Direct {
        return Err(KitError::NotDirect);
    }
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(io(&index_path))?;
    let policy = csp::content_security_policy(
        config,
        &if image_origins.is_empty() {
            settings::default_image_origins(config.sandbox)
        } else {
            image_origins.to_vec()
        },
        &csp::inline_script_hashes(&index),
    );
    let page = with_meta_policy(&index, &meta_policy(&policy))
        .ok_or_else(|| KitError::NoCharset(index_path.display().to_string()))?;
    write_file(&index_path, page.as_bytes())?;
    let callback = dist.join("callback");
    std::fs::create_dir_all(&callback).map_err(io(&callback))?;
    write_file(&callback.join("index.html"), page.as_bytes())?;
    write_file(
        &dist.join("config.json"),
        serde_json::to_string_pretty(config)?.as_bytes(),
    )?;
    let hashed = hashed_assets(dist)?;
    write_file(
        &dist.join("_headers"),
        headers_file(config, &policy, &hashed).as_bytes(),
    )
}

/// A `<meta>` policy cannot carry `frame-ancestors` (browsers ignore it there and warn); the
/// `_headers` file and `X-Frame-Options` keep framing out where headers are honoured.
fn meta_policy(policy: &str) -> String {
    policy
        .split("; ")
        .filter(|directive| !directive.starts_with("frame-ancestors"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `html` with the policy's `<meta>` right after `<meta charset…>`, before any script.
fn with_meta_policy(html: &str, policy: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<meta charset")?;
    let end = start + lower[start..].find('>')? + 1;
    let escaped = policy.replace('&', "&amp;").replace('"', "&quot;");
    Some(format!(
        "{}<meta http-equiv=\"Content-Security-Policy\" content=\"{escaped}\">{}",
        &html[..end],
        &html[end..]
    ))
}

/// The names of `dist`'s content-hashed files (`name-HASH.ext`), which never change.
fn hashed_assets(dist: &Path) -> Result<Vec<String>, KitError> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(io(dist))? {
        let name = entry
            .map_err(io(dist))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if crate::static_files::is_hashed_asset(&name)
            && !name.ends_with(".br")
            && !name.ends_with(".gz")
        {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// `_headers` in the format Netlify and Cloudflare Pages read.
fn headers_file(config: &RuntimeConfig, policy: &str, hashed: &[String]) -> String {
    let sdk = security::sdk_origin(&config.sdk_url);
    let hsts = config.redirect_uri.scheme() == "https";
    let mut out = String::from("/*\n");
    for (name, value) in
        security::headers(policy, &security::permissions_policy(sdk.as_deref()), hsts)
    {
        if let Ok(value) = value.to_str() {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    for path in [
        "/",
        "/index.html",
        "/callback",
        "/callback/",
        "/callback/index.html",
        "/config.json",
    ] {
        out.push_str(&format!("\n{path}\n  cache-control: no-cache\n"));
    }
    for name in hashed {
        out.push_str(&format!(
            "\n/{name}\n  cache-control: public, max-age=31536000, immutable\n"
        ));
    }
    out
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), KitError> {
    std::fs::write(path, bytes).map_err(io(path))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> KitError + '_ {
    move |source| KitError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meta_policy_goes_after_the_charset_and_leaves_out_frame_ancestors() {
        let policy =
            "default-src 'self'; script-src 'self' 'sha256-a+b/c='; frame-ancestors 'none'";
        let page = with_meta_policy(
            "<html><meta charset=utf-8><script>x</script>",
            &meta_policy(policy),
        );
        assert_eq!(
            page.as_deref(),
            Some("<html><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'sha256-a+b/c='\"><script>x</script>")
        );
        assert_eq!(with_meta_policy("<html><script>x</script>", "x"), None);
    }
}
