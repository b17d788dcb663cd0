//! The hostile section (issue #15), loopback only and bounded in count and time: a fresh proxy
//! with its default limits (header read timeout 10 s, 4,096 connections) under 2,000 idle
//! connections and 200 slow-header clients (one header byte a second) for 30 s, each reconnecting
//! when closed; meanwhile one well-behaved tab measures `/healthz` and token refreshes on its
//! keep-alive connection, and the proxy's VmRSS is sampled. Then 10,000 hostile requests (long
//! paths, long request ids, odd methods, foreign origins) measure the log written per request.
//! Every figure is printed beside its goal; nothing is asserted.

use std::{
    net::SocketAddr,
    path::Path,
    sync::{
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use super::{
    ms, status_kib, verdict, Comparison, Connection, Grant, ProxyProcess, Route, RssSampler,
};

const IDLE: usize = 2_000;
const SLOW: usize = 200;
const ATTACK: Duration = Duration::from_secs(30);
/// The proxy's default `--header-read-timeout-secs`.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection open longer than its timeout plus this is "alive past its timeout".
const SLACK: Duration = Duration::from_secs(1);
const LOG_REQUESTS: usize = 10_000;
const HEALTH_EVERY: Duration = Duration::from_millis(20);
const REFRESH_EVERY: Duration = Duration::from_millis(200);

const GOAL_HEALTH_P99: Duration = Duration::from_millis(50);
const GOAL_LOG_PER_REQUEST: usize = 1024;
const GOAL_RSS_KIB: u64 = 64 * 1024;

/// What the hostile connections saw.
#[derive(Debug, Default)]
struct Lifetimes {
    opened: AtomicUsize,
    refused_at_connect: AtomicUsize,
    longest_ms: AtomicU64,
    past_timeout: AtomicUsize,
}

impl Lifetimes {
    fn closed_after(&self, lived: Duration) {
        self.longest_ms
            .fetch_max(lived.as_millis() as u64, Ordering::Relaxed);
        if lived > HEADER_TIMEOUT + SLACK {
            self.past_timeout.fetch_add(1, Ordering::Relaxed);
        }
    }
}

pub async fn run(binary: &Path, stub: SocketAddr, well_behaved: &[Comparison]) {
    println!(
        "\nhostile: {IDLE} idle + {SLOW} slow-header connections for {ATTACK:?} against a proxy with \
         default limits; open-files limit (soft/hard) of this bench: {}",
        open_files_limits()
    );
    let log = std::env::temp_dir().join(format!("chorus-proxy-bench-{}.log", std::process::id()));
    let proxy = ProxyProcess::spawn_logging(binary, stub, Some(&log)).await;

    let mut tab = Connection::open(Route::Proxy(proxy.addr), 0).await;
    if let Err(failure) = tab.sign_in().await {
        println!("  the well-behaved tab cannot sign in: {failure}; hostile section skipped");
        return;
    }
    let calm = measure_tab(&mut tab, Duration::from_secs(5)).await;

    let lifetimes = Arc::new(Lifetimes::default());
    let stop = Arc::new(AtomicBool::new(false));
    let mut attackers = Vec::with_capacity(IDLE + SLOW);
    for n in 0..IDLE + SLOW {
        let (lifetimes, stop, addr) = (lifetimes.clone(), stop.clone(), proxy.addr);
        attackers.push(tokio::spawn(attacker(addr, n >= IDLE, lifetimes, stop)));
    }
    let sampler = RssSampler::start(proxy.pid);
    let attacked = measure_tab(&mut tab, ATTACK).await;
    let peak_rss = sampler.stop().await;
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        let _ = attacker.await;
    }

    let log_before = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    let hostile_sent = hostile_requests(proxy.addr, LOG_REQUESTS).await;
    // The proxy writes each line as it answers; the last answer is in before this returns.
    let log_after = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    proxy.stop().await;
    let _ = std::fs::remove_file(&log);

    let refresh_calm = well_behaved
        .iter()
        .find(|c| c.grant == Grant::Refresh && c.connections == super::LATENCY_CONNECTIONS);
    println!(
        "\n                                   no attack       under attack    goal\n\
         /healthz p50 / p99            {:>7} / {:<7}  {:>7} / {:<7}  p99 ≤ {} ms: {}\n\
         refresh  p50 / p99            {:>7} / {:<7}  {:>7} / {:<7}  (well-behaved rows: refresh, {} conns, p99 added {})\n\
         failed requests of the tab    {:>17}  {:>17}",
        ms(calm.health.p(0.5)),
        ms(calm.health.p(0.99)),
        ms(attacked.health.p(0.5)),
        ms(attacked.health.p(0.99)),
        GOAL_HEALTH_P99.as_millis(),
        verdict(attacked.health.p(0.99) <= GOAL_HEALTH_P99 && attacked.failures == 0),
        ms(calm.refresh.p(0.5)),
        ms(calm.refresh.p(0.99)),
        ms(attacked.refresh.p(0.5)),
        ms(attacked.refresh.p(0.99)),
        super::LATENCY_CONNECTIONS,
        refresh_calm.map_or("-".into(), |c| super::signed_ms(c.added_p99)),
        calm.failures,
        attacked.failures,
    );
    let past = lifetimes.past_timeout.load(Ordering::Relaxed);
    println!(
        "hostile connections opened     {:>8}  (refused at connect: {})\n\
         longest-lived hostile one      {:>8}  goal: none alive past {:?} + {:?}: {past} were — {}\n\
         proxy VmRSS during the attack  {:>8}  goal ≤ {} MiB: {}",
        lifetimes.opened.load(Ordering::Relaxed),
        lifetimes.refused_at_connect.load(Ordering::Relaxed),
        ms(Duration::from_millis(lifetimes.longest_ms.load(Ordering::Relaxed))),
        HEADER_TIMEOUT,
        SLACK,
        verdict(past == 0),
        peak_rss.map_or("-".into(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0)),
        GOAL_RSS_KIB / 1024,
        verdict(peak_rss.is_some_and(|kib| kib <= GOAL_RSS_KIB)),
    );
    let per_request = (log_after.saturating_sub(log_before) as usize) / hostile_sent.max(1);
    println!(
        "log per hostile request        {:>8}  ({} bytes for {hostile_sent} requests) goal ≤ {GOAL_LOG_PER_REQUEST} B: {}",
        format!("{per_request} B"),
        log_after.saturating_sub(log_before),
        verdict(hostile_sent > 0 && per_request <= GOAL_LOG_PER_REQUEST),
    );
    let _ = status_kib; // the sampler reads VmRSS through it
}

/// `/healthz` and refresh latencies of one well-behaved tab over `length`.
#[derive(Debug, Default)]
struct TabFigures {
    health: Latencies,
    refresh: Latencies,
    failures: usize,
}

#[derive(Debug, Default)]
struct Latencies(Vec<Duration>);

impl Latencies {
    fn p(&self, p: f64) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        sorted.len().checked_sub(1).map_or(Duration::ZERO, |last| {
            sorted[(last as f64 * p).round() as usize]
        })
    }
}

