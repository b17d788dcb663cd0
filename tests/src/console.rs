//! Chromium's own console log, through chromedriver's `se/log` endpoint (not W3C WebDriver, so
//! fantoccini has no method for it; a custom command here). Firefox and WebKit have no such
//! endpoint: there the page hooks (`page_hooks.rs`) are the only source of console errors.

use fantoccini::{wd::WebDriverCompatibleCommand, Client};
use serde_json::Value;

use crate::{HarnessError, Result};

/// `POST /session/{id}/se/log` for the `browser` log.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// The SEVERE entries logged since the last read (chromedriver drains the log on each read).
pub(crate) async fn severe_entries(client: &Client) -> Result<Vec<String>> {
    let entries = client.issue_cmd(BrowserLog).await?;
    let Value::Array(entries) = entries else {
        return Err(HarnessError::Setup(format!(
            "unexpected browser log answer: {entries}"
        )));
    };
    Ok(entries
        .iter()
        .filter(|entry| entry.get("level").and_then(Value::as_str) == Some("SEVERE"))
        .filter_map(|entry| {
            entry
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect())
}
