//! `use_token_refresh`: while a listener is signed in, refreshes the access token ahead of its
//! expiry (receive time + `expires_in` − leeway), so the SDK and the Web API never hold an
//! expired token. A dead grant (`invalid_grant`) ends the session with a notice.

use std::{cell::Cell, rc::Rc};

use yew::prelude::*;

use super::{use_auth, use_session::use_session};
use crate::services::browser::sleep_ms;

/// Never wait less than this between attempts (a failing refresh must not spin).
const MIN_WAIT_MS: u64 = 1_000;
/// After a passing failure (network, 429), try again this much later.
const RETRY_AFTER_FAILURE_MS: u64 = 10_000;

/// Runs while the calling component (the signed-in view) is mounted.
#[hook]
pub fn use_token_refresh() {
    let (auth, session) = (use_auth(), use_session());
    use_effect_with(auth, move |auth| {
        let stopped = Rc::new(Cell::new(false));
        let (auth, stopped_here) = (auth.clone(), stopped.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut wait_ms = auth.refresh_due_in_ms().unwrap_or(MIN_WAIT_MS);
            loop {
                sleep_ms(wait_ms.max(MIN_WAIT_MS)).await;
                if stopped_here.get() {
                    return;
                }
                wait_ms = match auth.access_token().await {
                    Ok(_) => auth.refresh_due_in_ms().unwrap_or(MIN_WAIT_MS),
                    Err(error) if error.needs_sign_in() => {
                        session.session_ended(error.to_string());
                        return;
                    }
                    Err(_) => RETRY_AFTER_FAILURE_MS,
                };
            }
        });
        move || stopped.set(true)
    });
}
