//! The accounts service's memory of browsers (contract §1, "One Spotify login per browser"): one
//! login session per browser, named by an opaque id in a cookie on the sandbox origin and shared by
//! every tab, and the scopes each account already granted each client (so `/authorize` without
//! `show_dialog=true` can send the browser straight back).
//!
//! Ending a login forgets the session only: tokens already issued stay valid.

use std::collections::{HashMap, HashSet};

use axum::http::{header, HeaderMap, HeaderValue};

use crate::rng::SplitMix64;

/// The login cookie. Spotify's is `sp_dc`; the name also keeps clear of the proxy's `chorus_rt_*`
/// cookies, which browsers send to every port of `127.0.0.1` alike.
pub const LOGIN_COOKIE: &str = "sp_dc";

/// One browser's login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub user_id: String,
    /// Carried by the consent form: an answer given on a page shown for an earlier login of this
    /// browser (another tab chose "Not you?" meanwhile) is not taken for the current one.
    pub form_token: String,
}

/// Every browser's login, and every grant.
#[derive(Debug, Clone)]
pub struct Logins {
    sessions: HashMap<String, Login>,
    /// `(user_id, client_id)` → every scope the account has agreed to give the client.
    grants: HashMap<(String, String), HashSet<String>>,
    mint: SplitMix64,
}

impl Logins {
    pub fn new(seed: u64) -> Self {
        Self {
            sessions: HashMap::new(),
            grants: HashMap::new(),
            mint: SplitMix64::new(seed),
        }
    }

    /// Starts a login for `user_id`; returns the session id the cookie carries.
    pub fn start(&mut self, user_id: &str) -> String {
        let id = self.mint.base62(40);
        let form_token = self.mint.base62(24);
        self.sessions.insert(
            id.clone(),
            Login {
                user_id: user_id.to_owned(),
                form_token,
            },
        );
        id
    }

    pub fn get(&self, session_id: &str) -> Option<&Login> {
        self.sessions.get(session_id)
    }

    /// Ends one browser's login (tokens it led to are untouched).
    pub fn end(&mut self, session_id: &str) -> Option<Login> {
        self.sessions.remove(session_id)
    }

    /// The user ids logged in, one entry a browser (for `/_sandbox/state`).
    pub fn logged_in(&self) -> Vec<String> {
        let mut users: Vec<String> = self.sessions.values().map(|l| l.user_id.clone()).collect();
        users.sort();
        users
    }

    pub fn grant(&mut self, user_id: &str, client_id: &str, scopes: &[String]) {
        self.grants
            .entry((user_id.to_owned(), client_id.to_owned()))
            .or_default()
            .extend(scopes.iter().cloned());
    }

    /// Whether the account already agreed to give the client every one of `scopes`.
    pub fn has_granted(&self, user_id: &str, client_id: &str, scopes: &[String]) -> bool {
        self.grants
            .get(&(user_id.to_owned(), client_id.to_owned()))
            .is_some_and(|granted| scopes.iter().all(|s| granted.contains(s)))
    }
}

/// The session id in the request's login cookie, if any.
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOGIN_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// `Set-Cookie` that logs this browser in (a session cookie, as Spotify's is for the page flow).
pub fn set_cookie(session_id: &str) -> Option<HeaderValue> {
    format!("{LOGIN_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax")
        .parse()
        .ok()
}

/// `Set-Cookie` that ends this browser's login.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("sp_dc=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(list: &str) -> Vec<String> {
        list.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_grant_covers_the_same_scopes_and_fewer_but_not_more() {
        let mut logins = Logins::new(1);
        logins.grant("alice", "app", &scopes("streaming user-read-private"));
        assert!(logins.has_granted("alice", "app", &scopes("user-read-private streaming")));
        assert!(logins.has_granted("alice", "app", &scopes("streaming")));
        assert!(!logins.has_granted("alice", "app", &scopes("streaming user-top-read")));
        assert!(!logins.has_granted("bruno", "app", &scopes("streaming")));
        assert!(!logins.has_granted("alice", "other", &scopes("streaming")));
    }

    #[test]
    fn an_ended_login_is_forgotten_and_ids_differ() {
        let mut logins = Logins::new(2);
        let first = logins.start("alice");
        let second = logins.start("alice");
        assert_ne!(first, second);
        assert_eq!(
            logins.end(&first).map(|l| l.user_id),
            Some("alice".to_owned())
        );
        assert!(logins.get(&first).is_none());
        assert!(logins.get(&second).is_some());
    }

    #[test]
    fn the_login_cookie_is_read_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("chorus_rt_x=1; sp_dc=abc; other=2"),
        );
        assert_eq!(session_id(&headers).as_deref(), Some("abc"));
        assert_eq!(
            clear_cookie()
                .to_str()
                .ok()
                .map(|c| c.starts_with(LOGIN_COOKIE)),
            Some(true)
        );
    }
}
