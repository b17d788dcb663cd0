//! The app ↔ chorus-proxy protocol, written once for both sides (crates/chorus-proxy/README.md
//! "Token API"): the routes, the header that names a tab, the session-id rule, the exchange
//! request, the token answer, the error codes and the checks the proxy makes before it calls
//! Spotify. The app sends these types (`src/services/token_client.rs`, `tab_session.rs`); the
//! proxy reads them (`crates/chorus-proxy/src/token_routes.rs`, `session.rs`).

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::auth::pkce::{parse_verifier, PkceError};
use crate::auth::secret::{AccessToken, AuthorizationCode, CodeVerifier};
use crate::spotify::TokenResponse;

/// The header that names the tab's session (HTTP header names are case-insensitive).
pub const SESSION_HEADER: &str = "x-chorus-session";
/// Every token route lives below this path; the refresh cookie is scoped to it.
pub const TOKEN_ROUTES: &str = "/api/token";
/// `POST`, body [`ExchangeRequest`]: code + verifier → [`TokenAnswer`] and the refresh cookie.
pub const EXCHANGE_PATH: &str = "/api/token/exchange";
/// `POST`, no body (the cookie): → [`TokenAnswer`], the cookie sealed again.
pub const REFRESH_PATH: &str = "/api/token/refresh";
/// `POST`, no body: 204, the cookie cleared.
pub const LOGOUT_PATH: &str = "/api/token/logout";

/// The largest body the token routes read.
pub const MAX_BODY_BYTES: usize = 4 * 1024;
/// The longest authorization code the proxy forwards.
pub const MAX_CODE_LEN: usize = 2048;

/// The `error` codes of the proxy's JSON error answers (`{"error", "error_description"}`).
pub mod error_code {
    /// Missing, repeated or malformed session header.
    pub const INVALID_SESSION: &str = "invalid_session";
    /// A malformed body or field; also Spotify's own `invalid_request` on exchange.
    pub const INVALID_REQUEST: &str = "invalid_request";
    /// Spotify refused the code exchange.
    pub const INVALID_GRANT: &str = "invalid_grant";
    /// The tab's session with the proxy is over: sign in again.
    pub const SIGN_IN_AGAIN: &str = "sign_in_again";
    pub const ORIGIN_NOT_ALLOWED: &str = "origin_not_allowed";
    pub const RATE_LIMITED: &str = "rate_limited";
    /// 502: Spotify unreachable, refusing this client, or answering nonsense.
    pub const UPSTREAM_ERROR: &str = "upstream_error";
    /// 504: Spotify did not answer in time.
    pub const UPSTREAM_UNAVAILABLE: &str = "upstream_unavailable";
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
}

const SESSION_MIN_LEN: usize = 16;
const SESSION_MAX_LEN: usize = 64;

/// A tab's session id: 16 to 64 characters of `A-Z a-z 0-9 _ -`, so it is safe in a header and
/// too long to guess. Each tab makes one up and keeps it in `sessionStorage`. `Debug` hides it:
/// whoever holds a tab's id can spend that tab's refresh cookie.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionId(String);

/// Why a session id was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a session id is one value of 16 to 64 characters from A-Z a-z 0-9 _ -")]
pub struct SessionIdError;

impl SessionId {
    pub fn parse(value: &str) -> Result<Self, SessionIdError> {
        let well_formed = (SESSION_MIN_LEN..=SESSION_MAX_LEN).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if well_formed {
            Ok(Self(value.to_owned()))
        } else {
            Err(SessionIdError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionId([redacted])")
    }
}

/// What the tab sends to [`EXCHANGE_PATH`] after the redirect back from `/authorize`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExchangeRequest {
    pub code: AuthorizationCode,
    pub code_verifier: CodeVerifier,
    pub redirect_uri: String,
}

/// Why the proxy refuses an exchange request before calling Spotify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeRefusal {
    #[error("code must be a non-empty authorization code")]
    Code,
    #[error("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")]
    Verifier(#[source] PkceError),
    #[error("redirect_uri is not the one this app is registered with")]
    RedirectUri,
}

/// An exchange request that passed every check: the code, the verifier and the configured
/// redirect URI, ready for Spotify.
#[derive(Debug)]
pub struct CheckedExchange<'a> {
    pub code: AuthorizationCode,
    pub verifier: CodeVerifier,
    pub redirect_uri: &'a Url,
}

impl ExchangeRequest {
    pub fn new(code: AuthorizationCode, code_verifier: CodeVerifier, redirect_uri: &Url) -> Self {
        Self {
            code,
            code_verifier,
            redirect_uri: redirect_uri.as_str().to_owned(),
        }
    }

    /// The code is printable ASCII of sane length; the verifier follows RFC 7636 §4.1; the
    /// redirect URI is exactly the configured one (compared as Spotify does).
    pub fn check(self, configured: &Url) -> Result<CheckedExchange<'_>, ExchangeRefusal> {
        let code = self.code.secret();
        if code.is_empty()
            || code.len() > MAX_CODE_LEN
            || !code.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(ExchangeRefusal::Code);
        }
        let verifier =
            parse_verifier(self.code_verifier.secret()).map_err(ExchangeRefusal::Verifier)?;
        let same = self.redirect_uri == configured.as_str()
            || Url::parse(&self.redirect_uri).ok().as_ref() == Some(configured);
        if !same {
            return Err(ExchangeRefusal::RedirectUri);
        }
        Ok(CheckedExchange {
            code: self.code,
            verifier,
            redirect_uri: configured,
        })
    }
}

