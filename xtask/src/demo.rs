//! `cargo xtask demo`: the offline demo (sandbox + proxy + app), or real Spotify when
//! `SPOTIFY_CLIENT_ID` is set. Ctrl-C stops everything.

use std::{process::Command, time::Duration};

use anyhow::{Context, Result};

use crate::{build, paths, run, servers::Servers, tools};

pub const DEFAULT_PORT: u16 = 8080;

/// Where the sandbox serves artwork (covers, mosaics, avatars), on its own port: three image
/// origins besides its own, like Spotify's image CDNs, so the proxy's CSP `img-src` is exercised.
const SANDBOX_IMAGE_HOSTS: [&str; 3] = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];

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
    let mut servers = Servers::default();

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
            servers.start(
                "spotify-sandbox",
                Command::new(bin.join("spotify-sandbox"))
                    .arg("--listen")
                    .arg(format!("127.0.0.1:{sandbox_port}"))
                    .arg("--image-host")
                    .arg(SANDBOX_IMAGE_HOSTS.join(","))
                    .arg("--admin"),
                sandbox_port,
            )?;
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
            for host in SANDBOX_IMAGE_HOSTS {
                proxy
                    .arg("--img-origin")
                    .arg(format!("http://{host}:{sandbox_port}"));
            }
        }
    }
    servers.start("chorus-proxy", &mut proxy, port)?;

    println!("\n  Chorus is running: open {app_url}\n  (one tab per listener; Ctrl-C stops everything)\n");
    loop {
        servers.check_running()?;
        std::thread::sleep(Duration::from_millis(500));
    }
}
