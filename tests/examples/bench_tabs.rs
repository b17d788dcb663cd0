//! `cargo xtask bench tabs [--browser E] [--users N]`: N listeners, one tab each, in one browser
//! (Chromium, Firefox or WebKit, as `CHORUS_BROWSER` says; in MiniBrowser each listener gets a
//! window, see `Browser::open_tab`). Signs N sandbox users in (the seeded Premium ones first,
//! then new Premium listeners who sign up on the sandbox's accounts pages), activates "Start
//! playing here" (Enter) in every tab one after the other, and prints how long until the sandbox
//! sees all N playing, press-to-playing latency p50/p95 and memory per tab — beside the goals.
//! Asserts nothing.
//!
//! Memory is measured the same way on every engine: the proportional set size (PSS) of the
//! browser's content processes (the ones that run pages), summed and divided by N. Chromium
//! also has `performance.memory` (the JS heap per tab), printed too where it exists.
//!
//! By hand: `CHORUS_BROWSER=firefox cargo run -p chorus-browser-tests --example bench_tabs --
//! --users 10` (needs `dist/`: `cargo xtask build`).

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use chorus_browser_tests::{flows, world, Browser, HarnessError, Result, Stack, Tab};
use fantoccini::{key::Key, Locator};
use serde_json::Value;
use spotify_sandbox::config::SandboxConfig;

/// The seeded Premium users, in the order the bench takes them.
const SEEDED: [&str; 8] = [
    "alice", "bruno", "chen", "dana", "emil", "farah", "goran", "hana",
];
/// How often the sandbox's state is read while waiting for playback.
const POLL: Duration = Duration::from_millis(10);
/// How long all tabs may take before the bench gives up.
const LIMIT: Duration = Duration::from_secs(60);

const START_ENABLED: &str =
    "const b = document.querySelector('#start-here'); return !!b && !b.disabled;";

#[tokio::main]
async fn main() -> Result<()> {
    let users = users_from_args()?;
    let sandbox = SandboxConfig {
        allowlist_size: 100,
        ..SandboxConfig::default()
    };
    let stack = Stack::start_configured(sandbox, &[]).await?;
    let browser = Browser::launch(&stack).await?;
    let outcome = bench(&stack, &browser, users).await;
    if outcome.is_err() {
        if let Ok(path) = browser.screenshot("failed-bench-tabs").await {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
    let closed = browser.close().await;
    outcome.and(closed)
}

fn users_from_args() -> Result<usize> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => Ok(10),
        [flag, n] if flag == "--users" => {
            n.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                HarnessError::Setup(format!("--users takes a number ≥ 1, not {n:?}"))
            })
        }
        other => Err(HarnessError::Setup(format!(
            "usage: bench_tabs [--users N], not {other:?}"
        ))),
    }
}

