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
//! - `insights`: recent-plays summary, "12 min ago", CSV and JSON export;
//! - `presence`: the tabs of one browser telling each other who listens to what;
//! - `protocol`: the app ↔ chorus-proxy token protocol (routes, header, session id, bodies);
//! - `shared_names`: names other tabs can read (Web Locks), with one-way tags instead of ids.
//!
//! The sign-in flow, end to end, as the app drives it:
//!
//! ```
//! use chorus_core::auth::{authorize::authorize_url, callback::complete_login};
//! use chorus_core::auth::{form::TokenForm, login_attempt::LoginAttempt, token::TokenSet};
//! use chorus_core::config::RuntimeConfig;
//! use chorus_core::spotify::TokenResponse;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = RuntimeConfig::from_json(r#"{"client_id":"chorus-demo",
//!     "redirect_uri":"http://127.0.0.1:8080/callback",
//!     "accounts_base_url":"http://127.0.0.1:4001","api_base_url":"http://127.0.0.1:4001/v1",
//!     "sdk_url":"http://127.0.0.1:4001/spotify-player.js"}"#)?;
//! // 1. Start: randomness from crypto.getRandomValues, time from Date.now().
//! let attempt = LoginAttempt::start(&[7; 32], &[9; 16], 1_000)?;
//! let stored = attempt.to_json(); // sessionStorage
//! let url = authorize_url(&config, attempt.state(), &attempt.challenge()); // navigate
//! assert!(url.as_str().contains("show_dialog=true"));
//! // 2. Callback: check the query against the stored attempt.
//! let query = format!("?code=AQB&state={}", attempt.state().secret());
//! let verified = complete_login(Some(&stored), &query, 2_000)?;
//! // 3. Exchange: the shell POSTs this body to `auth::endpoint::token_url`.
//! let body = TokenForm::code_exchange(verified.code, verified.verifier,
//!     &config.redirect_uri, &config.client_id).encode();
//! assert!(body.starts_with("grant_type=authorization_code"));
//! // 4. Keep the answer with its local receive time.
//! let answer = TokenResponse::parse(r#"{"access_token":"BQD","expires_in":3600}"#)?;
//! let tokens = TokenSet::from_response(answer, 3_000);
//! assert!(!tokens.needs_refresh(3_000, 60_000));
//! # Ok(())
//! # }
//! ```

pub mod auth;
pub mod command;
pub mod config;
pub mod favorites;
pub mod insights;
pub mod player;
pub mod presence;
pub mod protocol;
pub mod shared_names;
pub mod sort;
pub mod spotify;
