//! Chorus: several Spotify listeners, one browser, one tab each. Built by trunk (`index.html`).
//! The code map is in docs/architecture.md ("The app").

mod app;
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

fn main() {
    yew::Renderer::<app::App>::new().render();
}
