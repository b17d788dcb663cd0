//! Remote mode and counting on every device (issue 18): a tab shows and steers what the account
//! plays on its phone or speaker (pause, next, volume, transfer here and back), a browser that
//! cannot play is a working remote, and plays made on the phone — with no Chorus tab open, or
//! watched live — count towards favorites exactly once. Plain WebDriver (no CDP), so every
//! engine runs it. Run: `cargo test -p chorus-browser-tests --test remote -- --test-threads=1`.

use std::time::Duration;

use chorus_browser_tests::remote_world::{
    add_device, calls_per_minute, device_volume, playback, playlists_named, stored_counting_where,
    wall_ms,
};
use chorus_browser_tests::world::{account, tab_device, until_sandbox};
use chorus_browser_tests::{flows, run, run_with, Browser, Result, Stack, UserApi};
use serde_json::{json, Value};
use spotify_sandbox::{ClockMode, SandboxConfig};

/// How far into its track `user_id`'s account is.
fn progress(state: &Value, user_id: &str) -> Option<u64> {
    account(state, user_id)?["playback"]["progress_ms"].as_u64()
}

/// Signs in and waits until the tab's player is up (nothing plays yet).
async fn sign_in_ready(browser: &Browser, user: &str) -> Result<()> {
    flows::sign_in_as(browser, user).await?;
    browser
        .wait_for(
            "the tab's player to be ready",
            "const b = document.querySelector('#start-here, #play-here, #play-pause'); return !!b && !b.disabled;",
        )
        .await?;
    Ok(())
}

