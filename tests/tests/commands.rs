//! The command bar (issue 7): words in the listener's own terms, resolved against their own
//! library first, acted on through this tab's player; ambiguous and unknown words answer
//! with choices and play nothing; the whole bar works from the keyboard alone.

use chorus_browser_tests::world::{account, tab_device, until_sandbox};
use chorus_browser_tests::{flows, run, Browser, HarnessError, Result, Stack, UserApi};
use fantoccini::{
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
};
use serde_json::Value;

fn playback<'a>(state: &'a Value, user_id: &str) -> &'a Value {
    account(state, user_id).map_or(&Value::Null, |a| &a["playback"])
}

/// Another Spotify client of `user` (the test, with its own token) makes a playlist named
/// `name` holding a few of the user's top tracks; returns its URI.
async fn make_playlist(stack: &Stack, user: &str, name: &str) -> Result<String> {
    let api = UserApi::for_user(stack, user).await?;
    let created = api
        .post(
            "me/playlists",
            serde_json::json!({ "name": name, "public": false }),
        )
        .await?;
    let (Some(id), Some(uri)) = (created["id"].as_str(), created["uri"].as_str()) else {
        return Err(HarnessError::Setup(format!(
            "creating {name:?} answered {created}"
        )));
    };
    let top = api.get("me/top/tracks?limit=5").await?;
    let uris: Vec<&str> = top["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["uri"].as_str())
        .collect();
    api.post(
        &format!("playlists/{id}/items"),
        serde_json::json!({ "uris": uris }),
    )
    .await?;
    Ok(uri.to_owned())
}

/// Signs in as `user` and waits until this tab's player is ready (nothing plays yet).
async fn sign_in_ready(browser: &Browser, user: &str) -> Result<()> {
    flows::sign_in_as(browser, user).await?;
    browser
        .wait_for(
            "this tab's player to be ready",
            "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
        )
        .await?;
    Ok(())
}

/// Real key presses (WebDriver actions) to whatever has the focus.
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

async fn type_text(browser: &Browser, text: &str) -> Result<()> {
    press(browser, &text.chars().collect::<Vec<_>>()).await
}

async fn ctrl_k(browser: &Browser) -> Result<()> {
    let control: char = Key::Control.into();
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: control })
        .then(KeyAction::Down { value: 'k' })
        .then(KeyAction::Up { value: 'k' })
        .then(KeyAction::Up { value: control });
    browser.client().perform_actions(actions).await?;
    Ok(())
}

/// Selects the input's words and types `text` over them, then Enter; waits for an answer
/// that is not "working" and returns its text.
async fn command(browser: &Browser, text: &str) -> Result<String> {
    let ticket = browser
        .eval("const i = document.querySelector('#command-input'); i.select(); return document.activeElement === i ? Number(document.querySelector('#command-answer').dataset.ticket) : null;")
        .await?;
    let Some(ticket) = ticket.as_u64() else {
        return Err(HarnessError::Assertion(
            "the command input is not focused".into(),
        ));
    };
    type_text(browser, text).await?;
    press(browser, &[Key::Enter.into()]).await?;
    let answer = browser
        .wait_for(
            &format!("an answer to {text:?}"),
            &format!("const a = document.querySelector('#command-answer'); return a && Number(a.dataset.ticket) > {ticket} && !a.classList.contains('working') ? [a.className, a.textContent] : null;"),
        )
        .await?;
    Ok(answer.to_string())
}

async fn bar_state(browser: &Browser) -> Result<Value> {
    browser
        .eval("return { open: !!document.querySelector('#command-dialog'), focused: document.activeElement ? document.activeElement.id : null };")
        .await
}

