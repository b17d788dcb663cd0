//! The player-state reducer (contract §2 `GET /me/player`, §3 `player_state_changed`): one
//! model fed by the SDK, by Web API polls and by the tab's own optimistic commands.
//!
//! Rules, each because of a documented behaviour:
//! - The SDK is authoritative for this tab's device; its events may repeat and arrive late,
//!   so a state older than the last one applied is dropped (contract §3).
//! - SDK `null` means playback moved to another device: "playing elsewhere" (contract §3).
//! - A Web API poll is a snapshot that may predate the tab's last command, so polls are
//!   ignored for `OPTIMISTIC_HOLD_MS` after a local command.
//! - Progress is a position plus the local time it was measured, interpolated by
//!   `position_at(now)` so the bar moves smoothly without events.

use super::now_playing::{NowPlaying, Restrictions};
use super::resume::ResumePoint;
use crate::spotify::requests::PlayBody;
use crate::spotify::sdk::SdkState;
use crate::spotify::{Device, PlaybackState, RepeatState};

/// How long a local command wins over Web API polls (a poll takes up to a second or two to
/// reflect a command).
pub const OPTIMISTIC_HOLD_MS: u64 = 2_000;

/// An SDK `timestamp` further than this from the local receive time is not trusted as the
/// measurement time of `position`.
const SDK_CLOCK_TOLERANCE_MS: u64 = 5_000;

/// Where this listener's playback is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Location {
    /// Nothing known yet or nothing active (Web API 204).
    #[default]
    Nowhere,
    /// This tab's SDK device.
    ThisTab,
    /// Another device of the same account (one account, one stream: contract §3).
    Elsewhere { device_name: Option<String> },
}

/// What the header and title show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    Nothing,
    Playing,
    Paused,
    PlayingElsewhere,
}

/// A command this tab sent, applied before Spotify confirms it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalCommand {
    Resume,
    Pause,
    Seek { position_ms: u64 },
    Shuffle(bool),
    Repeat(RepeatState),
    Volume { percent: u8 },
    Next,
    Previous,
}

/// Everything that changes the model. Times are local Unix ms.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerAction {
    /// SDK `ready`: this tab's device id.
    DeviceReady { device_id: String },
    /// SDK `not_ready`.
    DeviceNotReady { at_ms: u64 },
    /// `player_state_changed` (or `getCurrentState()`) with a state.
    Sdk {
        state: Box<SdkState>,
        received_at_ms: u64,
    },
    /// `player_state_changed(null)`: playback left this device at `at_ms`.
    SdkNull { at_ms: u64 },
    /// A `GET /me/player` answer; `None` for 204 (nothing active).
    WebApi {
        state: Option<Box<PlaybackState>>,
        received_at_ms: u64,
    },
    /// An optimistic local command.
    Local { command: LocalCommand, at_ms: u64 },
    /// The last local command failed (e.g. 403 `PREMIUM_REQUIRED`): stop holding polls off,
    /// so the next one puts the truth back on screen.
    LocalFailed,
}

impl PlayerAction {
    /// `player_state_changed` as the SDK binding decodes it: a state, or `None` for `null`.
    pub fn from_sdk(state: Option<Box<SdkState>>, received_at_ms: u64) -> Self {
        match state {
            Some(state) => PlayerAction::Sdk {
                state,
                received_at_ms,
            },
            None => PlayerAction::SdkNull {
                at_ms: received_at_ms,
            },
        }
    }
}

/// The player model of one tab.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlayerState {
    pub this_device_id: Option<String>,
    pub location: Location,
    pub now_playing: Option<NowPlaying>,
    pub is_playing: bool,
    pub loading: bool,
    pub shuffle: bool,
    pub repeat: RepeatState,
    pub restrictions: Restrictions,
    pub context_uri: Option<String>,
    pub volume_percent: Option<u8>,
    /// The other device of the account that has the stream, as the last Web API poll showed
    /// it (id, type, volume support), while the location is `Elsewhere`: what remote
    /// commands target.
    pub remote_device: Option<Device>,
    position_ms: u64,
    measured_at_ms: u64,
    last_sdk_timestamp: Option<u64>,
    hold_polls_until_ms: u64,
}

