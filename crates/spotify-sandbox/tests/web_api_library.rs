//! Profile, playlists (2026 rules), search, top items and artwork.
//! Run: `cargo test -p spotify-sandbox --test web_api_library`.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use spotify_sandbox::SandboxConfig;
use support::Harness;

#[tokio::test]
async fn me_omits_product_email_and_country_in_development_mode() {
    let harness = Harness::for_tests();
    let me = harness.get("/v1/me", &harness.token("alice")).await.json();
    assert_eq!(me["id"], "alice");
    assert!(me["account_id"].as_str().is_some_and(|a| !a.is_empty()));
    for hidden in ["product", "email", "country"] {
        assert!(me.get(hidden).is_none(), "{hidden} must be absent");
    }
    assert!(me["images"][0]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("http://sandbox.test/images/user/")));
}

#[tokio::test]
async fn me_includes_product_for_an_extended_quota_app() {
    let mut config = SandboxConfig::for_tests();
    config.extended_quota = true;
    let harness = Harness::new(config);
    let me = harness.get("/v1/me", &harness.token("alice")).await.json();
    assert_eq!(me["product"], "premium");
}

#[tokio::test]
async fn my_playlists_carry_items_not_tracks() {
    let harness = Harness::for_tests();
    let page = harness
        .get("/v1/me/playlists?limit=50", &harness.token("alice"))
        .await
        .json();
    let playlists = page["items"].as_array().expect("items");
    assert!(playlists.len() >= 2);
    for playlist in playlists {
        assert!(playlist["items"]["total"].is_number());
        assert!(playlist.get("tracks").is_none());
        assert_eq!(playlist["owner"]["id"], "alice");
    }
}

#[tokio::test]
async fn creating_a_playlist_and_adding_items_answers_201() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let created = harness
        .post(
            "/v1/me/playlists",
            &token,
            Some(json!({"name": "Favorites", "public": false})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let id = created.json()["id"].as_str().expect("an id").to_owned();
    assert_eq!(created.json()["public"], false);
    let track = harness.sandbox.read(|w| w.catalogue.tracks[3].id.clone());
    let added = harness
        .post(
            &format!("/v1/playlists/{id}/items"),
            &token,
            Some(json!({"uris": [format!("spotify:track:{track}")]})),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED);
    assert!(added.json()["snapshot_id"].is_string());
    let items = harness
        .get(&format!("/v1/playlists/{id}/items"), &token)
        .await
        .json();
    assert_eq!(items["total"], 1);
    assert_eq!(items["items"][0]["item"]["id"], json!(track));
    assert!(items["items"][0].get("track").is_none());
}

#[tokio::test]
async fn a_playlist_without_a_name_is_a_bad_request() {
    let harness = Harness::for_tests();
    let reply = harness
        .post(
            "/v1/me/playlists",
            &harness.token("alice"),
            Some(json!({"public": true})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn items_of_someone_elses_playlist_are_forbidden() {
    let harness = Harness::for_tests();
    let brunos = harness
        .sandbox
        .read(|w| w.library.playlists_of("bruno")[0].id.clone());
    let reply = harness
        .get(
            &format!("/v1/playlists/{brunos}/items"),
            &harness.token("alice"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn search_defaults_to_five_and_refuses_more_than_ten() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let word = harness.sandbox.read(|w| {
        w.catalogue.tracks[0]
            .name
            .split_whitespace()
            .next()
            .unwrap_or("a")
            .to_owned()
    });
    let reply = harness
        .get(
            &format!("/v1/search?q={word}&type=track,artist,album,playlist"),
            &token,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["tracks"]["limit"], 5);
    assert!(!body["tracks"]["items"]
        .as_array()
        .expect("items")
        .is_empty());
    for key in ["artists", "albums", "playlists"] {
        assert!(body[key]["items"].is_array(), "{key}");
    }
    assert_eq!(
        harness
            .get(&format!("/v1/search?q={word}&type=track&limit=11"), &token)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        harness
            .get("/v1/search?q=x&type=podcast", &token)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        harness.get("/v1/search?type=track", &token).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn top_items_page_through_each_time_range() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    for range in ["short_term", "medium_term", "long_term"] {
        let tracks = harness
            .get(
                &format!("/v1/me/top/tracks?time_range={range}&limit=10"),
                &token,
            )
            .await
            .json();
        assert_eq!(
            tracks["items"].as_array().map(Vec::len),
            Some(10),
            "{range}"
        );
        assert!(tracks["next"].is_string());
    }
    let artists = harness
        .get("/v1/me/top/artists?limit=5&offset=5", &token)
        .await
        .json();
    assert_eq!(artists["offset"], 5);
    assert_eq!(artists["items"][0]["type"], "artist");
    assert_eq!(
        harness
            .get("/v1/me/top/tracks?time_range=forever", &token)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
