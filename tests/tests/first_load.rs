//! The first load: the loading screen is in the page itself, every asset is downloaded once,
//! and a wasm that cannot load or compile leaves a plain message with Reload, not a blank page.

use chorus_browser_tests::{flows, run, HarnessError, Result};
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

/// The wasm files this document requested, in the order it asked for them, and what each cost
/// on the wire (`transferSize`; 0 from the HTTP cache, and 0 too where an engine does not say).
const WASM_REQUESTS: &str = "return performance.getEntriesByType('resource')
       .filter(e => new URL(e.name).pathname.endsWith('.wasm'))
       .sort((a, b) => a.startTime - b.startTime)
       .map(e => [new URL(e.name).pathname, e.transferSize || 0]);";

/// `/chorus-boot-HASH_bg.wasm`, the boot app (src/boot.rs); the whole app's is `/chorus-HASH_bg.wasm`.
fn is_boot(path: &str) -> bool {
    path.starts_with("/chorus-boot-")
}

/// Reloads the page (WebDriver's refresh returns once the new document has loaded) and waits
/// for `css` in it.
async fn reload_until(browser: &chorus_browser_tests::Browser, css: &str) -> Result<()> {
    browser.client().refresh().await?;
    browser.wait_for_text(css).await?;
    Ok(())
}

fn wasm_requests(value: &Value) -> Vec<(String, u64)> {
    value
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| Some((e[0].as_str()?.to_owned(), e[1].as_u64().unwrap_or(0))))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_signed_out_tab_starts_the_boot_app_and_signing_in_starts_the_whole_one_from_the_cache(
) -> Result<()> {
    run("first-load-boot", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        browser.wait_for_text("#connect").await?;
        // While Welcome shows, the loader fetches the whole app into the HTTP cache.
        browser
            .wait_for(
                "the whole app's wasm, prefetched",
                "return performance.getEntriesByType('resource')
                   .some(e => /^\\/chorus-[0-9a-f]{16}_bg\\.wasm$/.test(new URL(e.name).pathname)
                              && e.responseEnd > 0);",
            )
            .await?;
        let signed_out = wasm_requests(&browser.eval(WASM_REQUESTS).await?);
        assert_eq!(
            signed_out.len(),
            2,
            "the boot app, then the prefetch: {signed_out:?}"
        );
        assert!(
            is_boot(&signed_out[0].0),
            "the boot app first: {signed_out:?}"
        );
        assert!(
            !is_boot(&signed_out[1].0),
            "then the whole app: {signed_out:?}"
        );
        let whole = signed_out[1].0.clone();
        // Whether this engine reports bytes on the wire (the boot wasm came over it).
        let engine_counts_bytes = signed_out[0].1 > 0;

        // Back from Spotify's page, the callback runs the whole app (only it has these screens).
        flows::sign_in_as(browser, "alice").await?;
        let signed_in = wasm_requests(&browser.eval(WASM_REQUESTS).await?);
        assert_eq!(
            signed_in.len(),
            1,
            "one wasm after the callback: {signed_in:?}"
        );
        assert_eq!(signed_in[0].0, whole, "the whole app, as prefetched");

        // A reload of a signed-in tab goes straight to the whole app.
        reload_until(browser, "#account-menu-button").await?;
        let reloaded = wasm_requests(&browser.eval(WASM_REQUESTS).await?);
        assert_eq!(reloaded.len(), 1, "{reloaded:?}");
        assert_eq!(
            reloaded[0].0, whole,
            "a signed-in reload skips the boot app"
        );
        // Where the engine says what came over the wire and keeps an HTTP cache across loads
        // (WebKitGTK's automation sessions keep none: there the reload downloads again too),
        // the callback's whole app came from the prefetch.
        eprintln!(
            "wasm bytes: signed out {signed_out:?}, callback {signed_in:?}, reload {reloaded:?}"
        );
        if engine_counts_bytes && reloaded[0].1 == 0 {
            assert_eq!(
                signed_in[0].1, 0,
                "the whole app came from the cache: {signed_in:?}"
            );
        }

        // Signed out, the next load is the boot app again.
        flows::sign_out(browser).await?;
        reload_until(browser, "#connect").await?;
        let after = wasm_requests(&browser.eval(WASM_REQUESTS).await?);
        assert!(
            after.first().is_some_and(|(path, _)| is_boot(path)),
            "signed out again, the boot app: {after:?}"
        );
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_boot_app_that_finds_the_tab_signed_in_reloads_into_the_whole_app_once() -> Result<()> {
    run("first-load-hand-over", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        // In the next document, the loader's look for this tab's tokens finds none (a state the
        // loader cannot see), so it starts the boot app, which finds the tokens and hands over.
        // Each document counts itself in sessionStorage (it survives reloads; a loop would show).
        browser
            .add_init_script(
                "const count = Number(sessionStorage.getItem('documents') || 0) + 1;
                 sessionStorage.setItem('documents', String(count));
                 if (count === 1) {
                   const getItem = Storage.prototype.getItem;
                   let fooled = false;
                   Storage.prototype.getItem = function (key) {
                     if (!fooled && String(key).endsWith('.tokens')) { fooled = true; return null; }
                     return getItem.call(this, key);
                   };
                 }",
            )
            .await?;
        browser
            .eval("sessionStorage.setItem('documents', '0'); location.reload(); return null;")
            .await?;
        browser
            .wait_for(
                "the whole app after the hand-over",
                "return sessionStorage.getItem('documents') === '2'
                   && document.getElementById('account-menu-button') !== null;",
            )
            .await?;
        let wasm = wasm_requests(&browser.eval(WASM_REQUESTS).await?);
        assert!(
            wasm.len() == 1 && !is_boot(&wasm[0].0),
            "the second document runs the whole app: {wasm:?}"
        );
        let mark = browser
            .eval("return sessionStorage.getItem('chorus.load');")
            .await?;
        assert_eq!(
            mark,
            Value::from("whole"),
            "the tab is marked for the whole app"
        );
        // Settled: no third document.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let documents = browser
            .eval("return sessionStorage.getItem('documents');")
            .await?;
        assert_eq!(documents, Value::from("2"), "one hand-over, no reload loop");
        let errors = browser.console_errors_from(stack.app_url()).await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}
