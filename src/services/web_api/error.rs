//! Why a Web API call failed, typed (docs/architecture.md principle 5); in words:
//! [`ApiError::in_plain_words`] (`text.rs`).

use chorus_core::spotify::{ApiFailure, WebApiError};

use crate::services::auth::AuthError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// Spotify's error answer (contract §2 "Errors").
    #[error(transparent)]
    Spotify(WebApiError),
    #[error("Spotify asks to slow down; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("Spotify could not be reached ({0})")]
    Network(String),
    #[error("Spotify sent an answer Chorus cannot read ({0})")]
    Decode(String),
}

impl From<ApiFailure> for ApiError {
    fn from(failure: ApiFailure) -> Self {
        match failure {
            ApiFailure::Api(error) => ApiError::Spotify(error),
            ApiFailure::Decode(reason) => ApiError::Decode(reason),
        }
    }
}
