//! [`UsePlayerHandle`]: this tab's player as every screen and feature sees it (`use_player()`):
//! its model and its controls. The controls act on whatever has the account's stream
//! (`PlayerModel::controls`): this tab's device through the SDK (play/pause, seek, volume,
//! skip), another device of the account through the Web API with its `device_id` (remote
//! mode); shuffle and repeat are always the Web API's (transfer and starting playback are in
//! `start.rs`). Each control updates the model at once (chorus-core's optimistic `Local`
//! action) and undoes it if the command fails (`events::on_command_failed`,
//! `events::on_sdk_call_failed`).

use std::{cell::RefCell, future::Future, rc::Rc};

use chorus_core::{
    player::{LocalCommand, Location, PlayerAction},
    spotify::requests::{self, ApiCall, PlayBody},
};
use chorus_sdk::SdkError;
use yew::prelude::*;

use super::{
    device::{PlaybackDevice, INITIAL_VOLUME_PERCENT},
    events::{on_sdk_call_failed, Step},
    model::{ControlTarget, Controls, DevicePhase, PlayerModel, PlayerModelAction},
    text,
};
use crate::{
    services::{browser::now_ms, web_api::WebApi},
    ui::{notice::Notice, toasts::Toasts},
};

/// The toasts' source for the player's outcomes.
pub const TOAST_SOURCE: &str = "player";

/// This tab's device once the SDK made it (dropping it disconnects it).
pub type DeviceSlot = Rc<RefCell<Option<PlaybackDevice>>>;

/// The player of this tab: its model and its controls.
#[derive(Clone)]
pub struct UsePlayerHandle {
    pub(super) model: UseReducerHandle<PlayerModel>,
    pub(super) device: DeviceSlot,
    pub(super) api: WebApi,
    /// Where the player's outcomes show (could not play, rate limited…).
    pub(super) toasts: Toasts,
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

    /// What the controls act on now, and which of them work.
    pub fn controls(&self) -> Controls {
        self.model.controls()
    }

    /// Whether the player's commands (pause, next, volume…) can be given: this tab's device is
    /// ready, another device has the stream, or this tab is a remote (it says when nothing
    /// plays).
    pub fn can_control(&self) -> bool {
        self.is_ready() || self.controls().enabled || self.model.is_remote()
    }

