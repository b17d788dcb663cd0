//! The now-playing bar and the player's keys on every signed-in page (issue 17): what plays,
//! play/pause, previous/next, the device, ♥; a tap opens the Player; space, ←/→, n/p, +/− and
//! m work on the Library, Insights and Favorites too, never while typing.

use chorus_browser_tests::world::{account, is_playing, until_sandbox};
use chorus_browser_tests::{axe, flows, run, Browser, HarnessError, Result, Stack};
use serde_json::Value;

/// The track `user` plays now, by the sandbox.
async fn playing_track(stack: &Stack, user: &str) -> Result<(String, String)> {
    let state = stack.sandbox_state().await?;
    let playback = &account(&state, user)
        .ok_or_else(|| HarnessError::Assertion(format!("no account {user}")))?["playback"];
    Ok((
        playback["track_id"].as_str().unwrap_or_default().to_owned(),
        playback["track_name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    ))
}

async fn bar_shows(browser: &Browser, name: &str, label: &str) -> Result<()> {
    browser
        .wait_for(
            &format!("the bar to show “{name}” with {label}"),
            &format!(
                "const t = document.querySelector('#bar-title'); const b = document.querySelector('#bar-play-pause');
                 return !!t && t.textContent === {} && !!b && b.getAttribute('aria-label') === {};",
                Value::String(name.to_owned()),
                Value::String(label.to_owned())
            ),
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_bar_and_the_keys_work_on_every_page() -> Result<()> {
    run("bar-every-page", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        flows::start_playing_here(browser).await?;
        let (track, name) = playing_track(stack, "alice").await?;
        bar_shows(browser, &name, "Pause").await?;
        let device = browser.wait_for_text("#bar-device").await?;
        assert_eq!(device, "This tab");

        for page in ["library", "insights", "favorites"] {
            browser.click(&format!("#nav-{page}")).await?;
            bar_shows(browser, &name, "Pause").await?;
            axe::check(browser, &format!("{page} with the bar")).await?;
        }
        browser.screenshot("bar-favorites-1280").await?;

        // On the Library: the bar pauses and plays again.
        browser.click("#nav-library").await?;
        browser.click("#bar-play-pause").await?;
        until_sandbox(stack, "alice paused from the bar", |s| !is_playing(s, "alice")).await?;
        bar_shows(browser, &name, "Play").await?;
        // Space on the Library plays again (it used to do nothing off the Player).
        assert!(flows::press_key(browser, " ").await?, "space is taken");
        until_sandbox(stack, "alice playing again by the space bar", |s| is_playing(s, "alice")).await?;
        assert!(flows::press_key(browser, " ").await?);
        until_sandbox(stack, "alice paused by the space bar", |s| !is_playing(s, "alice")).await?;
        assert!(flows::press_key(browser, " ").await?);
        until_sandbox(stack, "alice playing", |s| is_playing(s, "alice")).await?;

        // n: the next track; p: back to the one before.
        assert!(flows::press_key(browser, "n").await?);
        let next = until_sandbox(stack, "the next track", |s| {
            account(s, "alice").is_some_and(|a| a["playback"]["track_id"] != track.as_str())
        })
        .await?;
        let next_name = account(&next, "alice").and_then(|a| a["playback"]["track_name"].as_str()).unwrap_or_default().to_owned();
        bar_shows(browser, &next_name, "Pause").await?;
        assert!(flows::press_key(browser, "p").await?);
        until_sandbox(stack, "back to the first track", |s| {
            account(s, "alice").is_some_and(|a| a["playback"]["track_id"] == track.as_str())
        })
        .await?;

        // → seeks 10 s; − and + move the volume by 10; m mutes.
        assert!(flows::press_key(browser, "ArrowRight").await?);
        until_sandbox(stack, "a seek of 10 s", |s| {
            account(s, "alice").and_then(|a| a["playback"]["progress_ms"].as_u64()).is_some_and(|p| p >= 10_000)
        })
        .await?;
        let volume = |s: &Value| {
            account(s, "alice")
                .and_then(|a| {
                    let id = a["playback"]["device_id"].clone();
                    a["devices"].as_array()?.iter().find(|d| d["id"] == id)?["volume_percent"].as_u64()
                })
        };
        let before = volume(&stack.sandbox_state().await?).unwrap_or(0);
        assert!(flows::press_key(browser, "-").await?);
        until_sandbox(stack, "the volume 10 lower", |s| volume(s) == Some(before.saturating_sub(10))).await?;
        assert!(flows::press_key(browser, "+").await?);
        until_sandbox(stack, "the volume back", |s| volume(s) == Some(before)).await?;
        assert!(flows::press_key(browser, "m").await?);
        until_sandbox(stack, "muted", |s| volume(s) == Some(0)).await?;
        browser
            .wait_for("the bar's mute to show muted", "return document.querySelector('#bar-mute')?.getAttribute('aria-pressed') === 'true';")
            .await?;
        assert!(flows::press_key(browser, "m").await?);
        until_sandbox(stack, "unmuted", |s| volume(s) == Some(before)).await?;

        // Typing in the search field is text, not keys for the player.
        browser.click("#search-input").await?;
        browser
            .client()
            .find(fantoccini::Locator::Css("#search-input"))
            .await?
            .send_keys("n p m")
            .await?;
        let state = stack.sandbox_state().await?;
        assert!(is_playing(&state, "alice"), "typing must not pause");
        assert_eq!(playing_track(stack, "alice").await?.0, track, "typing must not skip");

        // A tap on what plays opens the Player.
        browser.click("#bar-open").await?;
        browser
            .wait_for("the Player", "return location.pathname === '/' && !!document.querySelector('#track-title');")
            .await?;
        axe::check(browser, "player playing").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}
