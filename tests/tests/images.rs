//! Artwork comes from several hosts, as Spotify's does (contract §2, "Images"): the sandbox
//! serves covers, playlist mosaics and avatars from three image origins of their own, and the
//! stack gives them to the proxy with `--img-origin`. On every page no image may fail to load
//! (`naturalWidth > 0`) and the page may report no CSP violation (`securitypolicyviolation`).

use chorus_browser_tests::{flows, run, HarnessError, Result};
use serde_json::Value;

/// Records every CSP violation of this document (the app changes pages without reloading).
const LISTEN: &str = "window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
return true;";

/// Makes lazy images load now, then answers once every image of the page finished loading (or
/// failing): `{srcs, broken}`, or null while some are pending or fewer than `min` are in the page's own content.
fn settled(min: usize) -> String {
    format!(
        "const imgs = Array.from(document.images);
imgs.forEach(i => {{ if (i.loading === 'lazy') {{ i.loading = 'eager'; }} }});
const own = document.querySelectorAll('#main img').length;
if (own < {min} || !imgs.every(i => i.complete)) {{ return null; }}
return {{ srcs: imgs.map(i => i.currentSrc || i.src), broken: imgs.filter(i => i.naturalWidth === 0).map(i => i.currentSrc || i.src) }};"
    )
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn origin_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_image_on_every_page_loads_from_the_image_origins_without_a_csp_violation(
) -> Result<()> {
    run("images", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        browser.eval(LISTEN).await?;
        // Playing shows the cover of the current track on the player page.
        browser
            .wait_for(
                "the Start playing here button to be enabled",
                "const b = document.querySelector('#start-here'); return !!b && !b.disabled;",
            )
            .await?;
        browser.click("#start-here").await?;
        browser
            .wait_for(
                "the tab to show a playing track",
                "const b = document.querySelector('#play-pause'); return !!b && b.getAttribute('aria-label') === 'Pause';",
            )
            .await?;
        let mut seen: Vec<String> = Vec::new();
        let mut broken: Vec<String> = Vec::new();
        // (page, the fewest images its own content (`#main`, not the header or the now-playing
        // bar, which are there at once) shows for alice while playing)
        for (page, min) in [("player", 1), ("library", 2), ("insights", 2), ("favorites", 0)] {
            browser.click(&format!("#nav-{page}")).await?;
            browser
                .wait_for(
                    &format!("the {page} page"),
                    &format!("return document.querySelector('#nav-{page}').getAttribute('aria-current') === 'page';"),
                )
                .await?;
            let images = browser
                .wait_for(&format!("every image of the {page} page to load or fail"), &settled(min))
                .await?;
            browser.screenshot(&format!("images-{page}")).await?;
            seen.extend(strings(&images["srcs"]));
            broken.extend(strings(&images["broken"]).into_iter().map(|src| format!("{page}: {src}")));
        }
        let violations = strings(&browser.eval("return window.__cspViolations;").await?);
        assert!(broken.is_empty(), "images that did not load: {broken:#?}");
        assert!(violations.is_empty(), "CSP violations: {violations:#?}");
        let mut origins: Vec<String> = seen
            .iter()
            .filter(|src| !src.starts_with("data:"))
            .map(|src| origin_of(src))
            // The app's own images (the Spotify icon of the attribution links) ship in dist/.
            .filter(|origin| *origin != origin_of(stack.app_url()))
            .collect();
        origins.sort();
        origins.dedup();
        let expected = {
            let mut o = stack.image_origins();
            o.sort();
            o
        };
        assert_eq!(origins, expected, "covers, mosaics and avatars each from its origin: {seen:#?}");
        // The listener hears violations: an image from an origin the CSP does not allow is one.
        browser
            .eval("const i = new Image(); i.src = 'http://127.0.0.9:9/not-allowed.svg'; document.body.appendChild(i); return true;")
            .await?;
        let heard = browser
            .wait_for(
                "the CSP violation of an image from an origin not allowed",
                "return window.__cspViolations.find(v => v.includes('127.0.0.9')) || null;",
            )
            .await?;
        if !heard.as_str().is_some_and(|v| v.starts_with("img-src")) {
            return Err(HarnessError::Assertion(format!("unexpected violation: {heard}")));
        }
        Ok(())
    })
    .await
}
