//! The browser kept this tab's sound from starting by itself (`autoplay_failed`): a notice with
//! "Turn sound on", whose click is the gesture the browser waits for. On the Player and the
//! Library (`id` tells them apart).

use yew::prelude::*;

use super::{text, use_player};
use crate::ui::notice::{Notice, NoticeAction, NoticeBar};

#[derive(Debug, Properties, PartialEq)]
pub struct SoundBlockedProps {
    /// The notice's id; its button's id is `button_id`.
    pub id: AttrValue,
    pub button_id: AttrValue,
}

#[component]
pub fn SoundBlocked(props: &SoundBlockedProps) -> Html {
    let player = use_player();
    if !player.model().autoplay_blocked {
        return Html::default();
    }
    let action = NoticeAction {
        id: props.button_id.clone(),
        label: text::TURN_SOUND_ON.into(),
        on_click: Callback::from(move |()| player.enable_sound()),
    };
    html! {
        <NoticeBar id={props.id.clone()} notice={Notice::info(text::SOUND_BLOCKED)} action={Some(action)} />
    }
}
