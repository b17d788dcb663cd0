//! `use_listening_lock`: while an account is signed in in this tab, the tab holds a share of
//! the account's listening lock (chorus-core's `shared_names::listening_lock`, a one-way tag of
//! the account). A tab back from Spotify asks "Are you NAME?" when it is held; "Forget me"
//! takes it exclusively, which is granted once every tab of the account has let go.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use chorus_core::shared_names;
use yew::prelude::*;

use crate::services::locks::{self, HeldLock};

/// Holds the share while the calling component (the signed-in view) is mounted.
#[hook]
pub fn use_listening_lock(account_key: &str) {
    use_effect_with(account_key.to_owned(), |account_key| {
        let slot: Rc<RefCell<Option<HeldLock>>> = Rc::default();
        let unmounted = Rc::new(Cell::new(false));
        let (name, filled, gone) = (
            shared_names::listening_lock(account_key),
            slot.clone(),
            unmounted.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            // Granted at once unless "Forget me" of this account is under way.
            if let Ok(held) = locks::hold_shared(&name).await {
                if !gone.get() {
                    *filled.borrow_mut() = Some(held);
                }
            }
        });
        move || {
            unmounted.set(true);
            drop(slot.borrow_mut().take());
        }
    });
}
