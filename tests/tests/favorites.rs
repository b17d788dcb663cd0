//! The favorites tracker (issue 8): completed plays are counted per account, in IndexedDB,
//! and a track played to the end three times lands in that account's own favorites playlist
//! exactly once. The sandbox's manual clock ends tracks without waiting for them.

use std::time::Duration;

use chorus_browser_tests::remote_world::playlists_named;
use chorus_browser_tests::world::{account, until_sandbox};
use chorus_browser_tests::{flows, run_with, Browser, HarnessError, Result, Stack, Tab, UserApi};
use serde_json::{json, Value};
use spotify_sandbox::{ClockMode, SandboxConfig};

/// Signs the current tab in as `user` and starts playing here (the click that activates the
/// tab's player); returns the tab's device id.
async fn sign_in_and_start(stack: &Stack, browser: &Browser, user: &str) -> Result<String> {
    flows::sign_in_as(browser, user).await?;
    browser
        .wait_for(
            "the Start playing here button to be enabled",
            "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
        )
        .await?;
    browser.click("#start-here").await?;
    let state = until_sandbox(stack, &format!("{user} playing in the tab"), |s| {
        account(s, user).is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(true))
    })
    .await?;
    account(&state, user)
        .and_then(|a| a["playback"]["device_id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Assertion(format!("no device for {user}")))
}

/// Plays `uri` on repeat-one on `device` (as if picked in another Spotify app).
async fn play_on_repeat(api: &UserApi, device: &str, uri: &str) -> Result<()> {
    api.put(
        &format!("me/player/play?device_id={device}"),
        Some(json!({ "uris": [uri] })),
    )
    .await?;
    api.put(
        &format!("me/player/repeat?state=track&device_id={device}"),
        None,
    )
    .await?;
    Ok(())
}

/// Waits until `tab` shows the track `name` playing. Only then is a clock step of its length a
/// play the tab watched from its start: a tab that learns of the start and the step in one
/// render (a slow engine under load) rightly counts nothing, as it never saw the play begin.
async fn wait_for_playing(browser: &Browser, tab: &Tab, who: &str, name: &str) -> Result<()> {
    browser.switch_to(tab).await?;
    browser
        .wait_for(
            &format!("{who}'s player to play {name}"),
            &format!(
                "const t = document.querySelector('#track-title'), b = document.querySelector('#play-pause'); return !!t && t.textContent === {} && !!b && b.getAttribute('aria-label') === 'Pause';",
                Value::String(name.to_owned())
            ),
        )
        .await?;
    Ok(())
}

async fn wait_for_count(browser: &Browser, tab: &Tab, who: &str, plays: u32) -> Result<()> {
    browser.switch_to(tab).await?;
    let expected = format!("{plays} of 3 plays");
    browser
        .wait_for(
            &format!("{who}'s player to show {expected}"),
            &format!(
                "const e = document.querySelector('#play-count-plays'); return !!e && e.textContent === {};",
                Value::String(expected.clone())
            ),
        )
        .await?;
    Ok(())
}

/// Moves the sandbox's clock on by `ms`: every playing track advances (and repeats) at once.
async fn advance(stack: &Stack, ms: u64) -> Result<()> {
    stack
        .sandbox_admin("clock/advance", json!({ "ms": ms }))
        .await?;
    Ok(())
}

#[tokio::test]
async fn each_listener_gets_their_own_favorites_playlist_holding_a_thrice_played_track_once(
) -> Result<()> {
    let config = SandboxConfig {
        clock: ClockMode::Manual,
        ..SandboxConfig::default()
    };
    run_with("favorites", config, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let alice_tab = browser.current_tab().await?;
        let alice_device = sign_in_and_start(stack, browser, "alice").await?;
        let bruno_tab = browser.open_tab(stack.app_url()).await?;
        let bruno_device = sign_in_and_start(stack, browser, "bruno").await?;
        let alice = UserApi::for_user(stack, "alice").await?;
        let bruno = UserApi::for_user(stack, "bruno").await?;

        // Both play the same track on repeat: one clock step of its length is one play each.
        let top = alice.get("me/top/tracks?limit=1").await?;
        let uri = top["items"][0]["uri"].as_str().unwrap_or_default().to_owned();
        let name = top["items"][0]["name"].as_str().unwrap_or_default().to_owned();
        let duration = top["items"][0]["duration_ms"].as_u64().unwrap_or_default();
        assert!(uri.starts_with("spotify:track:") && duration > 0, "{top}");
        play_on_repeat(&alice, &alice_device, &uri).await?;
        play_on_repeat(&bruno, &bruno_device, &uri).await?;
        wait_for_playing(browser, &alice_tab, "alice", &name).await?;
        wait_for_playing(browser, &bruno_tab, "bruno", &name).await?;
        wait_for_count(browser, &alice_tab, "alice", 0).await?;
        wait_for_count(browser, &bruno_tab, "bruno", 0).await?;

        for plays in 1..=2 {
            advance(stack, duration).await?;
            wait_for_count(browser, &alice_tab, "alice", plays).await?;
            wait_for_count(browser, &bruno_tab, "bruno", plays).await?;
        }
        assert!(playlists_named(&alice, "Chorus Favorites").await?.is_empty());

        // Bruno stops; Alice's third play makes the track her favorite, and only hers.
        bruno.put(&format!("me/player/pause?device_id={bruno_device}"), None).await?;
        browser.switch_to(&bruno_tab).await?;
        browser
            .wait_for(
                "bruno's tab to show paused",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Play';",
            )
            .await?;
        // Spotify finds the token expired when the add is sent (401): Chorus refreshes and
        // the add still gets through, once.
        stack
            .sandbox_admin(
                "faults",
                json!({"path": "/v1/playlists/*", "method": "POST", "status": 401, "count": 1}),
            )
            .await?;
        advance(stack, duration).await?;
        wait_for_count(browser, &alice_tab, "alice", 3).await?;
        browser
            .wait_for(
                "alice's track to be in her favorites",
                "const e = document.querySelector('#play-count-state'); return !!e && e.textContent === 'In your favorites';",
            )
            .await?;
        browser
            .eval("document.querySelector('#play-count').scrollIntoView({block: 'center'}); return true;")
            .await?;
        browser.screenshot("favorites-player-count").await?;
        assert_eq!(playlists_named(&alice, "Chorus Favorites").await?, vec![vec![uri.clone()]]);
        let faults = stack.sandbox_state().await?["faults"].clone();
        assert_eq!(faults, json!([]), "the add met the 401");
        assert!(playlists_named(&bruno, "Chorus Favorites").await?.is_empty(), "bruno has no favorites yet");
        wait_for_count(browser, &bruno_tab, "bruno", 2).await?;

        // Alice stops, Bruno plays on: his third play fills his own playlist.
        alice.put(&format!("me/player/pause?device_id={alice_device}"), None).await?;
        browser.switch_to(&alice_tab).await?;
        browser
            .wait_for(
                "alice's tab to show paused",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Play';",
            )
            .await?;
        bruno.put(&format!("me/player/play?device_id={bruno_device}"), None).await?;
        browser.switch_to(&bruno_tab).await?;
        browser
            .wait_for(
                "bruno's tab to play again",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause';",
            )
            .await?;
        advance(stack, duration).await?;
        wait_for_count(browser, &bruno_tab, "bruno", 3).await?;
        browser
            .wait_for(
                "bruno's track to be in his favorites",
                "const e = document.querySelector('#play-count-state'); return !!e && e.textContent === 'In your favorites';",
            )
            .await?;
        assert_eq!(playlists_named(&bruno, "Chorus Favorites").await?, vec![vec![uri.clone()]]);
        assert_eq!(
            playlists_named(&alice, "Chorus Favorites").await?,
            vec![vec![uri.clone()]],
            "alice's playlist is untouched: the track once"
        );
        wait_for_count(browser, &alice_tab, "alice", 3).await?;

        // The counts are stored: after a reload, Alice's Favorites page lists the track.
        browser.switch_to(&alice_tab).await?;
        browser.goto(&format!("{}/favorites", stack.app_url())).await?;
        let row = format!("#favorites-list .fav-row[data-uri={}]", Value::String(uri.clone()));
        browser
            .wait_for(
                "alice's favorites after a reload",
                &format!(
                    "const r = document.querySelector({}); return !!r && r.querySelector('.fav-plays').textContent.startsWith('3 / 3') && r.querySelector('.fav-status.added') !== null;",
                    Value::String(row.clone())
                ),
            )
            .await?;
        let current = browser
            .eval("const a = document.querySelector('#nav-favorites'); return a && a.getAttribute('aria-current');")
            .await?;
        assert_eq!(current, "page");
        browser.screenshot("favorites-page").await?;
        browser.client().set_window_size(360, 760).await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > window.innerWidth;")
            .await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");
        browser.screenshot("favorites-page-360").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

/// Waits (longer than the app's 10 s re-read and retry period) for `script` in this tab.
async fn eventually(browser: &Browser, what: &str, script: &str) -> Result<Value> {
    browser
        .wait_for_within(what, script, Duration::from_secs(40))
        .await
}

/// A script that is truthy when this browser's favorites keeper locks read `expected`
/// (`"1 held, 1 waiting"`), from the Web Locks API itself.
fn keepers_are(expected: &str) -> String {
    format!(
        "return navigator.locks.query().then(s => {{ const k = l => l.name.startsWith('chorus.favorites-keeper.'); const t = s.held.filter(k).length + ' held, ' + s.pending.filter(k).length + ' waiting'; return t === {} && t; }});",
        Value::String(expected.to_owned())
    )
}

fn favorites_row(uri: &str) -> String {
    format!(
        "document.querySelector({})",
        Value::String(format!(
            "#favorites-list .fav-row[data-uri={}]",
            Value::String(uri.to_owned())
        ))
    )
}

#[tokio::test]
async fn one_account_in_two_tabs_counts_each_play_once_and_a_failed_add_is_retried_once(
) -> Result<()> {
    let config = SandboxConfig {
        clock: ClockMode::Manual,
        ..SandboxConfig::default()
    };
    run_with("favorites-two-tabs", config, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let first = browser.current_tab().await?;
        let device = sign_in_and_start(stack, browser, "alice").await?;
        // Alice again in a second tab: it sees her music playing elsewhere and counts nothing.
        let second = browser.open_tab(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser.wait_for_text("#playing-elsewhere").await?;

        // One keeper per account: the first tab holds the Web Lock, the second waits for it.
        browser
            .wait_for(
                "the second tab to queue for the keeper lock",
                &keepers_are("1 held, 1 waiting"),
            )
            .await?;

        let alice = UserApi::for_user(stack, "alice").await?;
        let top = alice.get("me/top/tracks?limit=2").await?;
        let track = |i: usize| {
            (
                top["items"][i]["uri"].as_str().unwrap_or_default().to_owned(),
                top["items"][i]["name"].as_str().unwrap_or_default().to_owned(),
                top["items"][i]["duration_ms"].as_u64().unwrap_or_default(),
            )
        };
        let ((uri, name, duration), (other_uri, other_name, other_duration)) = (track(0), track(1));
        assert!(duration > 0 && other_duration > 0, "{top}");

        // The first add to the playlist fails; Chorus must try again later, and only once.
        stack
            .sandbox_admin(
                "faults",
                json!({"path": "/v1/playlists/*", "method": "POST", "status": 500, "count": 1}),
            )
            .await?;
        play_on_repeat(&alice, &device, &uri).await?;
        wait_for_playing(browser, &first, "alice's first tab", &name).await?;
        wait_for_count(browser, &first, "alice's first tab", 0).await?;
        for plays in 1..=3 {
            advance(stack, duration).await?;
            wait_for_count(browser, &first, "alice's first tab", plays).await?;
        }
        // The add was tried and failed (the scripted 500 is used up)…
        until_sandbox(stack, "the add to the playlist to meet the 500", |s| {
            s["faults"].as_array().is_some_and(Vec::is_empty)
        })
        .await?;
        eventually(
            browser,
            "the failed add to be retried",
            "const e = document.querySelector('#play-count-state'); return !!e && e.textContent === 'In your favorites';",
        )
        .await?;
        assert_eq!(
            playlists_named(&alice, "Chorus Favorites").await?,
            vec![vec![uri.clone()]],
            "one playlist, the track once"
        );

        // One play of another track, then "Add now" on the Favorites page of the second tab.
        play_on_repeat(&alice, &device, &other_uri).await?;
        wait_for_playing(browser, &first, "alice's first tab", &other_name).await?;
        wait_for_count(browser, &first, "alice's first tab", 0).await?;
        advance(stack, other_duration).await?;
        wait_for_count(browser, &first, "alice's first tab", 1).await?;
        alice.put(&format!("me/player/pause?device_id={device}"), None).await?;

        browser.switch_to(&second).await?;
        browser.click("#nav-favorites").await?;
        let row = favorites_row(&uri);
        let other_row = favorites_row(&other_uri);
        eventually(
            browser,
            "the second tab to list both tracks, each play counted once",
            &format!(
                "const a = {row}, b = {other_row}; return !!a && !!b && a.querySelector('.fav-plays').textContent.startsWith('3 / 3') && b.querySelector('.fav-plays').textContent.startsWith('1 / 3');"
            ),
        )
        .await?;
        browser
            .client()
            .execute(
                &format!("{other_row}.querySelector('.fav-force-add').focus(); return true;"),
                Vec::new(),
            )
            .await?;
        let focused = browser
            .eval("return document.activeElement && document.activeElement.className;")
            .await?;
        assert!(focused.as_str().is_some_and(|c| c.contains("fav-force-add")), "{focused}");
        browser
            .click(&format!(
                "#favorites-list .fav-row[data-uri={}] .fav-force-add",
                Value::String(other_uri.clone())
            ))
            .await?;
        browser
            .wait_for(
                "the forced track to be in favorites",
                &format!("const b = {other_row}; return !!b && !!b.querySelector('.fav-status.added');"),
            )
            .await?;
        let mut in_playlist = playlists_named(&alice, "Chorus Favorites").await?;
        in_playlist.iter_mut().for_each(|uris| uris.sort());
        let mut expected = vec![uri.clone(), other_uri.clone()];
        expected.sort();
        assert_eq!(in_playlist, vec![expected], "both tracks, each once, in one playlist");

        // Sorting by name is a pressed button; the Player tab of the first still says 1 of 3.
        browser.click("#sort-name").await?;
        let pressed = browser
            .eval("return document.querySelector('#sort-name').getAttribute('aria-pressed');")
            .await?;
        assert_eq!(pressed, "true");
        browser.screenshot("favorites-two-tabs").await?;

        // The first tab goes away: the second becomes the keeper.
        browser.switch_to(&first).await?;
        browser.client().close_window().await?;
        browser.switch_to(&second).await?;
        browser
            .wait_for(
                "the second tab to take the keeper lock over",
                &keepers_are("1 held, 0 waiting"),
            )
            .await?;
        Ok(())
    })
    .await
}

/// Sets an input's value as a person would (then `change`).
async fn set_input(browser: &Browser, css: &str, value: &str) -> Result<()> {
    browser
        .eval(&format!(
            "const i = document.querySelector({}); i.value = {}; i.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;",
            Value::String(css.to_owned()),
            Value::String(value.to_owned())
        ))
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_imported_file_and_a_lowered_threshold_fill_the_playlist_and_bad_settings_are_refused(
) -> Result<()> {
    run_with("favorites-import", SandboxConfig::default(), async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "dana").await?;
        browser.click("#nav-favorites").await?;
        let empty = browser.wait_for_text("#favorites-empty h3").await?;
        assert_eq!(empty, "No completed plays yet");
        browser.screenshot("favorites-empty").await?;

        let dana = UserApi::for_user(stack, "dana").await?;
        let top = dana.get("me/top/tracks?limit=1").await?;
        let uri = top["items"][0]["uri"].as_str().unwrap_or_default().to_owned();
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or_default();
        let file = std::env::temp_dir().join(format!("chorus-favorites-{}.json", std::process::id()));
        let export = json!({
            "version": 1,
            "settings": { "threshold": 4, "playlist_name": "Dana's keepers" },
            "tracks": { uri.clone(): {
                "name": "Imported song", "artists": "Some band",
                "completed_plays": 2, "last_played_ms": now_ms - 2 * 3_600_000 - 300_000, "status": "not_added"
            } },
        });
        std::fs::write(&file, export.to_string())
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", file.display())))?;
        let input = browser
            .client()
            .find(fantoccini::Locator::Css("#favorites-import"))
            .await?;
        input.send_keys(&file.display().to_string()).await?;
        let row = favorites_row(&uri);
        browser
            .wait_for(
                "the imported track",
                &format!("const r = {row}; return !!r && r.querySelector('.fav-plays').textContent.startsWith('2 / 4') && r.querySelector('.fav-last').textContent === '2 h ago';"),
            )
            .await?;
        // The file's settings came with it (the form takes them a render after the list, as
        // WebKit once showed between the two).
        browser
            .wait_for(
                "the settings form to show the file's threshold",
                "return document.querySelector('#setting-threshold').value === '4';",
            )
            .await?;

        // A threshold of 0 is refused, in words, next to the form.
        set_input(browser, "#setting-threshold", "0").await?;
        browser.click("#settings-save").await?;
        let refused = browser.wait_for_text("#settings-error").await?;
        assert!(refused.contains("between 1 and 1000"), "{refused}");

        // Lowered to 2: the imported track is now a favorite, in the playlist the file named.
        set_input(browser, "#setting-threshold", "2").await?;
        browser.click("#settings-save").await?;
        browser
            .wait_for(
                "the imported track to be added",
                &format!("const r = {row}; return !!r && !!r.querySelector('.fav-status.added');"),
            )
            .await?;
        assert_eq!(playlists_named(&dana, "Dana's keepers").await?, vec![vec![uri.clone()]]);
        assert!(playlists_named(&dana, "Chorus Favorites").await?.is_empty());

        browser.click("#favorites-export").await?;
        browser.screenshot("favorites-imported").await?;

        // Never shared: Emil, next in this tab, starts with none of Dana's favorites.
        flows::sign_out(browser).await?;
        flows::sign_in_as(browser, "emil").await?;
        browser.click("#nav-favorites").await?;
        browser.wait_for_text("#favorites-empty h3").await?;
        // Kept across sign-out: Dana signs in again and finds hers.
        flows::sign_out(browser).await?;
        flows::sign_in_as(browser, "dana").await?;
        browser.click("#nav-favorites").await?;
        browser
            .wait_for(
                "dana's favorites after signing in again",
                &format!("const r = {row}; return !!r && r.querySelector('.fav-plays').textContent.startsWith('2 / 2') && !!r.querySelector('.fav-status.added');"),
            )
            .await?;
        browser.client().set_window_size(360, 760).await?;
        browser
            .eval("document.querySelector('#favorites-settings').scrollIntoView(); return true;")
            .await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > window.innerWidth;")
            .await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");
        browser.screenshot("favorites-settings-360").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await
}
