//! Whatever a client sends, the proxy's log stays small (issue #15): long paths, long or odd
//! request ids, long methods, cookies and session headers, errors of every kind. Captures the
//! log at the default level (info) over hostile requests and checks at most 1 kB per request, no
//! client value longer than the cut, one line per answered request, and that a long
//! `X-Request-Id` is replaced rather than echoed. Alone in its binary: a test running the router
//! on another thread at the same time would race the thread-local log capture.

mod support;

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use axum::{
    body::Body,
    http::{Method, Request},
    Router,
};
use chorus_proxy::{router, AppState, Settings};
use support::{Regime, StubUpstream};
use tower::ServiceExt;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log buffer")).into_owned()
    }
}

async fn app(stub: &StubUpstream) -> Router {
    let config = support::config(stub);
    let mut settings = Settings::for_config(&config);
    settings.token_url = "http://127.0.0.1:9/api/token".parse().expect("url"); // unreachable: 502s
    settings.rate_limit.burst = 30; // some 429s too
    router(AppState::with_settings(config, support::dist(), settings).expect("state"))
}

/// A mix of the worst requests a client can send, `n` of them.
fn hostile(n: usize) -> Request<Body> {
    let long = "a".repeat(20_000);
    let segments = "/a".repeat(30_000);
    let (method, path) = match n % 6 {
        0 => (Method::GET, format!("/{long}")),
        1 => (Method::GET, segments),
        2 => (Method::POST, format!("/api/token/{long}")),
        3 => (Method::POST, "/api/token/refresh".to_owned()),
        4 => (
            Method::from_bytes(long.as_bytes()).unwrap_or(Method::PATCH),
            "/".to_owned(),
        ),
        _ => (Method::POST, "/api/token/exchange".to_owned()),
    };
    let body = if n % 12 == 5 {
        // A valid exchange: it reaches the (unreachable) upstream and gets a 502.
        serde_json::json!({"code": "c", "code_verifier": support::VERIFIER,
                           "redirect_uri": support::REDIRECT_URI})
        .to_string()
    } else {
        format!("{{\"code\":\"{long}\",\"code_verifier\":\"x\",\"redirect_uri\":\"y\"}}")
    };
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("x-request-id", "r".repeat(50_000))
        .header("x-chorus-session", "tab-a-0123456789abcdef")
        .header("cookie", format!("chorus_rt_x={long}"))
        .header("content-type", "application/json")
        .header("user-agent", long.as_str());
    if n % 6 == 2 {
        request = request.header("origin", format!("http://{long}"));
    }
    request.body(Body::from(body)).expect("request")
}

// current_thread: the router runs on this thread, under this subscriber.
#[tokio::test(flavor = "current_thread")]
async fn hostile_requests_write_at_most_1_kb_of_log_each() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let stub = StubUpstream::spawn(Regime::Current).await;
    let app = app(&stub).await;

    const REQUESTS: usize = 120;
    let mut statuses = Vec::new();
    for n in 0..REQUESTS {
        let response = app.clone().oneshot(hostile(n)).await.expect("infallible");
        statuses.push(response.status().as_u16());
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            id.len() <= 64 && !id.contains("rrrr"),
            "request id echoed: {} bytes",
            id.len()
        );
    }

    let text = logs.text();
    let per_request = text.len() / REQUESTS;
    println!("{per_request} bytes of log per hostile request; the longest line:");
    println!(
        "{}",
        text.lines().max_by_key(|l| l.len()).unwrap_or_default()
    );
    assert!(
        per_request <= 1024,
        "{per_request} bytes of log per request:\n{}",
        &text[..text.len().min(4000)]
    );
    assert!(
        !text.contains(&"a".repeat(300)),
        "a client value was logged whole"
    );
    let answered = text.lines().filter(|l| l.contains("answered")).count();
    assert_eq!(answered, REQUESTS, "one line per answered request");
    assert!(statuses.iter().all(|s| *s < 600));
    assert!(
        statuses.contains(&502),
        "an unreachable upstream was met: {statuses:?}"
    );
    let lines_of_502s = text.lines().filter(|l| l.contains("status=502")).count();
    assert_eq!(
        lines_of_502s,
        statuses.iter().filter(|s| **s == 502).count(),
        "a 5xx is one line"
    );
}
