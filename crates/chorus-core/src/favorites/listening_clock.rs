//! The clock listening time is measured on: the player's own (Spotify's `timestamp` on each
//! SDK state, contract §3), carried forward between events by local time.
//!
//! Why not plain local time: the player is what decides how much of a track went by. A
//! Spotify clock that differs from this machine's — or the sandbox's manual clock, which
//! ends a track in one step — then still credits what the player says was played. The
//! offset only ever grows, so the clock never runs backwards (late or jittery events), and
//! the play counter caps any interval by what was left of the track.

/// Local time plus the largest `timestamp − received_at` seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListeningClock {
    offset_ms: Option<i64>,
}

impl ListeningClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// An SDK state stamped `timestamp_ms` (player clock) arrived at `received_at_ms` (local).
    /// A zero timestamp (unknown) is ignored.
    pub fn on_sdk_state(&mut self, timestamp_ms: u64, received_at_ms: u64) {
        if timestamp_ms == 0 {
            return;
        }
        let offset = i64::try_from(timestamp_ms)
            .unwrap_or(i64::MAX)
            .saturating_sub(i64::try_from(received_at_ms).unwrap_or(i64::MAX));
        self.offset_ms = Some(self.offset_ms.map_or(offset, |known| known.max(offset)));
    }

    /// Now on the player's clock, from local `now_ms`.
    pub fn now(&self, local_now_ms: u64) -> u64 {
        let offset = self.offset_ms.unwrap_or(0);
        local_now_ms.saturating_add_signed(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_events_it_is_local_time() {
        assert_eq!(ListeningClock::new().now(1_000), 1_000);
    }

    #[test]
    fn a_player_clock_that_jumps_ahead_is_followed() {
        let mut clock = ListeningClock::new();
        clock.on_sdk_state(10_000, 10_050);
        assert_eq!(clock.now(11_050), 11_000);
        // A manual clock advanced by 200 s while one real second went by.
        clock.on_sdk_state(210_000, 11_050);
        assert_eq!(clock.now(11_050), 210_000);
        assert_eq!(clock.now(12_050), 211_000);
    }

    #[test]
    fn it_never_runs_backwards() {
        let mut clock = ListeningClock::new();
        clock.on_sdk_state(50_000, 40_000);
        let before = clock.now(41_000);
        clock.on_sdk_state(42_000, 41_000); // a late or slower stamp
        assert!(clock.now(41_000) >= before);
        clock.on_sdk_state(0, 41_000);
        assert_eq!(clock.now(41_000), before);
    }

    #[test]
    fn a_manual_clock_step_of_one_track_length_completes_exactly_one_play() {
        use crate::favorites::{PlayCounter, PlayObservation};
        let duration = 200_000;
        let observe = |clock: &ListeningClock, position_ms, local| PlayObservation {
            track_uri: "spotify:track:a".into(),
            duration_ms: duration,
            position_ms,
            playing: true,
            at_ms: clock.now(local),
            source: crate::favorites::PlaySource::ChorusTab,
        };
        let (mut clock, mut counter) = (ListeningClock::new(), PlayCounter::new());
        let ratio = |d: u64| d * 8 / 10;
        // Start at 0 (player clock 50 s behind this machine's), one local tick a second later.
        clock.on_sdk_state(1_000_000, 1_050_000);
        assert_eq!(counter.observe(observe(&clock, 0, 1_050_000), ratio), None);
        assert_eq!(
            counter.observe(observe(&clock, 1_000, 1_051_000), ratio),
            None
        );
        // The player's clock steps one track length; repeat-one puts it back at 0.
        clock.on_sdk_state(1_000_000 + duration, 1_052_000);
        let play = counter.observe(observe(&clock, 0, 1_052_000), ratio);
        assert!(play.is_some(), "the step completed the play");
        // Local ticks after the step do not count the new round before it is listened to.
        for second in 1..30 {
            let tick = observe(&clock, second * 1_000, 1_052_000 + second * 1_000);
            assert_eq!(counter.observe(tick, ratio), None);
        }
    }
}
