//! The Insights lists as tabs (WAI-ARIA tabs: ←/→ move between them), so Recently played is
//! one click from the top of the page instead of under fifty top tracks.

use yew::prelude::*;

use super::{model::InsightsList, text};
use crate::services::browser;

const TABS: [(InsightsList, &str, &str); 3] = [
    (InsightsList::TopTracks, "top-tracks", text::TOP_TRACKS),
    (InsightsList::TopArtists, "top-artists", text::TOP_ARTISTS),
    (InsightsList::Recent, "recent", text::RECENT),
];

#[derive(Debug, Properties, PartialEq)]
pub struct InsightsTabsProps {
    pub current: InsightsList,
    pub on_pick: Callback<InsightsList>,
}

#[component]
pub fn InsightsTabs(props: &InsightsTabsProps) -> Html {
    let at = TABS
        .iter()
        .position(|(list, ..)| *list == props.current)
        .unwrap_or(0);
    let keys = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "ArrowRight" => 1,
                "ArrowLeft" => TABS.len() - 1,
                _ => return,
            };
            event.prevent_default();
            let (list, slug, _) = TABS[(at + step) % TABS.len()];
            on_pick.emit(list);
            browser::focus(&format!("#tab-{slug}"));
        })
    };
    html! {
        <div class="insights-tabs" role="tablist" aria-label={text::LISTS} onkeydown={keys}>
            { for TABS.iter().map(|&(list, slug, label)| {
                let selected = list == props.current;
                let on_pick = props.on_pick.clone();
                html! {
                    <button type="button" role="tab" id={format!("tab-{slug}")} class={classes!("tab", selected.then_some("on"))}
                        aria-selected={if selected { "true" } else { "false" }}
                        aria-controls={format!("{slug}-panel")} tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| on_pick.emit(list))}>
                        { label }
                    </button>
                }
            }) }
        </div>
    }
}
