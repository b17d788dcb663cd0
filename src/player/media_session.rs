//! The operating system's media controls (`services::media_session`): they show what plays in
//! this tab and drive it through the same commands as the buttons, while this tab has a
//! usable device.

use chorus_core::player::Location;
use yew::prelude::*;

use super::{handle::UsePlayerHandle, model::DevicePhase};
use crate::services::media_session::{self, ActionHandlers, MediaAction};

#[hook]
pub fn use_media_session(player: &UsePlayerHandle) {
    let model = player.model();
    let core = &model.core;
    let shown = (core.location == Location::ThisTab)
        .then(|| core.now_playing.clone())
        .flatten();
    use_effect_with((shown, core.is_playing), |(shown, is_playing)| {
        // Best effort: a media UI that refuses the metadata leaves the player as it is.
        let _ = media_session::set_now_playing(shown.as_ref(), *is_playing);
        || {
            let _ = media_session::set_now_playing(None, false);
        }
    });
    let usable = matches!(model.phase, DevicePhase::Ready | DevicePhase::Reconnecting);
    let player = player.clone();
    use_effect_with(usable, move |usable| {
        let handlers = usable.then(|| {
            ActionHandlers::install(move |action| {
                // What plays wherever it plays: the keys steer another device too.
                let playing = player.model().core.is_playing;
                match action {
                    MediaAction::Play if !playing => player.toggle_play(),
                    MediaAction::Pause if playing => player.toggle_play(),
                    MediaAction::Play | MediaAction::Pause => {}
                    MediaAction::PreviousTrack => player.previous(),
                    MediaAction::NextTrack => player.next(),
                    MediaAction::SeekTo { position_ms } => player.seek(position_ms),
                }
            })
        });
        // Dropping the handlers sets them back to null.
        move || drop(handlers)
    });
}
