//! What any well-behaved Spotify client meets (issue #19): trailing slashes, links that can be
//! followed, every body form Spotify accepts with its precedence, 405 with the error object,
//! `Content-Type` tolerance, ids and URIs checked with Spotify's messages, the endpoints removed
//! for development-mode apps answering 403.
//! Run: `cargo test -p spotify-sandbox --test web_api_fidelity`.

mod support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use support::{Harness, Reply, CLIENT_ID};

fn assert_error(reply: &Reply, status: StatusCode, message: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({"error": {"status": status.as_u16(), "message": message}})
    );
}

/// The path (and query) of one of the sandbox's absolute links.
fn path_of(link: &Value) -> String {
    let url = url::Url::parse(link.as_str().expect("a link")).expect("an absolute link");
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

#[tokio::test]
async fn a_trailing_slash_is_forgiven_as_spotify_forgives_it() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    for path in ["/v1/me/", "/v1/me/playlists/", "/v1/me/player/devices/"] {
        let reply = harness.get(path, &token).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text());
    }
    assert_eq!(harness.get("/v1/me/", &token).await.json()["id"], "alice");
}

#[tokio::test]
async fn every_link_the_sandbox_writes_can_be_followed() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    // Search paging carries `query=`, as Spotify's does; following it gives the next page.
    let first = harness
        .get("/v1/search?q=E&type=track&limit=2", &token)
        .await
        .json();
    let next = &first["tracks"]["next"];
    assert!(
        next.as_str().is_some_and(|n| n.contains("query=")),
        "{next}"
    );
    let second = harness.get(&path_of(next), &token).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    assert_eq!(second.json()["tracks"]["offset"], 2);
    let back = harness
        .get(&path_of(&second.json()["tracks"]["previous"]), &token)
        .await;
    assert_eq!(back.json()["tracks"]["items"], first["tracks"]["items"]);
    // Every href of a track, its album and artists, a playlist and a page answers 200.
    let playlist = harness.get("/v1/me/playlists?limit=1", &token).await.json();
    let track = harness
        .get("/v1/me/top/tracks?limit=1", &token)
        .await
        .json();
    let item = &track["items"][0];
    for link in [
        &playlist["href"],
        &playlist["items"][0]["href"],
        &playlist["items"][0]["items"]["href"],
        &item["href"],
        &item["album"]["href"],
        &item["artists"][0]["href"],
        &track["next"],
    ] {
        let reply = harness.get(&path_of(link), &token).await;
        assert_eq!(reply.status, StatusCode::OK, "{link}: {}", reply.text());
    }
    // external_urls lead to the sandbox's stand-in for open.spotify.com.
    let open = harness
        .get(&path_of(&item["external_urls"]["spotify"]), &token)
        .await;
    assert_eq!(open.status, StatusCode::OK);
    assert!(open.text().contains(item["name"].as_str().unwrap_or("?")));
}

#[tokio::test]
async fn playlist_items_come_as_an_object_a_bare_array_or_the_query_which_wins() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let (playlist, a, b) = harness.sandbox.read(|w| {
        (
            w.library.playlists_of("alice")[0].id.clone(),
            format!("spotify:track:{}", w.catalogue.tracks[3].id),
            format!("spotify:track:{}", w.catalogue.tracks[4].id),
        )
    });
    let path = format!("/v1/playlists/{playlist}/items");
    let last_uri = |harness: Harness| {
        let path = path.clone();
        let token = token.clone();
        async move {
            let page = harness
                .get(&format!("{path}?limit=100"), &token)
                .await
                .json();
            let items = page["items"].as_array().cloned().unwrap_or_default();
            items.last().map(|i| i["item"]["uri"].clone())
        }
    };
    let object = harness
        .post(&path, &token, Some(json!({"uris": [a]})))
        .await;
    assert_eq!(object.status, StatusCode::CREATED, "{}", object.text());
    assert_eq!(last_uri(harness.clone()).await, Some(json!(a)));
    let bare = harness.post(&path, &token, Some(json!([b]))).await;
    assert_eq!(bare.status, StatusCode::CREATED, "{}", bare.text());
    assert_eq!(last_uri(harness.clone()).await, Some(json!(b)));
    // Both: "if the uris parameter is present in the query string, any URIs listed in the body
    // will be ignored".
    let both = harness
        .post(
            &format!("{path}?uris={a}"),
            &token,
            Some(json!({"uris": [b]})),
        )
        .await;
    assert_eq!(both.status, StatusCode::CREATED, "{}", both.text());
    assert_eq!(last_uri(harness.clone()).await, Some(json!(a)));
    // Position at the start, from the query.
    harness
        .post(&format!("{path}?uris={b}&position=0"), &token, None)
        .await;
    let page = harness.get(&format!("{path}?limit=1"), &token).await.json();
    assert_eq!(page["items"][0]["item"]["uri"], json!(b));
    let bad = harness
        .post(&path, &token, Some(json!({"uris": ["spotify:track:nope"]})))
        .await;
    assert_error(
        &bad,
        StatusCode::BAD_REQUEST,
        "Invalid track uri: spotify:track:nope",
    );
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405_with_the_error_object() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    for (method, path) in [
        (Method::DELETE, "/v1/me"),
        (Method::POST, "/v1/me/player/pause"),
        (Method::GET, "/v1/me/player/next"),
    ] {
        let reply = harness.call(method.clone(), path, Some(&token), None).await;
        assert_error(&reply, StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
    }
    let unknown = harness.get("/v1/no/such/path", &token).await;
    assert_error(&unknown, StatusCode::NOT_FOUND, "Service not found");
}

