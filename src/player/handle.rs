//! [`UsePlayerHandle`]: this tab's player as every screen and feature sees it (`use_player()`):
//! its model and its controls. The SDK drives this tab's device (play/pause, seek, volume,
//! skip); the Web API does the rest (shuffle, repeat; transfer and starting playback are in
//! `start.rs`). Each control updates the model at once (chorus-core's optimistic `Local`
//! action) and undoes it if the command fails (`events::on_command_failed`,
//! `events::on_sdk_call_failed`).

use std::{cell::RefCell, future::Future, rc::Rc};

use chorus_core::{
    player::{LocalCommand, Location, PlayerAction},
    spotify::{
        requests::{self, ApiCall, PlayBody},
        Devices, PlaybackState, RepeatState,
    },
};
use chorus_sdk::SdkError;
use yew::prelude::*;

use super::{
    device::{PlaybackDevice, INITIAL_VOLUME_PERCENT},
    events::{on_command_failed, on_sdk_call_failed, Step},
    model::{DevicePhase, PlayerModel, PlayerModelAction},
    text,
};
use crate::{
    services::{
        browser::now_ms,
        web_api::{ApiError, Registration, WebApi},
    },
    ui::notice::Notice,
};

/// This tab's device once the SDK made it (dropping it disconnects it).
pub type DeviceSlot = Rc<RefCell<Option<PlaybackDevice>>>;

/// The player of this tab: its model and its controls.
#[derive(Clone)]
pub struct UsePlayerHandle {
    pub(super) model: UseReducerHandle<PlayerModel>,
    pub(super) device: DeviceSlot,
    pub(super) api: WebApi,
}

impl PartialEq for UsePlayerHandle {
    fn eq(&self, other: &Self) -> bool {
        // The reducer handles compare the states they were rendered with (a deref reads the
        // latest state, which two handles of one reducer always share).
        self.model == other.model && Rc::ptr_eq(&self.device, &other.device)
    }
}

impl std::fmt::Debug for UsePlayerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UsePlayerHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

impl UsePlayerHandle {
    pub fn model(&self) -> &PlayerModel {
        &self.model
    }

    /// This tab's device id, once Spotify registered it.
    pub fn device_id(&self) -> Option<String> {
        self.model.core.this_device_id.clone()
    }

    /// Whether what the account plays is on this tab's device.
    pub fn plays_here(&self) -> bool {
        self.model.core.location == Location::ThisTab
    }

    /// Whether this tab's device is registered and can take commands.
    pub fn is_ready(&self) -> bool {
        self.model.phase == DevicePhase::Ready && self.device.borrow().is_some()
    }

    /// This account cannot play in a browser (a free account): the screens are read-only.
    pub fn premium_required(&self) -> bool {
        self.model.phase == DevicePhase::PremiumRequired
    }

