//! The Insights lists: top tracks (a click plays the period's list from that track), top
//! artists (each a link to their page) and recent plays with their times, each with its
//! loading, empty and error state, its export buttons, and the first 10 with "Show all".

use chorus_core::{
    insights::{parse_rfc3339_ms, time_ago},
    spotify::{Artist, PlayHistory, Track},
};
use yew::prelude::*;

use super::{text, use_insights::ExportFormat};
use crate::{
    library::track_row::TrackRow,
    routes::Route,
    services::web_api::Remote,
    ui::{
        media_row::{thumb, LinkRow, SkeletonRows},
        text::TRY_AGAIN,
    },
};

/// How many rows a list shows before "Show all".
pub const FIRST_ROWS: usize = 10;

/// "Show all 50" under a list that shows only its first rows.
fn show_all(id: &str, total: usize, all: bool, on_show_all: &Callback<()>) -> Html {
    if all || total <= FIRST_ROWS {
        return Html::default();
    }
    let onclick = on_show_all.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="ghost show-all" id={format!("{id}-show-all")} {onclick}>
            { text::show_all(total) }
        </button>
    }
}

/// A list's frame: heading, export buttons once loaded, and the body for its state.
#[derive(Debug, Properties, PartialEq)]
pub struct InsightsPanelProps {
    /// `top-tracks`, `top-artists`, `recent`: ids derive from it.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The list is loaded with at least one item: export makes sense.
    pub exportable: bool,
    pub on_export: Callback<ExportFormat>,
    #[prop_or_default]
    pub on_refresh: Option<Callback<()>>,
    /// The tab shown now (the others are hidden, not gone).
    pub selected: bool,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn InsightsPanel(props: &InsightsPanelProps) -> Html {
    let hidden = !props.selected;
    let export = |format: ExportFormat, label: &'static str| {
        let on_export = props.on_export.clone();
        html! {
            <button type="button" class="ghost small-button" id={format!("{}-export-{}", props.id, label.to_ascii_lowercase())}
                aria-label={format!("Export {} as {label}", props.title.to_lowercase())}
                onclick={Callback::from(move |_: MouseEvent| on_export.emit(format))}>
                { label }
            </button>
        }
    };
    let heading = format!("{}-heading", props.id);
    html! {
        <section class="panel insights-panel" id={format!("{}-panel", props.id)} aria-labelledby={heading.clone()}
            role="tabpanel" {hidden}>
            <div class="insights-head">
                <h2 id={heading}>{ props.title.clone() }</h2>
                <div class="insights-actions">
                    if let Some(on_refresh) = props.on_refresh.clone() {
                        <button type="button" class="link-button" id={format!("{}-refresh", props.id)}
                            onclick={Callback::from(move |_: MouseEvent| on_refresh.emit(()))}>{ "Refresh" }</button>
                    }
                    if props.exportable {
                        <span class="muted export-label" aria-hidden="true">{ "Export" }</span>
                        { export(ExportFormat::Csv, "CSV") }
                        { export(ExportFormat::Json, "JSON") }
                    }
                </div>
            </div>
            { props.children.clone() }
        </section>
    }
}

