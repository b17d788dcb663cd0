//! ♥: what the listener liked, asked of Spotify in batches of at most 40 URIs
//! (`GET /me/library/contains`) as tracks show, and changed with `PUT`/`DELETE /me/library`.
//! [`LikesProvider`](use_likes::LikesProvider) keeps it above the pages; the
//! [`LikeButton`](like_button::LikeButton) is on the now-playing bar, the Player and every
//! track row; `text.rs` holds its words.

pub mod like_button;
pub mod model;
pub mod text;
pub mod use_likes;
