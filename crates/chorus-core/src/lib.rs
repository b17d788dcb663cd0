//! Chorus's pure core: everything that can be decided without a browser or a socket.
//!
//! Requests are built and responses parsed as data here; the app, the SDK binding and the
//! proxy only send them. No clock reads, no randomness, no I/O: time comes in as Unix
//! milliseconds (`u64`) and random bytes as slices. Builds natively and for wasm32.
//! Run its tests with `cargo test -p chorus-core`.
//!
//! - `config`: the runtime `config.json`;
//! - `spotify`: wire types of the Web API, the accounts service and the Playback SDK;
//! - `auth`: PKCE, authorize URL, callback, login attempt, token lifecycle, refresh;
//! - `player`: the player-state reducer, time and title formatting, listener colour;
//! - `favorites`: completed-play counting, the favorites tracker and its export;
//! - `command`: the command bar's parser and resolver;
//! - `presence`: the tabs of one browser telling each other who listens to what.

pub mod auth;
pub mod command;
pub mod config;
pub mod favorites;
pub mod player;
pub mod presence;
pub mod spotify;
