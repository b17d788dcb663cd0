//! Talks to whoever exchanges and refreshes tokens for this tab: the Chorus proxy (default;
//! the refresh token stays in its HttpOnly cookie) or, in `direct` mode, the accounts
//! service itself (PKCE public client; the refresh token then lives in this tab's
//! sessionStorage). Requests and bodies are built by chorus-core; this only sends them.

use chorus_core::{
    auth::secret::{AuthorizationCode, CodeVerifier, RefreshToken},
    auth::{endpoint::token_url, form::TokenForm},
    config::{RuntimeConfig, TokenMode},
    protocol::{
        error_code, ExchangeRequest, TokenAnswer, EXCHANGE_PATH, LOGOUT_PATH, REFRESH_PATH,
        SESSION_HEADER,
    },
    spotify::{TokenError, TokenResponse},
};
use gloo_net::http::{Request, Response};
use web_sys::RequestCredentials;

/// Why a token request failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TokenClientError {
    /// The grant is dead (invalid_grant, revoked, expired, no proxy session): sign in again.
    #[error("{0}")]
    SignInAgain(String),
    /// The accounts service or proxy refused the request for another reason.
    #[error("{0}")]
    Refused(String),
    #[error("too many sign-in requests; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("the sign-in service could not be reached ({0})")]
    Network(String),
}

/// Sends the authorization code (with its PKCE verifier) for tokens.
pub async fn exchange(
    config: &RuntimeConfig,
    session_id: &str,
    code: AuthorizationCode,
    verifier: CodeVerifier,
) -> Result<TokenResponse, TokenClientError> {
    match config.token_mode {
        TokenMode::Proxy => {
            let body = ExchangeRequest::new(code, verifier, &config.redirect_uri);
            let request = Request::post(EXCHANGE_PATH)
                .header(SESSION_HEADER, session_id)
                .credentials(RequestCredentials::SameOrigin)
                .json(&body)
                .map_err(|e| TokenClientError::Network(e.to_string()))?;
            send(request, parse_proxy_answer).await
        }
        TokenMode::Direct => {
            let form =
                TokenForm::code_exchange(code, verifier, &config.redirect_uri, &config.client_id);
            send(form_request(config, &form)?, TokenResponse::parse).await
        }
    }
}

/// Refreshes. In proxy mode the refresh token is the tab's cookie; in direct mode it is given.
pub async fn refresh(
    config: &RuntimeConfig,
    session_id: &str,
    refresh_token: Option<&RefreshToken>,
) -> Result<TokenResponse, TokenClientError> {
    match config.token_mode {
        TokenMode::Proxy => {
            let request = Request::post(REFRESH_PATH)
                .header(SESSION_HEADER, session_id)
                .credentials(RequestCredentials::SameOrigin)
                .build()
                .map_err(|e| TokenClientError::Network(e.to_string()))?;
            send(request, parse_proxy_answer).await
        }
        TokenMode::Direct => {
            let token = refresh_token.ok_or_else(|| {
                TokenClientError::SignInAgain("This tab has no saved session.".into())
            })?;
            let form = TokenForm::refresh(token, &config.client_id);
            send(form_request(config, &form)?, TokenResponse::parse).await
        }
    }
}

/// Forgets this tab's session at the proxy (clears its cookie). Best effort.
pub async fn logout(config: &RuntimeConfig, session_id: &str) {
    if config.token_mode == TokenMode::Proxy {
        if let Ok(request) = Request::post(LOGOUT_PATH)
            .header(SESSION_HEADER, session_id)
            .credentials(RequestCredentials::SameOrigin)
            .build()
        {
            let _ = request.send().await;
        }
    }
}

fn form_request(config: &RuntimeConfig, form: &TokenForm) -> Result<Request, TokenClientError> {
    Request::post(token_url(&config.accounts_base_url).as_str())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.encode())
        .map_err(|e| TokenClientError::Network(e.to_string()))
}

/// The proxy answers the protocol's `TokenAnswer` (no refresh token: that stays in its cookie).
fn parse_proxy_answer(body: &str) -> Result<TokenResponse, serde_json::Error> {
    TokenAnswer::parse(body).map(TokenResponse::from)
}

async fn send(
    request: Request,
    parse: fn(&str) -> Result<TokenResponse, serde_json::Error>,
) -> Result<TokenResponse, TokenClientError> {
    let response = request
        .send()
        .await
        .map_err(|e| TokenClientError::Network(e.to_string()))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| TokenClientError::Network(e.to_string()))?;
    if response.ok() {
        return parse(&body).map_err(|_| {
            TokenClientError::Refused("The sign-in service sent an unreadable answer.".into())
        });
    }
    Err(classify_failure(status, &response, &body))
}

fn classify_failure(status: u16, response: &Response, body: &str) -> TokenClientError {
    if status == 429 {
        let retry_after_secs = response
            .headers()
            .get("Retry-After")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(5);
        return TokenClientError::RateLimited { retry_after_secs };
    }
    match TokenError::parse(body) {
        // The proxy's own "sign_in_again" (no or unreadable cookie, refresh refused upstream).
        Some(error) if error.error == error_code::SIGN_IN_AGAIN => TokenClientError::SignInAgain(
            "Your Spotify session in this tab ended. Please connect again.".into(),
        ),
        Some(error) if error.must_sign_in_again() => {
            TokenClientError::SignInAgain(error.plain_words().to_owned())
        }
        Some(error) => TokenClientError::Refused(error.plain_words().to_owned()),
        None => TokenClientError::Refused(format!(
            "The sign-in service answered {status}. Please try again."
        )),
    }
}
