//! `cargo xtask bench proxy`: exchanges and refreshes per second through the token proxy, the
//! latency it adds over calling the token endpoint directly, and its resident memory idle and
//! with 256 keep-alive connections. Prints figures beside their goals; asserts nothing.
//!
//! Builds the release proxy binary and `crates/chorus-proxy/examples/bench.rs`, then runs the
//! bench with the binary's path: the bench starts the proxy as its own process (so VmRSS is the
//! proxy's alone) in front of an in-process stub of Spotify's token endpoint. Loopback only,
//! bounded in requests and time (about five minutes with the hostile section). Extra arguments go to the bench:
//! `cargo xtask bench proxy --connections 8 --requests 5000`.
//!
//! The hostile section holds 2,200 connections from the bench and as many in the proxy, so the
//! bench runs with its soft open-files limit raised to the hard one (`ulimit -Sn $(ulimit -Hn)`,
//! inherited by the proxy); it prints the limit it got.

use std::process::Command;

use anyhow::Result;

use crate::{paths, run};

pub fn run(bench_args: &[&str]) -> Result<()> {
    let root = paths::root();
    run::step(
        "build the proxy and its bench in release",
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "-p",
                "chorus-proxy",
                "--bin",
                "chorus-proxy",
                "--example",
                "bench",
            ])
            .current_dir(&root),
    )?;
    let release = root.join("target").join("release");
    run::step(
        "bench the proxy",
        Command::new("sh")
            .args([
                "-c",
                r#"ulimit -Sn "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@""#,
            ])
            .arg(release.join("examples").join("bench"))
            .arg(release.join("chorus-proxy"))
            .args(bench_args)
            .current_dir(&root),
    )
}
