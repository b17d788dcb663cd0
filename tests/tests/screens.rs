//! Every main page at a desktop (1280 px) and a phone (360 × 740) width while music plays:
//! screenshots to look at (`target/screenshots/screen-<page>-<width>.png`), axe-core on each,
//! and no page wider than the window.

use chorus_browser_tests::{
    axe, flows, run, skip_on, Browser, Engine, HarnessError, Result, UserApi,
};
use serde_json::Value;

/// The pages, by what the test clicks or opens, and what shows once each has loaded.
async fn visit(browser: &Browser, app: &str, path: &str, ready: &str) -> Result<()> {
    // In-app navigation (the music keeps playing): a link is pushed like a person's click.
    browser
        .eval(&format!(
            "history.pushState(null, '', {}); dispatchEvent(new PopStateEvent('popstate')); return true;",
            Value::String(path.to_owned())
        ))
        .await?;
    browser
        .wait_for(
            &format!("{app}{path} to show {ready}"),
            &format!(
                "return !!document.querySelector({});",
                Value::String(ready.to_owned())
            ),
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn every_page_at_desktop_and_phone_width() -> Result<()> {
    if skip_on(&[Engine::Firefox, Engine::WebKit], flows::NO_PHONE_WIDTH)? {
        return Ok(());
    }
    run("screens", async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "alice").await?;
        flows::start_playing_here(browser).await?;
        let api = UserApi::for_user(stack, "alice").await?;
        let top = api.get("me/top/tracks?limit=1").await?;
        let album = top["items"][0]["album"]["id"].as_str().unwrap_or_default().to_owned();
        let artist = top["items"][0]["artists"][0]["id"].as_str().unwrap_or_default().to_owned();
        if album.is_empty() || artist.is_empty() {
            return Err(HarnessError::Assertion(format!("no album or artist in {top}")));
        }
        let pages = [
            ("player", "/".to_owned(), "#track-title"),
            ("library", "/library".to_owned(), "#playlist-list"),
            ("album", format!("/album/{album}"), "#album-tracks"),
            ("artist", format!("/artist/{artist}"), "#artist-albums"),
            ("insights", "/insights".to_owned(), "#top-tracks"),
            ("favorites", "/favorites".to_owned(), "#favorites-title"),
        ];
        for (width, height) in [(1280, 800), (360, 740)] {
            flows::set_viewport(browser, width, height).await?;
            for (name, path, ready) in &pages {
                visit(browser, stack.app_url(), path, ready).await?;
                // Covers and lists settle (images decoded) before the picture is taken.
                browser
                    .wait_for(
                        "the images in view loaded",
                        "return Array.from(document.images).filter(i => i.offsetParent !== null && i.getBoundingClientRect().top < innerHeight).every(i => i.complete);",
                    )
                    .await?;
                browser.screenshot(&format!("screen-{name}-{width}")).await?;
                axe::check(browser, &format!("{name} at {width} px")).await?;
                let wide = browser
                    .eval("const d = document.documentElement; return d.scrollWidth - d.clientWidth;")
                    .await?;
                assert_eq!(wide.as_i64(), Some(0), "{name} at {width} px scrolls sideways");
            }
        }
        Ok(())
    })
    .await
}
