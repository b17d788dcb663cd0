//! The pending login of one tab: verifier, state and start time, kept in sessionStorage
//! between the redirect to `/authorize` and the callback (RFC 7636 §4.1, contract §1: codes
//! live minutes). Attempts older than 15 minutes are discarded.

use serde::{Deserialize, Serialize};

use super::pkce::{verifier_from_random_bytes, CodeChallenge, PkceError};
use super::secret::{CodeVerifier, CsrfState};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The sessionStorage key the shell stores the attempt under (one pending attempt per tab).
pub const STORAGE_KEY: &str = "chorus.login_attempt";

/// At least 128 bits of randomness in `state`.
pub const MIN_STATE_BYTES: usize = 16;

/// Why a login attempt could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Pkce(#[from] PkceError),
    #[error("the login state needs at least {MIN_STATE_BYTES} random bytes, got {0}")]
    StateBytes(usize),
}

/// Why a stored attempt cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    #[error("no login attempt is pending in this tab")]
    Missing,
    #[error("the stored login attempt is unreadable")]
    Corrupt,
    #[error("the login attempt is older than 15 minutes")]
    Expired,
}

/// A pending login. Not `Clone`: its verifier is used once. Its verifier is always a valid one
/// (made by `start`, checked by `restore`), so its S256 challenge always exists.
#[derive(Debug)]
pub struct LoginAttempt {
    stored: Stored,
    challenge: CodeChallenge,
}

/// What sessionStorage keeps of an attempt.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    verifier: CodeVerifier,
    state: CsrfState,
    created_at_ms: u64,
}

impl LoginAttempt {
    /// 15 minutes: longer than any consent screen, shorter than a stale tab left overnight.
    pub const MAX_AGE_MS: u64 = 15 * 60 * 1000;

    /// Starts an attempt from caller-supplied randomness (the core has no random source).
    pub fn start(
        verifier_random: &[u8],
        state_random: &[u8],
        now_ms: u64,
    ) -> Result<Self, StartError> {
        if state_random.len() < MIN_STATE_BYTES {
            return Err(StartError::StateBytes(state_random.len()));
        }
        let verifier = verifier_from_random_bytes(verifier_random)?;
        Ok(Self {
            challenge: CodeChallenge::s256(&verifier)?,
            stored: Stored {
                verifier,
                state: CsrfState::new(URL_SAFE_NO_PAD.encode(state_random)),
                created_at_ms: now_ms,
            },
        })
    }

    pub fn state(&self) -> &CsrfState {
        &self.stored.state
    }

    pub fn challenge(&self) -> CodeChallenge {
        self.challenge.clone()
    }

    pub fn created_at_ms(&self) -> u64 {
        self.stored.created_at_ms
    }

    /// Expired once strictly older than `MAX_AGE_MS`. A clock that went backwards counts as
    /// age zero rather than as expired.
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms.saturating_sub(self.stored.created_at_ms) > Self::MAX_AGE_MS
    }

    /// Gives up the attempt for its verifier, which goes into the code exchange.
    pub fn into_verifier(self) -> CodeVerifier {
        self.stored.verifier
    }

    /// The sessionStorage value.
    pub fn to_json(&self) -> String {
        // A struct of strings and an integer always serialises.
        serde_json::to_string(&self.stored).unwrap_or_default()
    }

    /// Reads the stored attempt back and checks its age.
    pub fn restore(stored: Option<&str>, now_ms: u64) -> Result<Self, RestoreError> {
        let stored = stored.ok_or(RestoreError::Missing)?;
        let stored: Stored = serde_json::from_str(stored).map_err(|_| RestoreError::Corrupt)?;
        let challenge = CodeChallenge::s256(&stored.verifier).map_err(|_| RestoreError::Corrupt)?;
        let attempt = Self { stored, challenge };
        if attempt.is_expired(now_ms) {
            return Err(RestoreError::Expired);
        }
        Ok(attempt)
    }

    /// The cleanup decision at app start: drop a stored value that is unreadable or expired,
    /// keep one that a callback may still complete.
    pub fn should_discard(stored: &str, now_ms: u64) -> bool {
        Self::restore(Some(stored), now_ms).is_err()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_round_trips_through_session_storage_json() {
        let attempt = LoginAttempt::start(&[1; 32], &[2; 16], 5_000).expect("starts");
        let challenge = attempt.challenge();
        let restored = LoginAttempt::restore(Some(&attempt.to_json()), 6_000).expect("restores");
        assert!(restored.state().matches(attempt.state().secret()));
        assert_eq!(restored.challenge(), challenge);
        assert_eq!(restored.created_at_ms(), 5_000);
    }

    #[test]
    fn attempt_expires_after_fifteen_minutes_exactly() {
        let attempt = LoginAttempt::start(&[1; 32], &[2; 16], 1_000).expect("starts");
        assert!(!attempt.is_expired(1_000 + LoginAttempt::MAX_AGE_MS));
        assert!(attempt.is_expired(1_001 + LoginAttempt::MAX_AGE_MS));
        assert!(
            !attempt.is_expired(0),
            "a clock that went back is not expiry"
        );
    }

    #[test]
    fn stale_or_corrupt_stored_attempts_are_discarded_fresh_ones_kept() {
        let json = LoginAttempt::start(&[1; 32], &[2; 16], 0)
            .expect("starts")
            .to_json();
        assert!(!LoginAttempt::should_discard(&json, 60_000));
        assert!(LoginAttempt::should_discard(
            &json,
            LoginAttempt::MAX_AGE_MS + 1
        ));
        assert!(LoginAttempt::should_discard("{\"verifier\":1}", 0));
        assert!(
            LoginAttempt::should_discard(
                "{\"verifier\":\"short\",\"state\":\"s\",\"created_at_ms\":0}",
                0
            ),
            "a stored verifier that is not RFC 7636 is corrupt"
        );
    }

    #[test]
    fn too_little_state_randomness_is_refused() {
        assert_eq!(
            LoginAttempt::start(&[1; 32], &[2; 15], 0).err(),
            Some(StartError::StateBytes(15))
        );
        assert!(matches!(
            LoginAttempt::start(&[1; 8], &[2; 16], 0).err(),
            Some(StartError::Pkce(PkceError::RandomBytes(8)))
        ));
    }

    #[test]
    fn debug_of_an_attempt_shows_no_secret() {
        let attempt = LoginAttempt::start(&[1; 32], &[2; 16], 0).expect("starts");
        let printed = format!("{attempt:?}");
        assert!(!printed.contains(attempt.state().secret()));
    }
}
