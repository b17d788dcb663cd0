//! The token routes end to end over real sockets: browser-like tab → proxy → stub upstream that
//! speaks docs/spotify-contract.md §1, in both refresh regimes.

mod support;

use reqwest::StatusCode;
use serde_json::json;
use support::{Next, Proxy, Regime, StubUpstream, REDIRECT_URI, VERIFIER};

const TAB_A: &str = "tab-a-0123456789abcdef";
const TAB_B: &str = "tab-b-0123456789abcdef";

#[tokio::test]
async fn exchange_returns_the_access_token_and_hides_the_refresh_token_in_a_sealed_cookie() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);

    let answer = tab.sign_in(&stub, "code-SECRET-1").await;

    let body = answer.json();
    assert_eq!(body["access_token"], "at-SECRET-1");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "streaming user-read-email");
    assert!(
        body.get("refresh_token").is_none(),
        "the refresh token must not reach JavaScript"
    );
    assert!(!answer.body.contains("rt-SECRET"));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let cookie = answer.set_cookies().pop().expect("a refresh cookie");
    assert!(
        cookie.starts_with(&format!("{}=", tab.cookie_name())),
        "{cookie}"
    );
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/api/token")
    );
    assert!(
        !cookie.contains("Secure"),
        "plain-http loopback serving cannot use Secure cookies"
    );
    assert!(
        !cookie.contains("rt-SECRET"),
        "the cookie is sealed: {cookie}"
    );

    let sent = stub.last_request().form;
    assert_eq!(sent["grant_type"], "authorization_code");
    assert_eq!(sent["code_verifier"], VERIFIER);
    assert_eq!(sent["redirect_uri"], REDIRECT_URI);
    assert_eq!(sent["client_id"], support::CLIENT_ID);
    assert!(
        stub.last_request().authorization.is_none(),
        "a public client sends no Basic auth"
    );
}

#[tokio::test]
async fn legacy_refresh_stores_the_rotated_refresh_token() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;

    let first = tab.refresh().await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.json()["access_token"], "at-SECRET-2");
    assert_eq!(stub.last_request().form["refresh_token"], "rt-SECRET-1");

    // The old token is revoked upstream now; a second refresh only works with the new one.
    let second = tab.refresh().await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(stub.last_request().form["refresh_token"], "rt-SECRET-2");
    assert_eq!(second.json()["access_token"], "at-SECRET-3");
    assert_eq!(second.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn current_refresh_keeps_the_original_refresh_token() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;

    for expected_access in ["at-SECRET-2", "at-SECRET-3", "at-SECRET-4"] {
        let answer = tab.refresh().await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(answer.json()["access_token"], expected_access);
        assert_eq!(stub.last_request().form["refresh_token"], "rt-SECRET-1");
    }
}

#[tokio::test]
async fn invalid_grant_on_refresh_asks_to_sign_in_again_and_clears_the_cookie() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    stub.revoke_all();

    let answer = tab.refresh().await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.error(), "sign_in_again");
    assert!(answer.json()["error_description"]
        .as_str()
        .is_some_and(|d| !d.is_empty()));
    assert!(
        answer.set_cookies().iter().any(|c| c.contains("Max-Age=0")),
        "cookie cleared"
    );
    assert!(tab.cookies.is_empty());
    assert_eq!(answer.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn a_tampered_cookie_is_refused_and_cleared_without_reaching_upstream() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    let name = tab.cookie_name();
    let value = tab.cookies.get_mut(&name).expect("cookie set");
    let flipped = if value.ends_with('A') { 'B' } else { 'A' };
    value.pop();
    value.push(flipped);
    let requests_before = stub.requests();

    let answer = tab.refresh().await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.error(), "sign_in_again");
    assert!(tab.cookies.is_empty(), "the bad cookie is cleared");
    assert_eq!(
        stub.requests(),
        requests_before,
        "nothing was sent upstream"
    );
}

