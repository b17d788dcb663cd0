//! The HTML of the accounts service: login, sign-up, consent, logged-out and error pages. No
//! scripts, no external resources: plain forms.

use std::collections::HashSet;

use crate::catalogue::covers::escape;
use crate::catalogue::library::User;

/// The hidden fields that carry the authorize request through the form.
#[derive(Debug, Clone)]
pub struct CarriedParams<'a> {
    pub pairs: Vec<(&'a str, &'a str)>,
}

const STYLE: &str = "body{margin:0;min-height:100vh;display:grid;place-items:center;background:#121212;color:#e8e8e8;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif}main{width:min(30rem,92vw);background:#1e1e1e;border-radius:12px;padding:2rem;box-shadow:0 8px 32px #0008}h1{font-size:1.35rem;margin:0 0 .25rem}p.muted{color:#a7a7a7;margin-top:0}label{display:block;margin:.75rem 0 .25rem;color:#cfcfcf}input[type=password],input[type=text]{width:100%;box-sizing:border-box;background:#2a2a2a;color:inherit;border:1px solid #444;border-radius:6px;padding:.5rem}.error{background:#e91429;color:#fff;border-radius:6px;padding:.5rem .75rem}button.link{background:none;border:0;padding:0;color:#1ed760;text-decoration:underline;font:inherit}a{color:#1ed760}details{margin-top:1rem;color:#a7a7a7}ul.accounts{font-size:.9rem}fieldset{border:1px solid #333;border-radius:8px;margin:1rem 0;padding:.75rem 1rem}legend{color:#a7a7a7;padding:0 .25rem}ul{margin:.25rem 0;padding-left:1.2rem}.actions{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.25rem}button{font:inherit;border:0;border-radius:999px;padding:.6rem 1.4rem;cursor:pointer}button.approve{background:#1ed760;color:#000;font-weight:700}button.deny{background:transparent;color:#e8e8e8;border:1px solid #555}:focus-visible{outline:2px solid #1ed760;outline-offset:2px}.badge{display:inline-block;font-size:.75rem;background:#333;border-radius:4px;padding:0 .4rem;margin-left:.4rem;color:#bbb}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

fn hidden_fields(carried: &CarriedParams<'_>) -> String {
    carried
        .pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            )
        })
        .collect()
}

/// The consent screen for the browser's login: "Logged in as NAME · Not you?", what the app may
/// do, Agree / Cancel. "Not you?" is a form of its own (forms do not nest).
pub fn consent(
    client_id: &str,
    user: &User,
    form_token: &str,
    scopes: &[String],
    carried: &CarriedParams<'_>,
    continue_to: &str,
) -> String {
    let scope_list: String = if scopes.is_empty() {
        "<li>See your public profile</li>".to_owned()
    } else {
        scopes
            .iter()
            .map(|s| format!("<li>{}</li>", escape(super::describe_scope(s))))
            .collect()
    };
    let body = format!(
        "<h1>Spotify Sandbox</h1><p class=\"muted\"><strong>{client}</strong> wants to use your account.</p>\
<p id=\"logged-in-as\" data-user=\"{id}\">Logged in as <strong>{name}</strong>. \
<button id=\"not-you\" class=\"link\" type=\"submit\" form=\"not-you-form\">Not you?</button></p>\
<form id=\"not-you-form\" method=\"post\" action=\"/authorize/not-you\"><input type=\"hidden\" name=\"continue\" value=\"{continue_to}\"></form>\
<form method=\"post\" action=\"/authorize/decision\">{hidden}<input type=\"hidden\" name=\"login\" value=\"{token}\">\
<fieldset><legend>It will be able to</legend><ul>{scope_list}</ul></fieldset>\
<div class=\"actions\"><button id=\"cancel\" class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>\
<button id=\"agree\" class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Agree</button></div></form>",
        client = escape(client_id),
        id = escape(&user.id),
        name = escape(&user.display_name),
        continue_to = escape(continue_to),
        token = escape(form_token),
        hidden = hidden_fields(carried),
    );
    document("Spotify Sandbox – Authorize", &body)
}

/// What the login page needs to know about the sandbox's accounts, for its hint list.
#[derive(Debug, Clone, Copy)]
pub struct Accounts<'a> {
    pub users: &'a [User],
    pub registered: &'a HashSet<String>,
}

