//! The Web API client: bearer token from [`Auth`], base URL from the runtime config, one
//! refresh + one retry on a 401, Spotify's error bodies decoded into chorus-core types.

use chorus_core::spotify::WebApiError;
use gloo_net::http::{Method, Request, RequestBuilder};
use serde::de::DeserializeOwned;

use super::auth::{Auth, AuthError};

/// Why a Web API call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error("Spotify answered {status}: {message}")]
    Spotify {
        status: u16,
        message: String,
        error: WebApiError,
    },
    #[error("Spotify asks to slow down; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("Spotify could not be reached ({0})")]
    Network(String),
    #[error("Spotify sent an answer Chorus cannot read ({0})")]
    Decode(String),
}

impl ApiError {
    /// The failure in words a person can act on (lists, the command bar, insights).
    pub fn in_plain_words(&self) -> String {
        match self {
            ApiError::Network(_) => {
                "Spotify could not be reached. Check your connection and try again.".into()
            }
            ApiError::Spotify { status, .. } if *status >= 500 => {
                format!("Spotify had a problem answering ({status}). Try again in a moment.")
            }
            ApiError::Spotify { error, .. } if error.is_premium_required() => {
                "Playing in a browser needs Spotify Premium.".into()
            }
            ApiError::RateLimited { retry_after_secs } => {
                format!("Spotify asks Chorus to slow down. Try again in {retry_after_secs} s.")
            }
            other => format!("{other}. Try again."),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WebApi {
    auth: Auth,
}

impl WebApi {
    pub fn new(auth: Auth) -> Self {
        Self { auth }
    }

    /// `GET path` (relative to the API base, e.g. `me/player`); `None` for 204 No Content.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, ApiError> {
        let body = self.send(Method::GET, path, None).await?;
        match body {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| ApiError::Decode(e.to_string())),
        }
    }

    /// Sends a command; the answer body (if any) is returned as text.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        json_body: Option<String>,
    ) -> Result<Option<String>, ApiError> {
        let url = self.url(path);
        let token = self.auth.access_token().await?;
        let (status, headers_retry, text) =
            attempt(&method, &url, token.secret(), json_body.as_deref()).await?;
        let (status, headers_retry, text) = if status == 401 {
            let token = self.auth.token_after_rejection(&token).await?;
            attempt(&method, &url, token.secret(), json_body.as_deref()).await?
        } else {
            (status, headers_retry, text)
        };
        match status {
            204 => Ok(None),
            200..=299 => Ok(if text.is_empty() { None } else { Some(text) }),
            429 => Err(ApiError::RateLimited {
                retry_after_secs: headers_retry.unwrap_or(1),
            }),
            _ => {
                let error = WebApiError::from_response(status, &text);
                Err(ApiError::Spotify {
                    status,
                    message: error.message.clone(),
                    error,
                })
            }
        }
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

async fn attempt(
    method: &Method,
    url: &str,
    token: &str,
    json_body: Option<&str>,
) -> Result<(u16, Option<u64>, String), ApiError> {
    let builder = RequestBuilder::new(url)
        .method(method.clone())
        .header("Authorization", &format!("Bearer {token}"));
    let request: Request = match json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_owned()),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.trim().parse().ok());
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    Ok((response.status(), retry_after, text))
}