/// What the tab receives from [`EXCHANGE_PATH`] and [`REFRESH_PATH`]: everything of Spotify's
/// answer but the refresh token, which stays in the proxy's HttpOnly cookie.
#[derive(Debug, Serialize, Deserialize)]
pub struct TokenAnswer {
    pub access_token: AccessToken,
    pub token_type: String,
    pub expires_in: u64,
    #[serde(default)]
    pub scope: String,
}

impl TokenAnswer {
    pub fn parse(body: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(body)
    }
}

impl From<TokenAnswer> for TokenResponse {
    fn from(answer: TokenAnswer) -> Self {
        Self {
            access_token: answer.access_token,
            token_type: answer.token_type,
            scope: answer.scope,
            expires_in: answer.expires_in,
            refresh_token: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn configured() -> Url {
        Url::parse("http://127.0.0.1:8080/callback").expect("url")
    }

    fn request(code: &str, verifier: &str, redirect: &str) -> ExchangeRequest {
        ExchangeRequest {
            code: AuthorizationCode::new(code),
            code_verifier: CodeVerifier::new(verifier),
            redirect_uri: redirect.to_owned(),
        }
    }

    #[test]
    fn ids_of_the_allowed_alphabet_and_length_are_accepted() {
        assert!(SessionId::parse("abcdefgh_IJKLMN-0123").is_ok());
        assert!(SessionId::parse(&"a".repeat(16)).is_ok());
        assert!(SessionId::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn short_long_or_odd_ids_are_refused() {
        for bad in [
            "short",
            &"a".repeat(15),
            &"a".repeat(65),
            "abcdefghijklmnop;",
            "abcdefgh ijklmnop",
            "ääääääääääääääää",
        ] {
            assert_eq!(SessionId::parse(bad), Err(SessionIdError), "{bad:?}");
        }
    }

    #[test]
    fn a_session_id_is_not_printed_by_debug() {
        let id = SessionId::parse("tab-a-0123456789abcdef").expect("valid");
        assert_eq!(format!("{id:?}"), "SessionId([redacted])");
    }

    #[test]
    fn a_well_formed_exchange_passes_with_the_configured_redirect_uri() {
        let configured = configured();
        let checked = request("AQB", VERIFIER, "http://127.0.0.1:8080/callback")
            .check(&configured)
            .expect("valid");
        assert_eq!(checked.code.secret(), "AQB");
        assert_eq!(checked.verifier.secret(), VERIFIER);
        assert_eq!(checked.redirect_uri, &configured);
    }

    #[test]
    fn verifiers_follow_rfc_7636() {
        let configured = configured();
        let redirect = configured.as_str();
        assert!(request("c", &"a".repeat(43), redirect)
            .check(&configured)
            .is_ok());
        assert!(request("c", &"a-._~".repeat(20), redirect)
            .check(&configured)
            .is_ok());
        for bad in [
            "a".repeat(42),
            "a".repeat(129),
            format!("{}+", "a".repeat(43)),
        ] {
            assert!(matches!(
                request("c", &bad, redirect).check(&configured),
                Err(ExchangeRefusal::Verifier(_))
            ));
        }
    }

    #[test]
    fn empty_long_or_unprintable_codes_are_refused() {
        let configured = configured();
        for bad in [
            String::new(),
            "a".repeat(MAX_CODE_LEN + 1),
            "a b".to_owned(),
        ] {
            assert_eq!(
                request(&bad, VERIFIER, configured.as_str())
                    .check(&configured)
                    .err(),
                Some(ExchangeRefusal::Code)
            );
        }
    }

    #[test]
    fn only_the_configured_redirect_uri_is_accepted() {
        let configured = configured();
        for bad in [
            "http://127.0.0.1:8080/callback/",
            "http://127.0.0.1:8081/callback",
            "not a url",
        ] {
            assert_eq!(
                request("c", VERIFIER, bad).check(&configured).err(),
                Some(ExchangeRefusal::RedirectUri),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_exchange_body_has_the_three_fields_of_the_readme() {
        let body = serde_json::to_value(ExchangeRequest::new(
            AuthorizationCode::new("AQB"),
            CodeVerifier::new(VERIFIER),
            &configured(),
        ))
        .expect("serialises");
        assert_eq!(
            body,
            serde_json::json!({"code": "AQB", "code_verifier": VERIFIER,
                               "redirect_uri": "http://127.0.0.1:8080/callback"})
        );
    }

    #[test]
    fn a_token_answer_becomes_a_token_response_without_refresh_token() {
        let answer = TokenAnswer::parse(
            r#"{"access_token":"BQD","token_type":"Bearer","expires_in":3600,"scope":"streaming"}"#,
        )
        .expect("parses");
        let response = TokenResponse::from(answer);
        assert_eq!(response.access_token.secret(), "BQD");
        assert_eq!(response.expires_in, 3600);
        assert!(response.refresh_token.is_none());
    }

    #[test]
    fn every_route_lives_below_the_cookie_path() {
        for path in [EXCHANGE_PATH, REFRESH_PATH, LOGOUT_PATH] {
            assert!(path.starts_with(&format!("{TOKEN_ROUTES}/")), "{path}");
        }
    }
}
