//! The Insights period switcher: 4 weeks, 6 months, year (`aria-pressed` on the one shown).

use chorus_core::spotify::requests::TimeRange;
use yew::prelude::*;

use super::{
    model::{range_slug, RANGES},
    text::range_label,
};

#[derive(Debug, Properties, PartialEq)]
pub struct RangeSwitchProps {
    pub current: TimeRange,
    pub on_pick: Callback<TimeRange>,
}

#[component]
pub fn RangeSwitch(props: &RangeSwitchProps) -> Html {
    html! {
        <div class="search-kinds range-switch" role="group" aria-label="Period">
            { for RANGES.iter().map(|&range| {
                let on_pick = props.on_pick.clone();
                let pressed = props.current == range;
                html! {
                    <button type="button" class={classes!("chip", pressed.then_some("on"))}
                        id={format!("range-{}", range_slug(range))}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        onclick={Callback::from(move |_: MouseEvent| on_pick.emit(range))}>
                        { range_label(range) }
                    </button>
                }
            }) }
        </div>
    }
}
