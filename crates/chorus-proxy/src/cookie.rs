//! The refresh cookie of one tab: `chorus_rt_<session id>`, HttpOnly (no script reads it),
//! SameSite=Strict (no other site sends it), Path=/api/token (no other request carries it),
//! Secure when the app is served over https.

use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue};

use crate::session::SessionId;

const NAME_PREFIX: &str = "chorus_rt_";
const PATH: &str = "/api/token";

/// How the proxy writes its cookies.
#[derive(Debug, Clone)]
pub struct CookiePolicy {
    pub secure: bool,
    pub max_age: Duration,
}

impl CookiePolicy {
    fn attributes(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("Path={PATH}; HttpOnly; SameSite=Strict{secure}")
    }

    /// `Set-Cookie` storing a sealed refresh token for the tab.
    pub fn store(&self, session: &SessionId, sealed: &str) -> Option<HeaderValue> {
        let value = format!(
            "{}={sealed}; Max-Age={}; {}",
            name(session),
            self.max_age.as_secs(),
            self.attributes()
        );
        HeaderValue::from_str(&value).ok()
    }

    /// `Set-Cookie` that removes the tab's cookie.
    pub fn clear(&self, session: &SessionId) -> HeaderValue {
        let value = format!("{}=; Max-Age=0; {}", name(session), self.attributes());
        // Built only from the checked session id alphabet and fixed text.
        HeaderValue::from_str(&value)
            .unwrap_or_else(|_| HeaderValue::from_static("chorus_rt_=; Max-Age=0"))
    }
}

fn name(session: &SessionId) -> String {
    format!("{NAME_PREFIX}{}", session.as_str())
}

/// The tab's sealed value from the request's `Cookie` headers, if it sent one.
pub fn read<'h>(headers: &'h HeaderMap, session: &SessionId) -> Option<&'h str> {
    let wanted = name(session);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == wanted && !value.is_empty())
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab() -> SessionId {
        SessionId::parse("tab-one-0123456789").expect("valid")
    }

    #[test]
    fn the_stored_cookie_is_http_only_strict_and_scoped_to_the_token_routes() {
        let policy = CookiePolicy {
            secure: true,
            max_age: Duration::from_secs(60),
        };
        let cookie = policy.store(&tab(), "kid.sealed").expect("header");
        assert_eq!(
            cookie,
            "chorus_rt_tab-one-0123456789=kid.sealed; Max-Age=60; Path=/api/token; HttpOnly; SameSite=Strict; Secure"
        );
    }

    #[test]
    fn plain_http_cookies_are_not_marked_secure_and_clearing_expires_them() {
        let policy = CookiePolicy {
            secure: false,
            max_age: Duration::from_secs(60),
        };
        let cleared = policy.clear(&tab());
        assert_eq!(
            cleared,
            "chorus_rt_tab-one-0123456789=; Max-Age=0; Path=/api/token; HttpOnly; SameSite=Strict"
        );
    }

    #[test]
    fn only_the_tabs_own_cookie_is_read() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static(
                "chorus_rt_tab-two-0123456789=other; chorus_rt_tab-one-0123456789=mine",
            ),
        );
        assert_eq!(read(&headers, &tab()), Some("mine"));
        let other = SessionId::parse("tab-three-0123456789").expect("valid");
        assert_eq!(read(&headers, &other), None);
    }
}
