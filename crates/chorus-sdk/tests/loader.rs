//! The loader in a real browser: `cargo test -p chorus-sdk --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use chorus_sdk::{load_sdk, SdkError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A stand-in SDK script, as a data URL: it defines `Spotify.Player` and then calls the hook,
/// exactly in the order the real script does.
const FAKE_SDK: &str = "data:text/javascript,window.Spotify={Player:function(){}};\
window.onSpotifyWebPlaybackSDKReady();";

#[wasm_bindgen_test]
async fn a_script_that_cannot_load_is_a_typed_error_and_can_be_retried() {
    let url = "http://127.0.0.1:9/no-such-sdk.js";
    let error = load_sdk(url).await.expect_err("port 9 serves nothing");
    assert_eq!(error, SdkError::ScriptFailed { url: url.into() });
    // The failed load is not cached: the real script still loads afterwards.
    load_sdk(FAKE_SDK).await.expect("loads after a failure");
}

#[wasm_bindgen_test]
async fn loading_twice_resolves_both_times_from_one_script() {
    load_sdk(FAKE_SDK).await.expect("first load");
    load_sdk(FAKE_SDK).await.expect("second load");
    let scripts = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.query_selector_all("script[src^='data:text/javascript']"))
        .and_then(Result::ok)
        .map(|list| list.length())
        .unwrap_or(0);
    assert!(scripts <= 1, "at most one SDK script is injected per page, found {scripts}");
}
