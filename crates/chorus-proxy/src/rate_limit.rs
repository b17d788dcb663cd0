//! A token bucket per client in front of the token routes, in a bounded map so a flood of
//! addresses cannot grow memory without limit. A client is an IPv4 address or an IPv6 /64: one
//! subscriber gets a whole /64 and can pick any address in it. Buckets are per instance: behind a
//! load balancer each instance limits what it sees (the README says more).

use std::{
    collections::HashMap,
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Mutex,
    time::{Duration, Instant},
};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{error::ApiError, AppState};

/// At most this many addresses are tracked; past it the stalest are forgotten.
const MAX_TRACKED: usize = 10_000;

/// `--rate-limit-per-minute` and `--rate-limit-burst`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The buckets of one proxy instance.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn per_second(&self) -> f64 {
        f64::from(self.limit.per_minute) / 60.0
    }

    fn capacity(&self) -> f64 {
        f64::from(self.limit.burst.max(1))
    }

    /// Takes one token for `ip`'s client, or says how many seconds until one is there.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let ip = client_key(ip);
        // A poisoned lock only means another request panicked mid-update; the map is still usable.
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED && !buckets.contains_key(&ip) {
            self.forget_stale(&mut buckets, now);
        }
        let capacity = self.capacity();
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second()).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if self.per_second() > 0.0 {
            Err(((1.0 - bucket.tokens) / self.per_second()).ceil().max(1.0) as u64)
        } else {
            Err(60)
        }
    }

    fn forget_stale(&self, buckets: &mut HashMap<IpAddr, Bucket>, now: Instant) {
        // Buckets that have refilled completely carry no information: drop them first.
        let refill =
            Duration::from_secs_f64(self.capacity() / self.per_second().max(f64::MIN_POSITIVE));
        buckets.retain(|_, b| now.saturating_duration_since(b.updated) < refill);
        if buckets.len() >= MAX_TRACKED {
            if let Some(oldest) = buckets
                .iter()
                .min_by_key(|(_, b)| b.updated)
                .map(|(ip, _)| *ip)
            {
                buckets.remove(&oldest);
            }
        }
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.buckets.lock().map(|b| b.len()).unwrap_or(0)
    }
}

/// The bucket an address counts against: an IPv4 address (also when written as an IPv4-mapped
/// IPv6 address), or the /64 an IPv6 address lies in.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

/// Middleware on the token routes.
pub async fn limit_token_routes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let ip = client_ip(&request, state.trust_forwarded_for());
    match state.rate_limiter().check(ip, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => ApiError::RateLimited { retry_after_secs }.into_response(),
    }
}

fn client_ip(request: &Request, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for {
        // The load balancer appends the address it saw last; earlier entries are client-supplied.
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse().ok());
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        // Only in-process tests call the router without a socket.
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, last))
    }

    #[test]
    fn a_burst_passes_then_the_next_request_waits() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 3,
        });
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(ip(1), now), Ok(()));
        }
        assert_eq!(limiter.check(ip(1), now), Err(1));
        assert_eq!(
            limiter.check(ip(2), now),
            Ok(()),
            "other addresses have their own bucket"
        );
        assert_eq!(
            limiter.check(ip(1), now + Duration::from_secs(1)),
            Ok(()),
            "one token a second refills"
        );
    }

    #[test]
    fn the_addresses_of_one_ipv6_64_share_a_bucket() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 2,
        });
        let now = Instant::now();
        let in_64 = |last: u16| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, last));
        assert_eq!(limiter.check(in_64(1), now), Ok(()));
        assert_eq!(limiter.check(in_64(2), now), Ok(()));
        assert!(
            limiter.check(in_64(3), now).is_err(),
            "a third address of the same /64 is the same client"
        );
        let next_64 = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 3, 0, 0, 0, 1));
        assert_eq!(
            limiter.check(next_64, now),
            Ok(()),
            "another /64 is another client"
        );
        let mapped = IpAddr::V6(Ipv4Addr::new(10, 0, 0, 1).to_ipv6_mapped());
        assert_eq!(client_key(mapped), ip(1));
    }

    #[test]
    fn the_map_stays_bounded_under_many_addresses() {
        let limiter = RateLimiter::new(RateLimit {
            per_minute: 60,
            burst: 5,
        });
        let now = Instant::now();
        for n in 0..(MAX_TRACKED as u32 + 50) {
            let addr = IpAddr::V6(Ipv6Addr::from((u128::from(n) + 1) << 64));
            assert_eq!(limiter.check(addr, now), Ok(()));
        }
        assert!(limiter.tracked() <= MAX_TRACKED);
    }
}
