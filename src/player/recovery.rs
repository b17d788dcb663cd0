//! Silent recovery from `authentication_error`: it usually means the SDK was handed a token
//! Spotify no longer accepts although it had not yet expired by this tab's clock (revoked, or
//! the clocks disagree). The cure is the Web API's: refresh once, connect again with the new
//! token, and carry on with what played. At most one such recovery a minute; a second error
//! within it is shown (the sign-in itself is then the problem, not a stale token).

use std::{cell::Cell, rc::Rc};

use chorus_core::spotify::requests::{self, PlayBody};
use chorus_sdk::PlayerEvent;

use super::{events::on_event, handle::UsePlayerHandle};
use crate::services::{auth::Auth, browser::now_ms, web_api::Registration};

const AUTH_RECOVERY_WINDOW_MS: u64 = 60_000;

pub struct AuthRecovery {
    auth: Auth,
    last_attempt_ms: Rc<Cell<Option<u64>>>,
}

impl AuthRecovery {
    pub fn new(auth: Auth) -> Self {
        Self {
            auth,
            last_attempt_ms: Rc::default(),
        }
    }

    /// Starts a recovery and returns `true`, or `false` when one was tried too recently.
    pub fn try_recover(&self, player: &UsePlayerHandle, event: &PlayerEvent) -> bool {
        let now = now_ms();
        if self
            .last_attempt_ms
            .get()
            .is_some_and(|at| now.saturating_sub(at) < AUTH_RECOVERY_WINDOW_MS)
        {
            return false;
        }
        self.last_attempt_ms.set(Some(now));
        // Taken now, before anything else runs: the token the SDK was handed is the one held.
        let renewal = self.auth.renew_rejected_token();
        // Reconnecting drops the device from Connect: note where the music was to carry on.
        let core = &player.model().core;
        let carry_on = core.this_device_id.clone().zip(core.carry_on(now));
        let (player, event) = (player.clone(), event.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let give_up = || player.perform(on_event(&event, now_ms()));
            if renewal.await.is_err() {
                // Refresh failed: the session's own handling asks for a new sign-in.
                return give_up();
            }
            let connecting = {
                let slot = player.device.borrow();
                let Some(device) = slot.as_ref() else { return };
                // Best effort: a player that is not connected has nothing to disconnect.
                let _ = device.player().disconnect();
                device.player().connect()
            };
            if !matches!(connecting.await, Ok(true)) {
                return give_up();
            }
            if let Some((device_id, (body, was_playing))) = carry_on {
                carry_on_after_reconnect(&player, &device_id, &body, was_playing).await;
            }
        });
        true
    }
}

/// Plays `body` on this tab's (re-registering) device, paused again if it was paused.
async fn carry_on_after_reconnect(
    player: &UsePlayerHandle,
    device_id: &str,
    body: &PlayBody,
    was_playing: bool,
) {
    let play = requests::play(Some(device_id), body);
    let mut result = player
        .api
        .call(&play)
        .registration(Registration::MayLag)
        .send()
        .await;
    if result.is_ok() && !was_playing {
        let pause = requests::pause(Some(device_id));
        result = player
            .api
            .call(&pause)
            .registration(Registration::MayLag)
            .send()
            .await;
    }
    if let Err(error) = result {
        player.report(&error);
    }
}
