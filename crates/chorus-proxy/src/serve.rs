//! Serving the router on a socket, with the bounds a hostile client must not get around
//! (crates/chorus-proxy/README.md "Slow and hostile clients"):
//!
//! - hyper's HTTP/1.1 header read timeout, which runs from the moment a connection opens or
//!   finishes its last answer: a client that sends no request, trickles its headers or idles on
//!   a kept-alive connection is closed after `--header-read-timeout-secs`;
//! - a cap on open connections (`--max-connections`): past it a new connection is accepted and
//!   closed at once, so the proxy never runs out of file descriptors and keeps serving the
//!   connections it has (what axum::serve and hyper-util lack; written here);
//! - the per-request time and the body's per-frame time are tower-http layers in `lib.rs`.
//!
//! HTTP/1.1 only: browsers speak nothing else to a plain-http origin, and load balancers speak
//! HTTP/1.1 to their backends; it keeps one set of timeouts to reason about.

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use axum::{extract::ConnectInfo, Router};
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt as _;

use crate::ServeError;

/// The connection bounds, from the flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// From opening (or the end of the last answer) to the end of the request's headers.
    pub header_read_timeout: Duration,
    /// Open connections at most; past it new ones are closed on arrival.
    pub max_connections: usize,
}

/// Descriptors the proxy needs besides its connections (listener, upstream pool, log files…).
const RESERVED_FDS: usize = 64;
/// How often a refused connection or a failed accept is logged at most.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Accepts connections until `shutdown` completes, then lets open ones finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    let max = effective_max_connections(limits.max_connections);
    let permits = Arc::new(Semaphore::new(max));
    let graceful = GracefulShutdown::new();
    let refused = RateLimitedLog::default();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // EMFILE and friends: the cap should prevent them; back off instead of spinning.
                refused.log(|count| tracing::warn!(%error, count, "accept failed"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            refused.log(|count| {
                tracing::warn!(max, count, "connection refused: --max-connections reached")
            });
            drop(stream);
            continue;
        };
        // Small answers: without it Nagle holds back the last segment of each one.
        let _ = stream.set_nodelay(true);
        let service = app.clone().map_request(
            move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        );
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Timeouts and clients hanging up end connections with an error: nothing to report.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// `--max-connections`, lowered to what the soft open-files limit allows.
fn effective_max_connections(wanted: usize) -> usize {
    let wanted = wanted.max(1);
    match open_files_limit() {
        Some(limit) if limit < wanted + RESERVED_FDS => {
            let allowed = limit.saturating_sub(RESERVED_FDS).max(1);
            tracing::warn!(
                wanted,
                allowed,
                open_files_limit = limit,
                "--max-connections is above what the open-files limit (ulimit -n) allows; using {allowed}"
            );
            allowed
        }
        _ => wanted,
    }
}

/// The soft `Max open files` of this process, from /proc (Linux); `None` elsewhere.
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Logs at most once per `LOG_EVERY`, with how many events the line stands for.
#[derive(Debug)]
struct RateLimitedLog {
    started: Instant,
    last_logged_secs: AtomicU64,
    count: AtomicU64,
}

impl Default for RateLimitedLog {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            last_logged_secs: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }
}

impl RateLimitedLog {
    fn log(&self, write: impl FnOnce(u64)) {
        let count = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        let now = self.started.elapsed().as_secs() + LOG_EVERY.as_secs();
        let last = self.last_logged_secs.load(Ordering::Relaxed);
        if now >= last + LOG_EVERY.as_secs()
            && self
                .last_logged_secs
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.count.store(0, Ordering::Relaxed);
            write(count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_event_is_logged_and_repeats_are_counted_into_the_next_line() {
        let log = RateLimitedLog::default();
        let mut lines = Vec::new();
        for _ in 0..1000 {
            log.log(|count| lines.push(count));
        }
        assert_eq!(lines, vec![1], "one line for a burst of 1000");
    }

    #[test]
    fn the_open_files_limit_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(open_files_limit().is_some_and(|n| n > 0));
        }
    }
}
