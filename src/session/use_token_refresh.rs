//! `use_token_refresh`: while a listener is signed in, refreshes the access token ahead of its
//! expiry (receive time + `expires_in` − leeway), so the SDK and the Web API never hold an
//! expired token. A dead grant (`invalid_grant`) ends the session with a notice.

use std::{cell::Cell, rc::Rc};

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use crate::services::auth::Auth;

/// Never wait less than this between attempts (a failing refresh must not spin).
const MIN_WAIT_MS: u64 = 1_000;
/// After a passing failure (network, 429), try again this much later.
const RETRY_AFTER_FAILURE_MS: u64 = 10_000;

#[hook]
pub fn use_token_refresh(auth: Auth, active: bool, on_session_ended: Callback<String>) {
    use_effect_with((auth, active), move |(auth, active)| {
        let stopped = Rc::new(Cell::new(false));
        if *active {
            let (auth, stopped) = (auth.clone(), stopped.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut wait_ms = auth.refresh_due_in_ms().unwrap_or(MIN_WAIT_MS);
                loop {
                    TimeoutFuture::new(clamp_ms(wait_ms.max(MIN_WAIT_MS))).await;
                    if stopped.get() {
                        return;
                    }
                    wait_ms = match auth.access_token().await {
                        Ok(_) => auth.refresh_due_in_ms().unwrap_or(MIN_WAIT_MS),
                        Err(error) if error.needs_sign_in() => {
                            on_session_ended.emit(error.to_string());
                            return;
                        }
                        Err(_) => RETRY_AFTER_FAILURE_MS,
                    };
                }
            });
        }
        move || stopped.set(true)
    });
}

/// setTimeout takes a 32-bit signed delay; longer waits are cut to the largest it accepts.
fn clamp_ms(ms: u64) -> u32 {
    ms.min(i32::MAX as u64) as u32
}
