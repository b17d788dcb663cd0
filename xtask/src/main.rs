//! `cargo xtask`: Chorus's one-command set-up, build, demo, test and benchmarks.
//!
//! Every command installs what it needs first (idempotently, pinned), so a fresh machine needs
//! nothing but Rust: `cargo xtask demo`, `cargo xtask test`, `cargo xtask bench size`.

mod bench_load;
mod bench_peer;
mod bench_proxy;
mod bench_size;
mod bench_tabs;
mod boot_app;
mod browser_tests;
mod build;
mod build_stamp;
mod compress;
mod demo;
mod engines;
mod paths;
mod release_rust;
mod run;
mod servers;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--browser [ENGINE]]
                      install what is missing (wasm32 target, trunk, wasm-bindgen-cli,
                      wasm-opt; with --browser also the browsers and their WebDriver servers)
  build               build the app in release with trunk (offline) into dist/, with
                      .br and .gz beside each asset
  build --static --config FILE
                      the same, made a kit any static host serves as is (token_mode
                      direct): FILE as config.json, callback/index.html, _headers, the
                      CSP in a <meta> (README: Host it without the proxy)
  demo [--port N]     set up, build, start the sandbox and the proxy, print the URL
  test [--browser ENGINE] [--jobs N]
                      set up, then fmt, clippy (host + wasm32), native tests, wasm-bindgen
                      tests and the browser tests on each engine, N tests at a time
  browser-tests [--browser ENGINE] [--jobs N] [WORD...]
                      set up, build, and only the browser tests (those whose file::name
                      contains a WORD, if any are given)
  bench size [--top N]
                      gzip and brotli sizes of the release build's wasm, JS and CSS, and
                      of the peer bundle (React 19 + react-spotify-web-playback, npm); with
                      --top, twiggy's N largest items and dominators (installs twiggy)
  bench proxy [ARGS]  token proxy req/s, added latency and memory, then hostile clients
                      (ARGS: --connections N --requests N)
  bench load          cold and warm loads from a release proxy in headless Chromium, at
                      loopback speed and at 1.6 Mbps / 150 ms: bytes on the wire, first
                      paint, time to the Connect button (5 runs, median / max)
  bench tabs [--browser ENGINE] [--users N]
                      N listeners (default 10) playing at once, one tab each, in one browser
                      (Chromium unless named): time until all play, memory per tab,
                      click-to-playing p50/p95

ENGINE is chromium, firefox, webkit or all (the default for setup and test).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["setup"] => tools::ensure(tools::Needs::Build).map(drop),
        ["setup", "--browser"] => {
            tools::ensure(tools::Needs::Browser(engines::ALL.to_vec())).map(drop)
        }
        ["setup", "--browser", name] => engines::parse(name)
            .and_then(|engines| tools::ensure(tools::Needs::Browser(engines)))
            .map(drop),
        ["build"] => tools::ensure(tools::Needs::Build).and_then(|t| build::release(&t)),
        ["build", "--static", "--config", config] => tools::ensure(tools::Needs::Build)
            .and_then(|t| build::static_kit(&t, std::path::Path::new(config))),
        ["demo"] => demo::run(demo::DEFAULT_PORT),
        ["demo", "--port", port] => match port.parse() {
            Ok(port) => demo::run(port),
            Err(_) => Err(anyhow::anyhow!(
                "--port takes a number from 1 to 65535, not {port:?}"
            )),
        },
        ["test", rest @ ..] => test::run(rest),
        ["browser-tests", rest @ ..] => test::browser_only(rest),
        ["bench", "proxy", rest @ ..] => bench_proxy::run(rest),
        ["bench", "tabs", rest @ ..] => bench_tabs::run(rest),
        ["bench", "load"] => bench_load::run(),
        ["bench", "size"] => tools::ensure(tools::Needs::Build)
            .and_then(|t| build::release(&t))
            .and_then(|()| bench_size::run()),
        ["bench", "size", "--top", n] => match n.parse::<usize>() {
            Ok(n) => tools::ensure(tools::Needs::Build).and_then(|t| {
                tools::ensure_twiggy(&t)?;
                build::release(&t)?;
                bench_size::run()?;
                bench_size::top(&t, n)
            }),
            Err(_) => Err(anyhow::anyhow!("--top takes a number, not {n:?}")),
        },
        ["--help"] | ["-h"] | ["help"] | [] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => {
            eprint!("unknown command {other:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask failed: {error:#}");
            ExitCode::FAILURE
        }
    }
}