async fn measure_tab(tab: &mut Connection, length: Duration) -> TabFigures {
    let mut figures = TabFigures::default();
    let started = Instant::now();
    let mut next_refresh = Instant::now();
    let mut tick = tokio::time::interval(HEALTH_EVERY);
    while started.elapsed() < length {
        tick.tick().await;
        let sent = Instant::now();
        match tab.health().await {
            Ok(()) => figures.health.0.push(sent.elapsed()),
            Err(_) => figures.failures += 1,
        }
        if Instant::now() >= next_refresh {
            next_refresh += REFRESH_EVERY;
            let sent = Instant::now();
            match tab.request(Grant::Refresh).await {
                Ok(()) => figures.refresh.0.push(sent.elapsed()),
                Err(_) => figures.failures += 1,
            }
        }
    }
    figures
}

/// One hostile client until `stop`: connects, sends nothing (idle) or one header byte a second
/// (slow), and reconnects when the proxy closes it, noting how long each connection lived.
async fn attacker(addr: SocketAddr, slow: bool, lifetimes: Arc<Lifetimes>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            lifetimes.refused_at_connect.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        lifetimes.opened.fetch_add(1, Ordering::Relaxed);
        let opened = Instant::now();
        if slow
            && stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
                .await
                .is_err()
        {
            lifetimes.closed_after(opened.elapsed());
            continue;
        }
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        let mut buf = [0u8; 512];
        loop {
            tokio::select! {
                read = stream.read(&mut buf) => {
                    if matches!(read, Ok(0) | Err(_)) {
                        lifetimes.closed_after(opened.elapsed());
                        break;
                    }
                }
                _ = tick.tick() => {
                    if stop.load(Ordering::Relaxed) {
                        // Still open at the end: past its timeout if it has lived too long.
                        if opened.elapsed() > HEADER_TIMEOUT + SLACK {
                            lifetimes.closed_after(opened.elapsed());
                        }
                        return;
                    }
                    if slow && stream.write_all(b"X").await.is_err() {
                        lifetimes.closed_after(opened.elapsed());
                        break;
                    }
                }
            }
        }
    }
}