#[tokio::test]
async fn a_cookie_moved_to_another_session_does_not_open() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab_a = proxy.tab(TAB_A);
    tab_a.sign_in(&stub, "code-SECRET-1").await;
    let sealed = tab_a.cookies[&tab_a.cookie_name()].clone();

    let mut tab_b = proxy.tab(TAB_B);
    let name_b = tab_b.cookie_name();
    tab_b.cookies.insert(name_b, sealed);
    let answer = tab_b.refresh().await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.error(), "sign_in_again");
    assert_eq!(
        tab_a.refresh().await.status,
        StatusCode::OK,
        "tab A is unaffected"
    );
}

#[tokio::test]
async fn two_tabs_keep_two_independent_sessions() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab_a = proxy.tab(TAB_A);
    let mut tab_b = proxy.tab(TAB_B);
    tab_a.sign_in(&stub, "code-SECRET-a").await;
    tab_b.sign_in(&stub, "code-SECRET-b").await;

    // A browser sends both cookies to /api/token; each tab's header picks its own.
    let mut both = tab_a.cookies.clone();
    both.extend(tab_b.cookies.clone());
    tab_a.cookies.clone_from(&both);
    tab_b.cookies = both;

    assert_eq!(tab_a.refresh().await.status, StatusCode::OK);
    assert_eq!(stub.last_request().form["refresh_token"], "rt-SECRET-1");
    assert_eq!(tab_b.refresh().await.status, StatusCode::OK);
    assert_eq!(stub.last_request().form["refresh_token"], "rt-SECRET-2");
}

#[tokio::test]
async fn a_cookie_sealed_before_a_key_rotation_still_opens() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let old_key = chorus_proxy::SealingKeyMaterial::generate().to_base64();
    let new_key = chorus_proxy::SealingKeyMaterial::generate().to_base64();
    let before = Proxy::spawn(&stub, &["--sealing-key", &old_key]).await;
    let mut tab = before.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    let sealed_with_old = tab.cookies.clone();

    let after = Proxy::spawn(
        &stub,
        &["--sealing-key", &new_key, "--sealing-key", &old_key],
    )
    .await;
    let mut same_tab = after.tab(TAB_A);
    same_tab.cookies = sealed_with_old.clone();
    let answer = same_tab.refresh().await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_ne!(
        same_tab.cookies, sealed_with_old,
        "the cookie is sealed again, with the newest key"
    );

    let only_new = Proxy::spawn(&stub, &["--sealing-key", &new_key]).await;
    let mut resealed = only_new.tab(TAB_A);
    resealed.cookies = same_tab.cookies.clone();
    assert_eq!(
        resealed.refresh().await.status,
        StatusCode::OK,
        "resealed cookie opens with the new key alone"
    );
    let mut stale = only_new.tab(TAB_A);
    stale.cookies = sealed_with_old;
    assert_eq!(
        stale.refresh().await.error(),
        "sign_in_again",
        "old key retired: old cookie is dead"
    );
}

#[tokio::test]
async fn a_proxy_restarted_with_the_same_key_keeps_the_session() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let key = chorus_proxy::SealingKeyMaterial::generate().to_base64();
    let first = Proxy::spawn(&stub, &["--sealing-key", &key]).await;
    let mut tab = first.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;

    let second = Proxy::spawn(&stub, &["--sealing-key", &key]).await;
    let mut same_tab = second.tab(TAB_A);
    same_tab.cookies = tab.cookies.clone();
    assert_eq!(same_tab.refresh().await.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_clears_the_tabs_cookie() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;

    let answer = tab.logout().await;

    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert!(tab.cookies.is_empty());
    assert_eq!(tab.refresh().await.error(), "sign_in_again");
}

#[tokio::test]
async fn refresh_without_a_cookie_asks_to_sign_in_again() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let answer = proxy.tab(TAB_A).refresh().await;
    assert_eq!(
        (answer.status, answer.error().as_str()),
        (StatusCode::UNAUTHORIZED, "sign_in_again")
    );
    assert_eq!(stub.requests(), 0);
}

