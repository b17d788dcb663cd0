//! The favorites tracker: counting this tab's completed plays (`counting.rs`), the account's
//! store in IndexedDB under a Web Lock (`store.rs`), the playlist adds, the Favorites page and
//! the player's favorites line. [`FavoritesProvider`](use_favorites::FavoritesProvider) owns it
//! while a listener is signed in; [`use_favorites`](use_favorites::use_favorites) reads it.

pub mod counting;
pub mod list;
pub mod model;
pub mod page;
pub mod play_count;
pub mod settings_form;
pub mod store;
pub mod text;
pub mod use_favorites;
