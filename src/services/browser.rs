//! Small, typed access to the browser: the clock, timers, the crypto RNG, navigation, focus.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;

/// What a browser API refused, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrowserError {
    #[error("this page has no window (is it running in a worker?)")]
    NoWindow,
    #[error("the browser refused: {0}")]
    Refused(String),
}

impl BrowserError {
    pub fn from_js(value: JsValue) -> Self {
        let message = js_sys::Error::from(value).message();
        Self::Refused(String::from(message))
    }
}

pub fn window() -> Result<web_sys::Window, BrowserError> {
    web_sys::window().ok_or(BrowserError::NoWindow)
}

/// Milliseconds since the Unix epoch: the time base of every decision in chorus-core.
pub fn now_ms() -> u64 {
    // Date.now() is a non-negative integer in f64; the cast saturates on nonsense.
    js_sys::Date::now().max(0.0) as u64
}

/// Resolves after `ms` milliseconds. setTimeout takes a 32-bit signed delay (a longer one
/// fires at once), so longer waits are cut to the largest it accepts.
pub fn sleep_ms(ms: u64) -> TimeoutFuture {
    TimeoutFuture::new(u32::try_from(ms.min(i32::MAX as u64)).unwrap_or(i32::MAX as u32))
}

/// `n` bytes from the browser's cryptographic RNG.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, BrowserError> {
    let crypto = window()?.crypto().map_err(BrowserError::from_js)?;
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(BrowserError::from_js)?;
    Ok(bytes)
}

/// The current URL's query string, including the leading `?` (empty when there is none).
pub fn location_search() -> Result<String, BrowserError> {
    window()?.location().search().map_err(BrowserError::from_js)
}

/// A full-page navigation (how `/authorize` must be reached: never fetch).
pub fn navigate_to(url: &str) -> Result<(), BrowserError> {
    window()?
        .location()
        .assign(url)
        .map_err(BrowserError::from_js)
}

/// Replaces the current history entry's URL without navigating (drops `code` and `state`).
pub fn replace_url(path: &str) -> Result<(), BrowserError> {
    window()?
        .history()
        .map_err(BrowserError::from_js)?
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .map_err(BrowserError::from_js)
}

/// Opens `url` in a new tab that shares nothing with this one (`noopener`: no
/// `window.opener`, and sessionStorage is not copied into it).
pub fn open_new_tab(url: &str) -> Result<(), BrowserError> {
    window()?
        .open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer")
        .map(drop)
        .map_err(BrowserError::from_js)
}

/// The current URL's path (`/library`).
pub fn location_path() -> Result<String, BrowserError> {
    window()?
        .location()
        .pathname()
        .map_err(BrowserError::from_js)
}

/// Adds a history entry for `path` without navigating (in-app links).
pub fn push_url(path: &str) -> Result<(), BrowserError> {
    window()?
        .history()
        .map_err(BrowserError::from_js)?
        .push_state_with_url(&JsValue::NULL, "", Some(path))
        .map_err(BrowserError::from_js)
}

/// Calls `on_change` on Back/Forward until the guard is dropped.
pub fn listen_for_history(on_change: impl Fn() + 'static) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "popstate",
        move |_| on_change(),
    ))
}

/// Scrolls the page back to its top (a page switched in place starts there, like a link).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Moves keyboard focus to the first element matching `selector` (after a view replaced the
/// focused control); nothing happens when there is none.
pub fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Whether a `focusout` moves the focus out of the element listening for it (a click
/// elsewhere, Tab past its last control): what closes a menu.
pub fn focus_leaves(event: &web_sys::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    let node = |target: Option<web_sys::EventTarget>| target?.dyn_into::<web_sys::Node>().ok();
    let inside = node(event.related_target())
        .zip(node(event.current_target()))
        .is_some_and(|(to, menu)| menu.contains(Some(&to)));
    !inside
}

/// `ms` (Unix milliseconds) as the browser writes a date and time in the person's locale
/// and time zone, e.g. `22/11/2026, 08:12:05`.
pub fn local_date_time(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}

/// The element that has the keyboard focus now (to give it back later), if any but the body.
pub fn focused() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let element = document.active_element()?;
    if document.body().is_some_and(|body| *body == element) {
        return None;
    }
    element.dyn_into::<web_sys::HtmlElement>().ok()
}
