//! The Chorus proxy: serves the built app (`dist/`) with its runtime `config.json`, and
//! mediates token exchange so refresh tokens stay out of JavaScript.
//!
//! `fn router(state) -> Router` holds all behaviour; `main` only parses flags and binds.
//! Stateless: refresh tokens live sealed in per-tab cookies, the proxy keeps only the keys.
//! Tests drive the router in process and over a socket on port 0: `cargo test -p chorus-proxy`.

mod clock;
mod cookie;
mod csp;
mod error;
mod json_body;
mod options;
mod origins;
mod rate_limit;
mod refresh_flights;
mod request_log;
mod sealing;
mod secrets;
mod security;
mod serve;
mod session;
mod settings;
mod static_files;
pub mod static_kit;
mod token_routes;
mod upstream;
mod upstream_http;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use axum::{
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderValue, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::{any, get, post},
    Json, Router,
};
use chorus_core::{
    config::RuntimeConfig,
    protocol::{self, MAX_BODY_BYTES},
};
use tower::ServiceBuilder;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::{RequestBodyTimeoutLayer, TimeoutLayer},
    trace::TraceLayer,
};
use url::Url;

pub use clock::Clock;
pub use csp::{ImageOrigin, ImageOriginError};
pub use error::{ApiError, ErrorBody};
pub use options::{CliTokenMode, LogFormat, Options};
pub use rate_limit::RateLimit;
pub use sealing::{cookie_name, KeyError, KeyRefused, SealingKeyInput, SealingKeyMaterial};
pub use secrets::ClientSecret;
pub use serve::ConnectionLimits;
pub use settings::{Limits, Settings, SPOTIFY_IMAGE_ORIGINS};

/// What every request handler may read. Immutable but for the rate-limit buckets: the proxy
/// keeps no per-user state.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: RuntimeConfig,
    static_dir: PathBuf,
    upstream: upstream::TokenUpstream,
    sealing_keys: sealing::SealingKeys,
    cookie_policy: cookie::CookiePolicy,
    allowed_origins: Vec<String>,
    public_origin: Option<String>,
    /// Same-host requests on loopback pass the origin check (dev); see `origins.rs`.
    public_on_loopback: bool,
    security_headers: Vec<(&'static str, HeaderValue)>,
    limits: Limits,
    rate_limiter: rate_limit::RateLimiter,
    refresh_flights: refresh_flights::RefreshFlights,
    trust_forwarded_for: bool,
    clock: Clock,
}

impl AppState {
    /// A state with every setting at its default (see `Settings::for_config`).
    pub fn new(config: RuntimeConfig, static_dir: impl Into<PathBuf>) -> Result<Self, ServeError> {
        let settings = Settings::for_config(&config);
        Self::with_settings(config, static_dir, settings)
    }

    pub fn with_settings(
        config: RuntimeConfig,
        static_dir: impl Into<PathBuf>,
        settings: Settings,
    ) -> Result<Self, ServeError> {
        let static_dir = static_dir.into();
        let upstream = upstream::TokenUpstream::new(
            settings.token_url,
            config.client_id.clone(),
            settings.client_secret,
            settings.upstream_timeout,
        )
        .map_err(|error| ServeError::HttpClient(error.to_string()))?;
        let sealing_keys = sealing::SealingKeys::new(&settings.sealing_keys).unwrap_or_else(|| {
            tracing::warn!(
                "no --sealing-key given: using a random key; every tab's session is lost when this \
                 proxy restarts, and several instances cannot share sessions"
            );
            sealing::SealingKeys::generated()
        });
        let https = settings.public_url.scheme() == "https";
        let csp = csp::content_security_policy(
            &config,
            &settings.image_origins,
            &csp::hashes_of_index(&static_dir),
        );
        let permissions =
            security::permissions_policy(security::sdk_origin(&config.sdk_url).as_deref());
        tracing::info!(sealing_keys = ?sealing_keys, token_url = %url_for_log(upstream.token_url()), "proxy configured");
        Ok(Self {
            inner: Arc::new(Inner {
                upstream,
                sealing_keys,
                cookie_policy: cookie::CookiePolicy {
                    secure: https,
                    max_age: settings.cookie_max_age,
                    idle: settings.cookie_idle.min(settings.cookie_max_age),
                },
                allowed_origins: settings
                    .allowed_origins
                    .iter()
                    .filter_map(origins::origin_of)
                    .collect(),
                public_origin: origins::origin_of(&settings.public_url),
                public_on_loopback: origins::is_loopback_url(&settings.public_url),
                security_headers: security::headers(&csp, &permissions, https),
                limits: settings.limits,
                rate_limiter: rate_limit::RateLimiter::new(settings.rate_limit),
                refresh_flights: refresh_flights::RefreshFlights::new(
                    settings.refresh_reuse_window,
                ),
                trust_forwarded_for: settings.trust_forwarded_for,
                clock: settings.clock,
                config,
                static_dir,
            }),
        })
    }

    fn upstream(&self) -> &upstream::TokenUpstream {
        &self.inner.upstream
    }

    fn sealing_keys(&self) -> &sealing::SealingKeys {
        &self.inner.sealing_keys
    }

