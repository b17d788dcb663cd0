//! The Insights page (issue 7): top tracks and artists per period in the sandbox's order,
//! recent plays (seeded, and one played to the end on the sandbox's clock), CSV / JSON export
//! whose rows match the lists, a playlist created from the Library, and the read-only mode of
//! a free account (issue 5/6).

use chorus_browser_tests::world::{account, until_sandbox};
use chorus_browser_tests::{flows, run, run_with, Browser, HarnessError, Result, UserApi};
use serde_json::Value;
use spotify_sandbox::config::{ClockMode, SandboxConfig};

/// The `uri` of every item of a Web API page (`item_key` for play history: `track`).
fn uris(page: &Value, item_key: Option<&str>) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let item = item_key.map_or(item, |key| &item[key]);
                    item["uri"].as_str().map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `data-uri` of every row matching `css`, in page order.
async fn row_uris(browser: &Browser, css: &str) -> Result<Vec<String>> {
    let value = browser
        .eval(&format!(
            "return Array.from(document.querySelectorAll({})).map(e => e.getAttribute('data-uri'));",
            Value::String(css.to_owned())
        ))
        .await?;
    Ok(value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// Shows the list `slug` (`top-tracks`, `top-artists`, `recent`): its tab, and every row of it
/// ("Show all", when there are more than ten).
async fn show_list(browser: &Browser, slug: &str) -> Result<()> {
    browser.click(&format!("#tab-{slug}")).await?;
    browser
        .wait_for(
            &format!("the {slug} tab shown"),
            &format!("return !document.querySelector('#{slug}-panel').hidden;"),
        )
        .await?;
    browser
        .eval(&format!(
            "const b = document.querySelector('#{slug}-show-all'); if (b) b.click(); return true;"
        ))
        .await?;
    Ok(())
}

/// Opens the Insights tab and waits for both top lists and the recent plays.
async fn open_insights(browser: &Browser) -> Result<()> {
    browser.click("#nav-insights").await?;
    browser
        .wait_for(
            "the Insights page with its lists loaded",
            "return document.querySelector('#nav-insights').getAttribute('aria-current') === 'page' && document.querySelectorAll('#top-tracks .media-row').length > 0 && document.querySelectorAll('#top-artists .media-row').length > 0 && document.querySelectorAll('#recent-plays .media-row').length > 0;",
        )
        .await?;
    // Every row of every list, as the tests compare whole lists with Spotify's.
    for slug in ["recent", "top-artists", "top-tracks"] {
        show_list(browser, slug).await?;
    }
    Ok(())
}

/// Whether the page asked Spotify for anything under `path` (the Resource Timing entries).
async fn page_fetched(browser: &Browser, path: &str) -> Result<bool> {
    let value = browser
        .eval(&format!(
            "return performance.getEntriesByType('resource').some(e => e.name.includes({}));",
            Value::String(path.to_owned())
        ))
        .await?;
    Ok(value == Value::Bool(true))
}

/// Every Blob the page hands to `URL.createObjectURL` and every file name a link downloads
/// are kept in `window.__exports` from now on.
async fn capture_downloads(browser: &Browser) -> Result<()> {
    browser
        .eval(
            "window.__exports = [];
             const create = URL.createObjectURL;
             URL.createObjectURL = function (blob) { window.__exports.push({ blob, type: blob.type, text: null, name: null }); return create.call(URL, blob); };
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () { const last = window.__exports[window.__exports.length - 1]; if (last && this.download) { last.name = this.download; } return click.call(this); };
             return true;",
        )
        .await?;
    Ok(())
}

/// Clicks `button` and returns the exported file: `(name, type, text)`.
async fn export(browser: &Browser, button: &str) -> Result<(String, String, String)> {
    let before = browser.eval("return window.__exports.length;").await?;
    let index = before.as_u64().unwrap_or_default();
    // The list's tab first: the button is in its panel.
    let panel = browser
        .eval(&format!(
            "return document.querySelector({}).closest('[role=tabpanel]').id.replace(/-panel$/, '');",
            Value::String(button.to_owned())
        ))
        .await?;
    show_list(browser, panel.as_str().unwrap_or_default()).await?;
    browser.click(button).await?;
    let script = format!(
        "const e = window.__exports[{index}]; if (!e) return null;
         if (e.text === null && !e.reading) {{ e.reading = true; e.blob.text().then(t => {{ e.text = t; }}); }}
         return e.text === null ? null : [e.name, e.type, e.text];"
    );
    let value = browser
        .wait_for(&format!("the file exported by {button}"), &script)
        .await?;
    let part = |i: usize| value[i].as_str().unwrap_or_default().to_owned();
    Ok((part(0), part(1), part(2)))
}

/// The last field of each CSV data row: the URI (never quoted: it holds no comma).
fn csv_uris(csv: &str) -> Vec<String> {
    csv.split("\r\n")
        .skip(1)
        .filter(|line| !line.is_empty())
        .filter_map(|line| line.rsplit(',').next().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn top_lists_follow_the_sandbox_for_each_period_and_export_what_they_show() -> Result<()> {
    run("insights-top", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser.wait_for_text("#nav-insights").await?;
        assert!(
            !page_fetched(browser, "/me/top/").await?,
            "nothing of Insights is fetched before the page is shown"
        );
        open_insights(browser).await?;
        assert_eq!(
            browser.eval("return location.pathname;").await?,
            "/insights"
        );
        let lazy = browser
            .eval("return Array.from(document.querySelectorAll('.insights img')).every(i => i.loading === 'lazy');")
            .await?;
        assert_eq!(lazy, Value::Bool(true), "every cover loads lazily");

        for (query, slug) in [
            ("short_term", "4-weeks"),
            ("medium_term", "6-months"),
            ("long_term", "year"),
        ] {
            browser.click(&format!("#range-{slug}")).await?;
            let expected_tracks = uris(
                &UserApi::for_user(stack, "alice").await?.get(&format!("me/top/tracks?time_range={query}&limit=50")).await?,
                None,
            );
            let expected_artists = uris(
                &UserApi::for_user(stack, "alice").await?.get(&format!("me/top/artists?time_range={query}&limit=50")).await?,
                None,
            );
            assert!(!expected_tracks.is_empty() && !expected_artists.is_empty());
            // The period's lists, once shown, are the sandbox's, in its order.
            let first = serde_json::to_string(&expected_tracks[0]).unwrap_or_default();
            let first_artist = serde_json::to_string(&expected_artists[0]).unwrap_or_default();
            browser
                .wait_for(
                    &format!("the {slug} lists"),
                    &format!(
                        "return document.querySelector('#range-{slug}').getAttribute('aria-pressed') === 'true'
                            && document.querySelector('#top-tracks .media-row')?.getAttribute('data-uri') === {first}
                            && document.querySelector('#top-artists .media-row')?.getAttribute('data-uri') === {first_artist};"
                    ),
                )
                .await?;
            assert_eq!(row_uris(browser, "#top-tracks .media-row").await?, expected_tracks, "{slug} tracks");
            assert_eq!(row_uris(browser, "#top-artists .media-row").await?, expected_artists, "{slug} artists");
            let pressed = browser
                .eval("return Array.from(document.querySelectorAll('.range-switch [aria-pressed=true]')).map(b => b.id);")
                .await?;
            assert_eq!(pressed, serde_json::json!([format!("range-{slug}")]));
        }
        // The periods differ in the sandbox, so the page really switched.
        let long = row_uris(browser, "#top-tracks .media-row").await?;
        browser.click("#range-4-weeks").await?;
        browser
            .wait_for(
                "4 weeks again, from memory",
                "return document.querySelector('#range-4-weeks').getAttribute('aria-pressed') === 'true';",
            )
            .await?;
        assert_ne!(row_uris(browser, "#top-tracks .media-row").await?, long);

        // Exports: the files' rows are the lists' rows.
        capture_downloads(browser).await?;
        let shown_tracks = row_uris(browser, "#top-tracks .media-row").await?;
        let (name, kind, csv) = export(browser, "#top-tracks-export-csv").await?;
        assert_eq!(name, "chorus-top-tracks-4-weeks.csv");
        assert!(kind.starts_with("text/csv"), "{kind}");
        assert!(csv.starts_with("rank,name,artists,album,duration,uri\r\n"), "{csv}");
        assert_eq!(csv_uris(&csv), shown_tracks);
        assert!(csv.contains("\r\n1,"), "ranked from 1");

        let (name, kind, json) = export(browser, "#top-artists-export-json").await?;
        assert_eq!(name, "chorus-top-artists-4-weeks.json");
        assert!(kind.starts_with("application/json"), "{kind}");
        let rows: Value = serde_json::from_str(&json)
            .map_err(|e| HarnessError::Assertion(format!("exported JSON: {e}: {json}")))?;
        let exported: Vec<String> = rows
            .as_array()
            .map(|r| r.iter().filter_map(|row| row["uri"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        assert_eq!(exported, row_uris(browser, "#top-artists .media-row").await?);
        let names = browser
            .eval("return Array.from(document.querySelectorAll('#top-artists .media-title')).map(e => e.textContent);")
            .await?;
        let exported_names: Vec<Value> = rows
            .as_array()
            .map(|r| r.iter().map(|row| row["name"].clone()).collect())
            .unwrap_or_default();
        assert_eq!(Value::Array(exported_names), names);
        assert_eq!(rows[0]["rank"], 1);

        let (name, _, recent) = export(browser, "#recent-export-json").await?;
        assert_eq!(name, "chorus-recently-played.json");
        let rows: Value = serde_json::from_str(&recent)
            .map_err(|e| HarnessError::Assertion(format!("exported JSON: {e}")))?;
        let exported: Vec<String> = rows
            .as_array()
            .map(|r| r.iter().filter_map(|row| row["uri"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        assert_eq!(exported, row_uris(browser, "#recent-plays .media-row").await?);
        let (_, _, recent_csv) = export(browser, "#recent-export-csv").await?;
        assert_eq!(csv_uris(&recent_csv), exported);

        // Keyboard: the switcher and the track buttons are reachable and focusable.
        browser.click("#tab-top-tracks").await?;
        let focusable = browser
            .eval("const b = document.querySelector('#top-tracks .media-play'); b.focus(); return document.activeElement === b && b.tabIndex >= 0;")
            .await?;
        assert_eq!(focusable, Value::Bool(true));
        browser.screenshot("insights-desktop").await?;
        browser.client().set_window_size(360, 800).await?;
        browser.screenshot("insights-360").await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth <= window.innerWidth;")
            .await?;
        assert_eq!(overflow, Value::Bool(true), "nothing is wider than a 360 px screen");
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn recent_plays_show_the_seeded_history_then_a_top_track_played_to_the_end() -> Result<()> {
    let sandbox = SandboxConfig {
        clock: ClockMode::Manual,
        ..SandboxConfig::default()
    };
    run_with("insights-recent", sandbox, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "chen").await?;
        open_insights(browser).await?;
        let seeded = uris(
            &UserApi::for_user(stack, "chen").await?.get("me/player/recently-played?limit=50").await?,
            Some("track"),
        );
        assert!(!seeded.is_empty(), "the sandbox seeds a day of listening");
        assert_eq!(row_uris(browser, "#recent-plays .media-row").await?, seeded);
        // Each play says when, in words, with the exact time for a tooltip.
        let time = browser
            .eval("const t = document.querySelector('#recent-plays time'); return [t.textContent, t.getAttribute('datetime'), t.getAttribute('title')];")
            .await?;
        let words = time[0].as_str().unwrap_or_default();
        assert!(
            words.ends_with(" ago") || words == "just now" || words == "yesterday",
            "{time}"
        );
        assert!(time[1].as_str().is_some_and(|d| d.ends_with('Z')), "{time}");
        assert!(time[2].as_str().is_some_and(|t| !t.is_empty()), "{time}");

        // One click on a top track plays it here.
        browser
            .wait_for(
                "the third top track playable",
                "const b = document.querySelector('#top-tracks .media-row:nth-child(3) .media-play'); return !!b && !b.disabled;",
            )
            .await?;
        let picked = row_uris(browser, "#top-tracks .media-row").await?;
        let picked = picked.get(2).cloned().unwrap_or_default();
        browser
            .click("#top-tracks .media-row:nth-child(3) .media-play")
            .await?;
        let id = picked.rsplit(':').next().unwrap_or_default().to_owned();
        until_sandbox(stack, "chen playing the clicked top track", |s| {
            account(s, "chen").is_some_and(|a| {
                a["playback"]["is_playing"] == Value::Bool(true) && a["playback"]["track_id"] == id
            })
        })
        .await?;
        // The sandbox's clock runs the track to its end; the refreshed list has it first.
        let top = UserApi::for_user(stack, "chen").await?.get("me/top/tracks?time_range=short_term&limit=50").await?;
        let duration = top["items"]
            .as_array()
            .and_then(|items| items.iter().find(|t| t["uri"] == picked.as_str()))
            .and_then(|t| t["duration_ms"].as_u64())
            .ok_or_else(|| HarnessError::Assertion(format!("{picked} is not a top track")))?;
        stack
            .sandbox_admin("clock/advance", serde_json::json!({"ms": duration + 1_000}))
            .await?;
        show_list(browser, "recent").await?;
        browser.click("#recent-refresh").await?;
        let first = serde_json::to_string(&picked).unwrap_or_default();
        browser
            .wait_for(
                "the finished track first in Recently played",
                &format!("return document.querySelector('#recent-plays .media-row')?.getAttribute('data-uri') === {first};"),
            )
            .await?;
        let served = uris(
            &UserApi::for_user(stack, "chen").await?.get("me/player/recently-played?limit=50").await?,
            Some("track"),
        );
        assert_eq!(served.first(), Some(&picked));
        assert_eq!(row_uris(browser, "#recent-plays .media-row").await?, served);
        browser
            .eval("document.querySelector('#recent-panel').scrollIntoView(); return true;")
            .await?;
        browser.screenshot("insights-recent").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_failed_list_says_so_and_try_again_loads_it() -> Result<()> {
    run("insights-error", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "dana").await?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/top/artists", "status": 500, "count": 1}),
            )
            .await?;
        browser.click("#nav-insights").await?;
        let text = browser.wait_for_text("#top-artists-error").await?;
        assert!(text.contains("Try again"), "{text}");
        // The other lists are not held up by the failed one.
        browser
            .wait_for(
                "top tracks despite the failed artists",
                "return document.querySelectorAll('#top-tracks .media-row').length > 0;",
            )
            .await?;
        browser.click("#tab-top-artists").await?;
        browser.screenshot("insights-error").await?;
        browser.click("#top-artists-retry").await?;
        browser
            .wait_for(
                "top artists after Try again",
                "return document.querySelectorAll('#top-artists .media-row').length > 0 && !document.querySelector('#top-artists-error');",
            )
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_playlist_created_in_the_library_is_listed_and_exists_in_spotify() -> Result<()> {
    run("library-create-playlist", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        browser.click("#nav-library").await?;
        browser
            .wait_for(
                "bruno's playlists",
                "return document.querySelectorAll('#playlist-list .media-row').length > 0;",
            )
            .await?;
        browser.click("#new-playlist").await?;
        browser
            .eval(
                "const i = document.querySelector('#new-playlist-name'); i.value = 'Road, \"again\"'; i.dispatchEvent(new Event('input', { bubbles: true })); return true;",
            )
            .await?;
        browser.click("#new-playlist-public").await?;
        browser
            .wait_for(
                "Public ticked",
                "return document.querySelector('#new-playlist-public').checked;",
            )
            .await?;
        browser.screenshot("library-new-playlist").await?;
        browser.click("#new-playlist-create").await?;
        let title = browser
            .wait_for(
                "the new playlist first in the list",
                "const t = document.querySelector('#playlist-list .media-row .media-title'); return t && t.textContent === 'Road, \"again\"' ? t.textContent : null;",
            )
            .await?;
        assert_eq!(title, "Road, \"again\"");
        let notice = browser.wait_for_text("#toast-library").await?;
        assert!(notice.contains("Created"), "{notice}");
        // WebKit may render the list and the closed form in separate frames: wait for it.
        browser
            .wait_for(
                "the form closes",
                "return !document.querySelector('#new-playlist-form');",
            )
            .await?;
        browser.screenshot("library-playlist-created").await?;
        let listed = UserApi::for_user(stack, "bruno").await?.get("me/playlists?limit=50").await?;
        let created = listed["items"]
            .as_array()
            .and_then(|items| items.iter().find(|p| p["name"] == "Road, \"again\""))
            .cloned()
            .ok_or_else(|| HarnessError::Assertion(format!("not in the sandbox: {listed}")))?;
        assert_eq!(created["public"], Value::Bool(true));
        assert_eq!(created["owner"]["id"], "bruno");
        let uri = created["uri"].as_str().unwrap_or_default().to_owned();
        assert_eq!(
            row_uris(browser, "#playlist-list .media-row").await?.first(),
            Some(&uri)
        );
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_free_account_browses_searches_and_sees_insights_without_a_broken_player() -> Result<()> {
    let sandbox = SandboxConfig {
        allowlist_size: 10,
        ..SandboxConfig::default()
    };
    run_with("insights-free-account", sandbox, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "ines").await?;
        let text = browser.wait_for_text("#premium-required").await?;
        assert!(text.contains("Premium"), "{text}");
        assert!(text.contains("Library") && text.contains("Insights"), "{text}");
        browser.screenshot("free-player-desktop").await?;

        // The explanation leads to Insights, which works.
        browser.click("#premium-to-insights").await?;
        open_insights(browser).await?;
        let expected = uris(
            &UserApi::for_user(stack, "ines").await?.get("me/top/tracks?time_range=short_term&limit=50").await?,
            None,
        );
        assert_eq!(row_uris(browser, "#top-tracks .media-row").await?, expected);
        let disabled = browser
            .eval("return Array.from(document.querySelectorAll('#top-tracks .media-play')).every(b => b.disabled);")
            .await?;
        assert_eq!(disabled, Value::Bool(true), "no play button that cannot work");
        let intro = browser.wait_for_text(".insights-intro").await?;
        assert!(intro.contains("Premium"), "{intro}");
        browser.screenshot("free-insights").await?;

        // Library: search works, playing is off with the reason shown.
        browser.click("#nav-library").await?;
        // One banner says why, on every page.
        let banner = browser.wait_for_text("#premium-banner").await?;
        assert!(banner.starts_with("Playing needs Spotify Premium."), "{banner}");
        browser
            .eval("const i = document.querySelector('#search-input'); i.value = 'e'; i.dispatchEvent(new Event('input', { bubbles: true })); return true;")
            .await?;
        browser.click("#search-submit").await?;
        browser
            .wait_for(
                "search results for a free account",
                "return document.querySelectorAll('#search-tracks .media-row').length > 0;",
            )
            .await?;
        let off = browser
            .eval("return Array.from(document.querySelectorAll('#search-tracks .media-play, #search-tracks .media-queue')).every(b => b.disabled) && !document.querySelector('#library-connecting');")
            .await?;
        assert_eq!(off, Value::Bool(true));
        // What cannot work looks it, and nothing says "try again" to a free listener.
        let looks_off = browser
            .eval("return Array.from(document.querySelectorAll('#search-tracks .media-play, #search-tracks .media-queue')).every(b => Number(getComputedStyle(b).opacity) < 1 && getComputedStyle(b).cursor === 'not-allowed');")
            .await?;
        assert_eq!(looks_off, Value::Bool(true), "disabled controls look disabled");
        let words = browser.eval("return document.body.innerText;").await?;
        let words = words.as_str().unwrap_or_default();
        assert!(!words.to_lowercase().contains("try again") && !words.contains(".."), "{words}");
        browser.client().set_window_size(360, 800).await?;
        browser.screenshot("free-library-360").await?;
        browser.click("#nav-player").await?;
        browser.wait_for_text("#premium-required").await?;
        browser.screenshot("free-player-360").await?;

        let state = stack.sandbox_state().await?;
        let plays = account(&state, "ines").map(|a| a["playback"].clone());
        assert!(plays.is_none_or(|p| p.is_null()), "nothing was asked to play: {state}");
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}
