//! Following what the account plays when it is not this tab's SDK that says: `GET me/player` on
//! chorus-core's schedule (`player::polling`: every 2 s while another device has the stream
//! and the page is visible, 20 s while hidden, never while this tab plays), the device list
//! every 30 s while visible (and at once when another device takes the stream), and a 429's
//! `Retry-After` honoured. One loop at a time: a change of schedule (visibility, where the
//! music is) ends it and starts the next.

use std::{cell::Cell, rc::Rc};

use chorus_core::player::polling::{devices_every_ms, next_poll_delay_ms, poll_every_ms};
use yew::prelude::*;

use super::handle::UsePlayerHandle;
use crate::services::{
    browser::{now_ms, sleep_ms},
    visibility,
    web_api::ApiError,
};

#[hook]
pub fn use_playback_polling(player: &UsePlayerHandle) {
    let visible = use_page_visible();
    let model = player.model();
    let every = poll_every_ms(&model.core, model.observing(), visible);
    let devices_every = devices_every_ms(&model.core, model.observing(), visible);
    {
        // Another device took the stream: the device list shows which, and its volume support.
        let remote = model.core.remote_device_id().map(str::to_owned);
        let player = player.clone();
        use_effect_with(remote, move |remote| {
            if remote.is_some() {
                player.refresh_devices();
            }
        });
    }
    let player = player.clone();
    use_effect_with((every, devices_every), move |&(every, devices_every)| {
        let alive = Rc::new(Cell::new(true));
        if let Some(every) = every {
            wasm_bindgen_futures::spawn_local(poll(player, every, devices_every, alive.clone()));
        }
        move || alive.set(false)
    });
}

/// Whether the page is shown, kept current by `visibilitychange`.
#[hook]
fn use_page_visible() -> bool {
    let visible = use_state(visibility::is_visible);
    {
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let listener = visibility::on_visibility_change(move |now| visible.set(now));
            move || drop(listener)
        });
    }
    *visible
}

/// Polls until `alive` turns false. The first poll waits one period: the event that started
/// the loop (the SDK's `ready` or `null`, a remote's start) already asked once.
async fn poll(
    player: UsePlayerHandle,
    every: u64,
    devices_every: Option<u64>,
    alive: Rc<Cell<bool>>,
) {
    let mut retry_after_ms = None;
    let mut devices_due = devices_every.map(|ms| now_ms() + ms);
    loop {
        sleep_ms(next_poll_delay_ms(every, retry_after_ms)).await;
        if !alive.get() {
            return;
        }
        retry_after_ms = match player.fetch_playback().await {
            // The runner waited out its Retry-After three times already: wait longer here.
            Err(ApiError::RateLimited { retry_after_secs }) => {
                Some(retry_after_secs.saturating_mul(1_000))
            }
            _ => None,
        };
        if let (Some(due), Some(period)) = (devices_due, devices_every) {
            if alive.get() && now_ms() >= due && retry_after_ms.is_none() {
                player.refresh_devices();
                devices_due = Some(now_ms() + period);
            }
        }
    }
}
