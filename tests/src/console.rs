//! Reading the browser console through chromedriver's log endpoint (not part of W3C
//! WebDriver, so fantoccini has no method for it; it is a custom command here).

use fantoccini::{wd::WebDriverCompatibleCommand, Client};
use serde_json::Value;

use crate::{HarnessError, Result};

/// A POST to one of chromedriver's own endpoints under the session (`se/log`,
/// `goog/cdp/execute`): not W3C WebDriver, so fantoccini has no method for them.
#[derive(Debug)]
pub(crate) struct VendorCommand {
    pub path: &'static str,
    pub body: String,
}

impl WebDriverCompatibleCommand for VendorCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

/// The SEVERE entries logged since the last read (chromedriver drains the log on each read).
pub(crate) async fn severe_entries(client: &Client) -> Result<Vec<String>> {
    let entries = client
        .issue_cmd(VendorCommand {
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
