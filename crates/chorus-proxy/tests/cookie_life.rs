//! The life of a tab's refresh cookie (issue #13): named after a keyed hash of the session id,
//! refused on the server past its absolute age (30 days) or idle limit (7 days), `Max-Age` equal
//! to the idle limit and renewed by each refresh, never deleted by a stale refresh that Spotify
//! refuses, and every cookie of the tab's name tried. In process, with the proxy's clock moved
//! forward instead of waiting.

mod support;

use std::{collections::BTreeMap, time::Duration};

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use chorus_proxy::{router, AppState, Clock, SealingKeyMaterial, Settings};
use serde_json::{json, Value};
use support::{Regime, StubUpstream, REDIRECT_URI, VERIFIER};
use tower::ServiceExt;

const SESSION: &str = "tab-a-0123456789abcdef";
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

struct Proxy {
    app: Router,
    clock: Clock,
    key: SealingKeyMaterial,
    stub: StubUpstream,
}

async fn proxy(regime: Regime, adjust: impl FnOnce(&mut Settings)) -> Proxy {
    let stub = StubUpstream::spawn(regime).await;
    let config = support::config(&stub);
    let mut settings = Settings::for_config(&config);
    let key = SealingKeyMaterial::generate();
    settings.sealing_keys = vec![key.clone()];
    settings.rate_limit.burst = u32::MAX;
    adjust(&mut settings);
    let clock = settings.clock.clone();
    let app = router(AppState::with_settings(config, support::dist(), settings).expect("state"));
    Proxy {
        app,
        clock,
        key,
        stub,
    }
}

/// One answer: status, JSON body, and the `Set-Cookie` lines.
struct Answer {
    status: StatusCode,
    body: Value,
    set_cookies: Vec<String>,
}

/// A browser tab: its cookies by name, applied from `Set-Cookie` as a browser does.
#[derive(Default)]
struct Tab {
    cookies: BTreeMap<String, String>,
}

impl Tab {
    async fn post(&mut self, proxy: &Proxy, path: &str, body: Option<Value>) -> Answer {
        let line = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        self.post_with_cookie_line(proxy, path, body, &line).await
    }

