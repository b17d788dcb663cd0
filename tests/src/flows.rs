//! Steps a person takes, shared by the browser tests.

use serde_json::Value;

use crate::{Browser, HarnessError, Result};

/// Signs the current tab in as sandbox user `user_id` (e.g. `alice`) through the real flow:
/// the app's Connect button, the sandbox's consent page, the redirect back to `/callback`.
/// Returns the name the app shows in its header.
pub async fn sign_in_as(browser: &Browser, user_id: &str) -> Result<String> {
    choose_on_consent_page(browser, user_id, "approve").await?;
    browser.wait_for_text("#listener-name").await
}

/// Clicks Connect and answers the consent page with `decision` (`approve` or `deny`).
pub async fn choose_on_consent_page(
    browser: &Browser,
    user_id: &str,
    decision: &str,
) -> Result<()> {
    open_consent_page(browser).await?;
    pick_on_consent_page(browser, user_id).await?;
    browser.click(&format!("button[value={decision}]")).await
}

/// Clicks the app's Connect button and waits for the sandbox's consent page.
pub async fn open_consent_page(browser: &Browser) -> Result<()> {
    browser.click("#connect").await?;
    wait_for_consent_page(browser).await
}

/// Waits until the tab shows the sandbox's consent page (its form carries the request).
pub async fn wait_for_consent_page(browser: &Browser) -> Result<()> {
    browser
        .wait_for(
            "the sandbox's consent page",
            "return !!document.querySelector('form[action=\"/authorize/decision\"]');",
        )
        .await?;
    Ok(())
}

/// Selects sandbox user `user_id` on the consent page (without answering yet).
pub async fn pick_on_consent_page(browser: &Browser, user_id: &str) -> Result<()> {
    let picked = browser
        .eval(&format!(
            "const r = document.querySelector('input[name=user][value={}]'); if (r) {{ r.checked = true; }} return !!r;",
            Value::String(user_id.to_owned())
        ))
        .await?;
    if picked != Value::Bool(true) {
        return Err(HarnessError::Assertion(format!(
            "the consent page offers no user {user_id:?}"
        )));
    }
    Ok(())
}

/// Every value in this tab's localStorage, joined (tests assert no token is in it).
pub async fn local_storage_dump(browser: &Browser) -> Result<String> {
    let value = browser
        .eval("let s = ''; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); s += k + '=' + localStorage.getItem(k) + '\\n'; } return s;")
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}
