//! The app shell loads in Chromium from the proxy, renders its heading, and logs no errors.

use chorus_browser_tests::{run, Result};

#[tokio::test]
async fn app_shell_renders_its_heading_without_console_errors() -> Result<()> {
    run("app-shell", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let heading = browser.wait_for_text("h1").await?;
        assert_eq!(heading.trim(), "Chorus");
        // The config loaded and the welcome screen replaced the loading state.
        let welcome = browser.wait_for_text("#welcome-title").await?;
        assert!(welcome.contains("Spotify"), "welcome title: {welcome}");
        browser.wait_for_text(".badge").await?;
        browser.screenshot("app-shell").await?;
        let errors = browser.console_errors().await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}
