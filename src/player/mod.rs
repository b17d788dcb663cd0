//! This tab's Web Playback device while a listener is signed in.
//!
//! [`PlayerProvider`] owns it (model, device, polling, Media Session) and puts its
//! [`UsePlayerHandle`] in a context; every screen and feature takes it with [`use_player`].
//!
//! - `model.rs`: the reducer (what plays, where, the device's phase, the notice);
//! - `events.rs`: what each SDK event and each failed command does to it (pure);
//! - `handle.rs`: the controls (SDK for this tab's device, Web API for the rest);
//! - `web_calls.rs`: the Web API calls (devices, playback polls, remote commands) and where
//!   each control goes (`command`: this tab's device or the one that has the stream);
//! - `play.rs`: playing and queueing from any page (a toast says the outcome);
//! - `resume.rs`: resume after a reload;
//! - `start.rs`: moving playback between devices and starting it here;
//! - `device.rs`, `recovery.rs`, `polling.rs`, `media_session.rs`, `shortcuts.rs`: the effects;
//! - `page.rs` and its components, `now_playing_bar.rs` (every page); `text.rs`: every sentence
//!   the player shows.

pub mod device;
pub mod device_picker;
pub mod events;
pub mod handle;
pub mod media_session;
pub mod model;
pub mod now_playing;
pub mod now_playing_bar;
pub mod page;
pub mod play;
pub mod polling;
pub mod progress_bar;
pub mod recovery;
pub mod resume;
pub mod shortcuts;
pub mod sound_blocked;
pub mod start;
pub mod text;
pub mod transport;
pub mod volume;
pub mod web_calls;

use yew::prelude::*;

pub use handle::UsePlayerHandle;

use crate::{
    services::web_api::WebApi,
    session::{use_auth, use_listener},
    ui::toasts::use_toasts,
};
use model::PlayerModel;

#[derive(Debug, Properties, PartialEq)]
pub struct PlayerProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Makes this tab's device for the signed-in listener and keeps it while the listener stays;
/// what is inside reads it with [`use_player`].
#[component]
pub fn PlayerProvider(props: &PlayerProviderProps) -> Html {
    let (auth, listener) = (use_auth(), use_listener());
    let player = UsePlayerHandle {
        model: use_reducer(PlayerModel::default),
        device: use_mut_ref(|| None),
        api: WebApi::new(auth.clone()),
        toasts: use_toasts(),
    };
    device::use_device(&player, &auth, listener.name(), listener.account_key());
    polling::use_playback_polling(&player);
    resume::use_resume(&player, &auth, listener.account_key());
    media_session::use_media_session(&player);
    html! {
        <ContextProvider<UsePlayerHandle> context={player}>
            { props.children.clone() }
        </ContextProvider<UsePlayerHandle>>
    }
}

/// This tab's player (inside [`PlayerProvider`]).
#[hook]
pub fn use_player() -> UsePlayerHandle {
    use_context::<UsePlayerHandle>().expect("use_player is called inside PlayerProvider")
}
