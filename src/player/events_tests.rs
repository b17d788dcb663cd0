//! The SDK-event mapping, natively: which actions and reads each report leads to, and that the
//! reducer ends where the page expects when the steps are applied.

use std::rc::Rc;

use chorus_core::{
    player::{Location, PlayerAction},
    spotify::{sdk::SdkState, WebApiError},
};
use chorus_sdk::{PlayerEvent, SdkError};
use yew::Reducible;

use super::{on_command_failed, on_event, on_sdk_call_failed, Step};
use crate::{
    player::model::{DevicePhase, PlayerModel, PlayerModelAction, RemoteReason},
    services::web_api::ApiError,
    ui::notice::{Notice, Tone},
};

const NOW: u64 = 1_763_780_000_000;

fn state_here() -> Box<SdkState> {
    serde_json::from_value(serde_json::json!({
        "paused": false, "position": 1200, "duration": 200000, "timestamp": NOW,
        "track_window": {"current_track": {
            "uri": "spotify:track:abc", "id": "abc", "name": "Night Drive", "duration_ms": 200000,
            "album": {"uri": "spotify:album:1", "name": "Roads", "images": []},
            "artists": [{"uri": "spotify:artist:9", "name": "The Lamps"}]
        }}
    }))
    .expect("an SDK state")
}

/// The model after the dispatches among `steps` (the reads are the handle's to perform).
fn apply(model: PlayerModel, steps: &[Step]) -> PlayerModel {
    let mut model = Rc::new(model);
    for step in steps {
        if let Step::Dispatch(action) = step {
            model = model.reduce(action.clone());
        }
    }
    (*model).clone()
}

fn dispatched(steps: &[Step]) -> Vec<PlayerModelAction> {
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Dispatch(action) => Some(action.clone()),
            _ => None,
        })
        .collect()
}

fn shown_notice(actions: &[PlayerModelAction]) -> Option<Notice> {
    actions.iter().find_map(|action| match action {
        PlayerModelAction::Notice(notice) => notice.clone(),
        _ => None,
    })
}

#[test]
fn ready_registers_the_device_clears_the_notice_and_reads_devices_and_playback() {
    let ready = PlayerEvent::Ready {
        device_id: "tab".into(),
    };
    let steps = on_event(&ready, NOW);
    assert_eq!(
        steps,
        [
            Step::Dispatch(PlayerModelAction::Core(PlayerAction::DeviceReady {
                device_id: "tab".into()
            })),
            Step::Dispatch(PlayerModelAction::Notice(None)),
            Step::RefreshDevices,
            Step::PollPlayback,
        ]
    );
    let model = apply(PlayerModel::default(), &steps);
    assert_eq!(model.phase, DevicePhase::Ready);
    assert_eq!(model.core.this_device_id.as_deref(), Some("tab"));
}

#[test]
fn a_state_here_is_applied_without_reading_anything() {
    let steps = on_event(&PlayerEvent::StateChanged(Some(state_here())), NOW);
    assert_eq!(steps.len(), 1, "{steps:?}");
    let model = apply(PlayerModel::default(), &steps);
    assert_eq!(model.core.location, Location::ThisTab);
    assert!(model.core.is_playing);
    assert_eq!(
        model.core.now_playing.as_ref().map(|n| n.name.as_str()),
        Some("Night Drive")
    );
}

#[test]
fn playback_leaving_this_device_reads_where_it_went() {
    let steps = on_event(&PlayerEvent::StateChanged(None), NOW);
    assert_eq!(
        steps,
        [
            Step::Dispatch(PlayerModelAction::Core(PlayerAction::SdkNull {
                at_ms: NOW
            })),
            Step::RefreshDevices,
            Step::PollPlayback,
        ]
    );
}

#[test]
fn a_dropped_connection_is_stamped_with_its_time_and_shows_as_reconnecting() {
    let ready = on_event(
        &PlayerEvent::Ready {
            device_id: "tab".into(),
        },
        NOW,
    );
    let not_ready = on_event(
        &PlayerEvent::NotReady {
            device_id: "tab".into(),
        },
        NOW + 5,
    );
    assert_eq!(
        dispatched(&not_ready),
        [PlayerModelAction::Core(PlayerAction::DeviceNotReady {
            at_ms: NOW + 5
        })]
    );
    let model = apply(apply(PlayerModel::default(), &ready), &not_ready);
    assert_eq!(model.phase, DevicePhase::Reconnecting);
}

