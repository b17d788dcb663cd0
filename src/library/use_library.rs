//! `use_library`: the Library page's effects. Search (pages of 10 with "More"), the listener's
//! playlists and one opened playlist's tracks, the queue; playing (`PUT me/player/play` on
//! this tab's device) and queueing (`POST me/player/queue`). Everything lands in the
//! `LibraryModel` reducer.

use chorus_core::spotify::{
    requests::{self, ApiCall, PlayBody, PlayOffset, SearchType, MAX_SEARCH_LIMIT},
    NewPlaylist, Paging, Playlist, PlaylistItem, Queue, SearchResponse,
};
use yew::prelude::*;

use crate::{
    library::model::{LibraryAction, LibraryModel, Remote},
    services::{
        auth::Auth,
        playback::{self, Registration},
        web_api::WebApi,
    },
};

const SEARCH_TYPES: &[SearchType] = &[
    SearchType::Track,
    SearchType::Album,
    SearchType::Artist,
    SearchType::Playlist,
];
/// Playlists and playlist items: one page of 50 is what the page shows.
const PAGE: u8 = 50;

#[derive(Clone)]
pub struct UseLibraryHandle {
    model: UseReducerHandle<LibraryModel>,
    api: WebApi,
    device_id: Option<String>,
    playing_uri: Option<String>,
}

impl PartialEq for UseLibraryHandle {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model
            && self.device_id == other.device_id
            && self.playing_uri == other.playing_uri
    }
}

impl std::fmt::Debug for UseLibraryHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseLibraryHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

/// Lives in the signed-in view (above the pages), so search results and the opened playlist
/// survive a visit to the Player. `listener`: whose library (a change forgets everything);
/// `device_id`: this tab's Web Playback device once ready (plays go there); `playing_uri`:
/// what plays now (the queue is asked again when it changes); `shown`: whether the Library
/// page is on screen (nothing is fetched before it is first shown).
#[hook]
pub fn use_library(
    auth: Auth,
    listener: Option<String>,
    device_id: Option<String>,
    playing_uri: Option<String>,
    shown: bool,
) -> UseLibraryHandle {
    let model = use_reducer(LibraryModel::default);
    let api = WebApi::new(auth);
    {
        let model = model.clone();
        use_effect_with(listener.clone(), move |_| {
            model.dispatch(LibraryAction::Reset)
        });
    }
    let active = shown && listener.is_some();
    {
        let (model, api) = (model.clone(), api.clone());
        use_effect_with((listener, active), move |(_, active)| {
            if *active && model.playlists == Remote::Idle {
                load_playlists(model, api);
            }
        });
    }
    {
        let (model, api) = (model.clone(), api.clone());
        use_effect_with((playing_uri.clone(), active), move |(_, active)| {
            if *active {
                load_queue(model, api);
            }
        });
    }
    UseLibraryHandle {
        model,
        api,
        device_id,
        playing_uri,
    }
}

