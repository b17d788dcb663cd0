//! One upstream refresh per (tab, cookie value) at a time. A tab can ask twice at once (the SDK's
//! `getOAuthToken` and a 401 from the Web API, say). Under the legacy regime the second refresh
//! would spend an already-rotated token, get `invalid_grant`, and its "clear the cookie" answer
//! could land after the first one's new cookie and sign the tab out (docs/spotify-contract.md §1:
//! "never run two refreshes of one token at once"). So concurrent and repeated requests with the
//! same cookie share one upstream call and its answer for a short while.
//!
//! After that window a repeat of an old cookie is refreshed again, and under the legacy regime
//! Spotify refuses its (rotated) token. The proxy then must not clear the cookie: the browser
//! already holds the newer one under the same name. So the cookies replaced by a refresh are
//! remembered (as hashes) for `SUPERSEDED_WINDOW`, and a refusal of one of them leaves the
//! browser's cookie alone.
//!
//! This is per instance: behind a load balancer, route a tab to one instance (see the README),
//! or rely on the app refreshing one at a time.

use std::{
    collections::{HashMap, VecDeque},
    future::Future,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    body::Bytes,
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::{error::ApiError, session::SessionId};

/// How long a finished refresh answers repeats of the same request. The repeats it exists for
/// were sent at the same moment as the first (before its new cookie arrived), so seconds are
/// plenty; every remembered answer costs memory (about 1 KB).
const REUSE_WINDOW: Duration = Duration::from_secs(5);
/// At most this many recent refreshes are remembered; past it the oldest are forgotten first.
const MAX_FLIGHTS: usize = 2_000;
/// How long a replaced cookie is remembered as replaced (about 60 bytes each: a 128-bit hash
/// in a set and in the expiry queue).
const SUPERSEDED_WINDOW: Duration = Duration::from_secs(10 * 60);
const MAX_SUPERSEDED: usize = 10_000;

/// A finished refresh: the JSON body (with the access token) and the `Set-Cookie`s (the new
/// cookie; clearing ones for the tab's names under retired keys).
pub struct Refreshed {
    pub body: Bytes,
    pub cookies: Vec<HeaderValue>,
}

impl std::fmt::Debug for Refreshed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Refreshed([redacted])")
    }
}

impl Refreshed {
    pub fn to_response(&self) -> Response {
        let mut response = (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body.clone(),
        )
            .into_response();
        for cookie in &self.cookies {
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookie.clone());
        }
        response
    }
}

struct Flight {
    started: Instant,
    outcome: Arc<OnceCell<Arc<Refreshed>>>,
}

/// The refreshes of the last reuse window, by hash of session id and cookie value, and the
/// cookies replaced in the last `SUPERSEDED_WINDOW`.
pub struct RefreshFlights {
    reuse_window: Duration,
    flights: Mutex<Flights>,
    superseded: Mutex<Superseded>,
}

impl Default for RefreshFlights {
    fn default() -> Self {
        Self::new(REUSE_WINDOW)
    }
}

/// Hashes of replaced cookies, oldest first for expiry.
#[derive(Default)]
struct Superseded {
    keys: std::collections::HashSet<u128>,
    order: VecDeque<(u128, Instant)>,
}

/// The map, plus the keys in the order their flights started: expiry and eviction pop from
/// the front, so a request costs O(1) however many flights are remembered.
#[derive(Default)]
struct Flights {
    by_key: HashMap<[u8; 32], Flight>,
    started: VecDeque<([u8; 32], Instant)>,
}

impl Flights {
    /// Forgets the oldest flight; a key started again later keeps its newer flight.
    fn forget_oldest(&mut self) {
        if let Some((key, started)) = self.started.pop_front() {
            if self
                .by_key
                .get(&key)
                .is_some_and(|flight| flight.started == started)
            {
                self.by_key.remove(&key);
            }
        }
    }
}

impl std::fmt::Debug for RefreshFlights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshFlights")
    }
}

impl RefreshFlights {
    /// Answers repeats of a refresh for `reuse_window` (5 s by default).
    pub fn new(reuse_window: Duration) -> Self {
        Self {
            reuse_window,
            flights: Mutex::default(),
            superseded: Mutex::default(),
        }
    }

    /// Notes that a refresh replaced this cookie value by a newer one.
    pub fn mark_superseded(&self, session: &SessionId, sealed: &str) {
        let now = Instant::now();
        let mut superseded = self
            .superseded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while superseded
            .order
            .front()
            .is_some_and(|(_, at)| now.saturating_duration_since(*at) >= SUPERSEDED_WINDOW)
            || superseded.order.len() >= MAX_SUPERSEDED
        {
            if let Some((old, _)) = superseded.order.pop_front() {
                superseded.keys.remove(&old);
            }
        }
        let key = short_key(session, sealed);
        if superseded.keys.insert(key) {
            superseded.order.push_back((key, now));
        }
    }

    /// True when a refresh replaced this cookie value within `SUPERSEDED_WINDOW`.
    pub fn is_superseded(&self, session: &SessionId, sealed: &str) -> bool {
        self.superseded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .keys
            .contains(&short_key(session, sealed))
    }

