//! The listener's playlists, Liked Songs above them; one opened shows Play, Shuffle, "Open in
//! Spotify" and its tracks with their lengths, each playing the list from there.

use chorus_core::spotify::{Playlist, Track};
use yew::prelude::*;

use super::{model::OpenPlaylist, text, track_row::TrackRow, use_library::LIKED_SONGS_ID};
use crate::{
    services::web_api::Remote,
    ui::{
        links::OpenInSpotify,
        media_row::{thumb, MediaRow, SkeletonRows},
        text::TRY_AGAIN,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct PlaylistListProps {
    pub playlists: Remote<Vec<Playlist>>,
    /// The Liked Songs entry, listed first.
    pub liked: Playlist,
    pub open: Option<OpenPlaylist>,
    pub can_play: bool,
    pub playing_uri: Option<AttrValue>,
    pub on_open: Callback<Playlist>,
    pub on_close: Callback<()>,
    /// The next page of the opened playlist.
    pub on_more: Callback<()>,
    pub on_retry: Callback<()>,
    /// There are more playlists than shown (`Some(loading)`): "More".
    #[prop_or_default]
    pub more: Option<bool>,
    pub on_more_playlists: Callback<()>,
    /// `(context_uri, track_uri, track name)` to play here.
    pub on_play_from: Callback<(AttrValue, AttrValue, AttrValue)>,
    /// The opened list's Play (`false`) or Shuffle (`true`).
    pub on_play_open: Callback<bool>,
}

#[component]
pub fn PlaylistList(props: &PlaylistListProps) -> Html {
    if let Some(open) = &props.open {
        return open_playlist(props, open);
    }
    let playlists = match &props.playlists {
        Remote::Idle | Remote::Loading => {
            return html! { <SkeletonRows label={text::LOADING_PLAYLISTS} /> }
        }
        Remote::Failed(message) => {
            let retry = props.on_retry.reform(|_: MouseEvent| ());
            return html! {
                <div id="playlists-error" role="alert">
                    <p class="error-message">{ message }</p>
                    <button class="ghost" onclick={retry}>{ TRY_AGAIN }</button>
                </div>
            };
        }
        Remote::Loaded(playlists) => playlists,
    };
    let more = props.more.map(|loading| {
        let on_more = props.on_more_playlists.reform(|_: MouseEvent| ());
        html! {
            <button class="ghost" id="playlists-more" disabled={loading} onclick={on_more}>
                { if loading { text::LOADING_MORE } else { text::MORE } }
            </button>
        }
    });
    let row = |p: &Playlist, detail: String| {
        let on_open = props.on_open.clone();
        let playlist = p.clone();
        html! {
            <MediaRow key={p.id.clone()} title={p.name.clone()} {detail} action="Open"
                image_url={thumb(&p.images)} uri={p.uri.clone()}
                on_play={Callback::from(move |()| on_open.emit(playlist.clone()))} />
        }
    };
    html! {
        <>
        <ul class="media-list" id="liked-list">
            { row(&props.liked, text::LIKED_DETAIL.to_owned()) }
        </ul>
        if playlists.is_empty() {
            <p class="muted" id="playlists-empty">{ text::NO_PLAYLISTS }</p>
        } else {
            <ul class="media-list" id="playlist-list">
                { for playlists.iter().map(|p| {
                    row(p, p.items.as_ref().map(|i| text::tracks_count(i.total)).unwrap_or_default())
                }) }
            </ul>
        }
        { for more }
        </>
    }
}

fn open_playlist(props: &PlaylistListProps, open: &OpenPlaylist) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let more = props.on_more.reform(|_: MouseEvent| ());
    let liked = open.playlist.id == LIKED_SONGS_ID;
    let body = match &open.tracks {
        Remote::Idle | Remote::Loading => html! { <SkeletonRows label={text::LOADING_PLAYLIST} /> },
        Remote::Failed(message) => html! { <p class="error-message" role="alert">{ message }</p> },
        Remote::Loaded(tracks) if tracks.is_empty() => html! {
            <p class="muted" id="playlist-empty">{ if liked { text::LIKED_EMPTY } else { text::PLAYLIST_EMPTY } }</p>
        },
        Remote::Loaded(tracks) => {
            let context = AttrValue::from(open.playlist.uri.clone());
            html! {
                <>
                <ul class="media-list" id="playlist-tracks">
                    { for tracks.iter().map(|t: &Track| {
                        let on_play_from = props.on_play_from.clone();
                        let (context, uri, name) = (context.clone(), AttrValue::from(t.uri.clone()), AttrValue::from(t.name.clone()));
                        let play = Callback::from(move |()| on_play_from.emit((context.clone(), uri.clone(), name.clone())));
                        let playing = props.playing_uri.as_deref() == Some(t.uri.as_str());
                        html! {
                            <TrackRow key={t.uri.clone()} track={t.clone()} disabled={!props.can_play} {playing} on_play={play} />
                        }
                    }) }
                </ul>
                if open.next_offset.is_some() {
                    <button class="ghost" id="playlist-more" disabled={open.loading_more} onclick={more}>
                        { if open.loading_more { text::LOADING_MORE } else { text::MORE } }
                    </button>
                }
                </>
            }
        }
    };
    let has_tracks = open.tracks.loaded().is_some_and(|t| !t.is_empty());
    let play = |shuffle: bool| props.on_play_open.reform(move |_: MouseEvent| shuffle);
    html! {
        <div class="open-playlist" id="open-playlist">
            <div class="open-playlist-head">
                <button class="link-button" id="playlist-back" onclick={close}>{ text::ALL_PLAYLISTS }</button>
                <h3 class="open-playlist-name">{ &open.playlist.name }</h3>
            </div>
            <div class="page-actions">
                <button class="primary" id="playlist-play" disabled={!props.can_play || !has_tracks}
                    onclick={play(false)}>{ text::PLAY }</button>
                <button class="ghost" id="playlist-shuffle" disabled={!props.can_play || !has_tracks}
                    onclick={play(true)}>{ text::SHUFFLE }</button>
                <OpenInSpotify id="playlist-open" url={open.playlist.external_urls.spotify.clone()} what={open.playlist.name.clone()} />
            </div>
            { body }
        </div>
    }
}
