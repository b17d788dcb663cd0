//! The player's favorites line (docs/ux.md "Player": this track's play count against the
//! favorites threshold, where the plays were heard; last played): "2 of 3 plays (1 in Chorus ·
//! 1 on other devices) · last played 5 min ago".

use chorus_core::favorites::{last_played_text, PlayProgress, PlaylistStatus};
use yew::prelude::*;

use super::{model::FavoritesPhase, text, use_favorites::use_favorites};
use crate::{player::use_player, services::browser};

/// The playing track's line, on the Player page (nothing while none is known).
#[component]
pub fn PlayCountLine() -> Html {
    let (favorites, player) = (use_favorites(), use_player());
    let model = favorites.model();
    let Some(now) = player.model().core.now_playing.as_ref() else {
        return Html::default();
    };
    if model.phase != FavoritesPhase::Ready || !now.uri.starts_with("spotify:track:") {
        return Html::default();
    }
    let tracker = &model.tracker;
    html! {
        <PlayCount progress={tracker.progress(&now.uri)}
            last_played_ms={tracker.record(&now.uri).and_then(|r| r.last_played_ms)}
            now_ms={browser::now_ms()} tracking={tracker.settings().tracking} />
    }
}

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
        sources,
    } = props.progress;
    let state = match status {
        PlaylistStatus::Added => text::IN_FAVORITES,
        PlaylistStatus::Pending => text::ADDING_TO_FAVORITES,
        PlaylistStatus::Failed => text::WILL_BE_ADDED,
        PlaylistStatus::NotAdded if !props.tracking => text::TRACKING_OFF,
        PlaylistStatus::NotAdded => text::COUNTING,
    };
    let filled = plays.min(threshold);
    html! {
        <section class="panel play-count" id="play-count" aria-label="Favorites">
            <div class="play-count-main">
                <span class="play-count-number" id="play-count-plays">{ text::plays_of(plays, threshold) }</span>
                <span class="muted" id="play-count-source">{ text::COUNTED_EVERYWHERE }</span>
                if let Some(from) = text::plays_from(&sources) {
                    <span class="muted" id="play-count-sources">{ from }</span>
                }
                <span class="muted" id="play-count-last">
                    { text::last_played(&last_played_text(props.last_played_ms, props.now_ms)) }
                </span>
            </div>
            <div class="play-count-meter" role="meter" aria-label={text::METER_LABEL}
                aria-valuemin="0" aria-valuemax={threshold.to_string()} aria-valuenow={filled.to_string()}>
                { for (0..threshold.min(10)).map(|i| html! {
                    <span class={classes!("pip", (i < filled).then_some("on"))}></span>
                }) }
            </div>
            <p class="muted play-count-state" id="play-count-state">{ state }</p>
        </section>
    }
}
