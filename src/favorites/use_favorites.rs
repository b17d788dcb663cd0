//! `use_favorites`: this tab's part of the listener's favorites tracker. It counts the plays
//! of this tab's own player (chorus-core's `PlayCounter`, on the player's listening clock)
//! and applies each completed play to the account's stored tracker through
//! `FavoritesStore` (one transaction under the account's Web Lock, so another tab of the
//! account never counts it twice). It reads what other tabs wrote every few seconds; the
//! account's elected keeper tab (a held Web Lock) also retries failed playlist adds.

use std::{
    cell::{Cell, RefCell},
    collections::BTreeMap,
    rc::Rc,
};

use chorus_core::{
    favorites::{
        Effect, FavoriteSettings, FavoritesTracker, ListeningClock, PlayCounter, PlayObservation,
        PlaylistStatus, SettingsError, SortBy, TrackDetails,
    },
    player::{Location, PlayerState},
};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::{
    favorites::{
        model::{FavoritesAction, FavoritesModel, FavoritesNotice},
        store::{FavoritesStore, Snapshot},
    },
    player::model::PlayerModel,
    services::{auth::Auth, browser::now_ms, idb::Database, locks::HeldLock, web_api::WebApi},
    session::model::Listener,
};

/// How often the playing tab observes its player between events.
const OBSERVE_EVERY_MS: u32 = 1_000;
/// How often the stored favorites are read again (other tabs) and failed adds retried.
const REFRESH_EVERY_MS: u32 = 10_000;

type StoreSlot = Rc<RefCell<Option<FavoritesStore>>>;
/// Held while this tab is the account's elected keeper (it retries failed adds).
type KeeperSlot = Rc<RefCell<Option<HeldLock>>>;

#[derive(Clone)]
pub struct UseFavoritesHandle {
    model: UseReducerHandle<FavoritesModel>,
    store: StoreSlot,
    keeper: KeeperSlot,
}

impl PartialEq for UseFavoritesHandle {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model && Rc::ptr_eq(&self.store, &other.store)
    }
}

impl std::fmt::Debug for UseFavoritesHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseFavoritesHandle")
            .field("phase", &self.model.phase)
            .finish_non_exhaustive()
    }
}

/// What the counter needs from the player, kept current for the interval.
#[derive(Default)]
struct Watch {
    core: PlayerState,
    clock: ListeningClock,
    counter: PlayCounter,
    last: Option<PlayObservation>,
    /// Details of the tracks seen lately: a play completes when the next track shows.
    seen: BTreeMap<String, TrackDetails>,
}

#[hook]
pub fn use_favorites(
    auth: Auth,
    listener: Option<Rc<Listener>>,
    player: &PlayerModel,
) -> UseFavoritesHandle {
    let model = use_reducer(FavoritesModel::default);
    let store: StoreSlot = use_mut_ref(|| None);
    let keeper: KeeperSlot = use_mut_ref(|| None);
    let watch: Rc<RefCell<Watch>> = use_mut_ref(Watch::default);
    let handle = UseFavoritesHandle {
        model: model.clone(),
        store: store.clone(),
        keeper: keeper.clone(),
    };

    {
        let who = listener
            .as_ref()
            .map(|l| (l.user.storage_key().to_owned(), l.user.id.clone()));
        let (handle, watch) = (handle.clone(), watch.clone());
        use_effect_with(who, move |who| {
            handle.model.dispatch(FavoritesAction::Reset(
                who.as_ref().map(|(key, _)| key.clone()),
            ));
            *handle.store.borrow_mut() = None;
            *handle.keeper.borrow_mut() = None;
            *watch.borrow_mut() = Watch::default();
            let alive = Rc::new(Cell::new(true));
            let interval = who.clone().map(|(key, user_id)| {
                let (opening, alive) = (handle.clone(), alive.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match Database::open().await {
                        Ok(db) if alive.get() => {
                            let store = FavoritesStore::new(db, WebApi::new(auth), key, user_id);
                            *opening.store.borrow_mut() = Some(store.clone());
                            opening.refresh(false);
                            // Queues behind the keeper of another tab of the account, if any.
                            if let Ok(held) = store.elect_keeper().await {
                                if alive.get() {
                                    *opening.keeper.borrow_mut() = Some(held);
                                    opening.refresh(true);
                                }
                            }
                        }
                        Ok(_) => {}
                        Err(error) => opening.model.dispatch(FavoritesAction::Failed(format!(
                            "Your favorites could not be opened in this browser ({error})."
                        ))),
                    }
                });
                let handle = handle.clone();
                Interval::new(REFRESH_EVERY_MS, move || handle.refresh(false))
            });
            let keeper = handle.keeper.clone();
            move || {
                alive.set(false);
                // Hands the keeper's job to the account's next tab.
                drop(keeper.borrow_mut().take());
                drop(interval)
            }
        });
    }

    {
        // Every change of the player is an observation; so is each second of playing here.
        let mut current = watch.borrow_mut();
        current.core = player.core.clone();
        current.clock = player.listening_clock;
    }
    {
        let (handle, watch) = (handle.clone(), watch.clone());
        use_effect_with(player.core.clone(), move |_| handle.observe(&watch));
    }
    {
        let playing_here = player.core.location == Location::ThisTab && player.core.is_playing;
        let (handle, watch) = (handle.clone(), watch.clone());
        use_effect_with(playing_here, move |playing_here| {
            let interval = playing_here
                .then(|| Interval::new(OBSERVE_EVERY_MS, move || handle.observe(&watch)));
            move || drop(interval)
        });
    }
    handle
}

impl UseFavoritesHandle {
    pub fn model(&self) -> &FavoritesModel {
        &self.model
    }

