//! Generated artwork and the origins it is served from.
//!
//! Spotify's images come from several hosts (contract §2, "Images"): album covers from
//! `i.scdn.co`, playlist mosaics from `mosaic.scdn.co`, avatars from yet others. So do the
//! sandbox's: [`spawn`](crate::spawn) binds one listener a role on the hosts of
//! `SandboxConfig::image_hosts` (default `127.0.0.2`, `127.0.0.3`, `127.0.0.4`, on the sandbox's
//! port), each serving [`routes`]. A page whose CSP allows only one image origin shows broken
//! covers here as it would with Spotify. Without listeners (the router driven in process), every
//! image URL points at the origin the request came to.
//!
//! | path | what |
//! |---|---|
//! | `GET /images/album/{id}.svg` | an album cover (gradient and initials) |
//! | `GET /images/mosaic/{a}-{b}-{c}-{d}.svg` | a playlist mosaic of four album covers |
//! | `GET /images/user/{id}.svg` | a user's avatar |

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::catalogue::covers;
use crate::state::Sandbox;

/// The origins (`http://HOST:PORT`, no trailing slash) each kind of image is served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageOrigins {
    /// Album covers and artist pictures (Spotify: `i.scdn.co`).
    pub covers: String,
    /// Playlist mosaics (Spotify: `mosaic.scdn.co`).
    pub mosaics: String,
    /// User avatars (Spotify: `i.scdn.co`, `platform-lookaside.fbsbx.com`, …).
    pub avatars: String,
}

impl ImageOrigins {
    /// Every image on one origin.
    pub fn all_on(origin: &str) -> Self {
        Self {
            covers: origin.to_owned(),
            mosaics: origin.to_owned(),
            avatars: origin.to_owned(),
        }
    }

    /// The distinct origins, in role order (covers, mosaics, avatars).
    pub fn distinct(&self) -> Vec<String> {
        let mut origins: Vec<String> = Vec::new();
        for origin in [&self.covers, &self.mosaics, &self.avatars] {
            if !origins.contains(origin) {
                origins.push(origin.clone());
            }
        }
        origins
    }

    pub fn album_cover(&self, album_id: &str) -> String {
        format!("{}/images/album/{album_id}.svg", self.covers)
    }

    pub fn mosaic(&self, album_ids: &[&str]) -> String {
        format!("{}/images/mosaic/{}.svg", self.mosaics, album_ids.join("-"))
    }

    pub fn avatar(&self, user_id: &str) -> String {
        format!("{}/images/user/{user_id}.svg", self.avatars)
    }
}

/// Binds one listener a role on `hosts` (covers, mosaics, avatars; fewer hosts are reused in
/// turn), each on `port` when it is free there, else on any port of that host, else on any port
/// of `127.0.0.1` (a host that is not configured on this machine, e.g. `127.0.0.2` on macOS).
pub async fn bind(hosts: &[String], port: u16) -> Vec<(tokio::net::TcpListener, String)> {
    let mut bound: Vec<(tokio::net::TcpListener, String)> = Vec::new();
    for host in hosts.iter().take(3) {
        let candidates = [
            format!("{host}:{port}"),
            format!("{host}:0"),
            "127.0.0.1:0".to_owned(),
        ];
        for candidate in candidates {
            let Ok(listener) = tokio::net::TcpListener::bind(&candidate).await else {
                tracing::warn!(address = %candidate, "cannot serve images here; trying the next address");
                continue;
            };
            let Ok(address) = listener.local_addr() else {
                continue;
            };
            bound.push((listener, format!("http://{address}")));
            break;
        }
    }
    bound
}

/// The roles of `origins` (bound in the order of [`bind`]): one origin serves all, two share.
pub fn roles(origins: &[String], fallback: &str) -> ImageOrigins {
    let role = |i: usize| {
        origins
            .get(i)
            .or_else(|| origins.last())
            .cloned()
            .unwrap_or_else(|| fallback.to_owned())
    };
    ImageOrigins {
        covers: role(0),
        mosaics: role(1),
        avatars: role(2),
    }
}

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/images/album/{file}", get(album))
        .route("/images/mosaic/{file}", get(mosaic))
        .route("/images/user/{file}", get(user))
}

fn svg(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            // The app may draw covers on a canvas (tinted favicon) or run under COEP.
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                "cross-origin",
            ),
        ],
        body,
    )
        .into_response()
}

async fn album(State(sandbox): State<Sandbox>, Path(file): Path<String>) -> Response {
    let id = file.trim_end_matches(".svg");
    sandbox
        .read(|world| {
            world
                .catalogue
                .album(id)
                .map(|a| covers::album_cover(&a.name, a.hues))
        })
        .map_or_else(|| StatusCode::NOT_FOUND.into_response(), svg)
}

async fn mosaic(State(sandbox): State<Sandbox>, Path(file): Path<String>) -> Response {
    let ids: Vec<&str> = file.trim_end_matches(".svg").split('-').collect();
    sandbox
        .read(|world| {
            let tiles: Option<Vec<(String, (u16, u16))>> = ids
                .iter()
                .map(|id| world.catalogue.album(id).map(|a| (a.name.clone(), a.hues)))
                .collect();
            tiles.filter(|t| t.len() == 4).map(|t| covers::mosaic(&t))
        })
        .map_or_else(|| StatusCode::NOT_FOUND.into_response(), svg)
}

async fn user(State(sandbox): State<Sandbox>, Path(file): Path<String>) -> Response {
    let id = file.trim_end_matches(".svg");
    sandbox
        .read(|world| {
            world
                .library
                .user(id)
                .map(|u| covers::avatar(&u.display_name, &u.id))
        })
        .map_or_else(|| StatusCode::NOT_FOUND.into_response(), svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_spread_over_the_origins_bound() {
        let three = vec![
            "http://a".to_owned(),
            "http://b".to_owned(),
            "http://c".to_owned(),
        ];
        assert_eq!(roles(&three, "http://x").distinct(), three);
        let one = roles(&["http://a".to_owned()], "http://x");
        assert_eq!(one, ImageOrigins::all_on("http://a"));
        assert_eq!(roles(&[], "http://x"), ImageOrigins::all_on("http://x"));
    }

    #[tokio::test]
    async fn three_hosts_give_three_origins_even_when_a_host_is_missing() {
        let hosts = vec![
            "127.0.0.1".to_owned(),
            "127.0.0.1".to_owned(),
            "192.0.2.1".to_owned(), // TEST-NET-1: not on this machine, so 127.0.0.1 takes the role
        ];
        let bound = bind(&hosts, 0).await;
        let origins: Vec<String> = bound.iter().map(|(_, o)| o.clone()).collect();
        assert_eq!(origins.len(), 3);
        assert_eq!(
            roles(&origins, "http://x").distinct().len(),
            3,
            "{origins:?}"
        );
    }
}
