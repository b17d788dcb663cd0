//! The favorites tracker (counting, IndexedDB, the playlist) and its page.

pub mod list;
pub mod model;
pub mod page;
pub mod play_count;
pub mod settings_form;
pub mod store;
pub mod use_favorites;
