//! Albums and artists (docs/ux.md "Album / artist pages"): the album page (cover, tracks with
//! their lengths, Play, Shuffle, play from any track in the album), the artist page (albums
//! and singles, Play), reached from any album or artist name (`/album/<id>`, `/artist/<id>`),
//! and the names of the contexts the player plays from. State and effects in
//! `use_catalog.rs` ([`CatalogProvider`](use_catalog::CatalogProvider)), the reducer in
//! `model.rs`, the pages, and `text.rs`.

pub mod album_page;
pub mod artist_page;
pub mod context_line;
pub mod model;
pub mod text;
pub mod use_catalog;
