//! Security headers on every response, above all a strict Content-Security-Policy: no
//! `unsafe-inline`, no `unsafe-eval`; `'wasm-unsafe-eval'` so the app's wasm compiles; and trunk's
//! inline module loader allowed by the SHA-256 of its exact text, computed at start-up from
//! `dist/index.html` (rebuild the app → restart the proxy).

use std::path::Path;

use axum::http::HeaderValue;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use sha2::{Digest, Sha256};
use url::Url;

/// The origins the page may talk to, from the runtime config and flags.
#[derive(Debug, Clone)]
pub struct CspSources<'a> {
    pub api_base_url: &'a Url,
    pub accounts_base_url: &'a Url,
    pub sdk_url: &'a Url,
    pub img_origins: &'a [Url],
}

/// `'sha256-…'` for every inline `<script>` (one without `src`) of an HTML document.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[open..].find('>').map(|i| open + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[open..tag_end];
        if !has_src_attribute(tag) {
            // CSP hashes the text between the tags exactly as it is in the document.
            let body = &html[tag_end + 1..close];
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        at = close;
    }
    hashes
}

fn has_src_attribute(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|word| word == "src" || word.starts_with("src="))
}

/// Reads `index.html` of the static dir; a missing file just means no inline scripts to allow.
pub fn hashes_of_index(static_dir: &Path) -> Vec<String> {
    let index = static_dir.join("index.html");
    match std::fs::read_to_string(&index) {
        Ok(html) => inline_script_hashes(&html),
        Err(error) => {
            tracing::warn!(path = %index.display(), %error, "no index.html to hash: the CSP allows no inline script");
            Vec::new()
        }
    }
}

fn origin(url: &Url) -> Option<String> {
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// The SDK origin as the WebSocket origin the emulated SDK connects to.
fn websocket_origin(url: &Url) -> Option<String> {
    let scheme = match url.scheme() {
        "https" => "wss",
        "http" => "ws",
        _ => return None,
    };
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

fn join(parts: impl IntoIterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for part in parts {
        if !seen.contains(&part) {
            seen.push(part);
        }
    }
    seen.join(" ")
}

/// The whole policy.
pub fn content_security_policy(sources: &CspSources<'_>, script_hashes: &[String]) -> String {
    let api = origin(sources.api_base_url);
    let accounts = origin(sources.accounts_base_url);
    let sdk = origin(sources.sdk_url);
    let sdk_ws = websocket_origin(sources.sdk_url);
    let own = |s: &str| s.to_owned();

    let script = join(
        [own("'self'"), own("'wasm-unsafe-eval'")]
            .into_iter()
            .chain(script_hashes.iter().cloned())
            .chain(sdk.clone()),
    );
    let connect = join(
        [
            Some(own("'self'")),
            api.clone(),
            accounts.clone(),
            sdk.clone(),
            sdk_ws,
        ]
        .into_iter()
        .flatten(),
    );
    let img = join(
        [
            Some(own("'self'")),
            Some(own("data:")),
            api,
            accounts,
            sdk.clone(),
        ]
        .into_iter()
        .flatten()
        .chain(sources.img_origins.iter().filter_map(origin)),
    );
    let media = join(
        [Some(own("'self'")), Some(own("blob:")), sdk.clone()]
            .into_iter()
            .flatten(),
    );
    let frame = sdk.unwrap_or_else(|| own("'none'"));

    [
        "default-src 'self'".to_owned(),
        format!("script-src {script}"),
        "style-src 'self'".to_owned(),
        format!("img-src {img}"),
        format!("connect-src {connect}"),
        format!("frame-src {frame}"),
        format!("media-src {media}"),
        "font-src 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'self'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// The fixed headers every response carries, CSP and HSTS included when they apply.
pub fn headers(csp: &str, hsts: bool) -> Vec<(&'static str, HeaderValue)> {
    let mut headers = vec![
        ("referrer-policy", HeaderValue::from_static("no-referrer")),
        (
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        ),
        ("x-frame-options", HeaderValue::from_static("DENY")),
        (
            "cross-origin-opener-policy",
            HeaderValue::from_static("same-origin"),
        ),
    ];
    match HeaderValue::from_str(csp) {
        Ok(value) => headers.push(("content-security-policy", value)),
        // Origins come from parsed URLs and hashes are base64, so this cannot happen; fail closed.
        Err(_) => headers.push((
            "content-security-policy",
            HeaderValue::from_static("default-src 'none'"),
        )),
    }
    if hsts {
        headers.push((
            "strict-transport-security",
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inline_script_is_hashed_and_external_ones_are_not() {
        let html = r#"<script src="/x.js"></script><SCRIPT type="module">import init from '/a.js';</SCRIPT>
<script>
  one();
</script>"#;
        let hashes = inline_script_hashes(html);
        let expected = |body: &str| {
            format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            )
        };
        assert_eq!(
            hashes,
            vec![
                expected("import init from '/a.js';"),
                expected("\n  one();\n")
            ]
        );
    }

    #[test]
    fn data_src_attributes_do_not_count_as_src() {
        assert_eq!(
            inline_script_hashes("<script data-src=\"x\">a()</script>").len(),
            1
        );
    }

    #[test]
    fn an_unclosed_script_does_not_loop_or_panic() {
        assert!(inline_script_hashes("<script>never closed").is_empty());
        assert!(inline_script_hashes("<script").is_empty());
    }

    #[test]
    fn websocket_origin_follows_the_scheme() {
        let url: Url = "https://sdk.example:8443/player.js".parse().expect("url");
        assert_eq!(
            websocket_origin(&url).as_deref(),
            Some("wss://sdk.example:8443")
        );
    }
}
