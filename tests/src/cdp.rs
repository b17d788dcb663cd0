//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint
//! (Chromium only): what the load bench drives the network with.

use fantoccini::Client;
use serde_json::{json, Value};

use crate::{session_post::SessionPost, Result};

/// Any CDP command on the current tab (`Network.emulateNetworkConditions`, …).
pub(crate) async fn command(client: &Client, cmd: &str, params: Value) -> Result<Value> {
    let body = json!({ "cmd": cmd, "params": params });
    let command = SessionPost {
        path: "goog/cdp/execute",
        body: body.to_string(),
    };
    Ok(client.issue_cmd(command).await?)
}
