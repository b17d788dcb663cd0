//! Space, ←/→, n/p, +/− and m drive this tab's player on every signed-in page while its
//! device is ready (`services::input` listens, outside text fields).

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
                    Shortcut::Next if player.plays_here() => player.next(),
                    Shortcut::Previous if player.plays_here() => player.previous(),
                    Shortcut::Next | Shortcut::Previous => {}
                    Shortcut::VolumeBy(delta) => {
                        if player.device.borrow().is_some() {
                            let now = player.model().core.volume_percent.unwrap_or(0);
                            let to = i16::from(now) + i16::from(delta);
                            player.set_volume(u8::try_from(to.clamp(0, 100)).unwrap_or(0));
                        }
                    }
                })
            })
            .flatten();
        move || drop(guard)
    });
}
