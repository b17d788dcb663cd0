//! The only crate that touches the Spotify Web Playback SDK (style principle 2).
//!
//! Raw `#[wasm_bindgen]` bindings stay private (`raw`); the public face is safe Rust that
//! decodes every JS payload into `chorus-core` types:
//!
//! ```ignore
//! load_sdk(&config.sdk_url).await?;
//! let player = Player::new(PlayerOptions { name, volume: 0.8 }, move || tokens.fresh())?;
//! let subscription = player.on_event(move |event| dispatch(event.clone()));
//! player.connect().await?;          // then PlayerEvent::Ready { device_id } arrives
//! ```
//!
//! Tests: `cargo test -p chorus-sdk` (decoding and fan-out, natively) and, in headless Chromium,
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p chorus-sdk --target wasm32-unknown-unknown`.
//! The tests against the sandbox's emulated SDK need `CHORUS_SANDBOX_URL` at compile time
//! (`cargo xtask test` sets it); without it they print a note and pass.

mod error;
mod event;
mod listener;
mod loader;
mod player;
mod raw;
mod subscribers;
mod token;

pub use error::SdkError;
pub use event::PlayerEvent;
pub use loader::load_sdk;
pub use player::{Player, PlayerOptions};
pub use subscribers::{PlayerEvents, Subscription};
pub use token::{TokenFuture, TokenSource, TokenUnavailable};
