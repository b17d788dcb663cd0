//! The browser tests on each engine, several at once: every test of `tests/tests/*.rs` is its
//! own process (`<test binary> --exact NAME`) with its own sandbox, proxy, WebDriver server and
//! browser on ports the OS picks, so `jobs` of them run side by side. One engine after the
//! other, so each engine's duration is its own. Every test's output goes to
//! `target/browser-tests/<engine>/<file>--<test>.log`; failures are printed in full, and the
//! summary lists per engine what ran, what was skipped (with the reason the test printed) and
//! how long it took.

use std::{
    collections::VecDeque,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::{engines::Engine, paths, tools::Toolchain};

/// What a skipped test prints (`chorus_browser_tests::SKIP_MARKER`).
const SKIP_MARKER: &str = "chorus-skip:";
/// A test that runs longer than this is killed and counted as failed (the harness waits at
/// most 20 s for any one condition, so only a hung browser gets here).
const TEST_LIMIT: Duration = Duration::from_secs(300);

/// One test function of one test file.
#[derive(Debug, Clone)]
struct TestCase {
    file: String,
    name: String,
    binary: PathBuf,
}

#[derive(Debug)]
enum Outcome {
    Passed,
    Skipped(String),
    Failed,
}

#[derive(Debug)]
struct Finished {
    case: TestCase,
    outcome: Outcome,
    took: Duration,
}

/// One engine's run, for the summary.
#[derive(Debug)]
pub struct EngineReport {
    engine: Engine,
    finished: Vec<Finished>,
    took: Duration,
}

impl EngineReport {
    fn count(&self, pick: impl Fn(&Outcome) -> bool) -> usize {
        self.finished.iter().filter(|f| pick(&f.outcome)).count()
    }

    fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed))
    }
}

/// Builds the browser-test binaries (with `PATH` and env of `cargo`) and lists their tests.
pub fn build_and_list(cargo: &mut Command) -> Result<Vec<PathBuf>> {
    println!("\n==> build the browser tests\n    $ cargo test -p chorus-browser-tests --no-run");
    let started = Instant::now();
    let output = cargo
        .args([
            "test",
            "-p",
            "chorus-browser-tests",
            "--tests",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo test --no-run")?;
    if !output.status.success() {
        bail!("step `build the browser tests` failed ({})", output.status);
    }
    let mut binaries = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        // The test files (`tests/tests/*.rs`), not the harness's own unit tests.
        let is_test_file = message["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "test"));
        if message["reason"] == "compiler-artifact" && is_test_file {
            if let Some(executable) = message["executable"].as_str() {
                binaries.push(PathBuf::from(executable));
            }
        }
    }
    if binaries.is_empty() {
        bail!("cargo built no browser-test binaries");
    }
    binaries.sort();
    println!(
        "    ✓ build the browser tests ({:.1}s)",
        started.elapsed().as_secs_f64()
    );
    Ok(binaries)
}

/// Runs the tests of `binaries` on `engine`, `jobs` at a time: all of them, or those whose
/// `file::name` contains one of `filters`.
pub fn run_engine(
    engine: Engine,
    binaries: &[PathBuf],
    toolchain: &Toolchain,
    jobs: usize,
    filters: &[String],
) -> Result<EngineReport> {
    let started = Instant::now();
    let driver = toolchain.driver(engine)?.to_path_buf();
    let cases: Vec<TestCase> = list(binaries)?
        .into_iter()
        .filter(|case| {
            let full = format!("{}::{}", case.file, case.name);
            filters.is_empty() || filters.iter().any(|f| full.contains(f.as_str()))
        })
        .collect();
    let logs = paths::root()
        .join("target")
        .join("browser-tests")
        .join(engine.name());
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    println!(
        "\n==> browser tests on {} ({} tests, {jobs} at a time; logs in {})",
        engine.name(),
        cases.len(),
        logs.display()
    );
    let queue = Arc::new(Mutex::new(cases.into_iter().collect::<VecDeque<_>>()));
    let finished = Arc::new(Mutex::new(Vec::new()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let queue = queue.clone();
            let finished = finished.clone();
            let (driver, logs) = (&driver, &logs);
            scope.spawn(move || loop {
                let next = lock(&queue).pop_front();
                let Some(case) = next else { break };
                let done = run_one(engine, case, driver, logs);
                print_finished(engine, &done, logs);
                lock(&finished).push(done);
            });
        }
    });
    let mut finished = std::mem::take(&mut *lock(&finished));
    finished.sort_by(|a, b| (&a.case.file, &a.case.name).cmp(&(&b.case.file, &b.case.name)));
    Ok(EngineReport {
        engine,
        finished,
        took: started.elapsed(),
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every test of every binary (`<binary> --list`), the files with the most tests first so the
/// long files start early.
fn list(binaries: &[PathBuf]) -> Result<Vec<TestCase>> {
    let mut files: Vec<Vec<TestCase>> = Vec::new();
    for binary in binaries {
        let output = Command::new(binary)
            .args(["--list", "--format", "terse"])
            .output()
            .with_context(|| format!("listing the tests of {}", binary.display()))?;
        let file = file_name(binary);
        let cases: Vec<TestCase> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.strip_suffix(": test"))
            .map(|name| TestCase {
                file: file.clone(),
                name: name.to_owned(),
                binary: binary.clone(),
            })
            .collect();
        files.push(cases);
    }
    files.sort_by_key(|cases| std::cmp::Reverse(cases.len()));
    // Interleave the files so one worker does not take a whole long file while others idle.
    let mut cases = Vec::new();
    let longest = files.first().map_or(0, Vec::len);
    for i in 0..longest {
        cases.extend(files.iter().filter_map(|f| f.get(i).cloned()));
    }
    Ok(cases)
}

/// `player` of `target/debug/deps/player-0123abcd`.
fn file_name(binary: &Path) -> String {
    let stem = binary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, _hash)) => name.to_owned(),
        None => stem,
    }
}

