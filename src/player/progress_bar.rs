//! The progress bar: elapsed and remaining time around a range input that moves smoothly
//! between SDK events (position + the time it was measured, re-read four times a second) and
//! seeks when dragged, clicked or moved with the arrow keys.

use chorus_core::player::{elapsed_and_remaining, PlayerState};
use yew::prelude::*;

use crate::{services::input::range_value, ui::use_clock::use_clock};

#[derive(Debug, Properties, PartialEq)]
pub struct ProgressBarProps {
    pub state: PlayerState,
    /// Put before each id (`bar-`: the now-playing bar's copy).
    #[prop_or_default]
    pub id_prefix: AttrValue,
    pub disabled: bool,
    pub on_seek: Callback<u64>,
}

#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let state = &props.state;
    let now = use_clock(state.is_playing && !state.loading, 250);
    // While dragging, the thumb follows the pointer, not the clock.
    let dragging = use_state(|| None::<u64>);
    let duration = state.duration_ms().unwrap_or(0);
    let position = dragging.unwrap_or_else(|| state.position_at(now));
    let (elapsed, remaining) = elapsed_and_remaining(position, duration);

    let oninput = {
        let dragging = dragging.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(value) = range_value(&event) {
                dragging.set(Some(value.max(0.0) as u64));
            }
        })
    };
    let onchange = {
        let (dragging, on_seek) = (dragging.clone(), props.on_seek.clone());
        Callback::from(move |event: Event| {
            dragging.set(None);
            if let Some(value) = range_value(&event) {
                on_seek.emit(value.max(0.0) as u64);
            }
        })
    };
    html! {
        <div class="progress-row">
            <span class="time" id={format!("{}elapsed", props.id_prefix)}>{ elapsed }</span>
            <input
                type="range"
                class="progress-range"
                id={format!("{}progress", props.id_prefix)}
                min="0"
                max={duration.to_string()}
                step="1000"
                value={position.to_string()}
                disabled={props.disabled || duration == 0}
                aria-label="Position in track"
                aria-valuetext={format!("{} of {}", chorus_core::player::mm_ss(position), chorus_core::player::mm_ss(duration))}
                {oninput}
                {onchange}
            />
            <span class="time" id={format!("{}remaining", props.id_prefix)}>{ remaining }</span>
        </div>
    }
}
