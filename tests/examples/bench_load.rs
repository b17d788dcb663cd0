//! `cargo xtask bench load`: the first and the next load of the app from a release proxy, in
//! headless Chromium, at loopback speed and throttled to 1.6 Mbps / 150 ms RTT (CDP network
//! emulation). Five cold runs (empty cache) and five warm runs (cache kept) each; prints the
//! median and max of bytes on the wire (to the Connect button, and once the whole app has been
//! prefetched), time to the loading screen's first paint and time to the Connect button, beside
//! the goals. Asserts nothing.
//!
//! It measures what a visitor gets: the stack serves `dist/` as built (no harness hook, whose
//! parser-blocking `<script>` cost a round trip before the loader ran) and the Connect watcher is
//! a CDP init script. Between loads the tab rests on a same-origin page with one line of text,
//! not `about:blank`: coming from `about:blank`, Chromium started a renderer process for every
//! load (≈ 40–60 ms before the first byte was parsed, the same for an empty page). That page's
//! own first paint is printed as the floor: what any page costs this browser on this machine.
//!
//! By hand: `CHROMEDRIVER=/usr/bin/chromedriver cargo run -p chorus-browser-tests --example
//! bench_load` (needs `dist/`: `cargo xtask build`).

use std::time::Duration;

use chorus_browser_tests::{Browser, HarnessError, Result, Stack};
use serde_json::{json, Value};

const RUNS: usize = 5;
const LIMIT: Duration = Duration::from_secs(60);

