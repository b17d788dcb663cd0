//! Every way a token request can fail, and its one conversion into a response (style principle
//! 5): JSON `{error, error_description}` with a fixed, safe description; the details go to the log.
//! Bad input is always a 4xx; 5xx only ever means "the upstream failed us" (502/504).

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;

use chorus_core::protocol::{error_code as code, ExchangeRefusal};

use crate::{
    cookie::TooOld,
    sealing::{OpenError, SealError},
};

/// Why a request to the proxy's API failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no X-Chorus-Session header")]
    MissingSession,
    #[error("malformed X-Chorus-Session header")]
    BadSession,
    #[error("the body is not application/json")]
    UnsupportedMediaType,
    #[error("the body is larger than the limit")]
    BodyTooLarge,
    #[error("the body did not arrive in time")]
    BodyTimeout,
    #[error("the body is not the expected JSON: {0}")]
    MalformedBody(String),
    #[error("the exchange request is refused: {0}")]
    InvalidExchange(#[from] ExchangeRefusal),
    #[error("no refresh cookie for this session")]
    NoRefreshCookie,
    #[error("the refresh cookie does not open: {0}")]
    CookieUnreadable(#[from] OpenError),
    #[error("the refresh cookie is too old: {0}")]
    CookieTooOld(#[from] TooOld),
    #[error("the upstream refused the refresh token: {0}")]
    RefreshRejected(String),
    #[error("the upstream refused the code exchange: {kind}: {description}")]
    CodeRejected {
        kind: CodeRejection,
        description: String,
    },
    #[error("request from an origin that is not allowed")]
    OriginNotAllowed,
    #[error("rate limited by the proxy")]
    RateLimited { retry_after_secs: u64 },
    #[error("rate limited by the upstream")]
    UpstreamRateLimited { retry_after_secs: Option<u64> },
    #[error("the upstream did not answer in time")]
    UpstreamTimeout,
    #[error("the upstream could not be reached: {0}")]
    UpstreamUnreachable(String),
    #[error("the upstream refused this proxy's client: {0}")]
    UpstreamRefused(String),
    #[error("the upstream gave an unusable answer: {0}")]
    UpstreamFailed(String),
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error("no such API route")]
    NotFound,
    #[error("method not allowed on this route")]
    MethodNotAllowed,
}

/// The two upstream refusals of a code exchange that the user can do something about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRejection {
    InvalidGrant,
    InvalidRequest,
}

impl std::fmt::Display for CodeRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl CodeRejection {
    fn as_str(self) -> &'static str {
        match self {
            Self::InvalidGrant => code::INVALID_GRANT,
            Self::InvalidRequest => code::INVALID_REQUEST,
        }
    }
}

/// The JSON body of every error answer.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    pub error_description: String,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        use StatusCode as S;
        let fixed = |status, error, description: &str| (status, error, description.to_owned());
        match self {
            Self::MissingSession => fixed(
                S::BAD_REQUEST,
                code::INVALID_SESSION,
                "the X-Chorus-Session header is required",
            ),
            Self::BadSession => fixed(
                S::BAD_REQUEST,
                code::INVALID_SESSION,
                "X-Chorus-Session must be one value of 16 to 64 characters from A-Z a-z 0-9 _ -",
            ),
            Self::UnsupportedMediaType => fixed(
                S::UNSUPPORTED_MEDIA_TYPE,
                code::INVALID_REQUEST,
                "the body must be application/json",
            ),
            Self::BodyTimeout => fixed(
                S::REQUEST_TIMEOUT,
                code::INVALID_REQUEST,
                "the body did not arrive in time",
            ),
            Self::BodyTooLarge => fixed(
                S::PAYLOAD_TOO_LARGE,
                code::INVALID_REQUEST,
                "the body is larger than 4 KiB",
            ),
            Self::MalformedBody(_) => fixed(
                S::BAD_REQUEST,
                code::INVALID_REQUEST,
                "the body must be JSON {\"code\", \"code_verifier\", \"redirect_uri\"}",
            ),
            Self::InvalidExchange(refusal) => {
                (S::BAD_REQUEST, code::INVALID_REQUEST, refusal.to_string())
            }
            Self::NoRefreshCookie | Self::CookieUnreadable(_) => fixed(
                S::UNAUTHORIZED,
                code::SIGN_IN_AGAIN,
                "this tab has no valid session with the proxy; sign in again",
            ),
            Self::CookieTooOld(_) => fixed(
                S::UNAUTHORIZED,
                code::SIGN_IN_AGAIN,
                "this tab's session is older than this server allows; sign in again",
            ),
            Self::RefreshRejected(_) => fixed(
                S::UNAUTHORIZED,
                code::SIGN_IN_AGAIN,
                "Spotify no longer accepts this tab's session; sign in again",
            ),
            // Spotify's descriptions are fixed texts (docs/spotify-contract.md §1) and help the user,
            // e.g. "Invalid authorization code"; they were checked to be short and plain.
            Self::CodeRejected { kind, description } => {
                (S::BAD_REQUEST, kind.as_str(), description.clone())
            }
            Self::OriginNotAllowed => fixed(
                S::FORBIDDEN,
                code::ORIGIN_NOT_ALLOWED,
                "this origin may not use the token routes",
            ),
            Self::RateLimited { .. } => fixed(
                S::TOO_MANY_REQUESTS,
                code::RATE_LIMITED,
                "too many token requests; retry later",
            ),
            Self::UpstreamRateLimited { .. } => fixed(
                S::TOO_MANY_REQUESTS,
                code::RATE_LIMITED,
                "Spotify asks to retry later",
            ),
            Self::UpstreamTimeout => fixed(
                S::GATEWAY_TIMEOUT,
                code::UPSTREAM_UNAVAILABLE,
                "Spotify's accounts service did not answer in time",
            ),
            Self::UpstreamUnreachable(_) => fixed(
                S::BAD_GATEWAY,
                code::UPSTREAM_ERROR,
                "Spotify's accounts service could not be reached",
            ),
            Self::UpstreamRefused(_) => fixed(
                S::BAD_GATEWAY,
                code::UPSTREAM_ERROR,
                "Spotify's accounts service refused this server's app credentials",
            ),
            Self::UpstreamFailed(_) | Self::Seal(_) => fixed(
                S::BAD_GATEWAY,
                code::UPSTREAM_ERROR,
                "Spotify's accounts service gave an unusable answer",
            ),
            Self::NotFound => fixed(S::NOT_FOUND, code::NOT_FOUND, "no such API route"),
            Self::MethodNotAllowed => {
                fixed(S::METHOD_NOT_ALLOWED, code::METHOD_NOT_ALLOWED, "use POST")
            }
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            Self::UpstreamRateLimited { retry_after_secs } => *retry_after_secs,
            _ => None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error, error_description) = self.parts();
        // The Display text is for operators; it never holds a token, code or cookie. It goes
        // into the request's one log line (request_log.rs), cut to a bounded length.
        crate::request_log::record_error(error, &self.to_string());
        let mut response = (
            status,
            Json(ErrorBody {
                error,
                error_description,
            }),
        )
            .into_response();
        if let Some(secs) = self.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
