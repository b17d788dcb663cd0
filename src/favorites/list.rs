//! The Favorites screen's list (docs/ux.md "Favorites: tracks with counts and last played,
//! sortable, force add"): one row per track, the sort as pressed buttons.

use chorus_core::favorites::{last_played_text, PlaylistStatus, SortBy, TrackRecord};
use yew::prelude::*;

/// One row, owned (the tracker's rows borrow it).
#[derive(Debug, Clone, PartialEq)]
pub struct ListedTrack {
    pub uri: String,
    pub record: TrackRecord,
}

#[derive(Debug, Properties, PartialEq)]
pub struct FavoritesListProps {
    pub tracks: Vec<ListedTrack>,
    pub threshold: u32,
    pub sort: SortBy,
    pub now_ms: u64,
    pub on_sort: Callback<SortBy>,
    pub on_force_add: Callback<String>,
}

const SORTS: [(SortBy, &str, &str); 3] = [
    (SortBy::Plays, "plays", "Most played"),
    (SortBy::LastPlayed, "last-played", "Recently played"),
    (SortBy::Name, "name", "Name"),
];

#[component]
pub fn FavoritesList(props: &FavoritesListProps) -> Html {
    let sorts = html! {
        <div class="search-kinds fav-sort" role="group" aria-label="Sort by">
            { for SORTS.iter().map(|&(sort, id, label)| {
                let on_sort = props.on_sort.clone();
                let pressed = props.sort == sort;
                html! {
                    <button type="button" class={classes!("chip", pressed.then_some("on"))}
                        id={format!("sort-{id}")} aria-pressed={if pressed { "true" } else { "false" }}
                        onclick={Callback::from(move |_: MouseEvent| on_sort.emit(sort))}>
                        { label }
                    </button>
                }
            }) }
        </div>
    };
    html! {
        <section class="panel fav-panel" aria-label="Your tracks">
            { sorts }
            <ul class="fav-list" id="favorites-list" aria-label="Tracks and their completed plays">
                { for props.tracks.iter().map(|track| row(props, track)) }
            </ul>
        </section>
    }
}

fn row(props: &FavoritesListProps, track: &ListedTrack) -> Html {
    let record = &track.record;
    let name = record.name.clone().unwrap_or_else(|| track.uri.clone());
    let action = match record.status {
        PlaylistStatus::Added => html! { <span class="fav-status added">{ "In favorites" }</span> },
        PlaylistStatus::Pending => html! {
            <span class="fav-status"><span class="spinner small" aria-hidden="true"></span>{ "Adding…" }</span>
        },
        status => {
            let on_force_add = props.on_force_add.clone();
            let uri = track.uri.clone();
            html! {
                <>
                    if status == PlaylistStatus::Failed {
                        <span class="fav-status failed">{ "Retrying" }</span>
                    }
                    <button type="button" class="ghost fav-force-add"
                        aria-label={format!("Add {name} to favorites now")}
                        onclick={Callback::from(move |_: MouseEvent| on_force_add.emit(uri.clone()))}>
                        { "Add now" }
                    </button>
                </>
            }
        }
    };
    html! {
        <li class="fav-row" data-uri={track.uri.clone()}>
            <div class="fav-track">
                <span class="fav-name">{ name.clone() }</span>
                if let Some(artists) = &record.artists {
                    <span class="muted fav-artists">{ artists }</span>
                }
            </div>
            <span class="fav-plays" title={super::text::row_sources(&record.sources)}
                data-sources={super::text::row_sources(&record.sources)}>
                { format!("{} / {}", record.completed_plays, props.threshold) }
                <span class="visually-hidden">{ " completed plays" }</span>
            </span>
            <span class="muted fav-last">{ last_played_text(record.last_played_ms, props.now_ms) }</span>
            <span class="fav-action">{ action }</span>
        </li>
    }
}
