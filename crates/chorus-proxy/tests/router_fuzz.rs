//! Property test over the whole router: arbitrary methods, paths (of any length, segment count
//! and encoding), headers (up to 40, values up to 20 kB) and bodies, biased towards the token
//! routes and their headers. Whatever comes in, the answer is below 500 and
//! nothing panics (a panic in a handler would surface as an error or a 500 here).
//!
//! The upstream is a stub that refuses everything with `invalid_grant`, so even a request that
//! happens to be valid gets a 4xx rather than a gateway error.

mod support;

use axum::{
    body::Body,
    http::{HeaderName, HeaderValue, Method, Request},
    Router,
};
use chorus_proxy::{router, AppState, Settings};
use proptest::prelude::*;
use support::{Next, Regime, StubUpstream};
use tower::ServiceExt;

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::POST),
        Just(Method::GET),
        Just(Method::OPTIONS),
        Just(Method::PUT),
        Just(Method::DELETE),
        Just(Method::HEAD),
        "[A-Z]{1,8}".prop_filter_map("valid method", |m| Method::from_bytes(m.as_bytes()).ok()),
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/api/token/exchange".to_owned()),
        Just("/api/token/refresh".to_owned()),
        Just("/api/token/logout".to_owned()),
        Just("/config.json".to_owned()),
        Just("/healthz".to_owned()),
        "/api/[a-z/]{0,20}",
        "/[a-zA-Z0-9._~%/?=&-]{0,40}",
        "/\\.\\./[a-z.]{0,10}",
        // Longer than a file name may be (the fuzz target found a 500 there).
        "/[a-zA-Z0-9%]{250,600}",
        // Whole paths: many short segments (past PATH_MAX it was a 500), any length.
        proptest::collection::vec("[a-zA-Z0-9%._~-]{0,4}", 0..3000)
            .prop_map(|segments| format!("/{}", segments.join("/"))),
        // Percent-encodings of any byte, encoded slashes and dots, NULs, invalid UTF-8.
        "(/(%[0-9a-fA-F]{2}|%2[fF]|%2[eE]|%00|%[cC]0%[aA][fF]|[a-z.]){1,40}){1,60}",
    ]
}

fn header() -> impl Strategy<Value = (String, Vec<u8>)> {
    let name = prop_oneof![
        Just("x-chorus-session".to_owned()),
        Just("content-type".to_owned()),
        Just("cookie".to_owned()),
        Just("origin".to_owned()),
        Just("content-length".to_owned()),
        Just("x-forwarded-for".to_owned()),
        "[a-z-]{1,16}",
    ];
    let value = prop_oneof![
        Just(b"application/json".to_vec()),
        proptest::collection::vec(any::<u8>(), 1000..20_000),
        Just(b"tab-a-0123456789abcdef".to_vec()),
        "chorus_rt_tab-a-0123456789abcdef=[a-zA-Z0-9._-]{0,80}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..64),
    ];
    (name, value)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        Just(br#"{"code":"c","code_verifier":"0123456789012345678901234567890123456789abc","redirect_uri":"http://127.0.0.1:9/callback"}"#.to_vec()),
        "\\{\"code\":\"[ -~]{0,20}\",\"code_verifier\":\"[ -~]{0,140}\",\"redirect_uri\":\"[ -~]{0,40}\"\\}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..256),
        proptest::collection::vec(any::<u8>(), 4000..5000),
    ]
}

fn build(
    method: Method,
    path: &str,
    headers: &[(String, Vec<u8>)],
    body: Vec<u8>,
) -> Option<Request<Body>> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::from(body))
        .ok()?;
    for (name, value) in headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) else {
            continue;
        };
        request.headers_mut().append(name, value);
    }
    Some(request)
}

async fn app(stub: &StubUpstream) -> Router {
    let config = support::config(stub);
    let mut settings = Settings::for_config(&config);
    settings.rate_limit.burst = u32::MAX; // the property is about input, not about the limit
    router(AppState::with_settings(config, support::dist(), settings).expect("state"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn no_request_makes_the_router_fail_or_answer_5xx(
        method in method(),
        path in path(),
        headers in proptest::collection::vec(header(), 0..40),
        body in body(),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let stub = StubUpstream::spawn(Regime::Legacy).await;
            stub.answer_next(Next::Status(
                axum::http::StatusCode::BAD_REQUEST,
                serde_json::json!({"error": "invalid_grant", "error_description": "Invalid authorization code"}),
            ));
            let Some(request) = build(method, &path, &headers, body) else { return Ok(()) };
            let response = app(&stub).await.oneshot(request).await.expect("infallible service");
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 22).await;
            prop_assert!(status.as_u16() < 500, "status {status} for {path}");
            prop_assert!(bytes.is_ok(), "the body could not be read");
            Ok(())
        })?;
    }
}
