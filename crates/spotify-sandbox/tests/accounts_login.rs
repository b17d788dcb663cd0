//! The accounts service's one login per browser (contract §1, "One Spotify login per browser"):
//! the login form, Spotify's refusal of a wrong password, the consent screen for the logged-in
//! account (Agree / Cancel / Not you?), `show_dialog`, `/logout`, sign-up, and tokens outliving
//! the login. A browser is a cookie jar of one cookie over the in-process router.
//! Run: `cargo test -p spotify-sandbox --test accounts_login`.

mod support;

use std::sync::Mutex;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use support::{form, hidden_value, Harness, Reply, ALL_SCOPES, CLIENT_ID, REDIRECT, VERIFIER};

/// One browser profile: its sandbox cookie, shared by all its tabs.
struct Browser<'a> {
    harness: &'a Harness,
    cookie: Mutex<Option<String>>,
}

impl<'a> Browser<'a> {
    fn new(harness: &'a Harness) -> Self {
        Self {
            harness,
            cookie: Mutex::new(None),
        }
    }

    fn cookie(&self) -> Option<String> {
        self.cookie.lock().ok().and_then(|c| c.clone())
    }

    /// Keeps what `Set-Cookie` says, as a browser would (`Max-Age=0` deletes).
    fn remember(&self, reply: &Reply) {
        let Some(set) = reply.header("set-cookie") else {
            return;
        };
        let value = set.split(';').next().unwrap_or_default().to_owned();
        let cleared = set.contains("Max-Age=0") || value.ends_with('=');
        if let Ok(mut cookie) = self.cookie.lock() {
            *cookie = (!cleared).then_some(value);
        }
    }

    async fn get(&self, path: &str) -> Reply {
        let mut request = Request::builder().uri(path);
        if let Some(cookie) = self.cookie() {
            request = request.header(header::COOKIE, cookie);
        }
        let reply = self
            .harness
            .send(request.body(Body::empty()).expect("a request"))
            .await;
        self.remember(&reply);
        reply
    }

    async fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut extra = Vec::new();
        let cookie = self.cookie();
        if let Some(cookie) = cookie.as_deref() {
            extra.push(("cookie", cookie));
        }
        let reply = self.harness.post_form(path, pairs, &extra).await;
        self.remember(&reply);
        reply
    }

    /// `GET /authorize` for the tests' request, plus `extra` parameters.
    async fn authorize(&self, scope: &str, extra: &[(&str, &str)]) -> Reply {
        let mut pairs = Harness::authorize_params(scope);
        pairs.extend_from_slice(extra);
        self.get(&format!("/authorize?{}", form(&pairs))).await
    }

    async fn log_in(&self, username: &str, password: &str, continue_to: &str) -> Reply {
        self.post(
            "/login",
            &[
                ("username", username),
                ("password", password),
                ("continue", continue_to),
            ],
        )
        .await
    }

    /// Answers a consent screen that was shown as `page`.
    async fn answer(&self, page: &Reply, scope: &str, decision: &str) -> Reply {
        let token = hidden_value(&page.text(), "login").expect("the consent form");
        let mut pairs = Harness::authorize_params(scope);
        pairs.push(("login", &token));
        pairs.push(("decision", decision));
        self.post("/authorize/decision", &pairs).await
    }
}

fn location(reply: &Reply) -> String {
    reply.header("location").expect("a Location header")
}

/// Who a consent screen says is logged in (`data-user`).
fn logged_in_as(page: &Reply) -> Option<String> {
    let html = page.text();
    let after = html.split("id=\"logged-in-as\" data-user=\"").nth(1)?;
    after.split('"').next().map(str::to_owned)
}

async fn exchange(harness: &Harness, code: &str) -> Value {
    let reply = harness
        .post_form(
            "/api/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("client_id", CLIENT_ID),
                ("code_verifier", VERIFIER),
            ],
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

async fn me(harness: &Harness, token: &Value) -> Reply {
    harness
        .get("/v1/me", token["access_token"].as_str().expect("a token"))
        .await
}

/// A browser logged in as `user` (with the seeded password), looking at the consent screen.
async fn consent_screen<'a>(browser: &Browser<'a>, user: &str) -> Reply {
    let to_login = browser
        .authorize(ALL_SCOPES, &[("show_dialog", "true")])
        .await;
    let password = spotify_sandbox::catalogue::library::seeded_password(user);
    let continue_to = url::Url::parse(&format!("http://x{}", location(&to_login)))
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "continue")
                .map(|(_, v)| v.into_owned())
        })
        .expect("a continue parameter");
    let logged_in = browser.log_in(user, &password, &continue_to).await;
    assert_eq!(logged_in.status, StatusCode::FOUND, "{}", logged_in.text());
    let page = browser.get(&location(&logged_in)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    page
}

