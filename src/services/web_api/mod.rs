//! The Web API client and the one runner every feature sends its calls through
//! (docs/spotify-contract.md §2): the bearer token from [`Auth`], the base URL from the runtime
//! config, and for every call the same rules —
//!
//! - a 401: one refresh (shared with every other caller) and one retry;
//! - a 429: up to three waits of its `Retry-After`, each told as one "waiting" [`Notice`];
//! - a 404 from a call to this tab's freshly registered device: retried with backoff while
//!   Spotify registers it (which answers are waited out is chorus-core's `Retries`, tested
//!   natively);
//! - the answer decoded once, into the caller's type (chorus-core's `read_response`).
//!
//! ```ignore
//! let queue = api.call(&requests::queue()).fetch::<Queue>().await;          // Result<Option<Queue>, _>
//! api.call(&requests::play(Some(&device_id), &body))
//!     .registration(Registration::MayLag)
//!     .on_wait(move |notice| show(notice))
//!     .send()
//!     .await?;
//! ```
//! What a screen shows of an answer is a [`Remote`]; a failure in words is
//! [`ApiError::in_plain_words`].

mod error;
mod remote;
mod text;

use chorus_core::spotify::{
    read_response,
    requests::{ApiCall, HttpMethod},
    retry_after_ms, NextStep, Retries,
};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::{DeserializeOwned, IgnoredAny};

pub use error::ApiError;
pub use remote::Remote;

use super::{auth::Auth, browser::sleep_ms};
use crate::ui::notice::Notice;

/// Whether a call goes to this tab's device while Spotify may still be registering it (right
/// after the SDK's `ready`): then a 404 is retried with backoff before it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    MayLag,
    Settled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WebApi {
    auth: Auth,
}

impl WebApi {
    pub fn new(auth: Auth) -> Self {
        Self { auth }
    }

    /// `call`, ready to be sent (with the runner's rules) or fetched (and decoded).
    pub fn call<'a>(&'a self, call: &'a ApiCall) -> Call<'a> {
        Call {
            api: self,
            call,
            registration: Registration::Settled,
            on_wait: None,
        }
    }

    /// One exchange with a current token, and one refresh and retry on a 401.
    async fn authorized(&self, call: &ApiCall) -> Result<Reply, ApiError> {
        let token = self.auth.access_token().await?;
        let reply = self.exchange(call, token.secret()).await?;
        if reply.status != 401 {
            return Ok(reply);
        }
        let token = self.auth.token_after_rejection(&token).await?;
        self.exchange(call, token.secret()).await
    }

    async fn exchange(&self, call: &ApiCall, token: &str) -> Result<Reply, ApiError> {
        let method = match call.method {
            HttpMethod::Get => Method::GET,
            HttpMethod::Put => Method::PUT,
            HttpMethod::Post => Method::POST,
            HttpMethod::Delete => Method::DELETE,
        };
        let builder = RequestBuilder::new(&self.url(&call.path))
            .method(method)
            .header("Authorization", &format!("Bearer {token}"));
        let request = match &call.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.clone()),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let retry_after = response.headers().get("Retry-After");
        let body = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(Reply {
            status: response.status(),
            retry_after_ms: retry_after_ms(retry_after.as_deref()),
            body,
        })
    }

    fn url(&self, path: &str) -> String {
        let base = self
            .auth
            .config()
            .api_base_url
            .as_str()
            .trim_end_matches('/');
        format!("{base}/{}", path.trim_start_matches('/'))
    }
}

/// What Spotify answered to one exchange.
struct Reply {
    status: u16,
    retry_after_ms: u64,
    body: String,
}

/// One call on its way: [`WebApi::call`], optionally [`Call::registration`] and
/// [`Call::on_wait`], then [`Call::send`] or [`Call::fetch`].
pub struct Call<'a> {
    api: &'a WebApi,
    call: &'a ApiCall,
    registration: Registration,
    on_wait: Option<Box<dyn Fn(Notice) + 'a>>,
}

impl<'a> Call<'a> {
    /// [`Registration::MayLag`] for a call to this tab's freshly registered device.
    pub fn registration(mut self, registration: Registration) -> Self {
        self.registration = registration;
        self
    }

    /// `on_wait` is told each time Chorus waits for Spotify (a 429's `Retry-After`).
    pub fn on_wait(mut self, on_wait: impl Fn(Notice) + 'a) -> Self {
        self.on_wait = Some(Box::new(on_wait));
        self
    }

    /// Sends the call; what Spotify answers is not read (beyond its status).
    pub async fn send(self) -> Result<(), ApiError> {
        self.fetch::<IgnoredAny>().await.map(drop)
    }

    /// Sends the call and decodes the answer; `None` for 204 No Content (or an empty body).
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<Option<T>, ApiError> {
        let reply = self.run().await?;
        Ok(read_response::<T>(reply.status, &reply.body)?)
    }

    /// The runner: sends until an answer counts (chorus-core's `Retries` decides which are
    /// waited out), and hands that answer back; a 429 that still comes is an error.
    async fn run(&self) -> Result<Reply, ApiError> {
        let mut retries = match self.registration {
            Registration::MayLag => Retries::for_registering_device(),
            Registration::Settled => Retries::for_call(),
        };
        loop {
            let reply = self.api.authorized(self.call).await?;
            match retries.after(reply.status, reply.retry_after_ms) {
                NextStep::Answer if reply.status == 429 => {
                    return Err(ApiError::RateLimited {
                        retry_after_secs: reply.retry_after_ms / 1000,
                    })
                }
                NextStep::Answer => return Ok(reply),
                NextStep::WaitRateLimit { ms } => {
                    if let Some(on_wait) = &self.on_wait {
                        on_wait(Notice::working(text::waiting(ms / 1000)));
                    }
                    sleep_ms(ms).await;
                }
                NextStep::WaitRegistration { ms } => sleep_ms(ms).await,
            }
        }
    }
}