    fn cookie_policy(&self) -> &cookie::CookiePolicy {
        &self.inner.cookie_policy
    }

    fn redirect_uri(&self) -> &Url {
        &self.inner.config.redirect_uri
    }

    fn rate_limiter(&self) -> &rate_limit::RateLimiter {
        &self.inner.rate_limiter
    }

    fn refresh_flights(&self) -> &refresh_flights::RefreshFlights {
        &self.inner.refresh_flights
    }

    fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    fn trust_forwarded_for(&self) -> bool {
        self.inner.trust_forwarded_for
    }

    fn origin_rule(&self) -> origins::OriginRule<'_> {
        origins::OriginRule {
            public_origin: self.inner.public_origin.as_deref(),
            allowed: &self.inner.allowed_origins,
            public_on_loopback: self.inner.public_on_loopback,
        }
    }
}

/// Origin and path only: a URL given on the command line could carry credentials or a query.
fn url_for_log(url: &Url) -> String {
    format!(
        "{}{}",
        origins::origin_of(url).unwrap_or_default(),
        url.path()
    )
}

/// Errors that stop the proxy from starting or serving.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("invalid configuration: {0}")]
    Config(#[from] chorus_core::config::ConfigError),
    #[error(transparent)]
    SealingKey(#[from] KeyRefused),
    #[error("cannot build the HTTP client: {0}")]
    HttpClient(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Serve(std::io::Error),
}

/// All routes of the proxy.
pub fn router(state: AppState) -> Router {
    let limits = state.inner.limits;
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/config.json", get(config_json))
        .merge(token_router(state.clone()))
        .fallback_service(static_files::StaticFiles::new(&state.inner.static_dir))
        .layer(middleware::map_response_with_state(
            state.clone(),
            add_security_headers,
        ))
        .layer(
            ServiceBuilder::new()
                .map_request(request_log::keep_plain_request_id)
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_log::span_for)
                        .on_response(request_log::on_response)
                        // The response line already says 5xx: one line per request.
                        .on_failure(()),
                )
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    limits.request_timeout,
                )),
        )
        .with_state(state)
}

/// `/api/token/*` with everything that guards it: CORS, origin check, rate limit, body limit,
/// `Cache-Control: no-store`, JSON errors.
fn token_router(state: AppState) -> Router<AppState> {
    Router::new()
        .route(protocol::EXCHANGE_PATH, post(token_routes::exchange))
        .route(protocol::REFRESH_PATH, post(token_routes::refresh))
        .route(protocol::LOGOUT_PATH, post(token_routes::logout))
        .route("/api/{*rest}", any(token_routes::not_found))
        .method_not_allowed_fallback(token_routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyTimeoutLayer::new(
            state.inner.limits.body_read_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            origins::check_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit_token_routes,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(origins::cors_layer(&state.inner.allowed_origins))
}

async fn add_security_headers(State(state): State<AppState>, mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in &state.inner.security_headers {
        headers.insert(*name, value.clone());
    }
    response
}

async fn config_json(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(state.inner.config.clone()),
    )
}

/// Binds the configured address and serves until Ctrl-C.
pub async fn serve(options: Options) -> Result<(), ServeError> {
    let bind = |source| ServeError::Bind {
        addr: options.listen,
        source,
    };
    let socket = if options.listen.is_ipv4() {
        tokio::net::TcpSocket::new_v4()
    } else {
        tokio::net::TcpSocket::new_v6()
    }
    .map_err(bind)?;
    socket.set_reuseaddr(true).map_err(bind)?;
    socket.bind(options.listen).map_err(bind)?;
    // A deep accept queue: a burst of connections waits there for the accept loop instead of
    // being half-open on the client side (the kernel caps it at net.core.somaxconn).
    let listener = socket.listen(LISTEN_BACKLOG).map_err(bind)?;
    serve_listener(listener, options).await
}

/// Connections the kernel may queue before the proxy accepts them.
const LISTEN_BACKLOG: u32 = 4096;

/// Serves on an already bound listener until Ctrl-C (tests bind port 0 and pass it here).
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    options: Options,
) -> Result<(), ServeError> {
    serve_listener_with(listener, options, Router::new()).await
}

/// [`serve_listener`] with `extra` routes beside the proxy's own, through the same accept loop
/// (the browser tests' page hooks: routes of their own on the app's origin).
pub async fn serve_listener_with(
    listener: tokio::net::TcpListener,
    options: Options,
    extra: Router,
) -> Result<(), ServeError> {
    let config = options.runtime_config()?;
    let settings = options.settings(&config)?;
    let local = listener.local_addr().map_err(ServeError::Serve)?;
    let limits = settings.limits.connections;
    tracing::info!(%local, static_dir = %options.static_dir.display(), ?limits, "chorus-proxy listening");
    let app = extra.merge(router(AppState::with_settings(
        config,
        options.static_dir,
        settings,
    )?));
    serve::serve(listener, app, limits, async {
        // If the signal handler cannot be installed we simply run until killed.
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Structured logs to stderr in the given format; `RUST_LOG` filters (default `info`).
pub fn init_tracing_as(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A subscriber may already be installed (tests, an embedding binary): keep that one.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
