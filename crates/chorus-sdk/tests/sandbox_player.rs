//! The Player against the sandbox's emulated Web Playback SDK: real WebSocket sessions,
//! Connect devices, Web API playback, token expiry. One seeded user per test so tests never
//! share a Connect account. Ignored when `CHORUS_SANDBOX_URL` was not set at compile time
//! (`build.rs` turns it into `cfg(chorus_sandbox)`); see `support/mod.rs` for how to run them.
#![cfg(target_arch = "wasm32")]

mod support;

use chorus_sdk::{load_sdk, Player, PlayerEvent, PlayerOptions};
use futures::{FutureExt, StreamExt};
use support::{next_event, ready_device, until, within, Sandbox};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn player_for(sandbox: &Sandbox, user_id: &'static str) -> Player {
    load_sdk(&sandbox.sdk_script_url())
        .await
        .expect("the sandbox serves the SDK");
    let (tokens, _asked) = sandbox.minting_tokens(user_id);
    Player::new(
        PlayerOptions {
            name: format!("Chorus test — {user_id}"),
            volume: 0.8,
        },
        tokens,
    )
    .expect("a player")
}

async fn ready(player: &Player, events: &mut chorus_sdk::PlayerEvents) -> String {
    assert!(
        player.connect().await.expect("connect settles"),
        "connected"
    );
    ready_device("the player", events).await
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn a_premium_player_gets_ready_with_a_device_the_sandbox_lists() {
    let Some(sandbox) = Sandbox::or_skip("a_premium_player_gets_ready") else {
        return;
    };
    let player = player_for(&sandbox, "alice").await;
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;
    assert!(
        sandbox.devices("alice").await.contains(&device_id),
        "the sandbox lists {device_id}"
    );
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn playing_on_the_device_through_the_web_api_delivers_a_state_with_that_track() {
    let Some(sandbox) = Sandbox::or_skip("playing_on_the_device") else {
        return;
    };
    let player = player_for(&sandbox, "bruno").await;
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;
    player.activate_element().await.expect("activated");
    let token = sandbox.mint_token("bruno").await;
    let (uri, name) = sandbox.top_track(&token).await;
    sandbox.play(&token, &device_id, &uri).await;

    let state = next_event("a state with the track", &mut events, |event| match event {
        PlayerEvent::StateChanged(Some(state)) => Some(state),
        _ => None,
    })
    .await;
    let track = state.track_window.current_track.expect("a current track");
    assert_eq!(
        (track.uri.as_str(), track.name.as_str()),
        (uri.as_str(), name.as_str())
    );
    assert!(!state.paused);

    let current = player.current_state().await.expect("getCurrentState");
    let current_uri = current.and_then(|s| s.track_window.current_track.map(|t| t.uri));
    assert_eq!(current_uri.as_deref(), Some(uri.as_str()));

    player.pause().await.expect("paused");
    next_event("a paused state", &mut events, |event| match event {
        PlayerEvent::StateChanged(Some(state)) if state.paused => Some(()),
        _ => None,
    })
    .await;
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn a_free_account_gets_an_account_error() {
    let Some(sandbox) = Sandbox::or_skip("a_free_account_gets_an_account_error") else {
        return;
    };
    // Allowlisted, so the refusal is about Premium and not about the developer dashboard.
    sandbox.allow("ines").await;
    let player = player_for(&sandbox, "ines").await;
    let mut events = player.events();
    // The socket opens before the account is checked: `connect` may say true either way.
    player.connect().await.expect("connect settles");
    let message = next_event("account_error", &mut events, |event| match event {
        PlayerEvent::AccountError { message } => Some(message),
        _ => None,
    })
    .await;
    assert!(message.contains("premium"), "{message}");
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn an_expired_token_makes_the_sdk_ask_the_token_source_again() {
    let Some(sandbox) = Sandbox::or_skip("an_expired_token_makes_the_sdk_ask_again") else {
        return;
    };
    load_sdk(&sandbox.sdk_script_url())
        .await
        .expect("the sandbox serves the SDK");
    let (tokens, mut asked) = sandbox.minting_tokens("chen");
    let player = Player::new(
        PlayerOptions {
            name: "Chorus test — chen".into(),
            volume: 1.0,
        },
        tokens,
    )
    .expect("a player");
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;
    let first = within("the first ask", asked.next()).await.expect("asked");

    sandbox.expire_tokens("chen").await;
    let second = within("a second ask after expiry", asked.next())
        .await
        .expect("asked again");
    assert_ne!(
        first.secret(),
        second.secret(),
        "a fresh token, not the first one"
    );
    // The token source answered, but the SDK sends the token to the sandbox a microtask
    // later: let pending microtasks run, then make one command round trip on the same
    // (ordered) WebSocket, so the sandbox has handled the token before we look.
    support::delay(0).await;
    player.volume().await.expect("a volume round trip");
    let refused = std::iter::from_fn(|| events.next().now_or_never().flatten())
        .find(|event| matches!(event, PlayerEvent::AuthenticationError { .. }));
    assert_eq!(refused, None, "the fresh token was accepted");
    // The sandbox re-arms its expiry check only after accepting a token of this account, so
    // a third ask proves it again.
    sandbox.expire_tokens("chen").await;
    within("a third ask after the second expiry", asked.next())
        .await
        .expect("asked a third time");
    assert!(sandbox.devices("chen").await.contains(&device_id));
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn a_lost_connection_reports_not_ready_then_ready_on_the_same_device() {
    let Some(sandbox) = Sandbox::or_skip("a_lost_connection_reports_not_ready") else {
        return;
    };
    let player = player_for(&sandbox, "emil").await;
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;

    sandbox.cut_connections("emil").await;
    let offline = next_event("not_ready", &mut events, |event| match event {
        PlayerEvent::NotReady { device_id } => Some(device_id),
        _ => None,
    })
    .await;
    assert_eq!(offline, device_id);
    // The SDK reconnects by itself and keeps its device id.
    let back = next_event("ready again", &mut events, |event| match event {
        PlayerEvent::Ready { device_id } => Some(device_id),
        _ => None,
    })
    .await;
    assert_eq!(back, device_id);
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn dropping_the_player_removes_its_device_from_the_sandbox() {
    let Some(sandbox) = Sandbox::or_skip("dropping_the_player_removes_its_device") else {
        return;
    };
    let player = player_for(&sandbox, "dana").await;
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;
    assert!(sandbox.devices("dana").await.contains(&device_id));

    drop(player);
    until("the device to leave the sandbox", || {
        let sandbox = sandbox.clone();
        let device_id = device_id.clone();
        async move { !sandbox.devices("dana").await.contains(&device_id) }
    })
    .await;
    assert_eq!(
        within("the stream to end", events.next()).await,
        None,
        "no events after the player is gone"
    );
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn a_playback_error_arrives_with_its_message_and_the_device_stays_registered() {
    let Some(sandbox) = Sandbox::or_skip("a_playback_error_arrives_with_its_message") else {
        return;
    };
    // Beyond the five seeded in the allowlist.
    sandbox.allow("farah").await;
    let player = player_for(&sandbox, "farah").await;
    let mut events = player.events();
    let device_id = ready(&player, &mut events).await;

    sandbox
        .playback_error("farah", "Cannot perform operation; no list was loaded.")
        .await;
    let message = next_event("playback_error", &mut events, |event| match event {
        PlayerEvent::PlaybackError { message } => Some(message),
        _ => None,
    })
    .await;
    assert_eq!(message, "Cannot perform operation; no list was loaded.");
    assert!(sandbox.devices("farah").await.contains(&device_id));
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn a_browser_without_eme_gets_an_initialization_error() {
    let Some(sandbox) = Sandbox::or_skip("a_browser_without_eme_gets_an_initialization_error")
    else {
        return;
    };
    let player = player_for(&sandbox, "hana").await;
    let mut events = player.events();
    // The switch is global to the sandbox: turn it off again before asserting anything.
    sandbox.set_no_eme(true).await;
    let outcome = support::before_deadline(async {
        player.connect().await.expect("connect settles");
        loop {
            match events.next().await {
                Some(PlayerEvent::InitializationError { message }) => break Some(message),
                Some(_) => continue,
                None => break None,
            }
        }
    })
    .await;
    sandbox.set_no_eme(false).await;
    let message = outcome
        .flatten()
        .expect("an initialization_error before the deadline");
    assert!(message.contains("EME"), "{message}");
}
