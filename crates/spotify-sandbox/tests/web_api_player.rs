//! The Connect rules through the Web API: one stream per account, independent accounts, track end
//! with the manual clock, queue, transfer and the player's error reasons.
//! Run: `cargo test -p spotify-sandbox --test web_api_player`.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::Harness;

#[tokio::test]
async fn nothing_active_answers_204_with_an_empty_body() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    for path in ["/v1/me/player", "/v1/me/player/currently-playing"] {
        let reply = harness.get(path, &token).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{path}");
        assert!(reply.body.is_empty());
    }
}

#[tokio::test]
async fn commands_without_an_active_device_find_none() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let reply = harness.put("/v1/me/player/pause", &token, None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["reason"], "NO_ACTIVE_DEVICE");
    assert_eq!(
        reply.json()["error"]["message"],
        "Player command failed: No active device found"
    );
}

#[tokio::test]
async fn an_unknown_device_is_not_found() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let reply = harness
        .put(
            "/v1/me/player",
            &token,
            Some(json!({"device_ids": ["gone"]})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.json(),
        json!({"error": {"status": 404, "message": "Device not found"}})
    );
}

#[tokio::test]
async fn transfer_accepts_exactly_one_device() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let (a, b) = (harness.phone("alice"), harness.phone("alice"));
    let two = harness
        .put("/v1/me/player", &token, Some(json!({"device_ids": [a, b]})))
        .await;
    assert_eq!(two.status, StatusCode::BAD_REQUEST);
    let one = harness
        .put(
            "/v1/me/player",
            &token,
            Some(json!({"device_ids": [a], "play": false})),
        )
        .await;
    assert_eq!(one.status, StatusCode::NO_CONTENT);
    let devices = harness.get("/v1/me/player/devices", &token).await.json();
    let active: Vec<_> = devices["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .filter(|d| d["is_active"] == true)
        .collect();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0]["id"], json!(a));
}

#[tokio::test]
async fn playing_an_album_reports_state_and_progress_from_the_clock() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    let play = harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": album, "offset": {"position": 1}, "position_ms": 1000})),
        )
        .await;
    assert_eq!(play.status, StatusCode::NO_CONTENT, "{}", play.text());
    harness.advance_ms(4_000);
    let state = harness.get("/v1/me/player", &token).await.json();
    assert_eq!(state["is_playing"], true);
    assert_eq!(state["progress_ms"], 5_000);
    assert_eq!(state["device"]["id"], json!(phone));
    assert_eq!(state["context"]["uri"], json!(album));
    let second_track = harness
        .sandbox
        .read(|w| w.catalogue.albums[0].track_ids[1].clone());
    assert_eq!(state["item"]["id"], json!(second_track));
    assert_eq!(state["actions"]["disallows"]["resuming"], true);
}

#[tokio::test]
async fn pausing_twice_violates_a_restriction() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": album})),
        )
        .await;
    assert_eq!(
        harness
            .put("/v1/me/player/pause", &token, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let again = harness.put("/v1/me/player/pause", &token, None).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert_eq!(again.json()["error"]["reason"], "UNKNOWN");
    assert_eq!(
        again.json()["error"]["message"],
        "Player command failed: Restriction violated"
    );
}

#[tokio::test]
async fn one_account_has_one_stream_and_other_accounts_are_independent() {
    let harness = Harness::for_tests();
    let (alice, bruno) = (harness.token("alice"), harness.token("bruno"));
    let (phone, laptop, bruno_phone) = (
        harness.phone("alice"),
        harness.phone("alice"),
        harness.phone("bruno"),
    );
    let album = harness.first_album_uri();
    let body = Some(json!({"context_uri": album}));
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &alice,
            body.clone(),
        )
        .await;
    harness
        .put(
            &format!("/v1/me/player/play?device_id={bruno_phone}"),
            &bruno,
            body.clone(),
        )
        .await;
    harness
        .put(
            &format!("/v1/me/player/play?device_id={laptop}"),
            &alice,
            body,
        )
        .await;

    let alice_state = harness.get("/v1/me/player", &alice).await.json();
    assert_eq!(
        alice_state["device"]["id"],
        json!(laptop),
        "the stream moved to the laptop"
    );
    let alice_devices = harness.get("/v1/me/player/devices", &alice).await.json();
    let phone_entry = alice_devices["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .find(|d| d["id"] == json!(phone))
        .cloned();
    assert_eq!(
        phone_entry.map(|d| d["is_active"].clone()),
        Some(json!(false))
    );

    let bruno_state = harness.get("/v1/me/player", &bruno).await.json();
    assert_eq!(
        bruno_state["device"]["id"],
        json!(bruno_phone),
        "bruno is untouched"
    );
    assert_eq!(bruno_state["is_playing"], true);
}

#[tokio::test]
async fn a_finished_track_advances_and_lands_in_recently_played() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let (album, first, first_ms, second) = harness.sandbox.read(|w| {
        let album = &w.catalogue.albums[0];
        let first = w.catalogue.track(&album.track_ids[0]).expect("track");
        (
            format!("spotify:album:{}", album.id),
            first.id.clone(),
            u64::from(first.duration_ms),
            album.track_ids[1].clone(),
        )
    });
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": album})),
        )
        .await;
    harness.advance_ms(first_ms + 2_000);
    let state = harness
        .get("/v1/me/player/currently-playing", &token)
        .await
        .json();
    assert_eq!(state["item"]["id"], json!(second));
    assert_eq!(state["progress_ms"], 2_000);
    let recent = harness
        .get("/v1/me/player/recently-played?limit=1", &token)
        .await
        .json();
    assert_eq!(recent["items"][0]["track"]["id"], json!(first));
    assert_eq!(recent["items"][0]["context"]["uri"], json!(album));
}

