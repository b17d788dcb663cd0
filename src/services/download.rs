//! Saving a text file the app made (an Insights export) to the person's downloads: a `Blob`,
//! an object URL and a click on a detached `<a download>`. The URL is revoked a moment later,
//! once the browser has started reading it.

use wasm_bindgen::{JsCast, JsValue};

use super::browser::{window, BrowserError};

/// How long the object URL stays valid after the click (the download reads it first).
const REVOKE_AFTER_MS: u32 = 10_000;

/// Offers `text` as a file named `file_name` of type `mime` (e.g. `text/csv`).
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), BrowserError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(BrowserError::from_js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(BrowserError::from_js)?;
    let clicked = click_link(&url, file_name);
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(REVOKE_AFTER_MS).await;
        // Nothing to tell anyone if the browser already forgot the URL.
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    clicked
}

fn click_link(url: &str, file_name: &str) -> Result<(), BrowserError> {
    let document = window()?.document().ok_or(BrowserError::NoWindow)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(BrowserError::from_js)?
        .dyn_into()
        .map_err(|_| BrowserError::Refused("an <a> element is not a link".into()))?;
    link.set_href(url);
    link.set_download(file_name);
    // Never attached to the page: a click on a detached link still downloads.
    link.click();
    Ok(())
}
