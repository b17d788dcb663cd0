//! Resume after a reload (docs/ux.md "Player"): the tab keeps what it plays — context, track,
//! position, shuffle, repeat, volume — in its sessionStorage (chorus-core's `ResumePoint`, one
//! per account, written on every change and when the page goes). After a reload, once the new
//! device is `ready`, it carries on by itself where the browser lets a page start sound and
//! nothing else of the account plays; otherwise the Player offers one button "Resume … at
//! 1:23". User Timing marks `chorus:device-ready` and `chorus:resumed` time it.

use chorus_core::{
    player::{how_to_resume, HowToResume, Location, PlayerState, ResumePoint},
    spotify::{requests, PlaybackState, RepeatState},
};
use gloo_events::EventListener;
use yew::prelude::*;

use super::{handle::UsePlayerHandle, model::PlayerModelAction};
use crate::services::{
    auth::Auth, browser::now_ms, media, storage::TabStorage, web_api::Registration,
};

/// The User Timing mark of a resume that Spotify took.
pub const RESUMED_MARK: &str = "chorus:resumed";

/// Keeps this tab's resume point and carries on after a reload.
#[hook]
pub fn use_resume(player: &UsePlayerHandle, auth: &Auth, account_key: &str) {
    let storage = TabStorage::new(&auth.tab().id);
    let key = format!("resume.{account_key}");
    // The point the page before this one left: read once, when this page starts.
    let found = {
        let (storage, key) = (storage.clone(), key.clone());
        use_mut_ref(move || {
            storage
                .get(&key)
                .and_then(|json| ResumePoint::from_stored(&json, now_ms()))
        })
    };
    // What plays now, for the page's last moment (a handle captured once would stay at the
    // state of its render).
    let latest = use_mut_ref(|| None::<PlayerState>);
    {
        // Every change of what plays here is noted at once.
        let (storage, key, latest) = (storage.clone(), key.clone(), latest.clone());
        use_effect_with(player.model().core.clone(), move |core| {
            if let Some(point) = ResumePoint::of(core, now_ms()) {
                let _ = storage.set(&key, &point.to_json());
            }
            *latest.borrow_mut() = Some(core.clone());
        });
    }
    {
        // The position moves on between changes: note it again as the page goes.
        let (storage, key) = (storage.clone(), key.clone());
        use_effect_with((), move |_| {
            let (saving, saving_key) = (storage.clone(), key.clone());
            let listener = web_sys::window().map(move |window| {
                EventListener::new(&window, "pagehide", move |_| {
                    let point = latest
                        .borrow()
                        .as_ref()
                        .and_then(|core| ResumePoint::of(core, now_ms()));
                    if let Some(point) = point {
                        let _ = saving.set(&saving_key, &point.to_json());
                    }
                })
            });
            // Unmounted (sign-out, another listener): nothing is resumed for the next one.
            move || {
                drop(listener);
                storage.remove(&key);
            }
        });
    }
    let ready = player.device_id().is_some();
    let player = player.clone();
    use_effect_with(ready, move |ready| {
        if *ready {
            if let Some(point) = found.borrow_mut().take() {
                wasm_bindgen_futures::spawn_local(async move { carry_on(&player, point).await });
            }
        }
    });
}

/// Decides how to carry on once the device is ready, and does.
async fn carry_on(player: &UsePlayerHandle, point: ResumePoint) {
    // Something the account plays elsewhere now is never taken away without asking.
    let call = requests::playback_state();
    let mine = player.device_id();
    let now = player.api.call(&call).fetch::<PlaybackState>().await;
    let elsewhere = now
        .ok()
        .flatten()
        .is_some_and(|state| state.is_playing && state.device.and_then(|d| d.id) != mine);
    if player.model().core.location == Location::ThisTab {
        return; // the person started something meanwhile
    }
    match how_to_resume(&point, media::autoplay_allowed(), elsewhere) {
        HowToResume::Automatically => player.resume_from(point),
        HowToResume::Offer => player
            .model
            .dispatch(PlayerModelAction::ResumeOffer(Some(point))),
    }
}

impl UsePlayerHandle {
    /// Plays on from `point` on this tab's device, with its shuffle, repeat and volume (the
    /// "Resume" button calls this inside its click: the gesture a browser's autoplay policy
    /// waits for).
    pub fn resume_from(&self, point: ResumePoint) {
        self.model.dispatch(PlayerModelAction::ResumeOffer(None));
        self.activate_for_play();
        let call = match self.play_call(&point.play_body()) {
            Ok(call) => call,
            Err(why) => return self.notice(crate::ui::notice::Notice::info(why)),
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let sent = this
                .api
                .call(&call)
                .registration(Registration::MayLag)
                .send()
                .await;
            if let Err(error) = sent {
                return this.report(&error);
            }
            media::mark(RESUMED_MARK);
            if point.shuffle {
                this.set_shuffle(true);
            }
            if point.repeat != RepeatState::Off {
                this.set_repeat(point.repeat);
            }
            if let Some(percent) = point.volume_percent {
                this.set_volume(percent);
            }
        });
    }
}
