//! This tab's Web Playback device and the Web API player commands.
//!
//! - [`open_device`] loads the SDK script (URL from the runtime config), makes the `Player`
//!   named after the listener, subscribes `on_event` *before* `connect()`, and hands the
//!   device back; dropping it removes the listeners and disconnects (chorus-sdk's `Drop`).
//! - [`send`] sends one chorus-core `ApiCall`, honouring `Retry-After` on a 429 and, where
//!   asked, retrying the brief 404 right after `ready` with chorus-core's backoff.

use std::future::Future;

use chorus_core::spotify::{
    device_registration_backoff_ms,
    requests::{ApiCall, HttpMethod},
};
use chorus_sdk::{
    load_sdk, Player, PlayerEvent, PlayerOptions, SdkError, Subscription, TokenUnavailable,
};
use gloo_net::http::Method;
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;

use super::{
    auth::Auth,
    web_api::{ApiError, WebApi},
};

/// How many 429s in a row a command waits out before giving up.
const MAX_RATE_LIMIT_WAITS: u32 = 3;

/// The SDK player of this tab and its subscription; dropping it leaves Spotify Connect.
#[derive(Debug)]
pub struct PlaybackDevice {
    // Field order is drop order: the subscription goes before the player.
    _subscription: Subscription,
    player: Player,
}

impl PlaybackDevice {
    pub fn player(&self) -> &Player {
        &self.player
    }
}

/// Loads the SDK and makes the player, subscribed; `connect()` it next.
pub async fn open_device(
    auth: &Auth,
    name: String,
    volume: f64,
    on_event: impl Fn(&PlayerEvent) + 'static,
) -> Result<PlaybackDevice, SdkError> {
    load_sdk(auth.config().sdk_url.as_str()).await?;
    let tokens = auth.clone();
    let token_source = move || {
        let tokens = tokens.clone();
        async move {
            tokens
                .access_token()
                .await
                .map_err(|error| TokenUnavailable::new(error.to_string()))
        }
    };
    let player = Player::new(PlayerOptions { name, volume }, token_source)?;
    let subscription = player.on_event(on_event);
    Ok(PlaybackDevice {
        _subscription: subscription,
        player,
    })
}

/// Whether a 404 may be the device still registering (retry) or is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// The call targets this tab's freshly registered device: retry a 404 with backoff.
    MayLag,
    Settled,
}

/// Sends `call`; `on_wait` is told each time Chorus waits for Spotify (a 429's `Retry-After`).
pub async fn send(
    api: &WebApi,
    call: &ApiCall,
    registration: Registration,
    on_wait: impl Fn(String),
) -> Result<Option<String>, ApiError> {
    let method = match call.method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Post => Method::POST,
    };
    let (mut waits, mut attempt) = (0u32, 0u32);
    loop {
        match api
            .send(method.clone(), &call.path, call.body.clone())
            .await
        {
            Err(ApiError::RateLimited { retry_after_secs }) if waits < MAX_RATE_LIMIT_WAITS => {
                waits += 1;
                on_wait(format!(
                    "Spotify asked Chorus to slow down; trying again in {retry_after_secs} s…"
                ));
                sleep_ms(retry_after_secs.saturating_mul(1000)).await;
            }
            Err(ApiError::Spotify { status: 404, .. }) if registration == Registration::MayLag => {
                match device_registration_backoff_ms(attempt) {
                    Some(delay) => {
                        attempt += 1;
                        sleep_ms(delay).await;
                    }
                    None => return send_once(api, method, call).await,
                }
            }
            other => return other,
        }
    }
}

async fn send_once(
    api: &WebApi,
    method: Method,
    call: &ApiCall,
) -> Result<Option<String>, ApiError> {
    api.send(method, &call.path, call.body.clone()).await
}

/// `send` for a `GET`, decoded; `None` for 204.
pub async fn fetch<T: DeserializeOwned>(
    api: &WebApi,
    call: &ApiCall,
    on_wait: impl Fn(String),
) -> Result<Option<T>, ApiError> {
    match send(api, call, Registration::Settled, on_wait).await? {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| ApiError::Decode(e.to_string())),
    }
}

pub fn sleep_ms(ms: u64) -> impl Future<Output = ()> {
    TimeoutFuture::new(u32::try_from(ms).unwrap_or(u32::MAX))
}