impl PlayerState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies one action.
    pub fn apply(&mut self, action: PlayerAction) {
        match action {
            PlayerAction::DeviceReady { device_id } => self.this_device_id = Some(device_id),
            PlayerAction::DeviceNotReady { at_ms } => {
                self.this_device_id = None;
                if self.location == Location::ThisTab {
                    self.freeze_at(at_ms);
                    self.location = Location::Nowhere;
                }
            }
            PlayerAction::Sdk {
                state,
                received_at_ms,
            } => self.apply_sdk(&state, received_at_ms),
            PlayerAction::SdkNull { at_ms } => {
                if self.location == Location::ThisTab {
                    self.freeze_at(at_ms);
                    self.location = Location::Elsewhere { device_name: None };
                    self.remote_device = None;
                }
            }
            PlayerAction::WebApi {
                state,
                received_at_ms,
            } => self.apply_web_api(state.as_deref(), received_at_ms),
            PlayerAction::Local { command, at_ms } => self.apply_local(command, at_ms),
            PlayerAction::LocalFailed => self.hold_polls_until_ms = 0,
        }
    }

    /// Position at `now_ms`: interpolated while playing, clamped to the duration.
    pub fn position_at(&self, now_ms: u64) -> u64 {
        let elapsed = if self.is_playing && !self.loading {
            now_ms.saturating_sub(self.measured_at_ms)
        } else {
            0
        };
        let position = self.position_ms.saturating_add(elapsed);
        match self.duration_ms() {
            Some(duration) if duration > 0 => position.min(duration),
            _ => position,
        }
    }

    /// What this tab plays, as the `PUT /me/player/play` body that carries on from exactly
    /// there (same context, same track, same position), and whether it was playing. `None`
    /// when nothing plays in this tab. Used when the device must connect again.
    pub fn carry_on(&self, now_ms: u64) -> Option<(PlayBody, bool)> {
        ResumePoint::of(self, now_ms).map(|point| (point.play_body(), point.playing))
    }

    /// The id of the other device that has the stream, when the last poll named one: where
    /// remote commands go (`?device_id=`).
    pub fn remote_device_id(&self) -> Option<&str> {
        match self.location {
            Location::Elsewhere { .. } => self.remote_device.as_ref()?.id.as_deref(),
            _ => None,
        }
    }

    pub fn duration_ms(&self) -> Option<u64> {
        self.now_playing.as_ref().map(|now| now.duration_ms)
    }

    /// 0.0–1.0 for the progress bar.
    pub fn progress_ratio(&self, now_ms: u64) -> f64 {
        match self.duration_ms() {
            Some(duration) if duration > 0 => self.position_at(now_ms) as f64 / duration as f64,
            _ => 0.0,
        }
    }

    pub fn activity(&self) -> Activity {
        match (&self.location, self.now_playing.is_some(), self.is_playing) {
            (Location::Elsewhere { .. }, _, _) => Activity::PlayingElsewhere,
            (_, false, _) => Activity::Nothing,
            (Location::ThisTab, true, true) => Activity::Playing,
            (Location::Nowhere, true, true) => Activity::Playing,
            (_, true, false) => Activity::Paused,
        }
    }

    fn freeze_at(&mut self, now_ms: u64) {
        let now_ms = now_ms.max(self.measured_at_ms);
        self.position_ms = self.position_at(now_ms);
        self.measured_at_ms = now_ms;
        self.is_playing = false;
    }

    fn apply_sdk(&mut self, state: &SdkState, received_at_ms: u64) {
        if self
            .last_sdk_timestamp
            .is_some_and(|last| state.timestamp < last)
        {
            return; // an older event delivered late
        }
        self.last_sdk_timestamp = Some(state.timestamp);
        self.location = Location::ThisTab;
        self.remote_device = None;
        self.now_playing = state
            .track_window
            .current_track
            .as_ref()
            .map(NowPlaying::from_sdk);
        self.is_playing = !state.paused;
        self.loading = state.loading;
        self.shuffle = state.shuffle;
        self.repeat = RepeatState::from_sdk_mode(state.repeat_mode);
        self.restrictions = state.disallows.into();
        self.context_uri = state.context.uri.clone();
        self.position_ms = state.position;
        let trusted = state.timestamp > 0
            && state.timestamp <= received_at_ms
            && received_at_ms - state.timestamp <= SDK_CLOCK_TOLERANCE_MS;
        self.measured_at_ms = if trusted {
            state.timestamp
        } else {
            received_at_ms
        };
    }

    fn apply_web_api(&mut self, state: Option<&PlaybackState>, received_at_ms: u64) {
        if received_at_ms < self.hold_polls_until_ms {
            return;
        }
        let Some(state) = state else {
            if self.location != Location::ThisTab {
                *self = Self {
                    this_device_id: self.this_device_id.take(),
                    ..Self::default()
                };
            }
            return;
        };
        let device = state.device.as_ref();
        let on_this_tab = match (device.and_then(|d| d.id.as_deref()), &self.this_device_id) {
            (Some(id), Some(mine)) => id == mine,
            _ => false,
        };
        if self.location == Location::ThisTab && (on_this_tab || !state.is_playing) {
            // The SDK speaks for this device; a paused other device is old news.
            if on_this_tab {
                self.volume_percent = device.and_then(|d| d.volume_percent);
            }
            return;
        }
        self.location = if on_this_tab {
            Location::ThisTab
        } else {
            Location::Elsewhere {
                device_name: device.map(|d| d.name.clone()),
            }
        };
        self.remote_device = (!on_this_tab).then(|| device.cloned()).flatten();
        self.now_playing = state.item.as_ref().and_then(NowPlaying::from_playable);
        self.is_playing = state.is_playing;
        self.loading = false;
        self.shuffle = state.shuffle_state;
        self.repeat = state.repeat_state;
        self.restrictions = state.actions.disallows.into();
        self.context_uri = state.context.as_ref().map(|c| c.uri.clone());
        self.volume_percent = device.and_then(|d| d.volume_percent);
        // `timestamp` is when the state last changed, not when progress was measured: the
        // receive time is the honest measurement time.
        self.position_ms = state.progress_ms.unwrap_or(0);
        self.measured_at_ms = received_at_ms;
    }

    fn apply_local(&mut self, command: LocalCommand, at_ms: u64) {
        self.hold_polls_until_ms = at_ms.saturating_add(OPTIMISTIC_HOLD_MS);
        match command {
            LocalCommand::Pause => self.freeze_at(at_ms),
            LocalCommand::Resume => {
                self.position_ms = self.position_at(at_ms);
                self.measured_at_ms = at_ms;
                self.is_playing = self.now_playing.is_some();
            }
            LocalCommand::Seek { position_ms } => {
                let duration = self.duration_ms().unwrap_or(u64::MAX);
                self.position_ms = position_ms.min(duration);
                self.measured_at_ms = at_ms;
            }
            LocalCommand::Shuffle(on) => self.shuffle = on,
            LocalCommand::Repeat(mode) => self.repeat = mode,
            LocalCommand::Volume { percent } => self.volume_percent = Some(percent.min(100)),
            LocalCommand::Next | LocalCommand::Previous => {
                // The next item is unknown until the SDK says; show it loading from 0.
                self.position_ms = 0;
                self.measured_at_ms = at_ms;
                self.loading = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spotify::requests::PlayOffset;
    use crate::spotify::sdk::tests::SDK_STATE_JSON;

    fn sdk_state(paused: bool, position: u64, timestamp: u64) -> Box<SdkState> {
        let mut state: SdkState = serde_json::from_str(SDK_STATE_JSON).expect("sdk state");
        state.paused = paused;
        state.position = position;
        state.timestamp = timestamp;
        Box::new(state)
    }

    fn web_state(device_id: &str, playing: bool, progress: u64) -> Option<Box<PlaybackState>> {
        let body = serde_json::json!({
            "device": {"id": device_id, "is_active": true, "name": "Kitchen speaker",
                       "type": "Speaker", "volume_percent": 30},
            "is_playing": playing, "progress_ms": progress, "shuffle_state": false,
            "repeat_state": "track", "timestamp": 1, "context": null,
            "actions": {"disallows": {"seeking": true}},
            "item": {"type": "track", "id": "t2", "name": "Other Song", "uri": "spotify:track:t2",
                     "duration_ms": 200000, "artists": [{"name": "Someone"}]}
        });
        Some(Box::new(serde_json::from_value(body).expect("web state")))
    }

    fn ready_tab() -> PlayerState {
        let mut player = PlayerState::new();
        player.apply(PlayerAction::DeviceReady {
            device_id: "tab-device".into(),
        });
        player
    }

    #[test]
    fn sdk_state_sets_now_playing_and_progress_interpolates_while_playing() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 10_000, 1_000_000),
            received_at_ms: 1_000_050,
        });
        assert_eq!(player.activity(), Activity::Playing);
        assert_eq!(
            player.now_playing.as_ref().map(|n| n.name.as_str()),
            Some("Get Lucky")
        );
        assert_eq!(player.position_at(1_000_000), 10_000);
        assert_eq!(player.position_at(1_002_500), 12_500);
        assert_eq!(player.repeat, RepeatState::Context);
        assert!(player.restrictions.resuming);
    }

    #[test]
    fn carry_on_resumes_the_same_track_of_the_same_context_where_it_was() {
        let mut player = ready_tab();
        assert_eq!(player.carry_on(0), None, "nothing plays yet");
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 10_000, 1_000_000),
            received_at_ms: 1_000_000,
        });
        let (body, playing) = player.carry_on(1_004_000).expect("plays here");
        assert!(playing);
        assert_eq!(body.position_ms, Some(14_000));
        assert_eq!(body.context_uri.as_deref(), Some("spotify:playlist:3cEY"));
        assert_eq!(
            body.offset,
            Some(PlayOffset::Uri {
                uri: "spotify:track:69kOkLUCkxIZYexIgSG8rq".into()
            })
        );
        assert_eq!(body.uris, None);
        player.apply(PlayerAction::SdkNull { at_ms: 1_005_000 });
        assert_eq!(player.carry_on(1_006_000), None, "it plays elsewhere now");
    }

    #[test]
    fn position_is_frozen_while_paused_and_clamped_to_duration() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(true, 10_000, 1_000),
            received_at_ms: 1_000,
        });
        assert_eq!(player.position_at(90_000), 10_000);
        assert_eq!(player.activity(), Activity::Paused);
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 369_000, 2_000),
            received_at_ms: 2_000,
        });
        assert_eq!(player.position_at(10_000_000), 369_626);
        assert!((player.progress_ratio(10_000_000) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn an_older_sdk_event_delivered_late_is_ignored() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(true, 50_000, 2_000),
            received_at_ms: 2_000,
        });
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 10_000, 1_000),
            received_at_ms: 2_100,
        });
        assert_eq!(player.activity(), Activity::Paused);
        assert_eq!(player.position_at(5_000), 50_000);
    }

    #[test]
    fn an_untrustworthy_sdk_timestamp_falls_back_to_receive_time() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 0, 10),
            received_at_ms: 100_000,
        });
        assert_eq!(
            player.position_at(100_000),
            0,
            "not 99_990 ms of invented progress"
        );
    }

    #[test]
    fn sdk_null_means_playing_elsewhere() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 0, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::from_sdk(None, 2_000));
        assert_eq!(player.activity(), Activity::PlayingElsewhere);
        assert!(!player.is_playing);
        assert_eq!(
            player.position_at(60_000),
            1_000,
            "frozen where it left this tab"
        );
    }

    #[test]
    fn device_not_ready_freezes_progress_and_forgets_the_device() {
        let mut player = ready_tab();
        player.apply(PlayerAction::from_sdk(
            Some(sdk_state(false, 5_000, 1_000)),
            1_000,
        ));
        player.apply(PlayerAction::DeviceNotReady { at_ms: 3_000 });
        assert_eq!(player.this_device_id, None);
        assert_eq!(player.location, Location::Nowhere);
        assert_eq!(player.activity(), Activity::Paused);
        assert_eq!(player.position_at(90_000), 7_000);
    }

    #[test]
    fn web_api_state_of_another_device_names_it() {
        let mut player = ready_tab();
        player.apply(PlayerAction::SdkNull { at_ms: 2_000 });
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 5_000),
            received_at_ms: 50_000,
        });
        assert_eq!(
            player.location,
            Location::Elsewhere {
                device_name: Some("Kitchen speaker".into())
            }
        );
        assert_eq!(player.position_at(51_000), 6_000);
        assert_eq!(player.repeat, RepeatState::Track);
        assert!(player.restrictions.seeking);
        assert_eq!(player.volume_percent, Some(30));
    }

    #[test]
    fn the_device_that_plays_elsewhere_is_kept_for_remote_commands_until_this_tab_plays() {
        let mut player = ready_tab();
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 5_000),
            received_at_ms: 50_000,
        });
        assert_eq!(player.remote_device_id(), Some("speaker"));
        let device = player.remote_device.clone().expect("the speaker");
        assert_eq!(
            (device.kind.as_str(), device.volume_percent),
            ("Speaker", Some(30))
        );
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 0, 60_000),
            received_at_ms: 60_000,
        });
        assert_eq!(player.remote_device_id(), None, "this tab plays now");
        player.apply(PlayerAction::SdkNull { at_ms: 61_000 });
        assert_eq!(
            player.remote_device_id(),
            None,
            "elsewhere, but not yet named by a poll"
        );
        player.apply(PlayerAction::WebApi {
            state: None,
            received_at_ms: 70_000,
        });
        assert_eq!(player.remote_device, None, "nothing active");
    }

    #[test]
    fn web_api_poll_does_not_override_the_sdk_for_this_tab() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 1_000, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::WebApi {
            state: web_state("tab-device", false, 0),
            received_at_ms: 10_000,
        });
        assert_eq!(player.activity(), Activity::Playing);
        assert_eq!(
            player.now_playing.as_ref().map(|n| n.name.as_str()),
            Some("Get Lucky")
        );
        player.apply(PlayerAction::WebApi {
            state: None,
            received_at_ms: 11_000,
        });
        assert_eq!(
            player.activity(),
            Activity::Playing,
            "a lagging 204 does not wipe this tab"
        );
    }

    #[test]
    fn another_device_starting_to_play_moves_playback_elsewhere() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 1_000, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::WebApi {
            state: web_state("phone", true, 0),
            received_at_ms: 10_000,
        });
        assert_eq!(player.activity(), Activity::PlayingElsewhere);
    }

    #[test]
    fn nothing_active_clears_the_model_but_keeps_the_device() {
        let mut player = ready_tab();
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", false, 0),
            received_at_ms: 10_000,
        });
        player.apply(PlayerAction::WebApi {
            state: None,
            received_at_ms: 20_000,
        });
        assert_eq!(player.activity(), Activity::Nothing);
        assert_eq!(player.this_device_id.as_deref(), Some("tab-device"));
    }

    #[test]
    fn optimistic_pause_freezes_progress_and_holds_off_stale_polls() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 0, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::SdkNull { at_ms: 2_000 });
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 0),
            received_at_ms: 2_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Pause,
            at_ms: 5_000,
        });
        assert!(!player.is_playing);
        assert_eq!(player.position_at(9_000), 3_000);
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 3_000),
            received_at_ms: 6_000,
        });
        assert!(!player.is_playing, "a poll within the hold is ignored");
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 4_000),
            received_at_ms: 7_500,
        });
        assert!(player.is_playing, "after the hold, polls apply again");
    }

    #[test]
    fn a_failed_command_lets_the_next_poll_correct_the_screen() {
        let mut player = ready_tab();
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 0),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Pause,
            at_ms: 2_000,
        });
        player.apply(PlayerAction::LocalFailed);
        player.apply(PlayerAction::WebApi {
            state: web_state("speaker", true, 1_500),
            received_at_ms: 2_500,
        });
        assert!(player.is_playing);
        assert_eq!(player.position_at(2_500), 1_500);
    }

    #[test]
    fn optimistic_seek_resume_and_settings_apply_at_once() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(true, 0, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Seek {
                position_ms: 999_999,
            },
            at_ms: 2_000,
        });
        assert_eq!(
            player.position_at(2_000),
            369_626,
            "seek is clamped to the duration"
        );
        player.apply(PlayerAction::Local {
            command: LocalCommand::Seek {
                position_ms: 60_000,
            },
            at_ms: 2_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Resume,
            at_ms: 3_000,
        });
        assert_eq!(player.position_at(4_000), 61_000);
        player.apply(PlayerAction::Local {
            command: LocalCommand::Shuffle(false),
            at_ms: 3_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Repeat(RepeatState::Off),
            at_ms: 3_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Volume { percent: 140 },
            at_ms: 3_000,
        });
        assert!(!player.shuffle);
        assert_eq!(player.repeat, RepeatState::Off);
        assert_eq!(player.volume_percent, Some(100));
    }

    #[test]
    fn skipping_shows_the_next_item_loading_from_zero() {
        let mut player = ready_tab();
        player.apply(PlayerAction::Sdk {
            state: sdk_state(false, 50_000, 1_000),
            received_at_ms: 1_000,
        });
        player.apply(PlayerAction::Local {
            command: LocalCommand::Next,
            at_ms: 2_000,
        });
        assert!(player.loading);
        assert_eq!(player.position_at(5_000), 0);
    }
}
