//! "Playing from Workout": the context the player plays from (a playlist, album or artist),
//! named and clickable — an album or artist opens its page, a playlist opens in the Library.
//! On the Player and the now-playing bar; nothing for loose tracks.

use chorus_core::spotify::{Playlist, PlaylistOwner};
use yew::prelude::*;

use super::{text, use_catalog::use_catalog};
use crate::{
    library::use_library::use_library,
    player::use_player,
    routes::{use_route, Route},
    session::use_listener,
    ui::links::RouteLink,
};

#[derive(Debug, Properties, PartialEq)]
pub struct ContextLineProps {
    pub id: AttrValue,
}

#[component]
pub fn ContextLine(props: &ContextLineProps) -> Html {
    let (player, catalog) = (use_player(), use_catalog());
    let (library, route, listener) = (use_library(), use_route(), use_listener());
    let Some(uri) = player.model().core.context_uri.clone() else {
        return Html::default();
    };
    let Some(name) = catalog.context_name(&uri) else {
        return Html::default();
    };
    let link = match Route::of_uri(&uri) {
        Some(to) => html! { <RouteLink {to} class="context-link">{ name }</RouteLink> },
        None if uri.starts_with("spotify:playlist:") => {
            let id = uri.trim_start_matches("spotify:playlist:").to_owned();
            let known = library
                .model()
                .playlists
                .loaded()
                .and_then(|all| all.iter().find(|p| p.id == id).cloned());
            let playlist = known.unwrap_or_else(|| Playlist {
                id,
                name: name.clone(),
                uri: uri.clone(),
                description: None,
                public: None,
                collaborative: false,
                owner: PlaylistOwner {
                    id: listener.user.id.clone(),
                    display_name: None,
                },
                images: Vec::new(),
                snapshot_id: None,
                items: None,
                external_urls: Default::default(),
            });
            let onclick = Callback::from(move |event: MouseEvent| {
                event.prevent_default();
                library.open_playlist(playlist.clone());
                route.go(Route::Library);
            });
            html! { <a href="/library" class="context-link" {onclick}>{ name }</a> }
        }
        None => html! { <span>{ name }</span> },
    };
    html! {
        <p class="context-line muted" id={props.id.clone()}>{ text::PLAYING_FROM }{ " " }{ link }</p>
    }
}
