//! The account's other devices (a phone, a speaker) added through the admin API: they play on
//! their own with the clock, obey Web API commands sent to their `device_id`, are listed with
//! their type, activity and volume support, and leave plays in recently played like Spotify's.
//! Run: `cargo test -p spotify-sandbox --test web_api_devices`.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::Harness;

async fn add_device(harness: &Harness, user: &str, body: Value) -> String {
    let reply = harness
        .call(
            Method::POST,
            &format!("/_sandbox/users/{user}/devices"),
            None,
            Some(body),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["device_id"]
        .as_str()
        .expect("a device id")
        .to_owned()
}

fn listed<'a>(devices: &'a Value, id: &str) -> &'a Value {
    devices["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .find(|d| d["id"] == json!(id))
        .expect("the device is listed")
}

/// The first album's context and its first three tracks' ids and durations.
fn album(harness: &Harness) -> (String, Vec<(String, u64)>) {
    harness.sandbox.read(|w| {
        let album = &w.catalogue.albums[0];
        let tracks = album
            .track_ids
            .iter()
            .take(3)
            .filter_map(|id| w.catalogue.track(id))
            .map(|t| (t.id.clone(), u64::from(t.duration_ms)))
            .collect();
        (format!("spotify:album:{}", album.id), tracks)
    })
}

