//! A track's menu (⋯): "Add to queue" (also on narrow screens, where the row has no room for
//! its button), "Add to playlist…" with the listener's own playlists, and "Open in Spotify".
//! Escape or leaving the menu closes it.

use chorus_core::spotify::{Playlist, Track};
use yew::prelude::*;

use super::{text, use_library::use_library};
use crate::{
    services::{browser, web_api::Remote},
    session::use_listener,
    ui::{
        icon::{Icon, IconKind},
        links::OpenInSpotify,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct TrackMenuProps {
    pub track: Track,
    /// Queueing is off (the player cannot play).
    #[prop_or(false)]
    pub disabled: bool,
}

#[component]
pub fn TrackMenu(props: &TrackMenuProps) -> Html {
    let (library, listener) = (use_library(), use_listener());
    let open = use_state(|| false);
    let picking = use_state(|| false);
    let track = &props.track;
    let menu_id = format!(
        "menu-{}",
        track
            .id
            .clone()
            .unwrap_or_else(|| track.uri.replace(':', "-"))
    );
    let toggle = {
        let (open, picking) = (open.clone(), picking.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            picking.set(false);
        })
    };
    let close = {
        let (open, picking) = (open.clone(), picking.clone());
        move || {
            open.set(false);
            picking.set(false);
        }
    };
    let keys = {
        let close = close.clone();
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                event.stop_propagation();
                close();
            }
        })
    };
    let focus_out = {
        let close = close.clone();
        Callback::from(move |event: FocusEvent| {
            if browser::focus_leaves(&event) {
                close();
            }
        })
    };
    let queue = {
        let (library, uri, name, close) = (
            library.clone(),
            track.uri.clone(),
            track.name.clone(),
            close.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            library.add_to_queue(&uri, &name);
            close();
        })
    };
    let pick = {
        let (library, picking) = (library.clone(), picking.clone());
        Callback::from(move |_: MouseEvent| {
            if library.model().playlists == Remote::Idle {
                library.reload_playlists();
            }
            picking.set(true);
        })
    };
    let own: Vec<Playlist> = library
        .model()
        .playlists
        .loaded()
        .map(|all| {
            all.iter()
                .filter(|p| p.items_readable_by(&listener.user.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let playlists = if !*picking {
        Html::default()
    } else if library.model().playlists.loaded().is_none() {
        html! { <li class="menu-note muted">{ text::LOADING_PLAYLISTS }</li> }
    } else if own.is_empty() {
        html! { <li class="menu-note muted">{ text::NO_OWN_PLAYLISTS }</li> }
    } else {
        html! {
            { for own.into_iter().map(|playlist| {
                let (library, uri, name, close) = (library.clone(), track.uri.clone(), track.name.clone(), close.clone());
                let label = playlist.name.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    library.add_to_playlist(&playlist, &uri, &name);
                    close();
                });
                html! {
                    <li><button type="button" class="menu-item add-to" data-playlist={label.clone()} {onclick}>{ label }</button></li>
                }
            }) }
        }
    };
    html! {
        <div class="track-menu" onkeydown={keys} onfocusout={focus_out}>
            <button type="button" class="icon-button small menu-button" aria-expanded={open.to_string()}
                aria-controls={menu_id.clone()} aria-label={text::more_for(&track.name)} onclick={toggle}>
                <Icon kind={IconKind::More} />
            </button>
            <ul class="menu" id={menu_id} hidden={!*open}>
                <li><button type="button" class="menu-item menu-queue" disabled={props.disabled} onclick={queue}>{ text::ADD_TO_QUEUE }</button></li>
                <li><button type="button" class="menu-item add-to-playlist" aria-expanded={picking.to_string()} onclick={pick}>{ text::ADD_TO_PLAYLIST }</button></li>
                { playlists }
                <li class="menu-link">
                    <OpenInSpotify url={track.external_urls.spotify.clone()} what={track.name.clone()} />
                </li>
            </ul>
        </div>
    }
}
