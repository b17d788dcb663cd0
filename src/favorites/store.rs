//! One account's favorites, stored and changed: the tracker lives in IndexedDB under the
//! account's storage key, and every change — from any tab of the account — is one
//! transaction under the Web Lock `chorus.favorites.<key>`: read, apply, write, then perform
//! the playlist adds it asked for and write their outcome. The lock elects the one tab that
//! is the account's tracker for that change, so two tabs never count or add one play twice.
//!
//! Housekeeping (retrying failed adds) is the job of one elected tab per account, the keeper
//! (`elect_keeper`, a held Web Lock); the others only read.
//!
//! Nothing is lost: an add is written as `Pending` before it is sent, so a tab closed
//! mid-call leaves a `Pending` the next transaction reads as failed (nobody else can be
//! sending it: the lock was held throughout), and failed adds are retried after checking the
//! playlist, so a call that went through but looked failed is not added twice.
//!
//! Nothing is written after "Forget me": a store belongs to one signed-in view, and a change
//! that gets the lock after that view is gone (a history page fetched before the sign-out,
//! answered after the erase) writes nothing. The erase waits for every tab of the account
//! to let go of its listening lock, which each lets go only as its signed-in view goes.

use chorus_core::{
    favorites::{
        Effect, FavoritesTracker, HistoryPage, ImportError, PlaylistStatus, HISTORY_PAGE_LIMIT,
    },
    spotify::{requests, CursorPaging, NewPlaylist, Paging, PlayHistory, Playlist, PlaylistItem},
};
use serde::{Deserialize, Serialize};
use std::{cell::Cell, rc::Rc};

use super::text;
use crate::services::{
    browser::{sleep_ms, BrowserError},
    idb::Database,
    locks,
    web_api::{ApiError, WebApi},
};

/// Pages read when looking for the playlist or its items (50 each).
const MAX_PAGES: u32 = 20;
const PAGE: u8 = 50;
/// How long one playlist add may take (the playlist lookup or creation included).
const ADD_TIMEOUT_MS: u64 = 30_000;

/// Why the favorites could not be read or changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FavoritesError {
    #[error("Your favorites could not be read or saved in this browser ({0})")]
    Storage(#[from] BrowserError),
    #[error("The stored favorites are damaged: {0}")]
    Damaged(#[from] ImportError),
    #[error("Spotify did not take the favorites playlist change: {0}")]
    Playlist(#[from] ApiError),
    #[error("Spotify did not answer the favorites playlist change in time")]
    TimedOut,
    #[error("Your listening history could not be read: {0}")]
    History(ApiError),
    #[error("This tab signed out before the favorites change was saved")]
    SignedOut,
}

/// The favorites playlist Chorus made (or found) for this account, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredPlaylist {
    id: String,
    name: String,
}

/// What [`FavoritesStore::erase`] deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErasedFavorites {
    /// Tracks with a play count.
    pub tracks: usize,
    /// The tracker was stored (its counts and the favorites settings).
    pub tracker: bool,
    /// The id of the favorites playlist was remembered (the playlist stays on Spotify).
    pub playlist_link: bool,
}

/// What a transaction leaves behind, for the screens.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub tracker: FavoritesTracker,
    pub playlist_id: Option<String>,
    /// The adds of this transaction that failed (they stay `Failed` and are retried).
    pub add_error: Option<FavoritesError>,
}

/// The favorites of one account: `key` is the account's storage key.
#[derive(Debug, Clone, PartialEq)]
pub struct FavoritesStore {
    db: Database,
    api: WebApi,
    key: String,
    user_id: String,
    /// True while the signed-in view this store serves is there; changes check it under the
    /// lock, so none lands after the view went (and "Forget me" may have erased).
    signed_in: Rc<Cell<bool>>,
}

impl FavoritesStore {
    pub fn new(
        db: Database,
        api: WebApi,
        key: String,
        user_id: String,
        signed_in: Rc<Cell<bool>>,
    ) -> Self {
        Self {
            db,
            api,
            key,
            user_id,
            signed_in,
        }
    }

    /// The account's storage key.
    pub fn account(&self) -> &str {
        &self.key
    }

    fn tracker_key(&self) -> String {
        format!("favorites/{}", self.key)
    }

    fn playlist_key(&self) -> String {
        format!("favorites-playlist/{}", self.key)
    }

    fn lock_name(&self) -> String {
        format!("chorus.favorites.{}", self.key)
    }

    /// Waits to become the account's keeper — the one tab that retries failed adds — and
    /// stays it until the returned lock drops (sign-out, tab closed); then the next tab of
    /// the account takes over.
    pub async fn elect_keeper(&self) -> Result<locks::HeldLock, FavoritesError> {
        Ok(locks::hold(&format!("chorus.favorites-keeper.{}", self.key)).await?)
    }

