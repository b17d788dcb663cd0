//! The binding against a scripted stand-in for `Spotify.Player` (no network): exceptions,
//! rejections, undecodable payloads, the token callback, and what Drop leaves behind.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p chorus-sdk --target wasm32-unknown-unknown`
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chorus_core::auth::secret::AccessToken;
use chorus_sdk::{Player, PlayerEvent, PlayerOptions, SdkError, TokenUnavailable};
use futures::StreamExt;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function install_fake_sdk() {
  class Player {
    constructor(options) {
      if (options.name === 'throw') { throw new Error('constructor refused'); }
      this.options = options;
      this.listeners = {};
      this.disconnected = false;
      this.tokens = [];
      window.__fakePlayer = this;
    }
    connect() {
      return new Promise((resolve) => this.options.getOAuthToken((token) => {
        this.tokens.push(token);
        resolve(token !== '');
      }));
    }
    disconnect() { this.disconnected = true; }
    addListener(event, callback) { (this.listeners[event] = this.listeners[event] || []).push(callback); return true; }
    removeListener(event, callback) {
      this.listeners[event] = (this.listeners[event] || []).filter((cb) => cb !== callback);
      return true;
    }
    getCurrentState() { return Promise.resolve(null); }
    getVolume() { return Promise.resolve('loud'); }
    setVolume() { return Promise.resolve(); }
    setName() { return undefined; }
    pause() { return Promise.reject(new Error('no list was playing')); }
    resume() { throw new Error('resume threw'); }
    togglePlay() { return Promise.resolve(); }
    seek() { return Promise.resolve(); }
    previousTrack() { return Promise.resolve(); }
    nextTrack() { return Promise.resolve(); }
    activateElement() { return Promise.resolve(); }
  }
  window.Spotify = { Player };
}
export function emit(event, payload) {
  (window.__fakePlayer.listeners[event] || []).forEach((callback) => callback(payload));
}
export function listener_count() {
  return Object.values(window.__fakePlayer.listeners).reduce((n, list) => n + list.length, 0);
}
export function disconnected() { return window.__fakePlayer.disconnected; }
export function tokens_given() { return window.__fakePlayer.tokens.join(','); }
"#)]
extern "C" {
    fn install_fake_sdk();
    fn emit(event: &str, payload: &JsValue);
    fn listener_count() -> u32;
    fn disconnected() -> bool;
    fn tokens_given() -> String;
}

fn options(name: &str) -> PlayerOptions {
    PlayerOptions {
        name: name.to_owned(),
        volume: 0.5,
    }
}

/// A token source handing out `token-1`, `token-2`, … so each answer is visibly fresh.
fn counting_tokens() -> (
    Rc<Cell<u32>>,
    impl Fn() -> futures::future::Ready<Result<AccessToken, TokenUnavailable>>,
) {
    let asked = Rc::new(Cell::new(0));
    let counter = Rc::clone(&asked);
    let source = move || {
        counter.set(counter.get() + 1);
        futures::future::ready(Ok(AccessToken::new(format!("token-{}", counter.get()))))
    };
    (asked, source)
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON parses")
}

#[wasm_bindgen_test]
fn a_player_made_before_the_sdk_is_loaded_is_a_typed_error() {
    if let Some(window) = web_sys::window() {
        let _ = Reflect::delete_property(&window, &JsValue::from_str("Spotify"));
    }
    let (_, tokens) = counting_tokens();
    let error = Player::new(options("early"), tokens).expect_err("no SDK on the page");
    assert_eq!(error, SdkError::NotLoaded);
}

#[wasm_bindgen_test]
fn a_throwing_constructor_is_a_typed_error_with_its_message() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let error = Player::new(options("throw"), tokens).expect_err("the constructor throws");
    assert_eq!(
        error,
        SdkError::Threw {
            operation: "new Spotify.Player",
            message: "constructor refused".into()
        }
    );
}

#[wasm_bindgen_test]
fn an_out_of_range_volume_is_refused_before_reaching_the_sdk() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let loud = PlayerOptions {
        name: "loud".into(),
        volume: 1.5,
    };
    assert_eq!(
        Player::new(loud, tokens).expect_err("1.5 is too loud"),
        SdkError::VolumeOutOfRange
    );
}

