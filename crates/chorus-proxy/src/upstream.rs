//! The one upstream the proxy talks to: the accounts service's `POST /api/token`
//! (docs/spotify-contract.md §1), through one pooled reqwest client that follows no redirects, with a
//! timeout, reading at most 64 KiB of answer.

use std::time::Duration;

use base64::{engine::general_purpose::STANDARD, Engine as _};
use reqwest::{header, StatusCode};
use serde::Deserialize;
use url::Url;

use crate::{
    error::{ApiError, CodeRejection},
    secrets::{AccessToken, AuthorizationCode, ClientSecret, CodeVerifier, RefreshToken},
};

const MAX_ANSWER_BYTES: usize = 64 * 1024;
const MAX_SHOWN_DESCRIPTION: usize = 120;

/// The two grants the proxy performs; nothing else is ever sent upstream.
#[derive(Debug)]
pub enum Grant<'a> {
    AuthorizationCode {
        code: &'a AuthorizationCode,
        verifier: &'a CodeVerifier,
        redirect_uri: &'a Url,
    },
    RefreshToken(&'a RefreshToken),
}

/// A successful token answer.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: AccessToken,
    pub token_type: String,
    pub expires_in: u64,
    pub scope: String,
    /// Legacy regime: a new one every time. Current regime: none on refresh.
    pub refresh_token: Option<RefreshToken>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    token_type: String,
    expires_in: u64,
    #[serde(default)]
    scope: String,
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorAnswer {
    error: String,
    #[serde(default)]
    error_description: String,
}

/// Calls the configured token endpoint as the configured client.
#[derive(Debug, Clone)]
pub struct TokenUpstream {
    http: reqwest::Client,
    token_url: Url,
    client_id: String,
    client_secret: Option<std::sync::Arc<ClientSecret>>,
}

impl TokenUpstream {
    pub fn new(
        token_url: Url,
        client_id: String,
        client_secret: Option<ClientSecret>,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .user_agent(concat!("chorus-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            http,
            token_url,
            client_id,
            client_secret: client_secret.map(std::sync::Arc::new),
        })
    }

    pub fn token_url(&self) -> &Url {
        &self.token_url
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Performs one grant. `invalid_grant` on a refresh becomes `RefreshRejected`, on a code
    /// exchange `CodeRejected`; every other refusal is a configuration problem (`UpstreamFailed`).
    pub async fn grant(&self, grant: Grant<'_>) -> Result<Tokens, ApiError> {
        let mut form: Vec<(&str, &str)> = vec![("client_id", &self.client_id)];
        let is_refresh = matches!(grant, Grant::RefreshToken(_));
        match &grant {
            Grant::AuthorizationCode {
                code,
                verifier,
                redirect_uri,
            } => form.extend([
                ("grant_type", "authorization_code"),
                ("code", code.secret()),
                ("redirect_uri", redirect_uri.as_str()),
                ("code_verifier", verifier.secret()),
            ]),
            Grant::RefreshToken(token) => form.extend([
                ("grant_type", "refresh_token"),
                ("refresh_token", token.secret()),
            ]),
        }
        let mut request = self.http.post(self.token_url.clone()).form(&form);
        if let Some(secret) = &self.client_secret {
            let basic = STANDARD.encode(format!("{}:{}", self.client_id, secret.secret()));
            request = request.header(header::AUTHORIZATION, format!("Basic {basic}"));
        }
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let retry_after = retry_after_secs(response.headers());
        let body = read_limited(response).await?;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(ApiError::UpstreamRateLimited {
                retry_after_secs: retry_after,
            });
        }
        if status.is_success() {
            return parse_tokens(&body);
        }
        Err(refusal(status, &body, is_refresh))
    }
}

fn transport_error(error: reqwest::Error) -> ApiError {
    if error.is_timeout() {
        ApiError::UpstreamTimeout
    } else {
        // reqwest's Display holds the URL (no secrets: the form is in the body) and the cause.
        ApiError::UpstreamFailed(error.without_url().to_string())
    }
}

