//! The tab's session id from `X-Chorus-Session` (the rule is chorus-core's `protocol::SessionId`):
//! every tab of the app makes one up (kept in `sessionStorage`) and sends it, so that each tab's
//! refresh token has its own cookie and several people in one browser never share a Spotify
//! session.

use axum::{extract::FromRequestParts, http::request::Parts};
use chorus_core::protocol::{self, SESSION_HEADER};

use crate::error::ApiError;

/// A checked session id (one `X-Chorus-Session` value of the protocol's alphabet and length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionId(protocol::SessionId);

impl SessionId {
    pub fn parse(value: &str) -> Result<Self, ApiError> {
        protocol::SessionId::parse(value)
            .map(Self)
            .map_err(|_| ApiError::BadSession)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SessionId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(SESSION_HEADER).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(ApiError::MissingSession);
        };
        let value = value.to_str().map_err(|_| ApiError::BadSession)?;
        Self::parse(value)
    }
}
