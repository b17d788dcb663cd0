//! The only crate that touches the Spotify Web Playback SDK (style principle 2).
//!
//! Raw `#[wasm_bindgen]` bindings stay private; the public face is safe Rust and decodes every
//! JS payload into `chorus-core` types. Test in headless Chromium:
//! `cargo test -p chorus-sdk --target wasm32-unknown-unknown` (with CHROMEDRIVER set;
//! `cargo xtask test` does it).

mod loader;

pub use loader::{load_sdk, SdkError};
