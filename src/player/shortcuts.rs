//! Space, ←/→ and m drive this tab's player while its device is ready (`services::input`
//! listens, outside text fields).

use yew::prelude::*;

use super::{handle::UsePlayerHandle, model::DevicePhase};
use crate::services::input::{listen_for_shortcuts, Shortcut};

#[hook]
pub fn use_player_shortcuts(player: &UsePlayerHandle) {
    let enabled = player.model().phase == DevicePhase::Ready;
    use_effect_with((player.clone(), enabled), |(player, enabled)| {
        let player = player.clone();
        let guard = enabled
            .then(|| {
                listen_for_shortcuts(move |shortcut| match shortcut {
                    Shortcut::TogglePlay => player.toggle_play(),
                    Shortcut::SeekBy(delta) => {
                        if player.plays_here() {
                            player.seek_by(delta)
                        }
                    }
                    Shortcut::ToggleMute => {
                        if player.device.borrow().is_some() {
                            player.toggle_mute()
                        }
                    }
                })
            })
            .flatten();
        move || drop(guard)
    });
}
