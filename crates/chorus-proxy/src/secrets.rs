//! Secret values as types (style principle 4): `Debug` prints a placeholder, reading the value
//! takes an explicit `secret()`, and none of them is `Clone`, so a secret is moved, not copied
//! into places it could leak from (logs, error messages, spans).

use std::fmt;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The value itself: only for the wire, never for a log line.
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
    /// A Spotify refresh token: lives only sealed inside the tab's HttpOnly cookie.
    RefreshToken
);
secret_type!(
    /// A Spotify access token, handed to the tab that asked for it.
    AccessToken
);
secret_type!(
    /// The client secret of a confidential client (`--client-secret`).
    ClientSecret
);
secret_type!(
    /// A single-use authorization code from the redirect.
    AuthorizationCode
);
secret_type!(
    /// The PKCE code verifier (RFC 7636 §4.1).
    CodeVerifier
);

impl Clone for ClientSecret {
    // The proxy's options are cloned once at start-up (clap derives `Clone`); the secret itself
    // never leaves the upstream client after that.
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl std::str::FromStr for ClientSecret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_value() {
        let token = RefreshToken::new("very-secret-refresh");
        assert_eq!(format!("{token:?}"), "RefreshToken([redacted])");
        assert_eq!(token.secret(), "very-secret-refresh");
    }
}
