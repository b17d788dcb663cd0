//! The Insights lists: top tracks (a click plays the period's list from that track), top
//! artists and recent plays with their times, each with its loading, empty and error state
//! and its export buttons.

use chorus_core::{
    insights::{parse_rfc3339_ms, time_ago},
    spotify::{Artist, PlayHistory, Track},
};
use yew::prelude::*;

use super::{text, use_insights::ExportFormat};
use crate::{
    services::web_api::Remote,
    ui::{
        media_row::{thumb, MediaRow, SkeletonRows},
        text::TRY_AGAIN,
    },
};

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
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn InsightsPanel(props: &InsightsPanelProps) -> Html {
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
        <section class="panel insights-panel" id={format!("{}-panel", props.id)} aria-labelledby={heading.clone()}>
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
    pub on_play: Callback<AttrValue>,
    pub on_retry: Callback<()>,
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
    html! {
        <ol class="media-list ranked" id="top-tracks">
            { for tracks.iter().map(|track| {
                let on_play = props.on_play.clone();
                let uri = AttrValue::from(track.uri.clone());
                let images = track.album.as_ref().map(|a| a.images.as_slice()).unwrap_or(&[]);
                html! {
                    <MediaRow key={track.uri.clone()} title={track.name.clone()} detail={track.artist_names()}
                        image_url={thumb(images)} uri={uri.clone()} disabled={!props.can_play}
                        playing={props.playing_uri.as_deref() == Some(track.uri.as_str())}
                        on_play={Callback::from(move |()| on_play.emit(uri.clone()))} />
                }
            }) }
        </ol>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TopArtistsProps {
    pub artists: Remote<Vec<Artist>>,
    pub on_retry: Callback<()>,
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
    html! {
        <ol class="media-list ranked" id="top-artists">
            { for artists.iter().map(|artist| html! {
                <li key={artist.uri.clone()} class="media-row static-row" data-uri={artist.uri.clone()}>
                    if let Some(url) = thumb(&artist.images) {
                        <img class="media-cover round" src={url} alt="" loading="lazy" />
                    } else {
                        <span class="media-cover round placeholder" aria-hidden="true">{ "♪" }</span>
                    }
                    <span class="media-text">
                        <span class="media-title">{ &artist.name }</span>
                        if !artist.genres.is_empty() {
                            <span class="media-detail muted">{ artist.genres.join(", ") }</span>
                        }
                    </span>
                </li>
            }) }
        </ol>
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
    html! {
        <ol class="media-list" id="recent-plays">
            { for history.iter().map(|entry| {
                let track = &entry.track;
                let at = parse_rfc3339_ms(&entry.played_at);
                let images = track.album.as_ref().map(|a| a.images.as_slice()).unwrap_or(&[]);
                html! {
                    <li key={format!("{}{}", entry.played_at, track.uri)} class="media-row static-row" data-uri={track.uri.clone()}>
                        if let Some(url) = thumb(images) {
                            <img class="media-cover" src={url} alt="" loading="lazy" />
                        } else {
                            <span class="media-cover placeholder" aria-hidden="true">{ "♪" }</span>
                        }
                        <span class="media-text">
                            <span class="media-title">{ &track.name }</span>
                            <span class="media-detail muted">{ track.artist_names() }</span>
                        </span>
                        <time class="played-at muted" datetime={entry.played_at.clone()}
                            title={at.map(|ms| props.local_time.emit(ms))}>
                            { at.map(|ms| time_ago(props.now_ms, ms)).unwrap_or_else(|| entry.played_at.clone()) }
                        </time>
                    </li>
                }
            }) }
        </ol>
    }
}
