//! The HTTP client under the `oauth2` crate: the proxy's own reqwest client (rustls, no
//! redirects, a timeout), reading at most 64 KiB of answer. What oauth2 cannot tell apart once
//! it has the answer is decided here, where the status and headers still are: a 429 with its
//! `Retry-After`, and a refusal that is not an OAuth error body at all.

use std::{future::Future, pin::Pin, time::Duration};

use oauth2::{http, HttpRequest, HttpResponse};
use reqwest::{header, StatusCode};

const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Why no usable HTTP answer came back.
#[derive(Debug, thiserror::Error)]
pub enum Transport {
    #[error("no answer within the timeout")]
    TimedOut,
    #[error("could not connect: {0}")]
    Unreachable(String),
    #[error("the connection failed mid-answer: {0}")]
    Broken(String),
    #[error("the answer is larger than 64 KiB")]
    TooLarge,
    #[error("rate limited (429)")]
    RateLimited { retry_after_secs: Option<u64> },
    #[error("status {0} without an OAuth error body")]
    NotOAuth(StatusCode),
}

/// One pooled reqwest client for every token request.
#[derive(Debug, Clone)]
pub struct LimitedHttp {
    client: reqwest::Client,
}

impl LimitedHttp {
    pub fn new(timeout: Duration) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .user_agent(concat!("chorus-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client })
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Transport> {
        let request = reqwest::Request::try_from(request)
            .map_err(|error| Transport::Unreachable(error.without_url().to_string()))?;
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(|error| transport_error(&error))?;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Transport::RateLimited {
                retry_after_secs: retry_after_secs(response.headers()),
            });
        }
        let json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
        if status != StatusCode::OK && !json {
            return Err(Transport::NotOAuth(status));
        }
        let mut answer = http::Response::builder().status(status.as_u16());
        if let Some(content_type) = response.headers().get(header::CONTENT_TYPE) {
            answer = answer.header(http::header::CONTENT_TYPE, content_type.as_bytes());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| transport_error(&error))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(Transport::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        answer
            .body(body)
            .map_err(|error| Transport::Broken(error.to_string()))
    }
}

impl<'c> oauth2::AsyncHttpClient<'c> for LimitedHttp {
    type Error = Transport;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Transport>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

fn transport_error(error: &reqwest::Error) -> Transport {
    // reqwest's Display of the cause holds no secret (the form is in the body), but drop the URL.
    let cause = || {
        let mut text = error.to_string();
        if let Some(url) = error.url() {
            text = text.replace(url.as_str(), "the token URL");
        }
        text
    };
    if error.is_timeout() {
        Transport::TimedOut
    } else if error.is_connect() {
        Transport::Unreachable(cause())
    } else {
        Transport::Broken(cause())
    }
}

fn retry_after_secs(headers: &header::HeaderMap) -> Option<u64> {
    headers
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}
