//! The accounts service: the browser's login (`/login`, `/signup`, `/logout`), `GET /authorize`
//! (consent for the logged-in account), `POST /authorize/decision` and `POST /api/token` (code
//! exchange with PKCE, refresh under both regimes).

mod authorize;
pub mod login;
mod page;
pub mod pkce;
pub mod redirect;
pub mod session;
pub mod store;
mod token;

use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::state::Sandbox;

pub fn routes() -> Router<Sandbox> {
    // Browsers call the token endpoint cross-origin in direct mode; Spotify echoes any origin.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([axum::http::Method::POST, axum::http::Method::OPTIONS])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
        ]);
    Router::new()
        .route("/authorize", get(authorize::show))
        .route("/authorize/decision", post(authorize::decide))
        .route("/authorize/not-you", post(login::not_you))
        .route("/login", get(login::form).post(login::submit))
        .route("/signup", get(login::signup_form).post(login::signup))
        .route("/logout", get(login::logout))
        .route("/status", get(login::status))
        .route("/api/token", post(token::exchange).layer(cors))
}

/// Human wording of the scopes the consent page lists.
pub fn describe_scope(scope: &str) -> &str {
    match scope {
        "streaming" => "Play music in this browser",
        "user-read-email" => "See your email address",
        "user-read-private" => "See your subscription and country",
        "user-read-playback-state" => "See what you are playing and on which device",
        "user-modify-playback-state" => "Control playback on your devices",
        "user-read-currently-playing" => "See the track you are listening to",
        "user-read-recently-played" => "See what you played recently",
        "user-top-read" => "See your top artists and tracks",
        "playlist-read-private" => "See your private playlists",
        "playlist-modify-private" => "Create and change your private playlists",
        "playlist-modify-public" => "Create and change your public playlists",
        "playlist-read-collaborative" => "See your collaborative playlists",
        "user-library-read" => "See what you saved in Your Library",
        "user-library-modify" => "Save and remove items in Your Library",
        "user-follow-read" => "See who you follow",
        "user-follow-modify" => "Follow and unfollow for you",
        other => other,
    }
}
