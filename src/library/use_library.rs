//! The Library page's state and effects: search (pages of 10 with "More"), the listener's
//! playlists and one opened playlist's tracks, the queue; playing on this tab's device and
//! queueing. [`LibraryProvider`] keeps it above the pages (search results and the opened
//! playlist survive a visit to the Player); nothing is fetched before the page is first shown.
//! [`use_library`] reads it.

use chorus_core::spotify::{
    requests::{self, SearchType, MAX_SEARCH_LIMIT},
    NewPlaylist, Paging, Playlist, PlaylistItem, PlaylistOwner, Queue, SavedTrack, SearchResponse,
};
use yew::prelude::*;

use super::{
    model::{LibraryAction, LibraryModel},
    text,
};
use crate::{
    player::{use_player, UsePlayerHandle},
    routes::{use_route, Route},
    services::web_api::{ApiError, Remote, WebApi},
    session::{use_auth, use_listener},
    ui::toasts::{use_toast_outbox, use_toasts, Toasts},
};

/// The id of the Liked Songs entry Chorus lists first among the playlists.
pub const LIKED_SONGS_ID: &str = "liked-songs";
/// The toasts' source for the Library.
pub(super) const SOURCE: &str = "library";

const SEARCH_TYPES: &[SearchType] = &[
    SearchType::Track,
    SearchType::Album,
    SearchType::Artist,
    SearchType::Playlist,
];
/// Playlists and playlist items: one page of 50 is what the page shows.
const PAGE: u8 = 50;

#[derive(Clone, PartialEq)]
pub struct UseLibraryHandle {
    pub(super) model: UseReducerHandle<LibraryModel>,
    pub(super) api: WebApi,
    /// Plays go to this tab's device.
    pub(super) player: UsePlayerHandle,
    pub(super) toasts: Toasts,
    /// The listener's user id (their own playlists; the Liked Songs entry).
    listener_id: String,
}

impl std::fmt::Debug for UseLibraryHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseLibraryHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct LibraryProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn LibraryProvider(props: &LibraryProviderProps) -> Html {
    let (listener, player, route) = (use_listener(), use_player(), use_route());
    let library = UseLibraryHandle {
        model: use_reducer(LibraryModel::default),
        api: WebApi::new(use_auth()),
        player,
        toasts: use_toasts(),
        listener_id: listener.user.id.clone(),
    };
    {
        // Outcomes the reducer notes (a playlist made, a page that failed) show as toasts.
        let model = library.model.clone();
        let clear = Callback::from(move |()| model.dispatch(LibraryAction::Notice(None)));
        use_toast_outbox(SOURCE, library.model.notice.clone(), clear);
    }
    {
        let model = library.model.clone();
        use_effect_with(listener.account_key().to_owned(), move |_| {
            model.dispatch(LibraryAction::Reset)
        });
    }
    let shown = route.current() == Route::Library;
    {
        let library = library.clone();
        use_effect_with(shown, move |shown| {
            if *shown && library.model.playlists == Remote::Idle {
                library.reload_playlists();
            }
        });
    }
    {
        // What plays changed: the queue did too.
        let playing_uri = library.playing_uri();
        let library = library.clone();
        use_effect_with((playing_uri, shown), move |(_, shown)| {
            if *shown {
                library.refresh_queue();
            }
        });
    }
    html! {
        <ContextProvider<UseLibraryHandle> context={library}>
            { props.children.clone() }
        </ContextProvider<UseLibraryHandle>>
    }
}

/// The Library's state (inside [`LibraryProvider`]).
#[hook]
pub fn use_library() -> UseLibraryHandle {
    use_context::<UseLibraryHandle>().expect("use_library is called inside LibraryProvider")
}

/// One page of the listener's playlists and the next page's offset, or what failed.
async fn fetch_playlists(
    api: &WebApi,
    offset: u32,
) -> Result<(Vec<Playlist>, Option<u32>), String> {
    let call = requests::my_playlists(PAGE, offset);
    match api.call(&call).fetch::<Paging<Playlist>>().await {
        Ok(Some(page)) => {
            let next = page.next_offset();
            Ok((page.items, next))
        }
        Ok(None) => Ok((Vec::new(), None)),
        Err(error) => Err(error.in_plain_words()),
    }
}

impl UseLibraryHandle {
    pub fn model(&self) -> &LibraryModel {
        &self.model
    }

    /// What plays now, wherever it plays.
    pub fn playing_uri(&self) -> Option<AttrValue> {
        let now = self.player.model().core.now_playing.as_ref()?;
        Some(AttrValue::from(now.uri.clone()))
    }

    /// Whether a click plays: this tab's device is ready (or the tab is a remote) and the
    /// account may play.
    pub fn can_play(&self) -> bool {
        self.player.can_play()
    }

    /// Searches for `query`: every kind (`None`) or one.
    pub fn search(&self, query: String, kind: Option<SearchType>) {
        let query = query.trim().to_owned();
        if query.is_empty() {
            return self.model.dispatch(LibraryAction::SearchCleared);
        }
        self.model.dispatch(LibraryAction::SearchStarted {
            query: query.clone(),
            kind,
        });
        self.fetch_search(query, kind, 0);
    }

    /// The next page of every kind that has one.
    pub fn search_more(&self) {
        let Some(results) = self.model.search.loaded() else {
            return;
        };
        let Some(offset) = results.next_offset else {
            return;
        };
        let (query, kind) = (results.query.clone(), self.model.search_kind);
        self.model.dispatch(LibraryAction::SearchMoreStarted);
        self.fetch_search(query, kind, offset);
    }

