//! `GET /authorize`'s checks of the request, against contract §1 "Authorize" (the login and the
//! consent screen: `accounts_login.rs`).
//! Run: `cargo test -p spotify-sandbox --test accounts_authorize`.

mod support;

use axum::http::StatusCode;
use support::{Harness, CHALLENGE, CLIENT_ID, REDIRECT};

fn params<'a>(redirect_uri: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut pairs = vec![
        ("client_id", CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", redirect_uri),
        ("state", "xyz"),
        ("scope", "streaming user-read-private"),
        ("code_challenge_method", "S256"),
        ("code_challenge", CHALLENGE),
    ];
    pairs.extend_from_slice(extra);
    pairs
}

#[tokio::test]
async fn unregistered_redirect_uri_shows_an_error_page_without_redirecting() {
    let harness = Harness::for_tests();
    for uri in [
        "http://localhost:8080/callback",
        "http://127.0.0.1:8080/other",
        "https://evil.example/callback",
    ] {
        let reply = harness.authorize(&params(uri, &[]), None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            reply.header("location").is_none(),
            "{uri} must not redirect"
        );
        assert!(
            reply
                .text()
                .contains("INVALID_CLIENT: Invalid redirect URI"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn unknown_client_shows_an_error_page() {
    let harness = Harness::for_tests();
    let mut pairs = params(REDIRECT, &[]);
    pairs[0] = ("client_id", "someone-else");
    let reply = harness.authorize(&pairs, None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.text().contains("INVALID_CLIENT"));
}

#[tokio::test]
async fn plain_challenge_method_is_sent_back_as_invalid_request() {
    let harness = Harness::for_tests();
    let mut pairs = params(REDIRECT, &[]);
    pairs[5] = ("code_challenge_method", "plain");
    let reply = harness.authorize(&pairs, None).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(reply.location_param("state").as_deref(), Some("xyz"));
}

#[tokio::test]
async fn loopback_ipv6_with_any_port_is_accepted_when_registered() {
    let mut config = spotify_sandbox::SandboxConfig::for_tests();
    config
        .client
        .redirect_uris
        .push("http://[::1]/callback".to_owned());
    let harness = Harness::new(config);
    let reply = harness
        .authorize(&params("http://[::1]:5173/callback", &[]), None)
        .await;
    assert_eq!(reply.status, StatusCode::FOUND, "on to the login form");
    assert!(reply
        .header("location")
        .is_some_and(|l| l.starts_with("/login?continue=%2Fauthorize%3F")));
}
