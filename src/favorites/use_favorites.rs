//! This tab's part of the listener's favorites tracker. [`FavoritesProvider`] opens the
//! account's store (`store.rs`: IndexedDB, one transaction under the account's Web Lock, so
//! another tab of the account never counts a play twice), counts this tab's plays
//! (`counting.rs`), reads what other tabs wrote every few seconds, and — when this tab is the
//! account's elected keeper (a held Web Lock) — retries failed playlist adds, counts the
//! plays of the account's other devices, reads the listening history once it starts watching
//! (plays made while no tab was open) and records how long it watched
//! (docs/counting-plays.md). [`use_favorites`] reads it.

use std::{cell::Cell, cell::RefCell, rc::Rc};

use chorus_core::favorites::{
    Effect, FavoriteSettings, FavoritesTracker, ListeningClock, PlaylistStatus, SettingsError,
    SortBy,
};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::{
    counting::use_play_counting,
    model::{FavoritesAction, FavoritesModel},
    store::{FavoritesError, FavoritesStore, Snapshot},
    text,
};
use crate::{
    services::{browser::now_ms, idb::Database, locks::HeldLock, web_api::WebApi},
    session::{use_auth, use_listener},
    ui::{notice::Notice, toasts::use_toast_outbox},
};

/// How often the stored favorites are read again (other tabs) and failed adds retried.
const REFRESH_EVERY_MS: u32 = 10_000;

type StoreSlot = Rc<RefCell<Option<FavoritesStore>>>;
/// Held while this tab is the account's elected keeper (it retries failed adds).
type KeeperSlot = Rc<RefCell<Option<HeldLock>>>;

/// The keeper's watch over the account's playback: since when (player clock) it has watched
/// without a break, and what the player says now.
#[derive(Debug, Default)]
struct KeeperWatch {
    from_ms: Option<u64>,
    /// A history reading is on its way.
    reconciling: bool,
    clock: ListeningClock,
    /// The player follows the account (its device is up, or it is a remote).
    observing: bool,
}

/// What a refresh does besides reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refresh {
    /// Read; the keeper also retries adds that failed.
    Read,
    /// The keeper retries at once and checks the playlist for adds a closed tab left
    /// unconfirmed ("Try again", taking over as keeper).
    RetryAdds,
}

#[derive(Clone)]
pub struct UseFavoritesHandle {
    model: UseReducerHandle<FavoritesModel>,
    store: StoreSlot,
    keeper: KeeperSlot,
    watch: Rc<RefCell<KeeperWatch>>,
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

#[derive(Debug, Properties, PartialEq)]
pub struct FavoritesProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn FavoritesProvider(props: &FavoritesProviderProps) -> Html {
    let (auth, listener) = (use_auth(), use_listener());
    let handle = UseFavoritesHandle {
        model: use_reducer(FavoritesModel::default),
        store: use_mut_ref(|| None),
        keeper: use_mut_ref(|| None),
        watch: use_mut_ref(KeeperWatch::default),
    };
    {
        let who = (listener.account_key().to_owned(), listener.user.id.clone());
        let handle = handle.clone();
        use_effect_with(who, move |(key, user_id)| {
            handle
                .model
                .dispatch(FavoritesAction::Reset(Some(key.clone())));
            let alive = Rc::new(Cell::new(true));
            let (opening, still) = (handle.clone(), alive.clone());
            let (key, user_id) = (key.clone(), user_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match Database::open().await {
                    Ok(db) if still.get() => {
                        let store =
                            FavoritesStore::new(db, WebApi::new(auth), key, user_id, still.clone());
                        *opening.store.borrow_mut() = Some(store.clone());
                        opening.refresh(Refresh::Read);
                        // Queues behind the keeper of another tab of the account, if any.
                        if let Ok(held) = store.elect_keeper().await {
                            if still.get() {
                                *opening.keeper.borrow_mut() = Some(held);
                                opening.model.dispatch(FavoritesAction::Keeper(true));
                                opening.refresh(Refresh::RetryAdds);
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(error) => opening
                        .model
                        .dispatch(FavoritesAction::Failed(text::could_not_open(&error))),
                }
            });
            let interval = {
                let handle = handle.clone();
                Interval::new(REFRESH_EVERY_MS, move || handle.refresh(Refresh::Read))
            };
            move || {
                alive.set(false);
                // Hands the keeper's job to the account's next tab.
                drop(handle.keeper.borrow_mut().take());
                *handle.watch.borrow_mut() = KeeperWatch::default();
                drop(interval)
            }
        });
    }
    use_play_counting(&handle);
    {
        // Outcomes (added to the playlist, settings saved, imported, failures) are toasts.
        let model = handle.model.clone();
        let clear = Callback::from(move |()| model.dispatch(FavoritesAction::Notice(None)));
        use_toast_outbox("favorites", handle.model.notice.clone(), clear);
    }
    html! {
        <ContextProvider<UseFavoritesHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<UseFavoritesHandle>>
    }
}

/// The listener's favorites (inside [`FavoritesProvider`]).
#[hook]
pub fn use_favorites() -> UseFavoritesHandle {
    use_context::<UseFavoritesHandle>().expect("use_favorites is called inside FavoritesProvider")
}

impl UseFavoritesHandle {
    pub fn model(&self) -> &FavoritesModel {
        &self.model
    }

    /// What the player says now, for the keeper's watch (called on every render).
    pub(super) fn follow_player(&self, clock: ListeningClock, observing: bool) {
        let mut watch = self.watch.borrow_mut();
        watch.clock = clock;
        watch.observing = observing;
        if !observing {
            // A break in watching ends the span; the next one starts after a history reading.
            watch.from_ms = None;
        }
    }

    /// The keeper starts watching at once when its player starts following the account
    /// (instead of at the next refresh).
    pub(super) fn start_watching(&self) {
        let store = self.store.borrow().clone();
        if let (Some(store), true) = (store, self.keeper.borrow().is_some()) {
            self.keep_watch(&store);
        }
    }

    /// The keeper's watch, one step: read the listening history when watching (re)starts,
    /// else record that it watched until now. `true` when it wrote (and so read) the store.
    fn keep_watch(&self, store: &FavoritesStore) -> bool {
        let mut watch = self.watch.borrow_mut();
        if !watch.observing || watch.reconciling {
            return false;
        }
        let model = self.model.clone();
        let (store, shared) = (store.clone(), self.watch.clone());
        match watch.from_ms {
            None => {
                watch.reconciling = true;
                wasm_bindgen_futures::spawn_local(async move {
                    let result = store.reconcile_history().await;
                    let mut watch = shared.borrow_mut();
                    watch.reconciling = false;
                    if result.is_ok() && watch.observing {
                        watch.from_ms = Some(watch.clock.now(now_ms()));
                    }
                    drop(watch);
                    // A history that cannot be read now is read again at the next step.
                    if !matches!(result, Err(FavoritesError::History(_))) {
                        apply(&model, store.account(), result, None);
                    }
                });
            }
            Some(from_ms) => {
                let to_ms = watch.clock.now(now_ms());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = store.note_watched(from_ms, to_ms).await;
                    apply(&model, store.account(), result, None);
                });
            }
        }
        true
    }

