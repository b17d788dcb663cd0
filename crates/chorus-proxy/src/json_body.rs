//! A JSON request body whose every rejection (wrong content type, too large, unreadable,
//! malformed) is an `ApiError`, so the token routes answer JSON errors only; axum's own
//! rejections are plain text.

use axum::{
    extract::{FromRequest, Request},
    http::{header, StatusCode},
};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body whose every rejection is an `ApiError` (axum's own are plain text).
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::BodyTooLarge
                } else if timed_out(&rejection) {
                    ApiError::BodyTimeout
                } else {
                    ApiError::MalformedBody("the body could not be read".into())
                }
            })?;
        // serde's message may quote a field's value (a code, a verifier): log only where and what kind.
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|error| {
                ApiError::MalformedBody(format!(
                    "{:?} at line {} column {}",
                    error.classify(),
                    error.line(),
                    error.column()
                ))
            })
    }
}

/// True when reading the body stopped at `--body-read-timeout-secs` (tower-http's timeout).
fn timed_out(rejection: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(rejection);
    while let Some(error) = source {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        source = error.source();
    }
    false
}
