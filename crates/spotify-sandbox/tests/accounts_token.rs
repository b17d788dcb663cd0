//! `POST /api/token`: every error row of contract §1's table, PKCE with the RFC 7636 appendix B
//! vector, both refresh regimes and confidential clients.
//! Run: `cargo test -p spotify-sandbox --test accounts_token`.

mod support;

use std::time::Duration;

use axum::http::StatusCode;
use base64::Engine;
use serde_json::json;
use spotify_sandbox::{RefreshRegime, SandboxConfig};
use support::{Harness, Reply, ALL_SCOPES, CLIENT_ID, REDIRECT, VERIFIER};

async fn exchange(harness: &Harness, code: &str, redirect: &str, verifier: Option<&str>) -> Reply {
    let mut pairs = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect),
        ("client_id", CLIENT_ID),
    ];
    if let Some(verifier) = verifier {
        pairs.push(("code_verifier", verifier));
    }
    harness.post_form("/api/token", &pairs, &[]).await
}

async fn refresh(harness: &Harness, token: &str) -> Reply {
    harness
        .post_form(
            "/api/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", token),
                ("client_id", CLIENT_ID),
            ],
            &[],
        )
        .await
}

fn assert_error(reply: &Reply, error: &str, description: &str) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({"error": error, "error_description": description})
    );
}

fn with_regime(regime: RefreshRegime) -> Harness {
    let mut config = SandboxConfig::for_tests();
    config.client.refresh_regime = regime;
    Harness::new(config)
}

#[tokio::test]
async fn the_rfc_7636_verifier_exchanges_a_code_for_bearer_tokens() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", ALL_SCOPES).await;
    let reply = exchange(&harness, &code, REDIRECT, Some(VERIFIER)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], ALL_SCOPES);
    assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn a_used_code_is_an_invalid_authorization_code() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    assert_eq!(
        exchange(&harness, &code, REDIRECT, Some(VERIFIER))
            .await
            .status,
        StatusCode::OK
    );
    let again = exchange(&harness, &code, REDIRECT, Some(VERIFIER)).await;
    assert_error(&again, "invalid_grant", "Invalid authorization code");
}

#[tokio::test]
async fn an_unknown_code_is_an_invalid_authorization_code() {
    let harness = Harness::for_tests();
    let reply = exchange(&harness, "not-a-code", REDIRECT, Some(VERIFIER)).await;
    assert_error(&reply, "invalid_grant", "Invalid authorization code");
}

#[tokio::test]
async fn an_expired_code_is_an_invalid_authorization_code() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    harness.advance_ms(10 * 60 * 1000 + 1);
    let reply = exchange(&harness, &code, REDIRECT, Some(VERIFIER)).await;
    assert_error(&reply, "invalid_grant", "Invalid authorization code");
}

#[tokio::test]
async fn a_wrong_verifier_is_incorrect() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    let wrong = "a".repeat(43);
    let reply = exchange(&harness, &code, REDIRECT, Some(&wrong)).await;
    assert_error(&reply, "invalid_grant", "code_verifier was incorrect");
}

#[tokio::test]
async fn a_missing_verifier_is_required() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    let reply = exchange(&harness, &code, REDIRECT, None).await;
    assert_error(&reply, "invalid_request", "code_verifier required");
}

#[tokio::test]
async fn a_different_redirect_uri_is_invalid() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    let reply = exchange(
        &harness,
        &code,
        "http://127.0.0.1:9999/callback",
        Some(VERIFIER),
    )
    .await;
    assert_error(&reply, "invalid_grant", "Invalid redirect URI");
}

#[tokio::test]
async fn a_wrong_client_id_is_an_invalid_client() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "streaming").await;
    let reply = harness
        .post_form(
            "/api/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("client_id", "not-chorus"),
                ("code_verifier", VERIFIER),
            ],
            &[],
        )
        .await;
    assert_error(&reply, "invalid_client", "Invalid client");
}

