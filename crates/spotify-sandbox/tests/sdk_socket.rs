//! The emulated SDK over a real socket: the script, device registration, state pushes, the one
//! stream rule as the SDK sees it, and every error event.
//! Run: `cargo test -p spotify-sandbox --test sdk_socket`.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use spotify_sandbox::{spawn, RunningSandbox, SandboxConfig};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{connect_async, MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Waiting is bounded so a broken push fails the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(5);

async fn sandbox() -> RunningSandbox {
    let mut config = SandboxConfig::for_tests();
    config.allowlist_size = 10;
    spawn(config).await.expect("the sandbox starts")
}

fn token(running: &RunningSandbox, user: &str) -> String {
    running
        .sandbox()
        .issue_tokens(user, &spotify_sandbox::admin::all_scopes())
        .expect("a seeded user")
        .access_token
}

async fn open(running: &RunningSandbox, token: &str, activated: bool) -> Socket {
    let url = format!("{}/sdk/ws", running.base_url().replacen("http", "ws", 1));
    let (mut socket, _) = connect_async(url).await.expect("the socket opens");
    let hello = json!({"type": "hello", "token": token, "name": "Chorus tab", "volume": 0.5, "activated": activated});
    socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .expect("hello is sent");
    socket
}

/// The next server message of `kind` (others are skipped), or `None` if the socket closed.
async fn next_of(socket: &mut Socket, kind: &str) -> Option<Value> {
    let wait = async {
        while let Some(Ok(message)) = socket.next().await {
            if let Message::Text(text) = message {
                let value: Value =
                    serde_json::from_str(text.as_str()).expect("JSON from the sandbox");
                if value["type"] == kind {
                    return Some(value);
                }
            }
        }
        None
    };
    tokio::time::timeout(PATIENCE, wait)
        .await
        .expect("the sandbox answered in time")
}

/// The next state push matching `wanted`.
async fn state_where(socket: &mut Socket, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = next_of(socket, "state").await.expect("a state push");
        if wanted(&message["state"]) {
            return message["state"].clone();
        }
    }
}

async fn ready(socket: &mut Socket) -> String {
    let ready = next_of(socket, "ready").await.expect("ready");
    ready["device_id"].as_str().expect("a device id").to_owned()
}

async fn play_on(running: &RunningSandbox, token: &str, device: &str) {
    let album = running
        .sandbox()
        .read(|w| format!("spotify:album:{}", w.catalogue.albums[0].id));
    let status = reqwest::Client::new()
        .put(format!(
            "{}/v1/me/player/play?device_id={device}",
            running.base_url()
        ))
        .bearer_auth(token)
        .json(&json!({"context_uri": album}))
        .send()
        .await
        .expect("play is sent")
        .status();
    assert_eq!(status.as_u16(), 204);
}

#[tokio::test]
async fn the_script_is_served_as_javascript_and_calls_the_ready_hook() {
    let running = sandbox().await;
    let reply = reqwest::get(format!("{}/spotify-player.js", running.base_url()))
        .await
        .expect("script");
    let content_type = reply
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert!(content_type.is_some_and(|c| c.starts_with("text/javascript")));
    let script = reply.text().await.expect("text");
    assert!(script.contains("window.Spotify = { Player: Player }"));
    assert!(script.contains("onSpotifyWebPlaybackSDKReady"));
    assert!(!script.contains("eval("), "must run under a strict CSP");
}

#[tokio::test]
async fn connecting_registers_a_computer_device() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    let devices: Value = reqwest::Client::new()
        .get(format!("{}/v1/me/player/devices", running.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("devices")
        .json()
        .await
        .expect("json");
    assert_eq!(devices["devices"][0]["id"], json!(device_id));
    assert_eq!(devices["devices"][0]["type"], "Computer");
    assert_eq!(devices["devices"][0]["name"], "Chorus tab");
    assert_eq!(devices["devices"][0]["volume_percent"], 50);
}

#[tokio::test]
async fn playback_on_the_device_is_pushed_with_the_full_state_shape() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    play_on(&running, &token, &device_id).await;
    let state = state_where(&mut socket, |s| s["paused"] == false).await;
    for key in [
        "context",
        "disallows",
        "position",
        "duration",
        "repeat_mode",
        "shuffle",
        "timestamp",
        "loading",
        "playback_id",
    ] {
        assert!(state.get(key).is_some(), "{key} is part of the state");
    }
    let current = &state["track_window"]["current_track"];
    assert_eq!(current["type"], "track");
    assert!(current["album"]["images"][0]["url"].is_string());
    assert!(state["track_window"]["next_tracks"].is_array());
    assert_eq!(state["repeat_mode"], 0);
}