    /// What is stored now (another tab of the account may have written). Under the lock
    /// too: queued behind this tab's own changes, a read never lands after, and undoes on
    /// screen, a change that started later.
    pub async fn read(&self) -> Result<Snapshot, FavoritesError> {
        let store = self.clone();
        locks::with_exclusive(&self.lock_name(), async move {
            let tracker = store.load().await?;
            let playlist_id = store.load_playlist().await?.map(|p| p.id);
            Ok(Snapshot {
                tracker,
                playlist_id,
                add_error: None,
            })
        })
        .await?
    }

    /// One change under the account's lock; `change` returns the adds it asks for.
    pub async fn change(
        &self,
        change: impl FnOnce(&mut FavoritesTracker) -> Vec<Effect> + 'static,
    ) -> Result<Snapshot, FavoritesError> {
        let store = self.clone();
        locks::with_exclusive(&self.lock_name(), async move {
            store.change_locked(change).await
        })
        .await?
    }

    /// Counts the plays of the listening history since the account's cursor that no Chorus tab
    /// counted (docs/counting-plays.md). The page is fetched outside the lock (a page fetched
    /// with a cursor another tab moved meanwhile is applied safely, or ignored).
    pub async fn reconcile_history(&self) -> Result<Snapshot, FavoritesError> {
        let after_ms = self.read().await?.tracker.counting().next_after_ms();
        let call = match after_ms {
            Some(after) => requests::recently_played_after(HISTORY_PAGE_LIMIT, after),
            None => requests::recently_played(HISTORY_PAGE_LIMIT, None),
        };
        let wire = self
            .api
            .call(&call)
            .fetch::<CursorPaging<PlayHistory>>()
            .await
            .map_err(FavoritesError::History)?;
        let page = match wire {
            Some(wire) => HistoryPage::from_wire(after_ms, HISTORY_PAGE_LIMIT, &wire),
            None => HistoryPage {
                after_ms,
                limit: usize::from(HISTORY_PAGE_LIMIT),
                items: Vec::new(),
            },
        };
        self.change(move |tracker| tracker.reconcile_history(&page))
            .await
    }

    /// The keeper watched the account's playback from `from_ms` to `to_ms` (player clock).
    pub async fn note_watched(&self, from_ms: u64, to_ms: u64) -> Result<Snapshot, FavoritesError> {
        self.change(move |tracker| {
            tracker.note_watched(from_ms, to_ms);
            Vec::new()
        })
        .await
    }

    /// Retries failed adds, after marking those the playlist already holds.
    pub async fn retry_failed(&self) -> Result<Snapshot, FavoritesError> {
        let store = self.clone();
        locks::with_exclusive(&self.lock_name(), async move {
            let tracker = store.load().await?;
            let failed: Vec<String> = tracker
                .records()
                .iter()
                .filter(|(_, r)| r.status == PlaylistStatus::Failed)
                .map(|(uri, _)| uri.clone())
                .collect();
            let in_playlist = match (failed.is_empty(), store.load_playlist().await?) {
                (false, Some(playlist)) => store.playlist_uris(&playlist.id).await?,
                _ => Vec::new(),
            };
            store
                .change_locked(move |tracker| {
                    tracker.mark_in_playlist(
                        in_playlist
                            .iter()
                            .map(String::as_str)
                            .filter(|uri| failed.iter().any(|f| f == uri)),
                    );
                    tracker.retry_failed()
                })
                .await
        })
        .await?
    }

    /// "Forget me on this browser": deletes the account's tracker (counts and settings) and
    /// its playlist link, under the account's lock so no change lands half-way.
    pub async fn erase(&self) -> Result<ErasedFavorites, FavoritesError> {
        let store = self.clone();
        locks::with_exclusive(&self.lock_name(), async move {
            let stored = store.db.get(&store.tracker_key()).await?;
            let tracks = stored
                .as_deref()
                .and_then(|text| FavoritesTracker::import_json(text).ok())
                .map_or(0, |tracker| tracker.records().len());
            let playlist_link = store.db.get(&store.playlist_key()).await?.is_some();
            store.db.delete(&store.tracker_key()).await?;
            store.db.delete(&store.playlist_key()).await?;
            Ok(ErasedFavorites {
                tracks,
                tracker: stored.is_some(),
                playlist_link,
            })
        })
        .await?
    }

