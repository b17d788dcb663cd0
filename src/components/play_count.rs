//! The player's favorites line (docs/ux.md "Player": this track's play count against the
//! favorites threshold; last played): "2 of 3 plays · last played 5 min ago".

use chorus_core::favorites::{last_played_text, PlayProgress, PlaylistStatus};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct PlayCountProps {
    pub progress: PlayProgress,
    pub last_played_ms: Option<u64>,
    pub now_ms: u64,
    /// Whether plays are counted at all (the tracking setting).
    pub tracking: bool,
}

#[component]
pub fn PlayCount(props: &PlayCountProps) -> Html {
    let PlayProgress {
        plays,
        threshold,
        status,
        ..
    } = props.progress;
    let state = match status {
        PlaylistStatus::Added => "In your favorites",
        PlaylistStatus::Pending => "Adding to your favorites…",
        PlaylistStatus::Failed => "Will be added to your favorites (retrying)",
        PlaylistStatus::NotAdded if !props.tracking => "Tracking is off",
        PlaylistStatus::NotAdded => "Counting completed plays",
    };
    let filled = plays.min(threshold);
    html! {
        <section class="panel play-count" id="play-count" aria-label="Favorites">
            <div class="play-count-main">
                <span class="play-count-number" id="play-count-plays">
                    { format!("{plays} of {threshold} plays") }
                </span>
                <span class="muted" id="play-count-last">
                    { format!("Last played {}", last_played_text(props.last_played_ms, props.now_ms)) }
                </span>
            </div>
            <div class="play-count-meter" role="meter" aria-label="Completed plays toward favorites"
                aria-valuemin="0" aria-valuemax={threshold.to_string()} aria-valuenow={filled.to_string()}>
                { for (0..threshold.min(10)).map(|i| html! {
                    <span class={classes!("pip", (i < filled).then_some("on"))}></span>
                }) }
            </div>
            <p class="muted play-count-state" id="play-count-state">{ state }</p>
        </section>
    }
}
