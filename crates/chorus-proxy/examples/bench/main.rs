//! Throughput, latency and memory of the token proxy on this machine. Prints figures next to
//! their goals; asserts nothing.
//!
//! What runs where:
//! - this process: a stub of Spotify's `POST /api/token` (in-process axum, answering like the
//!   current regime: a refresh token on exchange, none on refresh) and the load generator (one
//!   hyper HTTP/1.1 keep-alive connection per simulated tab, a fixed number of requests);
//! - a separate process: the release `chorus-proxy` binary, pointed at the stub with
//!   `--token-url`, a fixed `--sealing-key` and a rate limit too high to trigger (every tab comes
//!   from 127.0.0.1), so that its VmRSS (`/proc/<pid>/status`) is the proxy's alone.
//!
//! Each scenario is sent twice with the same connections count and request count: straight to
//! the stub (the form the proxy itself would post) and through the proxy, in alternating rounds
//! so that other work on the machine weighs on both alike. The difference of the two latency
//! percentiles is what the proxy adds. Exchanges and refreshes run with 32
//! connections (the machine saturated: throughput) and with 4 (little queueing: the proxy's own
//! latency); a last pair alternates both over 256 connections, while the proxy's VmRSS is
//! sampled. Refreshes behave like a browser: each tab
//! signs in once (one exchange), then sends the cookie it was last given. Reusing the very first
//! cookie would measure `refresh_flights`' 30-second answer cache instead of a refresh.
//!
//! Everything shares the same cores (load generator, stub and proxy), so throughput is that of
//! the whole loop on this machine; the proxy's own CPU time per request is printed beside it.
//! The proxy logs at its default level (`RUST_LOG`, default info) into /dev/null.
//!
//! Last, the **hostile** section (`hostile.rs`): a fresh proxy with its default limits under
//! idle and slow-header connections, while a well-behaved tab measures `/healthz` and refreshes.
//!
//! Run: `cargo xtask bench proxy`, or by hand:
//!   cargo build --release -p chorus-proxy --bin chorus-proxy --example bench
//!   target/release/examples/bench target/release/chorus-proxy [--connections N] [--requests N]

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::Stdio,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use axum::{
    extract::State,
    http::{header, Request, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Form, Json, Router,
};
use http_body_util::{BodyExt as _, Full};
use hyper::{body::Bytes, client::conn::http1::SendRequest};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::json;
use tokio::{net::TcpStream, process::Child};

mod hostile;

/// Requests per measured phase, after a warm-up of `WARMUP` on the same connections.
const REQUESTS: usize = 20_000;
const WARMUP: usize = 2_000;
/// Connections of the throughput and latency scenarios.
const CONNECTIONS: usize = 32;
/// Connections of the latency rows: few enough that queueing does not dominate.
const LATENCY_CONNECTIONS: usize = 4;
/// Connections held open for the memory figure.
const HELD_CONNECTIONS: usize = 256;
/// Direct and proxied phases alternate in this many rounds, so that other work on the machine
/// at any moment weighs on both alike.
const ROUNDS: usize = 5;
/// A comparison (warm-up and every round of both routes) stops here even if requests are left,
/// so the bench always ends: five comparisons, two minutes at most.
const COMPARISON_DEADLINE: Duration = Duration::from_secs(24);
/// How long the proxy may take to start listening.
const START_DEADLINE: Duration = Duration::from_secs(10);
/// How often VmRSS is read while under load.
const RSS_SAMPLE_EVERY: Duration = Duration::from_millis(20);

const GOAL_RPS: f64 = 5_000.0;
const GOAL_ADDED_P99: Duration = Duration::from_millis(5);
const GOAL_RSS_KIB: u64 = 32 * 1024;

const CLIENT_ID: &str = "chorus-bench";
const VERIFIER: &str = "bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
/// Base64 of 32 fixed bytes: the bench needs a stable key, not a secret one.
const SEALING_KEY: &str = "Y2hvcnVzLWJlbmNoLWZpeGVkLXNlYWxpbmcta2V5LTA=";
/// Linux reports CPU times in USER_HZ, 100 on every mainstream architecture.
const CLOCK_TICKS_PER_SEC: f64 = 100.0;

fn main() -> std::process::ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!(
                "{message}\nusage: bench <path to chorus-proxy> [--connections N] [--requests N]"
            );
            return std::process::ExitCode::from(2);
        }
    };
    // Two workers whatever the machine: the proxy gets its own runtime in its own process.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime for the bench");
    runtime.block_on(run(args));
    std::process::ExitCode::SUCCESS
}

