//! The listener's own library as the command bar reads it (playlists, recently played, top
//! tracks), read once when the bar opens and again when it is a minute old or failed; every
//! submission in between shares the read in flight.

use std::rc::Rc;

use chorus_core::spotify::{
    requests::{self, TimeRange},
    CursorPaging, Paging, PlayHistory, Playlist, Track,
};
use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::model::OwnLibrary;
use crate::services::{browser::now_ms, web_api::WebApi};

/// Playlists are read in pages of 50, at most this many pages (200 playlists).
const PLAYLIST_PAGES: u32 = 4;
/// A library read this long ago is read again when the bar opens (a playlist made since).
const LIBRARY_FRESH_MS: u64 = 60_000;

pub type LibraryLoad = Shared<LocalBoxFuture<'static, Result<Rc<OwnLibrary>, String>>>;

/// The library being read or read, and when it was asked for.
#[derive(Default)]
pub struct LibrarySlot {
    load: Option<(u64, LibraryLoad)>,
}

impl LibrarySlot {
    /// The library being read, or a fresh read when there is none, it failed or it is old.
    pub fn get(&mut self, api: &WebApi) -> LibraryLoad {
        let now = now_ms();
        if let Some((at, load)) = &self.load {
            let failed = matches!(load.peek(), Some(Err(_)));
            if !failed && now.saturating_sub(*at) < LIBRARY_FRESH_MS {
                return load.clone();
            }
        }
        let api = api.clone();
        let load = async move { read_library(&api).await.map(Rc::new) }
            .boxed_local()
            .shared();
        self.load = Some((now, load.clone()));
        load
    }

    /// Another listener: nothing read is theirs.
    pub fn forget(&mut self) {
        self.load = None;
    }
}

/// The listener's playlists (up to [`PLAYLIST_PAGES`] pages), recently played and top
/// tracks. Only the playlists are needed: the other two lists may fail and stay empty.
async fn read_library(api: &WebApi) -> Result<OwnLibrary, String> {
    let recent_call = requests::recently_played(50, None);
    let top_call = requests::top_tracks(TimeRange::ShortTerm, 50, 0);
    let (playlists, recent, top) = futures::join!(
        read_playlists(api),
        api.call(&recent_call).fetch::<CursorPaging<PlayHistory>>(),
        api.call(&top_call).fetch::<Paging<Track>>(),
    );
    Ok(OwnLibrary {
        playlists: playlists?,
        recently_played: recent
            .ok()
            .flatten()
            .map(|page| page.items.into_iter().map(|item| item.track).collect())
            .unwrap_or_default(),
        top_tracks: top
            .ok()
            .flatten()
            .map(|page| page.items)
            .unwrap_or_default(),
    })
}

async fn read_playlists(api: &WebApi) -> Result<Vec<Playlist>, String> {
    let mut playlists = Vec::new();
    let mut offset = 0;
    for _ in 0..PLAYLIST_PAGES {
        let call = requests::my_playlists(50, offset);
        match api.call(&call).fetch::<Paging<Playlist>>().await {
            Ok(Some(page)) => {
                let next = page.next_offset();
                playlists.extend(page.items);
                match next {
                    Some(next) => offset = next,
                    None => break,
                }
            }
            Ok(None) => break,
            Err(error) => return Err(error.in_plain_words()),
        }
    }
    Ok(playlists)
}
