//! `GET /authorize` and the consent form, against contract §1 "Authorize".
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
async fn consent_page_lists_users_and_scopes_in_plain_words() {
    let harness = Harness::for_tests();
    let reply = harness.authorize(&params(REDIRECT, &[]), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.text();
    assert!(html.contains("Alice Martin"), "seeded users are offered");
    assert!(
        html.contains("Play music in this browser"),
        "scopes are explained"
    );
    assert!(html.contains("action=\"/authorize/decision\""));
    assert!(!html.contains("<script"), "the page needs no script");
    let farah = html
        .split("value=\"farah\"")
        .nth(1)
        .and_then(|rest| rest.split("</label>").next());
    assert!(farah.is_some_and(|label| label.contains("Not on the app's allowlist")));
    let alice = html
        .split("value=\"alice\"")
        .nth(1)
        .and_then(|rest| rest.split("</label>").next());
    assert!(alice.is_some_and(|label| !label.contains("allowlist")));
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
async fn approving_redirects_with_a_code_and_the_state() {
    let harness = Harness::for_tests();
    let mut pairs = params(REDIRECT, &[("user", "alice"), ("decision", "approve")]);
    pairs.retain(|(k, _)| *k != "state");
    pairs.push(("state", "abc 123"));
    let reply = harness.post_form("/authorize/decision", &pairs, &[]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert!(reply
        .header("location")
        .is_some_and(|l| l.starts_with(REDIRECT)));
    assert!(reply.location_param("code").is_some_and(|c| !c.is_empty()));
    assert_eq!(reply.location_param("state").as_deref(), Some("abc 123"));
    assert!(reply
        .header("set-cookie")
        .is_some_and(|c| c.contains("alice")));
}

#[tokio::test]
async fn denying_redirects_with_access_denied() {
    let harness = Harness::for_tests();
    let pairs = params(REDIRECT, &[("user", "alice"), ("decision", "deny")]);
    let reply = harness.post_form("/authorize/decision", &pairs, &[]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(reply.location_param("state").as_deref(), Some("xyz"));
    assert_eq!(reply.location_param("code"), None);
}

#[tokio::test]
async fn a_remembered_browser_is_approved_without_the_page_unless_show_dialog() {
    let harness = Harness::for_tests();
    let cookie = "sandbox_user=bruno";
    let quick = harness
        .authorize(&params(REDIRECT, &[]), Some(cookie))
        .await;
    assert_eq!(quick.status, StatusCode::FOUND);
    assert!(quick.location_param("code").is_some());

    let forced = harness
        .authorize(&params(REDIRECT, &[("show_dialog", "true")]), Some(cookie))
        .await;
    assert_eq!(forced.status, StatusCode::OK);
    assert!(
        forced.text().contains("value=\"bruno\" checked"),
        "the remembered account is preselected"
    );
}

#[tokio::test]
async fn typing_a_new_name_creates_a_premium_user() {
    let harness = Harness::for_tests();
    let pairs = params(
        REDIRECT,
        &[("new_name", "Zoe Quinn"), ("decision", "approve")],
    );
    let reply = harness.post_form("/authorize/decision", &pairs, &[]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let created = harness
        .sandbox
        .read(|world| world.library.user("zoequinn").map(|u| u.product));
    assert_eq!(
        created,
        Some(spotify_sandbox::catalogue::library::Product::Premium)
    );
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
    assert_eq!(reply.status, StatusCode::OK);
}
