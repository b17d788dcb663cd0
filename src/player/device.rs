//! The device lifecycle: while a listener is signed in, this tab loads the SDK (its URL from the
//! runtime config), makes one `Player` named `Chorus · <name>` — `Chorus · <name> (2)` for the
//! account's second tab, told apart by the first free Web Lock `chorus-device:<account>:<n>`,
//! held as long as the device lives — subscribes to its events
//! *before* `connect()` and feeds each into `events::on_event` (or, for `authentication_error`,
//! the silent recovery first). The device is dropped — and so disconnected, chorus-sdk's
//! `Drop` — when the listener leaves. A phone's browser, where the SDK does not play, makes no
//! device: the tab is a remote from the start.

use std::{cell::Cell, rc::Rc};

use chorus_sdk::{
    load_sdk, Player, PlayerEvent, PlayerOptions, SdkError, Subscription, TokenUnavailable,
};
use yew::prelude::*;

use super::{
    events::{on_event, Step},
    handle::UsePlayerHandle,
    model::{DevicePhase, PlayerModelAction, RemoteReason},
    recovery::AuthRecovery,
    text,
};
use crate::services::{
    auth::Auth,
    browser::now_ms,
    locks::{self, HeldLock},
    media,
    visibility::is_mobile_browser,
};

/// The User Timing mark of the device's `ready`.
pub const DEVICE_READY_MARK: &str = "chorus:device-ready";

/// More tabs of one account than this share the last number.
const MAX_DEVICE_NUMBER: u32 = 9;

/// The volume a new device starts at.
pub const INITIAL_VOLUME_PERCENT: u8 = 80;

/// The SDK player of this tab and its subscription; dropping it leaves Spotify Connect.
#[derive(Debug)]
pub struct PlaybackDevice {
    // Field order is drop order: the subscription goes before the player, and the number's
    // lock after it (the next tab of the account may take the number once the device left).
    _subscription: Subscription,
    player: Player,
    _number: Option<HeldLock>,
}

impl PlaybackDevice {
    pub fn player(&self) -> &Player {
        &self.player
    }
}

/// Makes this tab's device for the listener (`name`, account `account_key`) when the hook
/// first runs, and drops it when the component goes (sign-out, another listener).
#[hook]
pub fn use_device(player: &UsePlayerHandle, auth: &Auth, name: &str, account_key: &str) {
    let (player, auth) = (player.clone(), auth.clone());
    use_effect_with(
        (name.to_owned(), account_key.to_owned()),
        move |(name, key)| {
            player.model.dispatch(PlayerModelAction::Reset);
            // A phone's browser does not play: the tab is a remote from the start.
            let phone = is_mobile_browser();
            if phone {
                player.perform(vec![
                    Step::Dispatch(PlayerModelAction::Phase(DevicePhase::Remote(
                        RemoteReason::Phone,
                    ))),
                    Step::RefreshDevices,
                    Step::PollPlayback,
                ]);
            }
            let alive = Rc::new(Cell::new(!phone));
            let device = player.device.clone();
            if alive.get() {
                wasm_bindgen_futures::spawn_local(start(
                    player,
                    auth,
                    (name.clone(), key.clone()),
                    alive.clone(),
                ));
            }
            move || {
                alive.set(false);
                // Dropping the device removes its listeners and disconnects it.
                drop(device.borrow_mut().take());
            }
        },
    );
}

/// The first free number among the account's tabs, held while the device lives (`None` when
/// the browser has no Web Locks: then every tab is the first).
async fn take_number(account_key: &str) -> (u32, Option<HeldLock>) {
    for number in 1..=MAX_DEVICE_NUMBER {
        match locks::try_hold(&format!("chorus-device:{account_key}:{number}")).await {
            Ok(Some(held)) => return (number, Some(held)),
            Ok(None) => continue,
            Err(_) => return (1, None),
        }
    }
    (MAX_DEVICE_NUMBER, None)
}

async fn start(
    player: UsePlayerHandle,
    auth: Auth,
    (listener, account_key): (String, String),
    alive: Rc<Cell<bool>>,
) {
    let (number, seat) = take_number(&account_key).await;
    let name = text::device_name(&listener, number);
    let on_event = {
        let player = player.clone();
        let recovery = AuthRecovery::new(auth.clone());
        move |event: &PlayerEvent| {
            if matches!(event, PlayerEvent::Ready { .. }) {
                // Measured by the resume test: from here to playing again.
                media::mark(DEVICE_READY_MARK);
            }
            if matches!(event, PlayerEvent::AuthenticationError { .. })
                && recovery.try_recover(&player, event)
            {
                return;
            }
            player.perform(on_event(event, now_ms()))
        }
    };
    let failed = |error: &SdkError| {
        player
            .model
            .dispatch(PlayerModelAction::Phase(DevicePhase::Failed(
                text::device_failed(error),
            )))
    };
    let volume = f64::from(INITIAL_VOLUME_PERCENT) / 100.0;
    let device = match open(&auth, name, volume, on_event).await {
        Ok(device) => PlaybackDevice {
            _number: seat,
            ..device
        },
        Err(error) => return failed(&error),
    };
    if !alive.get() {
        return; // the listener left while the SDK loaded: drop (and disconnect) at once
    }
    let connecting = device.player().connect();
    *player.device.borrow_mut() = Some(device);
    player
        .model
        .dispatch(PlayerModelAction::InitialVolume(INITIAL_VOLUME_PERCENT));
    // `Ok(false)`: the reason arrives as an event (account_error, authentication_error…).
    if let Err(error) = connecting.await {
        failed(&error);
    }
}

/// Loads the SDK and makes the player, subscribed; `connect()` it next.
async fn open(
    auth: &Auth,
    name: String,
    volume: f64,
    on_event: impl Fn(&PlayerEvent) + 'static,
) -> Result<PlaybackDevice, SdkError> {
    load_sdk(auth.config().sdk_url.as_str()).await?;
    let tokens = auth.clone();
    let token_source = move || {
        let tokens = tokens.clone();
        async move {
            tokens
                .access_token()
                .await
                .map_err(|error| TokenUnavailable::new(error.to_string()))
        }
    };
    let player = Player::new(PlayerOptions { name, volume }, token_source)?;
    let subscription = player.on_event(on_event);
    Ok(PlaybackDevice {
        _subscription: subscription,
        player,
        _number: None,
    })
}
