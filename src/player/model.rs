//! This tab's player, as a reducer: chorus-core's `PlayerState` (what plays, where, progress)
//! plus what only the app knows — whether the SDK device is up, why it cannot be (and whether
//! the tab is then a remote for the account's other devices), the devices of the account and
//! a transient notice. Plain data, tested natively (`model_tests.rs`); `events.rs` says which
//! actions each SDK event becomes. [`PlayerModel::controls`] says what the controls act on, for
//! the Player page and any other view of the player.

use std::rc::Rc;

use chorus_core::{
    favorites::ListeningClock,
    player::{Location, PlayerAction, PlayerState, ResumePoint},
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
    /// The device could not be made (refused token, no SDK).
    Failed(Problem),
    /// This browser cannot play, but the tab shows and steers what the account plays on its
    /// other devices (Web API only).
    Remote(RemoteReason),
}

/// Why a tab is a remote only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteReason {
    /// The SDK's `initialization_error`: no protected content (EME) in this browser.
    CannotPlay { message: String },
    /// A phone's or tablet's browser, where the SDK does not play.
    Phone,
}

/// What the player's controls act on now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlTarget {
    /// This tab's device, through the SDK.
    ThisTab,
    /// Another device of the account, through the Web API (`?device_id=` when known).
    Device {
        id: Option<String>,
        name: Option<String>,
        /// The Web API's `type`: `Computer`, `Smartphone`, `Speaker`…
        kind: Option<String>,
    },
    /// Nothing plays anywhere.
    Nothing,
}

/// The controls of the player as any view shows them (the Player page, a now-playing bar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controls {
    pub target: ControlTarget,
    /// Play/pause, skip, seek, shuffle and repeat can be used.
    pub enabled: bool,
    /// The volume can be set (this tab; another device only when it says `supports_volume`).
    pub volume: bool,
    /// "Play here" can take the music into this tab.
    pub can_play_here: bool,
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
    /// After a reload: what the tab played, offered as one "Resume … at 1:23" button.
    ResumeOffer(Option<ResumePoint>),
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
    /// What the tab played before a reload, while it waits for a click to carry on.
    pub resume_offer: Option<ResumePoint>,
}

impl PlayerModel {
    /// Whether this tab is a remote only (it cannot play).
    pub fn is_remote(&self) -> bool {
        matches!(self.phase, DevicePhase::Remote(_))
    }

    /// Whether the tab follows what the account plays: its device is up, or it is a remote.
    pub fn observing(&self) -> bool {
        matches!(
            self.phase,
            DevicePhase::Ready | DevicePhase::Reconnecting | DevicePhase::Remote(_)
        )
    }

    /// What the controls act on, and which of them work.
    pub fn controls(&self) -> Controls {
        let core = &self.core;
        let device_up = matches!(self.phase, DevicePhase::Ready | DevicePhase::Reconnecting);
        let can_play_here = self.phase == DevicePhase::Ready && core.this_device_id.is_some();
        let (target, enabled, volume) = match &core.location {
            _ if self.phase == DevicePhase::PremiumRequired => {
                (ControlTarget::Nothing, false, false)
            }
            Location::ThisTab => (ControlTarget::ThisTab, device_up, device_up),
            Location::Elsewhere { device_name } => {
                let device = core.remote_device.as_ref();
                let target = ControlTarget::Device {
                    id: core.remote_device_id().map(str::to_owned),
                    name: device
                        .map(|d| d.name.clone())
                        .or_else(|| device_name.clone()),
                    kind: device.map(|d| d.kind.clone()),
                };
                // Until a poll names the device, commands would go nowhere in particular.
                let known = device.is_some();
                let supports_volume = device.is_some_and(|d| d.supports_volume);
                let enabled = self.observing() && known;
                (target, enabled, enabled && supports_volume)
            }
            Location::Nowhere => (ControlTarget::Nothing, false, false),
        };
        Controls {
            target,
            enabled,
            volume,
            can_play_here,
        }
    }

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
                // Both sources stamp their states with Spotify's clock.
                match &action {
                    PlayerAction::Sdk {
                        state,
                        received_at_ms,
                    } => next
                        .listening_clock
                        .on_sdk_state(state.timestamp, *received_at_ms),
                    PlayerAction::WebApi {
                        state: Some(state),
                        received_at_ms,
                    } => next
                        .listening_clock
                        .on_sdk_state(state.timestamp, *received_at_ms),
                    _ => {}
                }
                if matches!(action, PlayerAction::DeviceReady { .. })
                    && next.phase != DevicePhase::PremiumRequired
                    && !next.is_remote()
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
                // Playing here again, however it started: the offer is moot.
                if next.core.location == Location::ThisTab && next.core.is_playing {
                    next.resume_offer = None;
                }
            }
            PlayerModelAction::Phase(phase) => {
                // Premium-required is final for this account: a later `ready` does not undo it;
                // nor does a remote become a player without a reload (but a free account's
                // remote is read-only too).
                let allowed = !next.is_remote() || phase == DevicePhase::PremiumRequired;
                if next.phase != DevicePhase::PremiumRequired && allowed {
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
            PlayerModelAction::ResumeOffer(point) => next.resume_offer = point,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
