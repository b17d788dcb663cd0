//! Fuzzes the whole proxy router with arbitrary requests: the first bytes choose the method,
//! path and headers, the rest is the body. Property: no panic, never a 500 (a 502/504 is fine:
//! the upstream here is a closed loopback port).
#![no_main]

use std::sync::OnceLock;

use axum::{
    body::Body,
    http::{HeaderName, HeaderValue, Method, Request},
    Router,
};
use chorus_core::config::{RuntimeConfig, TokenMode};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

const PATHS: [&str; 6] =
    ["/api/token/exchange", "/api/token/refresh", "/api/token/logout", "/config.json", "/healthz", "/api/x"];
const METHODS: [Method; 4] = [Method::POST, Method::GET, Method::OPTIONS, Method::PUT];
const HEADERS: [&str; 5] = ["x-chorus-session", "content-type", "cookie", "origin", "x-forwarded-for"];

fn fixture() -> &'static (tokio::runtime::Runtime, Router) {
    static FIXTURE: OnceLock<(tokio::runtime::Runtime, Router)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let config = RuntimeConfig {
            client_id: "fuzz".into(),
            redirect_uri: "http://127.0.0.1:9/callback".parse().expect("url"),
            accounts_base_url: "http://127.0.0.1:9".parse().expect("url"),
            api_base_url: "http://127.0.0.1:9/v1".parse().expect("url"),
            sdk_url: "http://127.0.0.1:9/spotify-player.js".parse().expect("url"),
            token_mode: TokenMode::Proxy,
            sandbox: true,
        };
        let mut settings = chorus_proxy::Settings::for_config(&config);
        settings.rate_limit.burst = u32::MAX;
        let state = runtime
            .block_on(async { chorus_proxy::AppState::with_settings(config, std::env::temp_dir(), settings) })
            .expect("state");
        (runtime, chorus_proxy::router(state))
    })
}

/// Splits `data` at the first `\n` into a line and the rest.
fn line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fuzz_target!(|data: &[u8]| {
    let [selector, header_count, rest @ ..] = data else { return };
    let method = METHODS[usize::from(selector & 3)].clone();
    let (path_line, mut rest) = line(rest);
    let path = if selector & 4 == 0 {
        PATHS[usize::from(selector >> 3) % PATHS.len()].to_owned()
    } else {
        format!("/{}", String::from_utf8_lossy(path_line))
    };
    let Ok(mut request) = Request::builder().method(method).uri(path).body(Body::empty()) else { return };
    for n in 0..usize::from(header_count % 6) {
        let (value, next) = line(rest);
        rest = next;
        let name = HeaderName::from_static(HEADERS[n % HEADERS.len()]);
        if let Ok(value) = HeaderValue::from_bytes(value) {
            request.headers_mut().append(name, value);
        }
    }
    *request.body_mut() = Body::from(rest.to_vec());

    let (runtime, router) = fixture();
    let status = runtime.block_on(async {
        let response = router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let _ = axum::body::to_bytes(response.into_body(), 1 << 22).await;
        status
    });
    assert_ne!(status.as_u16(), 500, "an internal error");
});
