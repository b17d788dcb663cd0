//! Token lifecycle (contract §1 "Token", RFC 6749 §5.1 and §6): a `TokenSet` stamped with
//! the local time it was received, expiry with leeway, merging a refresh answer under both
//! refresh-token regimes, and the "another tab already refreshed" decision.

use serde::{Deserialize, Serialize};

use super::secret::{AccessToken, RefreshToken};
use crate::spotify::TokenResponse;

/// Refresh this long before expiry, so a request sent just before expiry does not land after.
pub const DEFAULT_LEEWAY_MS: u64 = 60_000;

/// The tokens of one signed-in listener. Not `Clone` (it holds the refresh token).
#[derive(Debug, Serialize, Deserialize)]
pub struct TokenSet {
    access_token: AccessToken,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    scope: String,
    received_at_ms: u64,
    expires_at_ms: u64,
}

/// Which refresh regime an answer showed (contract §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshRegime {
    /// Legacy: a new refresh token came back and replaced the old (now revoked) one.
    Rotated,
    /// Current: none came back; the original stays valid until its absolute expiry.
    Kept,
}

/// When a token was received and when it expires: enough to tell two token sets apart
/// without comparing secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TokenStamp {
    pub received_at_ms: u64,
    pub expires_at_ms: u64,
}

impl TokenSet {
    /// From the answer of a code exchange received at `received_at_ms` (local clock).
    pub fn from_response(response: TokenResponse, received_at_ms: u64) -> Self {
        Self {
            expires_at_ms: received_at_ms.saturating_add(response.expires_in.saturating_mul(1000)),
            access_token: response.access_token,
            refresh_token: response.refresh_token,
            scope: response.scope,
            received_at_ms,
        }
    }

    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// Absent in proxy mode, where the refresh token lives in the proxy's HttpOnly cookie.
    pub fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }

    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope
            .split_whitespace()
            .any(|granted| granted == scope)
    }

    pub fn scope(&self) -> &str {
        &self.scope
    }

    pub fn received_at_ms(&self) -> u64 {
        self.received_at_ms
    }

    pub fn expires_at_ms(&self) -> u64 {
        self.expires_at_ms
    }

    pub fn stamp(&self) -> TokenStamp {
        TokenStamp {
            received_at_ms: self.received_at_ms,
            expires_at_ms: self.expires_at_ms,
        }
    }

    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms >= self.expires_at_ms
    }

    /// True once `now + leeway` reaches the expiry.
    pub fn needs_refresh(&self, now_ms: u64, leeway_ms: u64) -> bool {
        now_ms.saturating_add(leeway_ms) >= self.expires_at_ms
    }

    /// Milliseconds until a refresh is due (0 when due), for scheduling a timer.
    pub fn refresh_due_in_ms(&self, now_ms: u64, leeway_ms: u64) -> u64 {
        self.expires_at_ms
            .saturating_sub(leeway_ms)
            .saturating_sub(now_ms)
    }

    /// Applies a refresh answer: a new refresh token replaces the old one (legacy rotation),
    /// none keeps the old one (current regime). An empty `scope` keeps the old scopes.
    pub fn merge_refresh(
        self,
        response: TokenResponse,
        received_at_ms: u64,
    ) -> (Self, RefreshRegime) {
        let (refresh_token, regime) = match response.refresh_token {
            Some(new) => (Some(new), RefreshRegime::Rotated),
            None => (self.refresh_token, RefreshRegime::Kept),
        };
        let scope = if response.scope.trim().is_empty() {
            self.scope
        } else {
            response.scope
        };
        let merged = Self {
            access_token: response.access_token,
            refresh_token,
            scope,
            received_at_ms,
            expires_at_ms: received_at_ms.saturating_add(response.expires_in.saturating_mul(1000)),
        };
        (merged, regime)
    }
}

/// Why a refresh is being considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshTrigger {
    /// The token is within the leeway of its expiry.
    Expiring,
    /// The Web API answered 401 to this token.
    Rejected,
}

/// What to do after taking the cross-tab refresh lock and re-reading the stored tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterLock {
    /// Another tab already refreshed: use the stored tokens, send nothing.
    UseStored,
    /// Still the token we had (or still expiring): refresh now.
    Refresh,
    /// Nothing is stored any more (signed out elsewhere): sign in again.
    SignInAgain,
}