#[tokio::test]
async fn the_first_authorize_in_a_browser_shows_the_login_form() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let reply = browser
        .authorize(ALL_SCOPES, &[("show_dialog", "true")])
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let to = location(&reply);
    assert!(to.starts_with("/login?continue=%2Fauthorize%3F"), "{to}");
    let page = browser.get(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("action=\"/login\""), "{html}");
    assert!(html.contains("name=\"username\"") && html.contains("type=\"password\""));
    assert!(!html.contains("<script"), "the page needs no script");
    // The sandbox's accounts are listed with their passwords and what the Web API makes of them.
    let farah = html
        .split("<code>farah</code>")
        .nth(1)
        .and_then(|r| r.split("</li>").next());
    assert!(farah
        .is_some_and(|l| l.contains("farah-sandbox") && l.contains("Not on the app's allowlist")));
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_spotifys_wording() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    for (username, password) in [("alice", "bruno-sandbox"), ("nobody", "x"), ("alice", "")] {
        let reply = browser.log_in(username, password, "/status").await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "the form again for {username}"
        );
        assert!(
            reply.text().contains("Incorrect username or password."),
            "{username}"
        );
        assert!(
            reply.header("set-cookie").is_none(),
            "no login for {username}"
        );
    }
    let again = browser.authorize(ALL_SCOPES, &[]).await;
    assert!(
        location(&again).starts_with("/login?"),
        "still not logged in"
    );
}

#[tokio::test]
async fn a_login_by_email_or_any_case_of_the_username_works() {
    let harness = Harness::for_tests();
    for username in ["ALICE", "alice@chorus.test"] {
        let browser = Browser::new(&harness);
        let reply = browser.log_in(username, "alice-sandbox", "/status").await;
        assert_eq!(reply.status, StatusCode::FOUND, "{username}");
        let status = browser.get(&location(&reply)).await;
        assert_eq!(
            logged_in_as(&status).as_deref(),
            Some("alice"),
            "{username}"
        );
    }
}

#[tokio::test]
async fn logging_in_continues_to_the_consent_screen_of_that_account() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let page = consent_screen(&browser, "alice").await;
    let html = page.text();
    assert_eq!(logged_in_as(&page).as_deref(), Some("alice"));
    assert!(
        html.contains("Logged in as <strong>Alice Martin</strong>"),
        "{html}"
    );
    assert!(html.contains(">Not you?<"));
    assert!(html.contains(">Agree<") && html.contains(">Cancel<"));
    assert!(
        html.contains("Play music in this browser"),
        "scopes in plain words"
    );
    assert_eq!(
        harness.sandbox.inspect()["logins"],
        serde_json::json!(["alice"])
    );
}

#[tokio::test]
async fn agree_issues_a_code_for_the_logged_in_account() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let page = consent_screen(&browser, "chen").await;
    let reply = browser.answer(&page, ALL_SCOPES, "approve").await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert!(location(&reply).starts_with(REDIRECT));
    assert_eq!(reply.location_param("state").as_deref(), Some("s1"));
    let code = reply.location_param("code").expect("a code");
    let tokens = exchange(&harness, &code).await;
    assert_eq!(me(&harness, &tokens).await.json()["id"], "chen");
}

#[tokio::test]
async fn cancel_sends_access_denied_back() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let page = consent_screen(&browser, "bruno").await;
    let reply = browser.answer(&page, ALL_SCOPES, "deny").await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(
        reply.location_param("error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(reply.location_param("state").as_deref(), Some("s1"));
    assert_eq!(reply.location_param("code"), None);
}

#[tokio::test]
async fn another_tab_of_the_browser_meets_the_same_login_and_agree_is_for_it() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    consent_screen(&browser, "alice").await;
    // A second tab (the same cookie): no login form, the account already logged in.
    let second = browser
        .authorize(ALL_SCOPES, &[("show_dialog", "true")])
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(logged_in_as(&second).as_deref(), Some("alice"));
    let reply = browser.answer(&second, ALL_SCOPES, "approve").await;
    let tokens = exchange(&harness, &reply.location_param("code").expect("a code")).await;
    assert_eq!(
        me(&harness, &tokens).await.json()["id"],
        "alice",
        "whoever clicked"
    );
}

#[tokio::test]
async fn not_you_ends_the_login_for_the_whole_browser_and_shows_the_login_form() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let alices_page = consent_screen(&browser, "alice").await;
    let continue_to = hidden_value(&alices_page.text(), "continue").expect("the Not you? form");
    let reply = browser
        .post("/authorize/not-you", &[("continue", &continue_to)])
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert!(location(&reply).starts_with("/login?continue=%2Fauthorize%3F"));
    assert_eq!(browser.cookie(), None, "the login cookie is cleared");
    assert_eq!(harness.sandbox.inspect()["logins"], serde_json::json!([]));
    // Every tab: the next authorize shows the login form.
    let other_tab = browser
        .authorize(ALL_SCOPES, &[("show_dialog", "true")])
        .await;
    assert!(location(&other_tab).starts_with("/login?"));
    // Bruno logs in; the consent screen is now his.
    let brunos_page = consent_screen(&browser, "bruno").await;
    assert_eq!(logged_in_as(&brunos_page).as_deref(), Some("bruno"));
    // Alice's stale page answered now is shown again for the current login, not agreed.
    let stale = browser.answer(&alices_page, ALL_SCOPES, "approve").await;
    assert_eq!(stale.status, StatusCode::FOUND);
    assert!(
        location(&stale).starts_with("/authorize?"),
        "{}",
        location(&stale)
    );
    assert_eq!(stale.location_param("code"), None);
}

