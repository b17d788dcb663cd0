//! Fetches `/config.json` from the origin that served the app.

use chorus_core::config::{ConfigError, RuntimeConfig};
use gloo_net::http::Request;

/// Why the runtime config could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigLoadError {
    #[error("the server could not be reached ({0})")]
    Network(String),
    #[error("the server answered {0} for /config.json")]
    Status(u16),
    #[error(transparent)]
    Invalid(#[from] ConfigError),
}

pub async fn fetch_runtime_config() -> Result<RuntimeConfig, ConfigLoadError> {
    let response = Request::get("/config.json")
        .send()
        .await
        .map_err(|e| ConfigLoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigLoadError::Status(response.status()));
    }
    let body = response
        .text()
        .await
        .map_err(|e| ConfigLoadError::Network(e.to_string()))?;
    Ok(RuntimeConfig::from_json(&body)?)
}