#[tokio::test]
async fn when_the_account_plays_elsewhere_the_previous_device_gets_null() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut first = open(&running, &token, true).await;
    let first_id = ready(&mut first).await;
    let mut second = open(&running, &token, true).await;
    let second_id = ready(&mut second).await;
    play_on(&running, &token, &first_id).await;
    state_where(&mut first, |s| s["paused"] == false).await;
    play_on(&running, &token, &second_id).await;
    // The first device pauses, then lets go: a paused state, then null.
    let paused = next_of(&mut first, "state").await.expect("a state push");
    assert_eq!(paused["state"]["paused"], true);
    let released = next_of(&mut first, "state").await.expect("a state push");
    assert_eq!(released["state"], Value::Null);
    state_where(&mut second, |s| s["paused"] == false).await;
}

#[tokio::test]
async fn another_accounts_playback_is_never_pushed() {
    let running = sandbox().await;
    let (alice, bruno) = (token(&running, "alice"), token(&running, "bruno"));
    let mut alice_socket = open(&running, &alice, true).await;
    let alice_device = ready(&mut alice_socket).await;
    let mut bruno_socket = open(&running, &bruno, true).await;
    let bruno_device = ready(&mut bruno_socket).await;
    play_on(&running, &alice, &alice_device).await;
    state_where(&mut alice_socket, |s| s["paused"] == false).await;
    play_on(&running, &bruno, &bruno_device).await;
    state_where(&mut bruno_socket, |s| s["paused"] == false).await;
    // Ask Alice's player for its state: every push before the reply must still be hers, playing.
    let ask = json!({"type": "command", "id": 1, "op": "get_state"});
    alice_socket
        .send(Message::Text(ask.to_string().into()))
        .await
        .expect("sent");
    let reply = loop {
        let message = tokio::time::timeout(PATIENCE, alice_socket.next())
            .await
            .expect("in time");
        let Some(Ok(Message::Text(text))) = message else {
            panic!("alice's socket closed")
        };
        let value: Value = serde_json::from_str(text.as_str()).expect("JSON");
        if value["type"] == "state" {
            assert_eq!(
                value["state"]["paused"], false,
                "bruno's playback never reaches alice"
            );
        }
        if value["type"] == "reply" {
            break value;
        }
    };
    assert_eq!(reply["value"]["paused"], false);
}

#[tokio::test]
async fn player_commands_from_the_page_act_on_its_stream() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    play_on(&running, &token, &device_id).await;
    state_where(&mut socket, |s| s["paused"] == false).await;
    let pause = json!({"type": "command", "id": 7, "op": "pause"});
    socket
        .send(Message::Text(pause.to_string().into()))
        .await
        .expect("sent");
    let reply = next_of(&mut socket, "reply").await.expect("a reply");
    assert_eq!(
        (reply["id"].clone(), reply["value"].clone()),
        (json!(7), json!(true))
    );
    state_where(&mut socket, |s| s["paused"] == true).await;
}

#[tokio::test]
async fn a_free_account_gets_an_account_error() {
    let running = sandbox().await;
    let mut socket = open(&running, &token(&running, "ines"), true).await;
    let error = next_of(&mut socket, "error").await.expect("an error");
    assert_eq!(error["kind"], "account_error");
}

#[tokio::test]
async fn a_bad_token_gets_an_authentication_error() {
    let running = sandbox().await;
    let mut socket = open(&running, "BQnot-a-token", true).await;
    let error = next_of(&mut socket, "error").await.expect("an error");
    assert_eq!(error["kind"], "authentication_error");
    assert_eq!(error["message"], "Invalid access token");
}

#[tokio::test]
async fn an_expired_token_is_asked_for_again() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    ready(&mut socket).await;
    running.sandbox().expire_access_tokens("alice");
    assert!(next_of(&mut socket, "token_expired").await.is_some());
}

#[tokio::test]
async fn playback_without_activate_element_reports_autoplay_failed() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, false).await;
    let device_id = ready(&mut socket).await;
    play_on(&running, &token, &device_id).await;
    assert!(next_of(&mut socket, "autoplay_failed").await.is_some());
}

#[tokio::test]
async fn simulated_missing_eme_fails_initialization() {
    let running = sandbox().await;
    running.sandbox().set_simulate_no_eme(true);
    let mut socket = open(&running, &token(&running, "alice"), true).await;
    let error = next_of(&mut socket, "error").await.expect("an error");
    assert_eq!(error["kind"], "initialization_error");
}

#[tokio::test]
async fn cutting_connections_closes_the_socket_but_keeps_the_device() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    running
        .sandbox()
        .cut_sdk_connections(Some("alice".to_owned()));
    assert_eq!(
        next_of(&mut socket, "never").await,
        None,
        "the socket closes"
    );
    let still_there = running
        .sandbox()
        .read(|w| w.connect.owner_of_device(&device_id).map(str::to_owned));
    assert_eq!(still_there.as_deref(), Some("alice"));
}

