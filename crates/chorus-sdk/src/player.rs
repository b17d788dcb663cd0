//! The safe `Spotify.Player` (docs/spotify-contract.md §3).
//!
//! A [`Player`] owns everything it handed to JS: the `getOAuthToken` function and one listener
//! per SDK event. Dropping it removes the listeners and calls `disconnect()`, so the device
//! leaves Spotify Connect with the component that made it.
//!
//! The commands call the SDK *when called*, not when first polled, and return a `'static`
//! future: `activate_element` then runs inside the click handler that called it (autoplay
//! policies require the user gesture), and a Yew callback can `spawn_local` a command without
//! borrowing the player.

use std::fmt;
use std::future::Future;
use std::rc::Rc;

use chorus_core::spotify::sdk::SdkState;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::error::SdkError;
use crate::event::{decode_state, payload_json, EventKind, PlayerEvent};
use crate::listener::Listener;
use crate::loader::sdk_present;
use crate::raw;
use crate::subscribers::{PlayerEvents, Subscribers, Subscription};
use crate::token::{get_oauth_token, TokenSource};

/// What `new Spotify.Player` is told.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerOptions {
    /// The device name shown in Spotify Connect (e.g. "Chorus — Alice").
    pub name: String,
    /// Initial volume, `0.0..=1.0`.
    pub volume: f64,
}

/// One SDK player: one Spotify Connect device for one account.
pub struct Player {
    raw: raw::Player,
    subscribers: Subscribers,
    listeners: Vec<Listener>,
    /// Kept alive for as long as the SDK may ask for a token; freed after `disconnect()`.
    _get_oauth_token: Closure<dyn Fn(JsValue)>,
}

impl fmt::Debug for Player {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Player")
            .field("listeners", &self.listeners.len())
            .finish_non_exhaustive()
    }
}

impl Player {
    /// Creates the SDK player (it does not connect yet: subscribe first, then [`Self::connect`],
    /// or the `Ready` event may be missed). Call after [`crate::load_sdk`] resolved.
    pub fn new(
        options: PlayerOptions,
        token_source: impl TokenSource + 'static,
    ) -> Result<Self, SdkError> {
        check_volume(options.volume)?;
        let window = web_sys::window().ok_or(SdkError::NoWindow)?;
        if !sdk_present(&window) {
            return Err(SdkError::NotLoaded);
        }
        let subscribers = Subscribers::default();
        let get_oauth_token = get_oauth_token(Rc::new(token_source), subscribers.downgrade());
        let init = Object::new();
        let set = |key: &str, value: &JsValue| {
            Reflect::set(&init, &JsValue::from_str(key), value)
                .map_err(|error| SdkError::threw("new Spotify.Player", &error))
        };
        set("name", &JsValue::from_str(&options.name))?;
        set("volume", &JsValue::from_f64(options.volume))?;
        set("getOAuthToken", get_oauth_token.as_ref())?;
        let raw = raw::Player::new(&init)
            .map_err(|error| SdkError::threw("new Spotify.Player", &error))?;
        let listeners = EventKind::ALL
            .iter()
            .map(|kind| Listener::attach(&raw, *kind, subscribers.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            raw,
            subscribers,
            listeners,
            _get_oauth_token: get_oauth_token,
        })
    }

    /// Calls `on_event` with every event from now on, until the guard is dropped. In a Yew
    /// hook: subscribe in `use_effect_with`, return `move || drop(subscription)`. The handler
    /// must not own the player (an `Rc<Player>` inside it would be a cycle that never drops);
    /// capture a `Weak` or a dispatcher instead.
    pub fn on_event(&self, on_event: impl Fn(&PlayerEvent) + 'static) -> Subscription {
        self.subscribers.subscribe(Rc::new(on_event))
    }

    /// Every event from now on as a `Stream`; it ends when the player is dropped.
    pub fn events(&self) -> PlayerEvents {
        PlayerEvents::new(&self.subscribers)
    }

