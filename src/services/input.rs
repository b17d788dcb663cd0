//! Keyboard shortcuts of the player and the values of its range inputs.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent};

/// A player shortcut (docs/ux.md "keyboard reachable throughout").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Space.
    TogglePlay,
    /// ← / →: seek by this many ms.
    SeekBy(i64),
    /// m.
    ToggleMute,
    /// n.
    Next,
    /// p.
    Previous,
    /// + / − (and = for + without Shift): volume by this many percent.
    VolumeBy(i8),
}

/// Listens for the shortcuts on the document until the guard is dropped. Keys typed into a
/// field (input, textarea, select, contenteditable) are left alone, and so is a space on a
/// focused button or link (it already activates that control).
pub fn listen_for_shortcuts(on_shortcut: impl Fn(Shortcut) + 'static) -> Option<EventListener> {
    on_keydown(move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.repeat() {
            return;
        }
        if typing_in_a_field(event) {
            return;
        }
        let on_control = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| matches!(t.tag_name().to_ascii_lowercase().as_str(), "button" | "a"));
        let shortcut = match event.key().as_str() {
            " " if !on_control => Shortcut::TogglePlay,
            "ArrowLeft" => Shortcut::SeekBy(-10_000),
            "ArrowRight" => Shortcut::SeekBy(10_000),
            "m" | "M" => Shortcut::ToggleMute,
            "n" | "N" => Shortcut::Next,
            "p" | "P" => Shortcut::Previous,
            "+" | "=" => Shortcut::VolumeBy(10),
            "-" | "_" => Shortcut::VolumeBy(-10),
            _ => return,
        };
        event.prevent_default();
        on_shortcut(shortcut);
    })
}

/// The number in the `<input type="range">` an `input`/`change` event came from.
pub fn range_value(event: &Event) -> Option<f64> {
    event
        .target()?
        .dyn_into::<HtmlInputElement>()
        .ok()?
        .value()
        .parse()
        .ok()
}

/// The text in the `<input>` an `input` event came from.
pub fn text_value(event: &Event) -> Option<String> {
    Some(event.target()?.dyn_into::<HtmlInputElement>().ok()?.value())
}

/// Calls `on_open` for the command bar's keys until the guard is dropped: Ctrl-K (⌘K on a
/// Mac) from anywhere, `/` only outside text fields (where it is a character to type).
pub fn listen_for_command_key(on_open: impl Fn() + 'static) -> Option<EventListener> {
    on_keydown(move |event| {
        let key = event.key();
        let chord = (event.ctrl_key() || event.meta_key())
            && !event.alt_key()
            && key.eq_ignore_ascii_case("k");
        let slash = key == "/"
            && !(event.ctrl_key() || event.meta_key() || event.alt_key())
            && !typing_in_a_field(event);
        if chord || slash {
            event.prevent_default();
            on_open();
        }
    })
}

/// Calls `handler` for every key pressed in the document until the guard is dropped. Not
/// passive (gloo's default), so a handled key can keep its browser meaning from also
/// happening (the space bar scrolling the page, `/` opening quick find).
fn on_keydown(handler: impl Fn(&KeyboardEvent) + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        move |event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                handler(event);
            }
        },
    ))
}

/// Whether the key press goes to a text field (input, textarea, select, contenteditable).
fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let editable = target
        .get_attribute("contenteditable")
        .is_some_and(|v| v != "false");
    editable
        || matches!(
            target.tag_name().to_ascii_lowercase().as_str(),
            "input" | "textarea" | "select"
        )
}

/// Whether the checkbox a `change` event came from is checked.
pub fn checked_value(event: &Event) -> Option<bool> {
    Some(
        event
            .target()?
            .dyn_into::<HtmlInputElement>()
            .ok()?
            .checked(),
    )
}
