//! Security headers on every response, and the CSP's content: the hash of trunk's inline loader
//! computed from the served index.html, the configured origins, and nothing unsafe.

mod support;

use axum::{body::Body, http::Request, Router};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use chorus_proxy::{router, AppState, Settings};
use sha2::{Digest, Sha256};
use support::{Regime, StubUpstream};
use tower::ServiceExt;

async fn app_with(public_url: Option<&str>) -> (Router, StubUpstream) {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let config = support::config(&stub);
    let mut settings = Settings::for_config(&config);
    if let Some(url) = public_url {
        settings.public_url = url.parse().expect("url");
    }
    settings
        .img_origins
        .push("https://images.example:8443".parse().expect("url"));
    let app = router(AppState::with_settings(config, support::dist(), settings).expect("state"));
    (app, stub)
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
    let csp = headers_of(&app, "/").await["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();

    let connect = directive(&csp, "connect-src");
    for source in [
        "'self'",
        accounts.as_str(),
        "http://127.0.0.1:4001",
        "ws://127.0.0.1:4001",
    ] {
        assert!(
            connect.contains(&source),
            "connect-src lacks {source}: {csp}"
        );
    }
    let img = directive(&csp, "img-src");
    for source in [
        "'self'",
        "data:",
        accounts.as_str(),
        "http://127.0.0.1:4001",
        "https://i.scdn.co",
        "https://images.example:8443",
    ] {
        assert!(img.contains(&source), "img-src lacks {source}: {csp}");
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
