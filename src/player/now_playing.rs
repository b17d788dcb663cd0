//! What plays: large cover art, title (with ♥), artists and album as links to their pages, and
//! where it plays from.

use chorus_core::{player::NowPlaying as Item, spotify::Image};
use yew::prelude::*;

use crate::{
    catalog::context_line::ContextLine,
    likes::like_button::LikeButton,
    routes::Route,
    ui::links::{ArtistLinks, RouteLink},
};

#[derive(Debug, Properties, PartialEq)]
pub struct NowPlayingProps {
    pub item: Item,
    /// "Playing", "Paused"… read out with the title.
    pub status: AttrValue,
}

#[component]
pub fn NowPlaying(props: &NowPlayingProps) -> Html {
    let item = &props.item;
    let cover = Image::best_for(&item.images, 300).map(|image| image.url.clone());
    let artists = if item.artist_list.is_empty() {
        html! { { &item.artists } }
    } else {
        html! { <ArtistLinks artists={item.artist_list.clone()} /> }
    };
    html! {
        <div class="now-playing">
            if let Some(url) = cover {
                <img class="cover" src={url} alt={format!("Cover of {}", item.album.as_deref().unwrap_or(&item.name))} />
            } else {
                <span class="cover placeholder" aria-hidden="true">{ "♪" }</span>
            }
            <div class="now-playing-text">
                <p class="now-playing-status muted">{ props.status.clone() }</p>
                <div class="title-row">
                    <h2 class="track-title" id="track-title">{ &item.name }</h2>
                    <LikeButton id="player-like" uri={item.uri.clone()} name={item.name.clone()} />
                </div>
                <p class="track-artists">{ artists }</p>
                if let Some(album) = &item.album {
                    <p class="track-album muted">
                        if let Some(id) = &item.album_id {
                            <RouteLink to={Route::Album(id.clone())} id="player-album">{ album }</RouteLink>
                        } else {
                            { album }
                        }
                    </p>
                }
                <ContextLine id="player-context" />
            </div>
        </div>
    }
}
