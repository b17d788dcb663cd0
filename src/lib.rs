//! Chorus: several Spotify listeners, one browser, one tab each. The code map is in
//! docs/architecture.md ("The app").
//!
//! Two wasm binaries start from here: the whole app (`src/main.rs`, built by trunk from
//! `index.html`) and the boot app (`src/bin/chorus-boot.rs`, built by xtask), which is the same
//! app with the signed-in screens left out, so that a signed-out first visit downloads a third
//! of the code. The page's loader (Trunk.toml) chooses between them; see [`boot`].

mod app;
mod boot;
mod catalog;
mod command_bar;
mod favorites;
mod insights;
mod library;
mod likes;
mod player;
mod routes;
mod services;
mod session;
mod ui;

/// Mounts the whole app.
pub fn run_whole_app() {
    yew::Renderer::<app::App<app::WholeApp>>::new().render();
}

/// Mounts the boot app: the signed-out screens, handing over to the whole app when the tab
/// turns out to be signed in.
pub fn run_boot_app() {
    yew::Renderer::<app::App<boot::HandOver>>::new().render();
}
