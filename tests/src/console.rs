//! Chromium's own console log, through chromedriver's `se/log` endpoint (not W3C WebDriver: a
//! [`SessionPost`]). Firefox and WebKit have no such endpoint: there the page hooks
//! (`page_hooks.rs`) are the only source of console errors.

use fantoccini::Client;
use serde_json::Value;

use crate::{session_post::SessionPost, HarnessError, Result};

/// The SEVERE entries logged since the last read (chromedriver drains the log on each read).
pub(crate) async fn severe_entries(client: &Client) -> Result<Vec<String>> {
    let entries = client
        .issue_cmd(SessionPost {
            path: "se/log",
            body: r#"{"type":"browser"}"#.to_owned(),
        })
        .await?;
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