    /// Runs `refresh` unless the same refresh is running or just ran; then waits for its answer.
    /// A failed refresh is not shared: the next waiter tries again itself.
    pub async fn run<F, Fut>(
        &self,
        session: &SessionId,
        sealed: &str,
        refresh: F,
    ) -> Result<Arc<Refreshed>, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Refreshed, ApiError>>,
    {
        self.outcome_cell(key(session, sealed), Instant::now())
            .get_or_try_init(|| async { refresh().await.map(Arc::new) })
            .await
            .cloned()
    }

    fn outcome_cell(&self, key: [u8; 32], now: Instant) -> Arc<OnceCell<Arc<Refreshed>>> {
        // A poisoned lock only means a panic elsewhere mid-update; the map is still consistent.
        let mut flights = self
            .flights
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while flights.started.front().is_some_and(|(_, started)| {
            now.saturating_duration_since(*started) >= self.reuse_window
        }) {
            flights.forget_oldest();
        }
        if let Some(flight) = flights.by_key.get(&key) {
            return flight.outcome.clone();
        }
        while flights.by_key.len() >= MAX_FLIGHTS {
            flights.forget_oldest();
        }
        let outcome = Arc::new(OnceCell::new());
        flights.by_key.insert(
            key,
            Flight {
                started: now,
                outcome: outcome.clone(),
            },
        );
        flights.started.push_back((key, now));
        outcome
    }
}

fn key(session: &SessionId, sealed: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(session.as_str())
        .chain_update([0])
        .chain_update(sealed)
        .finalize()
        .into()
}

/// The first 128 bits of `key`: collisions among 10,000 entries are out of reach.
fn short_key(session: &SessionId, sealed: &str) -> u128 {
    let full = key(session, sealed);
    let mut half = [0u8; 16];
    half.copy_from_slice(&full[..16]);
    u128::from_le_bytes(half)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn refreshed() -> Refreshed {
        Refreshed {
            body: Bytes::from_static(b"{}"),
            cookies: vec![HeaderValue::from_static("c=1")],
        }
    }

    #[tokio::test]
    async fn concurrent_refreshes_of_one_cookie_share_one_call() {
        let flights = RefreshFlights::default();
        let session = SessionId::parse("tab-a-0123456789abcdef").expect("valid");
        let calls = AtomicUsize::new(0);
        let run = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok(refreshed())
        };
        let (a, b) = tokio::join!(
            flights.run(&session, "v1", run),
            flights.run(&session, "v1", run)
        );
        assert!(a.is_ok() && b.is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(flights.run(&session, "v2", run).await.is_ok());
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "another cookie value is another refresh"
        );
    }

    #[test]
    fn past_the_limit_the_oldest_flights_are_forgotten_and_new_ones_still_coalesce() {
        let flights = RefreshFlights::default();
        let now = Instant::now();
        let key_of = |i: usize| -> [u8; 32] { Sha256::digest(i.to_le_bytes()).into() };
        let first = flights.outcome_cell(key_of(0), now);
        for i in 1..=MAX_FLIGHTS {
            flights.outcome_cell(key_of(i), now);
        }
        let again = flights.outcome_cell(key_of(0), now);
        assert!(
            !Arc::ptr_eq(&first, &again),
            "the oldest flight was forgotten"
        );
        let newest = flights.outcome_cell(key_of(MAX_FLIGHTS), now);
        let newest_again = flights.outcome_cell(key_of(MAX_FLIGHTS), now);
        assert!(
            Arc::ptr_eq(&newest, &newest_again),
            "a full map still shares a flight"
        );
    }

    #[test]
    fn flights_older_than_the_window_are_not_shared() {
        let flights = RefreshFlights::default();
        let start = Instant::now();
        let key: [u8; 32] = Sha256::digest(b"tab").into();
        let first = flights.outcome_cell(key, start);
        let within = flights.outcome_cell(key, start + REUSE_WINDOW - Duration::from_millis(1));
        let after = flights.outcome_cell(key, start + REUSE_WINDOW);
        assert!(Arc::ptr_eq(&first, &within));
        assert!(!Arc::ptr_eq(&first, &after));
    }

    #[test]
    fn a_replaced_cookie_is_remembered_as_replaced_and_no_other() {
        let flights = RefreshFlights::default();
        let session = SessionId::parse("tab-a-0123456789abcdef").expect("valid");
        flights.mark_superseded(&session, "v1");
        assert!(flights.is_superseded(&session, "v1"));
        assert!(!flights.is_superseded(&session, "v2"));
        let other = SessionId::parse("tab-b-0123456789abcdef").expect("valid");
        assert!(!flights.is_superseded(&other, "v1"));
    }

    #[tokio::test]
    async fn a_failed_refresh_is_not_reused() {
        let flights = RefreshFlights::default();
        let session = SessionId::parse("tab-a-0123456789abcdef").expect("valid");
        let failed = flights
            .run(&session, "v1", || async { Err(ApiError::UpstreamTimeout) })
            .await;
        assert!(failed.is_err());
        assert!(flights
            .run(&session, "v1", || async { Ok(refreshed()) })
            .await
            .is_ok());
    }
}
