//! The album and artist pages' state and effects (`GET /albums/{id}`, `/albums/{id}/tracks`,
//! `/artists/{id}`, `/artists/{id}/albums`), the names of the contexts the player plays from,
//! and playing an album or artist here (Play, Shuffle, from a track). [`CatalogProvider`] keeps
//! what was read above the pages; [`use_catalog`] reads it.

use chorus_core::spotify::{
    requests::{self, PlayBody, PlayOffset, MAX_PAGE_LIMIT},
    Album, AlbumWithTracks, Artist, Paging, Playlist, Track,
};
use yew::prelude::*;

use super::model::{AlbumPage, ArtistPage, CatalogAction, CatalogModel};
use crate::{
    player::{use_player, UsePlayerHandle},
    services::{
        browser::random_bytes,
        web_api::{Remote, WebApi},
    },
    session::{use_auth, use_listener},
};

#[derive(Clone, PartialEq)]
pub struct UseCatalogHandle {
    model: UseReducerHandle<CatalogModel>,
    api: WebApi,
    player: UsePlayerHandle,
}

impl std::fmt::Debug for UseCatalogHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseCatalogHandle").finish_non_exhaustive()
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct CatalogProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn CatalogProvider(props: &CatalogProviderProps) -> Html {
    let (listener, player) = (use_listener(), use_player());
    let catalog = UseCatalogHandle {
        model: use_reducer(CatalogModel::default),
        api: WebApi::new(use_auth()),
        player,
    };
    {
        let model = catalog.model.clone();
        use_effect_with(listener.account_key().to_owned(), move |_| {
            model.dispatch(CatalogAction::Reset)
        });
    }
    html! {
        <ContextProvider<UseCatalogHandle> context={catalog}>
            { props.children.clone() }
        </ContextProvider<UseCatalogHandle>>
    }
}

/// Albums, artists and context names (inside [`CatalogProvider`]).
#[hook]
pub fn use_catalog() -> UseCatalogHandle {
    use_context::<UseCatalogHandle>().expect("use_catalog is called inside CatalogProvider")
}

impl UseCatalogHandle {
    pub fn model(&self) -> &CatalogModel {
        &self.model
    }

    pub fn player(&self) -> &UsePlayerHandle {
        &self.player
    }

    /// Reads the album `id` unless it is read or being read (`retry`: again after a failure).
    pub fn load_album(&self, id: &str, retry: bool) {
        match self.model.albums.get(id) {
            Some(Remote::Failed(_)) if retry => {}
            Some(_) => return,
            None => {}
        }
        let (model, api, id) = (self.model.clone(), self.api.clone(), id.to_owned());
        model.dispatch(CatalogAction::Album(id.clone(), Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            let read = api
                .call(&requests::album(&id))
                .fetch::<AlbumWithTracks>()
                .await;
            let page = read.map(|found| {
                found.map(|AlbumWithTracks { album, tracks }| AlbumPage {
                    next_offset: tracks.next_offset(),
                    tracks: tracks.items,
                    album,
                })
            });
            let page = match page {
                Ok(Some(page)) => Remote::Loaded(page),
                Ok(None) => Remote::Failed(super::text::NO_TRACKS.to_owned()),
                Err(error) => Remote::Failed(error.in_plain_words()),
            };
            model.dispatch(CatalogAction::Album(id, page));
        });
    }

    /// The album's next page of tracks.
    pub fn more_album_tracks(&self, id: &str) {
        let Some(Remote::Loaded(page)) = self.model.albums.get(id) else {
            return;
        };
        let Some(offset) = page.next_offset else {
            return;
        };
        let (model, api, id) = (self.model.clone(), self.api.clone(), id.to_owned());
        wasm_bindgen_futures::spawn_local(async move {
            let call = requests::album_tracks(&id, MAX_PAGE_LIMIT, offset);
            if let Ok(Some(page)) = api.call(&call).fetch::<Paging<Track>>().await {
                model.dispatch(CatalogAction::MoreAlbumTracks {
                    next_offset: page.next_offset(),
                    tracks: page.items,
                    id,
                });
            }
        });
    }

