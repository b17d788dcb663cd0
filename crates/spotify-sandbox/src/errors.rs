//! Typed errors of the sandbox, each rendered once into the exact body the contract prescribes
//! (`docs/spotify-contract.md` §1 token errors, §2 Web API errors).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::borrow::Cow;

use crate::connect::ConnectError;

/// A Web API error: `{"error":{"status","message"[,"reason"]}}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{status}: {message}")]
    Plain { status: StatusCode, message: String },
    #[error("{status}: {message} ({reason})")]
    Player {
        status: StatusCode,
        message: String,
        reason: Cow<'static, str>,
    },
    #[error("rate limited, retry after {retry_after_secs}s")]
    RateLimited {
        retry_after_secs: u64,
        reason: Option<String>,
    },
}

impl ApiError {
    pub fn plain(status: StatusCode, message: impl Into<String>) -> Self {
        Self::Plain {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::NOT_FOUND, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::FORBIDDEN, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::UNAUTHORIZED, message)
    }

    pub fn premium_required() -> Self {
        Self::Player {
            status: StatusCode::FORBIDDEN,
            message: "Player command failed: Premium required".to_owned(),
            reason: Cow::Borrowed("PREMIUM_REQUIRED"),
        }
    }

    pub fn no_active_device() -> Self {
        Self::Player {
            status: StatusCode::NOT_FOUND,
            message: "Player command failed: No active device found".to_owned(),
            reason: Cow::Borrowed("NO_ACTIVE_DEVICE"),
        }
    }

    pub fn restriction(reason: &'static str) -> Self {
        Self::Player {
            status: StatusCode::FORBIDDEN,
            message: "Player command failed: Restriction violated".to_owned(),
            reason: Cow::Borrowed(reason),
        }
    }

    /// What Spotify answers when the device cannot take a volume (an iPhone, for one).
    pub fn volume_control_disallowed() -> Self {
        Self::Player {
            status: StatusCode::FORBIDDEN,
            message: "Player command failed: Cannot control device volume".to_owned(),
            reason: Cow::Borrowed("VOLUME_CONTROL_DISALLOW"),
        }
    }

    /// The answer of a scripted fault: `status` with the contract's body for `reason` when one is
    /// given (so a test can make any call answer 403 `PREMIUM_REQUIRED` exactly as Spotify
    /// would), else the status's plain body.
    pub fn scripted(status: StatusCode, reason: Option<String>) -> Self {
        match reason.as_deref() {
            Some("PREMIUM_REQUIRED") => Self::premium_required(),
            Some("NO_ACTIVE_DEVICE") => Self::no_active_device(),
            Some(_) => Self::Player {
                status,
                message: format!(
                    "Player command failed: {}",
                    status.canonical_reason().unwrap_or("Error")
                ),
                reason: Cow::Owned(reason.unwrap_or_default()),
            },
            // A scripted 401 reads as the one a client meets mid-session.
            None if status == StatusCode::UNAUTHORIZED => {
                Self::unauthorized("The access token expired")
            }
            None => Self::plain(status, status.canonical_reason().unwrap_or("Server error")),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Plain { status, .. } | Self::Player { status, .. } => *status,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }
}

impl From<ConnectError> for ApiError {
    fn from(error: ConnectError) -> Self {
        match error {
            ConnectError::NoActiveDevice => Self::no_active_device(),
            ConnectError::DeviceNotFound => Self::not_found("Device not found"),
            ConnectError::Restriction(reason) => Self::restriction(reason),
            ConnectError::VolumeControlDisallowed => Self::volume_control_disallowed(),
            ConnectError::InvalidRequest(message) => Self::bad_request(message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            Self::Plain { message, .. } => {
                json!({"error": {"status": status.as_u16(), "message": message}})
            }
            Self::Player {
                message, reason, ..
            } => {
                json!({"error": {"status": status.as_u16(), "message": message, "reason": reason}})
            }
            Self::RateLimited { reason: None, .. } => {
                json!({"error": {"status": 429, "message": "API rate limit exceeded"}})
            }
            Self::RateLimited {
                reason: Some(reason),
                ..
            } => {
                json!({"error": {"status": 429, "message": "API rate limit exceeded", "reason": reason}})
            }
        };
        let mut response = (status, Json(body)).into_response();
        if let Self::RateLimited {
            retry_after_secs, ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// A token endpoint error: HTTP 400 `{"error": KIND, "error_description": TEXT}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {description}")]
pub struct TokenError {
    pub kind: &'static str,
    pub description: &'static str,
}

impl TokenError {
    pub const INVALID_CODE: Self = Self::grant("Invalid authorization code");
    pub const WRONG_VERIFIER: Self = Self::grant("code_verifier was incorrect");
    pub const VERIFIER_REQUIRED: Self = Self {
        kind: "invalid_request",
        description: "code_verifier required",
    };
    pub const REDIRECT_MISMATCH: Self = Self::grant("Invalid redirect URI");
    pub const INVALID_REFRESH: Self = Self::grant("Invalid refresh token");
    pub const REFRESH_REVOKED: Self = Self::grant("Refresh token revoked");
    pub const REFRESH_EXPIRED: Self = Self::grant("Refresh token expired");
    pub const INVALID_CLIENT: Self = Self {
        kind: "invalid_client",
        description: "Invalid client",
    };
    pub const GRANT_TYPE_MISSING: Self = Self {
        kind: "unsupported_grant_type",
        description: "grant_type parameter is missing",
    };
    pub const GRANT_TYPE_UNSUPPORTED: Self = Self {
        kind: "unsupported_grant_type",
        description: "grant_type must be client_credentials, authorization_code or refresh_token",
    };

    const fn grant(description: &'static str) -> Self {
        Self {
            kind: "invalid_grant",
            description,
        }
    }
}

impl IntoResponse for TokenError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.kind, "error_description": self.description});
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }
}

/// Failure to start the sandbox server.
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error("could not bind {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
}
