//! Secret newtypes (style principle 4, after oauth2-rs `new_secret_type!`): `Debug` prints
//! the type name only, the value comes out through an explicit `.secret()`, and types whose
//! reuse is a bug (a single-use code or verifier, a rotating refresh token) are not `Clone`.
//! `CsrfState` compares in constant time (RFC 6749 §10.12 CSRF protection).

use std::fmt;

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself: call it only where the value leaves for its destination.
            pub fn secret(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }
    };
}

secret_type!(
    /// A bearer token for the Web API and the SDK's `getOAuthToken`. Cloning is fine: it is
    /// handed out many times until it expires.
    #[derive(Clone)]
    AccessToken
);
secret_type!(
    /// A refresh token. Not `Clone`: under legacy rotation a second use of the same token
    /// revokes the chain (contract §1).
    RefreshToken
);
secret_type!(
    /// An authorization code from the callback: single use (contract §1).
    AuthorizationCode
);
secret_type!(
    /// The PKCE code verifier (RFC 7636 §4.1); built by `auth::pkce`, sent once.
    CodeVerifier
);
secret_type!(
    /// The `state` sent to `/authorize` and expected back on the callback (CSRF protection).
    CsrfState
);

impl CsrfState {
    /// Compares the state that came back with the one sent, in constant time so that the
    /// comparison leaks nothing about how many leading characters matched. (A length
    /// mismatch returns early; every state Chorus makes has the same length, so that
    /// reveals nothing either.)
    pub fn matches(&self, returned: &str) -> bool {
        self.0.as_bytes().ct_eq(returned.as_bytes()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_value() {
        let token = AccessToken::new("BQD-super-secret");
        let refresh = RefreshToken::new("AQC-refresh-secret");
        let printed = format!(
            "{token:?} {refresh:?} {:?}",
            CodeVerifier::new("verifier-x")
        );
        assert!(!printed.contains("secret"), "leaked: {printed}");
        assert!(printed.contains("AccessToken([redacted])"));
        assert_eq!(token.secret(), "BQD-super-secret");
    }

    #[test]
    fn state_comparison_accepts_only_the_exact_value() {
        let state = CsrfState::new("abc123");
        assert!(state.matches("abc123"));
        assert!(!state.matches("abc124"));
        assert!(!state.matches("abc12"));
        assert!(!state.matches(""));
    }

    #[test]
    fn secrets_serialise_as_plain_strings_for_session_storage() {
        let json = serde_json::to_string(&CsrfState::new("s-1")).expect("serialises");
        assert_eq!(json, "\"s-1\"");
        let back: CsrfState = serde_json::from_str(&json).expect("deserialises");
        assert!(back.matches("s-1"));
    }
}
