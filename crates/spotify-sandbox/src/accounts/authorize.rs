//! `GET /authorize` and the consent form's `POST /authorize/decision`.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use url::Url;

use super::page::{self, CarriedParams};
use super::redirect::is_registered;
use super::store::PendingCode;
use super::REMEMBERED_USER_COOKIE;
use crate::clock::millis;
use crate::state::{Sandbox, World};

/// The query of `/authorize`, also carried through the consent form as hidden fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuthorizeParams {
    client_id: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    code_challenge_method: Option<String>,
    code_challenge: Option<String>,
    show_dialog: Option<String>,
}

impl AuthorizeParams {
    fn carried(&self) -> CarriedParams<'_> {
        let fields = [
            ("client_id", &self.client_id),
            ("response_type", &self.response_type),
            ("redirect_uri", &self.redirect_uri),
            ("state", &self.state),
            ("scope", &self.scope),
            ("code_challenge_method", &self.code_challenge_method),
            ("code_challenge", &self.code_challenge),
        ];
        CarriedParams {
            pairs: fields
                .into_iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
                .collect(),
        }
    }

    fn scopes(&self) -> Vec<String> {
        self.scope
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }
}

/// The consent form: the authorize request plus the person's choice.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    client_id: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    code_challenge_method: Option<String>,
    code_challenge: Option<String>,
    user: Option<String>,
    new_name: Option<String>,
    decision: Option<String>,
}

/// A request that passed every check: where to send the person back, and what to remember.
struct Valid {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    scopes: Vec<String>,
    code_challenge: Option<String>,
}

fn error_page(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Html(page::error(message))).into_response()
}

/// `REDIRECT_URI?key=value&…&state=…`.
fn redirect_back(redirect_uri: &str, pairs: &[(&str, &str)], state: Option<&str>) -> Response {
    let Ok(mut url) = Url::parse(redirect_uri) else {
        return error_page("INVALID_CLIENT: Invalid redirect URI");
    };
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    // Spotify answers the redirect back to the app with a 302.
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}

/// Why an authorize request is refused: before the redirect URI is trusted, an error page;
/// after, an `?error=` redirect back to the app.
#[derive(Debug)]
enum Refusal {
    Page(&'static str),
    Redirect {
        redirect_uri: String,
        error: &'static str,
        state: Option<String>,
    },
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::Page(message) => error_page(message),
            Self::Redirect {
                redirect_uri,
                error,
                state,
            } => redirect_back(&redirect_uri, &[("error", error)], state.as_deref()),
        }
    }
}

/// Checks the request in Spotify's order.
fn validate(world: &World, params: &AuthorizeParams) -> Result<Valid, Refusal> {
    let client = &world.config.client;
    if params.client_id.as_deref() != Some(client.client_id.as_str()) {
        return Err(Refusal::Page("INVALID_CLIENT: Invalid client"));
    }
    let redirect_uri = match params.redirect_uri.as_deref() {
        Some(uri) if is_registered(&client.redirect_uris, uri) => uri.to_owned(),
        _ => return Err(Refusal::Page("INVALID_CLIENT: Invalid redirect URI")),
    };
    let fail = |error: &'static str| Refusal::Redirect {
        redirect_uri: redirect_uri.clone(),
        error,
        state: params.state.clone(),
    };
    if params.response_type.as_deref() != Some("code") {
        return Err(fail("unsupported_response_type"));
    }
    let code_challenge = match (
        params.code_challenge_method.as_deref(),
        params.code_challenge.as_deref(),
    ) {
        (Some("S256"), Some(challenge)) if !challenge.is_empty() => Some(challenge.to_owned()),
        (None, None) if client.client_secret.is_some() => None,
        _ => return Err(fail("invalid_request")),
    };
    Ok(Valid {
        client_id: client.client_id.clone(),
        redirect_uri,
        state: params.state.clone(),
        scopes: params.scopes(),
        code_challenge,
    })
}

fn remembered_user(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == REMEMBERED_USER_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// Issues a code for `user_id` and redirects back with it.
fn approve(world: &mut World, valid: Valid, user_id: &str) -> Response {
    let expires_at_ms = world.now_ms() + millis(world.config.authorization_code_ttl);
    let code = world.tokens.issue_code(PendingCode {
        client_id: valid.client_id,
        user_id: user_id.to_owned(),
        redirect_uri: valid.redirect_uri.clone(),
        scopes: valid.scopes,
        code_challenge: valid.code_challenge,
        expires_at_ms,
    });
    tracing::info!(user_id, redirect_uri = %valid.redirect_uri, "authorization approved");
    let mut response = redirect_back(
        &valid.redirect_uri,
        &[("code", &code)],
        valid.state.as_deref(),
    );
    let cookie = format!("{REMEMBERED_USER_COOKIE}={user_id}; Path=/; HttpOnly; SameSite=Lax");
    if let Ok(value) = cookie.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `GET /authorize`: the consent page, or straight back to the app when this browser already
/// approved and `show_dialog` is not `true`.
pub async fn show(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    sandbox.update(|world| {
        let valid = match validate(world, &params) {
            Ok(valid) => valid,
            Err(refusal) => return refusal.into_response(),
        };
        let remembered = remembered_user(&headers).filter(|id| world.library.user(id).is_some());
        let force_dialog = params.show_dialog.as_deref() == Some("true");
        if let (Some(user_id), false) = (&remembered, force_dialog) {
            return approve(world, valid, user_id);
        }
        Html(page::consent(
            &valid.client_id,
            &world.library.users,
            &world.allowlist,
            remembered.as_deref(),
            &valid.scopes,
            &params.carried(),
        ))
        .into_response()
    })
}

/// `POST /authorize/decision`: Agree (with a chosen or new user) or Cancel.
pub async fn decide(State(sandbox): State<Sandbox>, Form(form): Form<DecisionForm>) -> Response {
    let params = AuthorizeParams {
        client_id: form.client_id,
        response_type: form.response_type,
        redirect_uri: form.redirect_uri,
        state: form.state,
        scope: form.scope,
        code_challenge_method: form.code_challenge_method,
        code_challenge: form.code_challenge,
        show_dialog: None,
    };
    sandbox.update(|world| {
        let valid = match validate(world, &params) {
            Ok(valid) => valid,
            Err(refusal) => return refusal.into_response(),
        };
        if form.decision.as_deref() != Some("approve") {
            return redirect_back(
                &valid.redirect_uri,
                &[("error", "access_denied")],
                valid.state.as_deref(),
            );
        }
        let new_name = form
            .new_name
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty());
        let user_id = match (new_name, form.user.as_deref()) {
            (Some(name), _) => match world.library.user_by_name(name) {
                Some(existing) => existing.id.clone(),
                None => world.create_user(name),
            },
            (None, Some(id)) if world.library.user(id).is_some() => id.to_owned(),
            _ => return error_page("Choose an account or type a name."),
        };
        approve(world, valid, &user_id)
    })
}