#[tokio::test]
async fn missing_or_unknown_grant_types_are_unsupported() {
    let harness = Harness::for_tests();
    let missing = harness
        .post_form("/api/token", &[("client_id", CLIENT_ID)], &[])
        .await;
    assert_error(
        &missing,
        "unsupported_grant_type",
        "grant_type parameter is missing",
    );
    let unknown = harness
        .post_form("/api/token", &[("grant_type", "password")], &[])
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.json()["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn an_unknown_refresh_token_is_invalid() {
    let harness = Harness::for_tests();
    assert_error(
        &refresh(&harness, "nope").await,
        "invalid_grant",
        "Invalid refresh token",
    );
}

#[tokio::test]
async fn a_revoked_refresh_token_is_invalid() {
    let harness = Harness::for_tests();
    let tokens = harness.login("alice", "streaming").await;
    let refresh_token = tokens["refresh_token"].as_str().expect("a refresh token");
    assert_eq!(
        harness
            .sandbox
            .revoke_refresh_tokens(None, Some(refresh_token)),
        1
    );
    assert_error(
        &refresh(&harness, refresh_token).await,
        "invalid_grant",
        "Invalid refresh token",
    );
}

#[tokio::test]
async fn legacy_refresh_rotates_and_revokes_the_old_token() {
    let harness = with_regime(RefreshRegime::Legacy);
    let tokens = harness.login("alice", "streaming").await;
    let first = tokens["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();
    let reply = refresh(&harness, &first).await;
    assert_eq!(reply.status, StatusCode::OK);
    let second = reply.json()["refresh_token"]
        .as_str()
        .expect("a rotated refresh token")
        .to_owned();
    assert_ne!(first, second);
    assert_error(
        &refresh(&harness, &first).await,
        "invalid_grant",
        "Refresh token revoked",
    );
    assert_eq!(refresh(&harness, &second).await.status, StatusCode::OK);
}

#[tokio::test]
async fn current_refresh_keeps_the_token_until_its_absolute_expiry() {
    let mut config = SandboxConfig::for_tests();
    config.client.refresh_regime = RefreshRegime::Current;
    config.refresh_token_lifetime = Duration::from_secs(3600 * 24);
    let harness = Harness::new(config);
    let tokens = harness.login("alice", "streaming").await;
    let token = tokens["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();
    for _ in 0..2 {
        let reply = refresh(&harness, &token).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply.json().get("refresh_token").is_none(),
            "no refresh_token in the current regime"
        );
        assert!(reply.json()["access_token"].is_string());
    }
    harness.advance_ms(3600 * 24 * 1000);
    assert_error(
        &refresh(&harness, &token).await,
        "invalid_grant",
        "Refresh token expired",
    );
}

#[tokio::test]
async fn a_refreshed_access_token_works_after_the_old_one_expired() {
    let mut config = SandboxConfig::for_tests();
    config.access_token_ttl = Duration::from_secs(5);
    let harness = Harness::new(config);
    let tokens = harness.login("alice", "user-read-private").await;
    let access = tokens["access_token"].as_str().expect("access").to_owned();
    assert_eq!(tokens["expires_in"], 5);
    harness.advance_ms(5_000);
    assert_eq!(
        harness.get("/v1/me", &access).await.json()["error"]["message"],
        "The access token expired"
    );
    let fresh = refresh(&harness, tokens["refresh_token"].as_str().expect("refresh"))
        .await
        .json();
    let fresh = fresh["access_token"].as_str().expect("a new access token");
    assert_eq!(harness.get("/v1/me", fresh).await.status, StatusCode::OK);
}

fn confidential() -> Harness {
    let mut config = SandboxConfig::for_tests();
    config.client.client_secret = Some("s3cret".to_owned());
    Harness::new(config)
}

fn basic(id: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
    )
}

#[tokio::test]
async fn a_confidential_client_authenticates_with_basic_auth() {
    let harness = confidential();
    let code = harness.code_for("alice", "streaming").await;
    let pairs = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let reply = harness
        .post_form(
            "/api/token",
            &pairs,
            &[("authorization", &basic(CLIENT_ID, "s3cret"))],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

#[tokio::test]
async fn a_wrong_secret_is_an_invalid_client() {
    let harness = confidential();
    let code = harness.code_for("alice", "streaming").await;
    let pairs = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let reply = harness
        .post_form(
            "/api/token",
            &pairs,
            &[("authorization", &basic(CLIENT_ID, "wrong"))],
        )
        .await;
    assert_error(&reply, "invalid_client", "Invalid client");
}

#[tokio::test]
async fn the_token_endpoint_answers_cors_preflights_for_any_origin() {
    let harness = Harness::for_tests();
    let request = axum::http::Request::builder()
        .method("OPTIONS")
        .uri("/api/token")
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .body(axum::body::Body::empty())
        .expect("a request");
    let reply = harness.send(request).await;
    assert!(reply.status.is_success());
    assert_eq!(
        reply.header("access-control-allow-origin").as_deref(),
        Some("http://127.0.0.1:8080")
    );
}