    fn fetch_search(&self, query: String, kind: Option<SearchType>, offset: u32) {
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let one;
            let types = match kind {
                Some(kind) => {
                    one = [kind];
                    &one[..]
                }
                None => SEARCH_TYPES,
            };
            let call = requests::search(&query, types, MAX_SEARCH_LIMIT, offset);
            match api.call(&call).fetch::<SearchResponse>().await {
                Ok(page) => model.dispatch(LibraryAction::SearchPage {
                    query,
                    kind,
                    page: page.unwrap_or_default(),
                }),
                Err(error) => model.dispatch(LibraryAction::SearchFailed {
                    query,
                    kind,
                    message: error.in_plain_words(),
                }),
            }
        });
    }

    /// The listener's playlists, first page ("Try again" too).
    pub fn reload_playlists(&self) {
        let (model, api) = (self.model.clone(), self.api.clone());
        model.dispatch(LibraryAction::Playlists(Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            match fetch_playlists(&api, 0).await {
                Ok((playlists, next)) => {
                    model.dispatch(LibraryAction::Playlists(Remote::Loaded(playlists)));
                    model.dispatch(LibraryAction::PlaylistsNext(next));
                }
                Err(message) => model.dispatch(LibraryAction::Playlists(Remote::Failed(message))),
            }
        });
    }

    /// The next page of the listener's playlists.
    pub fn more_playlists(&self) {
        let (Some(offset), false) = (self.model.playlists_next, self.model.playlists_loading_more)
        else {
            return;
        };
        self.model.dispatch(LibraryAction::MorePlaylistsStarted);
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let page = fetch_playlists(&api, offset).await;
            model.dispatch(LibraryAction::MorePlaylists { page });
        });
    }

    /// Creates a playlist (`POST me/playlists`, 201) and lists it first.
    pub fn create_playlist(&self, name: String, public: bool) {
        let name = name.trim().to_owned();
        if name.is_empty() || self.model.creating_playlist {
            return;
        }
        self.model.dispatch(LibraryAction::CreatePlaylistStarted);
        let call = requests::create_playlist(&NewPlaylist {
            name,
            public,
            description: String::new(),
        });
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let created = match api.call(&call).fetch::<Playlist>().await {
                Ok(Some(playlist)) => Ok(playlist),
                Ok(None) => Err(text::CREATED_NOTHING.to_owned()),
                Err(ApiError::Decode(_)) => Err(text::CREATED_UNREADABLE.to_owned()),
                Err(error) => Err(error.in_plain_words()),
            };
            model.dispatch(LibraryAction::PlaylistCreated(created));
        });
    }

    pub fn refresh_queue(&self) {
        let (model, api) = (self.model.clone(), self.api.clone());
        model.dispatch(LibraryAction::Queue(Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            let queue = api.call(&requests::queue()).fetch::<Queue>().await;
            model.dispatch(LibraryAction::Queue(Remote::from_result(queue.map(
                |queue| {
                    queue.unwrap_or(Queue {
                        currently_playing: None,
                        queue: Vec::new(),
                    })
                },
            ))));
        });
    }

    /// The Liked Songs entry (`GET /me/tracks`), listed and opened like a playlist.
    pub fn liked_songs(&self) -> Playlist {
        let id = self.listener_id.clone();
        Playlist {
            id: LIKED_SONGS_ID.to_owned(),
            name: text::LIKED_SONGS.to_owned(),
            uri: format!("spotify:user:{id}:collection"),
            description: None,
            public: Some(false),
            collaborative: false,
            owner: PlaylistOwner {
                id,
                display_name: None,
            },
            images: Vec::new(),
            snapshot_id: None,
            items: None,
            external_urls: Default::default(),
        }
    }

    pub fn open_playlist(&self, playlist: Playlist) {
        let id = playlist.id.clone();
        self.model.dispatch(LibraryAction::Opened(playlist));
        self.fetch_tracks(id, 0);
    }

    /// The next page of the opened playlist's tracks.
    pub fn more_tracks(&self) {
        let Some(open) = &self.model.open else {
            return;
        };
        let (Some(offset), false) = (open.next_offset, open.loading_more) else {
            return;
        };
        let id = open.playlist.id.clone();
        self.model.dispatch(LibraryAction::MoreTracksStarted);
        self.fetch_tracks(id, offset);
    }

    fn fetch_tracks(&self, id: String, offset: u32) {
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if id == LIKED_SONGS_ID {
                let call = requests::liked_tracks(PAGE, offset);
                let page = match api.call(&call).fetch::<Paging<SavedTrack>>().await {
                    Ok(Some(page)) => {
                        let next_offset = page.next_offset();
                        Ok((
                            page.items.into_iter().map(|s| s.track).collect(),
                            next_offset,
                        ))
                    }
                    Ok(None) => Ok((Vec::new(), None)),
                    Err(error) => Err(error.in_plain_words()),
                };
                return model.dispatch(LibraryAction::OpenTracks { id, offset, page });
            }
            let call = requests::playlist_items(&id, PAGE, offset);
            let page = match api.call(&call).fetch::<Paging<PlaylistItem>>().await {
                Ok(Some(page)) => {
                    let next_offset = page.next_offset();
                    let tracks = page
                        .items
                        .into_iter()
                        // Episodes and local files cannot be played from here.
                        .filter_map(|item| item.item?.as_track().cloned())
                        .collect();
                    Ok((tracks, next_offset))
                }
                Ok(None) => Ok((Vec::new(), None)),
                Err(error) => Err(error.in_plain_words()),
            };
            model.dispatch(LibraryAction::OpenTracks { id, offset, page });
        });
    }

    pub fn close_playlist(&self) {
        self.model.dispatch(LibraryAction::Closed);
    }
}
