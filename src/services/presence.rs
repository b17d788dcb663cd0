//! The presence channel: a BroadcastChannel shared by the Chorus tabs of this browser.
//! Its message listener is owned by the channel value and removed when it drops.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

use super::browser::BrowserError;
use chorus_core::presence::PresenceMessage;

const CHANNEL_NAME: &str = "chorus-presence";

pub struct PresenceChannel {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl PresenceChannel {
    /// Opens the channel; `on_message` gets every well-formed message from the other tabs
    /// (anything else on the channel is ignored).
    pub fn open(on_message: impl Fn(PresenceMessage) + 'static) -> Result<Self, BrowserError> {
        let channel = BroadcastChannel::new(CHANNEL_NAME).map_err(BrowserError::from_js)?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let Some(text) = event.data().as_string() else {
                return;
            };
            if let Some(message) = PresenceMessage::from_json(&text) {
                on_message(message);
            }
        });
        Ok(Self {
            channel,
            _listener: listener,
        })
    }

    pub fn post(&self, message: &PresenceMessage) {
        let _ = self
            .channel
            .post_message(&JsValue::from_str(&message.to_json()));
    }
}

impl Drop for PresenceChannel {
    fn drop(&mut self) {
        self.channel.close();
    }
}
