//! Playing and queueing on this tab's device from any page (a track row, an album's Play, the
//! Insights lists): inside the click, `activateElement()` (the gesture the browser's autoplay
//! policy waits for), then the Web API call; the outcome is a toast ("Playing “Roads”.", or
//! why not). Free accounts are told "Playing needs Spotify Premium", never to try again.

use chorus_core::spotify::requests::{self, PlayBody};

use super::handle::{UsePlayerHandle, TOAST_SOURCE};
use super::text;
use crate::{services::web_api::Registration, ui::notice::Notice};

impl UsePlayerHandle {
    /// Plays `body` here; `what` names it in the toast (`“Roads”`); `then` runs once Spotify
    /// took it (the Library reads its queue again).
    pub fn play(&self, body: PlayBody, what: String, then: Option<Box<dyn FnOnce()>>) {
        self.activate_for_play();
        let call = match self.play_call(&body) {
            Ok(call) => call,
            Err(why) => return self.toasts.show(TOAST_SOURCE, Notice::info(why)),
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let sent = this
                .api
                .call(&call)
                .registration(Registration::MayLag)
                .on_wait(|notice| this.toasts.show(TOAST_SOURCE, notice))
                .send()
                .await;
            match sent {
                Ok(()) => {
                    this.toasts
                        .show(TOAST_SOURCE, Notice::info(text::playing(&what)));
                    if let Some(then) = then {
                        then();
                    }
                }
                Err(error) => this.report(&error),
            }
        });
    }

    /// Adds `uri` (named `name`) to the account's queue; `then` runs once Spotify took it.
    pub fn queue(&self, uri: &str, name: &str, then: Option<Box<dyn FnOnce()>>) {
        if self.premium_required() {
            return self
                .toasts
                .show(TOAST_SOURCE, Notice::info(text::PLAYING_NEEDS_PREMIUM));
        }
        let call = requests::add_to_queue(uri, self.queue_device_id().as_deref());
        let (this, name) = (self.clone(), name.to_owned());
        wasm_bindgen_futures::spawn_local(async move {
            let sent = this
                .api
                .call(&call)
                .on_wait(|notice| this.toasts.show(TOAST_SOURCE, notice))
                .send()
                .await;
            match sent {
                Ok(()) => {
                    this.toasts
                        .show(TOAST_SOURCE, Notice::info(text::queued(&name)));
                    if let Some(then) = then {
                        then();
                    }
                }
                Err(error) => this
                    .toasts
                    .show(TOAST_SOURCE, Notice::error(error.in_plain_words())),
            }
        });
    }
}
