//! Volume: a mute button and a slider.

use yew::prelude::*;

use crate::{
    services::input::range_value,
    ui::icon::{Icon, IconKind},
};

#[derive(Debug, Properties, PartialEq)]
pub struct VolumeProps {
    /// Put before each id (`bar-`: the now-playing bar's copy).
    #[prop_or_default]
    pub id_prefix: AttrValue,
    pub percent: u8,
    pub muted: bool,
    pub disabled: bool,
    pub on_change: Callback<u8>,
    pub on_toggle_mute: Callback<()>,
}

#[component]
pub fn Volume(props: &VolumeProps) -> Html {
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(value) = range_value(&event) {
                cb.emit(value.clamp(0.0, 100.0) as u8);
            }
        })
    };
    let mute = {
        let cb = props.on_toggle_mute.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let silent = props.muted || props.percent == 0;
    html! {
        <div class="volume">
            <button id={format!("{}mute", props.id_prefix)} class="icon-button small"
                aria-label={if silent { "Unmute" } else { "Mute" }}
                aria-pressed={silent.to_string()}
                disabled={props.disabled} onclick={mute}>
                <Icon kind={if silent { IconKind::Muted } else { IconKind::Volume }} />
            </button>
            <input type="range" id={format!("{}volume", props.id_prefix)} class="volume-range" min="0" max="100" step="1"
                value={props.percent.to_string()} aria-label="Volume"
                aria-valuetext={format!("{} %", props.percent)}
                disabled={props.disabled} {onchange} />
        </div>
    }
}
