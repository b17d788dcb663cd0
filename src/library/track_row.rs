//! One track in any list (search, a playlist, Liked Songs, an album, Insights): the title is
//! the Play button (one click plays; so is a click on the cover), under it the artists and the
//! album as links to their pages, then the length, ♥, "Add to queue" and the track's menu (Add
//! to playlist…, Open in Spotify). The button's name is what it shows, "Play" first (WCAG
//! 2.5.3, label in name); no control lies over another (2.5.8, target size).

use chorus_core::spotify::Track;
use yew::prelude::*;

use super::{text, track_menu::TrackMenu, use_library::use_library};
use crate::{
    catalog::text::duration,
    likes::{like_button::LikeButton, use_likes::use_liked_state},
    routes::Route,
    ui::{
        links::{ArtistLinks, RouteLink},
        media_row::thumb,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct TrackRowProps {
    pub track: Track,
    /// The track's number, shown instead of a cover (an album's list).
    #[prop_or_default]
    pub number: Option<usize>,
    /// Show the album under the title (not on the album's own page).
    #[prop_or(true)]
    pub show_album: bool,
    /// Nothing can be played or queued here now.
    #[prop_or(false)]
    pub disabled: bool,
    /// This is what plays now.
    #[prop_or(false)]
    pub playing: bool,
    pub on_play: Callback<()>,
    /// Shown before the length (when it was played, in Recently played).
    #[prop_or_default]
    pub extra: Html,
}

#[component]
pub fn TrackRow(props: &TrackRowProps) -> Html {
    let library = use_library();
    let track = &props.track;
    use_liked_state(Some(track.uri.clone()));
    let play = props.on_play.reform(|_: MouseEvent| ());
    // The cover plays too, for the mouse; the title is the control keyboards and readers use.
    let cover_click = (!props.disabled).then(|| props.on_play.reform(|_: MouseEvent| ()));
    let queue = {
        let (library, uri, name) = (library.clone(), track.uri.clone(), track.name.clone());
        Callback::from(move |_: MouseEvent| library.add_to_queue(&uri, &name))
    };
    let images = track
        .album
        .as_ref()
        .map(|a| a.images.as_slice())
        .unwrap_or(&[]);
    let lead = match (props.number, thumb(images)) {
        (Some(number), _) => {
            html! { <span class="track-number" aria-hidden="true">{ number }</span> }
        }
        (None, Some(url)) => html! { <img class="media-cover" src={url} alt="" loading="lazy" /> },
        (None, None) => {
            html! { <span class="media-cover placeholder" aria-hidden="true">{ "♪" }</span> }
        }
    };
    let album = track
        .album
        .as_ref()
        .filter(|_| props.show_album)
        .and_then(|album| Some((album.id.clone()?, album.name.clone())));
    html! {
        <li class={classes!("media-row", "track-row", props.playing.then_some("playing"))} data-uri={track.uri.clone()}>
            <span class="track-lead" onclick={cover_click}>{ lead }</span>
            <button type="button" class="media-play" disabled={props.disabled} onclick={play}>
                <span class="visually-hidden">{ text::PLAY_PREFIX }</span>
                <span class="media-title">{ &track.name }</span>
            </button>
            <span class="media-detail muted row-links">
                if props.playing { <span class="playing-mark">{ text::PLAYING_MARK }</span> }
                <ArtistLinks artists={track.artists.clone()} />
                if let Some((id, name)) = album {
                    <span class="album-sep">{ " · " }</span><RouteLink to={Route::Album(id)} class="album-link">{ name }</RouteLink>
                }
            </span>
            { props.extra.clone() }
            <span class="track-duration muted">{ duration(track.duration_ms) }</span>
            <LikeButton uri={track.uri.clone()} name={track.name.clone()} small=true />
            <button type="button" class="ghost media-queue" disabled={props.disabled} onclick={queue}>
                { text::ADD_TO_QUEUE }<span class="visually-hidden">{ format!(": {}", track.name) }</span>
            </button>
            <TrackMenu track={track.clone()} disabled={props.disabled} />
        </li>
    }
}
