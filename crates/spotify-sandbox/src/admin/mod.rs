//! The admin and inspection API under `/_sandbox/` (mounted only when `config.admin` is true), and
//! the same operations as methods on [`Sandbox`] for in-process tests.
//!
//! | route | effect |
//! |---|---|
//! | `GET /_sandbox/state` | users, tokens (hashed), devices, who plays what where, recent plays |
//! | `GET /_sandbox/calls?user_id&since_ms` | the Web API calls answered (wall-clock `at_ms`, method, path, query, user, status) |
//! | `POST /_sandbox/clock/advance {"ms"}` | move the manual clock (tracks end, tokens expire) |
//! | `POST /_sandbox/reset` | back to the seeded world |
//! | `POST /_sandbox/tokens {"user_id","scopes"?}` | issue tokens without the consent page |
//! | `POST /_sandbox/users/{id}/expire-tokens` | every access token of the user expires now |
//! | `POST /_sandbox/refresh-tokens/revoke {"token"?,"user_id"?}` | revoke refresh tokens |
//! | `POST /_sandbox/faults {"path","method"?,"status"?,"retry_after_secs"?,"reason"?,"latency_ms"?,"count"}` / `DELETE` | script faults (a `reason` gives the player-error body, e.g. 403 `PREMIUM_REQUIRED`) |
//! | `POST /_sandbox/rate-limit {"max_requests"?}` | rolling 30 s limit (`null` turns it off) |
//! | `POST /_sandbox/users/{id}/devices {"name","type"?,"supports_volume"?,"volume_percent"?}` | add a device that plays on its own (type `Smartphone` by default, or `Speaker`, `Computer`); answers `{"device_id"}` |
//! | `POST /_sandbox/devices/{id}/drop`, `DELETE /_sandbox/devices/{id}` | unregister a device |
//! | `POST /_sandbox/sdk/cut {"user_id"?}` | close SDK connections (they reconnect) |
//! | `POST /_sandbox/sdk/no-eme {"enabled"}` | SDK players fail with `initialization_error` |
//! | `POST /_sandbox/sdk/playback-error {"user_id"?,"message"?}` | SDK players emit `playback_error` |
//! | `POST /_sandbox/sdk/authentication-error {"user_id"?,"message"?}` | SDK players emit `authentication_error` |
//! | `POST /_sandbox/allowlist {"user_id"}` | register a user in the development-mode allowlist |

mod inspect;
mod operations;

pub use operations::{all_scopes, IssuedTokens, NewDevice};

use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::RateLimit;
use crate::connect::DeviceKind;
use crate::faults::Fault;
use crate::state::Sandbox;

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/_sandbox/state", get(state))
        .route("/_sandbox/calls", get(calls))
        .route("/_sandbox/clock/advance", post(advance))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/tokens", post(issue_tokens))
        .route("/_sandbox/users/{id}/expire-tokens", post(expire_tokens))
        .route("/_sandbox/users/{id}/devices", post(add_device))
        .route("/_sandbox/refresh-tokens/revoke", post(revoke))
        .route("/_sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/_sandbox/rate-limit", post(rate_limit))
        .route("/_sandbox/devices/{id}/drop", post(drop_device))
        .route("/_sandbox/devices/{id}", delete(drop_device))
        .route("/_sandbox/sdk/cut", post(cut))
        .route("/_sandbox/sdk/no-eme", post(no_eme))
        .route("/_sandbox/sdk/playback-error", post(playback_error))
        .route(
            "/_sandbox/sdk/authentication-error",
            post(authentication_error),
        )
        .route("/_sandbox/allowlist", post(allow))
        // Browser tests (chorus-sdk's wasm tests) script the world from another loopback
        // origin; a page of any other site gets no CORS answer, so it cannot read a token.
        .layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::predicate(|origin, _| {
                    origin.to_str().is_ok_and(is_loopback_origin)
                }))
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::CONTENT_TYPE]),
        )
}

/// `http(s)://127.x.x.x`, `http(s)://[::1]` or `http(s)://localhost`, with any port.
fn is_loopback_origin(origin: &str) -> bool {
    let Ok(url) = url::Url::parse(origin) else {
        return false;
    };
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    matches!(url.scheme(), "http" | "https") && loopback && url.path() == "/"
}

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"error": format!("{what} not found")})),
    )
        .into_response()
}

async fn state(State(sandbox): State<Sandbox>) -> Response {
    Json(sandbox.inspect()).into_response()
}

#[derive(Debug, Deserialize)]
struct CallsQuery {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    since_ms: Option<u64>,
}

async fn calls(State(sandbox): State<Sandbox>, Query(query): Query<CallsQuery>) -> Response {
    let calls = sandbox.calls(query.user_id.as_deref(), query.since_ms.unwrap_or(0));
    Json(json!({"calls": calls})).into_response()
}

#[derive(Debug, Deserialize)]
struct Advance {
    ms: u64,
}

