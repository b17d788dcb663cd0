//! What guards the token routes, driven in process (`oneshot`): every kind of bad input is a 4xx
//! with a JSON `{error, error_description}` and `Cache-Control: no-store`; CORS only for the exact
//! allowed origins; other origins refused; a per-IP rate limit.

mod support;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Method, Request, StatusCode},
    Router,
};
use chorus_proxy::{router, AppState, RateLimit, Settings};
use serde_json::Value;
use support::{Regime, StubUpstream};
use tower::ServiceExt;

const SESSION: &str = "tab-a-0123456789abcdef";

async fn app_with(stub: &StubUpstream, adjust: impl FnOnce(&mut Settings)) -> Router {
    let config = support::config(stub);
    let mut settings = Settings::for_config(&config);
    adjust(&mut settings);
    router(AppState::with_settings(config, support::dist(), settings).expect("state"))
}

async fn app() -> Router {
    let stub = StubUpstream::spawn(Regime::Current).await;
    app_with(&stub, |_| {}).await
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "JSON expected ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A 4xx JSON error with both fields and no-store: the shape of every refusal.
    fn assert_refused(&self, status: StatusCode, error: &str) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let body = self.json();
        assert_eq!(body["error"], error);
        assert!(body["error_description"]
            .as_str()
            .is_some_and(|d| !d.is_empty()));
        assert_eq!(self.header("cache-control"), Some("no-store"));
    }
}

async fn call(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body")
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

fn exchange() -> axum::http::request::Builder {
    Request::post("/api/token/exchange").header("x-chorus-session", SESSION)
}

fn json_exchange(body: impl Into<Body>) -> Request<Body> {
    exchange()
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .expect("request")
}

#[tokio::test]
async fn a_missing_session_header_is_a_json_400() {
    let request = Request::post("/api/token/refresh")
        .body(Body::empty())
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::BAD_REQUEST, "invalid_session");
}

#[tokio::test]
async fn malformed_session_headers_are_json_400s() {
    let app = app().await;
    for bad in [
        "short",
        "has space in it 0123456789",
        "semi;colon-0123456789",
        &"a".repeat(65),
    ] {
        let request = Request::post("/api/token/refresh")
            .header("x-chorus-session", bad)
            .body(Body::empty());
        call(&app, request.expect("request"))
            .await
            .assert_refused(StatusCode::BAD_REQUEST, "invalid_session");
    }
}

#[tokio::test]
async fn two_session_headers_are_refused() {
    let request = Request::post("/api/token/refresh")
        .header("x-chorus-session", SESSION)
        .header("x-chorus-session", "tab-b-0123456789abcdef")
        .body(Body::empty())
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::BAD_REQUEST, "invalid_session");
}

#[tokio::test]
async fn a_wrong_content_type_is_a_json_415() {
    let request = exchange()
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, "invalid_request");
}

#[tokio::test]
async fn malformed_json_is_a_json_400() {
    let app = app().await;
    for body in ["{", "[]", "{\"code\": 3}", "{\"code\":\"c\"}", "null", ""] {
        call(&app, json_exchange(body))
            .await
            .assert_refused(StatusCode::BAD_REQUEST, "invalid_request");
    }
}

#[tokio::test]
async fn a_body_over_4_kib_is_a_json_413() {
    let huge = format!("{{\"code\":\"{}\"}}", "a".repeat(5000));
    call(&app().await, json_exchange(huge))
        .await
        .assert_refused(StatusCode::PAYLOAD_TOO_LARGE, "invalid_request");
}

#[tokio::test]
async fn a_short_verifier_is_refused_before_upstream() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |_| {}).await;
    let body = serde_json::json!({"code": "c", "code_verifier": "short", "redirect_uri": support::REDIRECT_URI});
    call(&app, json_exchange(body.to_string()))
        .await
        .assert_refused(StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(stub.requests(), 0);
}

#[tokio::test]
async fn get_on_a_token_route_is_a_json_405() {
    let request = Request::get("/api/token/exchange")
        .body(Body::empty())
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_not_the_app() {
    let request = Request::post("/api/token/steal")
        .body(Body::empty())
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn a_request_from_a_foreign_origin_is_refused() {
    let request = Request::post("/api/token/logout")
        .header("x-chorus-session", SESSION)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::HOST, "127.0.0.1:9")
        .body(Body::empty())
        .expect("request");
    call(&app().await, request)
        .await
        .assert_refused(StatusCode::FORBIDDEN, "origin_not_allowed");
}

#[tokio::test]
async fn same_origin_requests_pass_the_origin_check() {
    let app = app().await;
    for (origin, host) in [
        ("http://127.0.0.1:9", "127.0.0.1:9"),
        ("http://127.0.0.1:5555", "127.0.0.1:5555"),
    ] {
        let request = Request::post("/api/token/logout")
            .header("x-chorus-session", SESSION)
            .header(header::ORIGIN, origin)
            .header(header::HOST, host)
            .body(Body::empty())
            .expect("request");
        assert_eq!(
            call(&app, request).await.status,
            StatusCode::NO_CONTENT,
            "{origin}"
        );
    }
}

fn preflight(origin: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/token/refresh")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "x-chorus-session")
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn cors_preflight_is_answered_for_an_allowed_origin_only() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |s| {
        s.allowed_origins = vec!["https://app.example".parse().expect("url")]
    })
    .await;

    let allowed = call(&app, preflight("https://app.example")).await;
    assert!(allowed.status.is_success());
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(
        allowed.header("access-control-allow-credentials"),
        Some("true")
    );
    assert!(allowed
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("x-chorus-session")));

    let foreign = call(&app, preflight("https://evil.example")).await;
    assert_eq!(foreign.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn without_allowed_origins_no_cross_origin_preflight_succeeds() {
    let reply = call(&app().await, preflight("https://app.example")).await;
    assert_eq!(reply.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn an_allowed_origin_may_call_the_token_routes() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |s| {
        s.allowed_origins = vec!["https://app.example".parse().expect("url")]
    })
    .await;
    let request = Request::post("/api/token/logout")
        .header("x-chorus-session", SESSION)
        .header(header::ORIGIN, "https://app.example")
        .body(Body::empty())
        .expect("request");
    let reply = call(&app, request).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("https://app.example")
    );
}

