//! The Library page (issue 7): tabs to reach it, search that plays on this tab's device,
//! a playlist played from its third track, and the queue.

use chorus_browser_tests::world::{account, tab_device, until_sandbox};
use chorus_browser_tests::{flows, run, Browser, HarnessError, Result, UserApi};
use serde_json::Value;

/// `spotify:track:ID` → `ID`.
fn id_of(uri: &str) -> &str {
    uri.rsplit(':').next().unwrap_or(uri)
}

/// Signs in as `user`, opens the Library tab and waits until this tab's device can play.
async fn open_library_as(browser: &Browser, user: &str) -> Result<()> {
    flows::sign_in_as(browser, user).await?;
    browser.click("#nav-library").await?;
    browser
        .wait_for(
            "the Library page with a ready player",
            "return !!document.querySelector('#search-input') && !document.querySelector('#library-connecting') && document.querySelector('#nav-library').getAttribute('aria-current') === 'page';",
        )
        .await?;
    Ok(())
}

async fn search_for(browser: &Browser, query: &str) -> Result<()> {
    browser
        .eval(&format!(
            "const i = document.querySelector('#search-input'); i.value = {}; i.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;",
            Value::String(query.to_owned())
        ))
        .await?;
    browser.click("#search-submit").await?;
    browser
        .wait_for(
            "search results with tracks",
            "return document.querySelectorAll('#search-tracks .media-row').length > 0;",
        )
        .await?;
    Ok(())
}

async fn attr(browser: &Browser, css: &str, name: &str) -> Result<String> {
    let value = browser
        .eval(&format!(
            "const e = document.querySelector({}); return e ? e.getAttribute({}) : null;",
            Value::String(css.to_owned()),
            Value::String(name.to_owned())
        ))
        .await?;
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Assertion(format!("no {name} on {css}")))
}

