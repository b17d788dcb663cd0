//! Listeners see each other: the "also here" strip lists the other tabs of this browser.

use chorus_browser_tests::{flows, run, Result};

#[tokio::test]
async fn each_tab_lists_the_other_listeners_of_this_browser() -> Result<()> {
    run("presence", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        let alice = browser.current_tab().await?;
        flows::sign_in_as(browser, "alice").await?;
        let bruno = browser.open_tab(stack.app_url()).await?;
        flows::sign_in_as(browser, "bruno").await?;
        let seen_by_bruno = browser.wait_for_text(".also-here .also-here-name").await?;
        assert_eq!(seen_by_bruno, "Alice Martin");
        browser.switch_to(&alice).await?;
        let seen_by_alice = browser.wait_for_text(".also-here .also-here-name").await?;
        assert_eq!(seen_by_alice, "Bruno Costa");
        browser.screenshot("presence").await?;
        // Bruno signs out: Alice's strip empties without a reload.
        browser.switch_to(&bruno).await?;
        flows::sign_out(browser).await?;
        browser.switch_to(&alice).await?;
        browser
            .wait_for(
                "Bruno to leave Alice's strip",
                "return document.querySelector('.also-here') === null;",
            )
            .await?;
        Ok(())
    })
    .await
}
