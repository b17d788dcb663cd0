//! Files in and out: a download made from text (export) and the text of a file the person
//! picked (import). Object URLs are revoked as soon as the download has started.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Event, HtmlAnchorElement, HtmlInputElement, Url};

use super::browser::{window, BrowserError};

/// Offers `text` as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), BrowserError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(BrowserError::from_js)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(BrowserError::from_js)?;
    let document = window()?
        .document()
        .ok_or_else(|| BrowserError::Refused("this page has no document".into()))?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(BrowserError::from_js)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = Url::revoke_object_url(&url);
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
