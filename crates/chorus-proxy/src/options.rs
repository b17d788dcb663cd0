//! Command-line flags and environment variables of the proxy. Every flag beyond the runtime
//! config has a default, so `--client-id --redirect-uri [base URLs] --static-dir [--sandbox]`
//! is a complete configuration.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use chorus_core::config::{ConfigError, RuntimeConfig, TokenMode};
use clap::{Parser, ValueEnum};
use url::Url;

use crate::{
    csp::ImageOrigin, rate_limit::RateLimit, sealing::SealingKeyInput, secrets::ClientSecret,
    serve::ConnectionLimits, settings::Limits,
};

/// The Chorus proxy: serves the app and its runtime config, and mediates token exchange.
#[derive(Debug, Clone, Parser)]
#[command(name = "chorus-proxy", version)]
pub struct Options {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "CHORUS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The built app (trunk's `dist/`).
    #[arg(long, env = "CHORUS_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// The Spotify client id the app uses.
    #[arg(long, env = "CHORUS_CLIENT_ID")]
    pub client_id: String,
    /// The redirect URI registered for the client (`http://127.0.0.1:PORT/callback`).
    #[arg(long, env = "CHORUS_REDIRECT_URI")]
    pub redirect_uri: Url,
    /// Base URL of the accounts service.
    #[arg(
        long,
        env = "CHORUS_ACCOUNTS_BASE_URL",
        default_value = "https://accounts.spotify.com"
    )]
    pub accounts_base_url: Url,
    /// Base URL of the Web API.
    #[arg(
        long,
        env = "CHORUS_API_BASE_URL",
        default_value = "https://api.spotify.com/v1"
    )]
    pub api_base_url: Url,
    /// URL of the Web Playback SDK script.
    #[arg(
        long,
        env = "CHORUS_SDK_URL",
        default_value = "https://sdk.scdn.co/spotify-player.js"
    )]
    pub sdk_url: Url,
    /// How the app exchanges tokens.
    #[arg(long, env = "CHORUS_TOKEN_MODE", value_enum, default_value_t = CliTokenMode::Proxy)]
    pub token_mode: CliTokenMode,
    /// Tell the app that the Spotify behind these URLs is the local sandbox.
    #[arg(long, env = "CHORUS_SANDBOX")]
    pub sandbox: bool,

    /// The upstream token endpoint (default: `<accounts-base-url>/api/token`).
    #[arg(long, env = "CHORUS_TOKEN_URL")]
    pub token_url: Option<Url>,
    /// Client secret, for a confidential client (sent as HTTP Basic auth). PKCE is always used.
    #[arg(long, env = "CHORUS_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<ClientSecret>,
    /// Key sealing the refresh cookies: base64 of 32 random bytes (`openssl rand -base64 32`).
    /// Repeat (or comma-separate in the env) to rotate: the first seals, all open.
    /// Missing: a random key per start, and sessions do not survive a restart.
    /// Checked at start-up; a refused key is described by its length, never printed.
    #[arg(
        long = "sealing-key",
        env = "CHORUS_SEALING_KEYS",
        value_delimiter = ',',
        hide_env_values = true
    )]
    pub sealing_keys: Vec<SealingKeyInput>,
    /// An origin (`scheme://host[:port]`) that may call the token routes cross-origin. Repeatable.
    /// None: only same-origin calls.
    #[arg(
        long = "allowed-origin",
        env = "CHORUS_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<Url>,
    /// The URL people open [default: the origin of --redirect-uri]. https turns on HSTS and
    /// Secure cookies. Token requests must come from this origin or an --allowed-origin.
    #[arg(long, env = "CHORUS_PUBLIC_URL")]
    pub public_url: Option<Url>,
    /// An origin the page may show images from (`https://host[:port]`, the host may start with
    /// `*.`). Repeatable; given, it replaces the default list [default: Spotify's artwork hosts
    /// (docs/spotify-contract.md "Images"); with --sandbox none: the sandbox serves its own].
    #[arg(
        long = "image-origin",
        alias = "img-origin",
        env = "CHORUS_IMAGE_ORIGINS",
        value_delimiter = ','
    )]
    pub image_origins: Vec<ImageOrigin>,
    /// Token requests each client IP may make per minute (sustained).
    #[arg(long, env = "CHORUS_RATE_LIMIT_PER_MINUTE", default_value_t = 60)]
    pub rate_limit_per_minute: u32,
    /// Token requests each client IP may make in a burst.
    #[arg(long, env = "CHORUS_RATE_LIMIT_BURST", default_value_t = 30)]
    pub rate_limit_burst: u32,
    /// Use the last X-Forwarded-For entry as the client IP (only behind a load balancer that sets it).
    #[arg(long, env = "CHORUS_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Seconds to wait for the upstream token endpoint.
    #[arg(long, env = "CHORUS_UPSTREAM_TIMEOUT_SECS", default_value_t = 10)]
    pub upstream_timeout_secs: u64,
    /// Seconds a connection may take to send a request's headers, counted from when it opens or
    /// finishes its last answer (so also how long a kept-alive connection may sit idle).
    #[arg(long, env = "CHORUS_HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub header_read_timeout_secs: u64,
    /// Seconds a request body may pause between two pieces.
    #[arg(long, env = "CHORUS_BODY_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub body_read_timeout_secs: u64,
    /// Seconds one request may take in all, body and upstream call included (then 408).
    #[arg(long, env = "CHORUS_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Open connections at most; past it new connections are closed on arrival (lowered to
    /// what `ulimit -n` allows).
    #[arg(long, env = "CHORUS_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,
    /// Days from sign-in after which the proxy refuses a tab's refresh cookie (sign in again),
    /// however often it was refreshed.
    #[arg(long, env = "CHORUS_COOKIE_MAX_AGE_DAYS", default_value_t = 30)]
    pub cookie_max_age_days: u64,
    /// Days without a refresh after which the proxy refuses a tab's cookie; also the cookie's
    /// Max-Age, renewed by every refresh, so a closed tab's cookie expires by itself.
    #[arg(long, env = "CHORUS_COOKIE_IDLE_DAYS", default_value_t = 7)]
    pub cookie_idle_days: u64,
    /// Log lines as text or as JSON objects (for a log collector). Read by the binary's `main`.
    #[arg(long, env = "CHORUS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// `--log-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// `--token-mode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CliTokenMode {
    Proxy,
    Direct,
}