async fn bench(stack: &Stack, browser: &Browser, n: usize) -> Result<()> {
    println!(
        "bench tabs: {n} listeners, one tab each, in one {}",
        browser.engine()
    );
    let prepared = Instant::now();
    let mut tabs: Vec<(Tab, String)> = Vec::with_capacity(n);
    for i in 0..n {
        let tab = if i == 0 {
            browser.goto(stack.app_url()).await?;
            browser.current_tab().await?
        } else {
            browser.open_tab(stack.app_url()).await?
        };
        let user = match SEEDED.get(i) {
            Some(seeded) => {
                flows::sign_in_as(browser, seeded).await?;
                (*seeded).to_owned()
            }
            None => sign_in_new(stack, browser, i + 1).await?,
        };
        browser
            .wait_for("the Start playing here button to be enabled", START_ENABLED)
            .await?;
        println!("  tab {:>2}: {user} signed in, device ready", i + 1);
        tabs.push((tab, user));
    }
    println!(
        "  {n} tabs signed in with a ready device in {:.1} s",
        prepared.elapsed().as_secs_f64()
    );

    let watcher = tokio::spawn(watch_until_playing(
        stack.sandbox_url(),
        tabs.iter().map(|(_, user)| user.clone()).collect(),
    ));
    let mut clicked: HashMap<String, Instant> = HashMap::new();
    for (tab, user) in &tabs {
        browser.switch_to(tab).await?;
        clicked.insert(user.clone(), Instant::now());
        press_enter_on(browser, "#start-here").await?;
    }
    let playing = match watcher
        .await
        .map_err(|e| HarnessError::Setup(format!("the sandbox watcher stopped: {e}")))?
    {
        Ok(playing) => playing,
        Err(error) => {
            screenshot_silent_tabs(stack, browser, &tabs).await;
            return Err(error);
        }
    };

    let first_click = clicked.values().min().copied();
    let all_playing = playing.values().map(|seen| seen.at).max();
    let total = match (first_click, all_playing) {
        (Some(first), Some(last)) => last.saturating_duration_since(first),
        _ => Duration::ZERO,
    };
    let mut latencies: Vec<f64> = tabs
        .iter()
        .filter_map(|(_, user)| {
            let click = clicked.get(user)?;
            let seen = playing.get(user)?;
            Some(seen.at.saturating_duration_since(*click).as_secs_f64() * 1000.0)
        })
        .collect();
    latencies.sort_by(f64::total_cmp);

    let mut heaps = Vec::with_capacity(n);
    let mut served: Vec<f64> = Vec::with_capacity(n);
    for (tab, user) in &tabs {
        browser.switch_to(tab).await?;
        // When this tab sent its first PUT /me/player/play, in Unix ms (same machine, same
        // clock as the sandbox's `now_ms`).
        let sent = browser
            .eval("const e = performance.getEntriesByType('resource').find(r => r.name.includes('/me/player/play')); return e ? performance.timeOrigin + e.startTime : null;")
            .await?;
        if let (Some(sent), Some(sandbox_ms)) = (
            sent.as_f64(),
            playing.get(user).and_then(|seen| seen.sandbox_ms),
        ) {
            served.push((sandbox_ms as f64 - sent).max(0.0));
        }
        let heap = browser
            .eval("return (performance.memory && performance.memory.usedJSHeapSize) || null;")
            .await?;
        heaps.push((user.clone(), heap.as_f64().map(|b| b / (1024.0 * 1024.0))));
    }

    println!();
    println!(
        "  all {n} playing (sandbox state), first press → last playing: {:>7.0} ms   goal (N = 10): ≤ 10000 ms",
        total.as_secs_f64() * 1000.0
    );
    served.sort_by(f64::total_cmp);
    println!(
        "  play request → playing, p50: {:>7.0} ms   p95: {:>7.0} ms        goal: p95 ≤ 100 ms  ({} of {n} tabs)",
        percentile(&served, 0.50),
        percentile(&served, 0.95),
        served.len()
    );
    println!(
        "    from the tab's PUT /me/player/play leaving the browser (Resource Timing) to the first"
    );
    println!("    /_sandbox/state read (every 10 ms) showing the account playing, on the sandbox's clock:");
    println!("    the sandbox keeps no timestamps of its own, so this is up to ~10 ms late.");
    println!(
        "  press → playing,         p50: {:>7.0} ms   p95: {:>7.0} ms        (no goal)",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95)
    );
    println!("    from the bench's key press (Enter on the button) to the same state read: adds the WebDriver");
    println!("    round trip and the app's top-tracks request that picks what to play before PUT /me/player/play.");
    let memory = browser.content_memory();
    let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "  memory per tab (content processes' PSS / {n}): {:>6.1} MB   ({} content processes, {:.1} MB in all)",
        mb(memory.pss_bytes) / n as f64,
        memory.processes,
        mb(memory.pss_bytes)
    );
    println!("    PSS counts each shared page as its share, so shared libraries are not counted per process;");
    println!("    it includes each engine's own per-process baseline, so it compares engines, not only the app.");
    if heaps.iter().all(|(_, mb)| mb.is_none()) {
        println!(
            "  JS heap per tab: n/a (no performance.memory in this engine)   goal: ≤ 30 MB per tab"
        );
        return Ok(());
    }
    let max_heap = heaps
        .iter()
        .filter_map(|(_, mb)| *mb)
        .fold(0.0_f64, f64::max);
    println!("  JS heap per tab (performance.memory.usedJSHeapSize), max {max_heap:.1} MB   goal: ≤ 30 MB per tab");
    for (user, mb) in &heaps {
        match mb {
            Some(mb) => println!("    {user:<10} {mb:>6.1} MB"),
            None => println!("    {user:<10}    n/a"),
        }
    }
    println!("    Chromium buckets this figure unless run with --enable-precise-memory-info, and tabs of");
    println!("    one site may share a renderer process: read it as an upper bound per tab.");
    Ok(())
}