async fn advance(State(sandbox): State<Sandbox>, Json(body): Json<Advance>) -> Response {
    if sandbox.advance_clock(std::time::Duration::from_millis(body.ms)) {
        Json(json!({"now_ms": sandbox.now_ms()})).into_response()
    } else {
        (
            StatusCode::CONFLICT,
            Json(json!({"error": "the clock is real; start with --clock manual"})),
        )
            .into_response()
    }
}

async fn reset(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.reset();
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct IssueTokens {
    user_id: String,
    #[serde(default)]
    scopes: Option<Vec<String>>,
}

async fn issue_tokens(State(sandbox): State<Sandbox>, Json(body): Json<IssueTokens>) -> Response {
    let scopes = body.scopes.unwrap_or_else(operations::all_scopes);
    match sandbox.issue_tokens(&body.user_id, &scopes) {
        Some(tokens) => Json(tokens).into_response(),
        None => not_found("user"),
    }
}

async fn expire_tokens(State(sandbox): State<Sandbox>, Path(id): Path<String>) -> Response {
    Json(json!({"expired": sandbox.expire_access_tokens(&id)})).into_response()
}

#[derive(Debug, Deserialize)]
struct Revoke {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    user_id: Option<String>,
}

async fn revoke(State(sandbox): State<Sandbox>, Json(body): Json<Revoke>) -> Response {
    let revoked = sandbox.revoke_refresh_tokens(body.user_id.as_deref(), body.token.as_deref());
    Json(json!({"revoked": revoked})).into_response()
}

#[derive(Debug, Deserialize)]
struct NewFault {
    path: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    retry_after_secs: Option<u64>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    latency_ms: Option<u64>,
    #[serde(default = "one")]
    count: u32,
}

fn one() -> u32 {
    1
}

async fn add_fault(State(sandbox): State<Sandbox>, Json(body): Json<NewFault>) -> StatusCode {
    sandbox.add_fault(Fault {
        path: body.path,
        method: body.method,
        status: body.status,
        retry_after_secs: body.retry_after_secs,
        reason: body.reason,
        latency_ms: body.latency_ms,
        remaining: body.count,
    });
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.read(|world| world.faults.scripted.clear());
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct RateLimitBody {
    #[serde(default)]
    max_requests: Option<u32>,
}

async fn rate_limit(State(sandbox): State<Sandbox>, Json(body): Json<RateLimitBody>) -> StatusCode {
    sandbox.read(|world| {
        world
            .faults
            .set_rate_limit(body.max_requests.map(RateLimit::per_30_seconds))
    });
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct DeviceBody {
    name: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    supports_volume: Option<bool>,
    #[serde(default)]
    volume_percent: Option<u8>,
}

async fn add_device(
    State(sandbox): State<Sandbox>,
    Path(id): Path<String>,
    Json(body): Json<DeviceBody>,
) -> Response {
    let kind = match body.kind.as_deref() {
        None | Some("Smartphone") => DeviceKind::Smartphone,
        Some("Speaker") => DeviceKind::Speaker,
        Some("Computer") => DeviceKind::Computer,
        Some(other) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": format!("unknown device type {other:?}: Smartphone, Speaker or Computer")})),
            )
                .into_response()
        }
    };
    let mut new = NewDevice::new(body.name, kind);
    new.supports_volume = body.supports_volume.unwrap_or(true);
    new.volume_percent = body.volume_percent.unwrap_or(100).min(100);
    match sandbox.add_device_with(&id, new) {
        Some(device_id) => {
            (StatusCode::CREATED, Json(json!({"device_id": device_id}))).into_response()
        }
        None => not_found("user"),
    }
}

async fn drop_device(State(sandbox): State<Sandbox>, Path(id): Path<String>) -> Response {
    if sandbox.drop_device(&id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        not_found("device")
    }
}

#[derive(Debug, Default, Deserialize)]
struct Cut {
    #[serde(default)]
    user_id: Option<String>,
}

async fn cut(State(sandbox): State<Sandbox>, body: Option<Json<Cut>>) -> StatusCode {
    sandbox.cut_sdk_connections(body.and_then(|Json(b)| b.user_id));
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct NoEme {
    enabled: bool,
}

async fn no_eme(State(sandbox): State<Sandbox>, Json(body): Json<NoEme>) -> StatusCode {
    sandbox.update(|world| world.simulate_no_eme = body.enabled);
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct SdkErrorBody {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

async fn playback_error(
    State(sandbox): State<Sandbox>,
    Json(body): Json<SdkErrorBody>,
) -> StatusCode {
    let message = body
        .message
        .unwrap_or_else(|| "Cannot perform operation; no list was loaded.".to_owned());
    sandbox.simulate_playback_error(body.user_id, &message);
    StatusCode::NO_CONTENT
}

async fn authentication_error(
    State(sandbox): State<Sandbox>,
    Json(body): Json<SdkErrorBody>,
) -> StatusCode {
    let message = body
        .message
        .unwrap_or_else(|| "Invalid access token".to_owned());
    sandbox.simulate_authentication_error(body.user_id, &message);
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct Allow {
    user_id: String,
}

async fn allow(State(sandbox): State<Sandbox>, Json(body): Json<Allow>) -> Response {
    if sandbox.register_in_allowlist(&body.user_id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        not_found("user")
    }
}
