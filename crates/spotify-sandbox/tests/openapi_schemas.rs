//! Every response of every endpoint the sandbox serves validates against the OpenAPI description
//! (the fixture `tests/fixtures/spotify-web-api.openapi.yml`: sonallux's community-fixed copy, MIT;
//! see `docs/spotify-contract.md`), in development mode and as an extended-quota app.
//!
//! Read from the description as JSON Schema, with three rewrites, each from what the description
//! itself or Spotify says:
//! - OpenAPI 3.0 `nullable: true` → a `null` alternative;
//! - a property whose description says it "can be `null`" (or "may be `null`") also gets a
//!   `null` alternative (e.g. the playback state's `context`, the queue's `currently_playing`),
//!   and so do the few properties Spotify sends as `null` whose description lacks the note
//!   ([`NULL_WITHOUT_NOTE`]);
//! - development mode only: the fields Spotify removed for development-mode apps in February
//!   2026 (`DEV_MODE_REMOVED`) are dropped from the `required` lists of their objects. As an
//!   extended-quota app the description is used as it is.
//!
//! Deliberate divergence (contract §2 wins on behaviour): playlists carry `items`/`item`, never
//! the deprecated `tracks`/`track`; both are optional in the schema, so this validates either way.
//! Run: `cargo test -p spotify-sandbox --test openapi_schemas`.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::http::StatusCode;
use serde_json::{json, Map, Value};
use spotify_sandbox::web_api::objects::DEV_MODE_REMOVED;
use spotify_sandbox::SandboxConfig;
use support::Harness;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Development,
    ExtendedQuota,
}

/// The OpenAPI description, kept in the repository so a clone tests on its own.
fn openapi_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spotify-web-api.openapi.yml")
}

/// Which object of [`DEV_MODE_REMOVED`] each schema of the description describes.
const SCHEMA_KINDS: &[(&str, &str)] = &[
    ("TrackObject", "track"),
    ("SimplifiedTrackObject", "track"),
    ("LinkedTrackObject", "track"),
    ("AlbumBase", "album"),
    ("SimplifiedAlbumObject", "album"),
    ("ArtistDiscographyAlbumObject", "album"),
    ("AlbumObject", "album"),
    ("ArtistObject", "artist"),
    ("PrivateUserObject", "user"),
    ("PublicUserObject", "user"),
    ("ShowBase", "show"),
    ("AudiobookBase", "audiobook"),
];

/// Properties Spotify sends as `null` although their description has no "can be `null`" note:
/// a recently played item's `context` when the track was not played from one (as for the
/// playback state's `context`, which has the note). Clients (rspotify's `Option<Context>`) expect it.
const NULL_WITHOUT_NOTE: &[(&str, &str)] = &[("PlayHistoryObject", "context")];

/// The `components` section as JSON Schema for `mode`, loaded once a mode.
fn components(mode: Mode) -> &'static Value {
    static DEVELOPMENT: OnceLock<Value> = OnceLock::new();
    static EXTENDED: OnceLock<Value> = OnceLock::new();
    let cell = match mode {
        Mode::Development => &DEVELOPMENT,
        Mode::ExtendedQuota => &EXTENDED,
    };
    cell.get_or_init(|| {
        let text = std::fs::read_to_string(openapi_path()).expect("readable OpenAPI file");
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
        let mut document: Value = serde_json::to_value(yaml).expect("YAML as JSON");
        let mut components = document["components"].take();
        if mode == Mode::Development {
            for (schema, kind) in SCHEMA_KINDS {
                let removed = DEV_MODE_REMOVED
                    .iter()
                    .find(|(k, _)| k == kind)
                    .map(|(_, fields)| *fields)
                    .unwrap_or_default();
                drop_required(&mut components["schemas"][*schema], removed);
            }
        }
        for (schema, property) in NULL_WITHOUT_NOTE {
            if let Value::Object(map) = &mut components["schemas"][*schema]["properties"][*property]
            {
                map.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
        rewrite_nullable(&mut components);
        components
    })
}

/// Removes `fields` from every `required` list of `schema` (its `allOf` parts included).
fn drop_required(schema: &mut Value, fields: &[&str]) {
    if let Value::Object(map) = schema {
        if let Some(Value::Array(required)) = map.get_mut("required") {
            required.retain(|f| !fields.iter().any(|removed| f == removed));
        }
        if let Some(Value::Array(parts)) = map.get_mut("allOf") {
            parts
                .iter_mut()
                .for_each(|part| drop_required(part, fields));
        }
    }
}

/// Whether a description says its value can be `null`.
fn says_nullable(schema: &Map<String, Value>) -> bool {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(|d| d.to_lowercase())
        .is_some_and(|d| d.contains("can be `null`") || d.contains("may be `null`"))
}

fn or_null(map: &mut Map<String, Value>) {
    let inner = Value::Object(std::mem::take(map));
    map.insert("anyOf".to_owned(), json!([inner, {"type": "null"}]));
}

/// `nullable: true` and "can be `null`" descriptions → a `null` alternative.
fn rewrite_nullable(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(rewrite_nullable);
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for property in properties.values_mut() {
                    if let Value::Object(schema) = property {
                        if says_nullable(schema) {
                            or_null(schema);
                        }
                    }
                }
            }
            if map.remove("nullable") == Some(Value::Bool(true)) {
                or_null(map);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_nullable),
        _ => {}
    }
}

