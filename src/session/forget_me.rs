//! "Forget me on this browser": what Chorus keeps of an account in this browser goes, and every
//! tab of the account here signs out.
//!
//! In order: this tab drops its tokens and its proxy cookie; a presence message asks the
//! account's other tabs to do the same (each clears its own cookie: only a tab knows its
//! session) and every strip to drop the account; then the account's listening lock is taken
//! exclusively, which is granted once every tab of the account has let go of its share, so no
//! tab writes after the erase; then the favorites (counts, settings, the playlist link) and
//! every other IndexedDB entry of the account are deleted. The report says what went.

use std::{cell::Cell, rc::Rc};

use chorus_core::{presence::PresenceMessage, shared_names};
use futures::future::{select, Either};

use super::model::Listener;
use crate::{
    favorites::store::{ErasedFavorites, FavoritesError, FavoritesStore},
    services::{
        auth::Auth,
        browser::sleep_ms,
        idb::Database,
        locks::{self, HeldLock},
        presence::PresenceChannel,
        web_api::WebApi,
    },
};

/// How long the account's other tabs get to sign out before the erase goes ahead anyway.
const WAIT_FOR_TABS_MS: u64 = 10_000;

/// What "Forget me" erased, for the person to read.
#[derive(Debug, Clone, PartialEq)]
pub struct ForgetReport {
    pub name: String,
    pub favorites: ErasedFavorites,
    /// IndexedDB entries of the account besides the favorites.
    pub other_entries: usize,
    /// Tabs of the account besides this one that were asked to sign out.
    pub other_tabs: usize,
    /// False when a tab of the account still held on when the wait ended.
    pub every_tab_let_go: bool,
}

/// Runs the whole of "Forget me" for `listener`, whose tab is leaving the signed-in view.
pub async fn forget(
    auth: Auth,
    listener: &Rc<Listener>,
    other_tabs: usize,
) -> Result<ForgetReport, FavoritesError> {
    // First, nothing in this tab can act as the account any more.
    auth.sign_out().await;
    let account_key = listener.account_key().to_owned();
    // Kept open until the end, so the message is surely delivered.
    let channel = PresenceChannel::open(|_| {}).ok();
    if let Some(channel) = &channel {
        channel.post(&PresenceMessage::Forgotten {
            account_key: account_key.clone(),
        });
    }
    let held = every_tab_let_go(&account_key).await;
    let db = Database::open().await?;
    let store = FavoritesStore::new(
        db.clone(),
        WebApi::new(auth),
        account_key.clone(),
        listener.user.id.clone(),
        // Erasing is this store's only job: it is not one of a signed-in view's.
        Rc::new(Cell::new(true)),
    );
    let favorites = store.erase().await?;
    let mut other_entries = 0;
    for key in db.keys_of_account(&account_key).await? {
        db.delete(&key).await?;
        other_entries += 1;
    }
    let every_tab_let_go = held.is_some();
    drop((held, channel));
    Ok(ForgetReport {
        name: listener.name().to_owned(),
        favorites,
        other_entries,
        other_tabs,
        every_tab_let_go,
    })
}

/// Takes the account's listening lock exclusively: granted once no tab of the account is
/// signed in. `None` when that did not happen within [`WAIT_FOR_TABS_MS`].
async fn every_tab_let_go(account_key: &str) -> Option<HeldLock> {
    let name = shared_names::listening_lock(account_key);
    let taken = locks::hold(&name);
    let timeout = sleep_ms(WAIT_FOR_TABS_MS);
    futures::pin_mut!(taken, timeout);
    match select(taken, timeout).await {
        Either::Left((Ok(held), _)) => Some(held),
        // Dropping the waiting request lets the lock go as soon as it would be granted.
        Either::Left((Err(_), _)) | Either::Right(_) => None,
    }
}
