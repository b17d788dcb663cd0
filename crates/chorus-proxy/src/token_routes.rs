//! `POST /api/token/{exchange,refresh,logout}`: the only routes that touch tokens.
//!
//! The tab names itself with `X-Chorus-Session`; its refresh token lives sealed, with the times
//! of sign-in and last refresh, in a cookie named after a keyed hash of the session id
//! (`cookie.rs`, `sealing.rs`) and never reaches JavaScript. Access tokens go back as JSON.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chorus_core::protocol::{ExchangeRequest, TokenAnswer};

use crate::{
    error::ApiError,
    json_body::JsonBody,
    refresh_flights::Refreshed,
    sealing::{Binding, SealedSession},
    session::SessionId,
    upstream::{Grant, Tokens},
    AppState,
};

/// At most this many cookies of one tab are tried against Spotify in one refresh.
const MAX_TRIED: usize = 3;

fn token_json(tokens: &Tokens) -> Json<TokenAnswer> {
    Json(TokenAnswer {
        access_token: tokens.access_token.clone(),
        token_type: tokens.token_type.clone(),
        expires_in: tokens.expires_in,
        scope: tokens.scope.clone(),
    })
}

fn binding<'a>(state: &'a AppState, session: &'a SessionId) -> Binding<'a> {
    Binding {
        session,
        client_id: state.upstream().client_id(),
    }
}

/// Seals `sealed` for the tab: the `Set-Cookie` under its current name, and clearing ones for
/// its names under retired keys that the request carried.
fn store(
    state: &AppState,
    session: &SessionId,
    sealed: &SealedSession,
    carried_names: &[&str],
    now: u64,
) -> Result<Vec<HeaderValue>, ApiError> {
    let value = state.sealing_keys().seal(sealed, binding(state, session))?;
    let names = state.sealing_keys().cookie_names(session);
    let name = names
        .first()
        .ok_or(ApiError::Seal(crate::sealing::SealError))?;
    let policy = state.cookie_policy();
    let cookie = policy
        .store(name, &value, policy.max_age_secs(sealed.signed_in_at, now))
        .ok_or(ApiError::UpstreamFailed("unusable cookie".into()))?;
    let retired = names[1..]
        .iter()
        .filter(|old| carried_names.contains(&old.as_str()))
        .map(|old| policy.clear(old));
    Ok(std::iter::once(cookie).chain(retired).collect())
}

/// `Set-Cookie`s removing every name the tab's cookie may have.
fn clear_all(state: &AppState, session: &SessionId) -> Vec<HeaderValue> {
    state
        .sealing_keys()
        .cookie_names(session)
        .iter()
        .map(|name| state.cookie_policy().clear(name))
        .collect()
}

fn with_cookies(mut response: Response, cookies: Vec<HeaderValue>) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
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
    let Some(refresh_token) = tokens.refresh_token.as_ref() else {
        return Err(ApiError::UpstreamFailed(
            "a code exchange answer without a refresh token".into(),
        ));
    };
    let now = state.clock().now_secs();
    let sealed = SealedSession {
        refresh_token: crate::secrets::RefreshToken::new(refresh_token.secret()),
        signed_in_at: now,
        refreshed_at: now,
    };
    let cookies = store(&state, &session, &sealed, &[], now)?;
    tracing::info!("code exchanged; refresh cookie set for the tab");
    Ok(with_cookies(token_json(&tokens).into_response(), cookies))
}

/// A refresh that failed, and whether the tab's cookie goes with it.
struct Refusal {
    error: ApiError,
    clear: bool,
}

impl From<ApiError> for Refusal {
    /// When the session is over for good the cookie is dropped with the error, so the tab does
    /// not keep sending a dead token; a timeout or 429 keeps it for the retry.
    fn from(error: ApiError) -> Self {
        let clear = matches!(
            error,
            ApiError::NoRefreshCookie
                | ApiError::CookieUnreadable(_)
                | ApiError::CookieTooOld(_)
                | ApiError::RefreshRejected(_)
        );
        Self { error, clear }
    }
}