#[tokio::test]
async fn a_fuzzy_phrase_plays_the_listeners_playlist_and_the_keyboard_drives_the_player(
) -> Result<()> {
    run("commands-keyboard", async |stack, browser| {
        // dana has no playlist called "Workout"; hers is named in other words.
        let workouts = make_playlist(stack, "dana", "Morning Workouts 💪").await?;
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "dana").await?;

        // Ctrl-K from a focused control opens the bar with the focus in its input.
        browser
            .eval("document.querySelector('#nav-library').focus(); return true;")
            .await?;
        ctrl_k(browser).await?;
        browser
            .wait_for(
                "the bar open with the focus in its input",
                "return !!document.querySelector('#command-dialog') && document.activeElement && document.activeElement.id === 'command-input';",
            )
            .await?;
        let examples = browser
            .eval("return document.querySelectorAll('#command-choices [role=option]').length;")
            .await?;
        assert_eq!(
            examples,
            chorus_core::command::EXAMPLES.len(),
            "the phrase forms are offered on opening"
        );
        browser.screenshot("commands-open").await?;

        let before = stack.sandbox_state().await?;
        assert!(
            !account(&before, "dana")
                .and_then(|a| a["devices"].as_array())
                .is_some_and(|ds| ds.iter().any(|d| d["activated"] == Value::Bool(true))),
            "nothing has activated this tab's player yet"
        );
        let answer = command(browser, "play my workout playlist").await?;
        assert!(
            answer.contains("done") && answer.contains("Playing “Morning Workouts 💪”"),
            "the answer says what it did: {answer}"
        );
        let state = until_sandbox(stack, "dana playing her workout playlist", |s| {
            let p = playback(s, "dana");
            p["is_playing"] == Value::Bool(true) && p["context_uri"] == workouts.as_str()
        })
        .await?;
        assert_eq!(
            playback(&state, "dana")["device_id"].as_str(),
            tab_device(&state, "dana").as_deref(),
            "it plays on this tab's device"
        );
        // The key press that sent it activated this tab's player (the autoplay gesture).
        assert!(
            account(&state, "dana")
                .and_then(|a| a["devices"].as_array())
                .is_some_and(|ds| ds.iter().any(|d| d["activated"] == Value::Bool(true))),
            "this tab's device was activated: {state}"
        );
        let blocked = browser
            .eval("return !!document.querySelector('#autoplay-blocked, #library-autoplay-blocked');")
            .await?;
        assert_eq!(blocked, Value::Bool(false), "no 'Turn sound on' after a command");
        browser.screenshot("commands-played").await?;

        // Escape closes and gives the focus back.
        press(browser, &[Key::Escape.into()]).await?;
        browser
            .wait_for(
                "the bar closed, the focus back on the Library link",
                "return !document.querySelector('#command-dialog') && document.activeElement && document.activeElement.id === 'nav-library';",
            )
            .await?;

        // `/` opens it too; "pause", "volume 40" and "next" reach Spotify.
        browser
            .wait_for(
                "the Player showing what plays here",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause';",
            )
            .await?;
        press(browser, &['/']).await?;
        browser
            .wait_for(
                "the bar open after /",
                "return document.activeElement && document.activeElement.id === 'command-input';",
            )
            .await?;
        let answer = command(browser, "pause").await?;
        assert!(answer.contains("Paused."), "{answer}");
        until_sandbox(stack, "dana paused", |s| {
            playback(s, "dana")["is_playing"] == Value::Bool(false)
        })
        .await?;
        let answer = command(browser, "volume 40").await?;
        assert!(answer.contains("Volume 40%."), "{answer}");
        until_sandbox(stack, "this tab's device at 40 %", |s| {
            account(s, "dana")
                .and_then(|a| a["devices"].as_array())
                .is_some_and(|ds| {
                    ds.iter().any(|d| {
                        d["name"].as_str().is_some_and(|n| n.starts_with("Chorus · "))
                            && d["volume_percent"] == 40
                    })
                })
        })
        .await?;
        let before = stack.sandbox_state().await?;
        let track = playback(&before, "dana")["track_id"].clone();
        let answer = command(browser, "next").await?;
        assert!(answer.contains("next track"), "{answer}");
        until_sandbox(stack, "the next track of the playlist", |s| {
            let p = playback(s, "dana");
            p["track_id"] != track && p["context_uri"] == workouts.as_str()
        })
        .await?;
        let answer = command(browser, "shuffle on").await?;
        assert!(answer.contains("Shuffle on."), "{answer}");
        let answer = command(browser, "repeat track").await?;
        assert!(answer.contains("Repeating this track."), "{answer}");
        until_sandbox(stack, "shuffle on and repeat track", |s| {
            let p = playback(s, "dana");
            p["shuffle"] == Value::Bool(true) && p["repeat"] == "track"
        })
        .await?;

        // "queue <song> by <artist>" finds a song dana played lately and queues it.
        let recent = UserApi::for_user(stack, "dana").await?.get("me/player/recently-played?limit=1").await?;
        let song = &recent["items"][0]["track"];
        let (Some(title), Some(artist), Some(uri)) = (
            song["name"].as_str(),
            song["artists"][0]["name"].as_str(),
            song["uri"].as_str(),
        ) else {
            return Err(HarnessError::Setup(format!("no recent play: {recent}")));
        };
        let answer = command(browser, &format!("queue {title} by {artist}")).await?;
        assert!(answer.contains(&format!("Queued “{title}”")), "{answer}");
        let id = uri.rsplit(':').next().unwrap_or(uri);
        until_sandbox(stack, "the song in dana's queue", |s| {
            playback(s, "dana")["queue"]
                .as_array()
                .is_some_and(|q| q.iter().any(|t| t == id))
        })
        .await?;
        press(browser, &[Key::Escape.into()]).await?;

        // `/` typed into a text field is a character, not the bar.
        browser.click("#nav-library").await?;
        browser.click("#search-input").await?;
        type_text(browser, "ac/dc").await?;
        let typed = browser
            .eval("return document.querySelector('#search-input').value;")
            .await?;
        assert_eq!(typed, "ac/dc");
        assert_eq!(bar_state(browser).await?["open"], Value::Bool(false));

        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn ambiguous_and_unknown_words_offer_choices_and_play_nothing() -> Result<()> {
    run("commands-choices", async |stack, browser| {
        let year = make_playlist(stack, "dana", "Road Trip 2024").await?;
        let classics = make_playlist(stack, "dana", "Road Trip Classics").await?;
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "dana").await?;

        // The button opens the bar for mouse and touch users.
        browser.click("#command-open").await?;
        browser
            .wait_for(
                "the bar open",
                "return document.activeElement && document.activeElement.id === 'command-input';",
            )
            .await?;
        let before = stack.sandbox_state().await?;
        let answer = command(browser, "play my road trip playlist").await?;
        assert!(
            answer.contains("Which one: “Road Trip")
                && answer.contains("“Road Trip 2024”")
                && answer.contains("“Road Trip Classics”"),
            "{answer}"
        );
        let options = browser
            .eval("return [...document.querySelectorAll('#command-choices [role=option]')].map(o => o.textContent);")
            .await?;
        let mut sorted = options.as_array().cloned().unwrap_or_default();
        sorted.sort_by_key(|o| o.to_string());
        assert_eq!(
            sorted,
            [serde_json::json!("“Road Trip 2024”"), serde_json::json!("“Road Trip Classics”")]
        );
        let (first, first_name) = if options[0] == "“Road Trip 2024”" {
            (year, "Road Trip 2024")
        } else {
            (classics, "Road Trip Classics")
        };
        let after = stack.sandbox_state().await?;
        assert_eq!(
            playback(&after, "dana"),
            playback(&before, "dana"),
            "nothing was played on a guess"
        );
        browser.screenshot("commands-ambiguous").await?;
        browser.client().set_window_size(360, 760).await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > document.documentElement.clientWidth;")
            .await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");
        browser.screenshot("commands-ambiguous-360").await?;

        // Unknown words: a plain answer and the phrase forms to choose from.
        let answer = command(browser, "make me a sandwich").await?;
        assert!(answer.contains("I didn't understand"), "{answer}");
        let examples = browser
            .eval("return document.querySelectorAll('#command-choices .example').length;")
            .await?;
        assert_eq!(
            examples,
            chorus_core::command::EXAMPLES.len(),
            "help lists the phrase forms"
        );
        browser.screenshot("commands-unknown-360").await?;
        let typo = command(browser, "paws").await?;
        assert!(typo.contains("Did you mean “pause”?"), "{typo}");
        let first_choice = browser
            .eval("return document.querySelector('#command-choices [role=option]').textContent;")
            .await?;
        assert_eq!(first_choice, "“pause”", "the words put right are offered first");
        browser.client().set_window_size(1280, 900).await?;
        // Choosing a phrase form with the keyboard puts it in the input to finish.
        press(browser, &[Key::Down.into(); 4]).await?;
        let pointed = browser
            .eval("return document.querySelector('#command-input').getAttribute('aria-activedescendant');")
            .await?;
        assert_eq!(pointed, "command-choice-3", "“pause”, then the phrase forms");
        press(browser, &[Key::Enter.into()]).await?;
        let filled = browser
            .eval("return document.querySelector('#command-input').value;")
            .await?;
        assert_eq!(filled, "queue ");
        assert_eq!(
            playback(&stack.sandbox_state().await?, "dana"),
            playback(&before, "dana"),
            "still nothing played"
        );

        // The suggestions are keyboard-selectable: ask again, ↓, Enter plays the first.
        command(browser, "play my road trip playlist").await?;
        press(browser, &[Key::Down.into(), Key::Enter.into()]).await?;
        until_sandbox(stack, "dana playing the chosen road trip", |s| {
            let p = playback(s, "dana");
            p["is_playing"] == Value::Bool(true) && p["context_uri"] == first.as_str()
        })
        .await?;
        browser
            .wait_for(
                "the answer to the choice",
                &format!("const a = document.querySelector('#command-answer'); return a.classList.contains('done') && a.textContent.includes('Playing “{first_name}”');"),
            )
            .await?;

        // Closed, at phone width: the trigger fits beside the page tabs.
        press(browser, &[Key::Escape.into()]).await?;
        browser.client().set_window_size(360, 760).await?;
        browser
            .wait_for(
                "the bar closed",
                "return !document.querySelector('#command-dialog') && !!document.querySelector('#command-open');",
            )
            .await?;
        let overflow = browser
            .eval("return document.documentElement.scrollWidth > document.documentElement.clientWidth;")
            .await?;
        assert_eq!(overflow, Value::Bool(false), "no horizontal scrolling at 360 px");
        browser.screenshot("commands-trigger-360").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_library_that_cannot_be_read_says_so_and_the_next_try_plays_the_own_playlist(
) -> Result<()> {
    run("commands-library-failed", async |stack, browser| {
        // chen's own playlist is called "Workout"; other listeners' public ones too, so only
        // her own library makes the phrase unambiguous. The first read of it fails (also
        // the one the bar starts on opening, which a command would otherwise retry).
        let mine = UserApi::for_user(stack, "chen").await?.get("me/playlists?limit=50").await?;
        let workout = mine["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == "Workout")
            .and_then(|p| p["uri"].as_str())
            .map(str::to_owned)
            .ok_or_else(|| HarnessError::Setup(format!("chen has no Workout: {mine}")))?;
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/playlists", "method": "GET", "status": 500, "count": 100}),
            )
            .await?;
        browser.goto(stack.app_url()).await?;
        sign_in_ready(browser, "chen").await?;
        ctrl_k(browser).await?;
        browser
            .wait_for(
                "the bar open",
                "return document.activeElement && document.activeElement.id === 'command-input';",
            )
            .await?;
        let before = stack.sandbox_state().await?;
        let answer = command(browser, "play my workout playlist").await?;
        assert!(
            answer.contains("failed") && answer.contains("could not read your library"),
            "{answer}"
        );
        assert_eq!(
            playback(&stack.sandbox_state().await?, "chen"),
            playback(&before, "chen"),
            "nothing played"
        );
        browser.screenshot("commands-library-failed").await?;
        // Spotify answers again: asking again reads the library again.
        let cleared = reqwest::Client::new()
            .delete(format!("{}/_sandbox/faults", stack.sandbox_url()))
            .send()
            .await
            .map_err(|e| HarnessError::Setup(e.to_string()))?;
        assert!(cleared.status().is_success(), "clearing faults: {}", cleared.status());
        let answer = command(browser, "play my workout playlist").await?;
        assert!(answer.contains("Playing “Workout”"), "{answer}");
        until_sandbox(stack, "chen playing her own Workout", |s| {
            let p = playback(s, "chen");
            p["is_playing"] == Value::Bool(true) && p["context_uri"] == workout.as_str()
        })
        .await?;

        // A song by its artist that her library does not hold comes from the catalogue.
        let found = UserApi::for_user(stack, "chen").await?.get("search?q=golden%20hour&type=track&limit=10").await?;
        let song = found["tracks"]["items"]
            .as_array()
            .into_iter()
            .flatten()
            .rfind(|t| t["name"] == "Golden Hour")
            .ok_or_else(|| HarnessError::Setup(format!("no Golden Hour: {found}")))?;
        let artist = song["artists"][0]["name"].as_str().unwrap_or_default();
        let answer = command(browser, &format!("play golden hour by {artist}")).await?;
        assert!(
            answer.contains(&format!("Playing “Golden Hour” by {artist}")),
            "{answer}"
        );
        until_sandbox(stack, "chen playing Golden Hour", |s| {
            let p = playback(s, "chen");
            p["is_playing"] == Value::Bool(true) && p["track_name"] == "Golden Hour"
        })
        .await?;

        // What the player reports while the bar is open is the bar's answer too.
        stack
            .sandbox_admin(
                "sdk/playback-error",
                serde_json::json!({"user_id": "chen", "message": "Cannot decode this track"}),
            )
            .await?;
        browser
            .wait_for(
                "the player's problem in the bar",
                "const a = document.querySelector('#command-answer'); return a.classList.contains('failed') && a.textContent.includes('could not be played');",
            )
            .await?;
        Ok(())
    })
    .await
}
