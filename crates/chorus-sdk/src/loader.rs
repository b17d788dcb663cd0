//! Loading the SDK script once per page.
//!
//! The contract (docs/spotify-contract.md §3): `window.onSpotifyWebPlaybackSDKReady` must be defined
//! *before* the script loads; the script calls it once `window.Spotify` is usable. The loader
//! hands the promise's own `resolve` to that hook and `reject` to the script's `onerror`, so no
//! Rust closure outlives this call and nothing is leaked.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::{js_message, SdkError};

const READY_HOOK: &str = "onSpotifyWebPlaybackSDKReady";

thread_local! {
    /// The load in flight, shared by every caller; cleared once it settles (after a success
    /// `window.Spotify` answers; after a failure a later call may retry).
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Loads the SDK from `script_url` (from the runtime config) unless it is already loaded or
/// loading, and resolves once `window.Spotify.Player` exists.
pub async fn load_sdk(script_url: &str) -> Result<(), SdkError> {
    let window = web_sys::window().ok_or(SdkError::NoWindow)?;
    if sdk_present(&window) {
        return Ok(());
    }
    let promise = match LOADING.with(|slot| slot.borrow().clone()) {
        Some(promise) => promise,
        None => {
            let promise = inject(&window, script_url)?;
            LOADING.with(|slot| *slot.borrow_mut() = Some(promise.clone()));
            promise
        }
    };
    let settled = JsFuture::from(promise).await;
    LOADING.with(|slot| *slot.borrow_mut() = None);
    match settled {
        Ok(_) if sdk_present(&window) => Ok(()),
        _ => Err(SdkError::ScriptFailed {
            url: script_url.to_owned(),
        }),
    }
}

pub(crate) fn sdk_present(window: &web_sys::Window) -> bool {
    Reflect::get(window, &JsValue::from_str("Spotify"))
        .and_then(|spotify| Reflect::get(&spotify, &JsValue::from_str("Player")))
        .map(|player| player.is_function())
        .unwrap_or(false)
}

fn inject(window: &web_sys::Window, script_url: &str) -> Result<Promise, SdkError> {
    let document = window.document().ok_or(SdkError::NoWindow)?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(dom_error)?
        .dyn_into()
        .map_err(|_| SdkError::Dom("created element is not a script".into()))?;
    let head = document
        .head()
        .ok_or_else(|| SdkError::Dom("document has no <head>".into()))?;
    let mut failure: Option<SdkError> = None;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        // The hook first, then the script: the order the contract demands.
        if let Err(error) = Reflect::set(window, &JsValue::from_str(READY_HOOK), &resolve) {
            failure = Some(dom_error(error));
            return;
        }
        script.set_onerror(Some(&reject));
        script.set_src(script_url);
        script.set_async(true);
        if let Err(error) = head.append_child(&script) {
            failure = Some(dom_error(error));
        }
    });
    match failure {
        Some(error) => Err(error),
        None => Ok(promise),
    }
}

fn dom_error(value: JsValue) -> SdkError {
    SdkError::Dom(js_message(&value))
}
