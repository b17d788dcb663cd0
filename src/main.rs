//! Chorus: several Spotify listeners, one browser, one tab each. Built by trunk (`index.html`).

mod app;
mod components;
mod hooks;
mod pages;
mod routes;
mod services;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
