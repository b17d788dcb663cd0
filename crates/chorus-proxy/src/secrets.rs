//! Secret values as types (style principle 4): `Debug` prints a placeholder and reading the
//! value takes an explicit `secret()`, so a secret cannot slip into logs, error messages or
//! spans.

use std::fmt;

/// The token-shaped secrets are chorus-core's (one definition for the app and the proxy).
pub use chorus_core::auth::secret::{AccessToken, AuthorizationCode, CodeVerifier, RefreshToken};

/// The client secret of a confidential client (`--client-secret`): the one secret only the
/// proxy holds.
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself: only for the wire, never for a log line.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret([redacted])")
    }
}

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
        let secret = ClientSecret::new("very-secret-client");
        assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
    }
}
