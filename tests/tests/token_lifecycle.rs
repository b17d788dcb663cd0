//! Staying signed in: refresh ahead of expiry under both refresh regimes, a 401 in the middle
//! of a session, and a duplicated tab that never breaks its original's session.

use std::time::Duration;

use chorus_browser_tests::{flows, run, run_with, HarnessError, Result, Stack};
use serde_json::{json, Value};
use spotify_sandbox::config::{RefreshRegime, SandboxConfig};

fn short_lived_tokens(regime: RefreshRegime) -> SandboxConfig {
    let mut config = SandboxConfig {
        access_token_ttl: Duration::from_secs(5),
        ..SandboxConfig::default()
    };
    config.client.refresh_regime = regime;
    config
}

/// Access tokens the sandbox has issued to `user`.
async fn access_tokens_of(stack: &Stack, user: &str) -> Result<usize> {
    let state = stack.sandbox_state().await?;
    let tokens = state["access_tokens"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok(tokens.iter().filter(|t| t["user_id"] == user).count())
}

/// Waits (polling the sandbox, at most 30 s) until `user` holds at least `n` access tokens.
async fn until_tokens_issued(stack: &Stack, user: &str, n: usize) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let issued = access_tokens_of(stack, user).await?;
        if issued >= n {
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(HarnessError::Timeout {
                what: format!("{n} access tokens for {user} (have {issued})"),
                seconds: 30,
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn refreshes_ahead_of_expiry(name: &str, regime: RefreshRegime) -> Result<()> {
    run_with(name, short_lived_tokens(regime), async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        // One token from the code exchange, then two refreshes: the chain holds in this regime.
        until_tokens_issued(stack, "alice", 3).await?;
        browser.client().refresh().await?;
        assert_eq!(
            browser.wait_for_text("#listener-name").await?,
            "Alice Martin"
        );
        let state = stack.sandbox_state().await?;
        let refresh: Vec<Value> = state["refresh_tokens"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let statuses: Vec<&str> = refresh
            .iter()
            .filter_map(|t| t["status"].as_str())
            .collect();
        match regime {
            // Each refresh rotated the token; exactly one is live, none was reused.
            RefreshRegime::Legacy => assert_eq!(
                statuses.iter().filter(|s| **s == "valid").count(),
                1,
                "{statuses:?}"
            ),
            // The one refresh token stays.
            RefreshRegime::Current => assert_eq!(statuses.len(), 1, "{statuses:?}"),
        }
        Ok(())
    })
    .await
}

#[tokio::test]
async fn tokens_refresh_ahead_of_expiry_with_legacy_rotation() -> Result<()> {
    refreshes_ahead_of_expiry("refresh-legacy", RefreshRegime::Legacy).await
}

#[tokio::test]
async fn tokens_refresh_ahead_of_expiry_when_no_new_refresh_token_comes_back() -> Result<()> {
    refreshes_ahead_of_expiry("refresh-current", RefreshRegime::Current).await
}

#[tokio::test]
async fn a_401_mid_session_refreshes_once_and_retries() -> Result<()> {
    run("refresh-on-401", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        browser.wait_for_text("#refresh-devices").await?;
        let before = access_tokens_of(stack, "bruno").await?;
        // Spotify answers the next devices call 401 `The access token expired` while the app
        // believes its token valid for an hour (a scripted fault: the SDK does not notice it,
        // so the Web API's own 401 path is what refreshes).
        stack
            .sandbox_admin(
                "faults",
                json!({"path": "/v1/me/player/devices", "method": "GET", "status": 401, "count": 1}),
            )
            .await?;
        // A device only the retried call can see.
        stack
            .sandbox_admin("users/bruno/devices", json!({"name": "Kitchen phone"}))
            .await?;
        browser.click("#refresh-devices").await?;
        browser
            .wait_for(
                "the retried devices call to list the new device",
                "return document.body.textContent.includes('Kitchen phone');",
            )
            .await?;
        let state = stack.sandbox_state().await?;
        assert_eq!(state["faults"], json!([]), "the 401 was answered: {state}");
        assert_eq!(
            access_tokens_of(stack, "bruno").await?,
            before + 1,
            "exactly one refresh"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_duplicated_tab_starts_its_own_session_and_never_breaks_the_original() -> Result<()> {
    run("duplicated-tab", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let original = browser.current_tab().await?;
        flows::sign_in_as(browser, "chen").await?;
        let original_id = browser
            .eval("return sessionStorage.getItem('chorus.session');")
            .await?;
        let original_id = original_id.as_str().unwrap_or_default().to_owned();
        assert!(original_id.len() >= 16, "the original has a session id");
        // window.open without noopener copies sessionStorage, as "Duplicate tab" does.
        let before = browser.client().windows().await?;
        browser
            .eval(&format!(
                "window.open({}); return true;",
                Value::String(stack.app_url().to_owned())
            ))
            .await?;
        // The handle that was not there before (WebDriver lists windows in no set order).
        let handles = browser.client().windows().await?;
        let copy = handles
            .into_iter()
            .find(|handle| !before.contains(handle))
            .ok_or_else(|| HarnessError::Assertion("no new tab".into()))?;
        browser.client().switch_to_window(copy).await?;
        let notice = browser.wait_for_text(".notice").await?;
        assert!(
            notice.contains("copy of another listener's tab"),
            "notice: {notice}"
        );
        // The copy dropped what it inherited: the original's id, tokens and its opener.
        let kept = browser
            .eval("let s = ''; for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); s += k + '=' + sessionStorage.getItem(k) + '\\n'; } return [s, window.opener === null];")
            .await?;
        let copy_storage = kept[0].as_str().unwrap_or_default();
        assert!(!copy_storage.contains(&original_id), "the copy keeps the original's: {copy_storage}");
        assert_eq!(kept[1], Value::Bool(true), "the copy let go of its opener");
        assert_eq!(flows::sign_in_as(browser, "dana").await?, "Dana Okafor");
        browser.switch_to(&original).await?;
        browser.client().refresh().await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Chen Wei");
        let state = stack.sandbox_state().await?;
        let revoked = state["refresh_tokens"]
            .as_array()
            .map(|tokens| {
                tokens
                    .iter()
                    .filter(|t| t["user_id"] == "chen" && t["status"] != "valid")
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(revoked, 0, "the original's refresh token must stay valid");
        Ok(())
    })
    .await
}
