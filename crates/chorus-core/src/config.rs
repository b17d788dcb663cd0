//! The runtime configuration the app fetches from `/config.json`, so that one build runs
//! against the local sandbox or real Spotify (style principle 8: no third-party host in code).

use serde::{Deserialize, Serialize};
use url::Url;

/// How the app exchanges and refreshes tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TokenMode {
    /// Through the Chorus proxy: the refresh token lives only in its HttpOnly cookie.
    #[default]
    Proxy,
    /// PKCE straight to the accounts service (static hosting without a proxy).
    Direct,
}

/// `config.json` as served by the proxy (or shipped as a static file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeConfig {
    pub client_id: String,
    pub redirect_uri: Url,
    pub accounts_base_url: Url,
    pub api_base_url: Url,
    pub sdk_url: Url,
    #[serde(default)]
    pub token_mode: TokenMode,
    /// True when the Spotify behind these URLs is the local sandbox (the UI shows a badge).
    #[serde(default)]
    pub sandbox: bool,
}

/// Why a `config.json` could not be used.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("config.json is not valid: {0}")]
    Malformed(String),
    #[error("config.json has an empty client_id")]
    EmptyClientId,
    #[error("redirect_uri must use http://127.0.0.1 or https (Spotify refuses `localhost`): {0}")]
    RedirectUri(String),
}

impl RuntimeConfig {
    /// Parses and checks a `config.json` body.
    pub fn from_json(body: &str) -> Result<Self, ConfigError> {
        // The path names the offending field, so the message says what to fix in the file.
        let mut deserializer = serde_json::Deserializer::from_str(body);
        let config: Self = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| ConfigError::Malformed(e.to_string()))?;
        deserializer
            .end()
            .map_err(|e| ConfigError::Malformed(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks the rules of docs/spotify-contract.md §1 that a config can break on its own.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.client_id.trim().is_empty() {
            return Err(ConfigError::EmptyClientId);
        }
        let uri = &self.redirect_uri;
        let loopback_ip = matches!(uri.host_str(), Some("127.0.0.1") | Some("[::1]"));
        let allowed = match uri.scheme() {
            "https" => uri.host_str() != Some("localhost"),
            "http" => loopback_ip,
            _ => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(ConfigError::RedirectUri(uri.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_json(redirect_uri: &str) -> String {
        serde_json::json!({
            "client_id": "chorus-demo",
            "redirect_uri": redirect_uri,
            "accounts_base_url": "http://127.0.0.1:4001",
            "api_base_url": "http://127.0.0.1:4001/v1",
            "sdk_url": "http://127.0.0.1:4001/spotify-player.js",
            "sandbox": true
        })
        .to_string()
    }

    #[test]
    fn loopback_ip_redirect_is_accepted_and_token_mode_defaults_to_proxy() {
        let config = RuntimeConfig::from_json(&config_json("http://127.0.0.1:8080/callback"))
            .expect("valid config");
        assert_eq!(config.token_mode, TokenMode::Proxy);
        assert!(config.sandbox);
    }

    #[test]
    fn localhost_redirect_is_refused_as_spotify_does() {
        let err = RuntimeConfig::from_json(&config_json("http://localhost:8080/callback"))
            .expect_err("localhost must be refused");
        assert!(matches!(err, ConfigError::RedirectUri(_)));
    }

    #[test]
    fn plain_http_to_a_public_host_is_refused() {
        let err = RuntimeConfig::from_json(&config_json("http://example.com/callback"))
            .expect_err("http only on loopback");
        assert!(matches!(err, ConfigError::RedirectUri(_)));
    }

    #[test]
    fn malformed_json_says_what_is_wrong() {
        let err = RuntimeConfig::from_json("{\"client_id\": 3}").expect_err("malformed");
        assert!(matches!(err, ConfigError::Malformed(msg) if msg.contains("client_id")));
    }
}
