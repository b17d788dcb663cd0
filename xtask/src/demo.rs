//! `cargo xtask demo`: the offline demo (sandbox + proxy + app), or real Spotify when
//! `SPOTIFY_CLIENT_ID` is set. Ctrl-C stops everything.

use std::{
    net::{SocketAddr, TcpStream},
    process::{Child, Command},
    time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};

use crate::{build, paths, run, tools};

pub const DEFAULT_PORT: u16 = 8080;

/// Children are killed when this is dropped, so an error on the way never leaves servers behind.
struct Servers(Vec<(&'static str, Child)>);

impl Drop for Servers {
    fn drop(&mut self) {
        for (_, child) in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn run(port: u16) -> Result<()> {
    let toolchain = tools::ensure(tools::Needs::Build)?;
    build::release(&toolchain)?;
    run::step(
        "build the sandbox and the proxy",
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "-p",
                "spotify-sandbox",
                "-p",
                "chorus-proxy",
            ])
            .current_dir(paths::root()),
    )?;
    let bin = paths::root().join("target").join("release");
    let app_url = format!("http://127.0.0.1:{port}");
    let mut servers = Servers(Vec::new());

    let mut proxy = Command::new(bin.join("chorus-proxy"));
    proxy
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--static-dir")
        .arg(paths::dist())
        .arg("--redirect-uri")
        .arg(format!("{app_url}/callback"));

    match std::env::var("SPOTIFY_CLIENT_ID") {
        Ok(client_id) if !client_id.trim().is_empty() => {
            println!("\nSPOTIFY_CLIENT_ID is set: the demo talks to real Spotify.");
            proxy.arg("--client-id").arg(client_id.trim());
        }
        _ => {
            let sandbox_port = port
                .checked_add(1)
                .context("--port must leave room for the sandbox on the next port")?;
            let sandbox_url = format!("http://127.0.0.1:{sandbox_port}");
            let sandbox = Command::new(bin.join("spotify-sandbox"))
                .arg("--listen")
                .arg(format!("127.0.0.1:{sandbox_port}"))
                .arg("--admin")
                .spawn()
                .context("starting spotify-sandbox")?;
            servers.0.push(("spotify-sandbox", sandbox));
            wait_until_listening("spotify-sandbox", sandbox_port, &mut servers)?;
            proxy
                .arg("--client-id")
                .arg("chorus-demo")
                .arg("--accounts-base-url")
                .arg(&sandbox_url)
                .arg("--api-base-url")
                .arg(format!("{sandbox_url}/v1"))
                .arg("--sdk-url")
                .arg(format!("{sandbox_url}/spotify-player.js"))
                .arg("--sandbox");
        }
    }
    servers.0.push((
        "chorus-proxy",
        proxy.spawn().context("starting chorus-proxy")?,
    ));
    wait_until_listening("chorus-proxy", port, &mut servers)?;

    println!("\n  Chorus is running: open {app_url}\n  (one tab per listener; Ctrl-C stops everything)\n");
    loop {
        for (name, child) in &mut servers.0 {
            if let Some(status) = child.try_wait().context("watching the servers")? {
                bail!("{name} stopped ({status})");
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Waits until `port` accepts connections, or the server exits, or 30 s pass.
fn wait_until_listening(name: &str, port: u16, servers: &mut Servers) -> Result<()> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        for (child_name, child) in &mut servers.0 {
            if let Some(status) = child.try_wait().context("watching the servers")? {
                bail!("{child_name} exited ({status}) before {name} was ready");
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("{name} did not listen on {addr} within 30 s")
}
