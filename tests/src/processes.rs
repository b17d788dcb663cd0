//! A browser's processes: the ones the harness starts (the WebDriver server, Xvfb), and, read
//! from `/proc` (Linux), every descendant of the server, so the harness can kill what the server
//! started and the bench can weigh the engine's content processes (the ones that run pages), the
//! same way on every engine.

use std::{
    collections::HashMap,
    fs,
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};

use tokio::process::{Child, Command};

use crate::{HarnessError, Result};

/// How long Xvfb may take to open its display.
const DISPLAY_WAIT: Duration = Duration::from_secs(20);

/// The processes a browser runs on (the WebDriver server, and Xvfb for WebKit). On drop, each
/// is killed with everything it started (the browser and its helpers), also when a test panics
/// before `Browser::close`.
#[derive(Debug, Default)]
pub(crate) struct Processes(Vec<Child>);

impl Processes {
    pub(crate) fn start(&mut self, what: &str, command: &mut Command) -> Result<()> {
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                HarnessError::Setup(format!(
                    "starting {what} ({:?}): {e}; `cargo xtask setup --browser` installs it",
                    command.as_std().get_program()
                ))
            })?;
        self.0.push(child);
        Ok(())
    }

    /// Fails when a process already exited (e.g. Xvfb found its display taken, or the WebDriver
    /// server its port).
    pub(crate) fn check_running(&mut self) -> Result<()> {
        for child in &mut self.0 {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(HarnessError::Setup(format!(
                    "a browser process exited early ({status})"
                )));
            }
        }
        Ok(())
    }

    /// Waits until Xvfb listens on display `:number`.
    pub(crate) async fn wait_for_display(&mut self, number: u16) -> Result<()> {
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let deadline = Instant::now() + DISPLAY_WAIT;
        while !socket.exists() {
            self.check_running()?;
            if Instant::now() >= deadline {
                return Err(HarnessError::Setup(format!(
                    "Xvfb did not open display :{number}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// The WebDriver server's process id (the last one started).
    pub(crate) fn driver(&self) -> Option<u32> {
        self.0.last().and_then(Child::id)
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        let mut pids: Vec<u32> = Vec::new();
        for child in &self.0 {
            if let Some(pid) = child.id() {
                pids.push(pid);
                pids.extend(descendants(pid));
            }
        }
        kill_all(&pids);
    }
}

/// The memory of a browser's content processes (see `Browser::content_memory`).
#[derive(Debug, Clone, Copy)]
pub struct ContentMemory {
    pub processes: usize,
    pub pss_bytes: u64,
}

/// Every live descendant of `root` (not `root` itself), parents before children.
pub(crate) fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, parent) in all_parents() {
        children.entry(parent).or_default().push(pid);
    }
    let mut found = Vec::new();
    let mut next = vec![root];
    while let Some(pid) = next.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.push(child);
            next.push(child);
        }
    }
    found
}

/// SIGKILL to each of `pids` (all at once, so none is re-parented away first).
pub(crate) fn kill_all(pids: &[u32]) {
    if pids.is_empty() {
        return;
    }
    let _ = std::process::Command::new("kill")
        .arg("-KILL")
        .arg("--")
        .args(pids.iter().map(u32::to_string))
        .stderr(std::process::Stdio::null())
        .status();
}

/// The command line of `pid`, its arguments joined by spaces.
pub(crate) fn command_line(pid: u32) -> String {
    fs::read(format!("/proc/{pid}/cmdline"))
        .map(|raw| {
            // Each argument ends with a NUL.
            raw.strip_suffix(&[0])
                .unwrap_or(&raw)
                .split(|b| *b == 0)
                .map(String::from_utf8_lossy)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// The proportional set size of `pid` in bytes (each shared page counted as its share, so the
/// sum over several processes of one browser does not count shared libraries many times).
pub(crate) fn pss_bytes(pid: u32) -> Option<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `(pid, parent pid)` of every process.
fn all_parents() -> Vec<(u32, u32)> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, parent_of(pid)?)))
        .collect()
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_process_is_a_descendant_and_has_memory() -> std::io::Result<()> {
        let mut child = std::process::Command::new("sleep").arg("30").spawn()?;
        let found = descendants(std::process::id());
        let pss = pss_bytes(child.id());
        let line = command_line(child.id());
        kill_all(&[child.id()]);
        child.wait()?;
        assert!(found.contains(&child.id()), "{found:?}");
        assert!(pss.is_some_and(|b| b > 0), "{pss:?}");
        assert_eq!(line, "sleep 30");
        Ok(())
    }
}