    fn observe(&self, watch: &Rc<RefCell<Watch>>) {
        let settings = self.model.tracker.settings().clone();
        let completed = {
            let mut guard = watch.borrow_mut();
            let watch = &mut *guard;
            let local = now_ms();
            let at_ms = watch.clock.now(local);
            let observation = match PlayObservation::from_player(&watch.core, local) {
                // Listening time runs on the player's clock (see `ListeningClock`).
                Some(observation) => PlayObservation {
                    at_ms,
                    ..observation
                },
                // No track (an episode, or nothing): the last track stopped being listened to
                // here, so the time until the next track is never credited to it.
                None => match &watch.last {
                    Some(last) if last.playing => PlayObservation {
                        playing: false,
                        at_ms,
                        ..last.clone()
                    },
                    _ => return,
                },
            };
            watch.last = Some(observation.clone());
            if let Some(now) = &watch.core.now_playing {
                if watch.seen.len() > 16 {
                    watch.seen.clear();
                }
                watch.seen.insert(
                    now.uri.clone(),
                    TrackDetails {
                        name: Some(now.name.clone()),
                        artists: Some(now.artists.clone()),
                    },
                );
            }
            let play = watch
                .counter
                .observe(observation, |d| settings.required_listen_ms(d));
            play.map(|mut play| {
                // Counted on the player's clock, but "last played" is this machine's time.
                play.at_ms = local;
                let details = watch.seen.get(&play.track_uri).cloned().unwrap_or_default();
                (play, details)
            })
        };
        if let Some((play, details)) = completed {
            self.change(
                move |tracker| {
                    tracker.note_details(&play.track_uri, details);
                    tracker.record_play(&play)
                },
                None,
            );
        }
    }

    /// Reads the stored favorites again. The keeper also retries failed adds (at once with
    /// `retry`, which also checks the playlist for adds a closed tab left unconfirmed).
    fn refresh(&self, retry: bool) {
        let Some(store) = self.store.borrow().clone() else {
            return;
        };
        let keeper = self.keeper.borrow().is_some();
        let has_failed = keeper
            && self
                .model
                .tracker
                .records()
                .values()
                .any(|r| r.status == PlaylistStatus::Failed);
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = if (keeper && retry) || has_failed {
                store.retry_failed().await
            } else {
                store.read().await
            };
            apply(&model, store.account(), result, None);
        });
    }

    /// One change to the stored tracker; `done` is the notice shown when it went through.
    fn change(
        &self,
        change: impl FnOnce(&mut FavoritesTracker) -> Vec<Effect> + 'static,
        done: Option<String>,
    ) {
        let Some(store) = self.store.borrow().clone() else {
            return self
                .model
                .dispatch(FavoritesAction::Notice(Some(FavoritesNotice {
                    text: "Your favorites are still loading; try again in a moment.".into(),
                    error: true,
                })));
        };
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = store.change(change).await;
            apply(&model, store.account(), result, done);
        });
    }

    /// "Force add": into the favorites playlist now, whatever the count.
    pub fn force_add(&self, track_uri: &str) {
        let uri = track_uri.to_owned();
        let name = self.model.tracker.settings().playlist_name.clone();
        self.change(
            move |tracker| tracker.force_add(&uri),
            Some(format!("Added to “{name}”.")),
        );
    }

    pub fn save_settings(&self, settings: FavoriteSettings) -> Result<(), SettingsError> {
        settings.validate()?;
        self.change(
            move |tracker| tracker.set_settings(settings),
            Some("Settings saved.".into()),
        );
        Ok(())
    }

    /// Replaces this listener's favorites with an exported file's.
    pub fn import(&self, text: &str) {
        match FavoritesTracker::import_json(text) {
            Ok(imported) => self.change(
                move |tracker| {
                    *tracker = imported;
                    let settings = tracker.settings().clone();
                    tracker.set_settings(settings)
                },
                Some("Favorites imported.".into()),
            ),
            Err(error) => self.notice(&error.to_string(), true),
        }
    }

    pub fn export_json(&self) -> String {
        self.model.tracker.export_json()
    }

    pub fn sort_by(&self, sort: SortBy) {
        self.model.dispatch(FavoritesAction::Sort(sort));
    }

    /// "Try again" after a failed load: read again (and retry adds, if this tab is keeper).
    pub fn retry(&self) {
        self.refresh(true);
    }

    pub fn notice(&self, text: &str, error: bool) {
        self.model
            .dispatch(FavoritesAction::Notice(Some(FavoritesNotice {
                text: text.to_owned(),
                error,
            })));
    }

    pub fn dismiss_notice(&self) {
        self.model.dispatch(FavoritesAction::Notice(None));
    }
}

fn apply(
    model: &UseReducerHandle<FavoritesModel>,
    account: &str,
    result: Result<Snapshot, crate::favorites::store::FavoritesError>,
    done: Option<String>,
) {
    if model.account.as_deref() != Some(account) {
        return; // an answer for the listener before this one
    }
    match result {
        Ok(snapshot) => {
            model.dispatch(FavoritesAction::Stored {
                key: account.to_owned(),
                tracker: Box::new(snapshot.tracker),
                playlist_id: snapshot.playlist_id,
            });
            let notice = match (snapshot.add_error, done) {
                (Some(error), _) => Some(FavoritesNotice {
                    text: format!("{error}. Chorus will try again shortly."),
                    error: true,
                }),
                (None, Some(text)) => Some(FavoritesNotice { text, error: false }),
                (None, None) => None,
            };
            if notice.is_some() {
                model.dispatch(FavoritesAction::Notice(notice));
            }
        }
        Err(error) => model.dispatch(FavoritesAction::Failed(error.to_string())),
    }
}