    /// `connect()`: asks for a token and registers the device. `Ok(false)` when the SDK could
    /// not connect; the reason arrives as an event.
    pub fn connect(&self) -> impl Future<Output = Result<bool, SdkError>> + 'static {
        let settled = settle("connect", self.raw.connect());
        async move {
            settled
                .await?
                .as_bool()
                .ok_or_else(|| undecodable("connect result", "not a boolean"))
        }
    }

    /// `disconnect()`; also done on drop.
    pub fn disconnect(&self) -> Result<(), SdkError> {
        self.raw
            .disconnect()
            .map(drop)
            .map_err(|error| SdkError::threw("disconnect", &error))
    }

    /// `getCurrentState()`: `None` when this device is not the one playing.
    pub fn current_state(
        &self,
    ) -> impl Future<Output = Result<Option<Box<SdkState>>, SdkError>> + 'static {
        const WHAT: &str = "getCurrentState result";
        let settled = settle("getCurrentState", self.raw.get_current_state());
        async move {
            let value = settled.await?;
            let json = payload_json(WHAT, &value)?;
            decode_state(WHAT, json.as_deref())
        }
    }

    /// `setName(name)`: renames the Connect device.
    pub fn set_name(&self, name: &str) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("setName", self.raw.set_name(name)))
    }

    /// `getVolume()`, `0.0..=1.0`.
    pub fn volume(&self) -> impl Future<Output = Result<f64, SdkError>> + 'static {
        let settled = settle("getVolume", self.raw.get_volume());
        async move {
            settled
                .await?
                .as_f64()
                .filter(|volume| (0.0..=1.0).contains(volume))
                .ok_or_else(|| undecodable("getVolume result", "not a number in 0..=1"))
        }
    }

    /// `setVolume(volume)`; `volume` must be in `0.0..=1.0`.
    pub fn set_volume(&self, volume: f64) -> impl Future<Output = Result<(), SdkError>> + 'static {
        let called = check_volume(volume).map(|()| self.raw.set_volume(volume));
        async move { unit(settle("setVolume", called?)).await }
    }

    pub fn pause(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("pause", self.raw.pause()))
    }

    pub fn resume(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("resume", self.raw.resume()))
    }

    pub fn toggle_play(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("togglePlay", self.raw.toggle_play()))
    }

    pub fn seek(&self, position_ms: u64) -> impl Future<Output = Result<(), SdkError>> + 'static {
        // Exact: any track position is far below 2^53 ms.
        let position = position_ms as f64;
        unit(settle("seek", self.raw.seek(position)))
    }

    pub fn previous_track(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("previousTrack", self.raw.previous_track()))
    }

    pub fn next_track(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("nextTrack", self.raw.next_track()))
    }

    /// `activateElement()`: call it synchronously inside a click handler, before playback the
    /// browser's autoplay policy could block.
    pub fn activate_element(&self) -> impl Future<Output = Result<(), SdkError>> + 'static {
        unit(settle("activateElement", self.raw.activate_element()))
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        // Listeners first, so nothing is dispatched while the player is being torn down; then
        // the device leaves Connect. A throwing `disconnect` has no one to report to here.
        self.listeners.clear();
        let _ = self.raw.disconnect();
    }
}

fn check_volume(volume: f64) -> Result<(), SdkError> {
    if (0.0..=1.0).contains(&volume) {
        Ok(())
    } else {
        Err(SdkError::VolumeOutOfRange)
    }
}

fn undecodable(what: &'static str, reason: &str) -> SdkError {
    SdkError::Undecodable {
        what,
        reason: reason.to_owned(),
    }
}

/// The value an SDK call returned, settled: `Promise.resolve` accepts a promise or a plain
/// value alike; a throw or a rejection becomes `SdkError::Threw`.
fn settle(
    operation: &'static str,
    called: Result<JsValue, JsValue>,
) -> impl Future<Output = Result<JsValue, SdkError>> + 'static {
    let promise = called
        .map(|value| Promise::resolve(&value))
        .map_err(|error| SdkError::threw(operation, &error));
    async move {
        JsFuture::from(promise?)
            .await
            .map_err(|error| SdkError::threw(operation, &error))
    }
}

/// For the commands whose promise carries nothing.
async fn unit(
    settled: impl Future<Output = Result<JsValue, SdkError>> + 'static,
) -> Result<(), SdkError> {
    settled.await.map(drop)
}
