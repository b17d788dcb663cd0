//! The HTML of the accounts service: a small dark consent page and the error page. No scripts,
//! no external resources: a plain form that POSTs to `/authorize/decision`.

use std::collections::HashSet;

use crate::catalogue::covers::escape;
use crate::catalogue::library::User;

/// The hidden fields that carry the authorize request through the form.
#[derive(Debug, Clone)]
pub struct CarriedParams<'a> {
    pub pairs: Vec<(&'a str, &'a str)>,
}

const STYLE: &str = "body{margin:0;min-height:100vh;display:grid;place-items:center;background:#121212;color:#e8e8e8;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif}main{width:min(30rem,92vw);background:#1e1e1e;border-radius:12px;padding:2rem;box-shadow:0 8px 32px #0008}h1{font-size:1.35rem;margin:0 0 .25rem}p.muted{color:#a7a7a7;margin-top:0}fieldset{border:1px solid #333;border-radius:8px;margin:1rem 0;padding:.75rem 1rem}legend{color:#a7a7a7;padding:0 .25rem}label{display:flex;gap:.6rem;align-items:center;padding:.3rem 0;cursor:pointer}input[type=text]{width:100%;box-sizing:border-box;background:#2a2a2a;color:inherit;border:1px solid #444;border-radius:6px;padding:.5rem}ul{margin:.25rem 0;padding-left:1.2rem}.actions{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.25rem}button{font:inherit;border:0;border-radius:999px;padding:.6rem 1.4rem;cursor:pointer}button.approve{background:#1ed760;color:#000;font-weight:700}button.deny{background:transparent;color:#e8e8e8;border:1px solid #555}:focus-visible{outline:2px solid #1ed760;outline-offset:2px}.badge{display:inline-block;font-size:.75rem;background:#333;border-radius:4px;padding:0 .4rem;margin-left:.4rem;color:#bbb}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

/// The account chooser and consent screen.
pub fn consent(
    client_id: &str,
    users: &[User],
    registered: &HashSet<String>,
    remembered: Option<&str>,
    scopes: &[String],
    carried: &CarriedParams<'_>,
) -> String {
    let hidden: String = carried
        .pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let default_user = remembered.or_else(|| users.first().map(|u| u.id.as_str()));
    let accounts: String = users
        .iter()
        .map(|user| {
            let checked = if Some(user.id.as_str()) == default_user { " checked" } else { "" };
            let product = match user.product {
                crate::catalogue::library::Product::Premium => "",
                crate::catalogue::library::Product::Free => "<span class=\"badge\">Free</span>",
            };
            // Development mode: the Web API refuses users outside the app's allowlist.
            let allowlist = if registered.contains(&user.id) {
                ""
            } else {
                "<span class=\"badge\">Not on the app's allowlist</span>"
            };
            format!(
                "<label><input type=\"radio\" name=\"user\" value=\"{id}\"{checked}> {name}{product}{allowlist}</label>",
                id = escape(&user.id),
                name = escape(&user.display_name),
            )
        })
        .collect();
    let scope_list: String = if scopes.is_empty() {
        "<li>See your public profile</li>".to_owned()
    } else {
        scopes
            .iter()
            .map(|s| format!("<li>{}</li>", escape(super::describe_scope(s))))
            .collect()
    };
    let body = format!(
        "<h1>Log in to Spotify Sandbox</h1><p class=\"muted\"><strong>{client}</strong> wants to use your account.</p>\
<form method=\"post\" action=\"/authorize/decision\">{hidden}\
<fieldset><legend>Choose an account</legend>{accounts}\
<label for=\"new_name\">Or a new Premium listener:</label><input type=\"text\" id=\"new_name\" name=\"new_name\" placeholder=\"Name\" autocomplete=\"off\"></fieldset>\
<fieldset><legend>It will be able to</legend><ul>{scope_list}</ul></fieldset>\
<div class=\"actions\"><button class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>\
<button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Agree</button></div></form>",
        client = escape(client_id),
    );
    document("Spotify Sandbox – Authorize", &body)
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
