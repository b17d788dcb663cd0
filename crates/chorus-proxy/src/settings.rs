//! Everything the proxy needs beyond the app's runtime config, with the defaults the flags have,
//! so tests can build an `AppState` directly and adjust one setting.

use std::time::Duration;

use chorus_core::config::RuntimeConfig;
use url::Url;

use crate::{
    clock::Clock, csp::ImageOrigin, serve::ConnectionLimits, ClientSecret, Options, RateLimit,
    SealingKeyMaterial, ServeError,
};

/// Where Spotify serves artwork (docs/spotify-contract.md "Images"): the only place the proxy
/// names these hosts. `*.spotifycdn.com` covers image-cdn-ak, image-cdn-fa and the others.
pub const SPOTIFY_IMAGE_ORIGINS: [&str; 4] = [
    "https://i.scdn.co",
    "https://mosaic.scdn.co",
    "https://*.spotifycdn.com",
    "https://platform-lookaside.fbsbx.com",
];

/// Time and connection bounds against slow and hostile clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub connections: ConnectionLimits,
    /// Longest pause between two pieces of a request body.
    pub body_read_timeout: Duration,
    /// Longest time for one whole request.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections: ConnectionLimits {
                header_read_timeout: Duration::from_secs(10),
                max_connections: 4096,
            },
            body_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Everything the proxy needs beyond the app's runtime config. `Settings::for_config` gives the
/// defaults the flags have; `Options::settings` the configured ones.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where tokens are exchanged and refreshed (`<accounts_base_url>/api/token` by default).
    pub token_url: Url,
    pub client_secret: Option<ClientSecret>,
    /// Newest first; empty: one random key for this process.
    pub sealing_keys: Vec<SealingKeyMaterial>,
    /// Origins allowed to call the token routes cross-origin.
    pub allowed_origins: Vec<Url>,
    /// The URL people open: https turns on HSTS and Secure cookies.
    pub public_url: Url,
    /// Where the page may show images from, besides itself (and, in the sandbox, the Web API).
    pub image_origins: Vec<ImageOrigin>,
    pub rate_limit: RateLimit,
    pub trust_forwarded_for: bool,
    pub upstream_timeout: Duration,
    /// Longest time from sign-in to the last refresh a cookie may serve (server-side).
    pub cookie_max_age: Duration,
    /// Longest time without a refresh (server-side); also the cookie's Max-Age.
    pub cookie_idle: Duration,
    /// How long a finished refresh answers repeats of the same request (refresh_flights.rs).
    pub refresh_reuse_window: Duration,
    /// Unix time for cookie ages; tests move it forward.
    pub clock: Clock,
    pub limits: Limits,
}

impl Settings {
    /// The defaults of every flag, for this runtime config.
    pub fn for_config(config: &RuntimeConfig) -> Self {
        Self {
            token_url: default_token_url(&config.accounts_base_url),
            client_secret: None,
            sealing_keys: Vec::new(),
            allowed_origins: Vec::new(),
            public_url: public_url_of(&config.redirect_uri),
            image_origins: default_image_origins(config.sandbox),
            rate_limit: RateLimit {
                per_minute: 60,
                burst: 30,
            },
            trust_forwarded_for: false,
            upstream_timeout: Duration::from_secs(10),
            cookie_max_age: Duration::from_secs(30 * 24 * 60 * 60),
            cookie_idle: Duration::from_secs(7 * 24 * 60 * 60),
            refresh_reuse_window: Duration::from_secs(5),
            clock: Clock::default(),
            limits: Limits::default(),
        }
    }
}

/// Spotify's artwork hosts; none for the sandbox, whose artwork is on its own origin.
pub(crate) fn default_image_origins(sandbox: bool) -> Vec<ImageOrigin> {
    if sandbox {
        return Vec::new();
    }
    SPOTIFY_IMAGE_ORIGINS
        .iter()
        .filter_map(|origin| origin.parse().ok())
        .collect()
}

fn days(n: u64) -> Duration {
    Duration::from_secs(n.saturating_mul(24 * 60 * 60))
}

fn default_token_url(accounts_base_url: &Url) -> Url {
    let mut url = accounts_base_url.clone();
    url.set_path(&format!(
        "{}/api/token",
        accounts_base_url.path().trim_end_matches('/')
    ));
    url.set_query(None);
    url
}

/// The app is served where its redirect URI points.
fn public_url_of(redirect_uri: &Url) -> Url {
    let mut url = redirect_uri.clone();
    url.set_path("/");
    url.set_query(None);
    url.set_fragment(None);
    url
}

impl Options {
    /// The settings these flags describe; refused when a sealing key is not one.
    pub fn settings(&self, config: &RuntimeConfig) -> Result<Settings, ServeError> {
        let defaults = Settings::for_config(config);
        let sealing_keys = self
            .sealing_keys
            .iter()
            .enumerate()
            .map(|(i, key)| key.material(i + 1))
            .collect::<Result<_, _>>()?;
        Ok(Settings {
            token_url: self.token_url.clone().unwrap_or(defaults.token_url),
            client_secret: self.client_secret.clone(),
            sealing_keys,
            allowed_origins: self.allowed_origins.clone(),
            public_url: self.public_url.clone().unwrap_or(defaults.public_url),
            image_origins: if self.image_origins.is_empty() {
                defaults.image_origins
            } else {
                self.image_origins.clone()
            },
            rate_limit: self.rate_limit(),
            trust_forwarded_for: self.trust_forwarded_for,
            upstream_timeout: self.upstream_timeout(),
            cookie_max_age: self.cookie_max_age(),
            cookie_idle: days(self.cookie_idle_days),
            refresh_reuse_window: defaults.refresh_reuse_window,
            clock: defaults.clock,
            limits: self.limits(),
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    #[test]
    fn the_flag_defaults_and_the_settings_defaults_agree() {
        let options = Options::try_parse_from([
            "chorus-proxy",
            "--client-id",
            "c",
            "--redirect-uri",
            "http://127.0.0.1:8080/callback",
        ])
        .expect("minimal flags parse");
        let config = options.runtime_config().expect("valid config");
        let (from_flags, defaults) = (
            options.settings(&config).expect("valid settings"),
            Settings::for_config(&config),
        );
        assert_eq!(from_flags.token_url, defaults.token_url);
        assert_eq!(from_flags.public_url, defaults.public_url);
        assert_eq!(from_flags.image_origins, defaults.image_origins);
        assert_eq!(from_flags.limits, defaults.limits);
        assert_eq!(defaults.image_origins.len(), SPOTIFY_IMAGE_ORIGINS.len());
        assert_eq!(from_flags.rate_limit, defaults.rate_limit);
        assert_eq!(from_flags.upstream_timeout, defaults.upstream_timeout);
        assert_eq!(from_flags.cookie_max_age, defaults.cookie_max_age);
        assert_eq!(from_flags.cookie_idle, defaults.cookie_idle);
        assert_eq!(
            defaults.token_url.as_str(),
            "https://accounts.spotify.com/api/token"
        );
        assert_eq!(defaults.public_url.as_str(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn the_token_url_extends_a_base_url_with_a_path() {
        let base: Url = "http://127.0.0.1:4001/accounts/".parse().expect("url");
        assert_eq!(
            default_token_url(&base).as_str(),
            "http://127.0.0.1:4001/accounts/api/token"
        );
    }
}
