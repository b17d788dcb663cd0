//! What the accounts service remembers: pending authorization codes, access tokens and refresh
//! tokens, with their expiry and revocation state.

use std::collections::HashMap;

use crate::rng::SplitMix64;

/// A code issued by `/authorize`, waiting to be exchanged once.
#[derive(Debug, Clone)]
pub struct PendingCode {
    pub client_id: String,
    pub user_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub code_challenge: Option<String>,
    pub expires_at_ms: u64,
}

#[derive(Debug, Clone)]
pub struct AccessGrant {
    pub user_id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub issued_at_ms: u64,
    pub expires_at_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshStatus {
    Valid,
    /// Replaced by a newer token under the legacy regime.
    Rotated,
    /// Revoked by the admin API (or the user).
    Revoked,
}

#[derive(Debug, Clone)]
pub struct RefreshGrant {
    pub user_id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    /// When the user first authorised: the current regime's absolute lifetime counts from here.
    pub first_authorized_ms: u64,
    pub status: RefreshStatus,
}

/// Codes and tokens, keyed by their opaque string.
#[derive(Debug, Clone)]
pub struct TokenStore {
    pub codes: HashMap<String, PendingCode>,
    pub access: HashMap<String, AccessGrant>,
    pub refresh: HashMap<String, RefreshGrant>,
    mint: SplitMix64,
}

impl TokenStore {
    pub fn new(seed: u64) -> Self {
        Self {
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            mint: SplitMix64::new(seed),
        }
    }

    pub fn issue_code(&mut self, code: PendingCode) -> String {
        let value = format!("AQ{}", self.mint.base62(48));
        self.codes.insert(value.clone(), code);
        value
    }

    /// Takes a code out for good: single use, whatever happens next.
    pub fn take_code(&mut self, code: &str) -> Option<PendingCode> {
        self.codes.remove(code)
    }

    pub fn issue_access(&mut self, grant: AccessGrant) -> String {
        let value = format!("BQ{}", self.mint.base62(64));
        self.access.insert(value.clone(), grant);
        value
    }

    pub fn issue_refresh(&mut self, grant: RefreshGrant) -> String {
        let value = format!("AQ{}", self.mint.base62(64));
        self.refresh.insert(value.clone(), grant);
        value
    }

    /// Makes every access token of `user_id` expire at `now_ms`; returns how many.
    pub fn expire_access_of(&mut self, user_id: &str, now_ms: u64) -> usize {
        self.access
            .values_mut()
            .filter(|grant| grant.user_id == user_id && grant.expires_at_ms > now_ms)
            .map(|grant| grant.expires_at_ms = now_ms)
            .count()
    }

    /// Revokes one refresh token, or all of a user when `token` is `None`; returns how many.
    pub fn revoke_refresh(&mut self, user_id: Option<&str>, token: Option<&str>) -> usize {
        self.refresh
            .iter_mut()
            .filter(|(value, grant)| {
                token.is_none_or(|t| t == value.as_str())
                    && user_id.is_none_or(|u| u == grant.user_id)
            })
            .map(|(_, grant)| grant.status = RefreshStatus::Revoked)
            .count()
    }
}
