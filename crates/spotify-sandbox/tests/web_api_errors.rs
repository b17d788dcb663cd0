//! Web API error bodies of contract §2: authentication, allowlist, scopes, Premium, rate limits
//! and scripted faults. Run: `cargo test -p spotify-sandbox --test web_api_errors`.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;
use spotify_sandbox::faults::Fault;
use spotify_sandbox::SandboxConfig;
use support::{Harness, Reply};

fn assert_error(reply: &Reply, status: u16, message: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({"error": {"status": status, "message": message}})
    );
}

fn assert_player_error(reply: &Reply, status: u16, message: &str, reason: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({"error": {"status": status, "message": message, "reason": reason}})
    );
}

#[tokio::test]
async fn no_authorization_header_means_no_token_provided() {
    let harness = Harness::for_tests();
    let reply = harness.call(Method::GET, "/v1/me", None, None).await;
    assert_error(&reply, 401, "No token provided");
}

#[tokio::test]
async fn a_malformed_authorization_header_is_a_bad_request() {
    let harness = Harness::for_tests();
    let request = axum::http::Request::builder()
        .uri("/v1/me")
        .header("authorization", "Basic abc")
        .body(axum::body::Body::empty())
        .expect("a request");
    assert_error(
        &harness.send(request).await,
        400,
        "Only valid bearer authentication supported",
    );
}

#[tokio::test]
async fn an_unknown_token_is_invalid() {
    let harness = Harness::for_tests();
    assert_error(
        &harness.get("/v1/me", "BQnope").await,
        401,
        "Invalid access token",
    );
}

#[tokio::test]
async fn an_expired_token_says_so() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    assert_eq!(harness.sandbox.expire_access_tokens("alice"), 1);
    assert_error(
        &harness.get("/v1/me", &token).await,
        401,
        "The access token expired",
    );
}

#[tokio::test]
async fn a_user_outside_the_allowlist_is_not_registered() {
    let harness = Harness::for_tests();
    // Five Premium users are registered by default; the sixth is not.
    let token = harness.token("farah");
    assert_error(
        &harness.get("/v1/me", &token).await,
        403,
        "User not registered in the Developer Dashboard",
    );
    assert!(harness.sandbox.register_in_allowlist("farah"));
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_missing_scope_is_forbidden() {
    let harness = Harness::for_tests();
    let token = harness
        .sandbox
        .issue_tokens("alice", &["streaming".to_owned()])
        .expect("alice")
        .access_token;
    assert_error(
        &harness.get("/v1/me/player", &token).await,
        403,
        "Insufficient client scope",
    );
}

#[tokio::test]
async fn every_player_command_of_a_free_account_requires_premium() {
    let mut config = SandboxConfig::for_tests();
    config.allowlist_size = 10;
    let harness = Harness::new(config);
    let token = harness.token("ines");
    let commands = [
        (Method::PUT, "/v1/me/player/play"),
        (Method::PUT, "/v1/me/player/pause"),
        (Method::POST, "/v1/me/player/next"),
        (Method::POST, "/v1/me/player/previous"),
        (Method::PUT, "/v1/me/player/seek?position_ms=0"),
        (Method::PUT, "/v1/me/player/volume?volume_percent=50"),
        (Method::PUT, "/v1/me/player/shuffle?state=true"),
        (Method::PUT, "/v1/me/player/repeat?state=off"),
        (Method::POST, "/v1/me/player/queue?uri=spotify:track:x"),
    ];
    for (method, path) in commands {
        let reply = harness.call(method, path, Some(&token), None).await;
        assert_player_error(
            &reply,
            403,
            "Player command failed: Premium required",
            "PREMIUM_REQUIRED",
        );
    }
    let transfer = harness
        .put("/v1/me/player", &token, Some(json!({"device_ids": ["x"]})))
        .await;
    assert_player_error(
        &transfer,
        403,
        "Player command failed: Premium required",
        "PREMIUM_REQUIRED",
    );
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_over_a_rolling_window() {
    let mut config = SandboxConfig::for_tests();
    config.rate_limit = Some(spotify_sandbox::RateLimit::per_30_seconds(3));
    let harness = Harness::new(config);
    let token = harness.token("alice");
    for _ in 0..3 {
        assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
    }
    let limited = harness.get("/v1/me", &token).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after").as_deref(), Some("30"));
    harness.advance_ms(30_000);
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn scripted_faults_hit_the_next_calls_of_their_route_only() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    harness.sandbox.add_fault(Fault {
        path: "/v1/me".to_owned(),
        method: None,
        status: Some(500),
        retry_after_secs: None,
        reason: None,
        latency_ms: None,
        remaining: 1,
    });
    harness.sandbox.add_fault(Fault {
        path: "/v1/me/player*".to_owned(),
        method: Some("GET".to_owned()),
        status: Some(429),
        retry_after_secs: Some(7),
        reason: Some("QUOTA_EXCEEDED".to_owned()),
        latency_ms: None,
        remaining: 1,
    });
    assert_eq!(
        harness.get("/v1/me", &token).await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
    let limited = harness.get("/v1/me/player/devices", &token).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after").as_deref(), Some("7"));
    assert_eq!(limited.json()["error"]["reason"], "QUOTA_EXCEEDED");
}

#[tokio::test]
async fn a_scripted_fault_with_a_player_reason_answers_the_contract_body() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    harness.sandbox.add_fault(Fault {
        path: "/v1/me/player/play".to_owned(),
        method: Some("PUT".to_owned()),
        status: Some(403),
        retry_after_secs: None,
        reason: Some("PREMIUM_REQUIRED".to_owned()),
        latency_ms: None,
        remaining: 1,
    });
    let refused = harness.put("/v1/me/player/play", &token, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json(),
        serde_json::json!({"error": {"status": 403, "message": "Player command failed: Premium required", "reason": "PREMIUM_REQUIRED"}})
    );
    harness.sandbox.add_fault(Fault {
        path: "/v1/me/player/next".to_owned(),
        method: None,
        status: Some(403),
        retry_after_secs: None,
        reason: Some("NO_NEXT_TRACK".to_owned()),
        latency_ms: None,
        remaining: 1,
    });
    let refused = harness.post("/v1/me/player/next", &token, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"]["reason"], "NO_NEXT_TRACK");
}

#[tokio::test]
async fn the_web_api_allows_any_origin_with_an_authorization_header() {
    let harness = Harness::for_tests();
    let request = axum::http::Request::builder()
        .method("OPTIONS")
        .uri("/v1/me/player/play")
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "PUT")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .body(axum::body::Body::empty())
        .expect("a request");
    let reply = harness.send(request).await;
    assert!(reply.status.is_success());
    assert_eq!(
        reply.header("access-control-allow-origin").as_deref(),
        Some("http://127.0.0.1:8080")
    );
    assert!(reply
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("authorization")));
}

#[tokio::test]
async fn the_retired_tracks_paths_are_forbidden() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let playlist = harness
        .sandbox
        .read(|w| w.library.playlists_of("alice")[0].id.clone());
    let reply = harness
        .get(&format!("/v1/playlists/{playlist}/tracks"), &token)
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = harness
        .post(
            &format!("/v1/playlists/{playlist}/tracks"),
            &token,
            Some(json!({"uris": []})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}
