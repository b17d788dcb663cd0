//! Each tab its own Web Playback device (issue 6): several listeners play at once, one account
//! plays in one place, and a free account gets a calm read-only explanation.

use std::time::Duration;

use chorus_browser_tests::remote_world::{calls_since, wall_ms};
use chorus_browser_tests::world::{account, is_playing, until_sandbox};
use chorus_browser_tests::{flows, run, run_with, Browser, HarnessError, Result, UserApi};
use serde_json::Value;
use spotify_sandbox::config::SandboxConfig;

/// Waits until this tab's device is up and "Start playing here" can be clicked.
async fn ready_to_start(browser: &Browser) -> Result<()> {
    browser
        .wait_for(
            "the Start playing here button to be enabled",
            "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
        )
        .await?;
    Ok(())
}

/// Signs the current tab in as `user`, waits for its player and starts playback there.
async fn start_playing_as(browser: &Browser, user: &str) -> Result<()> {
    flows::sign_in_as(browser, user).await?;
    ready_to_start(browser).await?;
    browser.click("#start-here").await?;
    wait_playing_in_ui(browser).await
}

async fn wait_playing_in_ui(browser: &Browser) -> Result<()> {
    browser
        .wait_for(
            "the tab to show a playing track",
            "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause' && !!document.querySelector('#track-title');",
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn three_listeners_play_at_once_and_pausing_one_leaves_the_others_playing() -> Result<()> {
    run("player-three-listeners", async |stack, browser| {
        let since = wall_ms();
        browser.goto(stack.app_url()).await?;
        let alice = browser.current_tab().await?;
        start_playing_as(browser, "alice").await?;
        let bruno = browser.open_tab(stack.app_url()).await?;
        start_playing_as(browser, "bruno").await?;
        let chen = browser.open_tab(stack.app_url()).await?;
        start_playing_as(browser, "chen").await?;

        let state = until_sandbox(stack, "alice, bruno and chen all playing", |s| {
            ["alice", "bruno", "chen"].iter().all(|u| is_playing(s, u))
        })
        .await?;
        // Each plays on the Web Playback device of its own tab.
        for user in ["alice", "bruno", "chen"] {
            let account = account(&state, user).ok_or_else(|| HarnessError::Assertion(format!("no account {user}")))?;
            let device_id = &account["playback"]["device_id"];
            let device = account["devices"]
                .as_array()
                .and_then(|ds| ds.iter().find(|d| &d["id"] == device_id))
                .ok_or_else(|| HarnessError::Assertion(format!("{user} plays on an unknown device")))?;
            assert!(
                device["name"].as_str().is_some_and(|n| n.starts_with("Chorus · ")),
                "{user} plays on {device}"
            );
            // Named in the play call, not left to whichever device Spotify thinks is active.
            let named = format!("device_id={}", device_id.as_str().unwrap_or_default());
            let calls = calls_since(stack, user, since).await?;
            assert!(
                calls.iter().any(|c| c.method == "PUT"
                    && c.path == "/v1/me/player/play"
                    && c.query.as_deref() == Some(named.as_str())),
                "{user}'s play call names the tab's device ({named}): {calls:#?}"
            );
        }

        // Every tab shows its own track playing, and the title says so.
        for tab in [&alice, &bruno, &chen] {
            browser.switch_to(tab).await?;
            wait_playing_in_ui(browser).await?;
            browser
                .wait_for("the tab title to show the song", "return document.title.startsWith('▶ ');")
                .await?;
        }
        browser.switch_to(&chen).await?;
        browser.screenshot("player-playing").await?;
        // The operating system's media controls show the track that plays.
        let state = stack.sandbox_state().await?;
        let title = account(&state, "chen")
            .and_then(|a| a["playback"]["track_name"].as_str())
            .ok_or_else(|| HarnessError::Assertion("chen plays no named track".into()))?
            .to_owned();
        browser
            .wait_for(
                "the Media Session to show the playing track",
                &format!(
                    "const m = navigator.mediaSession.metadata; return !!m && m.title === {} && m.artwork.length > 0;",
                    Value::String(title)
                ),
            )
            .await?;
        let remaining_before = browser.wait_for_text("#elapsed").await?;
        browser
            .wait_for(
                "the progress bar to move between events",
                &format!("const e = document.querySelector('#elapsed'); return !!e && e.textContent !== {};", Value::String(remaining_before)),
            )
            .await?;

        // Bruno pauses: only Bruno stops.
        browser.switch_to(&bruno).await?;
        browser.click("#play-pause").await?;
        browser
            .wait_for(
                "Bruno's tab to show paused",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Play';",
            )
            .await?;
        until_sandbox(stack, "bruno paused while alice and chen play", |s| {
            !is_playing(s, "bruno") && is_playing(s, "alice") && is_playing(s, "chen")
        })
        .await?;
        browser
            .wait_for("Bruno's title to drop the ▶", "return document.title === 'Bruno Costa · Chorus';")
            .await?;
        // Alice's "also here" strip shows what the others play.
        browser.switch_to(&alice).await?;
        browser
            .wait_for(
                "Alice to see Chen playing in the strip",
                "return [...document.querySelectorAll('.also-here-playing')].some(e => e.textContent.startsWith('▶'));",
            )
            .await?;
        browser.screenshot("player-also-here").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn keyboard_shortcuts_pause_seek_and_mute_but_not_while_typing() -> Result<()> {
    run("player-keyboard", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "dana").await?;
        // Focus the page body, then press space: paused.
        let key = |k: &str| {
            format!(
                "document.activeElement && document.activeElement.blur(); const e = new KeyboardEvent('keydown', {{key: {k:?}, bubbles: true, cancelable: true}}); document.body.dispatchEvent(e); return e.defaultPrevented;"
            )
        };
        // Shuffle and repeat go through the Web API for this tab's device.
        browser.click("#shuffle").await?;
        browser.click("#repeat").await?;
        until_sandbox(stack, "dana's shuffle on and repeat context", |s| {
            account(s, "dana").is_some_and(|a| {
                a["playback"]["shuffle"] == Value::Bool(true) && a["playback"]["repeat"] == "context"
            })
        })
        .await?;
        // Handled, so the browser does not also scroll the page by a screen.
        assert_eq!(browser.eval(&key(" ")).await?, Value::Bool(true), "space is taken");
        until_sandbox(stack, "dana paused by the space bar", |s| {
            account(s, "dana").is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(false))
        })
        .await?;
        browser.eval(&key("ArrowRight")).await?;
        until_sandbox(stack, "dana seeked 10 s forward", |s| {
            account(s, "dana").and_then(|a| a["playback"]["progress_ms"].as_u64()).is_some_and(|p| p >= 10_000)
        })
        .await?;
        browser.eval(&key("m")).await?;
        browser
            .wait_for("the mute button to show muted", "return document.querySelector('#mute').getAttribute('aria-pressed') === 'true';")
            .await?;
        // A space typed into a field is text, not a shortcut.
        browser
            .eval("const i = document.createElement('input'); i.id = 'typing'; document.body.appendChild(i); i.focus(); i.dispatchEvent(new KeyboardEvent('keydown', {key: ' ', bubbles: true})); return true;")
            .await?;
        // A shortcut pressed after it is handled after it: once it shows, the space would have too.
        browser.eval(&key("m")).await?;
        browser
            .wait_for(
                "the mute button to show unmuted",
                "return document.querySelector('#mute').getAttribute('aria-pressed') === 'false';",
            )
            .await?;
        let label = browser
            .eval("return document.querySelector('#play-pause').getAttribute('aria-label');")
            .await?;
        assert_eq!(label, "Play", "typing a space must not resume playback");
        let state = stack.sandbox_state().await?;
        assert!(!is_playing(&state, "dana"), "typing a space must not resume playback");
        // The player fits a 360 px wide phone screen.
        browser.client().set_window_size(360, 760).await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > window.innerWidth;")
            .await?;
        browser.screenshot("player-narrow").await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_free_account_gets_a_read_only_explanation() -> Result<()> {
    let sandbox = SandboxConfig {
        allowlist_size: 10,
        ..SandboxConfig::default()
    };
    run_with("player-free-account", sandbox, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "ines").await?;
        let text = browser.wait_for_text("#premium-required").await?;
        assert!(text.contains("Premium"), "{text}");
        assert!(text.contains("still works"), "{text}");
        let broken = browser
            .eval("return !!document.querySelector('#play-pause, #start-here, [role=alert]');")
            .await?;
        assert_eq!(broken, Value::Bool(false), "no broken player, no alarm");
        browser.screenshot("player-free-account").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_same_account_in_two_tabs_hands_over_without_double_play() -> Result<()> {
    run("player-same-account", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let first = browser.current_tab().await?;
        start_playing_as(browser, "emil").await?;
        let state = until_sandbox(stack, "emil playing", |s| is_playing(s, "emil")).await?;
        let first_device = state_device(&state, "emil");

        let second = browser.open_tab(stack.app_url()).await?;
        flows::sign_in_as(browser, "emil").await?;
        // Playback is already elsewhere for this account: the second tab says so and offers
        // to take it (it asked the Web API once its device was ready).
        browser.wait_for_text("#playing-elsewhere").await?;
        browser
            .wait_for(
                "the second tab's Play here button",
                "const b = document.querySelector('#play-here'); return !!b && !b.disabled;",
            )
            .await?;
        browser.click("#play-here").await?;
        wait_playing_in_ui(browser).await?;
        let state = until_sandbox(stack, "emil playing on the second tab's device", |s| {
            is_playing(s, "emil") && state_device(s, "emil") != first_device
        })
        .await?;
        assert_eq!(
            state["accounts"]
                .as_array()
                .map(|a| a.iter().filter(|a| a["user_id"] == "emil").count()),
            Some(1)
        );

        browser.switch_to(&first).await?;
        browser.wait_for_text("#playing-elsewhere").await?;
        browser.screenshot("player-playing-elsewhere").await?;
        // And back: "Play here" in the first tab takes it again; the second shows elsewhere.
        browser.click("#play-here").await?;
        wait_playing_in_ui(browser).await?;
        until_sandbox(stack, "emil back on the first tab", |s| {
            is_playing(s, "emil") && state_device(s, "emil") == first_device
        })
        .await?;
        browser.switch_to(&second).await?;
        browser.wait_for_text("#playing-elsewhere").await?;
        Ok(())
    })
    .await
}

fn state_device(state: &Value, user: &str) -> Option<String> {
    account(state, user)
        .and_then(|a| a["playback"]["device_id"].as_str())
        .map(str::to_owned)
}

#[tokio::test]
async fn a_429_is_waited_out_and_a_playback_error_says_what_to_do() -> Result<()> {
    run("player-errors", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        ready_to_start(browser).await?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/player/play", "method": "PUT", "status": 429, "retry_after_secs": 2, "count": 1}),
            )
            .await?;
        browser.click("#start-here").await?;
        browser
            .wait_for(
                "the notice that Chorus waits out Spotify's Retry-After",
                "const n = document.querySelector('#toast-player'); return !!n && n.textContent.includes('slow down');",
            )
            .await?;
        browser.screenshot("player-rate-limited").await?;
        wait_playing_in_ui(browser).await?;
        until_sandbox(stack, "alice playing after the wait", |s| is_playing(s, "alice")).await?;

        stack
            .sandbox_admin("sdk/playback-error", serde_json::json!({"user_id": "alice", "message": "Cannot decode this track"}))
            .await?;
        browser
            .wait_for(
                "the playback error to be explained",
                "const n = document.querySelector('#toast-player'); return !!n && n.textContent.includes('could not be played');",
            )
            .await?;
        browser.screenshot("player-playback-error").await?;
        // Where the person looks: inside the window at 1280 × 800, fixed, taking no room from
        // the page (the Player's content starts where it did).
        let placed = browser
            .eval("const t = document.querySelector('#toast-player').getBoundingClientRect(); return t.top >= 0 && t.bottom <= innerHeight && getComputedStyle(document.querySelector('#toasts')).position === 'fixed';")
            .await?;
        assert_eq!(placed, Value::Bool(true), "the toast is in view and fixed");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_browser_without_protected_content_gets_a_clear_message() -> Result<()> {
    run("player-no-eme", async |stack, browser| {
        stack
            .sandbox_admin("sdk/no-eme", serde_json::json!({"enabled": true}))
            .await?;
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        // One sentence says why, and the tab is a remote for the account's other devices
        // (what it steers there: tests/tests/remote.rs).
        let text = browser.wait_for_text("#remote-mode").await?;
        assert!(text.contains("This browser cannot play Spotify"), "{text}");
        assert!(text.contains("remote"), "{text}");
        let error = browser
            .eval("return !!document.querySelector('.panel.error');")
            .await?;
        assert_eq!(error, serde_json::Value::Bool(false), "no error page");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_device_picker_moves_playback_to_another_device() -> Result<()> {
    run("player-device-picker", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "chen").await?;
        let phone = stack
            .sandbox_admin("users/chen/devices", serde_json::json!({"name": "Chen's phone", "type": "Smartphone"}))
            .await?;
        let phone_id = phone["device_id"].as_str().unwrap_or_default().to_owned();
        browser.click("#refresh-devices").await?;
        browser
            .wait_for(
                "the phone in the device list",
                "return [...document.querySelectorAll('.device')].some(d => d.textContent.includes(\"Chen's phone\"));",
            )
            .await?;
        browser
            .eval("[...document.querySelectorAll('.device')].find(d => d.textContent.includes(\"Chen's phone\")).click(); return true;")
            .await?;
        until_sandbox(stack, "chen playing on the phone", |s| {
            state_device(s, "chen").as_deref() == Some(phone_id.as_str())
        })
        .await?;
        browser
            .wait_for(
                "the tab to name the device that plays",
                "const e = document.querySelector('#playing-elsewhere'); return !!e && e.textContent.includes(\"Chen's phone\");",
            )
            .await?;
        browser.screenshot("player-device-picker").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_cut_connection_reconnects_and_the_player_comes_back() -> Result<()> {
    run("player-reconnect", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "alice").await?;
        browser
            .eval("window.sawReconnecting = false; new MutationObserver(() => { if (document.querySelector('#player-reconnecting')) { window.sawReconnecting = true; } }).observe(document.body, {subtree: true, childList: true}); return true;")
            .await?;
        stack
            .sandbox_admin("sdk/cut", serde_json::json!({"user_id": "alice"}))
            .await?;
        browser
            .wait_for("the reconnecting state to show", "return window.sawReconnecting === true;")
            .await?;
        // not_ready, then ready on the same device: the controls come back and work.
        browser
            .wait_for(
                "the player to be usable again",
                "const b = document.querySelector('#play-pause, #play-here, #start-here'); return !!b && !b.disabled && !document.querySelector('#player-reconnecting');",
            )
            .await?;
        wait_playing_in_ui(browser).await?;
        until_sandbox(stack, "alice still playing", |s| is_playing(s, "alice")).await?;
        browser.screenshot("player-reconnected").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn playing_right_after_ready_retries_while_the_device_registers() -> Result<()> {
    let sandbox = SandboxConfig {
        sdk_registration_delay: Duration::from_millis(1_500),
        ..SandboxConfig::default()
    };
    run_with(
        "player-registration-delay",
        sandbox,
        async |stack, browser| {
            browser.goto(stack.app_url()).await?;
            start_playing_as(browser, "chen").await?;
            until_sandbox(stack, "chen playing", |s| is_playing(s, "chen")).await?;
            Ok(())
        },
    )
    .await
}

#[tokio::test]
async fn music_started_from_another_app_asks_for_a_click_when_the_browser_blocks_it() -> Result<()>
{
    run("player-autoplay", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser
            .wait_for(
                "this tab's device to be ready",
                "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
            )
            .await?;
        let state = stack.sandbox_state().await?;
        let device_id = account(&state, "alice")
            .and_then(|a| a["devices"][0]["id"].as_str())
            .unwrap_or_default()
            .to_owned();
        // Another Spotify app (here: the test, with its own token) plays on this tab's device
        // without the click the browser's autoplay policy wants.
        let api = UserApi::for_user(stack, "alice").await?;
        let top = api.get("me/top/tracks?limit=1").await?;
        let uri = top["items"][0]["uri"].clone();
        // Any answer but 2xx fails the call.
        api.put(
            &format!("me/player/play?device_id={device_id}"),
            Some(serde_json::json!({"uris": [uri]})),
        )
        .await?;

        let text = browser.wait_for_text("#autoplay-blocked").await?;
        assert!(text.contains("Turn sound on"), "{text}");
        browser.screenshot("player-autoplay-blocked").await?;
        browser.click("#enable-sound").await?;
        until_sandbox(stack, "this tab's device activated", |s| {
            account(s, "alice").is_some_and(|a| a["devices"][0]["activated"] == Value::Bool(true))
        })
        .await?;
        browser
            .wait_for(
                "the notice to go",
                "return !document.querySelector('#autoplay-blocked');",
            )
            .await?;
        wait_playing_in_ui(browser).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn signing_out_takes_the_tab_off_spotify_connect() -> Result<()> {
    run("player-sign-out", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "bruno").await?;
        until_sandbox(stack, "bruno's tab registered and playing", |s| {
            is_playing(s, "bruno")
        })
        .await?;
        flows::sign_out(browser).await?;
        until_sandbox(stack, "bruno's tab device gone", |s| {
            account(s, "bruno")
                .and_then(|a| a["devices"].as_array())
                .is_some_and(|devices| devices.is_empty())
        })
        .await?;
        browser
            .wait_for(
                "the tab title to be plain again",
                "return document.title === 'Chorus';",
            )
            .await?;
        browser
            .wait_for(
                "the Media Session to show nothing",
                "return navigator.mediaSession.metadata === null;",
            )
            .await?;
        Ok(())
    })
    .await
}

/// Whether alice holds an access token that has not expired (a refresh happened after
/// every earlier one was expired by the sandbox).
fn has_live_token(state: &Value, user_id: &str) -> bool {
    state["access_tokens"].as_array().is_some_and(|tokens| {
        tokens
            .iter()
            .any(|t| t["user_id"] == user_id && t["expired"] == Value::Bool(false))
    })
}

#[tokio::test]
async fn premium_learned_from_a_403_turns_the_player_read_only() -> Result<()> {
    run("player-premium-403", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        ready_to_start(browser).await?;
        // Spotify answers a player command of a non-Premium account this way; `GET /me` no
        // longer says which product an account has, so this answer is how the app learns it.
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/player/play", "method": "PUT", "status": 403, "reason": "PREMIUM_REQUIRED", "count": 1}),
            )
            .await?;
        browser.click("#start-here").await?;
        let text = browser.wait_for_text("#premium-required").await?;
        assert!(text.contains("Premium"), "{text}");
        let state = stack.sandbox_state().await?;
        assert!(!is_playing(&state, "alice"), "nothing plays after the refusal");
        let controls = browser
            .eval("return !!document.querySelector('#play-pause, #start-here');")
            .await?;
        assert_eq!(controls, Value::Bool(false), "no controls that cannot work");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_token_spotify_stops_accepting_is_refreshed_and_the_player_carries_on() -> Result<()> {
    run("player-auth-recovery", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "alice").await?;
        let before = until_sandbox(stack, "alice playing", |s| is_playing(s, "alice")).await?;
        let playing = |s: &Value| account(s, "alice").map(|a| a["playback"].clone());
        let registrations =
            |s: &Value| account(s, "alice").and_then(|a| a["device_registrations"].as_u64());
        let registered_before = registrations(&before);
        let before = playing(&before).unwrap_or_default();
        // Spotify stops accepting the token the SDK holds although the tab's clock says it is
        // fresh (revoked, or the clocks disagree): the SDK reports `authentication_error`.
        stack
            .sandbox_admin("users/alice/expire-tokens", serde_json::json!({}))
            .await?;
        stack
            .sandbox_admin(
                "sdk/authentication-error",
                serde_json::json!({"user_id": "alice", "message": "The access token expired"}),
            )
            .await?;
        until_sandbox(stack, "a fresh token for alice", |s| {
            has_live_token(s, "alice")
        })
        .await?;
        // The device had to connect again; the music carries on where it was, on this tab.
        let after = until_sandbox(stack, "alice's tab registered again and playing", |s| {
            registrations(s) > registered_before && is_playing(s, "alice")
        })
        .await?;
        let after = playing(&after).unwrap_or_default();
        assert_eq!(after["track_id"], before["track_id"], "the same track");
        assert_eq!(
            after["context_uri"], before["context_uri"],
            "the same context"
        );
        assert_eq!(
            after["device_id"], before["device_id"],
            "on this tab's device"
        );
        let (was, is) = (
            before["progress_ms"].as_u64(),
            after["progress_ms"].as_u64(),
        );
        assert!(
            was.zip(is).is_some_and(|(was, is)| is >= was),
            "not from the start: {before} → {after}"
        );
        wait_playing_in_ui(browser).await?;
        // The SDK works with the new token: pausing in the tab reaches Spotify.
        browser.click("#play-pause").await?;
        until_sandbox(stack, "alice paused from the tab", |s| {
            account(s, "alice").is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(false))
        })
        .await?;
        let failed = browser
            .eval("return !!document.querySelector('.panel.error');")
            .await?;
        assert_eq!(failed, Value::Bool(false), "no sign-in failure shown");
        browser.screenshot("player-auth-recovery").await?;
        Ok(())
    })
    .await
}

/// Captures the handlers the page gives `navigator.mediaSession` (the operating system's media
/// keys call them; a page cannot), so the test can press those keys. On the prototype, not the
/// object: WebKit may hand out a new `navigator.mediaSession` wrapper after a garbage
/// collection, without the properties set on the old one.
const CAPTURE_MEDIA_HANDLERS: &str = r#"
window.__mediaHandlers = {};
if (window.MediaSession) {
  const set = MediaSession.prototype.setActionHandler;
  MediaSession.prototype.setActionHandler = function (action, handler) {
    if (handler) { window.__mediaHandlers[action] = handler; } else { delete window.__mediaHandlers[action]; }
    return set.call(this, action, handler);
  };
}
"#;

#[tokio::test]
async fn the_operating_systems_media_keys_drive_this_tab() -> Result<()> {
    run("player-media-session", async |stack, browser| {
        browser.add_init_script(CAPTURE_MEDIA_HANDLERS).await?;
        browser.goto(stack.app_url()).await?;
        start_playing_as(browser, "chen").await?;
        let shown = browser
            .wait_for(
                "the media session to show the track",
                "const m = navigator.mediaSession.metadata; const t = document.querySelector('#track-title'); return m && t && m.title === t.textContent && m.artist ? [m.title, m.artist, navigator.mediaSession.playbackState] : null;",
            )
            .await?;
        assert_eq!(shown[2], "playing", "{shown}");
        let before = until_sandbox(stack, "chen playing", |s| is_playing(s, "chen")).await?;
        let track = |s: &Value| account(s, "chen").map(|a| a["playback"]["track_id"].clone());
        let first = track(&before);

        browser
            .eval("window.__mediaHandlers.pause({action: 'pause'}); return true;")
            .await?;
        until_sandbox(stack, "chen paused by the pause key", |s| {
            account(s, "chen").is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(false))
        })
        .await?;
        browser
            .eval("window.__mediaHandlers.play({action: 'play'}); return true;")
            .await?;
        until_sandbox(stack, "chen playing again by the play key", |s| is_playing(s, "chen")).await?;
        browser
            .eval("window.__mediaHandlers.seekto({action: 'seekto', seekTime: 61}); return true;")
            .await?;
        until_sandbox(stack, "chen at one minute", |s| {
            account(s, "chen")
                .and_then(|a| a["playback"]["progress_ms"].as_u64())
                .is_some_and(|p| (61_000..75_000).contains(&p))
        })
        .await?;
        browser
            .eval("window.__mediaHandlers.nexttrack({action: 'nexttrack'}); return true;")
            .await?;
        until_sandbox(stack, "another track after the next key", |s| {
            track(s) != first && is_playing(s, "chen")
        })
        .await?;
        Ok(())
    })
    .await
}