impl Options {
    /// The `config.json` the app receives, checked.
    pub fn runtime_config(&self) -> Result<RuntimeConfig, ConfigError> {
        let config = RuntimeConfig {
            client_id: self.client_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            accounts_base_url: self.accounts_base_url.clone(),
            api_base_url: self.api_base_url.clone(),
            sdk_url: self.sdk_url.clone(),
            token_mode: match self.token_mode {
                CliTokenMode::Proxy => TokenMode::Proxy,
                CliTokenMode::Direct => TokenMode::Direct,
            },
            sandbox: self.sandbox,
        };
        config.validate()?;
        Ok(config)
    }

    pub(crate) fn rate_limit(&self) -> RateLimit {
        RateLimit {
            per_minute: self.rate_limit_per_minute,
            burst: self.rate_limit_burst,
        }
    }

    pub(crate) fn upstream_timeout(&self) -> Duration {
        secs(self.upstream_timeout_secs)
    }

    pub(crate) fn limits(&self) -> Limits {
        Limits {
            connections: ConnectionLimits {
                header_read_timeout: secs(self.header_read_timeout_secs),
                max_connections: self.max_connections.max(1),
            },
            body_read_timeout: secs(self.body_read_timeout_secs),
            request_timeout: secs(self.request_timeout_secs),
        }
    }

    pub(crate) fn cookie_max_age(&self) -> Duration {
        Duration::from_secs(self.cookie_max_age_days.saturating_mul(24 * 60 * 60))
    }
}

/// Whole seconds, at least one (a zero timeout would refuse everything).
fn secs(value: u64) -> Duration {
    Duration::from_secs(value.max(1))
}
