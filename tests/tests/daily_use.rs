//! A full player for daily use (issue 17), one bullet per test: album and artist pages with
//! Play, Shuffle and lengths, the context line, Spotify's attribution and the skip link; a
//! playlist's Play/Shuffle and "Add to playlist…"; ♥ on the bar, the Player and the rows, Liked
//! Songs and the `like` command; a phone's positions, the account menu and distinct device
//! names; an ended sign-in's banner; Insights' ten rows, the counts' wording and the
//! completion rule.

use chorus_browser_tests::world::{account, until_sandbox};
use chorus_browser_tests::{
    axe, flows, run, skip_on, Browser, Engine, HarnessError, Result, Stack, UserApi,
};
use fantoccini::{
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
};
use serde_json::Value;

fn playback<'a>(state: &'a Value, user: &str) -> &'a Value {
    account(state, user).map_or(&Value::Null, |a| &a["playback"])
}

fn js(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

async fn attr(browser: &Browser, css: &str, name: &str) -> Result<String> {
    let value = browser
        .eval(&format!(
            "const e = document.querySelector({}); return e ? e.getAttribute({}) : null;",
            js(css),
            js(name)
        ))
        .await?;
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Assertion(format!("no {name} on {css}")))
}

async fn press(browser: &Browser, keys: &[char]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys {
        actions = actions
            .then(KeyAction::Down { value: *key })
            .then(KeyAction::Up { value: *key });
    }
    browser.client().perform_actions(actions).await?;
    Ok(())
}

/// Every `.track-duration` in `list` reads like `3:07`, and there is at least one.
async fn lengths_shown(browser: &Browser, list: &str) -> Result<()> {
    let lengths = browser
        .eval(&format!(
            "return [...document.querySelectorAll({} + ' .track-duration')].map(d => d.textContent);",
            js(list)
        ))
        .await?;
    let lengths: Vec<String> = serde_json::from_value(lengths).unwrap_or_default();
    assert!(!lengths.is_empty(), "{list} shows no lengths");
    for length in &lengths {
        let (minutes, seconds) = length.split_once(':').unwrap_or_default();
        assert!(
            !minutes.is_empty()
                && minutes.chars().all(|c| c.is_ascii_digit())
                && seconds.len() == 2
                && seconds.chars().all(|c| c.is_ascii_digit()),
            "{list}: length {length:?}"
        );
    }
    Ok(())
}

/// The "Open in Spotify" link `css` goes to `url` in a new tab, with Spotify's icon served by
/// the app itself (shipped in the build, no CDN) and loaded.
async fn opens_in_spotify(browser: &Browser, app: &str, css: &str, url: &str) -> Result<()> {
    assert_eq!(attr(browser, css, "href").await?, url, "{css}");
    assert_eq!(attr(browser, css, "target").await?, "_blank");
    let icon = browser
        .wait_for(
            "Spotify's icon loaded",
            &format!(
                "const i = document.querySelector({} + ' img.spotify-icon'); return i && i.complete && i.naturalWidth > 0 ? i.src : null;",
                js(css)
            ),
        )
        .await?;
    let icon = icon.as_str().unwrap_or_default();
    assert!(icon.starts_with(app), "the icon comes from the app: {icon}");
    Ok(())
}

/// Waits until `user` plays `context` (and, when given, the track `track`).
async fn until_playing_from(
    stack: &Stack,
    user: &str,
    context: &str,
    track: Option<&str>,
) -> Result<Value> {
    until_sandbox(stack, &format!("{user} playing from {context}"), |s| {
        let p = playback(s, user);
        p["is_playing"] == Value::Bool(true)
            && p["context_uri"] == context
            && track.is_none_or(|t| p["track_id"] == t)
    })
    .await
}