fn load_playlists(model: UseReducerHandle<LibraryModel>, api: WebApi) {
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

/// One page of the listener's playlists and the next page's offset.
async fn fetch_playlists(
    api: &WebApi,
    offset: u32,
) -> Result<(Vec<Playlist>, Option<u32>), String> {
    let call = requests::my_playlists(PAGE, offset);
    match playback::fetch::<Paging<Playlist>>(api, &call, |_| ()).await {
        Ok(Some(page)) => {
            let next = page.next_offset();
            Ok((page.items, next))
        }
        Ok(None) => Ok((Vec::new(), None)),
        Err(error) => Err(error.in_plain_words()),
    }
}

fn load_queue(model: UseReducerHandle<LibraryModel>, api: WebApi) {
    model.dispatch(LibraryAction::Queue(Remote::Loading));
    wasm_bindgen_futures::spawn_local(async move {
        let result = playback::fetch::<Queue>(&api, &requests::queue(), |_| ()).await;
        model.dispatch(LibraryAction::Queue(match result {
            Ok(queue) => Remote::Loaded(queue.unwrap_or(Queue {
                currently_playing: None,
                queue: Vec::new(),
            })),
            Err(error) => Remote::Failed(error.in_plain_words()),
        }));
    });
}

impl UseLibraryHandle {
    pub fn model(&self) -> &LibraryModel {
        &self.model
    }

    /// What plays now, wherever it plays.
    pub fn playing_uri(&self) -> Option<AttrValue> {
        self.playing_uri.clone().map(AttrValue::from)
    }

    /// Whether this tab's device is ready to be played on.
    pub fn can_play(&self) -> bool {
        self.device_id.is_some()
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
        let Remote::Loaded(results) = &self.model.search else {
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
            match playback::fetch::<SearchResponse>(&api, &call, |_| ()).await {
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

    pub fn reload_playlists(&self) {
        load_playlists(self.model.clone(), self.api.clone());
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
            let created = match playback::send(&api, &call, Registration::Settled, drop).await {
                Ok(Some(body)) => serde_json::from_str::<Playlist>(&body).map_err(|_| {
                    "Spotify created the playlist but its answer could not be read. Reload to see it."
                        .to_owned()
                }),
                Ok(None) => Err("Spotify sent no playlist back. Reload to see it.".to_owned()),
                Err(error) => Err(error.in_plain_words()),
            };
            model.dispatch(LibraryAction::PlaylistCreated(created));
        });
    }

    pub fn refresh_queue(&self) {
        load_queue(self.model.clone(), self.api.clone());
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
            let call = requests::playlist_items(&id, PAGE, offset);
            let result = playback::fetch::<Paging<PlaylistItem>>(&api, &call, |_| ()).await;
            let page = match result {
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

    /// Plays one track (or album, artist, playlist: anything with a `spotify:` URI) here.
    pub fn play_uri(&self, uri: &str) {
        let body = if uri.starts_with("spotify:track:") || uri.starts_with("spotify:episode:") {
            PlayBody::tracks(vec![uri.to_owned()])
        } else {
            PlayBody::context(uri)
        };
        self.play(body);
    }

    /// Plays `context_uri` from its track `track_uri` here.
    pub fn play_in_context(&self, context_uri: &str, track_uri: &str) {
        let mut body = PlayBody::context(context_uri);
        body.offset = Some(PlayOffset::Uri {
            uri: track_uri.to_owned(),
        });
        self.play(body);
    }

    fn play(&self, body: PlayBody) {
        let Some(device_id) = self.device_id.clone() else {
            return self
                .notice("This tab's player is still connecting; try again in a moment.".into());
        };
        let call = requests::play(Some(&device_id), &body);
        self.command(call, Registration::MayLag, None);
    }

    pub fn add_to_queue(&self, uri: &str, name: &str) {
        let call = requests::add_to_queue(uri, self.device_id.as_deref());
        self.command(
            call,
            Registration::Settled,
            Some(format!("Added “{name}” to the queue.")),
        );
    }

    pub fn dismiss_notice(&self) {
        self.notice_opt(None);
    }

    fn notice(&self, text: String) {
        self.notice_opt(Some(text));
    }

    fn notice_opt(&self, text: Option<String>) {
        self.model.dispatch(LibraryAction::Notice(text));
    }

    /// Sends a command; then the queue is asked again (playing and queueing both change it).
    fn command(&self, call: ApiCall, registration: Registration, done: Option<String>) {
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let waiting = {
                let model = model.clone();
                move |text: String| model.dispatch(LibraryAction::Notice(Some(text)))
            };
            match playback::send(&api, &call, registration, waiting).await {
                Ok(_) => {
                    model.dispatch(LibraryAction::Notice(done));
                    load_queue(model, api);
                }
                Err(error) => model.dispatch(LibraryAction::Notice(Some(error.in_plain_words()))),
            }
        });
    }
}
