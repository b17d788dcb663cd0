//! This tab's player, as a reducer: chorus-core's `PlayerState` (what plays, where, progress)
//! plus what only the app knows — whether the SDK device is up, why it cannot be, the
//! devices of the account and a transient notice. Plain data, tested natively
//! (`model_tests.rs`); `events.rs` says which actions each SDK event becomes.

use std::rc::Rc;

use chorus_core::{
    favorites::ListeningClock,
    player::{PlayerAction, PlayerState},
    presence::Playing,
    spotify::Device,
};
use yew::Reducible;

use crate::ui::{notice::Notice, problem::Problem};

/// Where this tab's Web Playback device stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DevicePhase {
    /// Loading the SDK and registering the device.
    #[default]
    Connecting,
    /// Registered with Spotify Connect.
    Ready,
    /// `not_ready`: the connection dropped; the SDK reconnects by itself.
    Reconnecting,
    /// `account_error` or 403 `PREMIUM_REQUIRED`: this account cannot play in a browser.
    PremiumRequired,
    /// The device could not be made (no EME, refused token, no SDK).
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlayerModelAction {
    /// A new listener (or none): start over.
    Reset,
    Core(PlayerAction),
    Phase(DevicePhase),
    Notice(Option<Notice>),
    Devices(Vec<Device>),
    /// `autoplay_failed`: the browser kept sound from starting until the person clicks.
    AutoplayBlocked(bool),
    /// The volume the device was created with (not a command: polls are not held off).
    InitialVolume(u8),
    /// Mute remembers the volume to come back to.
    Muted {
        restore_percent: Option<u8>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlayerModel {
    pub core: PlayerState,
    pub phase: DevicePhase,
    pub notice: Option<Notice>,
    pub devices: Vec<Device>,
    /// `Some(volume)` while muted: the volume unmute goes back to.
    pub muted_from: Option<u8>,
    /// The browser blocked sound from starting by itself (`autoplay_failed`).
    pub autoplay_blocked: bool,
    /// The player's clock, on which the favorites tracker measures listening time.
    pub listening_clock: ListeningClock,
}

impl PlayerModel {
    /// What the presence strip of other tabs shows: the item while it is on this tab.
    pub fn presence(&self) -> Option<Playing> {
        if self.core.location != chorus_core::player::Location::ThisTab {
            return None;
        }
        self.core.now_playing.as_ref().map(|now| Playing {
            name: now.name.clone(),
            artists: now.artists.clone(),
            is_playing: self.core.is_playing,
        })
    }
}

impl Reducible for PlayerModel {
    type Action = PlayerModelAction;

    fn reduce(self: Rc<Self>, action: PlayerModelAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PlayerModelAction::Reset => return Rc::new(PlayerModel::default()),
            PlayerModelAction::Core(action) => {
                if let PlayerAction::Sdk {
                    state,
                    received_at_ms,
                } = &action
                {
                    next.listening_clock
                        .on_sdk_state(state.timestamp, *received_at_ms);
                }
                if matches!(action, PlayerAction::DeviceReady { .. })
                    && next.phase != DevicePhase::PremiumRequired
                {
                    next.phase = DevicePhase::Ready;
                }
                if matches!(action, PlayerAction::DeviceNotReady { .. })
                    && next.phase == DevicePhase::Ready
                {
                    next.phase = DevicePhase::Reconnecting;
                }
                // "Nothing active" clears the core model, but this device keeps its volume.
                let volume = next.core.volume_percent;
                next.core.apply(action);
                next.core.volume_percent = next.core.volume_percent.or(volume);
            }
            PlayerModelAction::Phase(phase) => {
                // Premium-required is final for this account: a later `ready` does not undo it.
                if next.phase != DevicePhase::PremiumRequired {
                    next.phase = phase;
                }
            }
            PlayerModelAction::Notice(notice) => next.notice = notice,
            PlayerModelAction::AutoplayBlocked(blocked) => next.autoplay_blocked = blocked,
            PlayerModelAction::InitialVolume(percent) => {
                next.core.volume_percent = Some(percent.min(100))
            }
            PlayerModelAction::Devices(devices) => next.devices = devices,
            PlayerModelAction::Muted { restore_percent } => next.muted_from = restore_percent,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