#[wasm_bindgen_test]
async fn each_token_request_asks_the_source_again() {
    install_fake_sdk();
    let (asked, tokens) = counting_tokens();
    let player = Player::new(options("tokens"), tokens).expect("player");
    assert_eq!(asked.get(), 0, "no token is fetched at creation");
    assert!(player.connect().await.expect("first connect"));
    assert!(player.connect().await.expect("second connect"));
    assert_eq!(asked.get(), 2);
    assert_eq!(tokens_given(), "token-1,token-2");
}

#[wasm_bindgen_test]
async fn a_token_source_failure_is_reported_and_the_sdk_gets_an_empty_token() {
    install_fake_sdk();
    let failing = || futures::future::ready(Err(TokenUnavailable::new("refresh token revoked")));
    let player = Player::new(options("no token"), failing).expect("player");
    let mut events = player.events();
    assert!(!player.connect().await.expect("connect settles"));
    assert_eq!(tokens_given(), "");
    assert_eq!(
        events.next().await,
        Some(PlayerEvent::BindingError(SdkError::TokenUnavailable {
            reason: "refresh token revoked".into()
        }))
    );
}

#[wasm_bindgen_test]
async fn rejected_and_throwing_commands_are_typed_errors() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let player = Player::new(options("commands"), tokens).expect("player");
    assert_eq!(
        player.pause().await,
        Err(SdkError::Threw {
            operation: "pause",
            message: "no list was playing".into()
        })
    );
    assert_eq!(
        player.resume().await,
        Err(SdkError::Threw {
            operation: "resume",
            message: "resume threw".into()
        })
    );
    assert!(matches!(
        player.volume().await,
        Err(SdkError::Undecodable {
            what: "getVolume result",
            ..
        })
    ));
    // `setName` returning undefined instead of a promise still settles.
    assert_eq!(player.set_name("renamed").await, Ok(()));
    assert_eq!(player.current_state().await, Ok(None));
}

#[wasm_bindgen_test]
async fn sdk_events_arrive_decoded_and_garbage_becomes_a_binding_error() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let player = Player::new(options("events"), tokens).expect("player");
    let mut events = player.events();
    emit("ready", &json(r#"{"device_id":"dev-7"}"#));
    emit("player_state_changed", &JsValue::NULL);
    emit("account_error", &json(r#"{"message":"premium only"}"#));
    emit("player_state_changed", &json(r#"{"paused":"perhaps"}"#));
    emit("autoplay_failed", &JsValue::UNDEFINED);
    assert_eq!(
        events.next().await,
        Some(PlayerEvent::Ready {
            device_id: "dev-7".into()
        })
    );
    assert_eq!(events.next().await, Some(PlayerEvent::StateChanged(None)));
    assert_eq!(
        events.next().await,
        Some(PlayerEvent::AccountError {
            message: "premium only".into()
        })
    );
    assert!(matches!(
        events.next().await,
        Some(PlayerEvent::BindingError(SdkError::Undecodable {
            what: "player_state_changed",
            ..
        }))
    ));
    assert_eq!(events.next().await, Some(PlayerEvent::AutoplayFailed));
}

#[wasm_bindgen_test]
fn a_dropped_subscription_gets_no_more_events() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let player = Player::new(options("subscription"), tokens).expect("player");
    let seen = Rc::new(Cell::new(0));
    let counter = Rc::clone(&seen);
    let subscription = player.on_event(move |_| counter.set(counter.get() + 1));
    emit("autoplay_failed", &JsValue::UNDEFINED);
    drop(subscription);
    emit("autoplay_failed", &JsValue::UNDEFINED);
    assert_eq!(seen.get(), 1);
}

#[wasm_bindgen_test]
async fn dropping_the_player_removes_its_listeners_disconnects_and_ends_its_streams() {
    install_fake_sdk();
    let (_, tokens) = counting_tokens();
    let player = Player::new(options("drop"), tokens).expect("player");
    let events = player.events();
    assert_eq!(listener_count(), 8, "one listener per SDK event");
    drop(player);
    assert_eq!(listener_count(), 0);
    assert!(disconnected());
    let rest: Vec<PlayerEvent> = events.collect().await;
    assert!(rest.is_empty(), "the stream ends with no events: {rest:?}");
}
