//! `POST /api/token/{exchange,refresh,logout}`: the only routes that touch tokens.
//!
//! The tab names itself with `X-Chorus-Session`; its refresh token lives sealed in the cookie
//! `chorus_rt_<session>` and never reaches JavaScript. Access tokens go back as JSON.

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{AppendHeaders, IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    error::ApiError,
    json_body::JsonBody,
    refresh_flights::Refreshed,
    sealing::Binding,
    secrets::{AuthorizationCode, CodeVerifier},
    session::SessionId,
    upstream::{Grant, Tokens},
    AppState,
};

/// The largest body the token routes read.
pub const MAX_BODY_BYTES: usize = 4 * 1024;
const MAX_CODE_LEN: usize = 2048;

/// What the tab sends after the redirect back from `/authorize`. No `Debug`: it holds secrets.
#[derive(Deserialize)]
pub struct ExchangeRequest {
    code: String,
    code_verifier: String,
    redirect_uri: String,
}

/// What the tab receives: everything but the refresh token.
#[derive(Serialize)]
struct TokenResponse<'a> {
    access_token: &'a str,
    token_type: &'a str,
    expires_in: u64,
    scope: &'a str,
}

/// RFC 7636 §4.1: 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`.
fn check_verifier(verifier: &str) -> Result<(), ApiError> {
    let ok = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    ok.then_some(()).ok_or(ApiError::InvalidField(
        "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
    ))
}

fn check_code(code: &str) -> Result<(), ApiError> {
    let ok = !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code.bytes().all(|b| b.is_ascii_graphic());
    ok.then_some(()).ok_or(ApiError::InvalidField(
        "code must be a non-empty authorization code",
    ))
}

/// Only the configured redirect URI may be used, compared as Spotify does: exactly.
fn check_redirect_uri<'a>(given: &str, configured: &'a Url) -> Result<&'a Url, ApiError> {
    (given == configured.as_str() || Url::parse(given).ok().as_ref() == Some(configured))
        .then_some(configured)
        .ok_or(ApiError::RedirectUriNotAllowed)
}

fn token_json(tokens: &Tokens) -> Json<TokenResponse<'_>> {
    Json(TokenResponse {
        access_token: tokens.access_token.secret(),
        token_type: &tokens.token_type,
        expires_in: tokens.expires_in,
        scope: &tokens.scope,
    })
}

/// `POST /api/token/exchange`: code + verifier → access token, refresh token into the cookie.
pub async fn exchange(
    State(state): State<AppState>,
    session: SessionId,
    JsonBody(request): JsonBody<ExchangeRequest>,
) -> Result<Response, ApiError> {
    check_code(&request.code)?;
    check_verifier(&request.code_verifier)?;
    let redirect_uri = check_redirect_uri(&request.redirect_uri, state.redirect_uri())?;
    let code = AuthorizationCode::new(request.code);
    let verifier = CodeVerifier::new(request.code_verifier);

    let tokens = state
        .upstream()
        .grant(Grant::AuthorizationCode {
            code: &code,
            verifier: &verifier,
            redirect_uri,
        })
        .await?;
    let Some(refresh_token) = &tokens.refresh_token else {
        return Err(ApiError::UpstreamFailed(
            "a code exchange answer without a refresh token".into(),
        ));
    };
    let binding = Binding {
        session: &session,
        client_id: state.upstream().client_id(),
    };
    let sealed = state.sealing_keys().seal(refresh_token, binding)?;
    let cookie = state
        .cookie_policy()
        .store(&session, &sealed)
        .ok_or(ApiError::UpstreamFailed("unusable cookie".into()))?;
    tracing::info!("code exchanged; refresh cookie set for the tab");
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        token_json(&tokens),
    )
        .into_response())
}

/// `POST /api/token/refresh`: the tab's cookie → a fresh access token.
pub async fn refresh(
    State(state): State<AppState>,
    session: SessionId,
    headers: HeaderMap,
) -> Response {
    match refresh_inner(&state, &session, &headers).await {
        Ok(response) => response,
        Err(error) => {
            // When the session is over for good, drop the cookie with the error so the tab does
            // not keep sending a dead token; a timeout or 429 keeps it for the retry.
            let session_over = matches!(
                error,
                ApiError::NoRefreshCookie
                    | ApiError::CookieUnreadable(_)
                    | ApiError::RefreshRejected(_)
            );
            if session_over {
                (
                    AppendHeaders([(header::SET_COOKIE, state.cookie_policy().clear(&session))]),
                    error,
                )
                    .into_response()
            } else {
                error.into_response()
            }
        }
    }
}

async fn refresh_inner(
    state: &AppState,
    session: &SessionId,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let sealed = crate::cookie::read(headers, session).ok_or(ApiError::NoRefreshCookie)?;
    let refreshed = state
        .refresh_flights()
        .run(session, sealed, || refresh_upstream(state, session, sealed))
        .await?;
    Ok(refreshed.to_response())
}

async fn refresh_upstream(
    state: &AppState,
    session: &SessionId,
    sealed: &str,
) -> Result<Refreshed, ApiError> {
    let binding = Binding {
        session,
        client_id: state.upstream().client_id(),
    };
    let refresh_token = state.sealing_keys().open(sealed, binding)?;
    let tokens = state
        .upstream()
        .grant(Grant::RefreshToken(&refresh_token))
        .await?;
    // Legacy regime: a new token replaces the old one (which is now revoked). Current regime: none
    // comes back and the old one stays valid; it is sealed again anyway so that the cookie moves to
    // the newest key and its Max-Age starts over.
    let rotated = tokens.refresh_token.is_some();
    let keep = tokens.refresh_token.as_ref().unwrap_or(&refresh_token);
    let sealed = state.sealing_keys().seal(keep, binding)?;
    let cookie = state
        .cookie_policy()
        .store(session, &sealed)
        .ok_or(ApiError::UpstreamFailed("unusable cookie".into()))?;
    let body = serde_json::to_vec(&token_json(&tokens).0)
        .map_err(|_| ApiError::UpstreamFailed("the token answer could not be encoded".into()))?;
    tracing::info!(rotated, "access token refreshed");
    Ok(Refreshed {
        body: body.into(),
        cookie,
    })
}

/// `POST /api/token/logout`: forget the tab's refresh token.
pub async fn logout(State(state): State<AppState>, session: SessionId) -> Response {
    tracing::info!("tab signed out; refresh cookie cleared");
    (
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, state.cookie_policy().clear(&session))]),
    )
        .into_response()
}

/// Any other `/api/…` path.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A token route with another method than POST.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifiers_follow_rfc_7636() {
        assert!(check_verifier(&"a".repeat(43)).is_ok());
        assert!(check_verifier(&"a-._~".repeat(20)).is_ok());
        assert!(check_verifier(&"a".repeat(42)).is_err());
        assert!(check_verifier(&"a".repeat(129)).is_err());
        assert!(check_verifier(&format!("{}+", "a".repeat(43))).is_err());
    }

    #[test]
    fn only_the_configured_redirect_uri_is_accepted() {
        let configured: Url = "http://127.0.0.1:8080/callback".parse().expect("url");
        assert!(check_redirect_uri("http://127.0.0.1:8080/callback", &configured).is_ok());
        assert!(check_redirect_uri("http://127.0.0.1:8080/callback/", &configured).is_err());
        assert!(check_redirect_uri("http://127.0.0.1:8081/callback", &configured).is_err());
        assert!(check_redirect_uri("not a url", &configured).is_err());
    }
}
