//! Several people in one browser (#13): Spotify keeps one login per browser, so the second
//! person meets "Logged in as Alice · Not you?" and may Agree by mistake; Chorus asks "Are you
//! Alice?" and "No, I'm someone else" undoes it without touching Alice's tab. "Forget me on this
//! browser" leaves nothing of an account for the next listener. The real login flow throughout.

use std::time::Duration;

use chorus_browser_tests::world::{account, is_playing, tab_device, until_sandbox};
use chorus_browser_tests::{
    flows::{self, SpotifyPage},
    inspect, run, run_with, Browser, HarnessError, Result, Stack, UserApi,
};
use chorus_core::{shared_names, spotify::User};
use serde_json::Value;
use spotify_sandbox::config::SandboxConfig;

/// Access tokens the sandbox has issued to `user` (each sign-in or refresh adds one).
async fn access_tokens_of(stack: &Stack, user: &str) -> Result<usize> {
    let state = stack.sandbox_state().await?;
    Ok(state["access_tokens"].as_array().map_or(0, |tokens| {
        tokens.iter().filter(|t| t["user_id"] == user).count()
    }))
}

/// Alice plays on her own tab's device: the condition her tab must keep throughout.
fn alice_plays_in_her_tab(state: &Value, device: &str) -> bool {
    is_playing(state, "alice")
        && account(state, "alice").is_some_and(|a| a["playback"]["device_id"] == device)
}

async fn assert_alice_still_plays(stack: &Stack, device: &str, when: &str) -> Result<()> {
    let state = stack.sandbox_state().await?;
    if alice_plays_in_her_tab(&state, device) {
        return Ok(());
    }
    Err(HarnessError::Assertion(format!(
        "Alice's tab stopped playing {when}: {}",
        account(&state, "alice").cloned().unwrap_or_default()
    )))
}

/// The account key Chorus files `user`'s data under (`User::storage_key`).
async fn account_key_of(stack: &Stack, user: &str) -> Result<String> {
    let me = UserApi::for_user(stack, user).await?.get("me").await?;
    let user: User = serde_json::from_value(me.clone())
        .map_err(|e| HarnessError::Assertion(format!("GET me: {e}: {me}")))?;
    Ok(user.storage_key().to_owned())
}

async fn cookie_count(stack: &Stack, browser: &Browser) -> Result<usize> {
    Ok(inspect::token_cookie_names(browser, stack.app_url())
        .await?
        .len())
}

