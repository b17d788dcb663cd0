//! Static hosting without a proxy (`token_mode: direct`): PKCE straight to the accounts
//! service, the refresh token in this tab's sessionStorage only.

use std::time::Duration;

use chorus_browser_tests::{flows, run_configured, Result};
use spotify_sandbox::config::{RefreshRegime, SandboxConfig};

#[tokio::test]
async fn direct_mode_signs_in_and_refreshes_without_the_proxy() -> Result<()> {
    let mut sandbox = SandboxConfig {
        access_token_ttl: Duration::from_secs(5),
        ..SandboxConfig::default()
    };
    sandbox.client.refresh_regime = RefreshRegime::Legacy;
    run_configured("direct-mode", sandbox, &["--token-mode=direct"], async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        assert_eq!(flows::sign_in_as(browser, "emil").await?, "Emil Larsen");
        // The app refreshes ahead of expiry; wait until the stored refresh token has rotated.
        let first = stored_refresh_token(browser).await?;
        assert!(!first.is_empty(), "direct mode keeps the refresh token in sessionStorage");
        browser
            .wait_for(
                "a rotated refresh token in sessionStorage",
                &format!(
                    "const t = Object.keys(sessionStorage).filter(k => k.endsWith('.tokens')).map(k => JSON.parse(sessionStorage.getItem(k)).refresh_token)[0]; return t && t !== {};",
                    serde_json::Value::String(first.clone())
                ),
            )
            .await?;
        browser.client().refresh().await?;
        assert_eq!(browser.wait_for_text("#listener-name").await?, "Emil Larsen");
        let local = flows::local_storage_dump(browser).await?;
        assert!(local.is_empty(), "nothing belongs in localStorage: {local}");
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

async fn stored_refresh_token(browser: &chorus_browser_tests::Browser) -> Result<String> {
    let value = browser
        .eval("const k = Object.keys(sessionStorage).find(k => k.endsWith('.tokens')); return k ? (JSON.parse(sessionStorage.getItem(k)).refresh_token || '') : '';")
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}
