//! Transport controls: shuffle, previous, play/pause, next, repeat.

use chorus_core::{player::Restrictions, spotify::RepeatState};
use yew::prelude::*;

use crate::ui::icon::{Icon, IconKind};

#[derive(Debug, Properties, PartialEq)]
pub struct TransportProps {
    pub is_playing: bool,
    pub shuffle: bool,
    pub repeat: RepeatState,
    pub restrictions: Restrictions,
    pub disabled: bool,
    pub on_toggle_play: Callback<()>,
    pub on_previous: Callback<()>,
    pub on_next: Callback<()>,
    pub on_shuffle: Callback<bool>,
    pub on_repeat: Callback<RepeatState>,
}

#[component]
pub fn Transport(props: &TransportProps) -> Html {
    let r = props.restrictions;
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let shuffle = {
        let (cb, on) = (props.on_shuffle.clone(), props.shuffle);
        Callback::from(move |_: MouseEvent| cb.emit(!on))
    };
    let next_repeat = match props.repeat {
        RepeatState::Off => RepeatState::Context,
        RepeatState::Context => RepeatState::Track,
        RepeatState::Track => RepeatState::Off,
    };
    let repeat = {
        let cb = props.on_repeat.clone();
        Callback::from(move |_: MouseEvent| cb.emit(next_repeat))
    };
    let (repeat_icon, repeat_label) = match props.repeat {
        RepeatState::Off => (IconKind::Repeat, "Repeat: off"),
        RepeatState::Context => (IconKind::Repeat, "Repeat: all"),
        RepeatState::Track => (IconKind::RepeatOne, "Repeat: this track"),
    };
    let play_blocked = if props.is_playing {
        r.pausing
    } else {
        r.resuming
    };
    html! {
        <div class="transport" role="group" aria-label="Playback controls">
            <button id="shuffle" class={classes!("icon-button", props.shuffle.then_some("on"))}
                aria-label="Shuffle" aria-pressed={props.shuffle.to_string()}
                disabled={props.disabled || r.toggling_shuffle} onclick={shuffle}><Icon kind={IconKind::Shuffle} /></button>
            <button id="previous" class="icon-button" aria-label="Previous track"
                disabled={props.disabled || r.skipping_prev} onclick={click(&props.on_previous)}><Icon kind={IconKind::Previous} /></button>
            <button id="play-pause" class="icon-button play"
                aria-label={if props.is_playing { "Pause" } else { "Play" }}
                disabled={props.disabled || play_blocked} onclick={click(&props.on_toggle_play)}>
                <Icon kind={if props.is_playing { IconKind::Pause } else { IconKind::Play }} />
            </button>
            <button id="next" class="icon-button" aria-label="Next track"
                disabled={props.disabled || r.skipping_next} onclick={click(&props.on_next)}><Icon kind={IconKind::Next} /></button>
            <button id="repeat" class={classes!("icon-button", (props.repeat != RepeatState::Off).then_some("on"))}
                aria-label={repeat_label} title={repeat_label}
                disabled={props.disabled || r.toggling_repeat} onclick={repeat}><Icon kind={repeat_icon} /></button>
        </div>
    }
}
