//! Fetches `/config.json` from the origin that served the app. The loader (Trunk.toml's
//! `pattern_script`) starts that request beside the wasm download and leaves its promise at
//! `window.__chorusConfig`: the first call here takes that response (so the config downloads
//! while the wasm does, not one round trip after it); any later call asks the server anew.

use chorus_core::config::{ConfigError, RuntimeConfig};
use gloo_net::http::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser::{self, BrowserError};

/// Where the loader leaves its `/config.json` request (a promise of a Response, or of the
/// error the request failed with).
const EARLY_REQUEST: &str = "__chorusConfig";

/// Why the runtime config could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigLoadError {
    #[error("the server could not be reached ({0})")]
    Network(String),
    #[error("the server answered {0} for /config.json")]
    Status(u16),
    #[error(transparent)]
    Invalid(#[from] ConfigError),
}

pub async fn fetch_runtime_config() -> Result<RuntimeConfig, ConfigLoadError> {
    let response = match take_early_request() {
        Some(early) => settled_response(early).await?,
        None => Request::get("/config.json")
            .send()
            .await
            .map_err(|e| ConfigLoadError::Network(e.to_string()))?,
    };
    if !response.ok() {
        return Err(ConfigLoadError::Status(response.status()));
    }
    let body = response
        .text()
        .await
        .map_err(|e| ConfigLoadError::Network(e.to_string()))?;
    Ok(RuntimeConfig::from_json(&body)?)
}

/// The loader's request, taken off `window` so that it is used once.
fn take_early_request() -> Option<js_sys::Promise> {
    let window = browser::window().ok()?;
    let key = JsValue::from_str(EARLY_REQUEST);
    let promise = js_sys::Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(promise)
}

async fn settled_response(early: js_sys::Promise) -> Result<Response, ConfigLoadError> {
    let network =
        |value: JsValue| ConfigLoadError::Network(BrowserError::from_js(value).to_string());
    JsFuture::from(early)
        .await
        .map_err(network)?
        .dyn_into::<web_sys::Response>()
        .map(Response::from)
        .map_err(network)
}
