//! `GET /open/{kind}/{id}`: the sandbox's stand-in for `open.spotify.com`, where every object's
//! `external_urls.spotify` points, so those links can be followed too. A page naming the object.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::catalogue::covers::escape;
use crate::state::{Sandbox, World};

pub fn routes() -> Router<Sandbox> {
    Router::new().route("/open/{kind}/{id}", get(open))
}

fn name_of(world: &World, kind: &str, id: &str) -> Option<String> {
    match kind {
        "track" => world.catalogue.track(id).map(|t| t.name.clone()),
        "album" => world.catalogue.album(id).map(|a| a.name.clone()),
        "artist" => world.catalogue.artist(id).map(|a| a.name.clone()),
        "playlist" => world.library.playlist(id).map(|p| p.name.clone()),
        "user" => world.library.user(id).map(|u| u.display_name.clone()),
        _ => None,
    }
}

async fn open(
    State(sandbox): State<Sandbox>,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    match sandbox.read(|world| name_of(world, &kind, &id)) {
        Some(name) => Html(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name} | Spotify Sandbox</title></head><body><h1>{name}</h1><p>A {kind} of the Spotify Sandbox (<code>spotify:{kind}:{id}</code>).</p></body></html>",
            name = escape(&name),
            kind = escape(&kind),
            id = escape(&id),
        ))
        .into_response(),
        None => (StatusCode::NOT_FOUND, Html("<!doctype html><title>Page not found</title><h1>Page not found</h1>")).into_response(),
    }
}
