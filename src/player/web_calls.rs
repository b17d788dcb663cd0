//! What the player asks of the Web API: the account's devices, `GET me/player` (polled by
//! `polling.rs` while another device has the stream, or once after an SDK event), and the
//! commands that go to another device of the account (remote mode) or that the SDK does not
//! have (shuffle, repeat, transfer); a failed one is undone and shown.

use chorus_core::{
    player::PlayerAction,
    spotify::{
        requests::{self, ApiCall},
        Devices, PlaybackState,
    },
};

use super::{events::on_command_failed, handle::UsePlayerHandle, model::PlayerModelAction};
use crate::{
    services::{
        browser::now_ms,
        web_api::{ApiError, Registration},
    },
    ui::notice::Notice,
};

impl UsePlayerHandle {
    /// Reads the account's devices again (the device list's "Refresh").
    pub fn refresh_devices(&self) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match this.api.call(&requests::devices()).fetch::<Devices>().await {
                Ok(devices) => this.model.dispatch(PlayerModelAction::Devices(
                    devices.map(|d| d.devices).unwrap_or_default(),
                )),
                Err(error) => this.report(&error),
            }
        });
    }

    /// One `GET me/player` into the model, in the background.
    pub(super) fn poll_playback(&self) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            // A failed poll changes nothing: the next one tries again.
            let _ = this.fetch_playback().await;
        });
    }

    /// One `GET me/player` into the model (the core reducer decides whether it applies: it
    /// never overrides this tab's own SDK state, nor a command sent in the last two seconds).
    pub(super) async fn fetch_playback(&self) -> Result<(), ApiError> {
        let call = requests::playback_state();
        let state = self.api.call(&call).fetch::<PlaybackState>().await?;
        self.model
            .dispatch(PlayerModelAction::Core(PlayerAction::WebApi {
                state: state.map(Box::new),
                received_at_ms: now_ms(),
            }));
        Ok(())
    }

    /// A failed Web API command, undone and shown.
    pub(super) fn report(&self, error: &ApiError) {
        on_command_failed(error)
            .into_iter()
            .for_each(|action| self.model.dispatch(action));
    }

    /// Sends a Web API command; a wait (429) shows as a working notice, a failure as a notice.
    pub(super) fn web(&self, call: ApiCall, registration: Registration) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let request = this
                .api
                .call(&call)
                .registration(registration)
                .on_wait(|notice| this.notice(notice));
            match request.send().await {
                Ok(()) => {
                    if this.model.notice.as_ref().is_some_and(Notice::is_working) {
                        this.dismiss_notice();
                    }
                }
                Err(error) => this.report(&error),
            }
        });
    }
}
