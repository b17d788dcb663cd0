//! Who is signed in in this tab: sign-in and sign-out (`use_session.rs`, model in
//! `model.rs`), keeping the token fresh, presence among this browser's tabs, the welcome screen
//! and the header's listener badge. While someone is signed in, the listener is in a context
//! ([`use_listener`]); the tab's [`Auth`] is in one from start-up on ([`use_auth`]).

pub mod also_here;
pub mod listener_badge;
pub mod model;
pub mod text;
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