async fn read_limited(mut response: reqwest::Response) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(ApiError::UpstreamFailed(
                "the answer is larger than 64 KiB".into(),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
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

fn parse_tokens(body: &[u8]) -> Result<Tokens, ApiError> {
    // The serde error could quote the body, which holds tokens: keep only its category.
    let answer: TokenAnswer = serde_json::from_slice(body).map_err(|error| {
        ApiError::UpstreamFailed(format!(
            "a 200 answer that is not a token response ({:?})",
            error.classify()
        ))
    })?;
    Ok(Tokens {
        access_token: AccessToken::new(answer.access_token),
        token_type: answer.token_type,
        expires_in: answer.expires_in,
        scope: answer.scope,
        refresh_token: answer
            .refresh_token
            .filter(|t| !t.is_empty())
            .map(RefreshToken::new),
    })
}

fn refusal(status: StatusCode, body: &[u8], is_refresh: bool) -> ApiError {
    let Ok(answer) = serde_json::from_slice::<ErrorAnswer>(body) else {
        return ApiError::UpstreamFailed(format!("status {status} without an OAuth error body"));
    };
    let description = shown_description(&answer.error_description);
    match (answer.error.as_str(), is_refresh) {
        ("invalid_grant", true) => ApiError::RefreshRejected(description),
        ("invalid_grant", false) => ApiError::CodeRejected { kind: CodeRejection::InvalidGrant, description },
        ("invalid_request", false) => ApiError::CodeRejected { kind: CodeRejection::InvalidRequest, description },
        (other, _) => ApiError::UpstreamFailed(format!(
            "status {status}, error {:?}: {description} (check --client-id, --client-secret, --token-url)",
            shown_description(other)
        )),
    }
}

/// Spotify's descriptions are short fixed texts; anything else is not shown to users.
fn shown_description(text: &str) -> String {
    let plain = text.len() <= MAX_SHOWN_DESCRIPTION
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-.,:'()".contains(c));
    if plain {
        text.to_owned()
    } else {
        "refused by Spotify".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_grant_on_refresh_means_sign_in_again() {
        let body = br#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#;
        assert!(
            matches!(refusal(StatusCode::BAD_REQUEST, body, true), ApiError::RefreshRejected(d) if d == "Refresh token revoked")
        );
    }

    #[test]
    fn invalid_grant_on_exchange_keeps_spotifys_description() {
        let body = br#"{"error":"invalid_grant","error_description":"Invalid authorization code"}"#;
        let error = refusal(StatusCode::BAD_REQUEST, body, false);
        assert!(
            matches!(error, ApiError::CodeRejected { kind: CodeRejection::InvalidGrant, description } if description == "Invalid authorization code")
        );
    }

    #[test]
    fn invalid_client_is_an_upstream_failure_not_the_users_fault() {
        let body = br#"{"error":"invalid_client","error_description":"Invalid client"}"#;
        assert!(matches!(
            refusal(StatusCode::BAD_REQUEST, body, false),
            ApiError::UpstreamFailed(_)
        ));
    }

    #[test]
    fn odd_descriptions_are_not_passed_on() {
        assert_eq!(
            shown_description("<script>alert(1)</script>"),
            "refused by Spotify"
        );
        assert_eq!(shown_description(&"a".repeat(500)), "refused by Spotify");
    }

    #[test]
    fn a_token_answer_without_refresh_token_is_the_current_regime() {
        let body =
            br#"{"access_token":"at","token_type":"Bearer","expires_in":3600,"scope":"streaming"}"#;
        let tokens = parse_tokens(body).expect("parses");
        assert!(tokens.refresh_token.is_none());
        assert_eq!(tokens.expires_in, 3600);
    }

    #[test]
    fn a_malformed_200_does_not_quote_the_body() {
        let body = br#"{"access_token":"secret-at","token_type":5}"#;
        let Err(ApiError::UpstreamFailed(message)) = parse_tokens(body) else {
            panic!("must fail")
        };
        assert!(!message.contains("secret-at"));
    }
}
