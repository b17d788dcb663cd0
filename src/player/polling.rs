//! While playback is not in this tab, a light poll of `GET me/player` keeps "playing elsewhere"
//! current (the SDK tells this tab only about its own device).

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::{handle::UsePlayerHandle, model::DevicePhase};
use chorus_core::player::Location;

/// How often the Web API is asked what plays while it is not this tab.
const ELSEWHERE_POLL_MS: u32 = 5_000;

#[hook]
pub fn use_elsewhere_poll(player: &UsePlayerHandle) {
    let model = player.model();
    let watching = model.phase == DevicePhase::Ready && model.core.location != Location::ThisTab;
    let player = player.clone();
    use_effect_with(watching, move |watching| {
        let interval =
            watching.then(|| Interval::new(ELSEWHERE_POLL_MS, move || player.poll_playback()));
        move || drop(interval)
    });
}
