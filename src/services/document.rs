//! The document's title, the listener's accent colour and a favicon tinted with it, so a
//! person scanning a row of tabs finds theirs (docs/ux.md "Telling tabs apart").

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
    set_favicon(colour.unwrap_or(DEFAULT_ACCENT));
}

/// The brand green of `static/favicon.svg`, for a tab where nobody is signed in.
const DEFAULT_ACCENT: &str = "#1db954";

/// Redraws the favicon as the Chorus ring in `colour` (a `#rrggbb` hex). A `data:` SVG: the
/// CSP allows `data:` images and nothing leaves the page.
fn set_favicon(colour: &str) {
    let Some(link) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=icon]").ok().flatten())
    else {
        return;
    };
    if !is_hex_colour(colour) {
        return;
    }
    let fill = colour.replace('#', "%23");
    let href = format!(
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>\
         <circle cx='16' cy='16' r='14' fill='{fill}'/><circle cx='16' cy='16' r='6' fill='%230f1115'/></svg>"
    );
    // trunk's integrity hash belongs to the original file, not to the redrawn icon.
    let _ = link.remove_attribute("integrity");
    let _ = link.set_attribute("href", &href);
}

fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hex_colour;

    #[test]
    fn only_plain_hex_colours_reach_the_favicon_markup() {
        assert!(is_hex_colour("#1db954"));
        assert!(!is_hex_colour("red"));
        assert!(!is_hex_colour("#1db954'/><script"));
    }
}
