//! Where the music plays: moving it to another device of the account (or to this tab), and
//! starting it here when nothing plays yet.

use chorus_core::spotify::{
    requests::{self, PlayBody, TimeRange},
    Paging, Playlist, Track,
};

use super::{handle::UsePlayerHandle, text};
use crate::{
    services::{
        browser::sleep_ms,
        web_api::{ApiError, Registration, WebApi},
    },
    ui::notice::Notice,
};

impl UsePlayerHandle {
    /// Moves playback to `device_id` (this tab's or another of the account's devices).
    pub fn transfer(&self, device_id: &str) {
        let to_this_tab = self.device_id().as_deref() == Some(device_id);
        if to_this_tab {
            self.sdk(|player| player.activate_element());
        }
        let registration = if to_this_tab {
            Registration::MayLag
        } else {
            Registration::Settled
        };
        self.web(requests::transfer(device_id, true), registration);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            // The device list shows the new active device once Spotify moved it.
            sleep_ms(500).await;
            this.refresh_devices();
        });
    }

    /// "Play here": playback is on another device of the account; bring it to this tab.
    pub fn play_here(&self) {
        if let Some(id) = self.device_id() {
            self.transfer(&id);
        }
    }

    /// "Start playing here": nothing is playing yet. Inside the click: `activateElement()`;
    /// then play the listener's top tracks (or first playlist) on this tab's device.
    pub fn start_here(&self) {
        if self.device_id().is_none() {
            return self.notice(Notice::info(text::STILL_CONNECTING));
        }
        self.sdk(|player| player.activate_element());
        self.notice(Notice::working(text::STARTING_HERE));
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let body = match what_to_play(&this.api).await {
                Ok(Some(body)) => body,
                Ok(None) => return this.notice(Notice::info(text::NOTHING_TO_START)),
                Err(error) => return this.report(&error),
            };
            let Ok(call) = this.play_call(&body) else {
                return this.notice(Notice::info(text::STILL_CONNECTING));
            };
            let waiting = |notice| this.notice(notice);
            let sent = this
                .api
                .call(&call)
                .registration(Registration::MayLag)
                .on_wait(waiting)
                .send()
                .await;
            match sent {
                Ok(()) => {
                    this.dismiss_notice();
                    this.refresh_devices();
                }
                Err(error) => this.report(&error),
            }
        });
    }
}

/// The listener's top tracks, or else their first playlist.
async fn what_to_play(api: &WebApi) -> Result<Option<PlayBody>, ApiError> {
    let top_call = requests::top_tracks(TimeRange::default(), 10, 0);
    let top = api.call(&top_call).fetch::<Paging<Track>>().await?;
    let uris: Vec<String> = top
        .map(|page| page.items.into_iter().map(|t| t.uri).collect())
        .unwrap_or_default();
    if !uris.is_empty() {
        return Ok(Some(PlayBody::tracks(uris)));
    }
    let playlists_call = requests::my_playlists(10, 0);
    let playlists = api
        .call(&playlists_call)
        .fetch::<Paging<Playlist>>()
        .await?;
    Ok(playlists
        .and_then(|page| page.items.into_iter().next())
        .map(|playlist| PlayBody::context(&playlist.uri)))
}
