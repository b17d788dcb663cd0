//! Accessibility checks with axe-core (the npm package `axe-core`, pinned, installed by
//! `cargo xtask setup --browser` into the tools directory beside binaryen): its source is
//! injected into the page under test with WebDriver's Execute Script — which a page's CSP does
//! not govern, so the app's policy stays as strict as it is — and `axe.run` is awaited with
//! Execute Async Script. Plain WebDriver, so every browser engine runs it.

use std::{path::PathBuf, sync::OnceLock};

use serde::Deserialize;
use serde_json::Value;

use crate::{Browser, HarnessError, Result};

/// The axe-core version xtask installs (`xtask/src/tools.rs`, `AXE_CORE_VERSION`).
pub const AXE_CORE_VERSION: &str = "4.14.1";

/// The rule sets checked: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.
const TAGS: &str = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']";

/// One rule that failed, with where.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    /// The CSS selectors of the failing elements.
    pub targets: Vec<String>,
    /// What axe says is wrong with the first of them.
    #[serde(default)]
    pub summary: Option<String>,
}

impl Violation {
    fn is_serious(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

/// How many violations of each impact a page has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub critical: usize,
    pub serious: usize,
    pub moderate: usize,
    pub minor: usize,
}

impl std::fmt::Display for Totals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "critical {}, serious {}, moderate {}, minor {}",
            self.critical, self.serious, self.moderate, self.minor
        )
    }
}

fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CHORUS_TOOLS_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("chorus-tools")
}

/// axe-core's source, read once.
fn source() -> Result<&'static str> {
    static SOURCE: OnceLock<std::result::Result<String, String>> = OnceLock::new();
    let path = tools_dir()
        .join(format!("axe-core-{AXE_CORE_VERSION}"))
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    SOURCE
        .get_or_init(|| {
            std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "{}: {e} (run `cargo xtask setup --browser` to install axe-core)",
                    path.display()
                )
            })
        })
        .as_deref()
        .map_err(|e| HarnessError::Setup(e.clone()))
}

/// Every violation axe-core finds in the current tab now.
pub async fn violations(browser: &Browser) -> Result<Vec<Violation>> {
    let injected = browser
        .eval("return typeof window.axe === 'object';")
        .await?;
    if injected != Value::Bool(true) {
        browser
            .eval(&format!("{}\nreturn true;", source()?))
            .await?;
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
           .then(r => done(r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.map(n => n.target.join(' ')),
               summary: v.nodes.length ? v.nodes[0].failureSummary + ' (related: ' +
                 [...v.nodes[0].any, ...v.nodes[0].all, ...v.nodes[0].none].flatMap(c => c.relatedNodes.map(r => r.target.join(' '))).slice(0, 4).join(', ') + ')' : null }}))))
           .catch(e => done({{ error: String(e) }}));"
    );
    let answer = browser.client().execute_async(&script, Vec::new()).await?;
    if let Some(error) = answer.get("error") {
        return Err(HarnessError::Setup(format!("axe.run failed: {error}")));
    }
    serde_json::from_value(answer).map_err(|e| HarnessError::Setup(format!("axe's answer: {e}")))
}

/// Runs axe-core on the current tab, prints the totals for `page` (`axe <page>: critical 0,
/// …`), and fails when there is any serious or critical violation, naming each.
pub async fn check(browser: &Browser, page: &str) -> Result<Totals> {
    let found = violations(browser).await?;
    let mut totals = Totals::default();
    for violation in &found {
        match violation.impact.as_deref() {
            Some("critical") => totals.critical += 1,
            Some("serious") => totals.serious += 1,
            Some("moderate") => totals.moderate += 1,
            _ => totals.minor += 1,
        }
    }
    println!("axe {page}: {totals}");
    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.is_serious())
        .map(|v| {
            format!(
                "{} ({:?}): {}\n  {}\n  at {:?}",
                v.id,
                v.impact,
                v.help,
                v.summary.as_deref().unwrap_or_default(),
                v.targets
            )
        })
        .collect();
    for other in found.iter().filter(|v| !v.is_serious()) {
        println!("  {} ({:?}): {}", other.id, other.impact, other.help);
    }
    if !serious.is_empty() {
        return Err(HarnessError::Assertion(format!(
            "axe-core found serious or critical violations on {page}:\n{}",
            serious.join("\n")
        )));
    }
    Ok(totals)
}
