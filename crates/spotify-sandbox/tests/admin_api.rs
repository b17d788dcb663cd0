//! The admin API over HTTP (in process): reset, revocation, devices, allowlist, rate limit.
//! Run: `cargo test -p spotify-sandbox --test admin_api`.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::Harness;

async fn admin(harness: &Harness, path: &str, body: Value) -> support::Reply {
    harness.call(Method::POST, path, None, Some(body)).await
}

#[tokio::test]
async fn reset_forgets_every_token_and_device() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    harness.phone("alice");
    assert_eq!(
        admin(&harness, "/_sandbox/reset", json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        harness.get("/v1/me", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let state = harness
        .call(Method::GET, "/_sandbox/state", None, None)
        .await
        .json();
    let devices: usize = state["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["devices"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(devices, 0);
}

#[tokio::test]
async fn revoking_all_refresh_tokens_of_a_user_over_http() {
    let harness = Harness::for_tests();
    let issued = harness
        .sandbox
        .issue_tokens("alice", &["streaming".to_owned()])
        .expect("alice");
    let reply = admin(
        &harness,
        "/_sandbox/refresh-tokens/revoke",
        json!({"user_id": "alice"}),
    )
    .await;
    assert_eq!(reply.json()["revoked"], 1);
    let refreshed = harness
        .post_form(
            "/api/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &issued.refresh_token),
                ("client_id", "chorus-demo"),
            ],
            &[],
        )
        .await;
    assert_eq!(
        refreshed.json()["error_description"],
        "Invalid refresh token"
    );
}

#[tokio::test]
async fn a_dropped_device_is_no_longer_found() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let created = admin(
        &harness,
        "/_sandbox/users/alice/devices",
        json!({"name": "Kitchen", "type": "Speaker"}),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let device = created.json()["device_id"]
        .as_str()
        .expect("a device id")
        .to_owned();
    let devices = harness.get("/v1/me/player/devices", &token).await.json();
    assert_eq!(devices["devices"][0]["type"], "Speaker");
    assert_eq!(
        admin(
            &harness,
            &format!("/_sandbox/devices/{device}/drop"),
            json!({})
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let transfer = harness
        .put(
            "/v1/me/player",
            &token,
            Some(json!({"device_ids": [device]})),
        )
        .await;
    assert_eq!(transfer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        admin(
            &harness,
            &format!("/_sandbox/devices/{device}/drop"),
            json!({})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_allowlist_and_the_rate_limit_can_be_changed_at_run_time() {
    let harness = Harness::for_tests();
    let token = harness.token("goran");
    assert_eq!(
        harness.get("/v1/me", &token).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        admin(&harness, "/_sandbox/allowlist", json!({"user_id": "goran"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);

    admin(&harness, "/_sandbox/rate-limit", json!({"max_requests": 1})).await;
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
    assert_eq!(
        harness.get("/v1/me", &token).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    admin(
        &harness,
        "/_sandbox/rate-limit",
        json!({"max_requests": null}),
    )
    .await;
    assert_eq!(harness.get("/v1/me", &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn expiring_a_users_tokens_over_http_leaves_other_users_alone() {
    let harness = Harness::for_tests();
    let (alice, bruno) = (harness.token("alice"), harness.token("bruno"));
    let reply = admin(&harness, "/_sandbox/users/alice/expire-tokens", json!({})).await;
    assert_eq!(reply.json()["expired"], 1);
    assert_eq!(
        harness.get("/v1/me", &alice).await.json()["error"]["message"],
        "The access token expired"
    );
    assert_eq!(harness.get("/v1/me", &bruno).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_real_clock_cannot_be_advanced() {
    let harness = Harness::new(spotify_sandbox::SandboxConfig::default());
    let reply = admin(&harness, "/_sandbox/clock/advance", json!({"ms": 1000})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
}
