//! The refresh cookie of one tab: named `chorus_rt_<keyed hash of the session id>` (sealing.rs),
//! HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/api/token (no
//! other request carries it), Secure when the app is served over https.
//!
//! Its life (README "The cookie"): the server refuses a cookie whose sign-in is older than
//! `max_age` (absolute) or whose last refresh is older than `idle` (sliding); the browser keeps
//! it `Max-Age` = the idle limit (never past the absolute one), renewed by every refresh, so a
//! closed tab's cookie expires by itself while a reload keeps its session.

use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue};
use chorus_core::protocol::TOKEN_ROUTES;

use crate::sealing::SealedSession;

/// How the proxy writes and ages its cookies.
#[derive(Debug, Clone)]
pub struct CookiePolicy {
    pub secure: bool,
    /// Longest time from sign-in (`--cookie-max-age-days`).
    pub max_age: Duration,
    /// Longest time without a refresh (`--cookie-idle-days`); also the cookie's Max-Age.
    pub idle: Duration,
}

/// Why an opened cookie is too old to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TooOld {
    #[error("signed in longer ago than --cookie-max-age-days")]
    SignedInTooLongAgo,
    #[error("not refreshed for longer than --cookie-idle-days")]
    Idle,
}

impl CookiePolicy {
    fn attributes(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("Path={TOKEN_ROUTES}; HttpOnly; SameSite=Strict{secure}")
    }

    /// Refuses a session past either limit at `now` (Unix seconds).
    pub fn check(&self, session: &SealedSession, now: u64) -> Result<(), TooOld> {
        if now.saturating_sub(session.signed_in_at) > self.max_age.as_secs() {
            Err(TooOld::SignedInTooLongAgo)
        } else if now.saturating_sub(session.refreshed_at) > self.idle.as_secs() {
            Err(TooOld::Idle)
        } else {
            Ok(())
        }
    }

    /// The Max-Age of a cookie written at `now` for a session signed in at `signed_in_at`: the
    /// idle limit, cut to what is left of the absolute one.
    pub fn max_age_secs(&self, signed_in_at: u64, now: u64) -> u64 {
        let left = self
            .max_age
            .as_secs()
            .saturating_sub(now.saturating_sub(signed_in_at));
        self.idle.as_secs().min(left)
    }

    /// `Set-Cookie` storing a sealed session under `name` for `max_age_secs`.
    pub fn store(&self, name: &str, sealed: &str, max_age_secs: u64) -> Option<HeaderValue> {
        let value = format!(
            "{name}={sealed}; Max-Age={max_age_secs}; {}",
            self.attributes()
        );
        HeaderValue::from_str(&value).ok()
    }

    /// `Set-Cookie` that removes the cookie `name`.
    pub fn clear(&self, name: &str) -> HeaderValue {
        let value = format!("{name}=; Max-Age=0; {}", self.attributes());
        // Names are `chorus_rt_` + base64url; the rest is fixed text.
        HeaderValue::from_str(&value)
            .unwrap_or_else(|_| HeaderValue::from_static("chorus_rt_=; Max-Age=0"))
    }
}

/// Every `(name, value)` the request carries under any of `names`, in the order sent. A
/// browser sends several cookies of one name when they were set with different paths (the
/// narrower first); each is tried.
pub fn read_all<'h>(headers: &'h HeaderMap, names: &[String]) -> Vec<(&'h str, &'h str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, value)| !value.is_empty() && names.iter().any(|n| n == name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::RefreshToken;

    const TAB: &str = "chorus_rt_tab-one-0123456789";

    fn policy(secure: bool) -> CookiePolicy {
        CookiePolicy {
            secure,
            max_age: Duration::from_secs(30 * 86_400),
            idle: Duration::from_secs(7 * 86_400),
        }
    }

    fn session(signed_in_at: u64, refreshed_at: u64) -> SealedSession {
        SealedSession {
            refresh_token: RefreshToken::new("rt"),
            signed_in_at,
            refreshed_at,
        }
    }

    #[test]
    fn the_stored_cookie_is_http_only_strict_and_scoped_to_the_token_routes() {
        let cookie = policy(true).store(TAB, "kid.sealed", 60).expect("header");
        assert_eq!(
            cookie,
            "chorus_rt_tab-one-0123456789=kid.sealed; Max-Age=60; Path=/api/token; HttpOnly; SameSite=Strict; Secure"
        );
    }

    #[test]
    fn plain_http_cookies_are_not_marked_secure_and_clearing_expires_them() {
        let cleared = policy(false).clear(TAB);
        assert_eq!(
            cleared,
            "chorus_rt_tab-one-0123456789=; Max-Age=0; Path=/api/token; HttpOnly; SameSite=Strict"
        );
    }

    #[test]
    fn only_the_tabs_own_cookies_are_read_every_one_of_its_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static(
                "chorus_rt_tab-two-0123456789=other; chorus_rt_tab-one-0123456789=narrow; \
                 chorus_rt_tab-one-0123456789=mine",
            ),
        );
        assert_eq!(
            read_all(&headers, &[TAB.to_owned()]),
            vec![(TAB, "narrow"), (TAB, "mine")]
        );
        assert!(read_all(&headers, &["chorus_rt_x".to_owned()]).is_empty());
    }

    #[test]
    fn a_cookie_is_refused_past_the_absolute_age_or_the_idle_limit() {
        let policy = policy(false);
        let day = 86_400;
        assert_eq!(policy.check(&session(0, 0), 7 * day), Ok(()));
        assert_eq!(policy.check(&session(0, 0), 7 * day + 1), Err(TooOld::Idle));
        assert_eq!(policy.check(&session(0, 25 * day), 30 * day), Ok(()));
        assert_eq!(
            policy.check(&session(0, 30 * day), 30 * day + 1),
            Err(TooOld::SignedInTooLongAgo)
        );
    }

    #[test]
    fn max_age_is_the_idle_limit_but_never_past_the_absolute_one() {
        let policy = policy(false);
        let day = 86_400;
        assert_eq!(policy.max_age_secs(0, 0), 7 * day);
        assert_eq!(policy.max_age_secs(0, 20 * day), 7 * day);
        assert_eq!(policy.max_age_secs(0, 27 * day), 3 * day);
        assert_eq!(policy.max_age_secs(0, 31 * day), 0);
    }
}
