//! `POST /api/token`: authorization-code exchange (PKCE or client secret) and refresh, with every
//! error row of the contract's table.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serialize;
use subtle::ConstantTimeEq;

use super::pkce::verifier_matches;
use super::store::{AccessGrant, RefreshGrant, RefreshStatus};
use crate::clock::millis;
use crate::config::RefreshRegime;
use crate::errors::TokenError;
use crate::state::{Sandbox, World};

#[derive(Debug, Default)]
pub struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    client_secret: Option<String>,
}

/// The 200 body. `refresh_token` is absent from refresh responses under the current regime.
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    scope: String,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
}

/// How the client identified itself.
#[derive(Debug, PartialEq, Eq)]
enum ClientAuth {
    /// Public client: `client_id` in the body, PKCE required.
    Public,
    /// Confidential client authenticated with its secret.
    Confidential,
}

impl TokenForm {
    /// Reads the body as `application/x-www-form-urlencoded` whatever `Content-Type` says, as
    /// Spotify does: a JSON body then simply carries no `grant_type` (400
    /// `unsupported_grant_type`), never a 415.
    fn parse(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = Some(value.into_owned());
            match key.as_ref() {
                "grant_type" => form.grant_type = value,
                "code" => form.code = value,
                "redirect_uri" => form.redirect_uri = value,
                "client_id" => form.client_id = value,
                "code_verifier" => form.code_verifier = value,
                "refresh_token" => form.refresh_token = value,
                "client_secret" => form.client_secret = value,
                _ => {}
            }
        }
        form
    }
}

pub async fn exchange(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let form = TokenForm::parse(&body);
    let result = sandbox.update(|world| match form.grant_type.as_deref() {
        None | Some("") => Err(TokenError::GRANT_TYPE_MISSING),
        Some("authorization_code") => exchange_code(world, &headers, &form),
        Some("refresh_token") => refresh(world, &headers, &form),
        Some(_) => Err(TokenError::GRANT_TYPE_UNSUPPORTED),
    });
    match result {
        Ok(body) => Json(body).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `Authorization: Basic base64(id:secret)` (or the secret in the body) for confidential clients;
/// a matching `client_id` for public ones.
fn authenticate(
    world: &World,
    headers: &HeaderMap,
    form: &TokenForm,
) -> Result<ClientAuth, TokenError> {
    let client = &world.config.client;
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|encoded| STANDARD.decode(encoded.trim()).ok())
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .and_then(|text| {
            text.split_once(':')
                .map(|(id, secret)| (id.to_owned(), secret.to_owned()))
        });
    let presented = basic.or_else(|| {
        let secret = form.client_secret.clone()?;
        Some((form.client_id.clone()?, secret))
    });
    match (presented, &client.client_secret) {
        (Some((id, secret)), Some(expected)) => {
            let id_ok = id == client.client_id;
            let secret_ok = bool::from(secret.as_bytes().ct_eq(expected.as_bytes()));
            if id_ok && secret_ok {
                Ok(ClientAuth::Confidential)
            } else {
                Err(TokenError::INVALID_CLIENT)
            }
        }
        // A secret presented to a public client, or none to a confidential one.
        (Some(_), None) => Err(TokenError::INVALID_CLIENT),
        (None, _) if form.client_id.as_deref() == Some(client.client_id.as_str()) => {
            Ok(ClientAuth::Public)
        }
        (None, _) => Err(TokenError::INVALID_CLIENT),
    }
}

fn exchange_code(
    world: &mut World,
    headers: &HeaderMap,
    form: &TokenForm,
) -> Result<TokenResponse, TokenError> {
    let auth = authenticate(world, headers, form)?;
    let now = world.now_ms();
    let code_value = form.code.as_deref().unwrap_or_default();
    let pending = world
        .tokens
        .codes
        .get(code_value)
        .filter(|code| code.expires_at_ms > now && code.client_id == world.config.client.client_id)
        .cloned()
        .ok_or(TokenError::INVALID_CODE)?;
    if form.redirect_uri.as_deref() != Some(pending.redirect_uri.as_str()) {
        return Err(TokenError::REDIRECT_MISMATCH);
    }
    match (
        &pending.code_challenge,
        form.code_verifier.as_deref(),
        &auth,
    ) {
        (Some(challenge), Some(verifier), _) => {
            if !verifier_matches(verifier, challenge) {
                return Err(TokenError::WRONG_VERIFIER);
            }
        }
        (_, None, ClientAuth::Public) | (Some(_), None, ClientAuth::Confidential) => {
            return Err(TokenError::VERIFIER_REQUIRED)
        }
        (None, _, ClientAuth::Confidential) => {}
        (None, Some(_), ClientAuth::Public) => return Err(TokenError::WRONG_VERIFIER),
    }
    // Single use: only a successful exchange consumes the code.
    world.tokens.take_code(code_value);
    let access_token = issue_access(world, &pending.user_id, &pending.scopes, now);
    let refresh_token = world.tokens.issue_refresh(RefreshGrant {
        user_id: pending.user_id,
        client_id: pending.client_id,
        scopes: pending.scopes.clone(),
        first_authorized_ms: now,
        status: RefreshStatus::Valid,
    });
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        scope: pending.scopes.join(" "),
        expires_in: world.config.access_token_ttl.as_secs(),
        refresh_token: Some(refresh_token),
    })
}

fn refresh(
    world: &mut World,
    headers: &HeaderMap,
    form: &TokenForm,
) -> Result<TokenResponse, TokenError> {
    authenticate(world, headers, form)?;
    let now = world.now_ms();
    let value = form.refresh_token.as_deref().unwrap_or_default();
    let grant = world
        .tokens
        .refresh
        .get(value)
        .filter(|grant| grant.client_id == world.config.client.client_id)
        .cloned()
        .ok_or(TokenError::INVALID_REFRESH)?;
    match grant.status {
        RefreshStatus::Revoked => return Err(TokenError::INVALID_REFRESH),
        RefreshStatus::Rotated => return Err(TokenError::REFRESH_REVOKED),
        RefreshStatus::Valid => {}
    }
    let regime = world.config.client.refresh_regime;
    let lifetime = millis(world.config.refresh_token_lifetime);
    if regime == RefreshRegime::Current && now >= grant.first_authorized_ms.saturating_add(lifetime)
    {
        return Err(TokenError::REFRESH_EXPIRED);
    }
    let access_token = issue_access(world, &grant.user_id, &grant.scopes, now);
    let refresh_token = match regime {
        RefreshRegime::Current => None,
        RefreshRegime::Legacy => {
            if let Some(old) = world.tokens.refresh.get_mut(value) {
                old.status = RefreshStatus::Rotated;
            }
            Some(world.tokens.issue_refresh(RefreshGrant {
                status: RefreshStatus::Valid,
                ..grant.clone()
            }))
        }
    };
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        scope: grant.scopes.join(" "),
        expires_in: world.config.access_token_ttl.as_secs(),
        refresh_token,
    })
}

fn issue_access(world: &mut World, user_id: &str, scopes: &[String], now: u64) -> String {
    let expires_at_ms = now + millis(world.config.access_token_ttl);
    world.tokens.issue_access(AccessGrant {
        user_id: user_id.to_owned(),
        client_id: world.config.client.client_id.clone(),
        scopes: scopes.to_vec(),
        issued_at_ms: now,
        expires_at_ms,
    })
}
