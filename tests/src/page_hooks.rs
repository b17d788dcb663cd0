//! What the harness runs in every app document before the app itself, the same way on every
//! engine (Chromium's CDP init scripts and its console log have no WebDriver equivalent in
//! Firefox and WebKit, and WebKitWebDriver refuses BiDi).
//!
//! The stack serves a copy of `dist/` whose `index.html` loads `/_harness/init.js` first, as an
//! external same-origin script: the app's CSP (`script-src 'self'` plus the hash of trunk's
//! inline loader, computed by the proxy from this very file) stays as strict as in production.
//! `init.js` is the error hook (`page_hook.js`) followed by every script a test added with
//! [`crate::Browser::add_init_script`]; the hook reports errors to `POST /_harness/report`.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

use axum::{
    http::header,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;

use crate::{HarnessError, Result};

const HOOK: &str = include_str!("page_hook.js");
const INIT_PATH: &str = "/_harness/init.js";

/// The init scripts tests added and the errors pages reported, shared by the stack's routes and
/// the browser.
#[derive(Debug, Default)]
pub(crate) struct PageHooks {
    init_scripts: Mutex<Vec<String>>,
    reports: Mutex<Vec<String>>,
}

/// One error a page reported.
#[derive(Debug, Deserialize)]
struct Report {
    page: String,
    kind: String,
    message: String,
}

impl PageHooks {
    pub(crate) fn add_init_script(&self, source: &str) {
        lock(&self.init_scripts).push(source.to_owned());
    }

    /// The errors reported since the last call, each as `<page URL> <kind>: <message>`.
    pub(crate) fn drain_errors(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.reports))
    }

    fn init_js(&self) -> String {
        let mut js = HOOK.to_owned();
        for script in lock(&self.init_scripts).iter() {
            js.push_str("\n;(() => {\n");
            js.push_str(script);
            js.push_str("\n})();\n");
        }
        js
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A test that panicked while holding it left plain data behind: still usable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A same-origin page with nothing but a line of text, where the load bench rests a tab
/// between loads (see `tests/examples/bench_load.rs`).
pub(crate) const BLANK_PATH: &str = "/_harness/blank";

/// `GET /_harness/init.js`, `GET /_harness/blank` and `POST /_harness/report`, merged in front of
/// the proxy's routes.
pub(crate) fn routes(hooks: Arc<PageHooks>) -> Router {
    let init = hooks.clone();
    Router::new()
        .route(
            INIT_PATH,
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript"),
                        (header::CACHE_CONTROL, "no-store"),
                    ],
                    init.init_js(),
                )
                    .into_response()
            }),
        )
        .route(
            BLANK_PATH,
            get(|| async {
                axum::response::Html(
                    "<!doctype html><title>Between loads</title><p>Between loads.</p>",
                )
            }),
        )
        .route(
            "/_harness/report",
            post(move |Json(report): Json<Report>| async move {
                lock(&hooks.reports).push(format!(
                    "{} {}: {}",
                    report.page, report.kind, report.message
                ));
            }),
        )
}

/// A copy of the built app whose `index.html` loads the hook first; removed on drop.
#[derive(Debug)]
pub(crate) struct InstrumentedDist {
    dir: PathBuf,
}

impl InstrumentedDist {
    pub(crate) fn of(dist: &Path) -> Result<Self> {
        let dir = tempdir("chorus-dist")?;
        let instrumented = Self { dir };
        copy_dir(dist, &instrumented.dir)?;
        let index = instrumented.dir.join("index.html");
        let html = std::fs::read_to_string(&index)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", index.display())))?;
        std::fs::write(&index, with_hook(&html)?)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", index.display())))?;
        // The build's compressed copies of index.html lack the hook; the proxy would send them.
        for stale in ["index.html.br", "index.html.gz"] {
            let _ = std::fs::remove_file(instrumented.dir.join(stale));
        }
        Ok(instrumented)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for InstrumentedDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `html` with `<script src="/_harness/init.js">` as the first element of `<head>`: a classic
/// script, so it runs before trunk's module loader and the app.
fn with_hook(html: &str) -> Result<String> {
    let head = html
        .find("<head>")
        .ok_or_else(|| HarnessError::Setup("the built index.html has no <head>".into()))?
        + "<head>".len();
    Ok(format!(
        "{}<script src=\"{INIT_PATH}\"></script>{}",
        &html[..head],
        &html[head..]
    ))
}

/// A new, empty directory under the system's temporary directory.
pub(crate) fn tempdir(prefix: &str) -> Result<PathBuf> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .map_err(|e| HarnessError::Setup(format!("{}: {e}", dir.display())))?;
    Ok(dir)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let io = |e: std::io::Error| HarnessError::Setup(format!("copying {}: {e}", from.display()));
    std::fs::create_dir_all(to).map_err(io)?;
    for entry in std::fs::read_dir(from).map_err(io)? {
        let entry = entry.map_err(io)?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(io)?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(io)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_comes_first_in_head() -> Result<()> {
        let html = "<!doctype html><html><head><meta charset=\"utf-8\"><script type=\"module\">x</script></head></html>";
        let hooked = with_hook(html)?;
        assert!(hooked.starts_with(
            "<!doctype html><html><head><script src=\"/_harness/init.js\"></script><meta"
        ));
        Ok(())
    }

    #[test]
    fn an_index_without_head_is_refused() {
        assert!(with_hook("<html></html>").is_err());
    }
}
