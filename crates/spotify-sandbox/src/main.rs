//! `spotify-sandbox`: serve the local Spotify. `cargo run -p spotify-sandbox -- --help`.

use std::time::Duration;

use clap::Parser;
use spotify_sandbox::{ClientConfig, ClockMode, RateLimit, RefreshRegime, SandboxConfig};

/// A faithful local Spotify: accounts service, Web API, Connect and an emulated Web Playback SDK.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "SANDBOX_LISTEN", default_value = "127.0.0.1:4001")]
    listen: String,
    /// Seed of the generated users and catalogue.
    #[arg(long, env = "SANDBOX_SEED", default_value_t = 2026)]
    seed: u64,
    /// `manual` stops time until `POST /_sandbox/clock/advance`.
    #[arg(long, env = "SANDBOX_CLOCK", value_enum, default_value = "real")]
    clock: ClockMode,
    /// Refresh-token behaviour: `legacy` rotates, `current` keeps one token with an absolute expiry.
    #[arg(
        long,
        env = "SANDBOX_REFRESH_REGIME",
        value_enum,
        default_value = "current"
    )]
    refresh_regime: RefreshRegime,
    /// Access-token lifetime in seconds.
    #[arg(long, env = "SANDBOX_ACCESS_TOKEN_TTL", default_value_t = 3600)]
    access_token_ttl: u64,
    /// How many seeded users are in the development-mode allowlist.
    #[arg(long, env = "SANDBOX_ALLOWLIST_SIZE", default_value_t = 5)]
    allowlist_size: usize,
    /// Mount the `/_sandbox/…` admin API.
    #[arg(long, env = "SANDBOX_ADMIN")]
    admin: bool,
    /// Behave as for an extended-quota app: send the fields Spotify removed for development-mode
    /// apps in February 2026 (`popularity`, `available_markets`, `followers`, …), and `product`,
    /// `email` and `country` on `GET /me`.
    #[arg(long, env = "SANDBOX_EXTENDED_QUOTA", alias = "include-product")]
    extended_quota: bool,
    /// A host to serve images from (covers, mosaics, avatars: one listener each, on the sandbox's
    /// port when free there). Repeatable; comma-separated in the env var.
    #[arg(
        long = "image-host",
        env = "SANDBOX_IMAGE_HOSTS",
        value_delimiter = ',',
        default_values_t = spotify_sandbox::config::DEFAULT_IMAGE_HOSTS.map(String::from)
    )]
    image_hosts: Vec<String>,
    /// Client id of the registered app.
    #[arg(long, env = "SANDBOX_CLIENT_ID", default_value = "chorus-demo")]
    client_id: String,
    /// Registered redirect URI (repeatable; comma-separated in the env var).
    #[arg(
        long = "redirect-uri",
        env = "SANDBOX_REDIRECT_URIS",
        value_delimiter = ',',
        default_value = "http://127.0.0.1/callback"
    )]
    redirect_uris: Vec<String>,
    /// Client secret; without one the client is public (PKCE only).
    #[arg(long, env = "SANDBOX_CLIENT_SECRET")]
    client_secret: Option<String>,
    /// Web API requests allowed per rolling 30 seconds (unlimited when absent).
    #[arg(long, env = "SANDBOX_RATE_LIMIT")]
    rate_limit: Option<u32>,
    /// Milliseconds after an SDK player's `ready` before its device answers Web API commands.
    #[arg(long, env = "SANDBOX_SDK_REGISTRATION_DELAY_MS", default_value_t = 0)]
    sdk_registration_delay_ms: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let config = SandboxConfig {
        seed: args.seed,
        clock: args.clock,
        client: ClientConfig {
            client_id: args.client_id,
            client_secret: args.client_secret,
            redirect_uris: args.redirect_uris,
            refresh_regime: args.refresh_regime,
        },
        access_token_ttl: Duration::from_secs(args.access_token_ttl),
        allowlist_size: args.allowlist_size,
        extended_quota: args.extended_quota,
        image_hosts: args.image_hosts,
        admin: args.admin,
        rate_limit: args.rate_limit.map(RateLimit::per_30_seconds),
        sdk_registration_delay: Duration::from_millis(args.sdk_registration_delay_ms),
        ..SandboxConfig::default()
    };
    let running = spotify_sandbox::spawn_on(&args.listen, config).await?;
    tracing::info!(
        "spotify-sandbox listening on {} (images on {})",
        running.base_url(),
        running.image_origins().join(", ")
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