#[tokio::test]
async fn album_and_artist_pages_play_in_their_context_and_credit_spotify() -> Result<()> {
    run("album-artist", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;

        // The skip link is the first Tab stop and takes focus to the page.
        browser.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;").await?;
        press(browser, &[Key::Tab.into()]).await?;
        let first = browser
            .eval("return document.activeElement.className + '|' + document.activeElement.textContent;")
            .await?;
        assert_eq!(first, "skip-link|Skip to content");
        press(browser, &[Key::Enter.into()]).await?;
        browser
            .wait_for("focus in the page", "return document.activeElement && document.activeElement.id === 'main';")
            .await?;

        flows::start_playing_here(browser).await?;
        // The Player's album name opens the album's page.
        let album_name = browser.wait_for_text("#player-album").await?;
        browser.click("#player-album").await?;
        let title = browser.wait_for_text("#album-title").await?;
        assert_eq!(title, album_name);
        let album_id = browser
            .eval("return location.pathname.split('/')[2] || null;")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let api = UserApi::for_user(stack, "alice").await?;
        let album = api.get(&format!("albums/{album_id}")).await?;
        let album_uri = album["uri"].as_str().unwrap_or_default().to_owned();
        let facts = browser.wait_for_text("#album-facts").await?;
        let count = album["tracks"]["total"].as_u64().unwrap_or_default();
        assert!(
            facts.contains(&format!("{count} track")),
            "{facts} for {count} tracks"
        );
        browser.wait_for_text("#album-tracks .track-row").await?;
        lengths_shown(browser, "#album-tracks").await?;
        opens_in_spotify(
            browser,
            stack.app_url(),
            "#album-open",
            album["external_urls"]["spotify"].as_str().unwrap_or_default(),
        )
        .await?;
        axe::check(browser, "album page").await?;
        let region = axe::violations(browser).await?;
        assert!(
            !region.iter().any(|v| v.id == "region" || v.id.starts_with("landmark")),
            "everything is inside a landmark: {region:?}"
        );

        // A track of the album plays in the album's context.
        let second = attr(browser, "#album-tracks .track-row:nth-child(2)", "data-uri").await?;
        browser.click("#album-tracks .track-row:nth-child(2) .media-play").await?;
        let second_id = second.trim_start_matches("spotify:track:").to_owned();
        until_playing_from(stack, "alice", &album_uri, Some(&second_id)).await?;
        // The bar says where the music comes from, and so does the Player.
        let bar_context = browser
            .wait_for("the bar's context line", &format!(
                "const c = document.querySelector('#bar-context'); return c && c.textContent === {} ? c.textContent : null;",
                js(&format!("Playing from {title}"))
            ))
            .await?;
        assert!(bar_context.is_string());
        browser.click("#nav-player").await?;
        let context = browser.wait_for_text("#player-context").await?;
        assert_eq!(context, format!("Playing from {title}"));
        browser.click("#player-context a").await?;
        browser.wait_for_text("#album-title").await?;

        // Play starts at the first track; Shuffle turns shuffle on.
        browser.click("#album-play").await?;
        let first_id = attr(browser, "#album-tracks .track-row:nth-child(1)", "data-uri")
            .await?
            .trim_start_matches("spotify:track:")
            .to_owned();
        until_playing_from(stack, "alice", &album_uri, Some(&first_id)).await?;
        browser.click("#album-shuffle").await?;
        until_sandbox(stack, "shuffle on in the album", |s| {
            let p = playback(s, "alice");
            p["shuffle"] == Value::Bool(true) && p["context_uri"] == album_uri.as_str()
        })
        .await?;

        // The album's artist: its page lists the albums and Play plays the artist.
        browser.click(".catalog-byline .artist-link").await?;
        let artist_name = browser.wait_for_text("#artist-title").await?;
        let artist_id = browser
            .eval("return location.pathname.split('/')[2] || null;")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let artist = api.get(&format!("artists/{artist_id}")).await?;
        assert_eq!(artist["name"], artist_name.as_str());
        browser.wait_for_text("#artist-albums li").await?;
        opens_in_spotify(
            browser,
            stack.app_url(),
            "#artist-open",
            artist["external_urls"]["spotify"].as_str().unwrap_or_default(),
        )
        .await?;
        axe::check(browser, "artist page").await?;
        browser.click("#artist-play").await?;
        let artist_uri = artist["uri"].as_str().unwrap_or_default().to_owned();
        until_playing_from(stack, "alice", &artist_uri, None).await?;
        // An album of the artist opens its page.
        browser.click("#artist-albums li a").await?;
        browser.wait_for_text("#album-title").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_playlist_plays_and_shuffles_and_a_track_goes_into_an_own_playlist() -> Result<()> {
    run("playlist-add-to", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser
            .wait_for("the player ready", "const b = document.querySelector('#start-here'); return !!b && !b.disabled;")
            .await?;
        let api = UserApi::for_user(stack, "alice").await?;
        let playlists = api.get("me/playlists?limit=50").await?;
        let own: Vec<&Value> = playlists["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["owner"]["id"] == "alice")
            .collect();
        let (Some(first), Some(second)) = (own.first(), own.get(1)) else {
            return Err(HarnessError::Setup(format!("alice has fewer than two playlists: {playlists}")));
        };
        let (first_name, first_uri) = (
            first["name"].as_str().unwrap_or_default().to_owned(),
            first["uri"].as_str().unwrap_or_default().to_owned(),
        );
        let (second_name, second_id) = (
            second["name"].as_str().unwrap_or_default().to_owned(),
            second["id"].as_str().unwrap_or_default().to_owned(),
        );

        browser.click("#nav-library").await?;
        browser
            .wait_for("the playlist rows", &format!(
                "return [...document.querySelectorAll('#playlist-list .media-row')].some(r => r.querySelector('.media-title').textContent === {});",
                js(&first_name)
            ))
            .await?;
        browser
            .eval(&format!(
                "[...document.querySelectorAll('#playlist-list .media-row')].find(r => r.querySelector('.media-title').textContent === {}).querySelector('.media-play').click(); return true;",
                js(&first_name)
            ))
            .await?;
        browser.wait_for_text("#playlist-tracks .track-row").await?;
        lengths_shown(browser, "#playlist-tracks").await?;
        browser.click("#playlist-play").await?;
        until_playing_from(stack, "alice", &first_uri, None).await?;
        browser.click("#playlist-shuffle").await?;
        until_sandbox(stack, "shuffle on in the playlist", |s| {
            playback(s, "alice")["shuffle"] == Value::Bool(true)
        })
        .await?;

        // The first track of this playlist goes into the second one through its menu.
        let uri = attr(browser, "#playlist-tracks .track-row:nth-child(1)", "data-uri").await?;
        browser.click("#playlist-tracks .track-row:nth-child(1) .menu-button").await?;
        browser.click("#playlist-tracks .track-row:nth-child(1) .add-to-playlist").await?;
        browser
            .wait_for("the own playlists offered", &format!(
                "return !!document.querySelector('#playlist-tracks .track-row:nth-child(1) .add-to[data-playlist=' + CSS.escape({}) + ']');",
                js(&second_name)
            ))
            .await?;
        let offered = browser
            .eval("return [...document.querySelectorAll('#playlist-tracks .track-row:nth-child(1) .add-to')].map(b => b.textContent);")
            .await?;
        let offered: Vec<String> = serde_json::from_value(offered).unwrap_or_default();
        let expected: Vec<String> = own
            .iter()
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        for name in &offered {
            assert!(expected.contains(name), "only own playlists are offered: {offered:?}");
        }
        axe::check(browser, "library with a track's menu open").await?;
        browser
            .eval(&format!(
                "document.querySelector('#playlist-tracks .track-row:nth-child(1) .add-to[data-playlist=' + CSS.escape({}) + ']').click(); return true;",
                js(&second_name)
            ))
            .await?;
        let toast = browser.wait_for_text("#toast-library").await?;
        assert!(toast.contains(&second_name), "{toast}");
        let items = api.get(&format!("playlists/{second_id}/items?limit=100")).await?;
        assert!(
            items["items"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|i| i["item"]["uri"] == uri.as_str() || i["track"]["uri"] == uri.as_str()),
            "{uri} is in {second_name}: {items}"
        );
        Ok(())
    })
    .await
}

/// Whether Spotify has `uri` in alice's Liked Songs.
async fn liked(api: &UserApi, uri: &str) -> Result<bool> {
    let answer = api.get(&format!("me/library/contains?uris={uri}")).await?;
    Ok(answer[0] == Value::Bool(true))
}

async fn pressed(browser: &Browser, css: &str, on: bool) -> Result<()> {
    browser
        .wait_for(
            &format!("{css} pressed {on}"),
            &format!(
                "const b = document.querySelector({}); return !!b && b.getAttribute('aria-pressed') === '{on}';",
                js(css)
            ),
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_like_shows_everywhere_and_liked_songs_and_the_like_command_follow() -> Result<()> {
    run("likes", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        // The Welcome page explains the library permissions before anyone connects.
        let permissions = browser.wait_for_text(".permissions").await?;
        for (scope, words) in chorus_core::auth::authorize::SCOPE_EXPLANATIONS {
            if scope.starts_with("user-library") {
                assert!(permissions.contains(words), "{scope}: {permissions}");
            }
        }
        flows::sign_in_as(browser, "alice").await?;
        flows::start_playing_here(browser).await?;
        let api = UserApi::for_user(stack, "alice").await?;
        let state = stack.sandbox_state().await?;
        let track = format!(
            "spotify:track:{}",
            playback(&state, "alice")["track_id"].as_str().unwrap_or_default()
        );
        let was = liked(&api, &track).await?;
        pressed(browser, "#player-like", was).await?;
        pressed(browser, "#bar-like", was).await?;
        if was {
            browser.click("#bar-like").await?;
            pressed(browser, "#player-like", false).await?;
        }
        // ♥ on the Player: Spotify has it, the bar shows it, a toast says it.
        browser.click("#player-like").await?;
        pressed(browser, "#bar-like", true).await?;
        let toast = browser.wait_for_text("#toast-likes").await?;
        assert!(toast.contains("Liked Songs"), "{toast}");
        assert!(liked(&api, &track).await?, "Spotify has the like");

        // Liked Songs in the Library lists it first, its row's ♥ pressed; un-liking there
        // reaches Spotify and the bar.
        browser.click("#nav-library").await?;
        browser.click("#liked-list .media-play").await?;
        browser
            .wait_for("Liked Songs with the track first", &format!(
                "const r = document.querySelector('#playlist-tracks .track-row'); return !!r && r.dataset.uri === {};",
                js(&track)
            ))
            .await?;
        pressed(browser, "#playlist-tracks .track-row:nth-child(1) .like-button", true).await?;
        lengths_shown(browser, "#playlist-tracks").await?;
        browser.click("#playlist-tracks .track-row:nth-child(1) .like-button").await?;
        pressed(browser, "#bar-like", false).await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while liked(&api, &track).await? {
            if std::time::Instant::now() > deadline {
                return Err(HarnessError::Assertion("the unlike never reached Spotify".into()));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // Every row's ♥ knows its state (asked in batches), in search results too.
        let rows = browser
            .eval("return [...document.querySelectorAll('#playlist-tracks .like-button')].every(b => b.dataset.known === 'true');")
            .await?;
        assert_eq!(rows, Value::Bool(true), "every row's ♥ knows its state");
        axe::check(browser, "liked songs").await?;

        // The command bar: "like" likes what plays.
        let control: char = Key::Control.into();
        browser
            .client()
            .perform_actions(
                KeyActions::new("keyboard".into())
                    .then(KeyAction::Down { value: control })
                    .then(KeyAction::Down { value: 'k' })
                    .then(KeyAction::Up { value: 'k' })
                    .then(KeyAction::Up { value: control }),
            )
            .await?;
        browser
            .wait_for("the command input", "return document.activeElement && document.activeElement.id === 'command-input';")
            .await?;
        press(browser, &"like".chars().collect::<Vec<_>>()).await?;
        press(browser, &[Key::Enter.into()]).await?;
        pressed(browser, "#bar-like", true).await?;
        assert!(liked(&api, &track).await?, "the like command reached Spotify");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn on_a_phone_play_is_above_the_fold_the_menu_holds_the_account_and_devices_differ(
) -> Result<()> {
    if skip_on(&[Engine::Firefox, Engine::WebKit], flows::NO_PHONE_WIDTH)? {
        return Ok(());
    }
    run("phone", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        let first = browser.current_tab().await?;
        // The same account in a second tab, and another listener in a third.
        let second = browser.open_tab(stack.app_url()).await?;
        browser.switch_to(&second).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser
            .wait_for("the second tab's player ready", "const b = document.querySelector('#start-here'); return !!b && !b.disabled;")
            .await?;
        let third = browser.open_tab(stack.app_url()).await?;
        browser.switch_to(&third).await?;
        flows::sign_in_as(browser, "bruno").await?;
        let state = until_sandbox(stack, "two Chorus devices of alice", |s| {
            account(s, "alice").and_then(|a| a["devices"].as_array()).is_some_and(|d| {
                d.iter().filter(|d| d["name"].as_str().is_some_and(|n| n.starts_with("Chorus · "))).count() == 2
            })
        })
        .await?;
        let mut names: Vec<String> = account(&state, "alice")
            .and_then(|a| a["devices"].as_array())
            .into_iter()
            .flatten()
            .filter_map(|d| d["name"].as_str().map(str::to_owned))
            .filter(|n| n.starts_with("Chorus · "))
            .collect();
        names.sort();
        assert_eq!(names, ["Chorus · Alice Martin", "Chorus · Alice Martin (2)"]);

        browser.switch_to(&first).await?;
        flows::set_viewport(browser, 360, 740).await?;
        flows::start_playing_here(browser).await?;
        browser
            .wait_for("the others in Also here", "return document.querySelectorAll('.also-here li').length >= 2;")
            .await?;
        let layout = browser
            .eval(
                "const r = s => document.querySelector(s).getBoundingClientRect();
                 const also = document.querySelector('.also-here ul');
                 return { header: r('.topbar').height, also: r('.also-here').height,
                          alsoScrolls: getComputedStyle(document.querySelector('.also-here')).overflowX,
                          play: r('#play-pause').bottom, bar: r('#now-playing-bar').top, fold: innerHeight,
                          signOutShown: !!document.querySelector('#sign-out').offsetParent,
                          rows: also ? new Set([...also.children].map(c => Math.round(c.getBoundingClientRect().top))).size : 0 };",
            )
            .await?;
        let number = |key: &str| layout[key].as_f64().unwrap_or(f64::MAX);
        assert!(number("header") <= 64.0, "the header is one line: {layout}");
        assert_eq!(layout["rows"], 1, "Also here is one line: {layout}");
        assert!(number("also") <= 48.0, "{layout}");
        assert!(
            number("play") <= number("bar") && number("play") <= number("fold"),
            "play/pause above the fold and the bar: {layout}"
        );
        assert_eq!(layout["signOutShown"], false, "Sign out waits in the menu: {layout}");
        browser.click("#account-menu-button").await?;
        let menu = browser.wait_for_text("#account-menu").await?;
        for words in ["Alice Martin", "Add listener", "Sign out", "Forget me on this browser"] {
            assert!(menu.contains(words), "{words} in the menu: {menu}");
        }
        axe::check(browser, "player at 360 px with the account menu open").await?;
        press(browser, &[Key::Escape.into()]).await?;
        browser
            .wait_for("the menu closed", "return document.querySelector('#account-menu').hidden;")
            .await?;
        // Touch screens get no keyboard hint: the style sheet hides it where nothing hovers.
        let hidden_on_touch = browser
            .eval(
                "for (const sheet of document.styleSheets) { for (const rule of sheet.cssRules) {
                   if (rule.media && rule.conditionText.includes('hover: none') &&
                       [...rule.cssRules].some(r => r.selectorText && r.selectorText.includes('.shortcuts-hint') && r.style.display === 'none')) return true; } }
                 return false;",
            )
            .await?;
        assert_eq!(hidden_on_touch, Value::Bool(true));
        browser.screenshot("phone-player-360").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_ended_sign_in_shows_one_banner_that_connects_again() -> Result<()> {
    run("session-ended", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        stack
            .sandbox_admin("refresh-tokens/revoke", serde_json::json!({"user_id": "alice"}))
            .await?;
        stack
            .sandbox_admin("users/alice/expire-tokens", serde_json::json!({}))
            .await?;
        // The next call finds the grant dead: the Insights' calls, or the tab's own poll of what
        // the account plays (remote mode) if that came first and the nav is already gone.
        browser
            .eval("const n = document.querySelector('#nav-insights'); if (n) n.click(); return true;")
            .await?;
        let banner = browser.wait_for_text("#session-ended").await?;
        assert!(banner.starts_with("Your Spotify sign-in in this tab ended."), "{banner}");
        assert!(!banner.contains(".."), "no doubled stop: {banner}");
        assert_eq!(banner.matches("ended").count(), 1, "said once: {banner}");
        assert!(!banner.to_lowercase().contains("try again"), "{banner}");
        assert_eq!(browser.wait_for_text("#connect").await?, "Connect again");
        let header = browser
            .eval("return !!document.querySelector('#listener-name') || !!document.querySelector('#now-playing-bar');")
            .await?;
        assert_eq!(header, Value::Bool(false), "the listener and the bar are gone");
        axe::check(browser, "welcome with the session-ended banner").await?;
        assert_eq!(flows::sign_in_as(browser, "alice").await?, "Alice Martin");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn insights_show_ten_and_the_counts_say_who_counted_them() -> Result<()> {
    run("insights-ten", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        flows::start_playing_here(browser).await?;
        // The Player's count line says who counts.
        let source = browser.wait_for_text("#play-count-source").await?;
        assert_eq!(source, "counted by Chorus on all your devices");

        browser.click("#nav-insights").await?;
        browser
            .wait_for("ten top tracks", "return document.querySelectorAll('#top-tracks .media-row').length === 10;")
            .await?;
        // Recently played is one click away, in the first screen.
        let tab = browser
            .eval("const r = document.querySelector('#tab-recent').getBoundingClientRect(); return [r.bottom, innerHeight];")
            .await?;
        assert!(
            tab[0].as_f64().unwrap_or(f64::MAX) <= tab[1].as_f64().unwrap_or(0.0),
            "the Recently played tab above the fold: {tab}"
        );
        browser.click("#top-tracks-show-all").await?;
        browser
            .wait_for("every top track", "return document.querySelectorAll('#top-tracks .media-row').length > 10;")
            .await?;
        browser.click("#tab-recent").await?;
        browser
            .wait_for("the recent plays shown", "const p = document.querySelector('#recent-panel'); return !!p && !p.hidden && document.querySelectorAll('#recent-plays .media-row').length > 0;")
            .await?;
        let recent = browser
            .eval("return document.querySelectorAll('#recent-plays .media-row').length;")
            .await?;
        assert!(recent.as_u64().unwrap_or(99) <= 10, "ten at first: {recent}");
        axe::check(browser, "insights, recently played").await?;

        browser.click("#nav-favorites").await?;
        let rule = browser.wait_for_text("#favorites-completion").await?;
        assert!(rule.contains('%'), "the completion rule in numbers: {rule}");
        Ok(())
    })
    .await
}
