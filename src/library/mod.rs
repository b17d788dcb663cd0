//! The Library page: search, playlists, queue.

pub mod model;
pub mod new_playlist;
pub mod page;
pub mod playlist_list;
pub mod queue_list;
pub mod search_results;
pub mod use_library;
