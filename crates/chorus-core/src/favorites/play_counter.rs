//! Completed-play detection (the favorites issue): a play counts once it has been *listened
//! to* for the completion ratio of the track's duration, once per play instance.
//!
//! The SDK reports state changes, not ticks (contract §3: no end-of-track event; events may
//! repeat and arrive at random intervals), so listening time is credited per interval between
//! two observations: while the earlier one was playing, the wall time that passed, capped by
//! what was left of the track. Seeks therefore add real time, not the jump.
//!
//! - An observation not newer than the last one applied (duplicate, or late and stale) is
//!   dropped: it cannot start or extend an instance twice.
//! - A new instance starts when the track changes, or when the same track is back near its
//!   start after the current instance has counted (repeat, or a replay).

use crate::player::{Location, PlayerState};

/// "Near the start": a restart after completion lands within this of 0.
pub const NEAR_START_MS: u64 = 3_000;

/// One observation of playback, from the SDK or a Web API poll. Times are local Unix ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayObservation {
    pub track_uri: String,
    pub duration_ms: u64,
    pub position_ms: u64,
    pub playing: bool,
    pub at_ms: u64,
}

impl PlayObservation {
    /// The observation the player model gives at `now_ms`, for tracks only (episodes do not
    /// go into a favorites playlist). Only this tab's own playback counts as listening: two
    /// tabs of one account, or a tab watching the phone play, never count one play twice.
    /// Anything else is reported as not playing, which closes the listening interval.
    /// Feed it on every player change and, while playing, on the progress tick too.
    pub fn from_player(state: &PlayerState, now_ms: u64) -> Option<Self> {
        let now = state.now_playing.as_ref()?;
        if !now.uri.starts_with("spotify:track:") {
            return None;
        }
        Some(Self {
            track_uri: now.uri.clone(),
            duration_ms: now.duration_ms,
            position_ms: state.position_at(now_ms),
            playing: state.location == Location::ThisTab && state.is_playing && !state.loading,
            at_ms: now_ms,
        })
    }
}

/// A play instance being listened to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Instance {
    track_uri: String,
    duration_ms: u64,
    listened_ms: u64,
    counted: bool,
}

/// A play that just completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedPlay {
    pub track_uri: String,
    /// When the completion was observed.
    pub at_ms: u64,
}

/// The counter of one listener. Lives in memory only: a reload starts a fresh instance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayCounter {
    instance: Option<Instance>,
    last: Option<PlayObservation>,
}