    /// Reads the artist `id` and their albums and singles.
    pub fn load_artist(&self, id: &str, retry: bool) {
        match self.model.artists.get(id) {
            Some(Remote::Failed(_)) if retry => {}
            Some(_) => return,
            None => {}
        }
        let (model, api, id) = (self.model.clone(), self.api.clone(), id.to_owned());
        model.dispatch(CatalogAction::Artist(id.clone(), Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            let artist_call = requests::artist(&id);
            let albums_call = requests::artist_albums(&id, MAX_PAGE_LIMIT, 0);
            let (artist, albums) = futures::join!(
                api.call(&artist_call).fetch::<Artist>(),
                api.call(&albums_call).fetch::<Paging<Album>>(),
            );
            let page = match (artist, albums) {
                (Ok(Some(artist)), Ok(albums)) => Remote::Loaded(ArtistPage {
                    artist,
                    albums: albums.map(|page| page.items).unwrap_or_default(),
                }),
                (Ok(None), _) => Remote::Failed(super::text::NO_ALBUMS.to_owned()),
                (Err(error), _) | (_, Err(error)) => Remote::Failed(error.in_plain_words()),
            };
            model.dispatch(CatalogAction::Artist(id, page));
        });
    }

    /// The name of the context `uri` (a playlist, album or artist), once read; asks for it
    /// the first time.
    pub fn context_name(&self, uri: &str) -> Option<String> {
        match self.model.names.get(uri) {
            Some(Remote::Loaded(name)) => Some(name.clone()),
            Some(_) => None,
            None => {
                self.read_name(uri);
                None
            }
        }
    }

    fn read_name(&self, uri: &str) {
        let mut parts = uri.split(':');
        let (Some("spotify"), Some(kind), Some(id)) = (parts.next(), parts.next(), parts.next())
        else {
            return;
        };
        let call = match kind {
            "playlist" => requests::playlist(id),
            "album" => requests::album(id),
            "artist" => requests::artist(id),
            _ => return,
        };
        let (model, api, uri, kind) = (
            self.model.clone(),
            self.api.clone(),
            uri.to_owned(),
            kind.to_owned(),
        );
        model.dispatch(CatalogAction::Name(uri.clone(), Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            let name = match kind.as_str() {
                "playlist" => api
                    .call(&call)
                    .fetch::<Playlist>()
                    .await
                    .map(|p| p.map(|p| p.name)),
                "album" => api
                    .call(&call)
                    .fetch::<Album>()
                    .await
                    .map(|a| a.map(|a| a.name)),
                _ => api
                    .call(&call)
                    .fetch::<Artist>()
                    .await
                    .map(|a| a.map(|a| a.name)),
            };
            let name = match name {
                Ok(Some(name)) => Remote::Loaded(name),
                Ok(None) => Remote::Failed(String::new()),
                Err(error) => Remote::Failed(error.in_plain_words()),
            };
            model.dispatch(CatalogAction::Name(uri, name));
        });
    }

    /// Plays the context `uri` (an album or artist, named `name`) here: from its start, from
    /// `track` of it, or shuffled (from a random track, then shuffle on).
    pub fn play_context(&self, uri: &str, name: &str, from: PlayFrom) {
        let mut body = PlayBody::context(uri);
        body.offset = match &from {
            PlayFrom::Start => None,
            PlayFrom::Track(track) => Some(PlayOffset::Uri { uri: track.clone() }),
            PlayFrom::Shuffled { tracks } => Some(PlayOffset::Position {
                position: random_below(*tracks),
            }),
        };
        let then: Option<Box<dyn FnOnce()>> = match from {
            PlayFrom::Shuffled { .. } => {
                let player = self.player.clone();
                Some(Box::new(move || player.set_shuffle(true)))
            }
            _ => None,
        };
        self.player.play(body, format!("“{name}”"), then);
    }
}

/// Where a Play starts.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayFrom {
    Start,
    /// This track of the context.
    Track(String),
    /// A random one of the context's `tracks`, then shuffle on.
    Shuffled {
        tracks: u32,
    },
}

/// A random number below `n` from the browser's RNG (0 when it gives none).
pub fn random_below(n: u32) -> u32 {
    let bytes = random_bytes(4).unwrap_or_default();
    let value = bytes
        .iter()
        .fold(0u32, |acc, byte| acc.wrapping_shl(8) | u32::from(*byte));
    value.checked_rem(n).unwrap_or(0)
}
