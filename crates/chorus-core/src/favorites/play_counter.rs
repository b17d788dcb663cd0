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
//! - When the track changed between two observations, the new track's position already went
//!   by on it, not on the old one: a coarse poll (another device, a hidden tab) credits the
//!   new track, not the old one, with the start of the next (at most the time between them).
//!
//! The same rule counts this tab's plays (SDK states) and another device's (Web API polls):
//! the observation says where it was heard (`source`), and a play's source is where its last
//! listened interval was heard.

use super::source::PlaySource;
use crate::player::{is_chorus_device, Location, PlayerState};

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
    /// Where it is heard (meaningful while `playing`).
    pub source: PlaySource,
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
            source: PlaySource::ChorusTab,
        })
    }

    /// The observation of the account's keeper tab: this tab's own playback, and playback on
    /// any other device that is not a Chorus tab (a phone, a speaker; Chorus tabs count their
    /// own). A device not yet named (the SDK said "elsewhere", no poll yet) is not counted.
    pub fn from_account(state: &PlayerState, now_ms: u64) -> Option<Self> {
        let mut observation = Self::from_player(state, now_ms)?;
        if let Location::Elsewhere {
            device_name: Some(name),
        } = &state.location
        {
            observation.playing = state.is_playing && !state.loading && !is_chorus_device(name);
            observation.source = PlaySource::OtherDevice;
        }
        Some(observation)
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
    /// When the completion was observed: the track's "last played" (the app puts this
    /// machine's time here).
    pub at_ms: u64,
    /// When the completion was observed on the player's clock (Spotify's, as `played_at` in
    /// recently played is), to tell it apart from the same play read from the history.
    pub clock_ms: u64,
    pub source: PlaySource,
    pub duration_ms: u64,
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
                let mut elapsed = observation.at_ms - last.at_ms;
                if observation.track_uri != instance.track_uri {
                    // The next track's position went by on it.
                    elapsed = elapsed.saturating_sub(observation.position_ms);
                }
                let left = instance.duration_ms.saturating_sub(last.position_ms);
                instance.listened_ms = instance.listened_ms.saturating_add(elapsed.min(left));
            }
            completed = Self::check(
                instance,
                observation.at_ms,
                last.source,
                &required_listen_ms,
            );
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
            // A track first seen playing at position p went by since the last observation
            // for at most p (it began after that observation showed something else).
            let unseen = match &self.last {
                Some(last) if observation.playing => {
                    observation.position_ms.min(observation.at_ms - last.at_ms)
                }
                _ => 0,
            };
            self.instance = Some(Instance {
                track_uri: observation.track_uri.clone(),
                duration_ms: observation.duration_ms,
                listened_ms: unseen,
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
        source: PlaySource,
        required_listen_ms: &impl Fn(u64) -> u64,
    ) -> Option<CompletedPlay> {
        let reached = instance.duration_ms > 0
            && instance.listened_ms >= required_listen_ms(instance.duration_ms);
        if reached && !instance.counted {
            instance.counted = true;
            return Some(CompletedPlay {
                track_uri: instance.track_uri.clone(),
                at_ms,
                clock_ms: at_ms,
                source,
                duration_ms: instance.duration_ms,
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
            source: PlaySource::ChorusTab,
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
                at_ms: 200_000,
                clock_ms: 200_000,
                source: PlaySource::ChorusTab,
                duration_ms: 200_000,
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
    fn a_coarse_poll_does_not_credit_the_old_track_with_the_start_of_the_next() {
        // Polled every 80 s at worst: the 200 s song was left at 180 s, and the next one
        // is 20 s in when the poll at 200 s sees it.
        let mut seen = vec![at(SONG, 0, true, 0)];
        seen.extend((1..=2).map(|n| at(SONG, n * 60, true, n * 60)));
        let mut next = at(OTHER, 20, true, 200);
        next.duration_ms = 300_000;
        seen.push(next);
        let ratio_one = |d: u64| d; // the whole song, to see the credit exactly
        let mut counter = PlayCounter::new();
        let plays: Vec<_> = seen
            .into_iter()
            .filter_map(|o| counter.observe(o, ratio_one))
            .collect();
        assert!(plays.is_empty(), "180 s of a 200 s song, not 200 s");
        // The next track got its 20 s: 280 more of its 300 make it whole.
        let mut counter = PlayCounter::new();
        counter.observe(at(SONG, 0, true, 0), ratio_one);
        let mut next = at(OTHER, 20, true, 200);
        next.duration_ms = 300_000;
        counter.observe(next, ratio_one);
        let mut done = at(SONG, 0, true, 480);
        done.duration_ms = 300_000;
        let whole = counter.observe(done, ratio_one);
        assert_eq!(whole.map(|p| p.track_uri), Some(OTHER.to_owned()));
        let mut counter = PlayCounter::new();
        counter.observe(at(SONG, 0, true, 0), ratio_one);
        let done = counter.observe(at(OTHER, 0, true, 200), ratio_one);
        assert!(
            done.is_some(),
            "a track change at the end still completes it"
        );
    }

    #[test]
    fn the_keeper_counts_other_devices_but_not_other_chorus_tabs() {
        use crate::player::{chorus_device_name, PlayerAction};
        use crate::spotify::PlaybackState;
        let polled = |device_name: &str| -> PlayerState {
            let body = serde_json::json!({
                "device": {"id": "d", "is_active": true, "name": device_name,
                           "type": "Smartphone", "volume_percent": 50},
                "is_playing": true, "progress_ms": 10_000, "shuffle_state": false,
                "repeat_state": "off", "timestamp": 1, "context": null,
                "actions": {"disallows": {}},
                "item": {"type": "track", "id": "t", "name": "T", "uri": "spotify:track:t",
                         "duration_ms": 200000, "artists": [{"name": "A"}]}
            });
            let state: PlaybackState = serde_json::from_value(body).expect("state");
            let mut player = PlayerState::new();
            player.apply(PlayerAction::WebApi {
                state: Some(Box::new(state)),
                received_at_ms: 1_000,
            });
            player
        };
        let phone = polled("Alice's iPhone");
        let own = PlayObservation::from_player(&phone, 2_000).expect("a track");
        assert!(!own.playing, "not this tab's listening");
        let keeper = PlayObservation::from_account(&phone, 2_000).expect("a track");
        assert!(keeper.playing);
        assert_eq!(keeper.source, PlaySource::OtherDevice);
        assert_eq!(keeper.position_ms, 11_000);
        let other_tab = polled(&chorus_device_name("Alice"));
        let keeper = PlayObservation::from_account(&other_tab, 2_000).expect("a track");
        assert!(!keeper.playing, "that tab counts its own plays");
    }

    #[test]
    fn a_play_is_attributed_to_where_its_last_interval_was_heard() {
        let mut counter = PlayCounter::new();
        let ratio = |d: u64| d * 8 / 10;
        let mut on_phone = at(SONG, 0, true, 0);
        on_phone.source = PlaySource::OtherDevice;
        assert_eq!(counter.observe(on_phone, ratio), None);
        let done = counter
            .observe(at(OTHER, 0, true, 200), ratio)
            .expect("completed");
        assert_eq!(done.source, PlaySource::OtherDevice);
        assert_eq!(done.clock_ms, 200_000);
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
