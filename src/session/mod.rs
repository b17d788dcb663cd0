//! Who is signed in in this tab: sign-in and sign-out (`use_session.rs`, model in
//! `model.rs`), keeping the token fresh, presence among this browser's tabs (and the account's
//! listening lock, `use_listening_lock.rs`), the welcome screen, "Are you NAME?" after the
//! callback (`confirm_account.rs`), "Forget me on this browser" (`forget_me.rs`,
//! `use_forget_me.rs`, `forget_me_dialog.rs`, `forgotten.rs`) and the header's account menu.
//! While someone is signed in, the listener is in a context ([`use_listener`]); the tab's
//! [`Auth`] is in one from start-up on ([`use_auth`]).

pub mod account_menu;
pub mod also_here;
pub mod confirm_account;
pub mod forget_me;
pub mod forget_me_dialog;
pub mod forgotten;
pub mod model;
pub mod text;
pub mod use_forget_me;
pub mod use_listening_lock;
pub mod use_presence;
pub mod use_session;
pub mod use_token_refresh;
pub mod welcome;

use std::rc::Rc;

use yew::prelude::*;

use crate::services::auth::Auth;
use model::Listener;

/// This tab's sign-in (provided by the app once start-up is done).
#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth is called below the app's Auth provider")
}

/// The signed-in listener (inside the signed-in view only).
#[hook]
pub fn use_listener() -> Rc<Listener> {
    use_context::<Rc<Listener>>().expect("use_listener is called inside the signed-in view")
}