    async fn post_with_cookie_line(
        &mut self,
        proxy: &Proxy,
        path: &str,
        body: Option<Value>,
        line: &str,
    ) -> Answer {
        let mut request = Request::post(path)
            .header("x-chorus-session", SESSION)
            .header(header::CONTENT_TYPE, "application/json");
        if !line.is_empty() {
            request = request.header(header::COOKIE, line);
        }
        let body = body.map_or(Body::empty(), |b| Body::from(b.to_string()));
        let response = proxy
            .app
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("infallible");
        let status = response.status();
        let set_cookies: Vec<String> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body");
        for line in &set_cookies {
            let pair = line.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if line.contains("Max-Age=0") || value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        Answer {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            set_cookies,
        }
    }

    async fn sign_in(&mut self, proxy: &Proxy, code: &str) -> Answer {
        proxy.stub.authorize(code, VERIFIER, REDIRECT_URI);
        let body = json!({"code": code, "code_verifier": VERIFIER, "redirect_uri": REDIRECT_URI});
        let answer = self.post(proxy, "/api/token/exchange", Some(body)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer
    }

    async fn refresh(&mut self, proxy: &Proxy) -> Answer {
        self.post(proxy, "/api/token/refresh", None).await
    }
}

fn max_age(answer: &Answer) -> Option<u64> {
    answer.set_cookies.iter().find_map(|line| {
        line.split(';')
            .find_map(|attribute| attribute.trim().strip_prefix("Max-Age="))
            .and_then(|v| v.parse().ok())
    })
}

fn assert_signed_out(answer: &Answer) {
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    assert_eq!(answer.body["error"], "sign_in_again");
    assert!(
        answer.set_cookies.iter().any(|c| c.contains("Max-Age=0")),
        "the cookie is cleared: {:?}",
        answer.set_cookies
    );
}

#[tokio::test]
async fn the_cookie_is_named_after_a_keyed_hash_of_the_session_not_the_session() {
    let proxy = proxy(Regime::Current, |_| {}).await;
    let mut tab = Tab::default();
    tab.sign_in(&proxy, "code-1").await;
    let name = tab.cookies.keys().next().cloned().expect("a cookie");
    assert!(name.starts_with("chorus_rt_"), "{name}");
    assert!(!name.contains(SESSION) && !name.contains("tab-a"), "{name}");
    assert_eq!(
        Some(name),
        chorus_proxy::cookie_name(&proxy.key, SESSION),
        "the proxy finds it again from the session id"
    );
}

#[tokio::test]
async fn max_age_is_the_idle_limit_and_every_refresh_renews_it() {
    let proxy = proxy(Regime::Current, |_| {}).await;
    let mut tab = Tab::default();
    let signed_in = tab.sign_in(&proxy, "code-1").await;
    assert_eq!(max_age(&signed_in), Some(7 * DAY.as_secs()));
    proxy.clock.advance(6 * DAY);
    let refreshed = tab.refresh(&proxy).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    assert_eq!(
        max_age(&refreshed),
        Some(7 * DAY.as_secs()),
        "a refresh starts the idle time over"
    );
    for _ in 0..3 {
        proxy.clock.advance(6 * DAY);
        assert_eq!(tab.refresh(&proxy).await.status, StatusCode::OK);
    }
    proxy.clock.advance(2 * DAY); // day 26 since sign-in
    let near_the_end = tab.refresh(&proxy).await;
    assert_eq!(near_the_end.status, StatusCode::OK, "{}", near_the_end.body);
    assert_eq!(
        max_age(&near_the_end),
        Some(4 * DAY.as_secs()),
        "never past 30 days from sign-in"
    );
}

#[tokio::test]
async fn a_cookie_idle_past_the_idle_limit_is_refused_and_cleared() {
    let proxy = proxy(Regime::Current, |_| {}).await;
    let mut tab = Tab::default();
    tab.sign_in(&proxy, "code-1").await;
    proxy.clock.advance(7 * DAY + Duration::from_secs(1));
    let requests = proxy.stub.requests();
    assert_signed_out(&tab.refresh(&proxy).await);
    assert_eq!(proxy.stub.requests(), requests, "nothing sent to Spotify");
    assert!(tab.cookies.is_empty());
}

#[tokio::test]
async fn a_cookie_signed_in_longer_ago_than_the_max_age_is_refused_however_often_refreshed() {
    let proxy = proxy(Regime::Current, |_| {}).await;
    let mut tab = Tab::default();
    tab.sign_in(&proxy, "code-1").await;
    for _ in 0..5 {
        proxy.clock.advance(6 * DAY);
        assert_eq!(tab.refresh(&proxy).await.status, StatusCode::OK);
    }
    proxy.clock.advance(DAY);
    assert_signed_out(&tab.refresh(&proxy).await);
}

#[tokio::test]
async fn a_stale_refresh_spotify_refuses_after_the_reuse_window_keeps_the_newer_cookie() {
    // No reuse window: the stale repeat reaches Spotify, which refuses its rotated token.
    let proxy = proxy(Regime::Legacy, |s| s.refresh_reuse_window = Duration::ZERO).await;
    let mut tab = Tab::default();
    tab.sign_in(&proxy, "code-1").await;
    let old = tab.cookies.clone();
    assert_eq!(tab.refresh(&proxy).await.status, StatusCode::OK);
    assert_ne!(tab.cookies, old, "the cookie was sealed again");

    // The same tab's delayed request, sent with the old cookie before the new one arrived.
    let mut delayed = Tab { cookies: old };
    let stale = delayed.refresh(&proxy).await;
    assert_eq!(stale.status, StatusCode::UNAUTHORIZED, "{}", stale.body);
    assert!(
        stale.set_cookies.is_empty(),
        "a clearing Set-Cookie would delete the tab's newer cookie: {:?}",
        stale.set_cookies
    );
    assert_eq!(
        tab.refresh(&proxy).await.status,
        StatusCode::OK,
        "the tab keeps its session"
    );
}

#[tokio::test]
async fn every_cookie_of_the_tabs_name_is_tried() {
    let proxy = proxy(Regime::Current, |_| {}).await;
    let mut tab = Tab::default();
    tab.sign_in(&proxy, "code-1").await;
    let (name, value) = tab.cookies.iter().next().expect("a cookie");
    // A narrower-path cookie of the same name comes first in the header.
    let line = format!("{name}=kid.stale-narrow-path-value; {name}={value}");
    let answer = tab
        .post_with_cookie_line(&proxy, "/api/token/refresh", None, &line)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}
