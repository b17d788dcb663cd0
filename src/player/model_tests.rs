//! The player model, natively: how the device phase moves and what it never undoes.

use std::rc::Rc;

use chorus_core::player::PlayerAction;
use yew::Reducible;

use super::{DevicePhase, PlayerModel, PlayerModelAction, Problem};

fn reduce(model: PlayerModel, actions: impl IntoIterator<Item = PlayerModelAction>) -> PlayerModel {
    let mut model = Rc::new(model);
    for action in actions {
        model = model.reduce(action);
    }
    (*model).clone()
}

fn ready() -> PlayerModelAction {
    PlayerModelAction::Core(PlayerAction::DeviceReady {
        device_id: "tab".into(),
    })
}

fn not_ready() -> PlayerModelAction {
    PlayerModelAction::Core(PlayerAction::DeviceNotReady { at_ms: 1 })
}

#[test]
fn a_dropped_connection_reconnects_and_comes_back_ready() {
    let model = reduce(PlayerModel::default(), [ready()]);
    assert_eq!(model.phase, DevicePhase::Ready);
    let model = reduce(model, [not_ready()]);
    assert_eq!(model.phase, DevicePhase::Reconnecting);
    assert_eq!(model.core.this_device_id, None);
    let model = reduce(model, [ready()]);
    assert_eq!(model.phase, DevicePhase::Ready);
    assert_eq!(model.core.this_device_id.as_deref(), Some("tab"));
}

#[test]
fn premium_required_is_final_for_the_account() {
    let model = reduce(
        PlayerModel::default(),
        [
            ready(),
            PlayerModelAction::Phase(DevicePhase::PremiumRequired),
            ready(),
            PlayerModelAction::Phase(DevicePhase::Ready),
        ],
    );
    assert_eq!(model.phase, DevicePhase::PremiumRequired);
    assert_eq!(
        reduce(model, [PlayerModelAction::Reset]).phase,
        DevicePhase::Connecting,
        "another listener starts over"
    );
}

#[test]
fn a_device_that_registers_after_a_failure_is_usable_again() {
    let failed = PlayerModelAction::Phase(DevicePhase::Failed(Problem {
        title: "t".into(),
        message: "m".into(),
        hint: "h".into(),
    }));
    let model = reduce(PlayerModel::default(), [failed, ready()]);
    assert_eq!(model.phase, DevicePhase::Ready);
}

#[test]
fn the_device_keeps_its_volume_and_nothing_is_announced_until_it_plays_here() {
    let model = reduce(
        PlayerModel::default(),
        [PlayerModelAction::InitialVolume(180), ready()],
    );
    assert_eq!(model.core.volume_percent, Some(100), "clamped");
    assert_eq!(model.presence(), None, "nothing plays in this tab");
}

fn polled(device: serde_json::Value, playing: bool) -> PlayerModelAction {
    let body = serde_json::json!({
        "device": device, "is_playing": playing, "progress_ms": 1000, "repeat_state": "off",
        "timestamp": 5_000,
        "item": {"type": "track", "name": "X", "uri": "spotify:track:x", "duration_ms": 100000}
    });
    PlayerModelAction::Core(PlayerAction::WebApi {
        state: Some(Box::new(serde_json::from_value(body).expect("a state"))),
        received_at_ms: 2_000,
    })
}

#[test]
fn controls_act_on_the_device_that_has_the_stream_with_its_volume_support() {
    use super::{ControlTarget, RemoteReason};
    let iphone = serde_json::json!({"id": "phone", "is_active": true, "name": "iPhone",
        "type": "Smartphone", "volume_percent": 100, "supports_volume": false});
    let model = reduce(PlayerModel::default(), [ready(), polled(iphone, true)]);
    let controls = model.controls();
    assert_eq!(
        controls.target,
        ControlTarget::Device {
            id: Some("phone".into()),
            name: Some("iPhone".into()),
            kind: Some("Smartphone".into()),
        }
    );
    assert!(controls.enabled && !controls.volume && controls.can_play_here);
    assert_eq!(
        model.listening_clock.now(2_000),
        5_000,
        "the poll's timestamp sets the player's clock"
    );

    let speaker = serde_json::json!({"id": "kitchen", "is_active": true, "name": "Kitchen",
        "type": "Speaker", "volume_percent": 40, "supports_volume": true});
    let remote = reduce(
        PlayerModel::default(),
        [
            PlayerModelAction::Phase(DevicePhase::Remote(RemoteReason::Phone)),
            polled(speaker, false),
        ],
    );
    let controls = remote.controls();
    assert!(controls.enabled && controls.volume && !controls.can_play_here);

    let idle = reduce(
        PlayerModel::default(),
        [PlayerModelAction::Phase(DevicePhase::Remote(
            RemoteReason::Phone,
        ))],
    );
    assert_eq!(idle.controls().target, ControlTarget::Nothing);
    assert!(!idle.controls().enabled);
}

#[test]
fn this_tab_controls_itself_once_its_device_is_up() {
    use super::ControlTarget;
    let mut model = reduce(PlayerModel::default(), [ready()]);
    model.core.location = chorus_core::player::Location::ThisTab;
    let controls = model.controls();
    assert_eq!(controls.target, ControlTarget::ThisTab);
    assert!(controls.enabled && controls.volume);
    let free = reduce(
        model,
        [PlayerModelAction::Phase(DevicePhase::PremiumRequired)],
    );
    assert!(!free.controls().enabled);
}
