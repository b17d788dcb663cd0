//! Security headers on every response, and the CSP's content: the hash of trunk's inline loader
//! computed from the served index.html, the configured origins, and nothing unsafe.

mod support;

use axum::{body::Body, http::Request, Router};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use chorus_core::config::{RuntimeConfig, TokenMode};
use chorus_proxy::{router, AppState, Settings};
use sha2::{Digest, Sha256};
use support::{Regime, StubUpstream};
use tower::ServiceExt;

async fn app_with(public_url: Option<&str>) -> (Router, StubUpstream) {
    app_configured(public_url, |_| {}).await
}

/// A proxy in front of a stub, its runtime config adjusted (token mode, sandbox).
async fn app_configured(
    public_url: Option<&str>,
    adjust: impl FnOnce(&mut RuntimeConfig),
) -> (Router, StubUpstream) {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let mut config = support::config(&stub);
    adjust(&mut config);
    let mut settings = Settings::for_config(&config);
    if let Some(url) = public_url {
        settings.public_url = url.parse().expect("url");
    }
    settings
        .image_origins
        .push("https://images.example:8443".parse().expect("image origin"));
    let app = router(AppState::with_settings(config, support::dist(), settings).expect("state"));
    (app, stub)
}

async fn csp_of(app: &Router) -> String {
    headers_of(app, "/").await["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// Whether a CSP source list lets the page load `url` (scheme, host with `*.` wildcards, port),
/// as a browser matches host-sources (CSP3 §6.7.2.8), enough for https URLs without paths.
fn allows(sources: &[&str], url: &str) -> bool {
    let Some((scheme, host)) = url.split_once("://") else {
        return false;
    };
    sources.iter().any(|source| {
        let Some((source_scheme, source_host)) = source.split_once("://") else {
            return false;
        };
        source_scheme == scheme
            && match source_host.strip_prefix("*.") {
                Some(domain) => host.ends_with(&format!(".{domain}")),
                None => source_host == host,
            }
    })
}

async fn headers_of(app: &Router, path: &str) -> axum::http::HeaderMap {
    let request = Request::get(path).body(Body::empty()).expect("request");
    app.clone()
        .oneshot(request)
        .await
        .expect("infallible")
        .headers()
        .clone()
}

fn directive<'a>(csp: &'a str, name: &str) -> Vec<&'a str> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let (app, _stub) = app_with(None).await;
    for path in [
        "/",
        "/callback?code=x",
        "/config.json",
        "/healthz",
        "/api/nope",
    ] {
        let headers = headers_of(&app, path).await;
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(
            !headers.contains_key("strict-transport-security"),
            "no HSTS over plain http: {path}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_url_is_https() {
    let (app, _stub) = app_with(Some("https://chorus.example/")).await;
    let headers = headers_of(&app, "/").await;
    assert!(headers["strict-transport-security"]
        .to_str()
        .expect("ascii")
        .starts_with("max-age="));
}

#[tokio::test]
async fn the_csp_allows_trunks_inline_loader_by_its_hash_and_nothing_unsafe() {
    let (app, _stub) = app_with(None).await;
    let csp = headers_of(&app, "/").await["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let expected_hash = format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(support::INLINE_LOADER.as_bytes()))
    );

    let script = directive(&csp, "script-src");
    assert!(script.contains(&expected_hash.as_str()), "{csp}");
    assert!(script.contains(&"'wasm-unsafe-eval'"));
    assert!(
        script.contains(&"http://127.0.0.1:4001"),
        "the SDK origin: {csp}"
    );
    assert!(
        !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(directive(&csp, "frame-ancestors"), ["'none'"]);
    assert_eq!(directive(&csp, "frame-src"), ["http://127.0.0.1:4001"]);
}

#[tokio::test]
async fn the_csp_lets_the_page_reach_the_configured_spotify_and_its_images() {
    let (app, stub) = app_with(None).await;
    let accounts = support::accounts_base(&stub);
    let api = format!("{accounts}/v1");
    let api_origin = api.trim_end_matches("/v1");
    let csp = csp_of(&app).await;

    let connect = directive(&csp, "connect-src");
    for source in [
        "'self'",
        api_origin,
        "http://127.0.0.1:4001",
        "ws://127.0.0.1:4001",
    ] {
        assert!(
            connect.contains(&source),
            "connect-src lacks {source}: {csp}"
        );
    }
    let img = directive(&csp, "img-src");
    for source in ["'self'", "data:", api_origin, "https://images.example:8443"] {
        assert!(img.contains(&source), "img-src lacks {source}: {csp}");
    }
}

#[tokio::test]
async fn in_proxy_mode_only_the_proxy_exchanges_tokens_so_the_page_may_not_call_accounts() {
    let (app, _stub) = app_configured(None, |config| {
        // Accounts on its own origin, as Spotify has it, so that it can be told apart.
        config.accounts_base_url = "http://127.0.0.1:4009".parse().expect("url");
    })
    .await;
    let csp = csp_of(&app).await;
    assert!(
        !directive(&csp, "connect-src").contains(&"http://127.0.0.1:4009"),
        "{csp}"
    );
    assert!(
        !directive(&csp, "img-src").contains(&"http://127.0.0.1:4009"),
        "{csp}"
    );
}

#[tokio::test]
async fn in_direct_mode_the_page_may_call_the_token_endpoint() {
    let (app, _stub) = app_configured(None, |config| {
        config.accounts_base_url = "http://127.0.0.1:4009".parse().expect("url");
        config.token_mode = TokenMode::Direct;
    })
    .await;
    let csp = csp_of(&app).await;
    assert!(
        directive(&csp, "connect-src").contains(&"http://127.0.0.1:4009"),
        "{csp}"
    );
}

#[tokio::test]
async fn outside_the_sandbox_real_spotify_artwork_is_allowed_and_nothing_else_of_the_sandbox() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let mut config = support::config(&stub);
    config.sandbox = false;
    let settings = Settings::for_config(&config);
    let app = router(AppState::with_settings(config, support::dist(), settings).expect("state"));
    let csp = csp_of(&app).await;
    let img = directive(&csp, "img-src");
    // docs/spotify-contract.md "Images".
    for artwork in [
        "https://i.scdn.co",
        "https://mosaic.scdn.co",
        "https://image-cdn-ak.spotifycdn.com",
        "https://image-cdn-fa.spotifycdn.com",
        "https://seeded-mosaic.spotifycdn.com",
        "https://platform-lookaside.fbsbx.com",
    ] {
        assert!(
            allows(&img, artwork),
            "img-src does not allow {artwork}: {csp}"
        );
    }
    assert!(!allows(&img, "https://evil.example"), "{csp}");
    assert!(
        !allows(&img, "https://spotifycdn.com.evil.example"),
        "{csp}"
    );
    assert!(
        !directive(&csp, "connect-src").contains(&"ws://127.0.0.1:4001"),
        "only the sandbox's emulated SDK uses a WebSocket: {csp}"
    );
}

#[tokio::test]
async fn a_permissions_policy_denies_what_chorus_does_not_use() {
    let (app, _stub) = app_with(None).await;
    for path in ["/", "/healthz", "/api/nope"] {
        let headers = headers_of(&app, path).await;
        let policy = headers["permissions-policy"].to_str().expect("ascii");
        assert!(policy.contains("camera=()"), "{path}: {policy}");
        assert!(policy.contains("geolocation=()"), "{path}: {policy}");
        assert!(
            policy.contains("encrypted-media=(self \"http://127.0.0.1:4001\")"),
            "{path}: {policy}"
        );
    }
}

#[tokio::test]
async fn the_html_served_is_the_one_that_was_hashed() {
    let (app, _stub) = app_with(None).await;
    let request = Request::get("/").body(Body::empty()).expect("request");
    let response = app.oneshot(request).await.expect("infallible");
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    assert!(String::from_utf8_lossy(&body).contains(support::INLINE_LOADER));
}
