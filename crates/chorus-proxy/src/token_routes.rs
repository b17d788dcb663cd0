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
use chorus_core::protocol::{ExchangeRequest, TokenAnswer};

use crate::{
    error::ApiError,
    json_body::JsonBody,
    refresh_flights::Refreshed,
    sealing::Binding,
    session::SessionId,
    upstream::{Grant, Tokens},
    AppState,
};

fn token_json(tokens: &Tokens) -> Json<TokenAnswer> {
    Json(TokenAnswer {
        access_token: tokens.access_token.clone(),
        token_type: tokens.token_type.clone(),
        expires_in: tokens.expires_in,
        scope: tokens.scope.clone(),
    })
}

/// `POST /api/token/exchange`: code + verifier → access token, refresh token into the cookie.
pub async fn exchange(
    State(state): State<AppState>,
    session: SessionId,
    JsonBody(request): JsonBody<ExchangeRequest>,
) -> Result<Response, ApiError> {
    let checked = request.check(state.redirect_uri())?;
    let tokens = state
        .upstream()
        .grant(Grant::AuthorizationCode {
            code: &checked.code,
            verifier: &checked.verifier,
            redirect_uri: checked.redirect_uri,
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
