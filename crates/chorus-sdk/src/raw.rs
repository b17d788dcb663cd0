//! The raw `Spotify.Player` binding (docs/spotify-contract.md §3). Private to the crate: only
//! `player.rs` and `listener.rs` call it, and they turn every result into Rust types.
//!
//! Every import is `catch`, so a throwing SDK becomes `Err(JsValue)` instead of an abort. The
//! promise-returning methods are declared as returning `JsValue`, not `Promise`: callers wrap
//! the value with `Promise.resolve`, so an SDK build that returns a plain value (or `undefined`)
//! still settles instead of failing on `.then`.

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `window.Spotify.Player`, looked up when the constructor runs (after `load_sdk`).
    #[wasm_bindgen(js_namespace = Spotify)]
    #[derive(Debug, Clone)]
    pub(crate) type Player;

    /// `new Spotify.Player({ name, getOAuthToken, volume })`.
    #[wasm_bindgen(catch, constructor, js_namespace = Spotify)]
    pub(crate) fn new(options: &Object) -> Result<Player, JsValue>;

    /// `connect() → Promise<boolean>`.
    #[wasm_bindgen(catch, method)]
    pub(crate) fn connect(this: &Player) -> Result<JsValue, JsValue>;

    /// `disconnect()`: no `not_ready` follows.
    #[wasm_bindgen(catch, method)]
    pub(crate) fn disconnect(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = addListener)]
    pub(crate) fn add_listener(
        this: &Player,
        event: &str,
        callback: &Function,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = removeListener)]
    pub(crate) fn remove_listener(
        this: &Player,
        event: &str,
        callback: &Function,
    ) -> Result<JsValue, JsValue>;

    /// `getCurrentState() → Promise<State|null>`.
    #[wasm_bindgen(catch, method, js_name = getCurrentState)]
    pub(crate) fn get_current_state(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setName)]
    pub(crate) fn set_name(this: &Player, name: &str) -> Result<JsValue, JsValue>;

    /// `getVolume() → Promise<0..1>`.
    #[wasm_bindgen(catch, method, js_name = getVolume)]
    pub(crate) fn get_volume(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setVolume)]
    pub(crate) fn set_volume(this: &Player, volume: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method)]
    pub(crate) fn pause(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method)]
    pub(crate) fn resume(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = togglePlay)]
    pub(crate) fn toggle_play(this: &Player) -> Result<JsValue, JsValue>;

    /// `seek(ms)`; JS numbers are f64, whole milliseconds are exact far beyond any duration.
    #[wasm_bindgen(catch, method)]
    pub(crate) fn seek(this: &Player, position_ms: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = previousTrack)]
    pub(crate) fn previous_track(this: &Player) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, method, js_name = nextTrack)]
    pub(crate) fn next_track(this: &Player) -> Result<JsValue, JsValue>;

    /// Must run inside a user gesture (a click handler) to satisfy autoplay policies.
    #[wasm_bindgen(catch, method, js_name = activateElement)]
    pub(crate) fn activate_element(this: &Player) -> Result<JsValue, JsValue>;
}