#[derive(Debug)]
struct Args {
    proxy_binary: PathBuf,
    connections: usize,
    requests: usize,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let proxy_binary = args
            .next()
            .map(PathBuf::from)
            .ok_or("missing the path of the chorus-proxy binary")?;
        let mut parsed = Self {
            proxy_binary,
            connections: CONNECTIONS,
            requests: REQUESTS,
        };
        while let Some(flag) = args.next() {
            let value = args
                .next()
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|v| *v > 0)
                .ok_or(format!("{flag} takes a positive number"))?;
            match flag.as_str() {
                "--connections" => parsed.connections = value,
                "--requests" => parsed.requests = value,
                _ => return Err(format!("unknown flag {flag}")),
            }
        }
        Ok(parsed)
    }
}

async fn run(args: Args) {
    let stub = spawn_stub().await;
    let proxy = ProxyProcess::spawn(&args.proxy_binary, stub).await;
    let idle_rss = proxy.status_kib("VmRSS");
    println!(
        "chorus-proxy pid {} on {}, stub upstream on {}; proxy log level {}",
        proxy.pid,
        proxy.addr,
        stub,
        std::env::var("RUST_LOG").unwrap_or_else(|_| "info (default)".into())
    );
    println!(
        "{} cores, load average before: {}; {} measured requests per row after {} of warm-up; \
         each comparison stops after {:?}\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZeroUsize::get),
        load_average(),
        args.requests,
        WARMUP,
        COMPARISON_DEADLINE
    );
    println!("{}", Row::HEADER);

    // Many connections saturate the machine (throughput); few show the proxy's own latency
    // rather than queueing behind the other connections.
    let mut compared = Vec::new();
    for grant in [Grant::Exchange, Grant::Refresh] {
        for connections in [args.connections, LATENCY_CONNECTIONS] {
            let (comparison, _) = compare(stub, &proxy, grant, connections, args.requests).await;
            compared.push(comparison);
        }
    }
    let after_scenarios_rss = proxy.status_kib("VmRSS");

    // Memory: hold 256 keep-alive tabs and load them with exchanges and refreshes alternately.
    let sampler = RssSampler::start(proxy.pid);
    let (comparison, held) =
        compare(stub, &proxy, Grant::Mixed, HELD_CONNECTIONS, args.requests).await;
    let loaded_rss = sampler.stop().await;
    compared.push(comparison);
    let held_idle_rss = proxy.status_kib("VmRSS");
    let open_held = held.len();
    drop(held);
    // Give the proxy a moment to notice the closed sockets and free their buffers; there is no
    // event to wait for from outside the process.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after_rss = proxy.status_kib("VmRSS");
    let peak_rss = proxy.status_kib("VmHWM");
    println!("load average after: {}", load_average());

    println!(
        "\nthrough the proxy, and what it adds over direct (same connections, mix and count)\n\
         goals: ≥ {GOAL_RPS:.0} req/s, p99 added ≤ {} ms\n\n\
         grant     conns    req/s  goal       p50 added    p99 added  goal     proxy CPU/req  → req/s per proxy core",
        GOAL_ADDED_P99.as_millis()
    );
    for row in &compared {
        row.print();
    }

    println!(
        "\nproxy resident memory (VmRSS; goal ≤ {} MiB)",
        GOAL_RSS_KIB / 1024
    );
    let memory_rows = [
        ("idle, just started", idle_rss),
        (
            "after the rows above (refresh cache filled)",
            after_scenarios_rss,
        ),
        ("256 connections under load (highest sample)", loaded_rss),
        ("256 connections open, load over", held_idle_rss),
        ("connections closed, 1 s later", after_rss),
        ("peak over the whole run (VmHWM)", peak_rss),
    ];
    for (label, kib) in memory_rows {
        match kib {
            Some(kib) => println!(
                "  {label:<46} {:>7.1} MiB  {}",
                kib as f64 / 1024.0,
                verdict(kib <= GOAL_RSS_KIB)
            ),
            None => println!("  {label:<46}  unreadable"),
        }
    }
    if open_held < HELD_CONNECTIONS {
        println!("  note: only {open_held} of {HELD_CONNECTIONS} connections stayed open");
    }
    proxy.stop().await;

    hostile::run(&args.proxy_binary, stub, &compared).await;
}

