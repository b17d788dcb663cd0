//! The per-tab session id: every tab of the app makes one up (kept in `sessionStorage`) and sends
//! it in `X-Chorus-Session`, so that each tab's refresh token has its own cookie and several
//! people in one browser never share a Spotify session.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::error::ApiError;

/// The header that names the tab's session.
pub const SESSION_HEADER: &str = "x-chorus-session";

const MIN_LEN: usize = 16;
const MAX_LEN: usize = 64;

/// A checked session id: 16 to 64 characters of `[A-Za-z0-9_-]`, so it is safe inside a cookie
/// name and too long to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionId(String);

impl SessionId {
    pub fn parse(value: &str) -> Result<Self, ApiError> {
        let well_formed = (MIN_LEN..=MAX_LEN).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if well_formed {
            Ok(Self(value.to_owned()))
        } else {
            Err(ApiError::BadSession)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SessionId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(SESSION_HEADER).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(ApiError::MissingSession);
        };
        let value = value.to_str().map_err(|_| ApiError::BadSession)?;
        Self::parse(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_the_allowed_alphabet_and_length_are_accepted() {
        assert!(SessionId::parse("abcdefgh_IJKLMN-0123").is_ok());
        assert!(SessionId::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn short_long_or_odd_ids_are_refused() {
        for bad in [
            "short",
            &"a".repeat(65),
            "abcdefghijklmnop;",
            "abcdefgh ijklmnop",
            "ääääääääääääääää",
        ] {
            assert!(SessionId::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }
}
