//! Injected faults and rate limiting for the Web API: "the next N calls of this route answer
//! 429/500 or are slow", plus Spotify's rolling-window rate limit when configured.

use std::collections::VecDeque;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::RateLimit;

/// One scripted fault, consumed call by call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// Request path it applies to (`/v1/me/player`); a trailing `*` matches a prefix.
    pub path: String,
    /// HTTP method; any when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Status to answer instead of the real response (429 or 500 are typical); none for latency only.
    #[serde(default)]
    pub status: Option<u16>,
    /// `Retry-After` seconds for a 429.
    #[serde(default)]
    pub retry_after_secs: Option<u64>,
    /// A player reason for the error body, e.g. `QUOTA_EXCEEDED` with a 429.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// How many calls it still affects.
    pub remaining: u32,
}

impl Fault {
    fn applies_to(&self, method: &str, path: &str) -> bool {
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => self.path == path,
        };
        path_matches
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// What the fault layer decided for one call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    pub latency: Option<Duration>,
    pub status: Option<u16>,
    pub retry_after_secs: Option<u64>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub scripted: Vec<Fault>,
    limit: Option<RateLimit>,
    recent_calls_ms: VecDeque<u64>,
}

impl Faults {
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            scripted: Vec::new(),
            limit,
            recent_calls_ms: VecDeque::new(),
        }
    }

    pub fn set_rate_limit(&mut self, limit: Option<RateLimit>) {
        self.limit = limit;
        self.recent_calls_ms.clear();
    }

    /// Decides the fate of one Web API call at `now_ms`, consuming a scripted fault if one applies.
    pub fn judge(&mut self, method: &str, path: &str, now_ms: u64) -> Verdict {
        if let Some(fault) = self
            .scripted
            .iter_mut()
            .find(|f| f.remaining > 0 && f.applies_to(method, path))
        {
            fault.remaining -= 1;
            let verdict = Verdict {
                latency: fault.latency_ms.map(Duration::from_millis),
                status: fault.status,
                retry_after_secs: fault.retry_after_secs,
                reason: fault.reason.clone(),
            };
            self.scripted.retain(|f| f.remaining > 0);
            if verdict.status.is_some() {
                return verdict;
            }
            return Verdict {
                status: self.rate_limited(now_ms),
                ..verdict
            }
            .with_retry(self, now_ms);
        }
        let status = self.rate_limited(now_ms);
        Verdict {
            status,
            ..Verdict::default()
        }
        .with_retry(self, now_ms)
    }

    /// Counts the call in the rolling window; `Some(429)` when over the limit.
    fn rate_limited(&mut self, now_ms: u64) -> Option<u16> {
        let limit = self.limit?;
        let window_ms = crate::clock::millis(limit.window);
        while self
            .recent_calls_ms
            .front()
            .is_some_and(|&t| t + window_ms <= now_ms)
        {
            self.recent_calls_ms.pop_front();
        }
        if self.recent_calls_ms.len() >= limit.max_requests as usize {
            return Some(429);
        }
        self.recent_calls_ms.push_back(now_ms);
        None
    }

    /// Seconds until the oldest call in the window leaves it, at least 1.
    fn retry_after_secs(&self, now_ms: u64) -> u64 {
        let window_ms = self
            .limit
            .map(|l| crate::clock::millis(l.window))
            .unwrap_or(30_000);
        let oldest = self.recent_calls_ms.front().copied().unwrap_or(now_ms);
        (oldest + window_ms)
            .saturating_sub(now_ms)
            .div_ceil(1000)
            .max(1)
    }
}

impl Verdict {
    fn with_retry(mut self, faults: &Faults, now_ms: u64) -> Self {
        if self.status == Some(429) && self.retry_after_secs.is_none() {
            self.retry_after_secs = Some(faults.retry_after_secs(now_ms));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rolling_window_limits_and_then_recovers() {
        let mut faults = Faults::new(Some(RateLimit::per_30_seconds(2)));
        assert_eq!(faults.judge("GET", "/v1/me", 0).status, None);
        assert_eq!(faults.judge("GET", "/v1/me", 10_000).status, None);
        let limited = faults.judge("GET", "/v1/me", 20_000);
        assert_eq!(
            (limited.status, limited.retry_after_secs),
            (Some(429), Some(10))
        );
        assert_eq!(faults.judge("GET", "/v1/me", 30_000).status, None);
    }

    #[test]
    fn a_scripted_fault_affects_exactly_n_calls_of_its_route() {
        let mut faults = Faults::new(None);
        faults.scripted.push(Fault {
            path: "/v1/me/player*".to_owned(),
            method: None,
            status: Some(500),
            retry_after_secs: None,
            reason: None,
            latency_ms: None,
            remaining: 2,
        });
        assert_eq!(faults.judge("GET", "/v1/me", 0).status, None);
        assert_eq!(
            faults.judge("PUT", "/v1/me/player/play", 0).status,
            Some(500)
        );
        assert_eq!(faults.judge("GET", "/v1/me/player", 0).status, Some(500));
        assert_eq!(faults.judge("GET", "/v1/me/player", 0).status, None);
    }
}