/// Validates `instance` against the JSON body of the named `components/responses` entry.
fn assert_valid(mode: Mode, response: &str, instance: &Value) {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/responses/{response}/content/application~1json/schema"),
        "components": components(mode),
    });
    let validator = jsonschema::validator_for(&schema).expect("a compilable schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{response} ({mode:?}) rejects the sandbox's response:\n{}",
        errors.join("\n")
    );
}

fn harness(mode: Mode) -> Harness {
    Harness::new(SandboxConfig {
        extended_quota: mode == Mode::ExtendedQuota,
        ..SandboxConfig::for_tests()
    })
}

/// A body of a 2xx answer, as JSON.
async fn ok_json(
    harness: &Harness,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Value {
    let method = axum::http::Method::from_bytes(method.as_bytes()).expect("a method");
    let reply = harness.call(method, path, Some(token), body).await;
    assert!(
        reply.status.is_success(),
        "{path}: {} {}",
        reply.status,
        reply.text()
    );
    reply.json()
}

/// Every endpoint the sandbox serves with a JSON body, called the way a client would, paired with
/// the description's response for it.
async fn tour(mode: Mode) -> Vec<(&'static str, String, Value)> {
    let harness = harness(mode);
    let token = harness.token("alice");
    let mut seen: Vec<(&'static str, String, Value)> = Vec::new();
    macro_rules! get {
        ($response:expr, $path:expr) => {{
            let path: String = $path;
            let body = ok_json(&harness, "GET", &path, &token, None).await;
            seen.push(($response, path, body.clone()));
            body
        }};
    }
    get!("OnePrivateUser", "/v1/me".to_owned());
    get!(
        "PagingTrackObject",
        "/v1/me/top/tracks?time_range=short_term".to_owned()
    );
    get!("PagingArtistObject", "/v1/me/top/artists".to_owned());
    get!("PagedPlaylists", "/v1/me/playlists".to_owned());
    let created = ok_json(
        &harness,
        "POST",
        "/v1/me/playlists",
        &token,
        Some(json!({"name": "Mix"})),
    )
    .await;
    seen.push(("OnePlaylist", "POST /v1/me/playlists".to_owned(), created));
    let (own, others) = harness.sandbox.read(|w| {
        (
            w.library.playlists_of("alice")[0].id.clone(),
            w.library.playlists_of("bruno")[0].id.clone(),
        )
    });
    get!("OnePlaylist", format!("/v1/playlists/{own}"));
    get!("OnePlaylist", format!("/v1/playlists/{others}"));
    get!(
        "PagingPlaylistTrackObject",
        format!("/v1/playlists/{own}/items?limit=5")
    );
    let (track, album, artist) = harness.sandbox.read(|w| {
        (
            w.catalogue.tracks[1].id.clone(),
            w.catalogue.albums[2].id.clone(),
            w.catalogue.albums[2].artist_ids[0].clone(),
        )
    });
    let added = ok_json(
        &harness,
        "POST",
        &format!("/v1/playlists/{own}/items"),
        &token,
        Some(json!({"uris": [format!("spotify:track:{track}")]})),
    )
    .await;
    seen.push(("PlaylistSnapshotId", "POST items".to_owned(), added));
    let search = get!(
        "SearchItems",
        "/v1/search?q=e&type=track,album,artist,playlist&limit=10".to_owned()
    );
    let next = search["tracks"]["next"]
        .as_str()
        .expect("a next page")
        .to_owned();
    get!(
        "SearchItems",
        next.trim_start_matches("http://sandbox.test").to_owned()
    );
    get!(
        "PagingSavedTrackObject",
        "/v1/me/tracks?limit=50".to_owned()
    );
    get!(
        "ArrayOfBooleans",
        format!("/v1/me/library/contains?uris=spotify:track:{track},spotify:album:{album}")
    );
    get!("OneTrack", format!("/v1/tracks/{track}"));
    get!("OneAlbum", format!("/v1/albums/{album}"));
    get!(
        "PagingSimplifiedTrackObject",
        format!("/v1/albums/{album}/tracks?limit=2")
    );
    get!("OneArtist", format!("/v1/artists/{artist}"));
    get!(
        "PagingArtistDiscographyAlbumObject",
        format!("/v1/artists/{artist}/albums")
    );

    // The player: from an album (a context), with a queue, then bare uris (no context).
    let phone = harness.phone("alice");
    // A device of each kind the app meets, one without volume control (an iPhone).
    let mut speaker = spotify_sandbox::admin::NewDevice::new(
        "Kitchen",
        spotify_sandbox::connect::DeviceKind::Speaker,
    );
    speaker.supports_volume = false;
    harness.sandbox.add_device_with("alice", speaker);
    let album_uri = harness.first_album_uri();
    let play = format!("/v1/me/player/play?device_id={phone}");
    harness
        .put(&play, &token, Some(json!({"context_uri": album_uri})))
        .await;
    harness
        .post(
            &format!("/v1/me/player/queue?uri=spotify:track:{track}"),
            &token,
            None,
        )
        .await;
    harness.advance_ms(400_000);
    get!("OneCurrentlyPlaying", "/v1/me/player".to_owned());
    get!(
        "OneCurrentlyPlayingTrack",
        "/v1/me/player/currently-playing".to_owned()
    );
    get!("ManyDevices", "/v1/me/player/devices".to_owned());
    get!("Queue", "/v1/me/player/queue".to_owned());
    get!(
        "CursorPagedPlayHistory",
        "/v1/me/player/recently-played?limit=50".to_owned()
    );
    let bare = json!({"uris": [format!("spotify:track:{track}")]});
    harness.put("/v1/me/player/play", &token, Some(bare)).await;
    harness.advance_ms(1_000);
    let state = get!("OneCurrentlyPlaying", "/v1/me/player".to_owned());
    assert_eq!(state["context"], Value::Null, "bare uris: context null");
    get!(
        "OneCurrentlyPlayingTrack",
        "/v1/me/player/currently-playing".to_owned()
    );
    harness.advance_ms(400_000);
    let history = get!(
        "CursorPagedPlayHistory",
        "/v1/me/player/recently-played?limit=1".to_owned()
    );
    assert_eq!(
        history["items"][0]["context"],
        Value::Null,
        "a play without context"
    );
    seen
}

#[tokio::test]
async fn every_endpoint_matches_the_description_in_development_mode() {
    for (response, path, body) in tour(Mode::Development).await {
        eprintln!("{path}");
        assert_valid(Mode::Development, response, &body);
    }
}

#[tokio::test]
async fn every_endpoint_matches_the_description_as_an_extended_quota_app() {
    for (response, path, body) in tour(Mode::ExtendedQuota).await {
        eprintln!("{path}");
        assert_valid(Mode::ExtendedQuota, response, &body);
    }
}

/// Every object in `value` (depth first) with its `type`.
fn typed_objects<'a>(value: &'a Value, found: &mut Vec<(&'a str, &'a Map<String, Value>)>) {
    match value {
        Value::Object(map) => {
            if let Some(kind) = map.get("type").and_then(Value::as_str) {
                found.push((kind, map));
            }
            map.values().for_each(|v| typed_objects(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| typed_objects(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn development_mode_sends_none_of_the_removed_fields_and_extended_quota_sends_them() {
    for mode in [Mode::Development, Mode::ExtendedQuota] {
        let mut sent: Vec<String> = Vec::new();
        for (_, path, body) in tour(mode).await {
            let mut objects = Vec::new();
            typed_objects(&body, &mut objects);
            for (kind, object) in objects {
                let removed = DEV_MODE_REMOVED
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, f)| *f)
                    .unwrap_or_default();
                for field in removed.iter().filter(|f| object.contains_key(**f)) {
                    sent.push(format!("{kind}.{field} in {path}"));
                }
            }
        }
        match mode {
            Mode::Development => assert!(sent.is_empty(), "removed fields sent: {sent:#?}"),
            Mode::ExtendedQuota => {
                for field in [
                    "track.popularity",
                    "album.available_markets",
                    "artist.followers",
                    "user.product",
                    "user.email",
                    "user.country",
                ] {
                    assert!(
                        sent.iter().any(|s| s.starts_with(field)),
                        "{field} missing: {sent:#?}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn error_bodies_match_the_error_object() {
    let harness = harness(Mode::Development);
    let token = harness.token("alice");
    let cases = [
        (
            "Unauthorized",
            harness
                .call(axum::http::Method::GET, "/v1/me", None, None)
                .await,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "Forbidden",
            harness
                .get(
                    &format!("/v1/artists/{}/top-tracks", "0".repeat(22)),
                    &token,
                )
                .await,
            StatusCode::FORBIDDEN,
        ),
        (
            "NotFound",
            harness
                .get(&format!("/v1/albums/{}", "0".repeat(22)), &token)
                .await,
            StatusCode::NOT_FOUND,
        ),
        (
            "BadRequest",
            harness.get("/v1/albums/not-an-id", &token).await,
            StatusCode::BAD_REQUEST,
        ),
        (
            "BadRequest",
            harness
                .call(axum::http::Method::DELETE, "/v1/me", Some(&token), None)
                .await,
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ];
    for (response, reply, status) in cases {
        assert_eq!(reply.status, status, "{response}: {}", reply.text());
        assert_valid(Mode::Development, response, &reply.json());
    }
}