/// Decides whether to refresh, given the stamp of the token this tab used and the tokens
/// re-read after taking the lock. Two refreshes of one token must never run (legacy
/// rotation revokes the chain), so a newer stored token that is still fresh is always used.
pub fn decide_after_lock(
    used: TokenStamp,
    stored: Option<&TokenSet>,
    trigger: RefreshTrigger,
    now_ms: u64,
    leeway_ms: u64,
) -> AfterLock {
    let Some(stored) = stored else {
        return AfterLock::SignInAgain;
    };
    let fresh = !stored.needs_refresh(now_ms, leeway_ms);
    let newer = stored.stamp() > used;
    match (newer, fresh, trigger) {
        (true, true, _) => AfterLock::UseStored,
        (false, true, RefreshTrigger::Expiring) => AfterLock::UseStored,
        _ => AfterLock::Refresh,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn response(access: &str, refresh: Option<&str>, scope: &str) -> TokenResponse {
        let mut body = serde_json::json!({
            "access_token": access, "token_type": "Bearer", "scope": scope, "expires_in": 3600
        });
        if let Some(refresh) = refresh {
            body["refresh_token"] = serde_json::json!(refresh);
        }
        TokenResponse::parse(&body.to_string()).expect("token response")
    }

    pub(crate) fn tokens_at(received_at_ms: u64) -> TokenSet {
        TokenSet::from_response(response("BQD", Some("AQC"), "streaming"), received_at_ms)
    }

    #[test]
    fn expiry_is_received_time_plus_expires_in() {
        let tokens = tokens_at(10_000);
        assert_eq!(tokens.expires_at_ms(), 10_000 + 3_600_000);
        assert!(!tokens.is_expired(3_609_999));
        assert!(tokens.is_expired(3_610_000));
    }

    #[test]
    fn refresh_is_needed_once_within_the_leeway() {
        let tokens = tokens_at(0);
        let expiry = 3_600_000;
        assert!(!tokens.needs_refresh(expiry - DEFAULT_LEEWAY_MS - 1, DEFAULT_LEEWAY_MS));
        assert!(tokens.needs_refresh(expiry - DEFAULT_LEEWAY_MS, DEFAULT_LEEWAY_MS));
        assert!(tokens.needs_refresh(expiry + 5, 0));
        assert_eq!(
            tokens.refresh_due_in_ms(0, DEFAULT_LEEWAY_MS),
            expiry - DEFAULT_LEEWAY_MS
        );
        assert_eq!(tokens.refresh_due_in_ms(expiry, DEFAULT_LEEWAY_MS), 0);
    }

    #[test]
    fn legacy_refresh_replaces_the_refresh_token() {
        let (merged, regime) =
            tokens_at(0).merge_refresh(response("BQD2", Some("AQC2"), "streaming"), 5_000);
        assert_eq!(regime, RefreshRegime::Rotated);
        assert_eq!(merged.access_token().secret(), "BQD2");
        assert_eq!(
            merged.refresh_token().map(RefreshToken::secret),
            Some("AQC2")
        );
        assert_eq!(merged.expires_at_ms(), 5_000 + 3_600_000);
    }

    #[test]
    fn current_refresh_without_refresh_token_keeps_the_old_one() {
        let (merged, regime) = tokens_at(0).merge_refresh(response("BQD2", None, ""), 5_000);
        assert_eq!(regime, RefreshRegime::Kept);
        assert_eq!(
            merged.refresh_token().map(RefreshToken::secret),
            Some("AQC")
        );
        assert!(
            merged.has_scope("streaming"),
            "empty scope keeps the old scopes"
        );
        assert_eq!(merged.received_at_ms(), 5_000);
    }

    #[test]
    fn another_tab_refresh_is_used_instead_of_refreshing_again() {
        let mine = tokens_at(0);
        let theirs = tokens_at(3_550_000);
        let now = 3_560_000;
        for trigger in [RefreshTrigger::Expiring, RefreshTrigger::Rejected] {
            assert_eq!(
                decide_after_lock(mine.stamp(), Some(&theirs), trigger, now, DEFAULT_LEEWAY_MS),
                AfterLock::UseStored
            );
        }
    }

    #[test]
    fn the_same_expiring_or_rejected_token_is_refreshed() {
        let mine = tokens_at(0);
        let now = 3_560_000;
        assert_eq!(
            decide_after_lock(
                mine.stamp(),
                Some(&mine),
                RefreshTrigger::Expiring,
                now,
                DEFAULT_LEEWAY_MS
            ),
            AfterLock::Refresh
        );
        assert_eq!(
            decide_after_lock(
                mine.stamp(),
                Some(&mine),
                RefreshTrigger::Rejected,
                10,
                DEFAULT_LEEWAY_MS
            ),
            AfterLock::Refresh,
            "a 401 refreshes even a token the clock thinks is fresh"
        );
        assert_eq!(
            decide_after_lock(
                mine.stamp(),
                Some(&mine),
                RefreshTrigger::Expiring,
                10,
                DEFAULT_LEEWAY_MS
            ),
            AfterLock::UseStored,
            "a false alarm sends nothing"
        );
    }

    #[test]
    fn a_newer_stored_token_that_is_itself_expiring_is_refreshed() {
        let mine = tokens_at(0);
        let theirs = tokens_at(1_000);
        assert_eq!(
            decide_after_lock(
                mine.stamp(),
                Some(&theirs),
                RefreshTrigger::Expiring,
                3_590_000,
                DEFAULT_LEEWAY_MS
            ),
            AfterLock::Refresh
        );
    }

    #[test]
    fn nothing_stored_after_the_lock_means_sign_in_again() {
        assert_eq!(
            decide_after_lock(tokens_at(0).stamp(), None, RefreshTrigger::Expiring, 0, 0),
            AfterLock::SignInAgain
        );
    }

    #[test]
    fn token_set_round_trips_through_json_without_debug_leaks() {
        let tokens = tokens_at(42);
        assert!(!format!("{tokens:?}").contains("BQD"));
        let json = serde_json::to_string(&tokens).expect("serialises");
        let back: TokenSet = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back.stamp(), tokens.stamp());
        assert_eq!(back.access_token().secret(), "BQD");
    }
}