/// Sends `count` hostile requests over a few keep-alive connections (reconnecting when the
/// proxy closes one); returns how many were answered.
async fn hostile_requests(addr: SocketAddr, count: usize) -> usize {
    let long = "a".repeat(8_000);
    let requests: Vec<Vec<u8>> = vec![
        format!(
            "GET /{long} HTTP/1.1\r\nHost: x\r\nX-Request-Id: {}\r\n\r\n",
            "r".repeat(8_000)
        ),
        format!("GET {} HTTP/1.1\r\nHost: x\r\n\r\n", "/a".repeat(3_000)),
        format!("{long} / HTTP/1.1\r\nHost: x\r\n\r\n"),
        format!(
            "POST /api/token/refresh HTTP/1.1\r\nHost: x\r\nOrigin: http://{long}\r\n\
             X-Chorus-Session: bench-tab-hostile-0123\r\nContent-Length: 0\r\n\r\n"
        ),
        format!(
            "POST /api/token/refresh HTTP/1.1\r\nHost: x\r\nX-Chorus-Session: {long}\r\n\
             Cookie: chorus_rt_x={long}\r\nContent-Length: 0\r\n\r\n"
        ),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect();
    let requests = Arc::new(requests);
    let answered = Arc::new(AtomicUsize::new(0));
    let tickets = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (requests, answered, tickets) = (requests.clone(), answered.clone(), tickets.clone());
        tasks.push(tokio::spawn(async move {
            let mut stream: Option<TcpStream> = None;
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                let ticket = tickets.fetch_add(1, Ordering::Relaxed);
                if ticket >= count || Instant::now() >= deadline {
                    break;
                }
                if stream.is_none() {
                    stream = TcpStream::connect(addr).await.ok();
                }
                let Some(open) = stream.as_mut() else {
                    continue;
                };
                let request = &requests[ticket % requests.len()];
                let ok = open.write_all(request).await.is_ok()
                    && matches!(open.read(&mut buf).await, Ok(n) if n > 0);
                if ok {
                    answered.fetch_add(1, Ordering::Relaxed);
                }
                // One answer per connection read: start afresh so no answer is left unread.
                stream = None;
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    answered.load(Ordering::Relaxed)
}

/// `soft/hard` of `Max open files` from /proc.
fn open_files_limits() -> String {
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            let line = limits
                .lines()
                .find(|l| l.starts_with("Max open files"))?
                .to_owned();
            let fields: Vec<&str> = line.split_whitespace().collect();
            Some(format!("{}/{}", fields.get(3)?, fields.get(4)?))
        })
        .unwrap_or_else(|| "unknown".into())
}
