//! Child servers (sandbox, proxy) started by xtask: killed when the guard drops, so an error on
//! the way never leaves them behind.

use std::{
    net::{SocketAddr, TcpListener, TcpStream},
    process::{Child, Command},
    time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};

#[derive(Debug, Default)]
pub struct Servers(Vec<(&'static str, Child)>);

impl Servers {
    /// Starts `command` and waits until it accepts connections on `port`.
    pub fn start(&mut self, name: &'static str, command: &mut Command, port: u16) -> Result<()> {
        let child = command
            .spawn()
            .with_context(|| format!("starting {name}"))?;
        self.0.push((name, child));
        self.wait_until_listening(name, port)
    }

    /// Fails as soon as any server has exited.
    pub fn check_running(&mut self) -> Result<()> {
        for (name, child) in &mut self.0 {
            if let Some(status) = child.try_wait().context("watching the servers")? {
                bail!("{name} stopped ({status})");
            }
        }
        Ok(())
    }

    /// Waits until `port` accepts connections, or a server exits, or 30 s pass.
    fn wait_until_listening(&mut self, name: &str, port: u16) -> Result<()> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            self.check_running()
                .with_context(|| format!("before {name} was ready"))?;
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("{name} did not listen on {addr} within 30 s")
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        for (_, child) in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A port that was free a moment ago (the OS picks it).
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}
