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