/// `POST /api/token/refresh`: the tab's cookie → a fresh access token.
pub async fn refresh(
    State(state): State<AppState>,
    session: SessionId,
    headers: HeaderMap,
) -> Response {
    match refresh_inner(&state, &session, &headers).await {
        Ok(response) => response,
        Err(Refusal { error, clear: true }) => {
            with_cookies(error.into_response(), clear_all(&state, &session))
        }
        Err(Refusal { error, .. }) => error.into_response(),
    }
}

async fn refresh_inner(
    state: &AppState,
    session: &SessionId,
    headers: &HeaderMap,
) -> Result<Response, Refusal> {
    let names = state.sealing_keys().cookie_names(session);
    let carried: Vec<(&str, &str)> = crate::cookie::read_all(headers, &names);
    if carried.is_empty() {
        return Err(ApiError::NoRefreshCookie.into());
    }
    let now = state.clock().now_secs();
    let mut refusal = None;
    let mut usable = Vec::new();
    for &(_, value) in &carried {
        let opened = state
            .sealing_keys()
            .open(value, binding(state, session))
            .map_err(ApiError::from)
            .and_then(|sealed| {
                state.cookie_policy().check(&sealed, now)?;
                Ok(sealed)
            });
        match opened {
            Ok(sealed) => usable.push((value, sealed)),
            Err(error) => refusal = Some(error),
        }
    }
    // The most recently refreshed first: the others are older copies (narrower paths).
    usable.sort_by_key(|(_, sealed)| std::cmp::Reverse(sealed.refreshed_at));
    let carried_names: Vec<&str> = carried.iter().map(|(name, _)| *name).collect();
    for (value, sealed) in usable.iter().take(MAX_TRIED) {
        let outcome = state
            .refresh_flights()
            .run(session, value, || {
                refresh_upstream(state, session, sealed, &carried_names, now)
            })
            .await;
        match outcome {
            Ok(refreshed) => {
                state.refresh_flights().mark_superseded(session, value);
                return Ok(refreshed.to_response());
            }
            Err(error @ ApiError::RefreshRejected(_)) => {
                // A cookie a refresh already replaced: the browser holds the newer one under the
                // same name, which a clearing Set-Cookie would delete.
                let replaced = state.refresh_flights().is_superseded(session, value);
                refusal = Some(error);
                if replaced {
                    return Err(Refusal {
                        error: refusal.take().unwrap_or(ApiError::NoRefreshCookie),
                        clear: false,
                    });
                }
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(refusal.unwrap_or(ApiError::NoRefreshCookie).into())
}

async fn refresh_upstream(
    state: &AppState,
    session: &SessionId,
    sealed: &SealedSession,
    carried_names: &[&str],
    now: u64,
) -> Result<Refreshed, ApiError> {
    let tokens = state
        .upstream()
        .grant(Grant::RefreshToken(&sealed.refresh_token))
        .await?;
    // Legacy regime: a new token replaces the old one (which is now revoked). Current regime: none
    // comes back and the old one stays valid; it is sealed again anyway so that the cookie moves to
    // the newest key and its idle time and Max-Age start over.
    let rotated = tokens.refresh_token.is_some();
    let keep = tokens
        .refresh_token
        .as_ref()
        .unwrap_or(&sealed.refresh_token);
    let renewed = SealedSession {
        refresh_token: crate::secrets::RefreshToken::new(keep.secret()),
        signed_in_at: sealed.signed_in_at,
        refreshed_at: now,
    };
    let cookies = store(state, session, &renewed, carried_names, now)?;
    let body = serde_json::to_vec(&token_json(&tokens).0)
        .map_err(|_| ApiError::UpstreamFailed("the token answer could not be encoded".into()))?;
    tracing::info!(rotated, "access token refreshed");
    Ok(Refreshed {
        body: body.into(),
        cookies,
    })
}

/// `POST /api/token/logout`: forget the tab's refresh token (README: what this can revoke).
pub async fn logout(State(state): State<AppState>, session: SessionId) -> Response {
    tracing::info!("tab signed out; refresh cookie cleared");
    with_cookies(
        StatusCode::NO_CONTENT.into_response(),
        clear_all(&state, &session),
    )
}

/// Any other `/api/…` path.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A token route with another method than POST.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