/// The first album of `user`'s top track, as a context to play.
async fn an_album(api: &UserApi) -> Result<String> {
    let top = api.get("me/top/tracks?limit=1").await?;
    Ok(top["items"][0]["album"]["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Waits until the Player's main button reads `label` (`Pause` while playing, `Play`).
async fn button_reads(browser: &Browser, label: &str) -> Result<()> {
    browser
        .wait_for(
            &format!("the play button to read {label}"),
            &format!(
                "const b = document.querySelector('#play-pause'); return !!b && !b.disabled && b.getAttribute('aria-label') === {};",
                Value::String(label.to_owned())
            ),
        )
        .await?;
    Ok(())
}

/// Waits until the tab says the account plays on the device named `name`.
async fn shows_playing_on(browser: &Browser, name: &str) -> Result<()> {
    browser
        .wait_for(
            &format!("the tab to show the music on {name}"),
            &format!(
                "const e = document.querySelector('#playing-elsewhere'); return !!e && e.textContent.includes({});",
                Value::String(name.to_owned())
            ),
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_phone_plays_while_the_tab_pauses_skips_seeks_shuffles_repeats_sets_its_volume_and_moves_the_music(
) -> Result<()> {
    run("remote-phone", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "chen").await?;
        let phone = add_device(
            stack,
            "chen",
            json!({"name": "Chen's phone", "type": "Smartphone", "volume_percent": 70}),
        )
        .await?;
        let chen = UserApi::for_user(stack, "chen").await?;
        let album = an_album(&chen).await?;
        chen.put(
            &format!("me/player/play?device_id={phone}"),
            Some(json!({ "context_uri": album })),
        )
        .await?;

        // The tab finds the phone playing (it polls while nothing plays here) and steers it.
        shows_playing_on(browser, "Chen's phone").await?;
        button_reads(browser, "Pause").await?;
        browser
            .wait_for(
                "the device list to show the phone as the active phone",
                &format!(
                    "const d = document.querySelector('.device[data-device-id=\"{phone}\"]'); return !!d && d.getAttribute('aria-current') === 'true' && d.textContent.includes('Phone') && d.dataset.supportsVolume === 'true';"
                ),
            )
            .await?;
        browser.screenshot("remote-phone").await?;

        browser.click("#play-pause").await?;
        until_sandbox(stack, "the phone paused by the tab", |s| {
            playback(s, "chen").is_some_and(|(device, _, playing)| device == phone && !playing)
        })
        .await?;
        button_reads(browser, "Play").await?;
        browser.click("#play-pause").await?;
        let state = until_sandbox(stack, "the phone playing again", |s| {
            playback(s, "chen").is_some_and(|(device, _, playing)| device == phone && playing)
        })
        .await?;
        let (_, first_track, _) = playback(&state, "chen").unwrap_or_default();

        browser.click("#next").await?;
        until_sandbox(stack, "the phone on the next track", |s| {
            playback(s, "chen").is_some_and(|(device, track, _)| device == phone && track != first_track)
        })
        .await?;

        // The now-playing bar, on any page, steers the phone too.
        browser.click("#nav-library").await?;
        browser
            .wait_for(
                "the bar to show the phone",
                "const d = document.querySelector('#bar-device'); return !!d && d.textContent === 'On Chen\\'s phone';",
            )
            .await?;
        browser.click("#bar-play-pause").await?;
        until_sandbox(stack, "the phone paused from the bar", |s| {
            playback(s, "chen").is_some_and(|(device, _, playing)| device == phone && !playing)
        })
        .await?;
        browser.click("#bar-play-pause").await?;
        until_sandbox(stack, "the phone playing again from the bar", |s| {
            playback(s, "chen").is_some_and(|(device, _, playing)| device == phone && playing)
        })
        .await?;
        browser.click("#nav-player").await?;
        button_reads(browser, "Pause").await?;

        let second_track = playback(&stack.sandbox_state().await?, "chen")
            .map(|(_, track, _)| track)
            .unwrap_or_default();

        // Seek, previous (past 3 s it restarts the track), shuffle and repeat go to the phone.
        browser
            .eval("const r = document.querySelector('#progress'); r.value = '30000'; r.dispatchEvent(new Event('change', {bubbles: true})); return true;")
            .await?;
        until_sandbox(stack, "the phone 30 s into the track", |s| {
            progress(s, "chen").is_some_and(|p| p >= 30_000)
        })
        .await?;
        browser.click("#previous").await?;
        until_sandbox(stack, "the phone back at the start of the track", |s| {
            playback(s, "chen").is_some_and(|(device, track, _)| device == phone && track == second_track)
                && progress(s, "chen").is_some_and(|p| p < 20_000)
        })
        .await?;
        browser.click("#shuffle").await?;
        until_sandbox(stack, "the phone shuffling", |s| {
            account(s, "chen").is_some_and(|a| a["playback"]["shuffle"] == true)
        })
        .await?;
        browser.click("#repeat").await?;
        until_sandbox(stack, "the phone repeating", |s| {
            account(s, "chen").is_some_and(|a| a["playback"]["repeat"] != "off")
        })
        .await?;

        browser
            .eval("const r = document.querySelector('#volume'); r.value = '30'; r.dispatchEvent(new Event('change', {bubbles: true})); return true;")
            .await?;
        until_sandbox(stack, "the phone's volume at 30", |s| {
            device_volume(s, "chen", &phone) == Some(30)
        })
        .await?;

        // "Play here" brings the music into the tab; the device list sends it back.
        browser.click("#play-here").await?;
        let state = until_sandbox(stack, "the music in the tab", |s| {
            let tab = tab_device(s, "chen");
            playback(s, "chen").is_some_and(|(device, _, playing)| Some(device) == tab && playing)
        })
        .await?;
        assert!(tab_device(&state, "chen").is_some());
        button_reads(browser, "Pause").await?;
        browser
            .wait_for(
                "the phone in the device list",
                &format!("return !!document.querySelector('.device[data-device-id=\"{phone}\"]');"),
            )
            .await?;
        browser
            .click(&format!(".device[data-device-id=\"{phone}\"]"))
            .await?;
        until_sandbox(stack, "the music back on the phone", |s| {
            playback(s, "chen").is_some_and(|(device, _, playing)| device == phone && playing)
        })
        .await?;
        shows_playing_on(browser, "Chen's phone").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_browser_without_protected_content_is_a_working_remote() -> Result<()> {
    run("remote-no-eme", async |stack, browser| {
        stack
            .sandbox_admin("sdk/no-eme", json!({"enabled": true}))
            .await?;
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        let why = browser.wait_for_text("#remote-mode").await?;
        assert!(
            why.contains("cannot play Spotify") && why.contains("remote"),
            "{why}"
        );
        browser.wait_for_text("#player-empty").await?;

        let speaker = add_device(
            stack,
            "bruno",
            json!({"name": "Kitchen speaker", "type": "Speaker", "supports_volume": false}),
        )
        .await?;
        let bruno = UserApi::for_user(stack, "bruno").await?;
        let album = an_album(&bruno).await?;
        bruno
            .put(
                &format!("me/player/play?device_id={speaker}"),
                Some(json!({ "context_uri": album })),
            )
            .await?;
        shows_playing_on(browser, "Kitchen speaker").await?;
        button_reads(browser, "Pause").await?;
        // The speaker sets its volume itself: the slider says so instead of failing.
        let volume = browser
            .eval("const r = document.querySelector('#volume'); return !!r && r.disabled && !!document.querySelector('#device-volume-note');")
            .await?;
        assert_eq!(volume, Value::Bool(true));
        let play_here = browser
            .eval("return !!document.querySelector('#play-here');")
            .await?;
        assert_eq!(play_here, Value::Bool(false), "a remote cannot play here");
        browser.screenshot("remote-no-eme").await?;

        browser.click("#play-pause").await?;
        until_sandbox(stack, "the speaker paused by the remote", |s| {
            playback(s, "bruno").is_some_and(|(device, _, playing)| device == speaker && !playing)
        })
        .await?;

        // Everything else works: a track picked in the Library plays on the speaker.
        browser.click("#nav-library").await?;
        browser
            .eval("const i = document.querySelector('#search-input'); i.value = 'e'; i.dispatchEvent(new Event('input', { bubbles: true })); return true;")
            .await?;
        browser.click("#search-submit").await?;
        browser
            .wait_for(
                "a playable search result",
                "const b = document.querySelector('#search-tracks .media-row .media-play'); return !!b && !b.disabled;",
            )
            .await?;
        let uri = browser
            .eval("return document.querySelector('#search-tracks .media-row').getAttribute('data-uri');")
            .await?;
        let track = uri
            .as_str()
            .and_then(|u| u.strip_prefix("spotify:track:"))
            .unwrap_or_default()
            .to_owned();
        browser
            .click("#search-tracks .media-row .media-play")
            .await?;
        until_sandbox(stack, "the searched track on the speaker", |s| {
            playback(s, "bruno")
                .is_some_and(|(device, id, playing)| device == speaker && id == track && playing)
        })
        .await?;
        Ok(())
    })
    .await
}

fn manual_clock() -> SandboxConfig {
    SandboxConfig {
        clock: ClockMode::Manual,
        ..SandboxConfig::default()
    }
}

/// Plays `uri` on repeat-one on `device`, as the person would on their phone.
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

/// A top track of the account: its URI and length.
async fn a_track(api: &UserApi) -> Result<(String, u64)> {
    let top = api.get("me/top/tracks?limit=1").await?;
    let uri = top["items"][0]["uri"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let duration = top["items"][0]["duration_ms"].as_u64().unwrap_or_default();
    assert!(uri.starts_with("spotify:track:") && duration > 0, "{top}");
    Ok((uri, duration))
}

async fn advance(stack: &Stack, ms: u64) -> Result<()> {
    stack
        .sandbox_admin("clock/advance", json!({ "ms": ms }))
        .await?;
    Ok(())
}

/// Waits until this browser stored the account's history cursor at `after_ms` or later.
async fn cursor_reaches(browser: &Browser, after_ms: u64) -> Result<Value> {
    browser
        .wait_for_within(
            &format!("the history cursor at {after_ms} or later"),
            &stored_counting_where(&format!("c.after_ms >= {after_ms}")),
            Duration::from_secs(30),
        )
        .await
}

/// The Favorites page's row of `uri`, once it reads `plays / 3` with `sources` in its title.
async fn favorites_row_reads(
    browser: &Browser,
    uri: &str,
    plays: u32,
    sources: &str,
) -> Result<()> {
    let row = Value::String(format!("#favorites-list .fav-row[data-uri=\"{uri}\"]"));
    browser
        .wait_for_within(
            &format!("the Favorites row of {uri} at {plays} / 3 ({sources})"),
            &format!(
                "const r = document.querySelector({row}); return !!r && r.querySelector('.fav-plays').textContent.startsWith('{plays} / 3') && r.querySelector('.fav-plays').dataset.sources.includes({});",
                Value::String(sources.to_owned())
            ),
            Duration::from_secs(30),
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn three_plays_on_the_phone_with_no_tab_open_make_a_favorite_once_when_a_tab_opens(
) -> Result<()> {
    run_with("remote-history", manual_clock(), async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "dana").await?;
        // The first tab reads the history once: where counting starts.
        let started = browser
            .wait_for_within(
                "the first history reading",
                &stored_counting_where("true"),
                Duration::from_secs(30),
            )
            .await?;
        let baseline = started["after_ms"].as_u64().unwrap_or_default();
        browser.goto("about:blank").await?;

        // No Chorus tab: the track plays three times on the phone, and a fourth begins.
        let phone = add_device(stack, "dana", json!({"name": "Dana's phone"})).await?;
        let dana = UserApi::for_user(stack, "dana").await?;
        let (uri, duration) = a_track(&dana).await?;
        play_on_repeat(&dana, &phone, &uri).await?;
        for _ in 0..3 {
            advance(stack, duration).await?;
        }
        advance(stack, 10_000).await?;
        let dana = UserApi::for_user(stack, "dana").await?;
        dana.put(&format!("me/player/pause?device_id={phone}"), None)
            .await?;
        let recent = dana.get("me/player/recently-played?limit=3").await?;
        assert!(
            recent["items"].as_array().is_some_and(|items| items.len() == 3
                && items.iter().all(|i| i["track"]["uri"] == uri.as_str())),
            "three plays in the history: {recent}"
        );

        // A tab opens: it reads the history since its cursor, counts three complete plays, and
        // the track goes into the favorites playlist.
        browser.goto(&format!("{}/favorites", stack.app_url())).await?;
        favorites_row_reads(browser, &uri, 3, "3 from your listening history").await?;
        browser
            .wait_for_within(
                "the track to be in the favorites",
                &format!("const r = document.querySelector('#favorites-list .fav-row[data-uri=\"{uri}\"]'); return !!r && !!r.querySelector('.fav-status.added');"),
                Duration::from_secs(30),
            )
            .await?;
        let so_far = browser.wait_for_text("#favorites-sources-so-far").await?;
        assert!(so_far.contains("3 from your listening history"), "{so_far}");
        browser.screenshot("remote-history-favorites").await?;
        assert!(cursor_reaches(browser, baseline + 1).await?.is_object());
        assert_eq!(
            playlists_named(&dana, "Chorus Favorites").await?,
            vec![vec![uri.clone()]]
        );

        // Opened again, the same history adds nothing.
        browser.goto(&format!("{}/favorites", stack.app_url())).await?;
        favorites_row_reads(browser, &uri, 3, "3 from your listening history").await?;
        assert_eq!(
            playlists_named(&dana, "Chorus Favorites").await?,
            vec![vec![uri.clone()]],
            "added exactly once"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn plays_on_the_phone_counted_live_are_not_counted_again_from_the_history() -> Result<()> {
    run_with("remote-live", manual_clock(), async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "emil").await?;
        browser
            .wait_for_within(
                "the first history reading",
                &stored_counting_where("true"),
                Duration::from_secs(30),
            )
            .await?;
        let phone = add_device(stack, "emil", json!({"name": "Emil's phone"})).await?;
        let emil = UserApi::for_user(stack, "emil").await?;
        let (uri, duration) = a_track(&emil).await?;
        play_on_repeat(&emil, &phone, &uri).await?;
        shows_playing_on(browser, "Emil's phone").await?;

        // Watched live: each time round on the phone counts once, on the tab's favorites line.
        for plays in 1..=2 {
            advance(stack, duration).await?;
            browser
                .wait_for(
                    &format!("{plays} of 3 plays on the phone, counted live"),
                    &format!("const e = document.querySelector('#play-count-plays'); return !!e && e.textContent === '{plays} of 3 plays';"),
                )
                .await?;
        }
        let line = browser.wait_for_text("#play-count-sources").await?;
        assert_eq!(line, "(2 on other devices)");
        emil.put(&format!("me/player/pause?device_id={phone}"), None)
            .await?;

        // A reload is a new keeper: it reads the history, which holds the same two plays.
        let state = stack.sandbox_state().await?;
        let newest = account(&state, "emil")
            .and_then(|a| a["recent_plays"].as_array()?.last()?["played_at_ms"].as_u64())
            .unwrap_or_default();
        browser.goto(&format!("{}/favorites", stack.app_url())).await?;
        cursor_reaches(browser, newest).await?;
        favorites_row_reads(browser, &uri, 2, "2 on other devices").await?;
        let row = browser
            .eval(&format!("return document.querySelector('#favorites-list .fav-row[data-uri=\"{uri}\"] .fav-plays').dataset.sources;"))
            .await?;
        assert!(
            !row.as_str().unwrap_or_default().contains("history"),
            "nothing counted again from the history: {row}"
        );
        assert!(playlists_named(&emil, "Chorus Favorites").await?.is_empty());
        Ok(())
    })
    .await
}

/// Hides the page the way a background tab is hidden, for the Page Visibility API: WebDriver
/// has no engine-neutral way to hide a tab (headless engines keep every tab "visible"), so
/// `document.hidden` and `visibilityState` are shadowed and `visibilitychange` fires.
const HIDE_PAGE: &str =
    "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
document.dispatchEvent(new Event('visibilitychange'));
return document.hidden;";

#[tokio::test]
async fn following_a_phone_costs_at_most_40_web_api_calls_a_minute_visible_and_4_hidden(
) -> Result<()> {
    run("remote-budget", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "chen").await?;
        let phone = add_device(stack, "chen", json!({"name": "Chen's phone"})).await?;
        let chen = UserApi::for_user(stack, "chen").await?;
        let album = an_album(&chen).await?;
        chen.put(
            &format!("me/player/play?device_id={phone}"),
            Some(json!({ "context_uri": album })),
        )
        .await?;
        shows_playing_on(browser, "Chen's phone").await?;

        // Visible: ten polls of me/player (nine periods), and whatever else the tab asked.
        let (visible, calls) =
            calls_per_minute(stack, "chen", wall_ms(), 10, Duration::from_secs(60)).await?;
        println!(
            "remote mode, visible: {visible:.1} Web API calls per minute ({} calls: {:?})",
            calls.len(),
            calls.iter().map(|c| c.path.as_str()).collect::<Vec<_>>()
        );
        assert!(
            visible <= 40.0,
            "visible: {visible:.1} calls per minute: {calls:?}"
        );
        assert!(
            visible >= 20.0,
            "the tab follows the phone every 2 s: {calls:?}"
        );

        // Hidden: three polls (two periods).
        assert_eq!(browser.eval(HIDE_PAGE).await?, Value::Bool(true));
        let (hidden, calls) =
            calls_per_minute(stack, "chen", wall_ms(), 3, Duration::from_secs(90)).await?;
        println!(
            "remote mode, hidden: {hidden:.1} Web API calls per minute ({} calls: {:?})",
            calls.len(),
            calls.iter().map(|c| c.path.as_str()).collect::<Vec<_>>()
        );
        assert!(
            hidden <= 4.0,
            "hidden: {hidden:.1} calls per minute: {calls:?}"
        );
        Ok(())
    })
    .await
}
