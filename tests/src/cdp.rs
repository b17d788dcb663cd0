//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint
//! (Chromium only): what the load bench drives the network with.

use fantoccini::{wd::WebDriverCompatibleCommand, Client};
use serde_json::{json, Value};

use crate::Result;

#[derive(Debug)]
struct CdpCommand(String);

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.clone()))
    }
}

/// Any CDP command on the current tab (`Network.emulateNetworkConditions`, …).
pub(crate) async fn command(client: &Client, cmd: &str, params: Value) -> Result<Value> {
    let body = json!({ "cmd": cmd, "params": params });
    Ok(client.issue_cmd(CdpCommand(body.to_string())).await?)
}
