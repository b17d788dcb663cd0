//! `GET /authorize` and the consent form's `POST /authorize/decision` (contract §1, "Authorize"
//! and "One Spotify login per browser").

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use url::Url;

use super::login;
use super::page::{self, CarriedParams};
use super::redirect::is_registered;
use super::store::PendingCode;
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

/// The consent form: the authorize request, the login it was shown for, and the answer.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    client_id: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    code_challenge_method: Option<String>,
    code_challenge: Option<String>,
    login: Option<String>,
    decision: Option<String>,
}

impl DecisionForm {
    fn params(&self) -> AuthorizeParams {
        AuthorizeParams {
            client_id: self.client_id.clone(),
            response_type: self.response_type.clone(),
            redirect_uri: self.redirect_uri.clone(),
            state: self.state.clone(),
            scope: self.scope.clone(),
            code_challenge_method: self.code_challenge_method.clone(),
            code_challenge: self.code_challenge.clone(),
            // Shown again (after a login changed under the page), the screen must be shown.
            show_dialog: Some("true".to_owned()),
        }
    }
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

/// `/authorize?…` with these parameters: where the login form continues to.
fn authorize_path(params: &AuthorizeParams) -> String {
    let mut pairs = params.carried().pairs;
    if let Some(show_dialog) = params.show_dialog.as_deref() {
        pairs.push(("show_dialog", show_dialog));
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("/authorize?{query}")
}

/// Issues a code for `user_id`, remembers the grant, and redirects back with the code.
fn approve(world: &mut World, valid: Valid, user_id: &str) -> Response {
    let expires_at_ms = world.now_ms() + millis(world.config.authorization_code_ttl);
    world.logins.grant(user_id, &valid.client_id, &valid.scopes);
    let code = world.tokens.issue_code(PendingCode {
        client_id: valid.client_id,
        user_id: user_id.to_owned(),
        redirect_uri: valid.redirect_uri.clone(),
        scopes: valid.scopes,
        code_challenge: valid.code_challenge,
        expires_at_ms,
    });
    tracing::info!(user_id, redirect_uri = %valid.redirect_uri, "authorization approved");
    redirect_back(
        &valid.redirect_uri,
        &[("code", &code)],
        valid.state.as_deref(),
    )
}

/// `GET /authorize`: to the login form when this browser is not logged in; straight back to the
/// app when the account already granted these scopes and `show_dialog` is not `true`; else the
/// consent screen for the logged-in account.
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
        let continue_to = authorize_path(&params);
        let Some(login) = login::current(world, &headers) else {
            return login::to_login_form(&continue_to);
        };
        let force_dialog = params.show_dialog.as_deref() == Some("true");
        if !force_dialog
            && world
                .logins
                .has_granted(&login.user_id, &valid.client_id, &valid.scopes)
        {
            return approve(world, valid, &login.user_id);
        }
        let Some(user) = world.library.user(&login.user_id) else {
            return login::to_login_form(&continue_to);
        };
        Html(page::consent(
            &valid.client_id,
            user,
            &login.form_token,
            &valid.scopes,
            &params.carried(),
            &continue_to,
        ))
        .into_response()
    })
}

/// `POST /authorize/decision`: Agree (a code for the browser's login, whoever clicks) or Cancel.
pub async fn decide(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Form(form): Form<DecisionForm>,
) -> Response {
    let params = form.params();
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
        let continue_to = authorize_path(&params);
        let Some(login) = login::current(world, &headers) else {
            return login::to_login_form(&continue_to);
        };
        // The page was shown for an earlier login of this browser: show it for this one.
        if form.login.as_deref() != Some(login.form_token.as_str()) {
            return login::see_other(&continue_to);
        }
        approve(world, valid, &login.user_id)
    })
}
