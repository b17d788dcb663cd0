//! Search results by kind (tracks, albums, artists, playlists), with "More" for the next page.
//! A song plays at once; an album or artist opens its page; a playlist plays.

use chorus_core::spotify::{join_artist_names, requests::SearchType, Album, Artist, Playlist};
use yew::prelude::*;

use super::{text, track_row::TrackRow};
use crate::{
    catalog::text::album_kind,
    library::model::SearchResults as Results,
    routes::Route,
    services::web_api::Remote,
    ui::media_row::{thumb, LinkRow, MediaRow, SkeletonRows},
};

#[derive(Debug, Properties, PartialEq)]
pub struct SearchResultsProps {
    pub results: Remote<Results>,
    pub can_play: bool,
    pub playing_uri: Option<AttrValue>,
    /// `(uri, name)` to play here.
    pub on_play: Callback<(AttrValue, AttrValue)>,
    pub on_more: Callback<()>,
    /// The hint before any search.
    pub hint: AttrValue,
}

#[component]
pub fn SearchResults(props: &SearchResultsProps) -> Html {
    let results = match &props.results {
        Remote::Idle => {
            return html! { <p class="muted" id="search-hint">{ props.hint.clone() }</p> }
        }
        Remote::Loading => return html! { <SkeletonRows label={text::SEARCHING} /> },
        Remote::Failed(message) => {
            return html! { <p class="error-message" id="search-error" role="alert">{ message }</p> }
        }
        Remote::Loaded(results) => results,
    };
    if results.is_empty() {
        return html! {
            <p class="muted" id="search-empty">{ text::nothing_found(&results.query) }</p>
        };
    }
    let disabled = !props.can_play;
    let play = |uri: &str, name: &str| {
        let on_play = props.on_play.clone();
        let (uri, name) = (
            AttrValue::from(uri.to_owned()),
            AttrValue::from(name.to_owned()),
        );
        Callback::from(move |()| on_play.emit((uri.clone(), name.clone())))
    };
    let section = |id: &str, heading: &str, rows: Vec<Html>| -> Html {
        if rows.is_empty() {
            return html! {};
        }
        html! {
            <section class="search-section" aria-label={heading.to_owned()}>
                <h3 class="small-heading">{ heading }</h3>
                <ul class="media-list" id={id.to_owned()}>{ for rows }</ul>
            </section>
        }
    };
    let tracks: Vec<Html> = results
        .tracks
        .iter()
        .map(|t| {
            let playing = props.playing_uri.as_deref() == Some(t.uri.as_str());
            html! {
                <TrackRow key={t.uri.clone()} track={t.clone()} {disabled} {playing} on_play={play(&t.uri, &t.name)} />
            }
        })
        .collect();
    let albums: Vec<Html> = results
        .albums
        .iter()
        .filter_map(|a: &Album| {
            let id = a.id.clone()?;
            let detail = format!("{} · {}", album_kind(a.album_type.as_deref()), join_artist_names(&a.artists));
            Some(html! {
                <LinkRow key={id.clone()} to={Route::Album(id.clone())} title={a.name.clone()} {detail}
                    image_url={thumb(&a.images)} uri={a.uri.clone().unwrap_or_default()} />
            })
        })
        .collect();
    let artists: Vec<Html> = results
        .artists
        .iter()
        .map(|a: &Artist| html! {
            <LinkRow key={a.uri.clone()} to={Route::Artist(a.id.clone())} title={a.name.clone()} detail="Artist"
                image_url={thumb(&a.images)} uri={a.uri.clone()} round=true />
        })
        .collect();
    let playlists: Vec<Html> = results
        .playlists
        .iter()
        .map(|p: &Playlist| {
            let owner = p.owner.display_name.clone().unwrap_or_else(|| p.owner.id.clone());
            html! {
                <MediaRow key={p.uri.clone()} title={p.name.clone()} detail={format!("Playlist · {owner}")}
                    image_url={thumb(&p.images)} uri={p.uri.clone()} {disabled} on_play={play(&p.uri, &p.name)} />
            }
        })
        .collect();
    let more = props.on_more.reform(|_: MouseEvent| ());
    html! {
        <div class="search-results" id="search-results">
            { section("search-tracks", "Songs", tracks) }
            { section("search-albums", "Albums", albums) }
            { section("search-artists", "Artists", artists) }
            { section("search-playlists", "Playlists", playlists) }
            if results.next_offset.is_some() {
                <button class="ghost" id="search-more" disabled={results.loading_more} onclick={more}>
                    { if results.loading_more { text::LOADING_MORE } else { text::MORE } }
                </button>
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct SearchKindsProps {
    /// One kind, or every kind (`None`).
    pub current: Option<SearchType>,
    pub on_pick: Callback<Option<SearchType>>,
}

/// What a search looks for: everything, or only songs, albums, artists or playlists.
#[component]
pub fn SearchKinds(props: &SearchKindsProps) -> Html {
    const KINDS: [(Option<SearchType>, &str); 5] = [
        (None, "All"),
        (Some(SearchType::Track), "Songs"),
        (Some(SearchType::Album), "Albums"),
        (Some(SearchType::Artist), "Artists"),
        (Some(SearchType::Playlist), "Playlists"),
    ];
    html! {
        <div class="search-kinds" role="group" aria-label="Look for">
            { for KINDS.iter().map(|&(kind, label)| {
                let on_pick = props.on_pick.clone();
                let pressed = props.current == kind;
                html! {
                    <button type="button" class={classes!("chip", pressed.then_some("on"))}
                        id={format!("kind-{}", label.to_ascii_lowercase())}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        onclick={Callback::from(move |_: MouseEvent| on_pick.emit(kind))}>
                        { label }
                    </button>
                }
            }) }
        </div>
    }
}