/// One line of the summary: a proxied phase against its direct twin.
#[derive(Debug)]
struct Comparison {
    grant: Grant,
    connections: usize,
    rps: f64,
    added_p50: f64,
    added_p99: f64,
    proxy_cpu_per_request: Option<f64>,
}

impl Comparison {
    fn of(grant: Grant, connections: usize, direct: &Phase, through: &Phase) -> Self {
        let added = |p| through.percentile(p).as_secs_f64() - direct.percentile(p).as_secs_f64();
        Self {
            grant,
            connections,
            rps: through.rps(),
            added_p50: added(0.5),
            added_p99: added(0.99),
            proxy_cpu_per_request: through.proxy_cpu_per_request(),
        }
    }

    fn print(&self) {
        let cpu = self.proxy_cpu_per_request.map_or("-".into(), |s| {
            format!("{:>6.0} µs  → {:>6.0}", s * 1e6, 1.0 / s)
        });
        println!(
            "{:<9} {:>5} {:>8.0}  {:<8} {:>11} {:>12}  {:<8} {cpu}",
            self.grant.name(),
            self.connections,
            self.rps,
            verdict(self.rps >= GOAL_RPS),
            signed_ms(self.added_p50),
            signed_ms(self.added_p99),
            verdict(self.added_p99 <= GOAL_ADDED_P99.as_secs_f64()),
        );
    }
}

/// `/proc/loadavg`'s first three fields: other work on the machine skews every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

fn signed_ms(seconds: f64) -> String {
    format!("{:+.2} ms", seconds * 1000.0)
}

/// Sends `requests` of `grant` over `connections` straight to the stub and as many through the
/// proxy, in alternating rounds after a warm-up; prints both rows. Returns the comparison and
/// the proxy's connections, still open.
async fn compare(
    stub: SocketAddr,
    proxy: &ProxyProcess,
    grant: Grant,
    connections: usize,
    requests: usize,
) -> (Comparison, Vec<Connection>) {
    let deadline = Instant::now() + COMPARISON_DEADLINE;
    let mut direct = Connection::open_all(Route::Direct(stub), connections).await;
    let mut through = Connection::open_all(Route::Proxy(proxy.addr), connections).await;
    run_phase(&mut direct, grant, WARMUP, proxy, deadline).await;
    run_phase(&mut through, grant, WARMUP, proxy, deadline).await;
    let (mut direct_phase, mut through_phase) = (Phase::default(), Phase::default());
    let per_round = requests.div_ceil(ROUNDS);
    for round in 0..ROUNDS {
        let count = per_round.min(requests.saturating_sub(round * per_round));
        direct_phase.absorb(run_phase(&mut direct, grant, count, proxy, deadline).await);
        through_phase.absorb(run_phase(&mut through, grant, count, proxy, deadline).await);
    }
    direct_phase.print(Route::Direct(stub), grant, direct.len());
    through_phase.print(Route::Proxy(proxy.addr), grant, through.len());
    let comparison = Comparison::of(grant, connections, &direct_phase, &through_phase);
    (comparison, through)
}

// --- the stub upstream -------------------------------------------------------------------------

/// The fields Spotify's token endpoint reads (docs/spotify-contract.md §1).
#[derive(Debug, Deserialize)]
struct TokenForm {
    client_id: Option<String>,
    grant_type: Option<String>,
    code: Option<String>,
    code_verifier: Option<String>,
    redirect_uri: Option<String>,
    refresh_token: Option<String>,
}