impl PlayCounter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds one observation; returns the play it completed, if any. `required_listen_ms`
    /// maps a duration to the listening time needed (the completion ratio).
    pub fn observe(
        &mut self,
        observation: PlayObservation,
        required_listen_ms: impl Fn(u64) -> u64,
    ) -> Option<CompletedPlay> {
        if self
            .last
            .as_ref()
            .is_some_and(|last| observation.at_ms <= last.at_ms)
        {
            return None;
        }
        let mut completed = None;
        // 1. Credit the interval since the last observation to the current instance.
        if let (Some(last), Some(instance)) = (&self.last, &mut self.instance) {
            if last.playing {
                let elapsed = observation.at_ms - last.at_ms;
                let left = instance.duration_ms.saturating_sub(last.position_ms);
                instance.listened_ms = instance.listened_ms.saturating_add(elapsed.min(left));
            }
            completed = Self::check(instance, observation.at_ms, &required_listen_ms);
        }
        // 2. Decide whether this observation belongs to a new instance.
        let starts_new = match &self.instance {
            None => true,
            Some(instance) => {
                instance.track_uri != observation.track_uri
                    || (instance.counted && observation.position_ms <= NEAR_START_MS)
            }
        };
        if starts_new {
            self.instance = Some(Instance {
                track_uri: observation.track_uri.clone(),
                duration_ms: observation.duration_ms,
                listened_ms: 0,
                counted: false,
            });
        } else if let Some(instance) = &mut self.instance {
            // Durations can arrive late (0 while loading): keep the best known.
            instance.duration_ms = instance.duration_ms.max(observation.duration_ms);
        }
        self.last = Some(observation);
        completed
    }

    fn check(
        instance: &mut Instance,
        at_ms: u64,
        required_listen_ms: &impl Fn(u64) -> u64,
    ) -> Option<CompletedPlay> {
        let reached = instance.duration_ms > 0
            && instance.listened_ms >= required_listen_ms(instance.duration_ms);
        if reached && !instance.counted {
            instance.counted = true;
            return Some(CompletedPlay {
                track_uri: instance.track_uri.clone(),
                at_ms,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SONG: &str = "spotify:track:song";
    const OTHER: &str = "spotify:track:other";

    fn at(track: &str, position_s: u64, playing: bool, at_s: u64) -> PlayObservation {
        PlayObservation {
            track_uri: track.into(),
            duration_ms: 200_000,
            position_ms: position_s * 1000,
            playing,
            at_ms: at_s * 1000,
        }
    }

    fn run(events: &[PlayObservation]) -> Vec<CompletedPlay> {
        let mut counter = PlayCounter::new();
        let ratio = |duration: u64| duration * 8 / 10;
        events
            .iter()
            .filter_map(|e| counter.observe(e.clone(), ratio))
            .collect()
    }

    #[test]
    fn a_play_to_the_end_counts_once_when_the_next_track_starts() {
        let plays = run(&[at(SONG, 0, true, 0), at(OTHER, 0, true, 200)]);
        assert_eq!(
            plays,
            vec![CompletedPlay {
                track_uri: SONG.into(),
                at_ms: 200_000
            }]
        );
    }

    #[test]
    fn a_play_stopped_early_does_not_count() {
        assert!(run(&[at(SONG, 0, true, 0), at(OTHER, 0, true, 150)]).is_empty());
    }

    #[test]
    fn pausing_stops_the_clock() {
        let events = [
            at(SONG, 0, true, 0),
            at(SONG, 100, false, 100),
            at(SONG, 100, true, 5_000),
            at(OTHER, 0, true, 5_050),
        ];
        assert!(run(&events).is_empty(), "only 150 s were listened");
    }

    #[test]
    fn seeking_to_the_end_does_not_count_a_play() {
        let events = [
            at(SONG, 0, true, 0),
            at(SONG, 190, true, 10),
            at(OTHER, 0, true, 20),
        ];
        assert!(run(&events).is_empty());
    }

    #[test]
    fn duplicated_and_stale_events_do_not_double_count() {
        let events = [
            at(SONG, 0, true, 0),
            at(SONG, 0, true, 0),
            at(SONG, 170, false, 170),
            at(SONG, 170, false, 170),
            at(SONG, 0, true, 0), // stale copy of the start, delivered late
            at(SONG, 170, true, 171),
        ];
        assert_eq!(run(&events).len(), 1);
    }

    #[test]
    fn repeat_one_counts_each_time_round() {
        let events = [
            at(SONG, 0, true, 0),
            at(SONG, 0, true, 200),
            at(SONG, 0, true, 400),
            at(SONG, 50, false, 450),
        ];
        assert_eq!(run(&events).len(), 2);
    }

    #[test]
    fn restarting_before_completion_continues_the_same_play() {
        let events = [
            at(SONG, 0, true, 0),
            at(SONG, 0, true, 100), // back to the start at 50%
            at(SONG, 100, false, 200),
        ];
        let plays = run(&events);
        assert_eq!(plays.len(), 1, "200 s listened in one instance counts once");
    }

    #[test]
    fn observations_come_from_tracks_in_the_player_model_only() {
        use crate::player::PlayerAction;
        use crate::spotify::sdk::SdkState;
        let mut player = PlayerState::new();
        assert_eq!(PlayObservation::from_player(&player, 0), None);
        let state: SdkState =
            serde_json::from_str(crate::spotify::sdk::tests::SDK_STATE_JSON).expect("sdk state");
        let timestamp = state.timestamp;
        player.apply(PlayerAction::Sdk {
            state: Box::new(state),
            received_at_ms: timestamp,
        });
        let observation =
            PlayObservation::from_player(&player, timestamp + 1_000).expect("a track");
        assert_eq!(
            observation.track_uri,
            "spotify:track:69kOkLUCkxIZYexIgSG8rq"
        );
        assert_eq!(observation.position_ms, 44_020);
        assert!(observation.playing);
        player.apply(PlayerAction::SdkNull {
            at_ms: timestamp + 1_500,
        });
        let elsewhere = PlayObservation::from_player(&player, timestamp + 2_000).expect("a track");
        assert!(
            !elsewhere.playing,
            "playback on another device is not this tab's listening"
        );
    }

    #[test]
    fn unknown_duration_never_counts() {
        let mut counter = PlayCounter::new();
        let mut start = at(SONG, 0, true, 0);
        start.duration_ms = 0;
        assert_eq!(counter.observe(start, |d| d), None);
        let end = PlayObservation {
            duration_ms: 0,
            ..at(OTHER, 0, true, 500)
        };
        assert_eq!(counter.observe(end, |d| d), None);
    }
}