#[tokio::test]
async fn json_bodies_are_read_whatever_their_content_type() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    for content_type in [
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "",
    ] {
        let mut request = Request::builder()
            .method(Method::PUT)
            .uri(format!("/v1/me/player/play?device_id={phone}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if !content_type.is_empty() {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let body = Body::from(json!({"context_uri": album}).to_string());
        let reply = harness.send(request.body(body).expect("a request")).await;
        assert_eq!(
            reply.status,
            StatusCode::NO_CONTENT,
            "{content_type}: {}",
            reply.text()
        );
    }
    let request = Request::builder()
        .method(Method::PUT)
        .uri("/v1/me/player/play")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from("{not json"))
        .expect("a request");
    assert_error(
        &harness.send(request).await,
        StatusCode::BAD_REQUEST,
        "Malformed json",
    );
}

#[tokio::test]
async fn the_token_endpoint_reads_a_form_whatever_the_content_type_says() {
    let harness = Harness::for_tests();
    let code = harness.code_for("alice", "user-read-private").await;
    let form = support::form(&[
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", support::REDIRECT),
        ("client_id", CLIENT_ID),
        ("code_verifier", support::VERIFIER),
    ]);
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/token")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(form))
        .expect("a request");
    let reply = harness.send(request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    // A JSON body carries no form field: grant_type is missing (400, never 415).
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"grant_type": "refresh_token"}).to_string(),
        ))
        .expect("a request");
    let reply = harness.send(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json(),
        json!({"error": "unsupported_grant_type", "error_description": "grant_type parameter is missing"})
    );
}

#[tokio::test]
async fn ids_and_uris_are_checked_with_spotifys_messages() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let well_formed_unknown = "0".repeat(22);
    for kind in ["tracks", "albums", "artists", "playlists"] {
        let bad = harness.get(&format!("/v1/{kind}/not-an-id"), &token).await;
        assert_error(&bad, StatusCode::BAD_REQUEST, "Invalid base62 id");
        let unknown = harness
            .get(&format!("/v1/{kind}/{well_formed_unknown}"), &token)
            .await;
        assert_error(&unknown, StatusCode::NOT_FOUND, "Resource not found");
    }
    let bad_uri = harness
        .put("/v1/me/library?uris=spotify:track:short", &token, None)
        .await;
    assert_error(
        &bad_uri,
        StatusCode::BAD_REQUEST,
        "Invalid uri: spotify:track:short",
    );
    let unsupported = harness
        .put(
            &format!("/v1/me/library?uris=spotify:genre:{well_formed_unknown}"),
            &token,
            None,
        )
        .await;
    assert_error(
        &unsupported,
        StatusCode::BAD_REQUEST,
        "Unsupported uri type: genre",
    );
}

#[tokio::test]
async fn endpoints_removed_for_development_mode_answer_403() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let (artist, playlist, track) = harness.sandbox.read(|w| {
        (
            w.catalogue.artists[0].id.clone(),
            w.library.playlists_of("alice")[0].id.clone(),
            w.catalogue.tracks[0].id.clone(),
        )
    });
    for (method, path) in [
        (Method::GET, format!("/v1/artists/{artist}/top-tracks")),
        (Method::GET, format!("/v1/tracks?ids={track}")),
        (Method::GET, format!("/v1/albums?ids={track}")),
        (Method::GET, format!("/v1/artists?ids={artist}")),
        (Method::GET, "/v1/users/bruno".to_owned()),
        (Method::GET, "/v1/users/bruno/playlists".to_owned()),
        (Method::POST, "/v1/users/alice/playlists".to_owned()),
        (Method::GET, format!("/v1/playlists/{playlist}/tracks")),
        (Method::PUT, format!("/v1/me/tracks?ids={track}")),
        (Method::DELETE, format!("/v1/me/tracks?ids={track}")),
        (Method::GET, format!("/v1/me/tracks/contains?ids={track}")),
    ] {
        let reply = harness
            .call(method.clone(), &path, Some(&token), None)
            .await;
        assert_error(&reply, StatusCode::FORBIDDEN, "Forbidden");
    }
}

#[tokio::test]
async fn another_users_playlist_leaves_items_out() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let (own, others) = harness.sandbox.read(|w| {
        (
            w.library.playlists_of("alice")[0].id.clone(),
            w.library.playlists_of("bruno")[0].id.clone(),
        )
    });
    let mine = harness
        .get(&format!("/v1/playlists/{own}"), &token)
        .await
        .json();
    assert!(mine["items"]["items"].is_array(), "own: a page of entries");
    let theirs = harness
        .get(&format!("/v1/playlists/{others}"), &token)
        .await
        .json();
    assert!(theirs.get("items").is_none(), "{theirs}");
    assert!(theirs.get("tracks").is_none());
    assert_eq!(theirs["primary_color"], Value::Null);
}
