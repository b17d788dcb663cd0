//! The document's title and the listener's accent colour, so a person scanning a row of
//! tabs finds theirs (ux.md "Telling tabs apart").

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Sets the listener's colour as `--accent` on the root element. Through the CSSOM, not a
/// `style` attribute: the CSP forbids inline style attributes.
pub fn set_accent(colour: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    let style = root.style();
    let _ = match colour {
        Some(colour) => style.set_property("--accent", colour),
        None => style.remove_property("--accent").map(drop),
    };
}
