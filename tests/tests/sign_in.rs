//! Per-tab sign-in through the real flow: app → the sandbox's login form or consent screen (one
//! login per browser, "Not you?" to change it) → /callback → proxy.

use chorus_browser_tests::{flows, run, HarnessError, Result};

#[tokio::test]
async fn a_listener_signs_in_and_the_url_and_local_storage_hold_no_secret() -> Result<()> {
    run("sign-in", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let name = flows::sign_in_as(browser, "alice").await?;
        assert_eq!(name, "Alice Martin");
        let search = browser
            .eval("return location.pathname + location.search;")
            .await?;
        assert_eq!(search, "/", "code and state must leave the address bar");
        let title = browser.eval("return document.title;").await?;
        assert_eq!(title, "Alice Martin · Chorus");
        // The favicon is redrawn in the listener's colour, the same one as the accent.
        let tint = browser
            .eval("const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(); const href = document.querySelector('link[rel=icon]').getAttribute('href'); return [accent, href];")
            .await?;
        let accent = tint[0].as_str().unwrap_or_default().trim_start_matches('#').to_lowercase();
        let href = tint[1].as_str().unwrap_or_default().to_lowercase();
        assert_eq!(accent.len(), 6, "an accent colour is set: {tint}");
        assert!(href.starts_with("data:image/svg+xml") && href.contains(&accent), "favicon: {tint}");
        let local = flows::local_storage_dump(browser).await?;
        assert!(local.is_empty(), "nothing belongs in localStorage: {local}");
        browser.screenshot("signed-in").await?;
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn declining_on_the_consent_page_explains_and_offers_to_try_again() -> Result<()> {
    run("sign-in-denied", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::choose_on_consent_page(browser, "bruno", "deny").await?;
        let message = browser.wait_for_text(".error-message").await?;
        assert!(
            message.contains("chose not to connect"),
            "message: {message}"
        );
        browser.wait_for_text("#try-again").await?;
        browser.screenshot("sign-in-denied").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_replayed_callback_is_refused_with_a_clear_message() -> Result<()> {
    run("sign-in-replay", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "chen").await?;
        // The same tab opens a callback URL again (e.g. from history): no attempt is pending.
        browser
            .goto(&format!(
                "{}/callback?code=used&state=whatever",
                stack.app_url()
            ))
            .await?;
        let message = browser.wait_for_text(".error-message").await?;
        assert!(
            message.contains("No sign-in was started"),
            "message: {message}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn three_listeners_in_three_tabs_keep_their_identities_across_reloads() -> Result<()> {
    run("three-listeners", async |stack, browser| {
        let mut tabs = Vec::new();
        for (i, (user, name)) in [
            ("alice", "Alice Martin"),
            ("bruno", "Bruno Costa"),
            ("dana", "Dana Okafor"),
        ]
        .into_iter()
        .enumerate()
        {
            let tab = if i == 0 {
                browser.goto(stack.app_url()).await?;
                browser.current_tab().await?
            } else {
                browser.open_tab(stack.app_url()).await?
            };
            assert_eq!(flows::sign_in_as(browser, user).await?, name);
            tabs.push((tab, name));
        }
        for (tab, name) in &tabs {
            browser.switch_to(tab).await?;
            browser.client().refresh().await?;
            let shown = browser.wait_for_text("#listener-name").await?;
            if shown != *name {
                return Err(HarnessError::Assertion(format!(
                    "after reload the tab of {name} shows {shown}"
                )));
            }
        }
        let local = flows::local_storage_dump(browser).await?;
        assert!(local.is_empty(), "nothing belongs in localStorage: {local}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_account_outside_the_allowlist_is_told_why_and_can_use_another() -> Result<()> {
    run("sign-in-not-registered", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::choose_on_consent_page(browser, "farah", "approve").await?;
        let text = browser.wait_for_text(".panel.error").await?;
        assert!(text.contains("not on Chorus's list"), "{text}");
        assert!(text.contains("Developer Dashboard"), "{text}");
        browser.screenshot("sign-in-not-registered").await?;
        // "Use another account" goes back to Spotify, where Farah is still logged in: "Not you?",
        // then Alice logs in.
        browser.click(".panel.error button").await?;
        assert_eq!(
            flows::wait_for_spotify_page(browser).await?,
            flows::SpotifyPage::Consent {
                logged_in_as: "farah".to_owned()
            }
        );
        flows::log_in_on_spotify(browser, "alice").await?;
        flows::answer_consent(browser, "approve").await?;
        assert_eq!(
            browser.wait_for_text("#listener-name").await?,
            "Alice Martin"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_new_listener_who_signs_up_on_spotify_is_told_they_are_not_registered() -> Result<()> {
    run("sign-in-new-name", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::open_spotify(browser).await?;
        flows::sign_up_on_spotify(browser, "Zoe Quinn", "zoe-password").await?;
        flows::answer_consent(browser, "approve").await?;
        // The development-mode allowlist (5 users) is full: Zoe is not on it.
        let text = browser.wait_for_text(".panel.error").await?;
        assert!(text.contains("not on Chorus's list"), "{text}");
        let state = stack.sandbox_state().await?;
        let created = state["users"]
            .as_array()
            .is_some_and(|users| users.iter().any(|u| u["display_name"] == "Zoe Quinn"));
        assert!(created, "the sandbox made the account: {state}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn signing_in_from_a_page_lands_on_that_page() -> Result<()> {
    run("sign-in-return", async |stack, browser| {
        browser
            .goto(&format!("{}/library", stack.app_url()))
            .await?;
        flows::sign_in_as(browser, "dana").await?;
        browser
            .wait_for(
                "the Library page after sign-in",
                "return location.pathname === '/library' && location.search === '' && document.querySelector('#nav-library')?.getAttribute('aria-current') === 'page';",
            )
            .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_answer_with_another_state_is_refused_and_nothing_is_exchanged() -> Result<()> {
    run("sign-in-state-mismatch", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::open_spotify(browser).await?;
        flows::log_in_on_spotify(browser, "emil").await?;
        // As if the answer belonged to another tab's (or an attacker's) sign-in.
        browser
            .eval("document.querySelector('input[name=state]').value = 'not-this-tabs-state'; return true;")
            .await?;
        browser.click("button[value=approve]").await?;
        let message = browser.wait_for_text(".error-message").await?;
        assert!(message.contains("belongs to another tab"), "message: {message}");
        browser.wait_for_text("#try-again").await?;
        let search = browser.eval("return location.search;").await?;
        assert_eq!(search, "", "the code left the address bar");
        let state = stack.sandbox_state().await?;
        let emil_tokens = state["access_tokens"]
            .as_array()
            .map_or(0, |t| t.iter().filter(|t| t["user_id"] == "emil").count());
        assert_eq!(emil_tokens, 0, "the code was never exchanged");
        Ok(())
    })
    .await
}
