//! The proxy serves the app, its SPA routes and its runtime config, in process and over a socket.

use axum::{body::Body, http::Request};
use chorus_core::config::{RuntimeConfig, TokenMode};
use chorus_proxy::{router, AppState};
use tower::ServiceExt;

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

/// A fresh directory per call: tests run in parallel, and rewriting one shared file while
/// another test reads it made reads come back empty.
fn dist_with_index() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("chorus-proxy-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("index.html"), "<h1>Chorus</h1>").expect("write index");
    std::fs::write(dir.join("app.css"), "body{}").expect("write css");
    dir
}

async fn get(path: &str) -> (u16, String) {
    let app = router(AppState::new(sample_config(), dist_with_index()).expect("state"));
    let response = app
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn config_json_round_trips_into_the_core_type() {
    let (status, body) = get("/config.json").await;
    assert_eq!(status, 200);
    assert_eq!(
        RuntimeConfig::from_json(&body).expect("parses"),
        sample_config()
    );
}

#[tokio::test]
async fn spa_routes_fall_back_to_index_html_with_200() {
    let (status, body) = get("/callback?code=abc&state=xyz").await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Chorus</h1>"));
}

#[tokio::test]
async fn static_files_are_served_as_they_are() {
    assert_eq!(get("/app.css").await, (200, "body{}".to_string()));
}

#[tokio::test]
async fn healthz_answers_over_a_real_socket() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(AppState::new(sample_config(), dist_with_index()).expect("state"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("ok"), "{answer}");
}

#[tokio::test]
async fn odd_paths_reach_the_app_and_never_a_server_error() {
    // A path component over NAME_MAX makes the file system answer ENAMETOOLONG (found by the
    // fuzz target), a path below a file ENOTDIR.
    for path in [
        format!("/{}", "a".repeat(300)),
        "/app.css/x".to_owned(),
        "/%00".to_owned(),
    ] {
        let (status, body) = get(&path).await;
        assert!(status < 500, "{status} for {path}");
        if status == 200 {
            assert!(body.contains("<h1>Chorus</h1>"), "{path}");
        }
    }
}

#[tokio::test]
async fn a_long_path_of_short_segments_is_414_not_500() {
    // ~4 kB of `/a`: past PATH_MAX the file system answers ENAMETOOLONG (issue #15: a 500).
    let (status, _) = get(&"/a".repeat(2_100)).await;
    assert_eq!(status, 414);
    let (status, body) = get(&"/a".repeat(1_000)).await;
    assert_eq!(status, 200, "a long but lookable path is the app");
    assert!(body.contains("<h1>Chorus</h1>"));
}