    /// The call that plays `body` on this tab's device (`PUT me/player/play`; send it
    /// `Registration::MayLag`), or what to tell the person while there is no device yet.
    pub fn play_call(&self, body: &PlayBody) -> Result<ApiCall, &'static str> {
        match self.device_id() {
            Some(device_id) => Ok(requests::play(Some(&device_id), body)),
            None => Err(text::STILL_CONNECTING),
        }
    }

    /// Inside a key press or click that will start playback here by the Web API: the SDK's
    /// `activateElement()` is the gesture the browser's autoplay policy waits for.
    pub fn activate_for_play(&self) {
        if self.device.borrow().is_none() {
            return;
        }
        self.model
            .dispatch(PlayerModelAction::AutoplayBlocked(false));
        self.sdk(|player| player.activate_element());
    }

    /// "Turn sound on" after `autoplay_failed`: the click is the gesture the browser waits for.
    pub fn enable_sound(&self) {
        self.model
            .dispatch(PlayerModelAction::AutoplayBlocked(false));
        self.sdk(|player| player.activate_element());
        // Spotify may have stopped the track the browser would not play: start it again.
        if self.plays_here() && !self.model.core.is_playing {
            self.local(LocalCommand::Resume);
            self.sdk(|player| player.resume());
        }
    }

    pub fn toggle_play(&self) {
        let core = &self.model.core;
        if !self.plays_here() {
            return match core.location {
                Location::Elsewhere { .. } => self.play_here(),
                _ => self.start_here(),
            };
        }
        if self.model.autoplay_blocked {
            return self.enable_sound();
        }
        self.local(if core.is_playing {
            LocalCommand::Pause
        } else {
            LocalCommand::Resume
        });
        self.sdk(|player| player.toggle_play());
    }

    /// Pauses this tab's device (the command bar's "pause"; the button toggles).
    pub fn pause(&self) {
        self.local(LocalCommand::Pause);
        self.sdk(|player| player.pause());
    }

    pub fn next(&self) {
        self.local(LocalCommand::Next);
        self.sdk(|player| player.next_track());
    }

    pub fn previous(&self) {
        self.local(LocalCommand::Previous);
        self.sdk(|player| player.previous_track());
    }

    pub fn seek(&self, position_ms: u64) {
        self.local(LocalCommand::Seek { position_ms });
        self.sdk(|player| player.seek(position_ms));
    }

    pub fn seek_by(&self, delta_ms: i64) {
        let position = self.model.core.position_at(now_ms());
        let target = position.saturating_add_signed(delta_ms);
        let target = self
            .model
            .core
            .duration_ms()
            .map_or(target, |d| target.min(d));
        self.seek(target);
    }

    pub fn set_volume(&self, percent: u8) {
        let percent = percent.min(100);
        self.local(LocalCommand::Volume { percent });
        if percent > 0 && self.model.muted_from.is_some() {
            self.model.dispatch(PlayerModelAction::Muted {
                restore_percent: None,
            });
        }
        self.sdk(|player| player.set_volume(f64::from(percent) / 100.0));
    }

    pub fn toggle_mute(&self) {
        match self.model.muted_from {
            Some(restore) => {
                self.model.dispatch(PlayerModelAction::Muted {
                    restore_percent: None,
                });
                self.set_volume(restore.max(1));
            }
            None => {
                let current = self
                    .model
                    .core
                    .volume_percent
                    .unwrap_or(INITIAL_VOLUME_PERCENT);
                self.local(LocalCommand::Volume { percent: 0 });
                self.model.dispatch(PlayerModelAction::Muted {
                    restore_percent: Some(current.max(1)),
                });
                self.sdk(|player| player.set_volume(0.0));
            }
        }
    }

    pub fn set_shuffle(&self, on: bool) {
        self.local(LocalCommand::Shuffle(on));
        let call = requests::shuffle(on, self.device_id().as_deref());
        self.web(call, Registration::Settled);
    }

    pub fn set_repeat(&self, mode: RepeatState) {
        self.local(LocalCommand::Repeat(mode));
        let call = requests::repeat(mode, self.device_id().as_deref());
        self.web(call, Registration::Settled);
    }

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

    pub fn dismiss_notice(&self) {
        self.model.dispatch(PlayerModelAction::Notice(None));
    }

    /// One `GET me/player` into the model (the core reducer decides whether it applies: it
    /// never overrides this tab's own SDK state, nor a command sent in the last two seconds).
    pub(super) fn poll_playback(&self) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let call = requests::playback_state();
            if let Ok(state) = this.api.call(&call).fetch::<PlaybackState>().await {
                this.model
                    .dispatch(PlayerModelAction::Core(PlayerAction::WebApi {
                        state: state.map(Box::new),
                        received_at_ms: now_ms(),
                    }));
            }
        });
    }

    /// Does what `events.rs` decided.
    pub(super) fn perform(&self, steps: Vec<Step>) {
        for step in steps {
            match step {
                Step::Dispatch(action) => self.model.dispatch(action),
                Step::RefreshDevices => self.refresh_devices(),
                Step::PollPlayback => self.poll_playback(),
            }
        }
    }

    /// A failed Web API command, undone and shown.
    pub(super) fn report(&self, error: &ApiError) {
        on_command_failed(error)
            .into_iter()
            .for_each(|action| self.model.dispatch(action));
    }

    pub(super) fn notice(&self, notice: Notice) {
        self.model.dispatch(PlayerModelAction::Notice(Some(notice)));
    }

    fn local(&self, command: LocalCommand) {
        self.model
            .dispatch(PlayerModelAction::Core(PlayerAction::Local {
                command,
                at_ms: now_ms(),
            }));
    }

    /// Calls the SDK now (inside the caller's event handler) and reports a failure.
    pub(super) fn sdk<F>(&self, call: impl FnOnce(&chorus_sdk::Player) -> F)
    where
        F: Future<Output = Result<(), SdkError>> + 'static,
    {
        let pending = match self.device.borrow().as_ref() {
            Some(device) => call(device.player()),
            None => return self.notice(Notice::info(text::STILL_CONNECTING)),
        };
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = pending.await {
                on_sdk_call_failed(&error)
                    .into_iter()
                    .for_each(|action| model.dispatch(action));
            }
        });
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
