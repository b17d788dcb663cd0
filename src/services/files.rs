//! Files in and out: a download made from text (the Insights and Favorites exports) and the text
//! of a file the person picked (the Favorites import).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Event, HtmlAnchorElement, HtmlInputElement, Url};

use super::browser::{sleep_ms, window, BrowserError};

/// How long the object URL stays valid after the click: the download reads it first, and some
/// browsers start reading only after the click handler returned.
const REVOKE_AFTER_MS: u64 = 10_000;

/// Offers `text` as a file named `file_name` of type `mime` (e.g. `text/csv`, UTF-8): a `Blob`,
/// an object URL and a click on a detached `<a download>`.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), BrowserError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(BrowserError::from_js)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(BrowserError::from_js)?;
    let clicked = click_link(&url, file_name);
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(REVOKE_AFTER_MS).await;
        // Nothing to tell anyone if the browser already forgot the URL.
        let _ = Url::revoke_object_url(&url);
    });
    clicked
}

fn click_link(url: &str, file_name: &str) -> Result<(), BrowserError> {
    let document = window()?.document().ok_or(BrowserError::NoWindow)?;
    let link: HtmlAnchorElement = document
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

/// The text of the first file picked in the `<input type="file">` a `change` event came
/// from (`None` when nothing was picked), read asynchronously. The input is cleared so the
/// same file can be picked again.
pub fn picked_text(
    event: &Event,
) -> Option<impl std::future::Future<Output = Result<String, BrowserError>>> {
    let input = event.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    let reading = JsFuture::from(file.text());
    Some(async move {
        let text = reading.await.map_err(BrowserError::from_js)?;
        text.as_string()
            .ok_or_else(|| BrowserError::Refused("the file is not text".into()))
    })
}