    /// Reads the stored favorites again; the keeper also retries failed adds and keeps its
    /// watch.
    fn refresh(&self, refresh: Refresh) {
        let Some(store) = self.store.borrow().clone() else {
            return;
        };
        let keeper = self.keeper.borrow().is_some();
        let watched = keeper && self.keep_watch(&store);
        let has_failed = keeper
            && self
                .model
                .tracker
                .records()
                .values()
                .any(|r| r.status == PlaylistStatus::Failed);
        let retry = (keeper && refresh == Refresh::RetryAdds) || has_failed;
        if watched && !retry {
            return;
        }
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = if retry {
                store.retry_failed().await
            } else {
                store.read().await
            };
            apply(&model, store.account(), result, None);
        });
    }

    /// One change to the stored tracker; `done` is the notice shown when it went through.
    pub(super) fn change(
        &self,
        change: impl FnOnce(&mut FavoritesTracker) -> Vec<Effect> + 'static,
        done: Option<String>,
    ) {
        let Some(store) = self.store.borrow().clone() else {
            return self.notice(Notice::error(text::STILL_LOADING));
        };
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = store.change(change).await;
            apply(&model, store.account(), result, done);
        });
    }

    /// "Add now": into the favorites playlist now, whatever the count.
    pub fn force_add(&self, track_uri: &str) {
        let uri = track_uri.to_owned();
        let name = self.model.tracker.settings().playlist_name.clone();
        self.change(
            move |tracker| tracker.force_add(&uri),
            Some(text::added_to(&name)),
        );
    }

    pub fn save_settings(&self, settings: FavoriteSettings) -> Result<(), SettingsError> {
        settings.validate()?;
        self.change(
            move |tracker| tracker.set_settings(settings),
            Some(text::SETTINGS_SAVED.into()),
        );
        Ok(())
    }

    /// Replaces this listener's favorites with an exported file's.
    pub fn import(&self, json: &str) {
        match FavoritesTracker::import_json(json) {
            Ok(imported) => self.change(
                move |tracker| {
                    tracker.replace_with_import(imported);
                    let settings = tracker.settings().clone();
                    tracker.set_settings(settings)
                },
                Some(text::IMPORTED.into()),
            ),
            Err(error) => self.notice(Notice::error(error.to_string())),
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
        self.refresh(Refresh::RetryAdds);
    }

    pub fn notice(&self, notice: Notice) {
        self.model.dispatch(FavoritesAction::Notice(Some(notice)));
    }
}

fn apply(
    model: &UseReducerHandle<FavoritesModel>,
    account: &str,
    result: Result<Snapshot, FavoritesError>,
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
                (Some(error), _) => Some(Notice::error(text::add_failed(&error))),
                (None, Some(text)) => Some(Notice::info(text)),
                (None, None) => None,
            };
            if notice.is_some() {
                model.dispatch(FavoritesAction::Notice(notice));
            }
        }
        Err(error) => model.dispatch(FavoritesAction::Failed(error.to_string())),
    }
}
