//! Measurements, not checks (ignored by default): refresh round trips through the proxy to the
//! stub upstream over loopback, sequential and with several tabs at once. Bounded in count.
//!
//!   cargo test -p chorus-proxy --release --test measure -- --ignored --nocapture

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use support::{Proxy, Regime, StubUpstream};

const ROUNDS: usize = 400;
const TABS: usize = 8;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run with --ignored --nocapture"]
async fn refresh_round_trip_latency_and_throughput() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--rate-limit-burst", "1000000"]).await;

    let mut tab = proxy.tab("measure-tab-0123456789");
    tab.sign_in(&stub, "code-measure").await;
    let mut latencies = Vec::with_capacity(ROUNDS);
    let started = Instant::now();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        assert_eq!(tab.refresh().await.status, StatusCode::OK);
        latencies.push(t.elapsed());
    }
    let sequential = started.elapsed();
    latencies.sort();
    println!(
        "sequential refresh: {ROUNDS} in {sequential:?}, p50 {:?}, p99 {:?}, max {:?}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or_default()
    );

    let proxy = std::sync::Arc::new(proxy);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..TABS {
        let proxy = proxy.clone();
        let stub = stub.clone();
        tasks.push(tokio::spawn(async move {
            let mut tab = proxy.tab(&format!("measure-tab-{n:02}-0123456789"));
            tab.sign_in(&stub, &format!("code-measure-{n}")).await;
            for _ in 0..ROUNDS / TABS {
                assert_eq!(tab.refresh().await.status, StatusCode::OK);
            }
        }));
    }
    for task in tasks {
        task.await.expect("tab task");
    }
    let concurrent = started.elapsed();
    println!(
        "{TABS} tabs at once (sign-in + refreshes): {} requests in {concurrent:?} ({:.0}/s)",
        ROUNDS + TABS,
        (ROUNDS + TABS) as f64 / concurrent.as_secs_f64()
    );
}
