//! Scripting the sandbox from a browser test: its admin API and Web API over `fetch`, and
//! condition waits with a deadline (never a fixed sleep standing in for a condition).
//!
//! The sandbox's base URL comes from `CHORUS_SANDBOX_URL` at compile time (`cargo xtask test`
//! starts a sandbox and sets it). By hand:
//! `cargo run -p spotify-sandbox -- --listen 127.0.0.1:4555 --admin &` then
//! `CHORUS_SANDBOX_URL=http://127.0.0.1:4555 CHROMEDRIVER=/usr/bin/chromedriver \
//!  cargo test -p chorus-sdk --target wasm32-unknown-unknown`.

// Several test crates include this module and each uses a subset of it.
#![allow(dead_code)]

use std::future::Future;
use std::rc::Rc;

use chorus_core::auth::secret::AccessToken;
use chorus_sdk::{PlayerEvent, PlayerEvents, TokenSource, TokenUnavailable};
use futures::channel::mpsc;
use futures::future::{select, Either};
use futures::StreamExt;
use gloo_net::http::Request;
use js_sys::{Function, Promise};
use serde_json::{json, Value};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::console_log;

/// How long any awaited condition may take before the test fails.
pub const DEADLINE_MS: i32 = 10_000;

/// The sandbox this test binary was compiled against.
#[derive(Debug, Clone)]
pub struct Sandbox {
    base: Rc<str>,
}

impl Sandbox {
    /// The sandbox, or `None` after printing why the test is skipped.
    pub fn or_skip(test: &str) -> Option<Self> {
        match option_env!("CHORUS_SANDBOX_URL") {
            Some(url) => Some(Self {
                base: url.trim_end_matches('/').into(),
            }),
            None => {
                console_log!(
                    "skipping {test}: CHORUS_SANDBOX_URL was not set at compile time \
                     (`cargo xtask test` sets it)"
                );
                None
            }
        }
    }

    pub fn sdk_script_url(&self) -> String {
        format!("{}/spotify-player.js", self.base)
    }

    async fn admin_post(&self, path: &str, body: &Value) -> Value {
        let response = Request::post(&format!("{}/_sandbox/{path}", self.base))
            .json(body)
            .expect("a JSON body")
            .send()
            .await
            .expect("the sandbox answers (is it running with --admin?)");
        assert!(response.ok(), "POST {path}: {}", response.status());
        if response.status() == 204 {
            Value::Null
        } else {
            response.json().await.expect("a JSON answer")
        }
    }

    /// A fresh access token for a seeded user, with every scope.
    pub async fn mint_token(&self, user_id: &str) -> AccessToken {
        let issued = self
            .admin_post("tokens", &json!({ "user_id": user_id }))
            .await;
        AccessToken::new(issued["access_token"].as_str().expect("an access token"))
    }

    /// Registers a user in the development-mode allowlist (the seeded one holds five Premium
    /// users only).
    pub async fn allow(&self, user_id: &str) {
        self.admin_post("allowlist", &json!({ "user_id": user_id }))
            .await;
    }

    pub async fn expire_tokens(&self, user_id: &str) {
        self.admin_post(&format!("users/{user_id}/expire-tokens"), &json!({}))
            .await;
    }

    /// Closes the user's SDK WebSockets, as a network cut would (the SDK reconnects).
    pub async fn cut_connections(&self, user_id: &str) {
        self.admin_post("sdk/cut", &json!({ "user_id": user_id }))
            .await;
    }

    /// Makes the user's SDK players emit `playback_error` with `message`.
    pub async fn playback_error(&self, user_id: &str, message: &str) {
        self.admin_post(
            "sdk/playback-error",
            &json!({ "user_id": user_id, "message": message }),
        )
        .await;
    }

    /// Whether new SDK connections fail as in a browser without EME (for every user).
    pub async fn set_no_eme(&self, enabled: bool) {
        self.admin_post("sdk/no-eme", &json!({ "enabled": enabled }))
            .await;
    }