/// Presses Enter on the button `css` (a user activation, like a click). Not a pointer click:
/// while other listeners start, this tab's "Also here" strip grows and moves the button, and
/// WebKit, slower to dispatch, can then click where the button was a moment before.
async fn press_enter_on(browser: &Browser, css: &str) -> Result<()> {
    let button = browser.client().find(Locator::Css(css)).await?;
    button.send_keys(&Key::Enter.to_string()).await?;
    Ok(())
}

/// A screenshot of each tab whose listener does not play, for the failure's report.
async fn screenshot_silent_tabs(stack: &Stack, browser: &Browser, tabs: &[(Tab, String)]) {
    let Ok(state) = stack.sandbox_state().await else {
        return;
    };
    for (tab, user) in tabs {
        if world::is_playing(&state, user) || browser.switch_to(tab).await.is_err() {
            continue;
        }
        if let Ok(path) = browser
            .screenshot(&format!("failed-bench-tabs-{user}"))
            .await
        {
            eprintln!("{user} does not play: {}", path.display());
        }
    }
}

/// Signs the current tab in as a new Premium listener `Bench N` (sandbox user id `benchN`, password
/// as a seeded user's). Signing up on the sandbox creates the user, but outside the
/// development-mode allowlist (the Web API refuses it): register it through the admin API, then
/// sign in again as that user.
async fn sign_in_new(stack: &Stack, browser: &Browser, number: usize) -> Result<String> {
    let name = format!("Bench {number}");
    let user_id = format!("bench{number}");
    let password = spotify_sandbox::catalogue::library::seeded_password(&user_id);
    flows::open_spotify(browser).await?;
    flows::sign_up_on_spotify(browser, &name, &password).await?;
    flows::answer_consent(browser, "approve").await?;
    browser
        .wait_for(
            "the consent screen to send the tab back to the app",
            &format!(
                "return location.origin === {};",
                Value::String(stack.app_url().to_owned())
            ),
        )
        .await?;
    stack
        .sandbox_admin("allowlist", serde_json::json!({ "user_id": user_id }))
        .await?;
    browser.goto(stack.app_url()).await?;
    let shown = browser
        .wait_for(
            "the app to offer Connect or show the listener",
            "return document.querySelector('#listener-name') ? 'in' : (document.querySelector('#connect') ? 'out' : null);",
        )
        .await?;
    if shown != "in" {
        flows::sign_in_as(browser, &user_id).await?;
    }
    Ok(user_id)
}

/// When the bench first saw an account playing: its own clock, and the sandbox's (`now_ms`).
#[derive(Debug, Clone, Copy)]
struct Seen {
    at: Instant,
    sandbox_ms: Option<u64>,
}

/// Reads `/_sandbox/state` every [`POLL`] until every user in `users` plays, and returns when
/// each was first seen playing.
async fn watch_until_playing(
    sandbox_url: String,
    users: Vec<String>,
) -> Result<HashMap<String, Seen>> {
    let http = reqwest::Client::new();
    let url = format!("{sandbox_url}/_sandbox/state");
    let deadline = Instant::now() + LIMIT;
    let mut seen: HashMap<String, Seen> = HashMap::new();
    while seen.len() < users.len() {
        let state: Value = http
            .get(&url)
            .send()
            .await
            .map_err(|e| HarnessError::Setup(format!("GET {url}: {e}")))?
            .json()
            .await
            .map_err(|e| HarnessError::Setup(format!("GET {url}: {e}")))?;
        let now = Instant::now();
        let sandbox_ms = state["now_ms"].as_u64();
        for account in state["accounts"].as_array().into_iter().flatten() {
            let Some(user) = account["user_id"].as_str() else {
                continue;
            };
            if account["playback"]["is_playing"] == Value::Bool(true)
                && users.iter().any(|u| u == user)
            {
                seen.entry(user.to_owned()).or_insert(Seen {
                    at: now,
                    sandbox_ms,
                });
            }
        }
        if now >= deadline {
            let missing: Vec<&str> = users
                .iter()
                .filter(|u| !seen.contains_key(*u))
                .map(String::as_str)
                .collect();
            return Err(HarnessError::Timeout {
                what: format!(
                    "all {} accounts playing ({} were; not {})",
                    users.len(),
                    seen.len(),
                    missing.join(", ")
                ),
                seconds: LIMIT.as_secs(),
            });
        }
        tokio::time::sleep(POLL).await;
    }
    Ok(seen)
}

/// Nearest-rank percentile of sorted `values` (0 when empty).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}