/// Binds the stub on 127.0.0.1:0 and serves it for the life of the bench.
async fn spawn_stub() -> SocketAddr {
    let issued = Arc::new(AtomicU64::new(0));
    let app = Router::new()
        .route("/api/token", post(stub_token))
        .with_state(issued);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the stub upstream");
    let addr = listener.local_addr().expect("the stub's address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// Checks what Spotify checks without keeping state (any code is valid once it is well-formed),
/// so the stub costs the same in the direct and the proxied run and never becomes the bottleneck.
async fn stub_token(State(issued): State<Arc<AtomicU64>>, Form(form): Form<TokenForm>) -> Response {
    if form.client_id.as_deref() != Some(CLIENT_ID) {
        return oauth_error("invalid_client", "Invalid client");
    }
    let n = issued.fetch_add(1, Ordering::Relaxed);
    match form.grant_type.as_deref() {
        Some("authorization_code") => {
            if form.code.is_none() || form.redirect_uri.is_none() {
                return oauth_error("invalid_grant", "Invalid authorization code");
            }
            if form.code_verifier.as_deref() != Some(VERIFIER) {
                return oauth_error("invalid_grant", "code_verifier was incorrect");
            }
            Json(
                json!({"access_token": format!("at-{n}"), "token_type": "Bearer",
                        "scope": "streaming user-read-email", "expires_in": 3600,
                        "refresh_token": format!("rt-{n}")}),
            )
            .into_response()
        }
        Some("refresh_token") => {
            if !form
                .refresh_token
                .as_deref()
                .is_some_and(|t| t.starts_with("rt-"))
            {
                return oauth_error("invalid_grant", "Invalid refresh token");
            }
            Json(
                json!({"access_token": format!("at-{n}"), "token_type": "Bearer",
                        "scope": "streaming", "expires_in": 3600}),
            )
            .into_response()
        }
        _ => oauth_error("unsupported_grant_type", "grant_type parameter is missing"),
    }
}

// --- the proxy process -------------------------------------------------------------------------

#[derive(Debug)]
struct ProxyProcess {
    child: Child,
    pid: u32,
    addr: SocketAddr,
    _static_dir: TempDir,
}

impl ProxyProcess {
    async fn spawn(binary: &Path, stub: SocketAddr) -> Self {
        Self::spawn_logging(binary, stub, None).await
    }

    /// A proxy whose log (stderr) goes to `log`, or nowhere. Every proxy of the bench gets the
    /// first one's redirect URI, so one exchange body fits them all.
    async fn spawn_logging(binary: &Path, stub: SocketAddr, log: Option<&Path>) -> Self {
        // The proxy takes a fixed address; a port the kernel just handed out is free in practice.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port for the proxy");
        REDIRECT_URI.get_or_init(|| format!("http://{addr}/callback"));
        let static_dir = TempDir::new();
        let stub_base = format!("http://{stub}");
        let mut command = tokio::process::Command::new(binary);
        command
            .args(["--listen", &addr.to_string()])
            .arg("--static-dir")
            .arg(&static_dir.0)
            .args(["--client-id", CLIENT_ID])
            .args(["--redirect-uri", redirect_uri()])
            .args(["--accounts-base-url", &stub_base])
            .args(["--api-base-url", &format!("{stub_base}/v1")])
            .args(["--sdk-url", &format!("{stub_base}/spotify-player.js")])
            .args(["--token-url", &format!("{stub_base}/api/token")])
            .args(["--sealing-key", SEALING_KEY])
            // Every simulated tab comes from 127.0.0.1; the limiter still runs, it never refuses.
            .args(["--rate-limit-per-minute", "4000000000"])
            .args(["--rate-limit-burst", "4000000000"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(match log {
                Some(path) => std::fs::File::create(path)
                    .map(Stdio::from)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display())),
                None => Stdio::null(),
            })
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let pid = child.id().expect("the proxy's pid right after spawn");
        let started = Instant::now();
        while TcpStream::connect(addr).await.is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the proxy exited before listening ({status}); run it by hand: {command:?}");
            }
            assert!(
                started.elapsed() < START_DEADLINE,
                "the proxy did not listen on {addr} within {START_DEADLINE:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Listening comes before the router is built: one answered request means fully started.
        let mut probe = Connection::open(Route::Proxy(addr), 0).await;
        probe
            .health()
            .await
            .unwrap_or_else(|failure| panic!("the proxy's /healthz: {failure}"));
        Self {
            child,
            pid,
            addr,
            _static_dir: static_dir,
        }
    }

    /// A `kB` line of `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
    fn status_kib(&self, field: &str) -> Option<u64> {
        status_kib(self.pid, field)
    }

    /// User + system CPU time the proxy has used so far, from `/proc/<pid>/stat`.
    fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // The command name (field 2) may hold spaces; the fields after its ')' are fixed.
        let after_name = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line, 11 and 12 after the name.
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(ticks as f64 / CLOCK_TICKS_PER_SEC)
    }

    async fn stop(mut self) {
        // Only our own child, by its handle; kill_on_drop covers a panic on the way here.
        let _ = self.child.kill().await;
    }
}

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// The proxy's `--static-dir`: an index.html so it starts as it would in production.
#[derive(Debug)]
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("chorus-proxy-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary static dir");
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>bench</title>",
        )
        .expect("write the bench index.html");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads VmRSS until stopped and keeps the highest value.