#[tokio::test]
async fn a_searched_track_plays_on_this_tabs_device_and_more_pages_on() -> Result<()> {
    run("library-search-plays", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        open_library_as(browser, "alice").await?;
        let path = browser.eval("return location.pathname;").await?;
        assert_eq!(path, "/library");

        search_for(browser, "e").await?;
        let first = browser
            .eval("return document.querySelectorAll('#search-tracks .media-row').length;")
            .await?;
        assert_eq!(first, 10, "a first page of 10 tracks (Spotify's search limit)");
        // Songs only: the other kinds go, and More pages on through songs.
        browser.click("#kind-songs").await?;
        browser
            .wait_for(
                "songs only",
                "return document.querySelector('#kind-songs').getAttribute('aria-pressed') === 'true' && !document.querySelector('#search-albums') && document.querySelectorAll('#search-tracks .media-row').length === 10;",
            )
            .await?;
        browser.click("#search-more").await?;
        browser
            .wait_for(
                "a second page of tracks after More",
                "return document.querySelectorAll('#search-tracks .media-row').length > 10;",
            )
            .await?;
        browser.screenshot("library-search").await?;

        let before = stack.sandbox_state().await?;
        let activated = account(&before, "alice")
            .and_then(|a| a["devices"].as_array())
            .is_some_and(|ds| ds.iter().any(|d| d["activated"] == Value::Bool(true)));
        assert!(!activated, "nothing has activated this tab's player yet");
        let uri = attr(browser, "#search-tracks .media-row:nth-child(2)", "data-uri").await?;
        browser
            .click("#search-tracks .media-row:nth-child(2) .media-play")
            .await?;
        let state = until_sandbox(stack, "alice playing the searched track", |s| {
            account(s, "alice").is_some_and(|a| {
                a["playback"]["is_playing"] == Value::Bool(true)
                    && a["playback"]["track_id"] == id_of(&uri)
            })
        })
        .await?;
        let device = tab_device(&state, "alice");
        assert_eq!(
            account(&state, "alice").and_then(|a| a["playback"]["device_id"].as_str()),
            device.as_deref(),
            "it plays on this tab's device"
        );
        // The click activated the tab's player (the browser's autoplay policy): no
        // "Turn sound on" is needed.
        until_sandbox(stack, "this tab's device activated", |s| {
            account(s, "alice")
                .and_then(|a| a["devices"].as_array())
                .is_some_and(|ds| ds.iter().any(|d| d["activated"] == Value::Bool(true)))
        })
        .await?;
        let blocked = browser
            .eval("return !!document.querySelector('#library-autoplay-blocked');")
            .await?;
        assert_eq!(blocked, Value::Bool(false), "no autoplay notice after a click");

        // Back to the Player: the same track plays on, shown there.
        browser.click("#nav-player").await?;
        browser
            .wait_for(
                "the Player showing the track",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause' && !!document.querySelector('#track-title') && location.pathname === '/';",
            )
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_playlist_plays_from_its_third_track_in_its_context() -> Result<()> {
    run("library-playlist", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        open_library_as(browser, "alice").await?;
        browser
            .wait_for(
                "alice's playlists",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;
        let playlist = attr(browser, "#playlist-list .media-row", "data-uri").await?;
        browser
            .click("#playlist-list .media-row .media-play")
            .await?;
        browser
            .wait_for(
                "the playlist's tracks",
                "return document.querySelectorAll('#playlist-tracks .media-row').length >= 3;",
            )
            .await?;
        // Keyboard users keep their place: focus goes to the way back (and, below, back).
        browser
            .wait_for(
                "focus on the way back",
                "return document.activeElement && document.activeElement.id === 'playlist-back';",
            )
            .await?;
        browser.screenshot("library-playlist").await?;
        let third = attr(
            browser,
            "#playlist-tracks .media-row:nth-child(3)",
            "data-uri",
        )
        .await?;
        browser
            .click("#playlist-tracks .media-row:nth-child(3) .media-play")
            .await?;
        let state = until_sandbox(
            stack,
            "alice playing the third track in the playlist",
            |s| {
                account(s, "alice").is_some_and(|a| {
                    a["playback"]["is_playing"] == Value::Bool(true)
                        && a["playback"]["track_id"] == id_of(&third)
                        && a["playback"]["context_uri"] == playlist.as_str()
                })
            },
        )
        .await?;
        assert_eq!(
            account(&state, "alice").and_then(|a| a["playback"]["device_id"].as_str()),
            tab_device(&state, "alice").as_deref()
        );
        browser.click("#playlist-back").await?;
        browser
            .wait_for(
                "focus back on the playlist that was open",
                &format!(
                    "const e = document.activeElement; return !!e && !!e.closest('#playlist-list') && e.closest('li').getAttribute('data-uri') === {};",
                    Value::String(playlist.clone())
                ),
            )
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn add_to_queue_shows_in_the_queue_list_and_in_spotifys_queue() -> Result<()> {
    run("library-queue", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        open_library_as(browser, "alice").await?;
        search_for(browser, "e").await?;
        browser
            .click("#search-tracks .media-row:nth-child(1) .media-play")
            .await?;
        until_sandbox(stack, "alice playing", |s| {
            account(s, "alice").is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(true))
        })
        .await?;

        let uri = attr(
            browser,
            "#search-tracks .media-row:nth-child(4)",
            "data-uri",
        )
        .await?;
        browser
            .click("#search-tracks .media-row:nth-child(4) .media-queue")
            .await?;
        until_sandbox(stack, "the track in alice's queue", |s| {
            account(s, "alice").is_some_and(|a| {
                a["playback"]["queue"]
                    .as_array()
                    .is_some_and(|q| q.iter().any(|t| t == id_of(&uri)))
            })
        })
        .await?;
        browser
            .wait_for(
                "the queue list to show the track",
                &format!(
                    "return !!document.querySelector('#queue-list li[data-uri=\"' + {} + '\"]');",
                    Value::String(uri.clone())
                ),
            )
            .await?;
        let toast = browser.wait_for_text("#toast-player").await?;
        assert!(toast.contains("to the queue"), "{toast}");
        browser.screenshot("library-queue").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_library_tab_survives_a_reload_and_back_returns_to_the_player() -> Result<()> {
    run("library-navigation", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        open_library_as(browser, "alice").await?;

        // The proxy serves the app for `/library`: a reload stays on the Library. WebDriver's
        // refresh returns once the new page loaded (a scripted `location.reload()` returns at
        // once, and the old page would pass the checks below while Firefox is still reloading).
        browser.client().refresh().await?;
        open_library_after_reload(browser).await?;
        browser
            .wait_for(
                "the playlists to load after the reload",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;

        // A visit to the Player keeps the search; Back goes to the Player without a page load.
        search_for(browser, "e").await?;
        browser.click("#nav-player").await?;
        browser.wait_for_text("#start-here").await?;
        browser.click("#nav-library").await?;
        browser
            .wait_for(
                "the search to be still there",
                "return document.querySelectorAll('#search-tracks .media-row').length > 0 && document.querySelector('#search-input').value === 'e';",
            )
            .await?;
        browser.eval("history.back(); return true;").await?;
        browser
            .wait_for(
                "Back to show the Player",
                "return location.pathname === '/' && document.querySelector('#nav-player').getAttribute('aria-current') === 'page' && !!document.querySelector('#start-here');",
            )
            .await?;

        // The Library fits a 360 px wide phone screen.
        browser.click("#nav-library").await?;
        browser.client().set_window_size(360, 760).await?;
        search_for(browser, "a").await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > window.innerWidth;")
            .await?;
        browser.screenshot("library-narrow").await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");

        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

async fn open_library_after_reload(browser: &Browser) -> Result<()> {
    browser
        .wait_for(
            "the Library page after a reload",
            "return location.pathname === '/library' && !!document.querySelector('#search-input') && document.querySelector('#nav-library').getAttribute('aria-current') === 'page';",
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_next_listener_of_a_tab_sees_their_own_library() -> Result<()> {
    run("library-next-listener", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        open_library_as(browser, "alice").await?;
        search_for(browser, "e").await?;
        browser
            .wait_for(
                "alice's playlists",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;
        let alices = attr(browser, "#playlist-list .media-row", "data-uri").await?;

        flows::sign_out(browser).await?;
        browser.wait_for_text("#connect").await?;
        flows::sign_in_as(browser, "bruno").await?;
        browser.click("#nav-library").await?;
        browser.wait_for_text("#search-hint").await?;
        browser
            .wait_for(
                "bruno's playlists",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;
        let brunos = attr(browser, "#playlist-list .media-row", "data-uri").await?;
        assert_ne!(alices, brunos, "bruno sees his own playlists");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn lists_show_a_skeleton_while_loading_and_say_what_failed() -> Result<()> {
    run("library-errors", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/playlists", "method": "GET", "status": 500, "count": 1}),
            )
            .await?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/search", "method": "GET", "latency_ms": 1500, "count": 1}),
            )
            .await?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/search", "method": "GET", "status": 500, "count": 1}),
            )
            .await?;
        browser.click("#nav-library").await?;
        let failed = browser.wait_for_text("#playlists-error").await?;
        assert!(failed.contains("Try again"), "{failed}");

        // A slow search shows a skeleton, then its results.
        browser
            .eval("const i = document.querySelector('#search-input'); i.value = 'e'; i.dispatchEvent(new Event('input', { bubbles: true })); return true;")
            .await?;
        browser.click("#search-submit").await?;
        browser
            .wait_for(
                "a skeleton while the search loads",
                "return !!document.querySelector('.media-list.skeleton[aria-busy=true]');",
            )
            .await?;
        browser.screenshot("library-loading").await?;
        browser
            .wait_for(
                "the slow search's results",
                "return document.querySelectorAll('#search-tracks .media-row').length > 0;",
            )
            .await?;

        // A failing search says so; the playlists come back on "Try again".
        browser.click("#search-submit").await?;
        let error = browser.wait_for_text("#search-error").await?;
        assert!(error.contains("Try again"), "{error}");
        browser.click("#playlists-error button").await?;
        browser
            .wait_for(
                "the playlists after Try again",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;
        browser.screenshot("library-errors").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_long_playlist_pages_on_with_more() -> Result<()> {
    run("library-long-playlist", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        // Another Spotify client (the test, with its own token) makes alice's first playlist
        // longer than one page of 50.
        let api = UserApi::for_user(stack, "alice").await?;
        let playlists = api.get("me/playlists?limit=1").await?;
        let playlist_id = playlists["items"][0]["id"].as_str().unwrap_or_default().to_owned();
        let before = playlists["items"][0]["items"]["total"].as_u64().unwrap_or_default();
        let mut uris = Vec::new();
        for offset in [0, 10, 20, 30, 40] {
            let page = api.get(&format!("search?q=e&type=track&limit=10&offset={offset}")).await?;
            uris.extend(
                page["tracks"]["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t["uri"].as_str().map(str::to_owned)),
            );
        }
        // Any answer but 2xx fails the call.
        api.post(&format!("playlists/{playlist_id}/items"), serde_json::json!({ "uris": uris }))
            .await?;
        let total = before + uris.len() as u64;
        assert!(total > 50, "the playlist is longer than a page ({total})");

        open_library_as(browser, "alice").await?;
        browser.click("#playlist-list .media-row .media-play").await?;
        browser
            .wait_for(
                "a first page of 50 tracks and More",
                "return document.querySelectorAll('#playlist-tracks .media-row').length === 50 && !!document.querySelector('#playlist-more');",
            )
            .await?;
        browser.click("#playlist-more").await?;
        browser
            .wait_for(
                "every track after More",
                &format!(
                    "return document.querySelectorAll('#playlist-tracks .media-row').length === {total} && !document.querySelector('#playlist-more');"
                ),
            )
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn more_than_fifty_playlists_page_on_with_more() -> Result<()> {
    run("library-many-playlists", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let api = UserApi::for_user(stack, "bruno").await?;
        for n in 0..50 {
            // Any answer but 2xx fails the call.
            api.post(
                "me/playlists",
                serde_json::json!({"name": format!("Mix {n}"), "public": false, "description": ""}),
            )
            .await?;
        }
        let first = api.get("me/playlists?limit=1").await?;
        let total = first["total"].as_u64().unwrap_or_default();
        assert!(total > 50, "bruno has more than a page of playlists ({total})");

        open_library_as(browser, "bruno").await?;
        browser
            .wait_for(
                "a first page of 50 playlists and More",
                "return document.querySelectorAll('#playlist-list .media-row').length === 50 && !!document.querySelector('#playlists-more');",
            )
            .await?;
        browser.click("#playlists-more").await?;
        browser
            .wait_for(
                "every playlist after More",
                &format!(
                    "return document.querySelectorAll('#playlist-list .media-row').length === {total} && !document.querySelector('#playlists-more');"
                ),
            )
            .await?;
        Ok(())
    })
    .await
}
