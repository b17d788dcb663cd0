//! What the player asks of the Web API: the account's devices, `GET me/player` (polled by
//! `polling.rs` while another device has the stream, or once after an SDK event), and the
//! commands that go to another device of the account (remote mode) or that the SDK does not
//! have (shuffle, repeat, transfer); a failed one is undone and shown. `command` is where each
//! control goes: this tab's device through the SDK, another device through the Web API.

use std::future::Future;

use chorus_core::{
    player::{LocalCommand, PlayerAction},
    spotify::{
        requests::{self, ApiCall},
        Devices, PlaybackState, RepeatState,
    },
};
use chorus_sdk::SdkError;

use super::{
    events::{on_command_failed, Step},
    handle::UsePlayerHandle,
    model::{ControlTarget, PlayerModelAction},
    text,
};
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
        self.perform(
            on_command_failed(error)
                .into_iter()
                .map(Step::Dispatch)
                .collect(),
        );
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

    /// The device a queued track goes to: the one that has the stream, else this tab's.
    pub fn queue_device_id(&self) -> Option<String> {
        match self.controls().target {
            ControlTarget::Device { id, .. } => id,
            ControlTarget::ThisTab | ControlTarget::Nothing => self.device_id(),
        }
    }

    pub fn set_shuffle(&self, on: bool) {
        self.local(LocalCommand::Shuffle(on));
        let call = requests::shuffle(on, self.command_device_id().as_deref());
        self.web(call, Registration::Settled);
    }

    pub fn set_repeat(&self, mode: RepeatState) {
        self.local(LocalCommand::Repeat(mode));
        let call = requests::repeat(mode, self.command_device_id().as_deref());
        self.web(call, Registration::Settled);
    }

    /// The `device_id` of a Web API command: the device that has the stream.
    fn command_device_id(&self) -> Option<String> {
        match self.controls().target {
            ControlTarget::ThisTab => self.device_id(),
            ControlTarget::Device { id, .. } => id,
            ControlTarget::Nothing => None,
        }
    }

    /// One player command, shown at once (`local`), then sent where the stream is: this tab's
    /// device through the SDK (`here`), another device through the Web API (`remote`, given
    /// its id). With nothing to act on, it says so.
    pub(super) fn command<F>(
        &self,
        local: LocalCommand,
        here: impl FnOnce(&chorus_sdk::Player) -> F,
        remote: impl FnOnce(Option<&str>) -> ApiCall,
    ) where
        F: Future<Output = Result<(), SdkError>> + 'static,
    {
        match self.controls().target {
            ControlTarget::ThisTab => {
                self.local(local);
                self.sdk(here);
            }
            ControlTarget::Device { id, .. } => {
                self.local(local);
                self.web(remote(id.as_deref()), Registration::Settled);
            }
            ControlTarget::Nothing if self.model.is_remote() => {
                self.notice(Notice::info(text::NOTHING_TO_CONTROL))
            }
            // Nothing plays: this tab's device takes it (a volume set before playing).
            ControlTarget::Nothing => {
                self.local(local);
                self.sdk(here);
            }
        }
    }
}
