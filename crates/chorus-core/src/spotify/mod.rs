//! Wire types for the parts of the Spotify surface Chorus reads (docs/spotify-contract.md §1–§3).
//!
//! Shapes follow the OpenAPI description (`crates/spotify-sandbox/tests/fixtures/spotify-web-api.openapi.yml`) as
//! amended by the contract's 2026 changes: `GET /me` may omit `product`, carries `account_id`;
//! playlists carry `items` (not `tracks`) and playlist entries `item` (not `track`).
//! Unknown fields are ignored and fields the platform may drop are optional, so a change on
//! Spotify's side degrades a screen instead of failing a whole parse.

mod accounts;
mod album_wire;
mod catalog;
mod error;
mod library;
mod paging;
mod playable_wire;
mod playback;
pub mod requests;
mod response;
pub mod sdk;
mod serde_util;
mod time;
mod user;

pub use accounts::{InvalidGrantCause, TokenError, TokenErrorKind, TokenResponse};
pub use catalog::{
    join_artist_names, Album, AlbumWithTracks, Artist, Episode, ExternalUrls, Playable, ShowRef,
    SimplifiedArtist, Track,
};
pub use error::{ApiErrorKind, PlayerReason, WebApiError};
pub use library::{
    NewPlaylist, PlayHistory, Playlist, PlaylistItem, PlaylistItemsRef, PlaylistOwner, SavedTrack,
    SearchResponse, SnapshotId, UrisBody,
};
pub use paging::{CursorPaging, Cursors, Paging};
pub use playback::{
    Actions, Context, Device, Devices, Disallows, PlaybackState, Queue, RepeatState,
};
pub use response::{
    device_registration_backoff_ms, read_response, retry_after_ms, ApiFailure, NextStep, Retries,
    MAX_RATE_LIMIT_WAITS,
};
pub use time::unix_ms_from_rfc3339;
pub use user::{Image, PremiumStatus, User};