#[test]
fn a_refused_sign_in_becomes_a_problem_that_keeps_its_message() {
    let event = PlayerEvent::AuthenticationError {
        message: "Invalid token".into(),
    };
    let model = apply(PlayerModel::default(), &on_event(&event, NOW));
    let DevicePhase::Failed(problem) = &model.phase else {
        panic!("{event:?} should fail the device, got {:?}", model.phase);
    };
    assert_eq!(problem.message, "Invalid token");
    assert!(!problem.title.is_empty() && !problem.hint.is_empty());
}

#[test]
fn a_browser_that_cannot_play_becomes_a_remote_and_asks_what_plays() {
    let steps = on_event(
        &PlayerEvent::InitializationError {
            message: "no EME".into(),
        },
        NOW,
    );
    assert!(steps.contains(&Step::PollPlayback) && steps.contains(&Step::RefreshDevices));
    let model = apply(PlayerModel::default(), &steps);
    assert_eq!(
        model.phase,
        DevicePhase::Remote(RemoteReason::CannotPlay {
            message: "no EME".into()
        })
    );
    assert!(model.is_remote() && model.observing());
    let sentence = crate::player::text::remote_reason(&RemoteReason::CannotPlay {
        message: "no EME".into(),
    });
    assert!(sentence.contains("cannot play Spotify") && sentence.contains("no EME"));
    // A later `ready` (there is none without a device) or a failure does not undo it, but a
    // free account's 403 makes it read-only.
    let model = apply(
        model,
        &[Step::Dispatch(PlayerModelAction::Phase(
            DevicePhase::Connecting,
        ))],
    );
    assert!(model.is_remote());
    let model = apply(
        model,
        &[Step::Dispatch(PlayerModelAction::Phase(
            DevicePhase::PremiumRequired,
        ))],
    );
    assert_eq!(model.phase, DevicePhase::PremiumRequired);
}

#[test]
fn an_account_error_makes_the_player_read_only() {
    let model = apply(
        PlayerModel::default(),
        &on_event(
            &PlayerEvent::AccountError {
                message: "premium".into(),
            },
            NOW,
        ),
    );
    assert_eq!(model.phase, DevicePhase::PremiumRequired);
}

#[test]
fn autoplay_failed_waits_for_a_click() {
    let model = apply(
        PlayerModel::default(),
        &on_event(&PlayerEvent::AutoplayFailed, NOW),
    );
    assert!(model.autoplay_blocked);
}

#[test]
fn a_track_that_cannot_play_and_a_boundary_failure_are_notices() {
    let playback = on_event(
        &PlayerEvent::PlaybackError {
            message: "unplayable".into(),
        },
        NOW,
    );
    let notice = shown_notice(&dispatched(&playback)).expect("a notice");
    assert!(notice.text.contains("could not be played"), "{notice:?}");
    assert!(notice.text.contains("unplayable"), "{notice:?}");
    let binding = on_event(&PlayerEvent::BindingError(SdkError::VolumeOutOfRange), NOW);
    let notice = shown_notice(&dispatched(&binding)).expect("a notice");
    assert_eq!(notice.tone, Tone::Info);
    assert!(notice.text.contains("Reload this tab"), "{notice:?}");
}

#[test]
fn a_failed_command_undoes_the_optimistic_state_and_says_why() {
    let premium = ApiError::Spotify(WebApiError {
        status: 403,
        message: "Player command failed: Premium required".into(),
        reason: Some(chorus_core::spotify::PlayerReason::PremiumRequired),
    });
    assert_eq!(
        on_command_failed(&premium),
        [
            PlayerModelAction::Core(PlayerAction::LocalFailed),
            PlayerModelAction::Phase(DevicePhase::PremiumRequired),
        ]
    );
    let busy = on_command_failed(&ApiError::RateLimited {
        retry_after_secs: 7,
    });
    assert_eq!(busy[0], PlayerModelAction::Core(PlayerAction::LocalFailed));
    let notice = shown_notice(&busy).expect("a notice");
    assert!(
        notice.text.contains("slow down") && notice.text.contains("7 s"),
        "{notice:?}"
    );
    let sdk = on_sdk_call_failed(&SdkError::NotLoaded);
    assert_eq!(sdk[0], PlayerModelAction::Core(PlayerAction::LocalFailed));
    assert!(shown_notice(&sdk).is_some_and(|n| n.text.ends_with("Try again.")));
}
