//! The loader in a real browser: `cargo test -p chorus-sdk --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use chorus_sdk::{load_sdk, SdkError};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A stand-in SDK script, as a data URL: it defines `Spotify.Player` and then calls the hook,
/// exactly in the order the real script does. `tag` makes each test's URL its own.
fn fake_sdk(tag: &str) -> String {
    format!(
        "data:text/javascript,window.Spotify={{Player:function(){{}}}};\
         window.onSpotifyWebPlaybackSDKReady();//{tag}"
    )
}

/// Tests share one page: start each from a page where the SDK was never loaded.
fn forget_sdk() {
    if let Some(window) = web_sys::window() {
        let _ = Reflect::delete_property(&window, &JsValue::from_str("Spotify"));
    }
}

fn scripts_with_src(src: &str) -> u32 {
    let selector = format!("script[src=\"{src}\"]");
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(&selector).ok())
        .map(|list| list.length())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn a_script_that_cannot_load_is_a_typed_error_and_can_be_retried() {
    forget_sdk();
    let url = "http://127.0.0.1:9/no-such-sdk.js";
    let error = load_sdk(url).await.expect_err("port 9 serves nothing");
    assert_eq!(error, SdkError::ScriptFailed { url: url.into() });
    // The failed load is not cached: a working script still loads afterwards.
    load_sdk(&fake_sdk("retry"))
        .await
        .expect("loads after a failure");
}

#[wasm_bindgen_test]
async fn loading_twice_injects_one_script_and_resolves_both_times() {
    forget_sdk();
    let url = fake_sdk("twice");
    let (first, second) = futures::join!(load_sdk(&url), load_sdk(&url));
    first.expect("first load");
    second.expect("second load");
    load_sdk(&url)
        .await
        .expect("a load after the SDK is present");
    assert_eq!(
        scripts_with_src(&url),
        1,
        "one script element for three loads"
    );
}
