//! Whether this page may start sound by itself (the browser's autoplay policy), asked without
//! making a sound: `navigator.getAutoplayPolicy("mediaelement")` where the browser has it, else
//! whether a fresh `AudioContext` starts running (browsers start it suspended until a click
//! when they would block sound). And the User Timing marks that tell how long things took
//! (`performance.mark`, read by the browser tests and the benchmarks).

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AudioContext, AudioContextState};

/// True when the browser lets this page start playback without a click now.
pub fn autoplay_allowed() -> bool {
    if let Some(answer) = policy() {
        return answer == "allowed";
    }
    match AudioContext::new() {
        Ok(context) => {
            let running = context.state() == AudioContextState::Running;
            // Best effort: the probe is let go either way.
            let _ = context.close();
            running
        }
        Err(_) => false,
    }
}

/// `navigator.getAutoplayPolicy("mediaelement")`: "allowed", "allowed-muted" or "disallowed".
fn policy() -> Option<String> {
    let navigator = web_sys::window()?.navigator();
    let ask = Reflect::get(&navigator, &JsValue::from_str("getAutoplayPolicy")).ok()?;
    let ask = ask.dyn_into::<Function>().ok()?;
    ask.call1(&navigator, &JsValue::from_str("mediaelement"))
        .ok()?
        .as_string()
}

/// Notes that `name` happened now (`performance.mark`), for whoever measures.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
