//! The sandbox over a real socket: `spawn`, the admin API over HTTP, a full browser-like login
//! with reqwest (login form, consent screen, code exchange), and the binary's startup line.
//! Run: `cargo test -p spotify-sandbox --test server`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use spotify_sandbox::{spawn, SandboxConfig};
use support::browser::WebBrowser;

mod support;

use support::{CHALLENGE, VERIFIER};

#[tokio::test]
async fn spawn_serves_on_a_loopback_port() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    assert!(running.base_url().starts_with("http://127.0.0.1:"));
    let health = reqwest::get(format!("{}/healthz", running.base_url()))
        .await
        .expect("health");
    assert_eq!(health.text().await.expect("text"), "ok");
}

#[tokio::test]
async fn a_browser_like_login_yields_tokens_that_work() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    let base = running.base_url();
    let redirect = "http://127.0.0.1:8080/callback";
    let authorize = url::Url::parse_with_params(
        &format!("{base}/authorize"),
        &[
            ("client_id", "chorus-demo"),
            ("response_type", "code"),
            ("redirect_uri", redirect),
            ("state", "st"),
            ("scope", "user-read-private"),
            ("code_challenge_method", "S256"),
            ("code_challenge", CHALLENGE),
            ("show_dialog", "true"),
        ],
    )
    .expect("a URL");
    let back = WebBrowser::new(&base)
        .log_in_and_agree(authorize.as_str(), "chen")
        .await;
    let url = url::Url::parse(&back).expect("url");
    assert!(back.starts_with(redirect), "{back}");
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let client = reqwest::Client::new();
    let tokens: Value = client
        .post(format!("{base}/api/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
            ("client_id", "chorus-demo"),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let access = tokens["access_token"].as_str().expect("access token");
    let me: Value = client
        .get(format!("{base}/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    assert_eq!(me["id"], "chen");
}

#[tokio::test]
async fn the_admin_api_advances_the_clock_and_shows_the_state() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    let base = running.base_url();
    let client = reqwest::Client::new();
    let before = running.sandbox().now_ms();
    let advanced: Value = client
        .post(format!("{base}/_sandbox/clock/advance"))
        .json(&json!({"ms": 90_000}))
        .send()
        .await
        .expect("advance")
        .json()
        .await
        .expect("json");
    assert_eq!(advanced["now_ms"], json!(before + 90_000));
    let issued: Value = client
        .post(format!("{base}/_sandbox/tokens"))
        .json(&json!({"user_id": "dana"}))
        .send()
        .await
        .expect("tokens")
        .json()
        .await
        .expect("json");
    assert!(issued["access_token"].is_string());
    let state: Value = client
        .get(format!("{base}/_sandbox/state"))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json");
    assert_eq!(state["clock"], "manual");
    assert!(state["users"].as_array().is_some_and(|u| u.len() >= 10));
    let dana_tokens = state["access_tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .filter(|t| t["user_id"] == "dana")
        .count();
    assert_eq!(dana_tokens, 1);
    let fault = client
        .post(format!("{base}/_sandbox/faults"))
        .json(&json!({"path": "/v1/me", "status": 500, "count": 1}))
        .send()
        .await
        .expect("fault");
    assert_eq!(fault.status().as_u16(), 204);
    let me = client
        .get(format!("{base}/v1/me"))
        .bearer_auth(issued["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("me");
    assert_eq!(me.status().as_u16(), 500);
}

#[tokio::test]
async fn the_admin_api_is_absent_unless_enabled() {
    let config = SandboxConfig {
        admin: false,
        ..SandboxConfig::for_tests()
    };
    let running = spawn(config).await.expect("starts");
    let reply = reqwest::get(format!("{}/_sandbox/state", running.base_url()))
        .await
        .expect("reply");
    assert_eq!(reply.status().as_u16(), 404);
}

#[test]
fn the_binary_announces_its_address() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spotify-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--clock", "manual", "--admin"])
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let stdout = child.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.contains("spotify-sandbox listening on http://127.0.0.1:"));
    child.kill().expect("the child stops");
    let _ = child.wait();
    assert!(line.is_some(), "the startup line is logged");
}
