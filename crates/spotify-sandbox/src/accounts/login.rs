//! The browser's login to the accounts service (contract §1, "One Spotify login per browser"):
//! `GET/POST /login`, `GET/POST /signup`, `POST /authorize/not-you`, `GET /logout`, `GET /status`.
//!
//! A login is a session cookie on the sandbox origin, shared by every tab of the browser. Ending
//! it ("Not you?", `/logout`) never revokes tokens already issued.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::page;
use super::session::{self, Login};
use crate::state::{Sandbox, World};

/// Where a login without `continue` lands.
const STATUS_PATH: &str = "/status";

/// Spotify's refusal of a wrong username or password.
pub const INCORRECT_CREDENTIALS: &str = "Incorrect username or password.";

/// The browser's current login, if its cookie names one of an existing user.
pub fn current(world: &World, headers: &HeaderMap) -> Option<Login> {
    let id = session::session_id(headers)?;
    world
        .logins
        .get(&id)
        .filter(|login| world.library.user(&login.user_id).is_some())
        .cloned()
}

/// `continue` only ever leads to a path of this origin (never an open redirect).
fn local_path(continue_to: Option<&str>) -> &str {
    continue_to
        .filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .unwrap_or(STATUS_PATH)
}

/// A 302 to a path of this origin.
pub fn see_other(path: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, path.to_owned())]).into_response()
}

/// A 302 to the login form, which continues to `continue_to` once logged in.
pub fn to_login_form(continue_to: &str) -> Response {
    let query: String = url::form_urlencoded::byte_serialize(continue_to.as_bytes()).collect();
    see_other(&format!("/login?continue={query}"))
}

fn login_page(world: &World, continue_to: &str, error: Option<&str>, username: &str) -> Response {
    Html(page::login(
        continue_to,
        error,
        username,
        page::Accounts {
            users: &world.library.users,
            registered: &world.allowlist,
        },
    ))
    .into_response()
}

/// Ends this browser's login (if any) and starts one for `user_id`; then on to `continue_to`.
fn log_in(world: &mut World, headers: &HeaderMap, user_id: &str, continue_to: &str) -> Response {
    if let Some(previous) = session::session_id(headers) {
        world.logins.end(&previous);
    }
    let session_id = world.logins.start(user_id);
    tracing::info!(user_id, "logged in to the accounts service");
    let mut response = see_other(continue_to);
    if let Some(cookie) = session::set_cookie(&session_id) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Ends this browser's login; the response clears the cookie.
fn log_out(world: &mut World, headers: &HeaderMap, mut response: Response) -> Response {
    if let Some(id) = session::session_id(headers) {
        if let Some(ended) = world.logins.end(&id) {
            tracing::info!(user_id = %ended.user_id, "logged out of the accounts service");
        }
    }
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::clear_cookie());
    response
}

#[derive(Debug, Default, Deserialize)]
pub struct ContinueQuery {
    #[serde(rename = "continue")]
    continue_to: Option<String>,
}

/// `GET /login?continue=PATH`: the login form.
pub async fn form(State(sandbox): State<Sandbox>, Query(query): Query<ContinueQuery>) -> Response {
    let continue_to = local_path(query.continue_to.as_deref()).to_owned();
    sandbox.read(|world| login_page(world, &continue_to, None, ""))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(rename = "continue")]
    continue_to: Option<String>,
}

/// `POST /login`: a right username (or email) and password log this browser in.
pub async fn submit(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let continue_to = local_path(form.continue_to.as_deref()).to_owned();
    sandbox.update(|world| {
        let user_id = world
            .library
            .user_by_login(&form.username)
            .filter(|user| bool::from(user.password.as_bytes().ct_eq(form.password.as_bytes())))
            .map(|user| user.id.clone());
        match user_id {
            Some(user_id) => log_in(world, &headers, &user_id, &continue_to),
            None => login_page(
                world,
                &continue_to,
                Some(INCORRECT_CREDENTIALS),
                form.username.trim(),
            ),
        }
    })
}

/// `GET /signup?continue=PATH`: the sign-up form.
pub async fn signup_form(Query(query): Query<ContinueQuery>) -> Response {
    let continue_to = local_path(query.continue_to.as_deref());
    Html(page::signup(continue_to, None, "")).into_response()
}

#[derive(Debug, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(rename = "continue")]
    continue_to: Option<String>,
}

/// `POST /signup`: a new Premium listener, logged in at once. The development-mode allowlist is
/// not changed, so with the default five registered users the Web API refuses the newcomer.
pub async fn signup(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Response {
    let continue_to = local_path(form.continue_to.as_deref()).to_owned();
    let name = form.display_name.trim();
    let refuse = |error: &str| Html(page::signup(&continue_to, Some(error), name)).into_response();
    if name.is_empty() {
        return refuse("Enter a name for your profile.");
    }
    if form.password.is_empty() {
        return refuse("Enter a password to continue.");
    }
    sandbox.update(|world| {
        if world.library.user_by_name(name).is_some() {
            return refuse("This name is already taken. Log in instead.");
        }
        let user_id = world.create_user(name, &form.password);
        log_in(world, &headers, &user_id, &continue_to)
    })
}

#[derive(Debug, Deserialize)]
pub struct NotYouForm {
    #[serde(rename = "continue")]
    continue_to: Option<String>,
}

/// `POST /authorize/not-you`: ends the browser's login (for every tab) and shows the login form,
/// which continues to the authorize request.
pub async fn not_you(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Form(form): Form<NotYouForm>,
) -> Response {
    let continue_to = local_path(form.continue_to.as_deref()).to_owned();
    sandbox.update(|world| log_out(world, &headers, to_login_form(&continue_to)))
}

/// `GET /logout`: ends the browser's login and says so. Like Spotify's, it sends nobody back to
/// an app.
pub async fn logout(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Response {
    sandbox.update(|world| log_out(world, &headers, Html(page::logged_out()).into_response()))
}

/// `GET /status`: who this browser is logged in as.
pub async fn status(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Response {
    sandbox.read(|world| {
        let user = current(world, &headers).and_then(|login| world.library.user(&login.user_id));
        match user {
            Some(user) => Html(page::status(user)).into_response(),
            None => to_login_form(STATUS_PATH),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_never_leaves_the_origin() {
        assert_eq!(local_path(Some("/authorize?x=1")), "/authorize?x=1");
        assert_eq!(local_path(Some("//evil.example/")), STATUS_PATH);
        assert_eq!(local_path(Some("https://evil.example/")), STATUS_PATH);
        assert_eq!(local_path(Some("/\\evil.example")), STATUS_PATH);
        assert_eq!(local_path(None), STATUS_PATH);
    }
}