#[tokio::test]
async fn a_used_code_is_refused_with_spotifys_description() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;

    let again = tab.exchange("code-SECRET-1").await;

    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        again.json(),
        json!({"error": "invalid_grant", "error_description": "Invalid authorization code"})
    );
}

#[tokio::test]
async fn a_wrong_verifier_is_refused_with_spotifys_description() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    stub.authorize("code-SECRET-1", VERIFIER, REDIRECT_URI);
    let wrong_verifier = "x".repeat(43);

    let answer = proxy
        .tab(TAB_A)
        .exchange_with(json!({"code": "code-SECRET-1", "code_verifier": wrong_verifier, "redirect_uri": REDIRECT_URI}))
        .await;

    assert_eq!(
        answer.json(),
        json!({"error": "invalid_grant", "error_description": "code_verifier was incorrect"})
    );
}

#[tokio::test]
async fn a_redirect_uri_other_than_the_configured_one_never_reaches_upstream() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let answer = proxy
        .tab(TAB_A)
        .exchange_with(json!({"code": "c", "code_verifier": VERIFIER, "redirect_uri": "https://evil.example/callback"}))
        .await;
    assert_eq!(
        (answer.status, answer.error().as_str()),
        (StatusCode::BAD_REQUEST, "invalid_request")
    );
    assert_eq!(stub.requests(), 0);
}