#[derive(Debug)]
struct RssSampler {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<Option<u64>>,
}

impl RssSampler {
    fn start(pid: u32) -> Self {
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(async move {
            let mut highest = None;
            let mut every = tokio::time::interval(RSS_SAMPLE_EVERY);
            loop {
                tokio::select! {
                    _ = &mut stopped => return highest,
                    _ = every.tick() => highest = highest.max(status_kib(pid, "VmRSS")),
                }
            }
        });
        Self { stop, task }
    }

    async fn stop(self) -> Option<u64> {
        let _ = self.stop.send(());
        self.task.await.ok().flatten()
    }
}

// --- the load generator ------------------------------------------------------------------------

/// Where requests go: the stub itself, or the proxy in front of it.
#[derive(Debug, Clone, Copy)]
enum Route {
    Direct(SocketAddr),
    Proxy(SocketAddr),
}

/// The redirect URI every exchange carries: the proxy's, also in direct requests, so both
/// send the stub the very same form.
static REDIRECT_URI: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn redirect_uri() -> &'static str {
    REDIRECT_URI
        .get()
        .map_or("http://127.0.0.1/callback", String::as_str)
}

impl Route {
    fn addr(self) -> SocketAddr {
        match self {
            Self::Direct(addr) | Self::Proxy(addr) => addr,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Direct(_) => "direct",
            Self::Proxy(_) => "proxy",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grant {
    Exchange,
    Refresh,
    /// Exchanges and refreshes alternately.
    Mixed,
}

impl Grant {
    fn name(self) -> &'static str {
        match self {
            Self::Exchange => "exchange",
            Self::Refresh => "refresh",
            Self::Mixed => "mixed",
        }
    }

    fn for_ticket(self, ticket: usize) -> Self {
        match self {
            Self::Mixed if ticket % 2 == 0 => Self::Exchange,
            Self::Mixed => Self::Refresh,
            other => other,
        }
    }
}

/// One keep-alive connection, playing one tab with its own session id.
#[derive(Debug)]
struct Connection {
    sender: SendRequest<Full<Bytes>>,
    route: Route,
    session: String,
    /// Direct: the refresh token. Proxy: the `chorus_rt_<session>=<sealed>` cookie pair.
    credential: String,
    codes: u64,
}

/// Why one request did not count.
#[derive(Debug)]
enum Failure {
    /// The connection is gone; its tab stops.
    Transport(String),
    /// An answer other than 200 (the connection stays usable).
    Status(StatusCode, String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "connection failed: {error}"),
            Self::Status(status, body) => write!(f, "{status}: {body}"),
        }
    }
}

impl Connection {
    async fn open_all(route: Route, count: usize) -> Vec<Self> {
        let mut open = Vec::with_capacity(count);
        for n in 0..count {
            let mut connection = Self::open(route, n).await;
            connection
                .sign_in()
                .await
                .unwrap_or_else(|failure| panic!("tab {n} cannot sign in: {failure}"));
            open.push(connection);
        }
        open
    }

    async fn open(route: Route, n: usize) -> Self {
        let stream = TcpStream::connect(route.addr())
            .await
            .expect("connect over loopback");
        // Small request/answer pairs: without it Nagle delays every second write.
        stream.set_nodelay(true).expect("TCP_NODELAY");
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("HTTP/1.1 handshake");
        tokio::spawn(connection);
        Self {
            sender,
            route,
            session: format!("bench-tab-{n:04}-{:08}", std::process::id()),
            credential: String::new(),
            codes: 0,
        }
    }