/// The login form: email or username and password. `error` is Spotify's refusal wording;
/// `username` refills the field after a refusal. Below it, the seeded accounts and their
/// passwords (this is a sandbox), with what the Web API will make of each.
pub fn login(
    continue_to: &str,
    error: Option<&str>,
    username: &str,
    accounts: Accounts<'_>,
) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p id=\"login-error\" class=\"error\" role=\"alert\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default();
    let seeded: String = accounts
        .users
        .iter()
        .map(|user| {
            let product = match user.product {
                crate::catalogue::library::Product::Premium => "",
                crate::catalogue::library::Product::Free => "<span class=\"badge\">Free</span>",
            };
            // Development mode: the Web API refuses users outside the app's allowlist.
            let allowlist = if accounts.registered.contains(&user.id) {
                ""
            } else {
                "<span class=\"badge\">Not on the app's allowlist</span>"
            };
            format!(
                "<li><code>{id}</code> · <code>{password}</code> — {name}{product}{allowlist}</li>",
                id = escape(&user.id),
                password = escape(&user.password),
                name = escape(&user.display_name),
            )
        })
        .collect();
    let body = format!(
        "<h1>Log in to Spotify Sandbox</h1>{error}\
<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"continue\" value=\"{continue_to}\">\
<label for=\"login-username\">Email or username</label><input type=\"text\" id=\"login-username\" name=\"username\" value=\"{username}\" autocomplete=\"username\" autocapitalize=\"off\" spellcheck=\"false\">\
<label for=\"login-password\">Password</label><input type=\"password\" id=\"login-password\" name=\"password\" autocomplete=\"current-password\">\
<div class=\"actions\"><button id=\"login-button\" class=\"approve\" type=\"submit\">Log In</button></div></form>\
<p class=\"muted\">Don't have an account? <a id=\"sign-up\" href=\"/signup?continue={continue_query}\">Sign up for Spotify Sandbox</a></p>\
<details><summary>Sandbox accounts</summary><ul class=\"accounts\">{seeded}</ul></details>",
        continue_to = escape(continue_to),
        continue_query = escape(&query_value(continue_to)),
        username = escape(username),
    );
    document("Login - Spotify Sandbox", &body)
}

/// The sign-up form: a new Premium listener (outside the development-mode allowlist once it is
/// full, which is how a test meets "User not registered in the Developer Dashboard").
pub fn signup(continue_to: &str, error: Option<&str>, display_name: &str) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p id=\"signup-error\" class=\"error\" role=\"alert\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign up for Spotify Sandbox</h1>{error}\
<form method=\"post\" action=\"/signup\"><input type=\"hidden\" name=\"continue\" value=\"{continue_to}\">\
<label for=\"new_name\">What should we call you?</label><input type=\"text\" id=\"new_name\" name=\"display_name\" value=\"{display_name}\" autocomplete=\"off\">\
<label for=\"new_password\">Create a password</label><input type=\"password\" id=\"new_password\" name=\"password\" autocomplete=\"new-password\">\
<div class=\"actions\"><button id=\"signup-button\" class=\"approve\" type=\"submit\">Sign up</button></div></form>\
<p class=\"muted\">Have an account? <a href=\"/login?continue={continue_query}\">Log in</a></p>",
        continue_to = escape(continue_to),
        continue_query = escape(&query_value(continue_to)),
        display_name = escape(display_name),
    );
    document("Sign up - Spotify Sandbox", &body)
}

/// After `/logout`: the browser's login ended; nothing sends it back to an app.
pub fn logged_out() -> String {
    document(
        "Logged out - Spotify Sandbox",
        "<h1 id=\"logged-out\">You are logged out of Spotify Sandbox</h1><p class=\"muted\">Apps you connected keep working until you remove their access.</p><p><a href=\"/login\">Log in again</a></p>",
    )
}

/// `/status`: who this browser is logged in as (where a login without `continue` lands).
pub fn status(user: &User) -> String {
    document(
        "Spotify Sandbox",
        &format!(
            "<h1>Spotify Sandbox</h1><p id=\"logged-in-as\" data-user=\"{id}\">Logged in as <strong>{name}</strong>.</p><p><a href=\"/logout\">Log out</a></p>",
            id = escape(&user.id),
            name = escape(&user.display_name),
        ),
    )
}

fn query_value(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The page shown when the request cannot be redirected back (e.g. `INVALID_CLIENT: Invalid redirect URI`).
pub fn error(message: &str) -> String {
    document(
        "Error",
        &format!(
            "<h1>Oops! Something went wrong</h1><p id=\"error\">{}</p>",
            escape(message)
        ),
    )
}
