//! Compressed and cached delivery: the `.br` / `.gz` files the build writes are sent by
//! `Accept-Encoding`, byte for byte; every answer varies on it; hashed assets are immutable,
//! `index.html`, the SPA fallback and `config.json` are revalidated.

use axum::{
    body::Body,
    http::{header, HeaderMap, Request},
};
use chorus_core::config::{RuntimeConfig, TokenMode};
use chorus_proxy::{router, AppState};
use tower::ServiceExt;

const WASM: &str = "chorus-0123456789abcdef_bg.wasm";
const CSS: &str = "app-fedcba9876543210.css";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn sample_config() -> RuntimeConfig {
    RuntimeConfig {
        client_id: "chorus-test".into(),
        redirect_uri: "http://127.0.0.1:9/callback".parse().expect("url"),
        accounts_base_url: "http://127.0.0.1:9".parse().expect("url"),
        api_base_url: "http://127.0.0.1:9/v1".parse().expect("url"),
        sdk_url: "http://127.0.0.1:9/spotify-player.js".parse().expect("url"),
        token_mode: TokenMode::Proxy,
        sandbox: true,
    }
}

/// A dist/ as `cargo xtask build` leaves it: each asset, its `.gz` and its `.br`, each with
/// distinct bytes so the test sees which one was sent. The CSS has no `.br` (an old build).
fn dist() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("chorus-proxy-cd-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, bytes) in [
        ("index.html", &b"<h1>Chorus</h1>"[..]),
        ("index.html.gz", b"index-gzip"),
        ("index.html.br", b"index-brotli"),
        (WASM, b"\0asm-identity"),
        (&format!("{WASM}.gz"), b"wasm-gzip"),
        (&format!("{WASM}.br"), b"wasm-brotli"),
        (CSS, b"body{}"),
        (&format!("{CSS}.gz"), b"css-gzip"),
    ] {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    dir
}

async fn get(path: &str, accept_encoding: Option<&str>) -> (u16, HeaderMap, Vec<u8>) {
    let app = router(AppState::new(sample_config(), dist()).expect("state"));
    let mut request = Request::get(path);
    if let Some(value) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, value);
    }
    let response = app
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (status, headers, bytes.to_vec())
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn varies_on_accept_encoding(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

#[tokio::test]
async fn each_encoding_is_negotiated_and_sent_byte_for_byte() {
    let path = format!("/{WASM}");
    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"wasm-brotli"[..],
        ),
        (Some("br"), Some("br"), b"wasm-brotli"),
        (Some("gzip"), Some("gzip"), b"wasm-gzip"),
        (Some("br;q=0, gzip"), Some("gzip"), b"wasm-gzip"),
        (Some("identity"), None, b"\0asm-identity"),
        (None, None, b"\0asm-identity"),
    ] {
        let (status, headers, bytes) = get(&path, accept).await;
        assert_eq!(status, 200, "{accept:?}");
        assert_eq!(
            header(&headers, header::CONTENT_ENCODING),
            encoding,
            "{accept:?}"
        );
        assert_eq!(bytes, body, "{accept:?}");
        assert_eq!(
            header(&headers, header::CONTENT_TYPE),
            Some("application/wasm"),
            "the type is the original file's, whatever the encoding ({accept:?})"
        );
        assert!(varies_on_accept_encoding(&headers), "{accept:?}");
    }
}

#[tokio::test]
async fn a_missing_brotli_file_falls_back_to_gzip() {
    let (status, headers, bytes) = get(&format!("/{CSS}"), Some("br, gzip")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, header::CONTENT_ENCODING), Some("gzip"));
    assert_eq!(bytes, b"css-gzip");
}

#[tokio::test]
async fn hashed_assets_are_immutable_in_every_encoding() {
    for accept in [Some("br"), Some("gzip"), None] {
        let (_, headers, _) = get(&format!("/{WASM}"), accept).await;
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(IMMUTABLE));
        let (_, headers, _) = get(&format!("/{CSS}"), accept).await;
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(IMMUTABLE));
    }
}

#[tokio::test]
async fn index_html_and_spa_routes_are_revalidated_and_compressed() {
    for path in ["/", "/index.html", "/callback?code=x&state=y", "/library"] {
        let (status, headers, bytes) = get(path, Some("br, gzip")).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            header(&headers, header::CACHE_CONTROL),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(
            header(&headers, header::CONTENT_ENCODING),
            Some("br"),
            "{path}"
        );
        assert_eq!(bytes, b"index-brotli", "{path}");
        assert!(varies_on_accept_encoding(&headers), "{path}");
        let (_, headers, bytes) = get(path, None).await;
        assert_eq!(
            header(&headers, header::CACHE_CONTROL),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(bytes, b"<h1>Chorus</h1>", "{path}");
    }
}

#[tokio::test]
async fn a_hashed_name_that_is_not_there_is_not_cached_as_immutable() {
    let (status, headers, bytes) = get("/chorus-aaaaaaaaaaaaaaaa.js", None).await;
    assert_eq!(status, 200, "the SPA fallback answers");
    assert_eq!(bytes, b"<h1>Chorus</h1>");
    assert_eq!(header(&headers, header::CACHE_CONTROL), Some("no-cache"));
}

#[tokio::test]
async fn config_json_is_revalidated() {
    let (status, headers, _) = get("/config.json", Some("br, gzip")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, header::CACHE_CONTROL), Some("no-cache"));
}