    /// The ids of the devices the sandbox lists for `user_id`.
    pub async fn devices(&self, user_id: &str) -> Vec<String> {
        let state: Value = Request::get(&format!("{}/_sandbox/state", self.base))
            .send()
            .await
            .expect("the sandbox answers")
            .json()
            .await
            .expect("a JSON state");
        state["accounts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|account| account["user_id"] == user_id)
            .flat_map(|account| account["devices"].as_array().cloned().unwrap_or_default())
            .filter_map(|device| device["id"].as_str().map(str::to_owned))
            .collect()
    }

    /// The user's first top track: `(uri, name)`.
    pub async fn top_track(&self, token: &AccessToken) -> (String, String) {
        let top: Value = Request::get(&format!("{}/v1/me/top/tracks?limit=1", self.base))
            .header("Authorization", &format!("Bearer {}", token.secret()))
            .send()
            .await
            .expect("the Web API answers")
            .json()
            .await
            .expect("a JSON page");
        let track = &top["items"][0];
        (
            track["uri"].as_str().expect("a uri").to_owned(),
            track["name"].as_str().expect("a name").to_owned(),
        )
    }

    /// `PUT /v1/me/player/play?device_id=…` with one track.
    pub async fn play(&self, token: &AccessToken, device_id: &str, track_uri: &str) {
        let response = Request::put(&format!(
            "{}/v1/me/player/play?device_id={device_id}",
            self.base
        ))
        .header("Authorization", &format!("Bearer {}", token.secret()))
        .json(&json!({ "uris": [track_uri] }))
        .expect("a JSON body")
        .send()
        .await
        .expect("the Web API answers");
        assert!(response.ok(), "play: {}", response.status());
    }

    /// A token source that mints a new token on every ask and reports each ask on the
    /// returned channel, so a test can await "asked again".
    pub fn minting_tokens(
        &self,
        user_id: &'static str,
    ) -> (
        impl TokenSource + 'static,
        mpsc::UnboundedReceiver<AccessToken>,
    ) {
        let (asked, receiver) = mpsc::unbounded();
        let sandbox = self.clone();
        let source = move || {
            let sandbox = sandbox.clone();
            let asked = asked.clone();
            async move {
                let token = sandbox.mint_token(user_id).await;
                let _ = asked.unbounded_send(token.clone());
                Ok::<_, TokenUnavailable>(token)
            }
        };
        (source, receiver)
    }
}

/// Resolves after `ms` (a timer: for deadlines, poll intervals and `delay(0)` to let pending
/// microtasks run — never to wait for a condition).
pub async fn delay(ms: i32) {
    let timer = Promise::new(&mut |resolve: Function, _reject: Function| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(timer).await;
}

/// `future`'s output, or `None` once the deadline passed (for tests that must clean up
/// before they fail).
pub async fn before_deadline<T>(future: impl Future<Output = T>) -> Option<T> {
    let future = std::pin::pin!(future);
    let deadline = std::pin::pin!(delay(DEADLINE_MS));
    match select(future, deadline).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

/// `future`'s output, or a failed test naming `what` once the deadline passed.
pub async fn within<T>(what: &str, future: impl Future<Output = T>) -> T {
    match before_deadline(future).await {
        Some(output) => output,
        None => panic!("timed out after {DEADLINE_MS} ms waiting for {what}"),
    }
}

/// The first event `pick` accepts; the events before it are skipped.
pub async fn next_event<T>(
    what: &str,
    events: &mut PlayerEvents,
    mut pick: impl FnMut(PlayerEvent) -> Option<T>,
) -> T {
    within(what, async {
        loop {
            let event = events.next().await.expect("the player is alive");
            if let Some(found) = pick(event) {
                return found;
            }
        }
    })
    .await
}

/// Polls `condition` every 50 ms until it holds (for state only the sandbox can tell).
pub async fn until<F: Future<Output = bool>>(what: &str, mut condition: impl FnMut() -> F) {
    within(what, async {
        while !condition().await {
            delay(50).await;
        }
    })
    .await;
}

/// The device id of the next `ready` event (`who` names the player in a timeout message).
pub async fn ready_device(who: &str, events: &mut PlayerEvents) -> String {
    next_event(&format!("{who}: ready"), events, |event| match event {
        PlayerEvent::Ready { device_id } => Some(device_id),
        _ => None,
    })
    .await
}