#[tokio::test]
async fn without_show_dialog_an_earlier_grant_of_the_same_scopes_redirects_at_once() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let scope = "streaming user-read-private";
    // Not yet granted: the consent screen, with or without show_dialog.
    let page = consent_screen(&browser, "dana").await;
    let first = browser.authorize(scope, &[]).await;
    assert_eq!(first.status, StatusCode::OK, "no grant yet");
    browser.answer(&page, ALL_SCOPES, "approve").await;
    for extra in [&[][..], &[("show_dialog", "false")][..]] {
        let again = browser.authorize(scope, extra).await;
        assert_eq!(again.status, StatusCode::FOUND, "{extra:?}");
        assert!(again.location_param("code").is_some(), "{extra:?}");
    }
    let forced = browser.authorize(scope, &[("show_dialog", "true")]).await;
    assert_eq!(
        forced.status,
        StatusCode::OK,
        "show_dialog=true always shows the screen"
    );
    let more = browser.authorize("streaming user-follow-modify", &[]).await;
    assert_eq!(
        more.status,
        StatusCode::OK,
        "a scope never granted asks again"
    );
    // Another browser of the same account goes through the login form, then straight back.
    let elsewhere = Browser::new(&harness);
    let to_login = elsewhere.authorize(scope, &[]).await;
    let continue_to = hidden_value(
        &elsewhere.get(&location(&to_login)).await.text(),
        "continue",
    )
    .expect("the login form's continue");
    let logged_in = elsewhere.log_in("dana", "dana-sandbox", &continue_to).await;
    let back = elsewhere.get(&location(&logged_in)).await;
    assert_eq!(back.status, StatusCode::FOUND);
    assert!(back.location_param("code").is_some());
}

#[tokio::test]
async fn logout_ends_the_login_and_does_not_redirect_back() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    consent_screen(&browser, "emil").await;
    let reply = browser.get("/logout").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("location").is_none(), "a page of its own");
    assert!(reply.text().contains("You are logged out"));
    assert_eq!(browser.cookie(), None);
    let next = browser
        .authorize(ALL_SCOPES, &[("show_dialog", "true")])
        .await;
    assert!(location(&next).starts_with("/login?"));
    let status = browser.get("/status").await;
    assert!(location(&status).starts_with("/login?"));
}

#[tokio::test]
async fn tokens_stay_valid_after_the_login_ends() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let page = consent_screen(&browser, "alice").await;
    let reply = browser.answer(&page, ALL_SCOPES, "approve").await;
    let tokens = exchange(&harness, &reply.location_param("code").expect("a code")).await;
    browser.get("/logout").await;
    assert_eq!(me(&harness, &tokens).await.status, StatusCode::OK);
    let refreshed = harness
        .post_form(
            "/api/token",
            &[
                ("grant_type", "refresh_token"),
                (
                    "refresh_token",
                    tokens["refresh_token"].as_str().expect("a refresh token"),
                ),
                ("client_id", CLIENT_ID),
            ],
            &[],
        )
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text());
}

#[tokio::test]
async fn signing_up_makes_a_premium_listener_outside_the_allowlist() {
    let harness = Harness::for_tests();
    let browser = Browser::new(&harness);
    let form_page = browser.get("/signup?continue=%2Fstatus").await;
    assert!(form_page.text().contains("action=\"/signup\""));
    let reply = browser
        .post(
            "/signup",
            &[
                ("display_name", "Zoe Quinn"),
                ("password", "zoe"),
                ("continue", "/status"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.text());
    let status = browser.get("/status").await;
    assert_eq!(logged_in_as(&status).as_deref(), Some("zoequinn"));
    let product = harness
        .sandbox
        .read(|world| world.library.user("zoequinn").map(|u| u.product));
    assert_eq!(
        product,
        Some(spotify_sandbox::catalogue::library::Product::Premium)
    );
    // The allowlist (5) is full: the Web API refuses the newcomer.
    let token = harness.token("zoequinn");
    let profile = harness.get("/v1/me", &token).await;
    assert_eq!(profile.status, StatusCode::FORBIDDEN);
    // The name is taken now; the password works for the login form.
    let again = browser
        .post(
            "/signup",
            &[("display_name", "zoe quinn"), ("password", "x")],
        )
        .await;
    assert!(again.text().contains("already taken"));
    let other = Browser::new(&harness);
    assert_eq!(
        other.log_in("zoequinn", "zoe", "/status").await.status,
        StatusCode::FOUND
    );
}
