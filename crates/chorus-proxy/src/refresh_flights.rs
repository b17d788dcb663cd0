//! One upstream refresh per (tab, cookie value) at a time. A tab can ask twice at once (the SDK's
//! `getOAuthToken` and a 401 from the Web API, say). Under the legacy regime the second refresh
//! would spend an already-rotated token, get `invalid_grant`, and its "clear the cookie" answer
//! could land after the first one's new cookie and sign the tab out (spotify-surface.md §1:
//! "never run two refreshes of one token at once"). So concurrent and repeated requests with the
//! same cookie share one upstream call and its answer for a short while.
//!
//! This is per instance: behind a load balancer, route a tab to one instance (see the README),
//! or rely on the app refreshing one at a time.

use std::{
    collections::HashMap,
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

/// How long a finished refresh answers repeats of the same request.
const REUSE_WINDOW: Duration = Duration::from_secs(30);
/// Past this many recent refreshes, new ones simply run on their own.
const MAX_FLIGHTS: usize = 10_000;

/// A finished refresh: the JSON body (with the access token) and the new cookie.
pub struct Refreshed {
    pub body: Bytes,
    pub cookie: HeaderValue,
}

impl std::fmt::Debug for Refreshed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Refreshed([redacted])")
    }
}

impl Refreshed {
    pub fn to_response(&self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            [(header::SET_COOKIE, self.cookie.clone())],
            self.body.clone(),
        )
            .into_response()
    }
}

struct Flight {
    started: Instant,
    outcome: Arc<OnceCell<Arc<Refreshed>>>,
}

/// The refreshes of the last `REUSE_WINDOW`, by hash of session id and cookie value.
#[derive(Default)]
pub struct RefreshFlights {
    flights: Mutex<HashMap<[u8; 32], Flight>>,
}

impl std::fmt::Debug for RefreshFlights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshFlights")
    }
}

impl RefreshFlights {
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
        let Some(outcome) = self.outcome_cell(key(session, sealed), Instant::now()) else {
            return refresh().await.map(Arc::new);
        };
        outcome
            .get_or_try_init(|| async { refresh().await.map(Arc::new) })
            .await
            .cloned()
    }

    fn outcome_cell(&self, key: [u8; 32], now: Instant) -> Option<Arc<OnceCell<Arc<Refreshed>>>> {
        // A poisoned lock only means a panic elsewhere mid-update; the map is still consistent.
        let mut flights = self
            .flights
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        flights.retain(|_, flight| now.saturating_duration_since(flight.started) < REUSE_WINDOW);
        if let Some(flight) = flights.get(&key) {
            return Some(flight.outcome.clone());
        }
        if flights.len() >= MAX_FLIGHTS {
            return None;
        }
        let outcome = Arc::new(OnceCell::new());
        flights.insert(
            key,
            Flight {
                started: now,
                outcome: outcome.clone(),
            },
        );
        Some(outcome)
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn refreshed() -> Refreshed {
        Refreshed {
            body: Bytes::from_static(b"{}"),
            cookie: HeaderValue::from_static("c=1"),
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
