//! The harness's own checks can fail: a console error is seen, a missing element times out.

use std::time::Duration;

use chorus_browser_tests::{run, HarnessError, Result};

#[tokio::test]
async fn console_errors_logged_by_the_page_are_reported() -> Result<()> {
    run("harness-console", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        browser.wait_for_text("h1").await?;
        browser
            .eval("console.error('harness self-check'); return true;")
            .await?;
        let errors = browser.console_errors().await?;
        assert!(
            errors.iter().any(|e| e.contains("harness self-check")),
            "the logged error was not reported: {errors:#?}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn two_tabs_are_distinct_and_switchable() -> Result<()> {
    run("harness-tabs", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let first = browser.current_tab().await?;
        browser
            .eval("sessionStorage.setItem('who', 'first'); return true;")
            .await?;
        let second = browser.open_tab(stack.app_url()).await?;
        assert_ne!(first, second);
        let who = browser
            .eval("return sessionStorage.getItem('who');")
            .await?;
        assert!(
            who.is_null(),
            "a new tab starts with its own sessionStorage, got {who}"
        );
        browser.switch_to(&first).await?;
        let who = browser
            .eval("return sessionStorage.getItem('who');")
            .await?;
        assert_eq!(who, "first");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn waiting_for_an_element_that_never_appears_times_out() -> Result<()> {
    run("harness-timeout", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let limit = Duration::from_secs(1);
        match browser
            .wait_for_within("a condition that is never true", "return false;", limit)
            .await
        {
            Err(HarnessError::Timeout { what, .. }) => {
                assert!(what.contains("never true"));
                Ok(())
            }
            other => Err(HarnessError::Assertion(format!(
                "expected a timeout, got {other:?}"
            ))),
        }
    })
    .await
}