    async fn change_locked(
        &self,
        change: impl FnOnce(&mut FavoritesTracker) -> Vec<Effect>,
    ) -> Result<Snapshot, FavoritesError> {
        if !self.signed_in.get() {
            return Err(FavoritesError::SignedOut);
        }
        let mut tracker = self.load().await?;
        let effects = change(&mut tracker);
        // Written before any call: a tab closed mid-call leaves `Pending` to be retried.
        self.save(&tracker).await?;
        let uris: Vec<String> = effects
            .into_iter()
            .map(|Effect::AddToFavorites { track_uri }| track_uri)
            .collect();
        let mut add_error = None;
        if !uris.is_empty() {
            match self.add_to_playlist(&tracker, &uris).await {
                Ok(()) => uris.iter().for_each(|uri| tracker.add_succeeded(uri)),
                Err(error) => {
                    uris.iter().for_each(|uri| tracker.add_failed(uri));
                    add_error = Some(error);
                }
            }
            self.save(&tracker).await?;
        }
        let playlist_id = self.load_playlist().await?.map(|p| p.id);
        Ok(Snapshot {
            tracker,
            playlist_id,
            add_error,
        })
    }

    async fn load(&self) -> Result<FavoritesTracker, FavoritesError> {
        match self.db.get(&self.tracker_key()).await? {
            Some(text) => Ok(FavoritesTracker::import_json(&text)?),
            None => Ok(FavoritesTracker::default()),
        }
    }

    async fn save(&self, tracker: &FavoritesTracker) -> Result<(), FavoritesError> {
        Ok(self
            .db
            .put(&self.tracker_key(), &tracker.export_json())
            .await?)
    }

    async fn load_playlist(&self) -> Result<Option<StoredPlaylist>, FavoritesError> {
        Ok(self
            .db
            .get(&self.playlist_key())
            .await?
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    async fn add_to_playlist(
        &self,
        tracker: &FavoritesTracker,
        uris: &[String],
    ) -> Result<(), FavoritesError> {
        // Bounded: the account's lock is held meanwhile, and a call that never answers must
        // not stop every other change. A timed-out add is retried after the playlist check.
        let adding = async {
            let playlist_id = self.ensure_playlist(tracker).await?;
            let call = requests::add_playlist_items(&playlist_id, uris.to_vec());
            self.api.call(&call).send().await?;
            Ok(())
        };
        let timeout = sleep_ms(ADD_TIMEOUT_MS);
        futures::pin_mut!(adding, timeout);
        match futures::future::select(adding, timeout).await {
            futures::future::Either::Left((outcome, _)) => outcome,
            futures::future::Either::Right(_) => Err(FavoritesError::TimedOut),
        }
    }

    /// The playlist named in the settings: the one stored, else one of the listener's own
    /// with that name (made earlier, then forgotten), else a new one (`POST /me/playlists`).
    async fn ensure_playlist(&self, tracker: &FavoritesTracker) -> Result<String, FavoritesError> {
        let settings = tracker.settings();
        let name = settings.playlist_name.trim().to_owned();
        if let Some(stored) = self.load_playlist().await? {
            if stored.name == name {
                return Ok(stored.id);
            }
        }
        let id = match self.find_playlist(&name).await? {
            Some(id) => id,
            None => {
                let call = requests::create_playlist(&NewPlaylist {
                    name: name.clone(),
                    public: settings.playlist_public,
                    description: text::PLAYLIST_DESCRIPTION.into(),
                });
                self.api
                    .call(&call)
                    .fetch::<Playlist>()
                    .await?
                    .ok_or_else(|| {
                        ApiError::Decode("no playlist in the answer to POST me/playlists".into())
                    })?
                    .id
            }
        };
        let stored = StoredPlaylist {
            id: id.clone(),
            name,
        };
        let text = serde_json::to_string(&stored).unwrap_or_default();
        self.db.put(&self.playlist_key(), &text).await?;
        Ok(id)
    }

    async fn find_playlist(&self, name: &str) -> Result<Option<String>, FavoritesError> {
        for page in 0..MAX_PAGES {
            let call = requests::my_playlists(PAGE, page * u32::from(PAGE));
            let Some(playlists) = self.api.call(&call).fetch::<Paging<Playlist>>().await? else {
                return Ok(None);
            };
            if let Some(found) = playlists
                .items
                .iter()
                .find(|p| p.name == name && p.owner.id == self.user_id)
            {
                return Ok(Some(found.id.clone()));
            }
            if playlists.next.is_none() {
                break;
            }
        }
        Ok(None)
    }

    async fn playlist_uris(&self, playlist_id: &str) -> Result<Vec<String>, FavoritesError> {
        let mut uris = Vec::new();
        for page in 0..MAX_PAGES {
            let call = requests::playlist_items(playlist_id, PAGE, page * u32::from(PAGE));
            let Some(items) = self.api.call(&call).fetch::<Paging<PlaylistItem>>().await? else {
                break;
            };
            uris.extend(
                items
                    .items
                    .iter()
                    .filter_map(|entry| entry.item.as_ref()?.uri().map(str::to_owned)),
            );
            if items.next.is_none() {
                break;
            }
        }
        Ok(uris)
    }
}
