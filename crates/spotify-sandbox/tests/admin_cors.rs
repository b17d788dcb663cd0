//! The admin API answers cross-origin requests from loopback pages only (issue #15: a page on
//! another site read a refresh token from `/_sandbox/tokens`). Browser tests and the SDK's wasm
//! tests script the sandbox from loopback origins on other ports; nothing else may.

use axum::{
    body::Body,
    http::{Method, Request},
};
use spotify_sandbox::{router, Sandbox, SandboxConfig};
use tower::ServiceExt;

async fn allowed_origin(origin: &str, method: Method, path: &str) -> Option<String> {
    let app = router(Sandbox::new(SandboxConfig::for_tests()));
    let mut request = Request::builder()
        .method(method.clone())
        .uri(path)
        .header("origin", origin);
    if method == Method::OPTIONS {
        request = request
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type");
    }
    let response = app
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    response
        .headers()
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn loopback_pages_may_script_the_admin_api() {
    for origin in [
        "http://127.0.0.1:8080",
        "http://127.0.0.1",
        "http://localhost:9000",
        "http://[::1]:4001",
    ] {
        assert_eq!(
            allowed_origin(origin, Method::OPTIONS, "/_sandbox/tokens")
                .await
                .as_deref(),
            Some(origin),
            "{origin}"
        );
    }
    assert_eq!(
        allowed_origin("http://127.0.0.1:8080", Method::GET, "/_sandbox/state")
            .await
            .as_deref(),
        Some("http://127.0.0.1:8080")
    );
}

#[tokio::test]
async fn pages_of_other_sites_get_no_cors_answer_from_the_admin_api() {
    for origin in [
        "https://evil.example",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example:8080",
        "null",
    ] {
        assert_eq!(
            allowed_origin(origin, Method::OPTIONS, "/_sandbox/tokens").await,
            None,
            "{origin}"
        );
        assert_eq!(
            allowed_origin(origin, Method::GET, "/_sandbox/state").await,
            None,
            "{origin}"
        );
    }
}