async fn recent(harness: &Harness, token: &str, limit: u32) -> Vec<(String, String)> {
    harness
        .get(
            &format!("/v1/me/player/recently-played?limit={limit}"),
            token,
        )
        .await
        .json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["track"]["id"].as_str().unwrap_or_default().to_owned(),
                i["played_at"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn iso(ms: u64) -> String {
    spotify_sandbox::web_api::objects::iso8601(ms)
}

#[tokio::test]
async fn devices_added_through_the_admin_api_are_listed_with_type_activity_and_volume_support() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = add_device(
        &harness,
        "alice",
        json!({"name": "Alice's iPhone", "supports_volume": false}),
    )
    .await;
    let speaker = add_device(
        &harness,
        "alice",
        json!({"name": "Kitchen", "type": "Speaker", "volume_percent": 35}),
    )
    .await;
    let devices = harness.get("/v1/me/player/devices", &token).await.json();
    let (phone_entry, speaker_entry) = (listed(&devices, &phone), listed(&devices, &speaker));
    assert_eq!(phone_entry["type"], "Smartphone");
    assert_eq!(phone_entry["supports_volume"], false);
    assert_eq!(phone_entry["is_active"], false);
    assert_eq!(speaker_entry["type"], "Speaker");
    assert_eq!(speaker_entry["supports_volume"], true);
    assert_eq!(speaker_entry["volume_percent"], 35);

    let (context, _) = album(&harness);
    let play = harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    assert_eq!(play.status, StatusCode::NO_CONTENT);
    let devices = harness.get("/v1/me/player/devices", &token).await.json();
    assert_eq!(listed(&devices, &phone)["is_active"], true);
    assert_eq!(listed(&devices, &speaker)["is_active"], false);

    let bad = harness
        .call(
            Method::POST,
            "/_sandbox/users/alice/devices",
            None,
            Some(json!({"name": "Toaster", "type": "Toaster"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_phone_obeys_every_command_sent_to_its_device_id() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = add_device(&harness, "alice", json!({"name": "Phone"})).await;
    let (context, tracks) = album(&harness);
    let on = |path: &str| format!("{path}?device_id={phone}");
    let with = |path: &str, query: &str| format!("{path}?{query}&device_id={phone}");
    harness
        .put(
            &on("/v1/me/player/play"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    let steps = [
        (Method::PUT, on("/v1/me/player/pause")),
        (Method::PUT, with("/v1/me/player/seek", "position_ms=30000")),
        (Method::PUT, on("/v1/me/player/play")),
        (Method::POST, on("/v1/me/player/next")),
        (Method::POST, on("/v1/me/player/next")),
        (Method::POST, on("/v1/me/player/previous")),
        (Method::PUT, with("/v1/me/player/shuffle", "state=true")),
        (Method::PUT, with("/v1/me/player/repeat", "state=context")),
        (
            Method::PUT,
            with("/v1/me/player/volume", "volume_percent=55"),
        ),
    ];
    for (method, path) in steps {
        let reply = harness.call(method, &path, Some(&token), None).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{path}");
    }
    let state = harness.get("/v1/me/player", &token).await.json();
    assert_eq!(state["device"]["id"], json!(phone));
    assert_eq!(
        state["item"]["id"],
        json!(tracks[1].0),
        "next, next, previous"
    );
    assert_eq!(state["is_playing"], true);
    assert_eq!(state["shuffle_state"], true);
    assert_eq!(state["repeat_state"], "context");
    assert_eq!(state["device"]["volume_percent"], 55);
}

#[tokio::test]
async fn a_phone_without_volume_control_answers_volume_control_disallow() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = add_device(
        &harness,
        "alice",
        json!({"name": "iPhone", "supports_volume": false}),
    )
    .await;
    let (context, _) = album(&harness);
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    let reply = harness
        .put(
            &format!("/v1/me/player/volume?volume_percent=20&device_id={phone}"),
            &token,
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.json(),
        json!({"error": {"status": 403, "message": "Player command failed: Cannot control device volume", "reason": "VOLUME_CONTROL_DISALLOW"}})
    );
}

#[tokio::test]
async fn a_phone_plays_on_with_the_manual_clock_and_its_plays_are_recently_played() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = add_device(&harness, "alice", json!({"name": "Phone"})).await;
    let (context, tracks) = album(&harness);
    let start = harness.sandbox.now_ms();
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    // Two whole tracks and 40 s of the third go by with nobody watching.
    harness.advance_ms(tracks[0].1 + tracks[1].1 + 40_000);
    let state = harness.get("/v1/me/player", &token).await.json();
    assert_eq!(state["item"]["id"], json!(tracks[2].0));
    assert_eq!(state["progress_ms"], 40_000);
    let first_end = start + tracks[0].1;
    let second_end = first_end + tracks[1].1;
    assert_eq!(
        recent(&harness, &token, 2).await,
        [
            (tracks[1].0.clone(), iso(second_end)),
            (tracks[0].0.clone(), iso(first_end)),
        ],
        "played_at is when each track ended, newest first"
    );
    // Skipped from after 40 s: a play at the moment it was left, with its context.
    harness
        .post(
            &format!("/v1/me/player/next?device_id={phone}"),
            &token,
            None,
        )
        .await;
    let page = harness
        .get("/v1/me/player/recently-played?limit=1", &token)
        .await
        .json();
    assert_eq!(page["items"][0]["track"]["id"], json!(tracks[2].0));
    assert_eq!(
        page["items"][0]["played_at"],
        json!(iso(second_end + 40_000))
    );
    assert_eq!(page["items"][0]["context"]["uri"], json!(context));
}

#[tokio::test]
async fn recently_played_serves_only_the_fifty_most_recent_plays() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let phone = add_device(&harness, "alice", json!({"name": "Phone"})).await;
    let (context, tracks) = album(&harness);
    harness
        .put(
            &format!("/v1/me/player/play?device_id={phone}"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    harness
        .put("/v1/me/player/repeat?state=track", &token, None)
        .await;
    harness.advance_ms(tracks[0].1 * 30);
    let token = harness.token("alice"); // the first expired meanwhile
    let all = harness.sandbox.read(|w| {
        let now = w.now_ms();
        w.connect.account("alice", now).history().len()
    });
    assert!(all > 50, "the seeded day holds more than 50 plays ({all})");
    let newest = recent(&harness, &token, 50).await;
    assert_eq!(newest.len(), 50);
    let oldest_served = newest.last().map(|(_, at)| at.clone()).unwrap_or_default();
    let before_ms = harness.sandbox.read(|w| {
        let now = w.now_ms();
        let mut times: Vec<u64> = w
            .connect
            .account("alice", now)
            .history()
            .iter()
            .map(|p| p.played_at_ms)
            .collect();
        times.sort_unstable();
        times[times.len() - 50]
    });
    assert_eq!(oldest_served, iso(before_ms));
    let older = harness
        .get(
            &format!("/v1/me/player/recently-played?limit=50&before={before_ms}"),
            &token,
        )
        .await
        .json();
    assert_eq!(older["items"], json!([]), "nothing beyond the last 50");
}

#[tokio::test]
async fn a_device_removed_through_the_admin_api_is_gone_and_its_stream_stops() {
    let harness = Harness::for_tests();
    let token = harness.token("alice");
    let speaker = add_device(
        &harness,
        "alice",
        json!({"name": "Kitchen", "type": "Speaker"}),
    )
    .await;
    let (context, _) = album(&harness);
    harness
        .put(
            &format!("/v1/me/player/play?device_id={speaker}"),
            &token,
            Some(json!({"context_uri": context})),
        )
        .await;
    let removed = harness
        .call(
            Method::DELETE,
            &format!("/_sandbox/devices/{speaker}"),
            None,
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let devices = harness.get("/v1/me/player/devices", &token).await.json();
    assert_eq!(devices["devices"], json!([]));
    assert_eq!(
        harness.get("/v1/me/player", &token).await.status,
        StatusCode::NO_CONTENT
    );
    let again = harness
        .call(
            Method::DELETE,
            &format!("/_sandbox/devices/{speaker}"),
            None,
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_call_log_counts_each_users_web_api_calls_with_their_status() {
    let harness = Harness::for_tests();
    let (alice, bruno) = (harness.token("alice"), harness.token("bruno"));
    let since = spotify_sandbox::call_log::wall_now_ms();
    harness.get("/v1/me/player", &alice).await;
    harness.get("/v1/me/player/devices", &alice).await;
    harness.get("/v1/me", &bruno).await;
    harness
        .put("/v1/me/player/pause?device_id=nowhere", &alice, None)
        .await;
    let log = harness
        .call(
            Method::GET,
            &format!("/_sandbox/calls?user_id=alice&since_ms={since}"),
            None,
            None,
        )
        .await
        .json();
    let calls: Vec<(String, String, Option<String>, u64)> = log["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| {
            (
                c["method"].as_str().unwrap_or_default().to_owned(),
                c["path"].as_str().unwrap_or_default().to_owned(),
                c["query"].as_str().map(str::to_owned),
                c["status"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            ("GET".into(), "/v1/me/player".into(), None, 204),
            ("GET".into(), "/v1/me/player/devices".into(), None, 200),
            (
                "PUT".into(),
                "/v1/me/player/pause".into(),
                Some("device_id=nowhere".into()),
                404
            ),
        ]
    );
    assert_eq!(harness.sandbox.calls(Some("bruno"), since).len(), 1);
}