/// Loading, failed (with "Try again") or empty: the body of a list that has nothing to show.
fn placeholder<T>(
    remote: &Remote<Vec<T>>,
    id: &str,
    what: &'static str,
    empty: &'static str,
    on_retry: &Callback<()>,
) -> Option<Html> {
    match remote {
        Remote::Idle | Remote::Loading => Some(html! {
            <SkeletonRows rows={5} label={text::loading(what)} />
        }),
        Remote::Failed(message) => {
            let retry = on_retry.clone();
            Some(html! {
                <div class="list-error" id={format!("{id}-error")} role="alert">
                    <p class="error-message">{ message }</p>
                    <button type="button" class="ghost" id={format!("{id}-retry")}
                        onclick={Callback::from(move |_: MouseEvent| retry.emit(()))}>{ TRY_AGAIN }</button>
                </div>
            })
        }
        Remote::Loaded(items) if items.is_empty() => Some(html! {
            <p class="muted" id={format!("{id}-empty")}>{ empty }</p>
        }),
        Remote::Loaded(_) => None,
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TopTracksProps {
    pub tracks: Remote<Vec<Track>>,
    pub can_play: bool,
    pub playing_uri: Option<AttrValue>,
    /// `(uri, name)` to play (the period's list from there).
    pub on_play: Callback<(AttrValue, AttrValue)>,
    pub on_retry: Callback<()>,
    /// Every row, not just the first ten.
    pub all: bool,
    pub on_show_all: Callback<()>,
}

#[component]
pub fn TopTracks(props: &TopTracksProps) -> Html {
    if let Some(body) = placeholder(
        &props.tracks,
        "top-tracks",
        text::YOUR_TOP_TRACKS,
        text::NO_TOP_TRACKS,
        &props.on_retry,
    ) {
        return body;
    }
    let Remote::Loaded(tracks) = &props.tracks else {
        return Html::default();
    };
    let shown = if props.all { tracks.len() } else { FIRST_ROWS };
    html! {
        <>
        <ol class="media-list ranked" id="top-tracks">
            { for tracks.iter().take(shown).map(|track| {
                let on_play = props.on_play.clone();
                let (uri, name) = (AttrValue::from(track.uri.clone()), AttrValue::from(track.name.clone()));
                html! {
                    <TrackRow key={track.uri.clone()} track={track.clone()} disabled={!props.can_play}
                        playing={props.playing_uri.as_deref() == Some(track.uri.as_str())}
                        on_play={Callback::from(move |()| on_play.emit((uri.clone(), name.clone())))} />
                }
            }) }
        </ol>
        { show_all("top-tracks", tracks.len(), props.all, &props.on_show_all) }
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TopArtistsProps {
    pub artists: Remote<Vec<Artist>>,
    pub on_retry: Callback<()>,
    pub all: bool,
    pub on_show_all: Callback<()>,
}

#[component]
pub fn TopArtists(props: &TopArtistsProps) -> Html {
    if let Some(body) = placeholder(
        &props.artists,
        "top-artists",
        text::YOUR_TOP_ARTISTS,
        text::NO_TOP_ARTISTS,
        &props.on_retry,
    ) {
        return body;
    }
    let Remote::Loaded(artists) = &props.artists else {
        return Html::default();
    };
    let shown = if props.all { artists.len() } else { FIRST_ROWS };
    html! {
        <>
        <ol class="media-list ranked" id="top-artists">
            { for artists.iter().take(shown).map(|artist| html! {
                <LinkRow key={artist.uri.clone()} to={Route::Artist(artist.id.clone())} title={artist.name.clone()}
                    detail={artist.genres.join(", ")} image_url={thumb(&artist.images)} uri={artist.uri.clone()} round=true />
            }) }
        </ol>
        { show_all("top-artists", artists.len(), props.all, &props.on_show_all) }
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct RecentPlaysProps {
    pub history: Remote<Vec<PlayHistory>>,
    /// Now, in Unix milliseconds: "12 min ago" is counted from it.
    pub now_ms: u64,
    /// Writes a time in the person's locale and zone (the exact time in the tooltip).
    pub local_time: Callback<u64, String>,
    pub on_retry: Callback<()>,
    pub can_play: bool,
    /// `(uri, name)` to play.
    pub on_play: Callback<(AttrValue, AttrValue)>,
    pub all: bool,
    pub on_show_all: Callback<()>,
}

#[component]
pub fn RecentPlays(props: &RecentPlaysProps) -> Html {
    if let Some(body) = placeholder(
        &props.history,
        "recent",
        text::YOUR_RECENT_PLAYS,
        text::NO_RECENT,
        &props.on_retry,
    ) {
        return body;
    }
    let Remote::Loaded(history) = &props.history else {
        return Html::default();
    };
    let shown = if props.all { history.len() } else { FIRST_ROWS };
    html! {
        <>
        <ol class="media-list" id="recent-plays">
            { for history.iter().take(shown).map(|entry| {
                let track = &entry.track;
                let at = parse_rfc3339_ms(&entry.played_at);
                let on_play = props.on_play.clone();
                let (uri, name) = (AttrValue::from(track.uri.clone()), AttrValue::from(track.name.clone()));
                let when = html! {
                    <time class="played-at muted" datetime={entry.played_at.clone()}
                        title={at.map(|ms| props.local_time.emit(ms))}>
                        { at.map(|ms| time_ago(props.now_ms, ms)).unwrap_or_else(|| entry.played_at.clone()) }
                    </time>
                };
                html! {
                    <TrackRow key={format!("{}{}", entry.played_at, track.uri)} track={track.clone()}
                        disabled={!props.can_play} extra={when}
                        on_play={Callback::from(move |()| on_play.emit((uri.clone(), name.clone())))} />
                }
            }) }
        </ol>
        { show_all("recent", history.len(), props.all, &props.on_show_all) }
        </>
    }
}
