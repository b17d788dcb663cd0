//! Property tests of the player reducer: whatever mix of SDK events, polls and local commands
//! arrives, progress never runs past the track and never runs backwards as time passes.

use proptest::prelude::*;

use super::state::{LocalCommand, PlayerAction, PlayerState};
use crate::spotify::sdk::tests::SDK_STATE_JSON;
use crate::spotify::sdk::SdkState;
use crate::spotify::{PlaybackState, RepeatState};

fn sdk(paused: bool, position: u64, timestamp: u64) -> PlayerAction {
    let mut state: SdkState = serde_json::from_str(SDK_STATE_JSON).expect("sdk state");
    state.paused = paused;
    state.position = position;
    state.timestamp = timestamp;
    PlayerAction::Sdk {
        state: Box::new(state),
        received_at_ms: timestamp,
    }
}

fn poll(playing: bool, progress: u64, at: u64, device: &str) -> PlayerAction {
    let state: PlaybackState = serde_json::from_value(serde_json::json!({
        "device": {"id": device, "name": "Speaker", "type": "Speaker"},
        "is_playing": playing, "progress_ms": progress, "repeat_state": "off",
        "item": {"type": "track", "name": "X", "uri": "spotify:track:x", "duration_ms": 120000}
    }))
    .expect("poll");
    PlayerAction::WebApi {
        state: Some(Box::new(state)),
        received_at_ms: at,
    }
}

fn action() -> impl Strategy<Value = (u8, bool, u64, u64)> {
    (0u8..10, any::<bool>(), 0u64..500_000, 0u64..5_000)
}

proptest! {
    #[test]
    fn progress_stays_within_the_track_and_never_runs_backwards_between_actions(
        steps in proptest::collection::vec(action(), 1..40),
    ) {
        let mut player = PlayerState::new();
        player.apply(PlayerAction::DeviceReady { device_id: "tab".into() });
        let mut now = 1_000_000;
        for (kind, flag, value, advance) in steps {
            now += advance;
            let action = match kind {
                0 | 1 => sdk(flag, value, now),
                2 => poll(flag, value, now, if flag { "tab" } else { "phone" }),
                3 => PlayerAction::SdkNull { at_ms: now },
                4 => PlayerAction::Local { command: LocalCommand::Pause, at_ms: now },
                5 => PlayerAction::Local { command: LocalCommand::Resume, at_ms: now },
                6 => PlayerAction::Local { command: LocalCommand::Seek { position_ms: value }, at_ms: now },
                7 => PlayerAction::Local { command: LocalCommand::Next, at_ms: now },
                8 => PlayerAction::Local { command: LocalCommand::Repeat(RepeatState::Track), at_ms: now },
                _ => PlayerAction::WebApi { state: None, received_at_ms: now },
            };
            player.apply(action);
            let duration = player.duration_ms().unwrap_or(u64::MAX);
            let (here, later) = (player.position_at(now), player.position_at(now + 7_000));
            prop_assert!(here <= duration && later <= duration, "{} / {} past {}", here, later, duration);
            prop_assert!(later >= here, "progress ran backwards: {} then {}", here, later);
        }
    }
}