fn logout_from(ip: [u8; 4]) -> Request<Body> {
    let mut request = Request::post("/api/token/logout")
        .header("x-chorus-session", SESSION)
        .body(Body::empty())
        .expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    request
}

#[tokio::test]
async fn the_token_routes_are_rate_limited_per_ip() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |s| {
        s.rate_limit = RateLimit {
            per_minute: 6,
            burst: 3,
        }
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            call(&app, logout_from([10, 0, 0, 1])).await.status,
            StatusCode::NO_CONTENT
        );
    }
    let limited = call(&app, logout_from([10, 0, 0, 1])).await;
    limited.assert_refused(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(
        limited.header("retry-after"),
        Some("10"),
        "6 a minute: one every 10 s"
    );
    assert_eq!(
        call(&app, logout_from([10, 0, 0, 2])).await.status,
        StatusCode::NO_CONTENT,
        "other IPs pass"
    );

    let page = Request::get("/healthz")
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        call(&app, page).await.status,
        StatusCode::OK,
        "only token routes are limited"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = app().await;
    let reply = call(
        &app,
        Request::get("/healthz")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert!(reply
        .header("x-request-id")
        .is_some_and(|id| id.len() >= 32));
}

fn logout_forwarded_for(forwarded: &str) -> Request<Body> {
    let mut request = logout_from([10, 9, 9, 9]); // the load balancer
    request
        .headers_mut()
        .insert("x-forwarded-for", forwarded.parse().expect("header"));
    request
}

#[tokio::test]
async fn behind_a_trusted_balancer_the_last_forwarded_address_is_limited() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |s| {
        s.rate_limit = RateLimit {
            per_minute: 6,
            burst: 1,
        };
        s.trust_forwarded_for = true;
    })
    .await;
    assert_eq!(
        call(&app, logout_forwarded_for("1.1.1.1, 192.0.2.1"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    // A client cannot escape its bucket by prepending made-up addresses.
    let spoofed = call(&app, logout_forwarded_for("8.8.8.8, 192.0.2.1")).await;
    spoofed.assert_refused(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(
        call(&app, logout_forwarded_for("192.0.2.2")).await.status,
        StatusCode::NO_CONTENT
    );
}

fn logout_with(origin: &str, host: &str) -> Request<Body> {
    Request::post("/api/token/logout")
        .header("x-chorus-session", SESSION)
        .header(header::ORIGIN, origin)
        .header(header::HOST, host)
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn a_rebound_host_name_is_refused_even_when_its_origin_equals_the_host() {
    // DNS rebinding: evil.example resolves to the proxy's loopback address; the browser sends
    // Origin and Host both naming evil.example.
    let reply = call(
        &app().await,
        logout_with("http://rebind.example:9", "rebind.example:9"),
    )
    .await;
    reply.assert_refused(StatusCode::FORBIDDEN, "origin_not_allowed");
}

#[tokio::test]
async fn behind_a_public_url_an_origin_equal_to_the_host_is_not_enough() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |s| {
        s.public_url = "https://chorus.example/".parse().expect("url")
    })
    .await;
    call(&app, logout_with("http://127.0.0.1:5555", "127.0.0.1:5555"))
        .await
        .assert_refused(StatusCode::FORBIDDEN, "origin_not_allowed");
    assert_eq!(
        call(&app, logout_with("https://chorus.example", "10.0.0.7:8080"))
            .await
            .status,
        StatusCode::NO_CONTENT,
        "the public origin passes whatever Host the balancer sends"
    );
}

#[tokio::test]
async fn a_plain_request_id_is_echoed_and_a_long_one_replaced() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app_with(&stub, |_| {}).await;
    let echo = |id: String| {
        let app = app.clone();
        async move {
            let request = Request::get("/healthz")
                .header("x-request-id", id)
                .body(Body::empty())
                .expect("request");
            let response = app.oneshot(request).await.expect("infallible");
            response.headers()["x-request-id"]
                .to_str()
                .expect("ascii")
                .to_owned()
        }
    };
    assert_eq!(echo("trace-0123".into()).await, "trace-0123");
    let replaced = echo("x".repeat(65)).await;
    assert!(
        replaced.len() <= 64 && !replaced.contains("xxxx"),
        "{replaced}"
    );
    let odd = echo("<script>".into()).await;
    assert_ne!(odd, "<script>");
}
