//! Responses of every endpoint the app uses validate against the OpenAPI description
//! (the fixture `tests/fixtures/spotify-web-api.openapi.yml`: sonallux's community-fixed copy, MIT;
//! see `docs/spotify-contract.md`).
//! The OpenAPI 3.0 `nullable` keyword is rewritten into JSON Schema before validating.
//! Deliberate divergence (contract §2 wins on behaviour): playlists carry `items`/`item`, never the
//! deprecated `tracks`/`track`; both are optional in the schema, so this validates either way.
//! Run: `cargo test -p spotify-sandbox --test openapi_schemas`.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{json, Map, Value};
use support::Harness;

/// The OpenAPI description, kept in the repository so a clone tests on its own.
fn openapi_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spotify-web-api.openapi.yml")
}

/// The `components` section as JSON Schema, loaded once.
fn components() -> &'static Value {
    static COMPONENTS: OnceLock<Value> = OnceLock::new();
    COMPONENTS.get_or_init(|| {
        let path = openapi_path();
        let text = std::fs::read_to_string(path).expect("readable OpenAPI file");
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
        let mut document: Value = serde_json::to_value(yaml).expect("YAML as JSON");
        let mut components = document["components"].take();
        rewrite_nullable(&mut components);
        components
    })
}

/// OpenAPI 3.0 `nullable: true` → JSON Schema's `null` alternative.
fn rewrite_nullable(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(rewrite_nullable);
            if map.remove("nullable") == Some(Value::Bool(true)) {
                let inner = Value::Object(std::mem::take(map));
                let mut wrapped = Map::new();
                wrapped.insert("anyOf".to_owned(), json!([inner, {"type": "null"}]));
                *map = wrapped;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_nullable),
        _ => {}
    }
}

/// Validates `instance` against the JSON body of the named `components/responses` entry.
fn assert_valid(response: &str, instance: &Value) {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/responses/{response}/content/application~1json/schema"),
        "components": components(),
    });
    let validator = jsonschema::validator_for(&schema).expect("a compilable schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{response} rejects the sandbox's response:\n{}",
        errors.join("\n")
    );
}

async fn playing_harness() -> (Harness, String) {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    let path = format!("/v1/me/player/play?device_id={phone}");
    harness
        .put(&path, &token, Some(json!({"context_uri": album})))
        .await;
    let track = harness.sandbox.read(|w| w.catalogue.tracks[40].id.clone());
    harness
        .post(
            &format!("/v1/me/player/queue?uri=spotify:track:{track}"),
            &token,
            None,
        )
        .await;
    harness.advance_ms(400_000);
    (harness, token)
}

#[tokio::test]
async fn profile_matches_private_user() {
    let harness = Harness::for_tests();
    assert_valid(
        "OnePrivateUser",
        &harness.get("/v1/me", &harness.token("alice")).await.json(),
    );
}

#[tokio::test]
async fn player_responses_match_their_schemas() {
    let (harness, token) = playing_harness().await;
    assert_valid(
        "OneCurrentlyPlaying",
        &harness.get("/v1/me/player", &token).await.json(),
    );
    assert_valid(
        "OneCurrentlyPlayingTrack",
        &harness
            .get("/v1/me/player/currently-playing", &token)
            .await
            .json(),
    );
    assert_valid(
        "ManyDevices",
        &harness.get("/v1/me/player/devices", &token).await.json(),
    );
    assert_valid(
        "Queue",
        &harness.get("/v1/me/player/queue", &token).await.json(),
    );
    assert_valid(
        "CursorPagedPlayHistory",
        &harness
            .get("/v1/me/player/recently-played?limit=50", &token)
            .await
            .json(),
    );
    // Bare uris: no context at all.
    let track = harness.sandbox.read(|w| w.catalogue.tracks[7].id.clone());
    harness
        .put(
            "/v1/me/player/play",
            &token,
            Some(json!({"uris": [format!("spotify:track:{track}")]})),
        )
        .await;
    harness.advance_ms(1_000);
    assert_valid(
        "OneCurrentlyPlaying",
        &harness.get("/v1/me/player", &token).await.json(),
    );
    assert_valid(
        "CursorPagedPlayHistory",
        &harness
            .get("/v1/me/player/recently-played?limit=50", &token)
            .await
            .json(),
    );
}

#[tokio::test]
async fn top_items_match_paged_tracks_and_artists() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    assert_valid(
        "PagingTrackObject",
        &harness.get("/v1/me/top/tracks", &token).await.json(),
    );
    assert_valid(
        "PagingArtistObject",
        &harness.get("/v1/me/top/artists", &token).await.json(),
    );
}

#[tokio::test]
async fn playlists_match_their_schemas() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    assert_valid(
        "PagedPlaylists",
        &harness.get("/v1/me/playlists", &token).await.json(),
    );
    let created = harness
        .post("/v1/me/playlists", &token, Some(json!({"name": "Mix"})))
        .await
        .json();
    assert_valid("OnePlaylist", &created);
    let id = harness
        .sandbox
        .read(|w| w.library.playlists_of("alice")[0].id.clone());
    assert_valid(
        "OnePlaylist",
        &harness
            .get(&format!("/v1/playlists/{id}"), &token)
            .await
            .json(),
    );
    assert_valid(
        "PagingPlaylistTrackObject",
        &harness
            .get(&format!("/v1/playlists/{id}/items"), &token)
            .await
            .json(),
    );
    let track = harness.sandbox.read(|w| w.catalogue.tracks[1].id.clone());
    let added = harness
        .post(
            &format!("/v1/playlists/{id}/items"),
            &token,
            Some(json!({"uris": [format!("spotify:track:{track}")]})),
        )
        .await;
    assert_valid("PlaylistSnapshotId", &added.json());
}

#[tokio::test]
async fn search_matches_search_items() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let reply = harness
        .get(
            "/v1/search?q=e&type=track,album,artist,playlist&limit=10",
            &token,
        )
        .await;
    assert_valid("SearchItems", &reply.json());
}
