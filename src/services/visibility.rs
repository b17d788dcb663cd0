//! The Page Visibility API (is the tab shown?) and what kind of browser this is: the player
//! polls the Web API less while the page is hidden, and a phone's browser is a remote only.

use gloo_events::EventListener;

/// Whether the page is shown now (`document.hidden` is false). Without a document: shown.
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| !d.hidden())
}

/// Calls `on_change(visible)` on every `visibilitychange` until the guard is dropped.
pub fn on_visibility_change(on_change: impl Fn(bool) + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    Some(EventListener::new(
        &document,
        "visibilitychange",
        move |_| on_change(is_visible()),
    ))
}

/// Whether this is a phone's (or tablet's) browser, where Spotify's Web Playback SDK does not
/// play: MDN's advice is to look for "Mobi" in the user agent.
pub fn is_mobile_browser() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|agent| agent.contains("Mobi"))
}
