//! Several accounts in one page against the emulated SDK (issue 3's browser test): two
//! Premium accounts and a free one, with the event sequence of each, including the hand-over
//! when one account plays in two players (one account, one stream; other accounts untouched).
#![cfg(target_arch = "wasm32")]

mod support;

use chorus_sdk::{load_sdk, Player, PlayerEvent, PlayerEvents, PlayerOptions};
use support::{next_event, ready_device, Sandbox};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn connected(sandbox: &Sandbox, user: &'static str, label: &str) -> (Player, PlayerEvents) {
    let (tokens, _asked) = sandbox.minting_tokens(user);
    let player = Player::new(
        PlayerOptions {
            name: format!("Chorus test — {label}"),
            volume: 0.5,
        },
        tokens,
    )
    .expect("a player");
    let events = player.events();
    player.connect().await.expect("connect settles");
    (player, events)
}

async fn playing(events: &mut PlayerEvents, uri: &str) {
    next_event("a playing state", events, |event| match event {
        PlayerEvent::StateChanged(Some(state))
            if !state.paused
                && state
                    .track_window
                    .current_track
                    .as_ref()
                    .is_some_and(|t| t.uri == uri) =>
        {
            Some(())
        }
        _ => None,
    })
    .await
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(chorus_sandbox),
    ignore = "needs CHORUS_SANDBOX_URL at compile time"
)]
async fn two_premium_accounts_and_a_free_one_each_get_their_own_event_sequence() {
    let Some(sandbox) = Sandbox::or_skip("two_premium_accounts_and_a_free_one") else {
        return;
    };
    load_sdk(&sandbox.sdk_script_url())
        .await
        .expect("the sandbox serves the SDK");
    for user in ["goran", "hana", "jonas"] {
        sandbox.allow(user).await;
    }

    // goran in two players (two tabs of one account), hana in one, jonas (free) in one.
    let (goran_a, mut goran_a_events) = connected(&sandbox, "goran", "goran A").await;
    let (goran_b, mut goran_b_events) = connected(&sandbox, "goran", "goran B").await;
    let (hana, mut hana_events) = connected(&sandbox, "hana", "hana").await;
    let (_jonas, mut jonas_events) = connected(&sandbox, "jonas", "jonas").await;
    let device_a = ready_device("goran A", &mut goran_a_events).await;
    let device_b = ready_device("goran B", &mut goran_b_events).await;
    let device_hana = ready_device("hana", &mut hana_events).await;
    assert_ne!(device_a, device_b, "each player is its own device");
    let message = next_event(
        "jonas's account_error",
        &mut jonas_events,
        |event| match event {
            PlayerEvent::AccountError { message } => Some(message),
            PlayerEvent::Ready { .. } => panic!("a free account must not get a ready device"),
            _ => None,
        },
    )
    .await;
    assert!(message.to_lowercase().contains("premium"), "{message}");

    for player in [&goran_a, &goran_b, &hana] {
        player.activate_element().await.expect("activated");
    }
    let goran_token = sandbox.mint_token("goran").await;
    let hana_token = sandbox.mint_token("hana").await;
    let (goran_track, _) = sandbox.top_track(&goran_token).await;
    let (hana_track, _) = sandbox.top_track(&hana_token).await;

    sandbox.play(&goran_token, &device_a, &goran_track).await;
    playing(&mut goran_a_events, &goran_track).await;
    sandbox.play(&hana_token, &device_hana, &hana_track).await;
    playing(&mut hana_events, &hana_track).await;

    // goran starts playing in the second player: the first pauses, then learns the stream left.
    sandbox.play(&goran_token, &device_b, &goran_track).await;
    playing(&mut goran_b_events, &goran_track).await;
    next_event(
        "goran A hears the stream left",
        &mut goran_a_events,
        |event| match event {
            PlayerEvent::StateChanged(None) => Some(()),
            _ => None,
        },
    )
    .await;
    let a_now = goran_a.current_state().await.expect("getCurrentState");
    assert!(a_now.is_none(), "goran A is no longer the device playing");

    // hana never noticed: still playing her track.
    let hana_now = hana
        .current_state()
        .await
        .expect("getCurrentState")
        .expect("hana's state");
    assert!(
        !hana_now.paused,
        "another account's hand-over must not pause hana"
    );
    assert_eq!(
        hana_now
            .track_window
            .current_track
            .map(|t| t.uri)
            .as_deref(),
        Some(hana_track.as_str())
    );
}