/// Records, in every document, when the Connect button first exists (performance.now(), ms).
const WATCH_CONNECT: &str = "
new MutationObserver((_, observer) => {
  if (document.getElementById('connect')) {
    window.__connectAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });";

/// What one load cost, read from the page once the Connect button is there and the page has
/// painted (from the cache, the boot app can put Connect in the DOM before the first frame).
const MEASURE: &str = "
function painted() { return performance.getEntriesByType('paint').some(e => e.name === 'first-paint'); }
const nav = performance.getEntriesByType('navigation')[0];
const resources = performance.getEntriesByType('resource');
const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-paint');
// Requests started before the Connect button showed (not the prefetch that follows it).
const transferred = [nav, ...resources].filter(e => e.transferSize > 0 && e.startTime < window.__connectAt);
return {
  bytes: transferred.reduce((sum, e) => sum + e.transferSize, 0),
  firstPaint: paint ? paint.startTime : null,
  connect: window.__connectAt,
  fetched: resources.filter(e => e.transferSize > 0 && e.encodedBodySize > 0)
    .map(e => new URL(e.name).pathname),
  encodings: resources.map(e => new URL(e.name).pathname + ' ' + e.encodedBodySize + '/' + e.decodedBodySize),
};";

/// Once the whole app's wasm has been prefetched (the loader does it while Welcome shows), all
/// bytes this load moved; null before.
const AFTER_PREFETCH: &str = "
const resources = performance.getEntriesByType('resource');
const whole = resources.some(e => /^\\/chorus-[0-9a-f]{16}_bg\\.wasm$/.test(new URL(e.name).pathname));
if (!whole) return null;
const nav = performance.getEntriesByType('navigation')[0];
return [nav, ...resources].reduce((sum, e) => sum + (e.transferSize || 0), 0);";

/// The rest page's first paint, once it has painted (the floor column).
const REST_PAINT: &str = "
const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-paint');
return paint ? paint.startTime : null;";

#[derive(Debug, Default)]
struct Runs {
    floor: Vec<f64>,
    bytes: Vec<f64>,
    with_prefetch: Vec<f64>,
    first_paint: Vec<f64>,
    connect: Vec<f64>,
    fetched: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<()> {
    let stack = Stack::start_as_built(Default::default(), &[]).await?;
    let browser = Browser::launch(&stack).await?;
    let outcome = bench(&stack, &browser).await;
    if outcome.is_err() {
        if let Ok(path) = browser.screenshot("failed-bench-load").await {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
    let closed = browser.close().await;
    outcome.and(closed)
}

async fn bench(stack: &Stack, browser: &Browser) -> Result<()> {
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": WATCH_CONNECT }),
        )
        .await?;
    browser.cdp("Network.enable", json!({})).await?;
    println!(
        "\n{:<24} {:>8} {:>18} {:>18} {:>18} {:>18} {:>18}",
        "load",
        "",
        "to Connect",
        "+ prefetch",
        "floor (empty page)",
        "first paint",
        "Connect button"
    );
    for (network, throttled) in [("loopback", false), ("1.6 Mbps, 150 ms", true)] {
        let conditions = if throttled {
            // 1.6 Mbps = 200,000 bytes/s each way; CDP's latency is the added round trip.
            json!({"offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 200_000})
        } else {
            json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        };
        browser
            .cdp("Network.emulateNetworkConditions", conditions)
            .await?;
        for warm in [false, true] {
            let mut runs = Runs::default();
            for _ in 0..RUNS {
                browser.goto(&stack.blank_url()).await?;
                let floor = browser
                    .wait_for("the rest page's first paint", REST_PAINT)
                    .await?;
                runs.floor.push(floor.as_f64().unwrap_or(f64::NAN));
                if !warm {
                    browser.cdp("Network.clearBrowserCache", json!({})).await?;
                }
                browser.goto(stack.app_url()).await?;
                let measured = browser
                    .wait_for_within(
                        "the Connect button",
                        &format!("if (window.__connectAt === undefined || !painted()) return null; {MEASURE}"),
                        LIMIT,
                    )
                    .await?;
                record(&mut runs, &measured)?;
                let total = browser
                    .wait_for_within("the prefetch of the whole app", AFTER_PREFETCH, LIMIT)
                    .await?;
                runs.with_prefetch.push(total.as_f64().unwrap_or(f64::NAN));
            }
            print_runs(network, warm, throttled, &runs);
        }
    }
    println!(
        "\nto Connect: bytes on the wire until the Connect button shows (a signed-out visit starts the\n\
         boot app); + prefetch: all bytes once the loader has fetched the whole app into the cache\n\
         floor: the first paint of a one-line page with no script or style, loaded the same way\n\
         goals: first paint ≤ 50 ms on loopback; Connect ≤ 1,500 ms at 1.6 Mbps cold; a warm load \
         transfers only / (index.html) and /config.json"
    );
    Ok(())
}

fn record(runs: &mut Runs, measured: &Value) -> Result<()> {
    let number = |key: &str| {
        measured[key]
            .as_f64()
            .ok_or_else(|| HarnessError::Assertion(format!("the page gave no {key}: {measured}")))
    };
    runs.bytes.push(number("bytes")?);
    runs.first_paint.push(number("firstPaint")?);
    runs.connect.push(number("connect")?);
    if let Some(fetched) = measured["fetched"].as_array() {
        for path in fetched.iter().filter_map(Value::as_str) {
            if !runs.fetched.iter().any(|p| p == path) {
                runs.fetched.push(path.to_owned());
            }
        }
    }
    Ok(())
}

fn print_runs(network: &str, warm: bool, throttled: bool, runs: &Runs) {
    let kind = if warm { "warm" } else { "cold" };
    let (bytes_med, bytes_max) = median_max(&runs.bytes);
    let (all_med, all_max) = median_max(&runs.with_prefetch);
    let (floor_med, floor_max) = median_max(&runs.floor);
    let (fp_med, fp_max) = median_max(&runs.first_paint);
    let (c_med, c_max) = median_max(&runs.connect);
    let paint_goal = if !throttled { "  (goal ≤ 50)" } else { "" };
    let connect_goal = if throttled && !warm {
        "  (goal ≤ 1,500)"
    } else {
        ""
    };
    println!(
        "{:<24} {:>8} {:>8.1} / {:>5.1} kB {:>8.1} / {:>5.1} kB {:>7.0} / {:>5.0} ms {:>7.0} / {:>5.0} ms {:>7.0} / {:>5.0} ms{paint_goal}{connect_goal}",
        network,
        kind,
        bytes_med / 1000.0,
        bytes_max / 1000.0,
        all_med / 1000.0,
        all_max / 1000.0,
        floor_med,
        floor_max,
        fp_med,
        fp_max,
        c_med,
        c_max,
    );
    if warm {
        println!(
            "{:<24} {:>8} fetched with a body: {}",
            "",
            "",
            if runs.fetched.is_empty() {
                "nothing (all revalidated or cached)".to_owned()
            } else {
                runs.fetched.join(", ")
            }
        );
    }
}

/// Median and max of a non-empty list (NaN when empty).
fn median_max(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let max = sorted.last().copied().unwrap_or(f64::NAN);
    (median, max)
}