#[tokio::test]
async fn queued_tracks_come_next() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    let queued = harness.sandbox.read(|w| w.catalogue.tracks[100].id.clone());
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": album})),
        )
        .await;
    let add = harness
        .post(
            &format!("/v1/me/player/queue?uri=spotify:track:{queued}"),
            &token,
            None,
        )
        .await;
    assert_eq!(add.status, StatusCode::NO_CONTENT);
    let queue = harness.get("/v1/me/player/queue", &token).await.json();
    assert_eq!(queue["queue"][0]["id"], json!(queued));
    assert!(queue["currently_playing"]["id"].is_string());
    assert_eq!(
        harness
            .post("/v1/me/player/next", &token, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let state = harness.get("/v1/me/player", &token).await.json();
    assert_eq!(state["item"]["id"], json!(queued));
}

#[tokio::test]
async fn shuffle_repeat_volume_and_seek_validate_and_apply() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = harness.phone("alice");
    let album = harness.first_album_uri();
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": album})),
        )
        .await;
    assert_eq!(
        harness
            .put("/v1/me/player/shuffle?state=maybe", &token, None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        harness
            .put("/v1/me/player/repeat?state=forever", &token, None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        harness
            .put("/v1/me/player/volume?volume_percent=101", &token, None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        harness.put("/v1/me/player/seek", &token, None).await.status,
        StatusCode::BAD_REQUEST
    );
    for path in [
        "/v1/me/player/shuffle?state=true",
        "/v1/me/player/repeat?state=track",
        "/v1/me/player/volume?volume_percent=40",
        "/v1/me/player/seek?position_ms=60000",
    ] {
        assert_eq!(
            harness.put(path, &token, None).await.status,
            StatusCode::NO_CONTENT,
            "{path}"
        );
    }
    let state = harness.get("/v1/me/player", &token).await.json();
    assert_eq!(
        (
            state["shuffle_state"].clone(),
            state["repeat_state"].clone()
        ),
        (json!(true), json!("track"))
    );
    assert_eq!(state["device"]["volume_percent"], 40);
    assert_eq!(state["progress_ms"], 60_000);
}

#[tokio::test]
async fn recently_played_cursors_are_exclusive() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let page = harness
        .get("/v1/me/player/recently-played?limit=3", &token)
        .await
        .json();
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    let before: u64 = page["cursors"]["before"]
        .as_str()
        .expect("before")
        .parse()
        .expect("ms");
    let older = harness
        .get(
            &format!("/v1/me/player/recently-played?limit=3&before={before}"),
            &token,
        )
        .await
        .json();
    let older_times: Vec<_> = older["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["played_at"].clone())
        .collect();
    assert!(
        !older_times.contains(&items[2]["played_at"]),
        "before is exclusive"
    );
    let after: u64 = older["cursors"]["after"]
        .as_str()
        .expect("after")
        .parse()
        .expect("ms");
    let newer = harness
        .get(
            &format!("/v1/me/player/recently-played?limit=50&after={after}"),
            &token,
        )
        .await
        .json();
    let newer_times: Vec<_> = newer["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["played_at"].clone())
        .collect();
    assert!(
        !newer_times.contains(&older["items"][0]["played_at"]),
        "after is exclusive"
    );
    assert!(newer_times.contains(&items[2]["played_at"]));
    let both = harness
        .get("/v1/me/player/recently-played?after=1&before=2", &token)
        .await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
}