    /// Why a click on a track cannot play it now, in words (a free account is told so, never
    /// "try again"); `None` when this tab's device is ready or this tab is a remote (it plays
    /// on the account's active device).
    pub fn cannot_play(&self) -> Option<&'static str> {
        match &self.model.phase {
            DevicePhase::PremiumRequired => Some(text::PLAYING_NEEDS_PREMIUM),
            _ if self.model.is_remote() => None,
            DevicePhase::Failed(_) => Some(text::PLAYER_BROKEN),
            _ if self.device_id().is_none() => Some(text::STILL_CONNECTING),
            _ => None,
        }
    }

    /// Whether a click on a track can play it (see [`Self::cannot_play`]).
    pub fn can_play(&self) -> bool {
        self.cannot_play().is_none()
    }

    /// The call that plays `body` (`PUT me/player/play`; send it `Registration::MayLag`): on
    /// this tab's device, or — a remote — on the device that has the stream (Spotify's active
    /// device when none is known); else what to tell the person while it cannot.
    pub fn play_call(&self, body: &PlayBody) -> Result<ApiCall, &'static str> {
        if let Some(why) = self.cannot_play() {
            return Err(why);
        }
        match self.device_id() {
            Some(device_id) => Ok(requests::play(Some(&device_id), body)),
            None if self.model.is_remote() => {
                Ok(requests::play(self.model.core.remote_device_id(), body))
            }
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

    /// Play/pause of whatever has the stream; with nothing anywhere, starts playing here (or
    /// says what a remote can do).
    pub fn toggle_play(&self) {
        let core = &self.model.core;
        // After a reload, with nothing playing anywhere, the offered point carries on.
        if let (Some(point), ControlTarget::Nothing) =
            (self.model.resume_offer.clone(), self.controls().target)
        {
            if !self.model.is_remote() {
                return self.resume_from(point);
            }
        }
        match self.controls().target {
            ControlTarget::ThisTab if self.model.autoplay_blocked => self.enable_sound(),
            ControlTarget::ThisTab => {
                self.local(if core.is_playing {
                    LocalCommand::Pause
                } else {
                    LocalCommand::Resume
                });
                self.sdk(|player| player.toggle_play());
            }
            ControlTarget::Device { .. } if core.is_playing => self.pause(),
            ControlTarget::Device { .. } => self.command(
                LocalCommand::Resume,
                |player| player.resume(),
                requests::resume,
            ),
            ControlTarget::Nothing if self.model.is_remote() => {
                self.notice(Notice::info(text::NOTHING_TO_CONTROL))
            }
            ControlTarget::Nothing => self.start_here(),
        }
    }

    /// Pauses whatever has the stream (the command bar's "pause"; the button toggles).
    pub fn pause(&self) {
        self.command(
            LocalCommand::Pause,
            |player| player.pause(),
            requests::pause,
        );
    }

    pub fn next(&self) {
        self.command(
            LocalCommand::Next,
            |player| player.next_track(),
            requests::next,
        );
    }

    pub fn previous(&self) {
        self.command(
            LocalCommand::Previous,
            |player| player.previous_track(),
            requests::previous,
        );
    }

    pub fn seek(&self, position_ms: u64) {
        self.command(
            LocalCommand::Seek { position_ms },
            |player| player.seek(position_ms),
            |device| requests::seek(position_ms, device),
        );
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
        if !self.volume_settable() {
            return;
        }
        if percent > 0 && self.model.muted_from.is_some() {
            self.model.dispatch(PlayerModelAction::Muted {
                restore_percent: None,
            });
        }
        self.command(
            LocalCommand::Volume { percent },
            |player| player.set_volume(f64::from(percent) / 100.0),
            |device| requests::volume(percent, device),
        );
    }

    /// Another device that sets its volume itself (`supports_volume: false`) is said so, and
    /// not sent a command Spotify would refuse (403 `VOLUME_CONTROL_DISALLOW`).
    fn volume_settable(&self) -> bool {
        let controls = self.controls();
        if matches!(controls.target, ControlTarget::Device { .. }) && !controls.volume {
            self.notice(Notice::info(text::NO_DEVICE_VOLUME));
            return false;
        }
        true
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
                if !self.volume_settable() {
                    return;
                }
                let current = self
                    .model
                    .core
                    .volume_percent
                    .unwrap_or(INITIAL_VOLUME_PERCENT);
                self.model.dispatch(PlayerModelAction::Muted {
                    restore_percent: Some(current.max(1)),
                });
                self.command(
                    LocalCommand::Volume { percent: 0 },
                    |player| player.set_volume(0.0),
                    |device| requests::volume(0, device),
                );
            }
        }
    }

    pub fn dismiss_notice(&self) {
        self.set_notice(None);
    }

    /// The player's notice: a toast, and the model's (the command bar answers with it).
    fn set_notice(&self, notice: Option<Notice>) {
        self.toasts.set(TOAST_SOURCE, notice.clone());
        self.model.dispatch(PlayerModelAction::Notice(notice));
    }

    /// Does what `events.rs` decided.
    pub(super) fn perform(&self, steps: Vec<Step>) {
        for step in steps {
            match step {
                Step::Dispatch(PlayerModelAction::Notice(notice)) => self.set_notice(notice),
                Step::Dispatch(action) => self.model.dispatch(action),
                Step::RefreshDevices => self.refresh_devices(),
                Step::PollPlayback => self.poll_playback(),
            }
        }
    }

    pub(super) fn notice(&self, notice: Notice) {
        self.set_notice(Some(notice));
    }

    pub(super) fn local(&self, command: LocalCommand) {
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
            None => {
                let why = self.cannot_play().unwrap_or(text::STILL_CONNECTING);
                return self.notice(Notice::info(why));
            }
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = pending.await {
                this.perform(
                    on_sdk_call_failed(&error)
                        .into_iter()
                        .map(Step::Dispatch)
                        .collect(),
                );
            }
        });
    }
}
