//! The endpoints of contract §2 "More endpoints for a full player" (Liked Songs, the 2026 library
//! endpoints, albums and artists by id) and the artwork from three origins.
//! Run: `cargo test -p spotify-sandbox --test web_api_catalog`.

mod support;

use axum::http::StatusCode;
use serde_json::{json, Value};
use spotify_sandbox::{spawn, SandboxConfig};
use support::Harness;

#[tokio::test]
async fn liked_songs_page_newest_first() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let page = harness.get("/v1/me/tracks?limit=3", &token).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let page = page.json();
    assert_eq!(page["limit"], 3);
    assert!(page["total"].as_u64().is_some_and(|t| t >= 8));
    let dates: Vec<&str> = page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["added_at"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(page["items"][0]["track"]["type"], "track");
    let next = harness
        .get(
            page["next"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("http://sandbox.test"),
            &token,
        )
        .await;
    assert_eq!(next.json()["offset"], 3);
}

#[tokio::test]
async fn the_library_saves_removes_and_answers_contains_in_order() {
    let harness = Harness::for_tests();
    let token = harness.token("bruno");
    let (track, album, artist) = harness.sandbox.read(|w| {
        (
            format!("spotify:track:{}", w.catalogue.tracks[200].id),
            format!("spotify:album:{}", w.catalogue.albums[7].id),
            format!("spotify:artist:{}", w.catalogue.artists[3].id),
        )
    });
    let uris = format!("{track},{album},{artist}");
    let contains = |harness: Harness, token: String, uris: String| async move {
        harness
            .get(&format!("/v1/me/library/contains?uris={uris}"), &token)
            .await
            .json()
    };
    let before = contains(harness.clone(), token.clone(), uris.clone()).await;
    assert_eq!(before, json!([false, false, false]));
    let saved = harness
        .put(
            &format!("/v1/me/library?uris={uris}"),
            &token,
            Some(json!({})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert!(saved.body.is_empty());
    assert_eq!(
        contains(harness.clone(), token.clone(), uris.clone()).await,
        json!([true, true, true])
    );
    let liked = harness.get("/v1/me/tracks?limit=1", &token).await.json();
    assert_eq!(
        liked["items"][0]["track"]["uri"],
        json!(track),
        "the newest Liked Song"
    );
    let removed = harness
        .call(
            axum::http::Method::DELETE,
            &format!("/v1/me/library?uris={album}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK);
    assert_eq!(
        contains(harness.clone(), token.clone(), uris.clone()).await,
        json!([true, false, true])
    );
}

#[tokio::test]
async fn the_library_refuses_more_than_40_uris_unknown_items_and_missing_scopes() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let track = harness
        .sandbox
        .read(|w| format!("spotify:track:{}", w.catalogue.tracks[0].id));
    let many = vec![track.as_str(); 41].join(",");
    let reply = harness
        .put(&format!("/v1/me/library?uris={many}"), &token, None)
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"]["message"], "Too many ids requested");
    let missing = harness.put("/v1/me/library", &token, None).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    let unknown = format!("spotify:album:{}", "0".repeat(22));
    let reply = harness
        .put(&format!("/v1/me/library?uris={unknown}"), &token, None)
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text());
    let narrow = harness
        .sandbox
        .issue_tokens("alice", &["user-read-private".to_owned()])
        .expect("a seeded user")
        .access_token;
    let reply = harness
        .put(&format!("/v1/me/library?uris={track}"), &narrow, None)
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        harness.get("/v1/me/tracks", &narrow).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_album_comes_with_its_tracks_and_pages_them() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let (album, count) = harness.sandbox.read(|w| {
        (
            w.catalogue.albums[4].id.clone(),
            w.catalogue.albums[4].track_ids.len(),
        )
    });
    let full = harness
        .get(&format!("/v1/albums/{album}"), &token)
        .await
        .json();
    assert_eq!(full["id"], json!(album));
    assert_eq!(full["tracks"]["total"], json!(count));
    assert_eq!(full["total_tracks"], json!(count));
    assert!(
        full.get("popularity").is_none() && full.get("label").is_none(),
        "development mode"
    );
    let page = harness
        .get(
            &format!("/v1/albums/{album}/tracks?limit=2&offset=2"),
            &token,
        )
        .await
        .json();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["items"][0]["track_number"], 3);
    assert!(page["items"][0].get("album").is_none(), "simplified tracks");
}

#[tokio::test]
async fn an_artist_and_their_albums() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let artist = harness.sandbox.read(|w| w.catalogue.artists[5].id.clone());
    let one = harness
        .get(&format!("/v1/artists/{artist}"), &token)
        .await
        .json();
    assert_eq!(one["type"], "artist");
    assert!(one.get("followers").is_none() && one.get("popularity").is_none());
    let albums = harness
        .get(
            &format!("/v1/artists/{artist}/albums?include_groups=album,single"),
            &token,
        )
        .await
        .json();
    let items = albums["items"].as_array().cloned().unwrap_or_default();
    assert!(!items.is_empty());
    assert!(items.iter().all(|a| a["artists"]
        .as_array()
        .is_some_and(|x| x.iter().any(|x| x["id"] == json!(artist)))));
    let singles = harness
        .get(
            &format!("/v1/artists/{artist}/albums?include_groups=single"),
            &token,
        )
        .await
        .json();
    assert_eq!(singles["total"], 0, "every sandbox album is an album");
    let bad = harness
        .get(
            &format!("/v1/artists/{artist}/albums?include_groups=mixtape"),
            &token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn covers_mosaics_and_avatars_are_served_as_svg() {
    let harness = Harness::for_tests();
    let ids: Vec<String> = harness.sandbox.read(|w| {
        w.catalogue.albums[..4]
            .iter()
            .map(|a| a.id.clone())
            .collect()
    });
    for path in [
        format!("/images/album/{}.svg", ids[0]),
        format!("/images/mosaic/{}.svg", ids.join("-")),
        "/images/user/alice.svg".to_owned(),
    ] {
        let reply = harness
            .call(axum::http::Method::GET, &path, None, None)
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.header("content-type").as_deref(),
            Some("image/svg+xml")
        );
        assert!(reply.text().starts_with("<svg"));
    }
    for missing in ["/images/album/nope.svg", "/images/mosaic/a-b.svg"] {
        let reply = harness
            .call(axum::http::Method::GET, missing, None, None)
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

/// The URL of the first image of `object`.
fn first_image(object: &Value) -> String {
    object["images"][0]["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn origin_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

#[tokio::test]
async fn artwork_comes_from_three_origins_other_than_the_apis() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    let base = running.base_url();
    let origins = running.image_origins();
    assert_eq!(origins.len(), 3, "{origins:?}");
    assert!(!origins.contains(&base));
    let token = running
        .sandbox()
        .issue_tokens("alice", &spotify_sandbox::admin::all_scopes())
        .expect("a seeded user")
        .access_token;
    let client = reqwest::Client::new();
    let get = |path: String| {
        let client = client.clone();
        let token = token.clone();
        let base = base.clone();
        async move {
            client
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .await
                .expect("a reply")
                .json::<Value>()
                .await
                .expect("JSON")
        }
    };
    let me = get("/v1/me".to_owned()).await;
    let track = get("/v1/me/top/tracks?limit=1".to_owned()).await;
    // A playlist of four albums or more is a mosaic; make one.
    let created = client
        .post(format!("{base}/v1/me/playlists"))
        .bearer_auth(&token)
        .json(&json!({"name": "Mosaic"}))
        .send()
        .await
        .expect("created")
        .json::<Value>()
        .await
        .expect("JSON");
    let uris: Vec<String> = running.sandbox().read(|w| {
        w.catalogue.albums[..4]
            .iter()
            .map(|a| format!("spotify:track:{}", a.track_ids[0]))
            .collect()
    });
    let id = created["id"].as_str().expect("an id");
    client
        .post(format!("{base}/v1/playlists/{id}/items"))
        .bearer_auth(&token)
        .json(&json!({"uris": uris}))
        .send()
        .await
        .expect("added");
    let playlist = get(format!("/v1/playlists/{id}")).await;
    let urls = [
        first_image(&track["items"][0]["album"]),
        first_image(&playlist),
        first_image(&me),
    ];
    let served: Vec<String> = urls.iter().map(|u| origin_of(u)).collect();
    assert_eq!(served, origins, "covers, mosaics, avatars: {urls:?}");
    for url in urls {
        let reply = client.get(&url).send().await.expect("an image");
        assert_eq!(reply.status().as_u16(), 200, "{url}");
        assert_eq!(
            reply
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("image/svg+xml")
        );
    }
    // An image origin serves images only, like a CDN host.
    let api_there = client
        .get(format!("{}/v1/me", origins[0]))
        .send()
        .await
        .expect("a reply");
    assert_eq!(api_there.status().as_u16(), 404);
}