    async fn health(&mut self) -> Result<(), Failure> {
        let request = Request::get("/healthz")
            .header(header::HOST, self.route.addr().to_string())
            .body(Full::new(Bytes::new()))
            .expect("a request from fixed, valid parts");
        self.round_trip(request).await.map(drop)
    }

    /// One exchange that keeps what a refresh needs afterwards.
    async fn sign_in(&mut self) -> Result<(), Failure> {
        let (headers, body) = self.send(Grant::Exchange).await?;
        self.credential = match self.route {
            Route::Direct(_) => serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["refresh_token"].as_str().map(str::to_owned))
                .ok_or_else(|| Failure::Status(StatusCode::OK, "no refresh_token".into()))?,
            Route::Proxy(_) => cookie_pair(&headers)
                .ok_or_else(|| Failure::Status(StatusCode::OK, "no Set-Cookie".into()))?,
        };
        Ok(())
    }

    /// One request; through the proxy a refresh keeps the newest cookie, as a browser does.
    async fn request(&mut self, grant: Grant) -> Result<(), Failure> {
        let (headers, _) = self.send(grant).await?;
        if let (Route::Proxy(_), Grant::Refresh) = (self.route, grant) {
            if let Some(pair) = cookie_pair(&headers) {
                self.credential = pair;
            }
        }
        Ok(())
    }

    async fn send(&mut self, grant: Grant) -> Result<(header::HeaderMap, Bytes), Failure> {
        let request = self.build(grant);
        self.round_trip(request).await
    }

    async fn round_trip(
        &mut self,
        request: Request<Full<Bytes>>,
    ) -> Result<(header::HeaderMap, Bytes), Failure> {
        self.sender
            .ready()
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?
            .to_bytes();
        if parts.status != StatusCode::OK {
            let text = String::from_utf8_lossy(&body).chars().take(200).collect();
            return Err(Failure::Status(parts.status, text));
        }
        Ok((parts.headers, body))
    }

    fn build(&mut self, grant: Grant) -> Request<Full<Bytes>> {
        self.codes += 1;
        let code = format!("code-{}-{}", self.session, self.codes);
        let host = self.route.addr().to_string();
        let builder = Request::post("/").header(header::HOST, host);
        let (builder, content_type, body) = match (self.route, grant) {
            (Route::Direct(_), Grant::Refresh) => (
                builder.uri("/api/token"),
                "application/x-www-form-urlencoded",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("client_id", CLIENT_ID)
                    .append_pair("grant_type", "refresh_token")
                    .append_pair("refresh_token", &self.credential)
                    .finish(),
            ),
            (Route::Direct(_), _) => (
                builder.uri("/api/token"),
                "application/x-www-form-urlencoded",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("client_id", CLIENT_ID)
                    .append_pair("grant_type", "authorization_code")
                    .append_pair("code", &code)
                    .append_pair("redirect_uri", redirect_uri())
                    .append_pair("code_verifier", VERIFIER)
                    .finish(),
            ),
            (Route::Proxy(_), Grant::Refresh) => (
                builder
                    .uri("/api/token/refresh")
                    .header("x-chorus-session", &self.session)
                    .header(header::COOKIE, &self.credential),
                "application/json",
                String::new(),
            ),
            (Route::Proxy(_), _) => (
                builder
                    .uri("/api/token/exchange")
                    .header("x-chorus-session", &self.session),
                "application/json",
                json!({"code": code, "code_verifier": VERIFIER, "redirect_uri": redirect_uri()})
                    .to_string(),
            ),
        };
        builder
            .header(header::CONTENT_TYPE, content_type)
            .body(Full::new(Bytes::from(body)))
            .expect("a request from fixed, valid parts")
    }
}

/// `name=value` of the refresh cookie in a `Set-Cookie` answer.
fn cookie_pair(headers: &header::HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|line| line.split(';').next())
        .find(|pair| pair.starts_with("chorus_rt_") && !pair.ends_with('='))
        .map(str::to_owned)
}

/// What one phase (or several rounds of it) measured.
#[derive(Debug, Default)]
struct Phase {
    /// Latencies of the successful requests, sorted.
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<Failure>,
    wall: Duration,
    proxy_cpu: Option<f64>,
    rounds: usize,
}

