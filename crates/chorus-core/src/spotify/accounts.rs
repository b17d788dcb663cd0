//! Accounts service token endpoint bodies (contract §1 "Token"): the 200 answer and the
//! 400 `{"error","error_description"}` errors (RFC 6749 §5.1, §5.2).

use serde::{Deserialize, Serialize};

use crate::auth::secret::{AccessToken, RefreshToken};

/// A 200 from `POST /api/token`. `refresh_token` is absent on refreshes under the current
/// (2026) regime and present under the legacy one (contract §1).
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: AccessToken,
    #[serde(default = "bearer")]
    pub token_type: String,
    /// Space-separated scopes granted.
    #[serde(default)]
    pub scope: String,
    /// Lifetime in seconds (3600 in practice).
    pub expires_in: u64,
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
}

fn bearer() -> String {
    "Bearer".to_owned()
}

impl TokenResponse {
    pub fn parse(body: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(body)
    }
}

/// The `error` of a token endpoint failure (RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenErrorKind {
    InvalidGrant,
    InvalidRequest,
    InvalidClient,
    UnsupportedGrantType,
    UnauthorizedClient,
    InvalidScope,
    Other(String),
}

/// Which `invalid_grant` it is, from the `error_description` wording of contract §1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidGrantCause {
    /// `Invalid authorization code`: unknown, expired or already used.
    AuthorizationCode,
    /// `code_verifier was incorrect`.
    CodeVerifier,
    /// `Invalid redirect URI`.
    RedirectUri,
    /// `Invalid refresh token`: unknown or revoked.
    RefreshTokenInvalid,
    /// `Refresh token revoked`: reused under legacy rotation.
    RefreshTokenRevoked,
    /// `Refresh token expired`: past its absolute lifetime.
    RefreshTokenExpired,
    Other,
}

/// A 400 from `POST /api/token`: `{"error": KIND, "error_description": TEXT}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("token request failed: {error}{}", .error_description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
pub struct TokenError {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

impl TokenError {
    /// Parses an error body; `None` when it is not the OAuth error shape.
    pub fn parse(body: &str) -> Option<Self> {
        serde_json::from_str(body).ok()
    }

    pub fn kind(&self) -> TokenErrorKind {
        match self.error.as_str() {
            "invalid_grant" => TokenErrorKind::InvalidGrant,
            "invalid_request" => TokenErrorKind::InvalidRequest,
            "invalid_client" => TokenErrorKind::InvalidClient,
            "unsupported_grant_type" => TokenErrorKind::UnsupportedGrantType,
            "unauthorized_client" => TokenErrorKind::UnauthorizedClient,
            "invalid_scope" => TokenErrorKind::InvalidScope,
            other => TokenErrorKind::Other(other.to_owned()),
        }
    }

    /// `invalid_grant` means the grant is dead: the person must sign in again.
    pub fn must_sign_in_again(&self) -> bool {
        self.kind() == TokenErrorKind::InvalidGrant
    }

    /// The `invalid_grant` case, when this is one.
    pub fn invalid_grant_cause(&self) -> Option<InvalidGrantCause> {
        if self.kind() != TokenErrorKind::InvalidGrant {
            return None;
        }
        let description = self.error_description.as_deref().unwrap_or_default();
        let cause = match description {
            "Invalid authorization code" => InvalidGrantCause::AuthorizationCode,
            "code_verifier was incorrect" => InvalidGrantCause::CodeVerifier,
            "Invalid redirect URI" => InvalidGrantCause::RedirectUri,
            "Invalid refresh token" => InvalidGrantCause::RefreshTokenInvalid,
            "Refresh token revoked" => InvalidGrantCause::RefreshTokenRevoked,
            // The wording of the absolute-expiry error is unconfirmed (contract §1).
            d if d.to_ascii_lowercase().contains("expired") => {
                InvalidGrantCause::RefreshTokenExpired
            }
            _ => InvalidGrantCause::Other,
        };
        Some(cause)
    }

    /// What went wrong and what to do, in plain words, for the callback or a toast.
    pub fn plain_words(&self) -> &'static str {
        match (self.kind(), self.invalid_grant_cause()) {
            (_, Some(InvalidGrantCause::AuthorizationCode)) => {
                "The sign-in link was already used or is too old. Please connect again."
            }
            (_, Some(InvalidGrantCause::CodeVerifier | InvalidGrantCause::RedirectUri)) => {
                "This sign-in was started in another tab or window. Please connect again from this tab."
            }
            (_, Some(_)) => "Your Spotify session ended. Please connect again.",
            (TokenErrorKind::InvalidClient | TokenErrorKind::UnauthorizedClient, _) => {
                "Chorus is not set up correctly with Spotify (client id). Ask whoever runs it."
            }
            _ => "Spotify refused the sign-in. Please try again.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_exchange_answer_parses_with_refresh_token() {
        let response = TokenResponse::parse(
            r#"{"access_token":"BQD1","token_type":"Bearer","scope":"streaming user-read-email",
                "expires_in":3600,"refresh_token":"AQC1"}"#,
        )
        .expect("parses");
        assert_eq!(response.access_token.secret(), "BQD1");
        assert_eq!(response.expires_in, 3600);
        assert_eq!(
            response.refresh_token.as_ref().map(RefreshToken::secret),
            Some("AQC1")
        );
        assert!(!format!("{response:?}").contains("BQD1"));
    }

    #[test]
    fn current_regime_refresh_answer_has_no_refresh_token() {
        let response = TokenResponse::parse(
            r#"{"access_token":"BQD2","token_type":"Bearer","scope":"streaming","expires_in":3600}"#,
        )
        .expect("parses");
        assert!(response.refresh_token.is_none());
    }

    #[test]
    fn every_invalid_grant_of_the_contract_is_classified() {
        let cases = [
            (
                "Invalid authorization code",
                InvalidGrantCause::AuthorizationCode,
            ),
            (
                "code_verifier was incorrect",
                InvalidGrantCause::CodeVerifier,
            ),
            ("Invalid redirect URI", InvalidGrantCause::RedirectUri),
            (
                "Invalid refresh token",
                InvalidGrantCause::RefreshTokenInvalid,
            ),
            (
                "Refresh token revoked",
                InvalidGrantCause::RefreshTokenRevoked,
            ),
            (
                "Refresh token expired",
                InvalidGrantCause::RefreshTokenExpired,
            ),
        ];
        for (description, cause) in cases {
            let body =
                serde_json::json!({"error": "invalid_grant", "error_description": description});
            let error = TokenError::parse(&body.to_string()).expect("parses");
            assert!(error.must_sign_in_again());
            assert_eq!(error.invalid_grant_cause(), Some(cause), "{description}");
        }
    }

    #[test]
    fn other_token_errors_have_kinds_but_do_not_force_sign_in() {
        let missing = TokenError::parse(
            r#"{"error":"invalid_request","error_description":"code_verifier required"}"#,
        )
        .expect("parses");
        assert_eq!(missing.kind(), TokenErrorKind::InvalidRequest);
        assert!(!missing.must_sign_in_again());
        assert_eq!(missing.invalid_grant_cause(), None);
        let client =
            TokenError::parse(r#"{"error":"invalid_client","error_description":"Invalid client"}"#)
                .expect("parses");
        assert_eq!(client.kind(), TokenErrorKind::InvalidClient);
        assert!(client.plain_words().contains("client id"));
        assert_eq!(
            client.to_string(),
            "token request failed: invalid_client (Invalid client)"
        );
    }
}
