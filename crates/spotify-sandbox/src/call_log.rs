//! The Web API calls the sandbox answered, so tests and `cargo xtask bench` can count what a
//! client asks for (e.g. a remote-mode tab's calls a minute). Bounded: the oldest go first.

use std::collections::VecDeque;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// How many calls are kept.
const KEPT: usize = 20_000;

/// One answered Web API call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedCall {
    /// Wall-clock Unix ms when it arrived (not the sandbox clock: rates are measured in real time,
    /// also while the manual clock stands still).
    pub at_ms: u64,
    pub method: String,
    /// The path without the query (`/v1/me/player`).
    pub path: String,
    /// The query as sent (`device_id=…`), when there is one: which device a command named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The caller, when its Bearer token is known.
    pub user_id: Option<String>,
    pub status: u16,
}

#[derive(Debug, Clone, Default)]
pub struct CallLog {
    calls: VecDeque<RecordedCall>,
}

impl CallLog {
    pub fn record(&mut self, call: RecordedCall) {
        if self.calls.len() == KEPT {
            self.calls.pop_front();
        }
        self.calls.push_back(call);
    }

    /// The calls since `since_ms` (wall clock, inclusive), of one user when given.
    pub fn calls(&self, user_id: Option<&str>, since_ms: u64) -> Vec<RecordedCall> {
        self.calls
            .iter()
            .filter(|c| c.at_ms >= since_ms)
            .filter(|c| user_id.is_none_or(|u| c.user_id.as_deref() == Some(u)))
            .cloned()
            .collect()
    }
}

/// Now, wall clock.
pub fn wall_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(crate::clock::millis)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(at_ms: u64, user: &str) -> RecordedCall {
        RecordedCall {
            at_ms,
            method: "GET".into(),
            path: "/v1/me/player".into(),
            query: None,
            user_id: Some(user.into()),
            status: 200,
        }
    }

    #[test]
    fn calls_filter_by_user_and_time_and_the_log_stays_bounded() {
        let mut log = CallLog::default();
        log.record(call(1, "alice"));
        log.record(call(2, "bruno"));
        log.record(call(3, "alice"));
        assert_eq!(log.calls(Some("alice"), 2), vec![call(3, "alice")]);
        assert_eq!(log.calls(None, 0).len(), 3);
        for n in 0..KEPT {
            log.record(call(10 + n as u64, "chen"));
        }
        assert_eq!(log.calls(None, 0).len(), KEPT);
        assert!(
            log.calls(Some("alice"), 0).is_empty(),
            "the oldest went first"
        );
    }
}