impl Phase {
    /// Adds a later round of the same phase.
    fn absorb(&mut self, round: Phase) {
        self.proxy_cpu = match (self.rounds, self.proxy_cpu, round.proxy_cpu) {
            (0, _, cpu) => cpu,
            (_, Some(total), Some(cpu)) => Some(total + cpu),
            _ => None,
        };
        self.rounds += 1;
        self.latencies.extend(round.latencies);
        self.latencies.sort_unstable();
        self.errors += round.errors;
        self.first_error = self.first_error.take().or(round.first_error);
        self.wall += round.wall;
    }

    fn rps(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64().max(f64::EPSILON)
    }

    fn proxy_cpu_per_request(&self) -> Option<f64> {
        let ok = self.latencies.len();
        self.proxy_cpu.filter(|_| ok > 0).map(|s| s / ok as f64)
    }

    fn percentile(&self, p: f64) -> Duration {
        let Some(last) = self.latencies.len().checked_sub(1) else {
            return Duration::ZERO;
        };
        self.latencies[((last as f64) * p).round() as usize]
    }

    fn print(&self, route: Route, grant: Grant, connections: usize) {
        let cpu = match (route, self.proxy_cpu) {
            (Route::Proxy(_), Some(seconds)) if !self.latencies.is_empty() => format!(
                "{:>6.0} µs ({:>3.0}%)",
                seconds * 1e6 / self.latencies.len() as f64,
                seconds * 100.0 / self.wall.as_secs_f64()
            ),
            _ => "-".into(),
        };
        println!(
            "{:<9} {:<7} {:>5} {:>8} {:>6} {:>8.0} {:>9} {:>9} {:>9}   {cpu}",
            grant.name(),
            route.name(),
            connections,
            self.latencies.len(),
            self.errors,
            self.rps(),
            ms(self.percentile(0.5)),
            ms(self.percentile(0.99)),
            ms(self.latencies.last().copied().unwrap_or_default()),
        );
        if let Some(failure) = &self.first_error {
            println!("          first error: {failure}");
        }
    }
}

struct Row;

impl Row {
    const HEADER: &'static str = "grant     route   conns       ok errors    req/s       p50       p99       max   proxy CPU/req (of 1 core)";
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Sends `requests` requests over `connections` (each its own tab, one request at a time),
/// dropping connections that break. Stops early at `deadline`.
async fn run_phase(
    connections: &mut Vec<Connection>,
    grant: Grant,
    requests: usize,
    proxy: &ProxyProcess,
    deadline: Instant,
) -> Phase {
    let tickets = Arc::new(AtomicUsize::new(0));
    let cpu_before = proxy.cpu_seconds();
    let started = Instant::now();
    let count = connections.len().max(1);
    let mut tasks = Vec::with_capacity(count);
    for mut connection in connections.drain(..) {
        let tickets = tickets.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(requests / count + 1);
            let mut errors = 0;
            let mut first_error = None;
            let mut alive = true;
            loop {
                let ticket = tickets.fetch_add(1, Ordering::Relaxed);
                if ticket >= requests || Instant::now() >= deadline {
                    break;
                }
                let sent = Instant::now();
                match connection.request(grant.for_ticket(ticket)).await {
                    Ok(()) => latencies.push(sent.elapsed()),
                    Err(failure) => {
                        errors += 1;
                        alive = !matches!(failure, Failure::Transport(_));
                        first_error.get_or_insert(failure);
                        if !alive {
                            break;
                        }
                    }
                }
            }
            (alive.then_some(connection), latencies, errors, first_error)
        }));
    }
    let mut phase = Phase {
        latencies: Vec::with_capacity(requests),
        ..Phase::default()
    };
    for task in tasks {
        let (connection, latencies, errors, first_error) = task.await.expect("a load task");
        connections.extend(connection);
        phase.latencies.extend(latencies);
        phase.errors += errors;
        if phase.first_error.is_none() {
            phase.first_error = first_error;
        }
    }
    phase.wall = started.elapsed();
    phase.proxy_cpu = cpu_before
        .zip(proxy.cpu_seconds())
        .map(|(before, after)| after - before);
    phase.latencies.sort_unstable();
    phase
}
