//! How one sandbox instance behaves: its registered client, token lifetimes, refresh regime,
//! development-mode allowlist (or extended quota), image origins, clock and rate limits.
//! `SandboxConfig::default()` is the demo setup.

use std::time::Duration;

/// Which refresh-token behaviour the accounts service emulates (contract §1, "Refresh tokens").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RefreshRegime {
    /// Every refresh returns a new refresh token and revokes the old one (until mid-2026).
    Legacy,
    /// Refresh responses carry no refresh token; the original one expires after an absolute lifetime.
    #[default]
    Current,
}

/// Which clock drives token expiry and playback progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ClockMode {
    /// Wall-clock time.
    #[default]
    Real,
    /// Time stands still until `POST /_sandbox/clock/advance` moves it.
    Manual,
}

/// An OAuth client registered with the accounts service (a "Developer Dashboard app").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    pub client_id: String,
    /// `None` for a public (PKCE-only) client.
    pub client_secret: Option<String>,
    /// Registered redirect URIs; a loopback one without a port matches any port.
    pub redirect_uris: Vec<String>,
    pub refresh_regime: RefreshRegime,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            client_id: "chorus-demo".to_owned(),
            client_secret: None,
            redirect_uris: vec!["http://127.0.0.1/callback".to_owned()],
            refresh_regime: RefreshRegime::default(),
        }
    }
}

/// A request budget over a rolling window (contract §2: "computed over a rolling 30-second window").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max_requests: u32,
    pub window: Duration,
}

impl RateLimit {
    /// `max_requests` per rolling 30 seconds, Spotify's window.
    pub fn per_30_seconds(max_requests: u32) -> Self {
        Self {
            max_requests,
            window: Duration::from_secs(30),
        }
    }
}

/// Loopback hosts of the image origins: three origins, like Spotify's image CDNs.
pub const DEFAULT_IMAGE_HOSTS: [&str; 3] = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];

/// Everything that can be tuned about one sandbox instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Seed of the generated users and catalogue: the same seed gives the same world.
    pub seed: u64,
    pub clock: ClockMode,
    pub client: ClientConfig,
    pub access_token_ttl: Duration,
    /// Absolute lifetime of a refresh token under the current regime (six months).
    pub refresh_token_lifetime: Duration,
    pub authorization_code_ttl: Duration,
    /// How many seeded users are registered in the development-mode allowlist.
    pub allowlist_size: usize,
    /// An extended-quota app: every field Spotify removed for development-mode apps in February
    /// 2026 (contract §2, "Development mode") is sent again, `product`, `email` and `country` on
    /// `GET /me` included. `false`: development-mode shapes.
    pub extended_quota: bool,
    /// Hosts the image origins listen on (covers, mosaics, avatars), on the sandbox's port when
    /// free there. Empty: images on the sandbox's own origin.
    pub image_hosts: Vec<String>,
    /// Whether the `/_sandbox/…` admin API is mounted.
    pub admin: bool,
    /// `None`: no rate limiting.
    pub rate_limit: Option<RateLimit>,
    /// How long after the SDK's `ready` its device becomes visible to the Web API (commands sent
    /// before then answer 404 `Device not found`, as Spotify's briefly do).
    pub sdk_registration_delay: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: 2026,
            clock: ClockMode::Real,
            client: ClientConfig::default(),
            access_token_ttl: Duration::from_secs(3600),
            refresh_token_lifetime: Duration::from_secs(183 * 24 * 3600),
            authorization_code_ttl: Duration::from_secs(600),
            allowlist_size: 5,
            extended_quota: false,
            image_hosts: DEFAULT_IMAGE_HOSTS
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            admin: true,
            rate_limit: None,
            sdk_registration_delay: Duration::ZERO,
        }
    }
}

impl SandboxConfig {
    /// The configuration tests usually want: manual clock, admin API on.
    pub fn for_tests() -> Self {
        Self {
            clock: ClockMode::Manual,
            admin: true,
            ..Self::default()
        }
    }
}