#[tokio::test]
async fn disconnecting_unregisters_the_device() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    socket
        .send(Message::Text(json!({"type": "bye"}).to_string().into()))
        .await
        .expect("bye");
    assert_eq!(
        next_of(&mut socket, "never").await,
        None,
        "the socket closes"
    );
    let owner = running
        .sandbox()
        .read(|w| w.connect.owner_of_device(&device_id).map(str::to_owned));
    assert_eq!(owner, None);
}

#[tokio::test]
async fn with_a_registration_delay_commands_right_after_ready_briefly_404() {
    let mut config = SandboxConfig::for_tests();
    config.sdk_registration_delay = Duration::from_millis(300);
    let running = spawn(config).await.expect("the sandbox starts");
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    let transfer = |client: reqwest::Client| {
        let url = format!("{}/v1/me/player", running.base_url());
        let (token, device_id) = (token.clone(), device_id.clone());
        async move {
            client
                .put(url)
                .bearer_auth(token)
                .json(&json!({"device_ids": [device_id]}))
                .send()
                .await
                .expect("sent")
        }
    };
    let client = reqwest::Client::new();
    let early = transfer(client.clone()).await;
    assert_eq!(early.status().as_u16(), 404);
    assert_eq!(
        early.json::<Value>().await.expect("json")["error"]["message"],
        "Device not found"
    );
    // Retry with a short backoff until the device is known, as the contract tells clients to.
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        if transfer(client.clone()).await.status().as_u16() == 204 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the device never registered"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn current_uri(state: &Value) -> String {
    state["track_window"]["current_track"]["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn advancing_the_manual_clock_past_a_track_end_pushes_the_next_track() {
    let running = sandbox().await;
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    play_on(&running, &token, &device_id).await;
    let first = state_where(&mut socket, |s| s["paused"] == false).await;
    let duration = first["duration"].as_u64().expect("a duration");
    running
        .sandbox()
        .advance_clock(Duration::from_millis(duration + 1_000));
    let first_uri = current_uri(&first);
    let next = state_where(&mut socket, |s| !s.is_null() && current_uri(s) != first_uri).await;
    assert_eq!(next["position"], 1_000);
    assert_eq!(
        next["track_window"]["previous_tracks"][0]["uri"],
        json!(first_uri)
    );
}

#[tokio::test]
async fn under_the_real_clock_a_track_end_is_pushed_without_any_command() {
    let mut config = SandboxConfig::for_tests();
    config.clock = spotify_sandbox::ClockMode::Real;
    let running = spawn(config).await.expect("the sandbox starts");
    let token = token(&running, "alice");
    let mut socket = open(&running, &token, true).await;
    let device_id = ready(&mut socket).await;
    play_on(&running, &token, &device_id).await;
    let first = state_where(&mut socket, |s| s["paused"] == false).await;
    let near_end = first["duration"].as_u64().expect("a duration") - 300;
    let seek = reqwest::Client::new()
        .put(format!(
            "{}/v1/me/player/seek?position_ms={near_end}",
            running.base_url()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("seek");
    assert_eq!(seek.status().as_u16(), 204);
    let first_uri = current_uri(&first);
    state_where(&mut socket, |s| !s.is_null() && current_uri(s) != first_uri).await;
}

#[tokio::test]
async fn a_simulated_authentication_error_keeps_the_socket_open() {
    let running = sandbox().await;
    let mut alice = open(&running, &token(&running, "alice"), true).await;
    ready(&mut alice).await;
    running
        .sandbox()
        .simulate_authentication_error(Some("alice".to_owned()), "Invalid access token");
    let error = next_of(&mut alice, "error").await.expect("an error");
    assert_eq!(
        (error["kind"].clone(), error["message"].clone()),
        (json!("authentication_error"), json!("Invalid access token"))
    );
}

#[tokio::test]
async fn a_simulated_playback_error_reaches_only_that_users_players() {
    let running = sandbox().await;
    let mut alice = open(&running, &token(&running, "alice"), true).await;
    ready(&mut alice).await;
    let mut bruno = open(&running, &token(&running, "bruno"), true).await;
    ready(&mut bruno).await;
    running
        .sandbox()
        .simulate_playback_error(Some("bruno".to_owned()), "no list was loaded");
    let error = next_of(&mut bruno, "error").await.expect("an error");
    assert_eq!(
        (error["kind"].clone(), error["message"].clone()),
        (json!("playback_error"), json!("no list was loaded"))
    );
    // Alice's socket stays open and quiet: her next reply comes without an error before it.
    let ask = json!({"type": "command", "id": 3, "op": "get_volume"});
    alice
        .send(Message::Text(ask.to_string().into()))
        .await
        .expect("sent");
    loop {
        let message = tokio::time::timeout(PATIENCE, alice.next())
            .await
            .expect("in time");
        let Some(Ok(Message::Text(text))) = message else {
            panic!("alice's socket closed")
        };
        let value: Value = serde_json::from_str(text.as_str()).expect("JSON");
        assert_ne!(value["type"], "error", "alice gets no playback error");
        if value["type"] == "reply" {
            break;
        }
    }
}
