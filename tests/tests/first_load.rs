//! The first load: the loading screen is in the page itself, every asset is downloaded once,
//! and a wasm that cannot load or compile leaves a plain message with Reload, not a blank page.

use chorus_browser_tests::{run, HarnessError, Result};
use serde_json::Value;

#[tokio::test]
async fn the_loading_screen_is_in_the_html_and_each_asset_is_fetched_once() -> Result<()> {
    run("first-load", async |stack, browser| {
        let index = reqwest::get(stack.app_url())
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| HarnessError::Setup(format!("GET /: {e}")))?
            .text()
            .await
            .map_err(|e| HarnessError::Setup(format!("GET / body: {e}")))?;
        // The release build minifies index.html: attribute quotes may be gone.
        for part in [
            "boot-status",
            "Loading Chorus…",
            "<noscript>",
            "boot-failed",
        ] {
            assert!(index.contains(part), "index.html lacks {part}");
        }
        assert!(
            !index.contains("preload"),
            "a preload the loader would not reuse"
        );

        browser.goto(stack.app_url()).await?;
        browser.wait_for_text("#welcome-title").await?;
        let boot_left = browser
            .eval("return document.getElementById('boot') !== null;")
            .await?;
        assert_eq!(
            boot_left,
            Value::Bool(false),
            "the app replaced the loading screen"
        );
        let requests = browser
            .eval(
                "const counts = {};
                 for (const e of performance.getEntriesByType('resource')) {
                   const path = new URL(e.name).pathname;
                   if (/\\.(wasm|js|css|json)$/.test(path)) counts[path] = (counts[path] || 0) + 1;
                 }
                 return counts;",
            )
            .await?;
        let counts = requests.as_object().cloned().unwrap_or_default();
        // config.json too: the loader starts it and the app takes that very response.
        for kind in [".wasm", ".js", ".css", ".json"] {
            assert!(
                counts.keys().any(|path| path.ends_with(kind)),
                "no {kind} request seen: {counts:?}"
            );
        }
        for (path, count) in &counts {
            assert_eq!(count.as_u64(), Some(1), "{path} requested {count} times");
        }
        let errors = browser.console_errors().await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_wasm_that_cannot_compile_shows_a_message_with_reload() -> Result<()> {
    run("first-load-failure", async |stack, browser| {
        // What a browser without (working) WebAssembly does: every way to compile rejects.
        browser
            .add_init_script(
                "for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
                   WebAssembly[name] = () => Promise.reject(new WebAssembly.CompileError('sabotaged by the test'));
                 }",
            )
            .await?;
        browser.goto(stack.app_url()).await?;
        let message = browser
            .wait_for(
                "the could-not-start message",
                "const e = document.getElementById('boot-failed');
                 return e && !e.hidden && e.offsetParent !== null ? e.textContent : null;",
            )
            .await?;
        let message = message.as_str().unwrap_or_default();
        assert!(message.contains("could not start"), "message: {message}");
        let status_hidden = browser
            .eval("return document.getElementById('boot-status').hidden;")
            .await?;
        assert_eq!(status_hidden, Value::Bool(true), "no 'Loading' beside the failure");
        let button = browser.wait_for_text("#boot-reload").await?;
        assert_eq!(button.trim(), "Reload");
        browser.screenshot("first-load-failure").await?;
        // Reload loads the page again (a fresh document, so the marker is gone).
        browser.eval("window.beforeReload = true; return null;").await?;
        browser.click("#boot-reload").await?;
        browser
            .wait_for(
                "a reloaded document",
                "return window.beforeReload === undefined && document.getElementById('boot') !== null;",
            )
            .await?;
        Ok(())
    })
    .await
}