#[tokio::test]
async fn three_people_sign_in_one_after_another_and_a_mistaken_agree_is_undone() -> Result<()> {
    // Short-lived tokens: Alice's tab refreshes on its own every few seconds, so the test sees
    // that it keeps doing so after the second person's tab signs out.
    let config = SandboxConfig {
        access_token_ttl: Duration::from_secs(10),
        ..SandboxConfig::default()
    };
    run_with("shared-browser-three-people", config, async |stack, browser| {
        // Alice is the first in this browser: the login form. A typo first.
        browser.goto(stack.app_url()).await?;
        let alice = browser.current_tab().await?;
        assert_eq!(flows::open_spotify(browser).await?, SpotifyPage::Login);
        let refused = flows::log_in_with_wrong_password(browser, "alice").await?;
        assert_eq!(refused, "Incorrect username or password.");
        flows::log_in_on_spotify(browser, "alice").await?;
        flows::answer_consent(browser, "approve").await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Alice Martin");
        flows::start_playing_here(browser).await?;
        let state = until_sandbox(stack, "Alice to play in her tab", |s| is_playing(s, "alice")).await?;
        let device = tab_device(&state, "alice")
            .ok_or_else(|| HarnessError::Assertion("Alice has no tab device".into()))?;
        assert_alice_still_plays(stack, &device, "after starting").await?;

        // Bruno opens a tab: the welcome screen warns him about Spotify's page.
        browser.open_tab(stack.app_url()).await?;
        let hint = browser.wait_for_text("#not-you-hint").await?;
        assert!(hint.contains("Not you?") && hint.contains("last used in this browser"), "{hint}");
        browser.screenshot("shared-browser-welcome-hint").await?;
        // He agrees by mistake, as Alice, and is asked.
        let (agreed_as, question) = flows::agree_by_mistake(browser).await?;
        assert_eq!(agreed_as, "alice");
        assert_eq!(
            question,
            "Signed in as Alice Martin, who is listening in another tab. Are you Alice Martin?"
        );
        browser.screenshot("shared-browser-are-you").await?;
        assert_eq!(cookie_count(stack, browser).await?, 2, "Alice's tab's cookie and this tab's");
        let alice_tokens = access_tokens_of(stack, "alice").await?;

        // "No, I'm someone else": this tab's tokens and cookie go, Spotify's page comes back.
        browser.click("#someone-else").await?;
        assert_eq!(
            flows::wait_for_spotify_page(browser).await?,
            SpotifyPage::Consent { logged_in_as: "alice".into() }
        );
        assert_eq!(cookie_count(stack, browser).await?, 1, "only Alice's tab's cookie is left");
        assert_alice_still_plays(stack, &device, "when Bruno's tab signed out").await?;
        // "Not you?", his own login, Agree.
        flows::log_in_on_spotify(browser, "bruno").await?;
        flows::answer_consent(browser, "approve").await?;
        assert_eq!(
            flows::back_in_the_app(browser).await?,
            flows::BackInTheApp::SignedIn,
            "Bruno listens nowhere else: no question"
        );
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Bruno Costa");
        // Alice's tab kept its cookie: it goes on refreshing its token by itself.
        until_sandbox(stack, "Alice's tab to refresh after Bruno's tab signed out", |s| {
            s["access_tokens"]
                .as_array()
                .is_some_and(|t| t.iter().filter(|t| t["user_id"] == "alice").count() > alice_tokens)
        })
        .await?;
        assert_alice_still_plays(stack, &device, "after Bruno signed in").await?;

        // Chen hesitates: Cancel, then connects.
        browser.open_tab(stack.app_url()).await?;
        browser.wait_for_text("#not-you-hint").await?;
        flows::choose_on_consent_page(browser, "chen", "deny").await?;
        let message = browser.wait_for_text(".error-message").await?;
        assert!(message.contains("chose not to connect"), "{message}");
        browser.click("#try-again").await?;
        // Chen logged in before cancelling: Spotify's page now shows Chen.
        assert_eq!(
            flows::wait_for_spotify_page(browser).await?,
            SpotifyPage::Consent { logged_in_as: "chen".into() }
        );
        flows::answer_consent(browser, "approve").await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Chen Wei");
        assert_eq!(cookie_count(stack, browser).await?, 3, "one cookie per listener's tab");

        // Alice's tab played throughout, and lists the other two.
        assert_alice_still_plays(stack, &device, "at the end").await?;
        browser.switch_to(&alice).await?;
        browser
            .wait_for(
                "Alice's strip to list Bruno and Chen",
                "const names = [...document.querySelectorAll('.also-here-name')].map((e) => e.textContent); return names.join(',') === 'Bruno Costa,Chen Wei';",
            )
            .await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Alice Martin");
        let errors: Vec<String> = browser
            .console_errors_from(stack.app_url())
            .await?
            .into_iter()
            .filter(|e| !e.contains(inspect::COOKIE_READING_PAGE))
            .collect();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn forget_me_signs_out_every_tab_of_the_account_and_leaves_nothing_for_the_next_listener(
) -> Result<()> {
    run("shared-browser-forget-me", async |stack, browser| {
        let alice_key = account_key_of(stack, "alice").await?;
        // Alice in two tabs: the second one is asked, and it is her.
        browser.goto(stack.app_url()).await?;
        let first = browser.current_tab().await?;
        flows::sign_in_as(browser, "alice").await?;
        let second = browser.open_tab(stack.app_url()).await?;
        let (agreed_as, _) = flows::agree_by_mistake(browser).await?;
        assert_eq!(agreed_as, "alice");
        browser.click("#same-person").await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Alice Martin");
        // Bruno in a third.
        let bruno = browser.open_tab(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        browser
            .wait_for(
                "Bruno's strip to list Alice's two tabs",
                "return [...document.querySelectorAll('.also-here-name')].filter((e) => e.textContent === 'Alice Martin').length === 2;",
            )
            .await?;
        // What Chorus keeps of Alice here, seen from Bruno's tab before.
        let kept = inspect::indexed_db_entries(browser).await?;
        assert!(
            kept.iter().any(|e| e.contains(&format!("favorites/{alice_key}"))),
            "Alice's favorites are stored: {kept:#?}"
        );
        let listening = shared_names::listening_lock(&alice_key);
        assert!(inspect::lock_names(browser).await?.contains(&listening));
        assert_eq!(cookie_count(stack, browser).await?, 3);

        // Her second tab becomes the favorites keeper when the first signs out; if it reads
        // the listening history before it hears of the erase, the answer comes late (slow on
        // purpose) and must write nothing: a CI run once found a fresh tracker of hers left.
        stack
            .sandbox_admin(
                "faults",
                serde_json::json!({"path": "/v1/me/player/recently-played", "method": "GET", "latency_ms": 1500, "count": 3}),
            )
            .await?;
        // Alice forgets herself in her first tab: the export is offered first.
        browser.switch_to(&first).await?;
        browser.click("#account-menu-button").await?;
        browser.click("#forget-me").await?;
        let question = browser.wait_for_text("#forget-dialog h2").await?;
        assert_eq!(question, "Forget Alice Martin on this browser?");
        browser.click("#forget-export").await?;
        let exported = browser.wait_for_text("#forget-exported").await?;
        assert!(exported.contains("exported"), "{exported}");
        browser.screenshot("shared-browser-forget-dialog").await?;
        browser.click("#forget-confirm").await?;
        let report = browser.wait_for_text("#forgotten").await?;
        for said in [
            "Chorus forgot Alice Martin on this browser",
            "favorites settings",
            "Also here",
            "this tab's sign-in and that of your 1 other tab",
            "Log out of Spotify",
        ] {
            assert!(report.contains(said), "the report says {said:?}: {report}");
        }
        // Every tab of hers let go before the erase (else a late write could bring data back).
        assert!(!report.contains("did not sign out in time"), "{report}");
        browser.screenshot("shared-browser-forgotten").await?;
        browser.wait_for_text("#connect").await?;

        // Her other tab signed out, saying why.
        browser.switch_to(&second).await?;
        let notice = browser.wait_for_text(".welcome .notice").await?;
        assert!(notice.contains("Forget me on this browser"), "{notice}");

        // Bruno, next listener of this browser, sees nothing of her.
        browser.switch_to(&bruno).await?;
        browser
            .wait_for(
                "Alice to leave Bruno's strip",
                "return ![...document.querySelectorAll('.also-here-name')].some((e) => e.textContent === 'Alice Martin');",
            )
            .await?;
        let kept = inspect::indexed_db_entries(browser).await?;
        let of_alice: Vec<&String> = kept
            .iter()
            .filter(|e| e.contains(&alice_key) || e.contains("Alice"))
            .collect();
        assert!(of_alice.is_empty(), "IndexedDB still holds Alice's: {of_alice:#?}");
        let locks = inspect::lock_names(browser).await?;
        assert!(
            !locks.iter().any(|l| *l == listening || l.contains(&alice_key)),
            "a lock of Alice's is still held: {locks:#?}"
        );
        assert_eq!(cookie_count(stack, browser).await?, 1, "only Bruno's cookie is left");
        let local = flows::local_storage_dump(browser).await?;
        assert!(local.is_empty(), "nothing belongs in localStorage: {local}");
        // And Bruno's own session goes on.
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Bruno Costa");
        browser.client().refresh().await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Bruno Costa");
        Ok(())
    })
    .await
}
