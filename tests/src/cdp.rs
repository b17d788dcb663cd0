//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint.

use fantoccini::Client;
use serde_json::{json, Value};

use crate::{console::VendorCommand, Result};

/// Runs `source` in every document this tab loads from now on, before the page's own scripts
/// (`Page.addScriptToEvaluateOnNewDocument`): how a test observes browser APIs the app uses.
pub(crate) async fn add_init_script(client: &Client, source: &str) -> Result<Value> {
    let body = json!({
        "cmd": "Page.addScriptToEvaluateOnNewDocument",
        "params": {"source": source},
    });
    Ok(client
        .issue_cmd(VendorCommand {
            path: "goog/cdp/execute",
            body: body.to_string(),
        })
        .await?)
}

/// Any Chrome DevTools Protocol command on the current tab (`Network.emulateNetworkConditions`,
/// `Network.clearBrowserCache`, …): what the load bench drives the network with.
pub(crate) async fn command(client: &Client, cmd: &str, params: Value) -> Result<Value> {
    let body = json!({ "cmd": cmd, "params": params });
    Ok(client
        .issue_cmd(VendorCommand {
            path: "goog/cdp/execute",
            body: body.to_string(),
        })
        .await?)
}
