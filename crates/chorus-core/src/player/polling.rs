//! How often a tab asks `GET /me/player` what the account plays (remote mode, and the keeper's
//! counting of other devices: docs/counting-plays.md), within Spotify's rate limits (a rolling
//! 30 s window per app) and a budget of 40 calls a minute per visible tab, 4 per hidden tab.
//!
//! - This tab plays: no poll. The SDK reports this device, and one account plays one stream,
//!   so another device taking over is the SDK's `null` (contract §3).
//! - Another device has the stream (playing or paused): every 2 s while the page is visible,
//!   so the bar moves and a skip on the phone shows at once; every 20 s while hidden, enough
//!   to count plays (a track change credits the time between polls correctly).
//! - Nothing active: every 5 s visible (a phone starting shows soon), 20 s hidden.
//! - The device list is read again every 30 s while visible and another device is active
//!   (its volume, a device going away); never while hidden.
//! - A 429's `Retry-After` pushes the next poll back at least that far.

use super::state::{Location, PlayerState};

pub const VISIBLE_ACTIVE_MS: u64 = 2_000;
pub const VISIBLE_IDLE_MS: u64 = 5_000;
pub const HIDDEN_MS: u64 = 20_000;
pub const DEVICES_VISIBLE_MS: u64 = 30_000;

/// How long to wait before the next `GET /me/player`, or `None` for no polling. `observing`:
/// this tab follows the account (its device is up, or it is a remote); `visible`: the page is
/// shown (Page Visibility API).
pub fn poll_every_ms(state: &PlayerState, observing: bool, visible: bool) -> Option<u64> {
    if !observing {
        return None;
    }
    match (&state.location, visible) {
        (Location::ThisTab, _) => None,
        (_, false) => Some(HIDDEN_MS),
        (Location::Elsewhere { .. }, true) => Some(VISIBLE_ACTIVE_MS),
        (Location::Nowhere, true) => Some(VISIBLE_IDLE_MS),
    }
}

/// How often the device list is read again, or `None`.
pub fn devices_every_ms(state: &PlayerState, observing: bool, visible: bool) -> Option<u64> {
    let elsewhere = matches!(state.location, Location::Elsewhere { .. });
    (observing && visible && elsewhere).then_some(DEVICES_VISIBLE_MS)
}

/// The wait before the next poll: the schedule's, or longer when Spotify asked for it.
pub fn next_poll_delay_ms(every_ms: u64, retry_after_ms: Option<u64>) -> u64 {
    every_ms.max(retry_after_ms.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::PlayerAction;
    use crate::spotify::PlaybackState;

    fn elsewhere() -> PlayerState {
        let body = serde_json::json!({
            "device": {"id": "phone", "is_active": true, "name": "Phone", "type": "Smartphone"},
            "is_playing": false, "progress_ms": 0, "repeat_state": "off",
            "item": {"type": "track", "name": "X", "uri": "spotify:track:x", "duration_ms": 1000}
        });
        let state: PlaybackState = serde_json::from_value(body).expect("state");
        let mut player = PlayerState::new();
        player.apply(PlayerAction::WebApi {
            state: Some(Box::new(state)),
            received_at_ms: 1,
        });
        player
    }

    #[test]
    fn another_device_is_polled_often_while_visible_and_rarely_while_hidden() {
        let phone = elsewhere();
        assert_eq!(poll_every_ms(&phone, true, true), Some(2_000));
        assert_eq!(poll_every_ms(&phone, true, false), Some(20_000));
        assert_eq!(devices_every_ms(&phone, true, true), Some(30_000));
        assert_eq!(devices_every_ms(&phone, true, false), None);
        let idle = PlayerState::new();
        assert_eq!(poll_every_ms(&idle, true, true), Some(5_000));
        assert_eq!(poll_every_ms(&idle, true, false), Some(20_000));
        assert_eq!(devices_every_ms(&idle, true, true), None);
        assert_eq!(poll_every_ms(&phone, false, true), None, "not observing");
    }

    #[test]
    fn this_tab_playing_is_never_polled() {
        let mut here = PlayerState::new();
        here.location = Location::ThisTab;
        assert_eq!(poll_every_ms(&here, true, true), None);
        assert_eq!(devices_every_ms(&here, true, true), None);
    }

    #[test]
    fn the_budget_holds_per_minute() {
        let minute = 60_000;
        let visible = minute / VISIBLE_ACTIVE_MS + minute / DEVICES_VISIBLE_MS;
        let hidden = minute / HIDDEN_MS;
        assert!(visible <= 40, "{visible} calls a minute while visible");
        assert!(hidden <= 4, "{hidden} calls a minute while hidden");
    }

    #[test]
    fn retry_after_pushes_the_next_poll_back() {
        assert_eq!(next_poll_delay_ms(2_000, None), 2_000);
        assert_eq!(next_poll_delay_ms(2_000, Some(7_000)), 7_000);
        assert_eq!(next_poll_delay_ms(20_000, Some(7_000)), 20_000);
    }
}