#[tokio::test]
async fn a_confidential_client_authenticates_with_basic_auth_and_still_sends_the_verifier() {
    let stub = StubUpstream::spawn_with_secret(Regime::Legacy, Some("s3cret")).await;
    let proxy = Proxy::spawn(&stub, &["--client-secret", "s3cret"]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    let recorded = stub.last_request();
    assert!(recorded
        .authorization
        .is_some_and(|a| a.starts_with("Basic ")));
    assert_eq!(recorded.form["code_verifier"], VERIFIER);
}

#[tokio::test]
async fn a_wrong_client_secret_is_a_gateway_error_not_the_users_fault() {
    let stub = StubUpstream::spawn_with_secret(Regime::Legacy, Some("s3cret")).await;
    let proxy = Proxy::spawn(&stub, &["--client-secret", "wrong"]).await;
    stub.authorize("code-SECRET-1", VERIFIER, REDIRECT_URI);
    let answer = proxy.tab(TAB_A).exchange("code-SECRET-1").await;
    assert_eq!(
        (answer.status, answer.error().as_str()),
        (StatusCode::BAD_GATEWAY, "upstream_error")
    );
    assert!(!answer.body.contains("s3cret") && !answer.body.contains("wrong"));
}

#[tokio::test]
async fn upstream_429_is_passed_through_with_its_retry_after() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    stub.answer_next(Next::RateLimited { retry_after: "7" });

    let answer = tab.refresh().await;

    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.header("retry-after"), Some("7"));
    assert_eq!(answer.error(), "rate_limited");
    assert!(!tab.cookies.is_empty(), "a rate limit keeps the session");
    assert_eq!(tab.refresh().await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_slow_upstream_times_out_with_504_and_keeps_the_session() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--upstream-timeout-secs", "1"]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    stub.answer_next(Next::Hang(std::time::Duration::from_secs(30)));

    let started = std::time::Instant::now();
    let answer = tab.refresh().await;

    assert_eq!(
        (answer.status, answer.error().as_str()),
        (StatusCode::GATEWAY_TIMEOUT, "upstream_unavailable")
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(!tab.cookies.is_empty());
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_with_a_json_error() {
    // Port 9 (discard) on loopback: nothing listens there on a test machine.
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--token-url", "http://127.0.0.1:9/api/token"]).await;
    let answer = proxy.tab(TAB_A).exchange("code-SECRET-1").await;
    assert_eq!(
        (answer.status, answer.error().as_str()),
        (StatusCode::BAD_GATEWAY, "upstream_error")
    );
    assert_eq!(
        stub.requests(),
        0,
        "only the configured token URL is called"
    );
}

#[tokio::test]
async fn a_garbled_upstream_answer_is_a_502_that_does_not_leak_it() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    stub.answer_next(Next::Status(
        StatusCode::OK,
        json!({"access_token": "at-SECRET-x", "token_type": 5}),
    ));
    let answer = proxy.tab(TAB_A).exchange("code-SECRET-1").await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert!(!answer.body.contains("at-SECRET-x"));
}

#[tokio::test]
async fn two_simultaneous_legacy_refreshes_of_one_tab_share_one_upstream_call() {
    let stub = StubUpstream::spawn(Regime::Legacy).await;
    let proxy = Proxy::spawn(&stub, &[]).await;
    let mut tab = proxy.tab(TAB_A);
    tab.sign_in(&stub, "code-SECRET-1").await;
    let mut same_tab_again = proxy.tab(TAB_A);
    same_tab_again.cookies = tab.cookies.clone();
    let requests_before = stub.requests();
    // Slow the upstream so that both requests are in flight together.
    stub.answer_next(Next::Hang(std::time::Duration::from_millis(300)));

    let (first, second) = tokio::join!(tab.refresh(), same_tab_again.refresh());

    assert_eq!(
        (first.status, second.status),
        (StatusCode::OK, StatusCode::OK),
        "{} / {}",
        first.body,
        second.body
    );
    assert_eq!(first.json()["access_token"], second.json()["access_token"]);
    assert_eq!(
        stub.requests(),
        requests_before + 1,
        "one refresh token, one upstream refresh"
    );
    assert_eq!(
        tab.cookies, same_tab_again.cookies,
        "both carry the rotated token's cookie"
    );
    assert_eq!(
        tab.refresh().await.status,
        StatusCode::OK,
        "the chain is intact"
    );
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_and_hsts_is_on() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--public-url", "https://chorus.example/"]).await;
    let mut tab = proxy.tab(TAB_A);

    let answer = tab.sign_in(&stub, "code-SECRET-1").await;

    let cookie = answer.set_cookies().pop().expect("a refresh cookie");
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    assert!(answer.header("strict-transport-security").is_some());
}

#[tokio::test]
async fn each_upstream_failure_is_told_in_its_own_words() {
    let description = |answer: &support::Answer| {
        answer.json()["error_description"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let stub = StubUpstream::spawn_with_secret(Regime::Current, Some("s3cret")).await;

    let unreachable = Proxy::spawn(&stub, &["--token-url", "http://127.0.0.1:9/api/token"]).await;
    let answer = unreachable.tab(TAB_A).exchange("code-SECRET-1").await;
    assert!(
        description(&answer).contains("could not be reached"),
        "{}",
        answer.body
    );

    let refused = Proxy::spawn(&stub, &["--client-secret", "wrong"]).await;
    stub.authorize("code-SECRET-2", VERIFIER, REDIRECT_URI);
    let answer = refused.tab(TAB_A).exchange("code-SECRET-2").await;
    assert!(description(&answer).contains("refused"), "{}", answer.body);

    let proxy = Proxy::spawn(
        &stub,
        &["--client-secret", "s3cret", "--upstream-timeout-secs", "1"],
    )
    .await;
    stub.answer_next(Next::Status(
        StatusCode::OK,
        json!({"access_token": "at-SECRET-x", "token_type": 5}),
    ));
    let answer = proxy.tab(TAB_A).exchange("code-SECRET-3").await;
    assert!(
        description(&answer).contains("unusable answer"),
        "{}",
        answer.body
    );

    stub.answer_next(Next::Hang(std::time::Duration::from_secs(30)));
    let answer = proxy.tab(TAB_A).exchange("code-SECRET-4").await;
    assert!(
        description(&answer).contains("did not answer in time"),
        "{}",
        answer.body
    );
}
