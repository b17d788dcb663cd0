//! The Library screen (docs/ux.md "Library"): search, the listener's playlists (Liked Songs
//! first), the queue. One click plays on this tab's device; "Add to queue" queues; outcomes are
//! toasts.

use chorus_core::spotify::{requests::SearchType, Playlist};
use yew::prelude::*;

use super::{
    new_playlist::NewPlaylist,
    playlist_list::PlaylistList,
    queue_list::QueueList,
    search_results::{SearchKinds, SearchResults},
    text,
    use_library::{use_library, UseLibraryHandle},
};
use crate::{
    player::{sound_blocked::SoundBlocked, use_player},
    services::{browser, input::text_value},
};

#[component]
pub fn LibraryPage() -> Html {
    let (library, player) = (use_library(), use_player());
    let library = &library;
    let query = use_state(|| library.model().search_query.clone());
    let model = library.model();
    {
        // Opening or closing a playlist replaces the focused button: keep keyboard users'
        // place (the way back, or the playlist they came from).
        let open_uri = model.open.as_ref().map(|o| o.playlist.uri.clone());
        let last_open = use_mut_ref(|| open_uri.clone());
        use_effect_with(open_uri, move |open_uri| {
            let previous = last_open.replace(open_uri.clone());
            if *open_uri == previous {
                return; // just shown again: leave the focus on the tab link
            }
            match (open_uri, previous) {
                (Some(_), _) => browser::focus("#playlist-back"),
                (None, Some(uri)) => browser::focus(&format!(
                    "#playlist-list [data-uri={}] .media-play",
                    serde_json::Value::String(uri)
                )),
                (None, None) => {}
            }
        });
    }

    let with = |f: fn(&UseLibraryHandle)| {
        let library = library.clone();
        Callback::from(move |()| f(&library))
    };
    let type_query = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = text_value(&event) {
                query.set(text);
            }
        })
    };
    let kind = use_state(|| library.model().search_kind);
    let submit = {
        let (library, query, kind) = (library.clone(), query.clone(), kind.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            library.search((*query).clone(), *kind);
        })
    };
    let pick_kind = {
        let (library, query, kind) = (library.clone(), query.clone(), kind.clone());
        Callback::from(move |picked: Option<SearchType>| {
            kind.set(picked);
            if !query.trim().is_empty() {
                library.search((*query).clone(), picked);
            }
        })
    };
    let play = {
        let library = library.clone();
        Callback::from(move |(uri, name): (AttrValue, AttrValue)| library.play_uri(&uri, &name))
    };
    let play_from = {
        let library = library.clone();
        Callback::from(
            move |(context, uri, name): (AttrValue, AttrValue, AttrValue)| {
                library.play_in_context(&context, &uri, &name)
            },
        )
    };
    let play_open = {
        let library = library.clone();
        Callback::from(move |shuffle: bool| library.play_open(shuffle))
    };
    let open = {
        let library = library.clone();
        Callback::from(move |playlist: Playlist| library.open_playlist(playlist))
    };
    let create = {
        let library = library.clone();
        Callback::from(move |(name, public): (String, bool)| library.create_playlist(name, public))
    };
    let can_play = library.can_play();

    html! {
        <div class="library">
            <SoundBlocked id="library-autoplay-blocked" button_id="library-enable-sound" />
            if !can_play && !player.premium_required() {
                <p class="muted" id="library-connecting">{ text::PLAYER_CONNECTING }</p>
            }
            <section class="panel" aria-labelledby="search-heading">
                <h2 id="search-heading">{ "Search" }</h2>
                <form class="search-form" role="search" onsubmit={submit}>
                    <label class="visually-hidden" for="search-input">{ "Search Spotify" }</label>
                    <input id="search-input" type="search" placeholder="Songs, albums, artists, playlists"
                        autocomplete="off" value={(*query).clone()} oninput={type_query} />
                    <button class="primary" id="search-submit" type="submit">{ "Search" }</button>
                </form>
                <SearchKinds current={*kind} on_pick={pick_kind} />
                <SearchResults results={model.search.clone()} {can_play} playing_uri={library.playing_uri()} on_play={play}
                    on_more={with(|l| l.search_more())}
                    hint={if player.premium_required() { text::SEARCH_HINT_READ_ONLY } else { text::SEARCH_HINT }} />
            </section>
            <div class="library-columns">
                <section class="panel" aria-labelledby="playlists-heading">
                    <div class="playlists-head">
                        <h2 id="playlists-heading">{ "Your playlists" }</h2>
                        if model.open.is_none() {
                            <NewPlaylist creating={model.creating_playlist} created={model.playlists_created} on_create={create} />
                        }
                    </div>
                    <PlaylistList playlists={model.playlists.clone()} liked={library.liked_songs()} open={model.open.clone()} {can_play} playing_uri={library.playing_uri()}
                        on_open={open} on_close={with(|l| l.close_playlist())} on_more={with(|l| l.more_tracks())}
                        on_retry={with(|l| l.reload_playlists())}
                        more={model.playlists_next.map(|_| model.playlists_loading_more)}
                        on_more_playlists={with(|l| l.more_playlists())}
                        on_play_from={play_from} on_play_open={play_open} />
                </section>
                <section class="panel" aria-labelledby="queue-heading">
                    <QueueList queue={model.queue.clone()} on_refresh={with(|l| l.refresh_queue())} />
                </section>
            </div>
        </div>
    }
}