fn log_path(logs: &Path, case: &TestCase) -> PathBuf {
    logs.join(format!("{}--{}.log", case.file, case.name))
}

fn run_one(engine: Engine, case: TestCase, driver: &Path, logs: &Path) -> Finished {
    let started = Instant::now();
    let outcome = run_process(engine, &case, driver, logs).unwrap_or_else(|error| {
        let _ = std::fs::write(log_path(logs, &case), format!("could not run: {error:#}\n"));
        Outcome::Failed
    });
    Finished {
        case,
        outcome,
        took: started.elapsed(),
    }
}

fn run_process(engine: Engine, case: &TestCase, driver: &Path, logs: &Path) -> Result<Outcome> {
    let log = log_path(logs, case);
    let file =
        std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    let mut child = Command::new(&case.binary)
        .args([
            "--exact",
            case.name.as_str(),
            "--test-threads=1",
            "--nocapture",
        ])
        .env("CHORUS_BROWSER", engine.name())
        .env(engine.driver_var(), driver)
        .env("CHORUS_DIST", paths::dist())
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file)
        // Its own process group, so a hung test goes with its browser.
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {}", case.binary.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() > TEST_LIMIT {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    Ok(match status {
        Some(status) if status.success() => match skip_reason(&text) {
            Some(reason) => Outcome::Skipped(reason),
            None if text.contains("1 passed") => Outcome::Passed,
            // `--exact` matched nothing: the list and the binary disagree.
            None => Outcome::Failed,
        },
        Some(_) => Outcome::Failed,
        None => {
            let note = format!("\nkilled after {} s\n", TEST_LIMIT.as_secs());
            let _ = std::fs::write(&log, text + &note);
            Outcome::Failed
        }
    })
}

fn skip_reason(output: &str) -> Option<String> {
    output.lines().find_map(|line| {
        // libtest prints `test NAME ... ` before the test's own output, on the same line.
        let (_, rest) = line.split_once(SKIP_MARKER)?;
        // `<engine>: <why>`
        Some(
            rest.split_once(": ")
                .map_or(rest, |(_, why)| why)
                .trim()
                .to_owned(),
        )
    })
}

fn print_finished(engine: Engine, done: &Finished, logs: &Path) {
    let word = match done.outcome {
        Outcome::Passed => "ok",
        Outcome::Skipped(_) => "skipped",
        Outcome::Failed => "FAILED",
    };
    println!(
        "    {word:<7} {:<8} {}::{} ({:.1}s)",
        engine.name(),
        done.case.file,
        done.case.name,
        done.took.as_secs_f64()
    );
    match &done.outcome {
        Outcome::Skipped(reason) => println!("            why: {reason}"),
        Outcome::Failed => {
            let log = log_path(logs, &done.case);
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            println!(
                "---- {} ----\n{text}---- end of {} ----",
                log.display(),
                log.display()
            );
        }
        Outcome::Passed => {}
    }
}

/// The per-engine table, the skips with their reasons and the failures; an error when any
/// test failed.
pub fn summarize(reports: &[EngineReport]) -> Result<()> {
    println!("\nbrowser tests:");
    println!(
        "    {:<10} {:>5} {:>7} {:>8} {:>7} {:>9}",
        "engine", "tests", "passed", "skipped", "failed", "duration"
    );
    for report in reports {
        println!(
            "    {:<10} {:>5} {:>7} {:>8} {:>7} {:>8.0}s",
            report.engine.name(),
            report.finished.len(),
            report.count(|o| matches!(o, Outcome::Passed)),
            report.count(|o| matches!(o, Outcome::Skipped(_))),
            report.failed(),
            report.took.as_secs_f64()
        );
    }
    for report in reports {
        for done in &report.finished {
            if let Outcome::Skipped(reason) = &done.outcome {
                println!(
                    "    skipped on {}: {}::{}: {reason}",
                    report.engine.name(),
                    done.case.file,
                    done.case.name
                );
            }
        }
    }
    let failed: Vec<String> = reports
        .iter()
        .flat_map(|report| {
            report
                .finished
                .iter()
                .filter(|done| matches!(done.outcome, Outcome::Failed))
                .map(move |done| {
                    format!(
                        "{} {}::{}",
                        report.engine.name(),
                        done.case.file,
                        done.case.name
                    )
                })
        })
        .collect();
    if !failed.is_empty() {
        for failure in &failed {
            println!("    FAILED {failure}");
        }
        bail!("{} browser test(s) failed", failed.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skip_line_gives_its_reason() {
        let output = "running 1 test\nchorus-skip: webkit: MiniBrowser has no X\ntest x ... ok\n";
        assert_eq!(skip_reason(output).as_deref(), Some("MiniBrowser has no X"));
        assert_eq!(skip_reason("test x ... ok\n1 passed"), None);
        let after_the_name = "test x ... chorus-skip: firefox: no 360 px window\nok\n";
        assert_eq!(
            skip_reason(after_the_name).as_deref(),
            Some("no 360 px window")
        );
    }

    #[test]
    fn a_binary_is_named_after_its_file() {
        assert_eq!(
            file_name(Path::new("target/debug/deps/sign_in-0123abcd")),
            "sign_in"
        );
    }
}
