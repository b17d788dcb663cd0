//! One SDK event listener owned by a Rust value (style principle 3, after gloo's
//! `EventListener`): `addListener` when created, `removeListener` with the very same function
//! when dropped, and the closure is freed only after JS can no longer call it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::SdkError;
use crate::event::{decode, payload_json, EventKind, PlayerEvent};
use crate::raw;
use crate::subscribers::Subscribers;

pub(crate) struct Listener {
    player: raw::Player,
    kind: EventKind,
    callback: Closure<dyn Fn(JsValue)>,
}

impl Listener {
    /// Listens to `kind` on `player`, decoding each payload and dispatching it.
    pub(crate) fn attach(
        player: &raw::Player,
        kind: EventKind,
        subscribers: Subscribers,
    ) -> Result<Self, SdkError> {
        let callback = Closure::<dyn Fn(JsValue)>::new(move |payload: JsValue| {
            let event = match payload_json(kind.js_name(), &payload) {
                Ok(json) => decode(kind, json.as_deref()),
                Err(error) => PlayerEvent::BindingError(error),
            };
            subscribers.dispatch(&event);
        });
        player
            .add_listener(kind.js_name(), callback.as_ref().unchecked_ref())
            .map_err(|error| SdkError::threw("addListener", &error))?;
        Ok(Self {
            player: player.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // Nothing to report to from a destructor: if the SDK throws here, it is being torn down
        // anyway, and the closure is invalidated right after, so a late call only throws in JS.
        let _ = self
            .player
            .remove_listener(self.kind.js_name(), self.callback.as_ref().unchecked_ref());
    }
}
