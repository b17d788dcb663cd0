//! The listener's playlists; one opened shows its tracks, each playing the playlist from there.

use chorus_core::spotify::{Playlist, Track};
use yew::prelude::*;

use super::{model::OpenPlaylist, search_results::track_row, text};
use crate::{
    services::web_api::Remote,
    ui::{
        media_row::{thumb, MediaRow, SkeletonRows},
        text::TRY_AGAIN,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct PlaylistListProps {
    pub playlists: Remote<Vec<Playlist>>,
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
    /// `(context_uri, track_uri)` to play here.
    pub on_play_from: Callback<(AttrValue, AttrValue)>,
    /// `(uri, name)` to add to the queue.
    pub on_queue: Callback<(AttrValue, AttrValue)>,
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
            let retry = props.on_retry.clone();
            return html! {
                <div id="playlists-error" role="alert">
                    <p class="error-message">{ message }</p>
                    <button class="ghost" onclick={Callback::from(move |_: MouseEvent| retry.emit(()))}>{ TRY_AGAIN }</button>
                </div>
            };
        }
        Remote::Loaded(playlists) => playlists,
    };
    if playlists.is_empty() {
        return html! { <p class="muted" id="playlists-empty">{ text::NO_PLAYLISTS }</p> };
    }
    let more = props.more.map(|loading| {
        let on_more = props.on_more_playlists.clone();
        html! {
            <button class="ghost" id="playlists-more" disabled={loading}
                onclick={Callback::from(move |_: MouseEvent| on_more.emit(()))}>
                { if loading { text::LOADING_MORE } else { text::MORE } }
            </button>
        }
    });
    html! {
        <>
        <ul class="media-list" id="playlist-list">
            { for playlists.iter().map(|p| {
                let on_open = props.on_open.clone();
                let playlist = p.clone();
                let count = p.items.as_ref().map(|i| text::tracks_count(i.total)).unwrap_or_default();
                html! {
                    <MediaRow key={p.id.clone()} title={p.name.clone()} detail={count} action="Open"
                        image_url={thumb(&p.images)} uri={p.uri.clone()}
                        on_play={Callback::from(move |()| on_open.emit(playlist.clone()))} />
                }
            }) }
        </ul>
        { for more }
        </>
    }
}

fn open_playlist(props: &PlaylistListProps, open: &OpenPlaylist) -> Html {
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let more = {
        let on_more = props.on_more.clone();
        Callback::from(move |_: MouseEvent| on_more.emit(()))
    };
    let body = match &open.tracks {
        Remote::Idle | Remote::Loading => html! { <SkeletonRows label={text::LOADING_PLAYLIST} /> },
        Remote::Failed(message) => html! { <p class="error-message" role="alert">{ message }</p> },
        Remote::Loaded(tracks) if tracks.is_empty() => html! {
            <p class="muted" id="playlist-empty">{ text::PLAYLIST_EMPTY }</p>
        },
        Remote::Loaded(tracks) => {
            let context = AttrValue::from(open.playlist.uri.clone());
            html! {
                <>
                <ul class="media-list" id="playlist-tracks">
                    { for tracks.iter().map(|t: &Track| {
                        let on_play_from = props.on_play_from.clone();
                        let (context, uri) = (context.clone(), AttrValue::from(t.uri.clone()));
                        let play = Callback::from(move |()| on_play_from.emit((context.clone(), uri.clone())));
                        let playing = props.playing_uri.as_deref() == Some(t.uri.as_str());
                        track_row(t, !props.can_play, playing, play, &props.on_queue)
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
    html! {
        <div class="open-playlist" id="open-playlist">
            <div class="open-playlist-head">
                <button class="link-button" id="playlist-back" onclick={close}>{ "← All playlists" }</button>
                <h3 class="open-playlist-name">{ &open.playlist.name }</h3>
            </div>
            { body }
        </div>
    }
}
