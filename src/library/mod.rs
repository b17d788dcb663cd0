//! The Library page: search, the listener's playlists, the queue. State and effects in
//! `use_library.rs` ([`LibraryProvider`](use_library::LibraryProvider) keeps them above the
//! pages), the reducer in `model.rs`, the page and its lists, and `text.rs`.

pub mod commands;
pub mod model;
pub mod new_playlist;
pub mod page;
pub mod playlist_list;
pub mod queue_list;
pub mod search_results;
pub mod text;
pub mod track_menu;
pub mod track_row;
pub mod use_library;
