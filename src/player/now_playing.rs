//! What plays: large cover art, title, artists, album.

use chorus_core::{player::NowPlaying as Item, spotify::Image};
use yew::prelude::*;

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
    html! {
        <div class="now-playing">
            if let Some(url) = cover {
                <img class="cover" src={url} alt={format!("Cover of {}", item.album.as_deref().unwrap_or(&item.name))} />
            } else {
                <span class="cover placeholder" aria-hidden="true">{ "♪" }</span>
            }
            <div class="now-playing-text">
                <p class="now-playing-status muted">{ props.status.clone() }</p>
                <h2 class="track-title" id="track-title">{ &item.name }</h2>
                <p class="track-artists">{ &item.artists }</p>
                if let Some(album) = &item.album {
                    <p class="track-album muted">{ album }</p>
                }
            </div>
        </div>
    }
}
