//! Who is signed in in this tab: sign-in, sign-out, token refresh, presence.

pub mod also_here;
pub mod listener_badge;
pub mod model;
pub mod signing_in;
pub mod use_presence;
pub mod use_session;
pub mod use_token_refresh;
pub mod welcome;
