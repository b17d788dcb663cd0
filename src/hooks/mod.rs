//! Hooks: where effects live (network, storage, timers), feeding the reducers in `state/`.

pub mod use_clock;
pub mod use_command_bar;
pub mod use_favorites;
pub mod use_insights;
pub mod use_library;
pub mod use_player;
pub mod use_presence;
pub mod use_route;
pub mod use_session;
pub mod use_token_refresh;
