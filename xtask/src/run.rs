//! Running commands as named steps: each prints what it runs and fails with the step's name.

use std::process::Command;

use anyhow::{bail, Context, Result};

/// Runs `command` to completion; a non-zero exit is an error naming `step`.
pub fn step(step: &str, command: &mut Command) -> Result<()> {
    println!("\n==> {step}\n    $ {}", describe(command));
    let started = std::time::Instant::now();
    let status = command
        .status()
        .with_context(|| format!("{step}: could not start {}", describe(command)))?;
    if !status.success() {
        bail!("step `{step}` failed ({status})");
    }
    println!("    ✓ {step} ({:.1}s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// Runs `command` and returns its trimmed stdout, or None when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
