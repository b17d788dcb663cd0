//! The Content-Security-Policy, derived from the runtime config so that each origin is allowed
//! only where the page needs it: no `unsafe-inline`, no `unsafe-eval`; `'wasm-unsafe-eval'` so
//! the app's wasm compiles; the inline module loader (Trunk.toml's `pattern_script`) allowed by
//! the SHA-256 of its exact text, computed at start-up from `dist/index.html` (rebuild the app →
//! restart the proxy).
//!
//! | directive | proxy mode | direct mode | sandbox adds |
//! |---|---|---|---|
//! | `connect-src` | self, Web API, SDK | + accounts (the token endpoint) | the SDK's `ws://` twin |
//! | `img-src` | self, `data:`, image origins | same | the Web API origin (its artwork) |
//! | `script-src` | self, wasm, loader hashes, SDK | same | |
//! | `frame-src`, `media-src` | SDK (+ self, `blob:` for media) | same | |

use std::{fmt, path::Path, str::FromStr};

use base64::{engine::general_purpose::STANDARD, Engine as _};
use chorus_core::config::{RuntimeConfig, TokenMode};
use sha2::{Digest, Sha256};
use url::Url;

/// An origin images may come from, as CSP writes it: `scheme://host[:port]`, where the host
/// may start with `*.` (any subdomain, as Spotify's `*.spotifycdn.com` artwork hosts need).
#[derive(Clone, PartialEq, Eq)]
pub struct ImageOrigin(String);

/// Why an `--image-origin` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an image origin is http(s)://host[:port], the host optionally starting with *. (e.g. https://*.example.com)")]
pub struct ImageOriginError;

impl FromStr for ImageOrigin {
    type Err = ImageOriginError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim().trim_end_matches('/');
        let (scheme, rest) = value.split_once("://").ok_or(ImageOriginError)?;
        if !matches!(scheme, "http" | "https") {
            return Err(ImageOriginError);
        }
        let (host, port) = if rest.starts_with('[') {
            let end = rest.find(']').ok_or(ImageOriginError)? + 1;
            match &rest[end..] {
                "" => (&rest[..end], None),
                tail => (
                    &rest[..end],
                    Some(tail.strip_prefix(':').ok_or(ImageOriginError)?),
                ),
            }
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            }
        };
        let host_ok = {
            let name = host.strip_prefix("*.").unwrap_or(host);
            let ipv6 = host
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .is_some_and(|h| {
                    !h.is_empty()
                        && h.bytes()
                            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
                });
            ipv6 || (!name.is_empty()
                && name.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                }))
        };
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
        if host_ok && port_ok {
            Ok(Self(value.to_ascii_lowercase()))
        } else {
            Err(ImageOriginError)
        }
    }
}

impl ImageOrigin {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ImageOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageOrigin({})", self.0)
    }
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

/// `scheme://host[:port]` of a URL, as CSP and browsers' `Origin` write it.
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

/// Sources in order, each once.
fn join(parts: impl IntoIterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for part in parts {
        if !seen.contains(&part) {
            seen.push(part);
        }
    }
    seen.join(" ")
}

/// The whole policy for this runtime config, these image origins and these inline scripts.
pub fn content_security_policy(
    config: &RuntimeConfig,
    image_origins: &[ImageOrigin],
    script_hashes: &[String],
) -> String {
    let api = origin(&config.api_base_url);
    let accounts = origin(&config.accounts_base_url);
    let sdk = origin(&config.sdk_url);
    let direct = config.token_mode == TokenMode::Direct;
    let sandbox = config.sandbox;
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
            sdk.clone(),
            // Only direct mode talks to the token endpoint from the page.
            accounts.filter(|_| direct),
            // Only the sandbox's emulated SDK opens a WebSocket from the page.
            websocket_origin(&config.sdk_url).filter(|_| sandbox),
        ]
        .into_iter()
        .flatten(),
    );
    let img = join(
        [
            Some(own("'self'")),
            Some(own("data:")),
            // The sandbox serves its artwork itself; Spotify's Web API serves none.
            api.filter(|_| sandbox),
        ]
        .into_iter()
        .flatten()
        .chain(image_origins.iter().map(|o| o.as_str().to_owned())),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_origins_are_scheme_host_and_port_with_an_optional_wildcard() {
        for good in [
            "https://i.scdn.co",
            "https://*.spotifycdn.com",
            "http://127.0.0.1:4002",
            "https://images.example:8443/",
            "http://[::1]:4002",
        ] {
            assert!(good.parse::<ImageOrigin>().is_ok(), "{good}");
        }
        for bad in [
            "i.scdn.co",
            "ftp://i.scdn.co",
            "https://i.scdn.co/path",
            "https://*",
            "https://a..b",
            "https://host:99999",
            "https://x y",
            "https://host; script-src *",
            "http://[; script-src *]",
        ] {
            assert!(bad.parse::<ImageOrigin>().is_err(), "{bad}");
        }
        assert_eq!(
            "https://Images.Example/"
                .parse::<ImageOrigin>()
                .map(|o| o.as_str().to_owned()),
            Ok("https://images.example".to_owned())
        );
    }

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
