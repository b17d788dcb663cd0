//! `use_player`: this tab's Web Playback device while a listener is signed in. It loads the SDK,
//! makes one `Player` named `Chorus · <name>`, subscribes, connects, and feeds every event into
//! the `PlayerModel` reducer; the handle's methods are the player's controls (the SDK for this
//! tab's device, the Web API for shuffle, repeat, transfer and starting playback). The device
//! is dropped — and so disconnected — when the listener leaves or the view unmounts.

use std::{cell::Cell, cell::RefCell, rc::Rc};

use chorus_core::{
    player::{LocalCommand, Location, PlayerAction},
    spotify::{
        requests::{self, PlayBody, TimeRange},
        ApiErrorKind, Devices, Paging, PlaybackState, Playlist, RepeatState, Track,
    },
};
use chorus_sdk::{PlayerEvent, SdkError};
use gloo_timers::callback::Interval;
use std::future::Future;
use yew::prelude::*;

use crate::{
    player::model::{DevicePhase, Notice, PlayerModel, PlayerModelAction, Problem},
    services::{
        auth::Auth,
        browser::now_ms,
        input::{listen_for_shortcuts, Shortcut},
        media_session::{self, ActionHandlers, MediaAction},
        playback::{self, open_device, PlaybackDevice, Registration},
        web_api::{ApiError, WebApi},
    },
    session::model::Listener,
};

/// The volume a new device starts at.
const INITIAL_VOLUME_PERCENT: u8 = 80;

/// How often the Web API is asked what plays while it is not this tab.
const ELSEWHERE_POLL_MS: u32 = 5_000;

type DeviceSlot = Rc<RefCell<Option<PlaybackDevice>>>;

/// The player of this tab: its model and its controls.
#[derive(Clone)]
pub struct UsePlayerHandle {
    model: UseReducerHandle<PlayerModel>,
    device: DeviceSlot,
    api: WebApi,
}

impl PartialEq for UsePlayerHandle {
    fn eq(&self, other: &Self) -> bool {
        // The handles' own comparison: the states they were rendered with (a deref reads
        // the latest state, which two handles of one reducer always share).
        self.model == other.model && Rc::ptr_eq(&self.device, &other.device)
    }
}

impl std::fmt::Debug for UsePlayerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UsePlayerHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

#[hook]
pub fn use_player(auth: Auth, listener: Option<Rc<Listener>>) -> UsePlayerHandle {
    let model = use_reducer(PlayerModel::default);
    let device: DeviceSlot = use_mut_ref(|| None);
    let api = WebApi::new(auth.clone());
    {
        let (model, device, api) = (model.clone(), device.clone(), api.clone());
        let name = listener.map(|l| l.name().to_owned());
        use_effect_with(name, move |name| {
            model.dispatch(PlayerModelAction::Reset);
            let alive = Rc::new(Cell::new(true));
            if let Some(name) = name.clone() {
                wasm_bindgen_futures::spawn_local(start_device(
                    auth,
                    api,
                    format!("Chorus · {name}"),
                    model,
                    device.clone(),
                    alive.clone(),
                ));
            }
            move || {
                alive.set(false);
                // Dropping the device removes its listeners and disconnects it.
                drop(device.borrow_mut().take());
            }
        });
    }
    {
        // While playback is not in this tab, a light poll keeps "playing elsewhere" current.
        let watching =
            model.phase == DevicePhase::Ready && model.core.location != Location::ThisTab;
        let (model, api) = (model.clone(), api.clone());
        use_effect_with(watching, move |watching| {
            let interval = watching.then(|| {
                Interval::new(ELSEWHERE_POLL_MS, move || {
                    poll_playback(model.clone(), api.clone())
                })
            });
            move || drop(interval)
        });
    }
    let handle = UsePlayerHandle { model, device, api };
    use_media_session(&handle);
    handle
}

/// The operating system's media controls: they show what plays in this tab and drive it
/// through the same commands as the buttons, while this tab has a usable device.
#[hook]
fn use_media_session(player: &UsePlayerHandle) {
    let core = &player.model.core;
    let shown = (core.location == Location::ThisTab)
        .then(|| core.now_playing.clone())
        .flatten();
    use_effect_with((shown, core.is_playing), |(shown, is_playing)| {
        // Best effort: a media UI that refuses the metadata leaves the player as it is.
        let _ = media_session::set_now_playing(shown.as_ref(), *is_playing);
        || {
            let _ = media_session::set_now_playing(None, false);
        }
    });
    let usable = matches!(
        player.model.phase,
        DevicePhase::Ready | DevicePhase::Reconnecting
    );
    let player = player.clone();
    use_effect_with(usable, move |usable| {
        let handlers = usable.then(|| {
            ActionHandlers::install(move |action| {
                let playing = player.plays_here() && player.model.core.is_playing;
                match action {
                    MediaAction::Play if !playing => player.toggle_play(),
                    MediaAction::Pause if playing => player.toggle_play(),
                    MediaAction::Play | MediaAction::Pause => {}
                    MediaAction::PreviousTrack => player.previous(),
                    MediaAction::NextTrack => player.next(),
                    MediaAction::SeekTo { position_ms } => player.seek(position_ms),
                }
            })
        });
        // Dropping the handlers sets them back to null.
        move || drop(handlers)
    });
}

async fn start_device(
    auth: Auth,
    api: WebApi,
    name: String,
    model: UseReducerHandle<PlayerModel>,
    slot: DeviceSlot,
    alive: Rc<Cell<bool>>,
) {
    let on_event = {
        let (model, api) = (model.clone(), api.clone());
        let recovery = AuthRecovery::new(auth.clone(), slot.clone());
        move |event: &PlayerEvent| {
            if matches!(event, PlayerEvent::AuthenticationError { .. })
                && recovery.try_recover(&model, &api, event)
            {
                return;
            }
            handle_event(&model, &api, event)
        }
    };
    let volume = f64::from(INITIAL_VOLUME_PERCENT) / 100.0;
    let device = match open_device(&auth, name, volume, on_event).await {
        Ok(device) => device,
        Err(error) => {
            model.dispatch(PlayerModelAction::Phase(DevicePhase::Failed(
                problem_from_sdk(&error),
            )));
            return;
        }
    };
    if !alive.get() {
        return; // the listener left while the SDK loaded: drop (and disconnect) at once
    }
    let connecting = device.player().connect();
    *slot.borrow_mut() = Some(device);
    model.dispatch(PlayerModelAction::InitialVolume(INITIAL_VOLUME_PERCENT));
    match connecting.await {
        // `false`: the reason arrives as an event (account_error, authentication_error…).
        Ok(_) => {}
        Err(error) => model.dispatch(PlayerModelAction::Phase(DevicePhase::Failed(
            problem_from_sdk(&error),
        ))),
    }
}

/// At most one silent recovery from `authentication_error` per this long; a second error
/// within it is shown (the sign-in itself is then the problem, not a stale token).
const AUTH_RECOVERY_WINDOW_MS: u64 = 60_000;

/// `authentication_error` usually means the SDK was handed a token Spotify no longer accepts
/// although it had not yet expired by this tab's clock (revoked, or the clocks disagree). The
/// cure is the Web API's: refresh once and connect again with the new token.
struct AuthRecovery {
    auth: Auth,
    device: DeviceSlot,
    last_attempt_ms: Rc<Cell<Option<u64>>>,
}

impl AuthRecovery {
    fn new(auth: Auth, device: DeviceSlot) -> Self {
        Self {
            auth,
            device,
            last_attempt_ms: Rc::default(),
        }
    }

    /// Starts a recovery and returns `true`, or `false` when one was tried too recently.
    fn try_recover(
        &self,
        model: &UseReducerHandle<PlayerModel>,
        api: &WebApi,
        event: &PlayerEvent,
    ) -> bool {
        let now = now_ms();
        if self
            .last_attempt_ms
            .get()
            .is_some_and(|at| now.saturating_sub(at) < AUTH_RECOVERY_WINDOW_MS)
        {
            return false;
        }
        self.last_attempt_ms.set(Some(now));
        let (auth, device) = (self.auth.clone(), self.device.clone());
        // The token the SDK was handed: if a refresh has replaced it already, none is needed
        // (and while one runs, no token is held: then that refresh is the cure).
        let rejected = auth.token_now();
        // Reconnecting drops the device from Connect: note where the music was to carry on.
        let carry_on = model
            .core
            .this_device_id
            .clone()
            .zip(model.core.carry_on(now));
        let (model, api, event) = (model.clone(), api.clone(), event.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let renewed = match &rejected {
                Some(rejected) => auth.token_after_rejection(rejected).await,
                None => auth.access_token().await,
            };
            if renewed.is_err() {
                // Refresh failed: the session's own handling asks for a new sign-in.
                handle_event(&model, &api, &event);
                return;
            }
            let connecting = {
                let slot = device.borrow();
                let Some(device) = slot.as_ref() else { return };
                // Best effort: a player that is not connected has nothing to disconnect.
                let _ = device.player().disconnect();
                device.player().connect()
            };
            if !matches!(connecting.await, Ok(true)) {
                handle_event(&model, &api, &event);
                return;
            }
            if let Some((device_id, (body, was_playing))) = carry_on {
                carry_on_after_reconnect(&model, &api, &device_id, &body, was_playing).await;
            }
        });
        true
    }
}

/// Plays `body` on this tab's (re-registering) device, paused again if it was paused.
async fn carry_on_after_reconnect(
    model: &UseReducerHandle<PlayerModel>,
    api: &WebApi,
    device_id: &str,
    body: &PlayBody,
    was_playing: bool,
) {
    let play = requests::play(Some(device_id), body);
    let mut result = playback::send(api, &play, Registration::MayLag, drop).await;
    if result.is_ok() && !was_playing {
        let pause = requests::pause(Some(device_id));
        result = playback::send(api, &pause, Registration::MayLag, drop).await;
    }
    if let Err(error) = result {
        report(model, &error);
    }
}

fn handle_event(model: &UseReducerHandle<PlayerModel>, api: &WebApi, event: &PlayerEvent) {
    let core = |action| model.dispatch(PlayerModelAction::Core(action));
    let failed = |title: &str, message: &str, hint: &str| {
        model.dispatch(PlayerModelAction::Phase(DevicePhase::Failed(Problem {
            title: title.into(),
            message: message.into(),
            hint: hint.into(),
        })))
    };
    match event {
        PlayerEvent::Ready { device_id } => {
            core(PlayerAction::DeviceReady {
                device_id: device_id.clone(),
            });
            model.dispatch(PlayerModelAction::Notice(None));
            refresh_devices(model.clone(), api.clone());
            // Already playing on another device of the account? Show it (and offer "Play here").
            poll_playback(model.clone(), api.clone());
        }
        PlayerEvent::NotReady { .. } => core(PlayerAction::DeviceNotReady { at_ms: now_ms() }),
        PlayerEvent::StateChanged(state) => {
            let elsewhere = state.is_none();
            core(PlayerAction::from_sdk(state.clone(), now_ms()));
            if elsewhere {
                // Name the device that took over, when the Web API knows it.
                refresh_devices(model.clone(), api.clone());
                poll_playback(model.clone(), api.clone());
            }
        }
        PlayerEvent::AutoplayFailed => model.dispatch(PlayerModelAction::AutoplayBlocked(true)),
        PlayerEvent::InitializationError { message } => failed(
            "This browser cannot play Spotify",
            message,
            "Use a recent Chrome, Edge or Firefox with protected content (DRM) allowed, then reload this tab.",
        ),
        PlayerEvent::AuthenticationError { message } => failed(
            "Spotify did not accept this tab's sign-in for playback",
            message,
            "Sign out of this tab and connect again.",
        ),
        PlayerEvent::AccountError { .. } => {
            model.dispatch(PlayerModelAction::Phase(DevicePhase::PremiumRequired))
        }
        PlayerEvent::PlaybackError { message } => notice(
            model,
            &format!("This track could not be played ({message}). Skip to the next one or pick another."),
        ),
        PlayerEvent::BindingError(error) => notice(
            model,
            &format!("The player reported a problem: {error}. Reload this tab if playback stops responding."),
        ),
    }
}

fn notice(model: &UseReducerHandle<PlayerModel>, text: &str) {
    model.dispatch(PlayerModelAction::Notice(Some(Notice {
        text: text.to_owned(),
        pending: false,
    })));
}

/// One `GET /me/player` into the model (the core reducer decides whether it applies: it never
/// overrides this tab's own SDK state, nor a command sent in the last two seconds).
fn poll_playback(model: UseReducerHandle<PlayerModel>, api: WebApi) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(state) =
            playback::fetch::<PlaybackState>(&api, &requests::playback_state(), drop).await
        {
            model.dispatch(PlayerModelAction::Core(PlayerAction::WebApi {
                state: state.map(Box::new),
                received_at_ms: now_ms(),
            }));
        }
    });
}

fn refresh_devices(model: UseReducerHandle<PlayerModel>, api: WebApi) {
    wasm_bindgen_futures::spawn_local(async move {
        match playback::fetch::<Devices>(&api, &requests::devices(), drop).await {
            Ok(devices) => model.dispatch(PlayerModelAction::Devices(
                devices.map(|d| d.devices).unwrap_or_default(),
            )),
            Err(error) => report(&model, &error),
        }
    });
}

/// A failed Web API command, shown: Premium-required turns the player read-only.
fn report(model: &UseReducerHandle<PlayerModel>, error: &ApiError) {
    model.dispatch(PlayerModelAction::Core(PlayerAction::LocalFailed));
    match error {
        ApiError::Spotify { error, .. } if error.is_premium_required() => {
            model.dispatch(PlayerModelAction::Phase(DevicePhase::PremiumRequired))
        }
        ApiError::Spotify { error, .. } if error.kind() != ApiErrorKind::Other => {
            notice(model, error.kind().plain_words())
        }
        ApiError::RateLimited { retry_after_secs } => notice(
            model,
            &format!(
                "Spotify is busy: it asked Chorus to wait. Try again in {retry_after_secs} s."
            ),
        ),
        other => notice(model, &format!("{other}. Try again in a moment.")),
    }
}

fn problem_from_sdk(error: &SdkError) -> Problem {
    match error {
        SdkError::ScriptFailed { .. } | SdkError::NotLoaded | SdkError::Dom(_) => Problem {
            title: "The Spotify player could not be loaded".into(),
            message: error.to_string(),
            hint: "Check your connection (and that nothing blocks Spotify's player script), then reload this tab.".into(),
        },
        _ => Problem {
            title: "This tab could not become a Spotify player".into(),
            message: error.to_string(),
            hint: "Reload this tab; if it keeps happening, sign out of this tab and connect again.".into(),
        },
    }
}

impl UsePlayerHandle {
    pub fn model(&self) -> &PlayerModel {
        &self.model
    }

    fn device_id(&self) -> Option<String> {
        self.model.core.this_device_id.clone()
    }

    fn local(&self, command: LocalCommand) {
        self.model
            .dispatch(PlayerModelAction::Core(PlayerAction::Local {
                command,
                at_ms: now_ms(),
            }));
    }

    /// Calls the SDK now (inside the caller's event handler) and reports a failure.
    fn sdk<F>(&self, call: impl FnOnce(&chorus_sdk::Player) -> F)
    where
        F: Future<Output = Result<(), SdkError>> + 'static,
    {
        let pending = match self.device.borrow().as_ref() {
            Some(device) => call(device.player()),
            None => {
                return notice(
                    &self.model,
                    "This tab's player is not connected yet; wait a moment and try again.",
                )
            }
        };
        let model = self.model.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = pending.await {
                model.dispatch(PlayerModelAction::Core(PlayerAction::LocalFailed));
                notice(&model, &format!("{error}. Try again."));
            }
        });
    }

    /// Sends a Web API command; a wait (429) shows as a pending notice, a failure as a notice.
    fn web(&self, call: requests::ApiCall, registration: Registration) {
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let waiting = {
                let model = model.clone();
                move |text: String| {
                    model.dispatch(PlayerModelAction::Notice(Some(Notice {
                        text,
                        pending: true,
                    })))
                }
            };
            match playback::send(&api, &call, registration, waiting).await {
                Ok(_) => {
                    if model.notice.as_ref().is_some_and(|n| n.pending) {
                        model.dispatch(PlayerModelAction::Notice(None));
                    }
                }
                Err(error) => report(&model, &error),
            }
        });
    }

    /// Whether what the account plays is on this tab's device.
    pub fn plays_here(&self) -> bool {
        self.model.core.location == Location::ThisTab
    }

    /// Whether this tab's device is registered and can take commands.
    pub fn is_ready(&self) -> bool {
        self.model.phase == DevicePhase::Ready && self.device.borrow().is_some()
    }

    /// Pauses this tab's device (the command bar's "pause"; the button toggles).
    pub fn pause(&self) {
        self.local(LocalCommand::Pause);
        self.sdk(|player| player.pause());
    }

    /// Inside a key press or click that will start playback here by the Web API: the SDK's
    /// `activateElement()` is the gesture the browser's autoplay policy waits for.
    pub fn activate_for_play(&self) {
        if self.device.borrow().is_none() {
            return;
        }
        self.model
            .dispatch(PlayerModelAction::AutoplayBlocked(false));
        self.sdk(|player| player.activate_element());
    }

    pub fn toggle_play(&self) {
        let core = &self.model.core;
        if !self.plays_here() {
            return match core.location {
                Location::Elsewhere { .. } => self.play_here(),
                _ => self.start_here(),
            };
        }
        if self.model.autoplay_blocked {
            return self.enable_sound();
        }
        self.local(if core.is_playing {
            LocalCommand::Pause
        } else {
            LocalCommand::Resume
        });
        self.sdk(|player| player.toggle_play());
    }

    pub fn next(&self) {
        self.local(LocalCommand::Next);
        self.sdk(|player| player.next_track());
    }

    pub fn previous(&self) {
        self.local(LocalCommand::Previous);
        self.sdk(|player| player.previous_track());
    }

    pub fn seek(&self, position_ms: u64) {
        self.local(LocalCommand::Seek { position_ms });
        self.sdk(|player| player.seek(position_ms));
    }

    pub fn seek_by(&self, delta_ms: i64) {
        let position = self.model.core.position_at(now_ms());
        let target = position.saturating_add_signed(delta_ms);
        let target = self
            .model
            .core
            .duration_ms()
            .map_or(target, |d| target.min(d));
        self.seek(target);
    }

    pub fn set_volume(&self, percent: u8) {
        let percent = percent.min(100);
        self.local(LocalCommand::Volume { percent });
        if percent > 0 && self.model.muted_from.is_some() {
            self.model.dispatch(PlayerModelAction::Muted {
                restore_percent: None,
            });
        }
        self.sdk(|player| player.set_volume(f64::from(percent) / 100.0));
    }

    pub fn toggle_mute(&self) {
        match self.model.muted_from {
            Some(restore) => {
                self.model.dispatch(PlayerModelAction::Muted {
                    restore_percent: None,
                });
                self.set_volume(restore.max(1));
            }
            None => {
                let current = self
                    .model
                    .core
                    .volume_percent
                    .unwrap_or(INITIAL_VOLUME_PERCENT);
                self.local(LocalCommand::Volume { percent: 0 });
                self.model.dispatch(PlayerModelAction::Muted {
                    restore_percent: Some(current.max(1)),
                });
                self.sdk(|player| player.set_volume(0.0));
            }
        }
    }

    pub fn set_shuffle(&self, on: bool) {
        self.local(LocalCommand::Shuffle(on));
        let device = self.device_id();
        self.web(
            requests::shuffle(on, device.as_deref()),
            Registration::Settled,
        );
    }

    pub fn set_repeat(&self, mode: RepeatState) {
        self.local(LocalCommand::Repeat(mode));
        let device = self.device_id();
        self.web(
            requests::repeat(mode, device.as_deref()),
            Registration::Settled,
        );
    }

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
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            // The device list shows the new active device once Spotify moved it.
            playback::sleep_ms(500).await;
            refresh_devices(model, api);
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
        let Some(device_id) = self.device_id() else {
            return notice(
                &self.model,
                "This tab's player is still connecting; try again in a moment.",
            );
        };
        self.sdk(|player| player.activate_element());
        let (model, api) = (self.model.clone(), self.api.clone());
        model.dispatch(PlayerModelAction::Notice(Some(Notice {
            text: "Starting your music here…".into(),
            pending: true,
        })));
        wasm_bindgen_futures::spawn_local(async move {
            let body = match what_to_play(&api).await {
                Ok(Some(body)) => body,
                Ok(None) => {
                    return notice(&model, "Your Spotify account has no top tracks or playlists yet. Start something in Spotify once, then come back.")
                }
                Err(error) => return report(&model, &error),
            };
            let waiting = {
                let model = model.clone();
                move |text: String| {
                    model.dispatch(PlayerModelAction::Notice(Some(Notice {
                        text,
                        pending: true,
                    })))
                }
            };
            let call = requests::play(Some(&device_id), &body);
            match playback::send(&api, &call, Registration::MayLag, waiting).await {
                Ok(_) => {
                    model.dispatch(PlayerModelAction::Notice(None));
                    refresh_devices(model, api);
                }
                Err(error) => report(&model, &error),
            }
        });
    }

    pub fn refresh_devices(&self) {
        refresh_devices(self.model.clone(), self.api.clone());
    }

    /// "Turn sound on" after `autoplay_failed`: the click is the gesture the browser waits for.
    pub fn enable_sound(&self) {
        self.model
            .dispatch(PlayerModelAction::AutoplayBlocked(false));
        self.sdk(|player| player.activate_element());
        // Spotify may have stopped the track the browser would not play: start it again.
        if self.plays_here() && !self.model.core.is_playing {
            self.local(LocalCommand::Resume);
            self.sdk(|player| player.resume());
        }
    }

    pub fn dismiss_notice(&self) {
        self.model.dispatch(PlayerModelAction::Notice(None));
    }
}

/// The listener's top tracks, or else their first playlist.
async fn what_to_play(api: &WebApi) -> Result<Option<PlayBody>, ApiError> {
    let top = playback::fetch::<Paging<Track>>(
        api,
        &requests::top_tracks(TimeRange::default(), 10, 0),
        drop,
    )
    .await?;
    let uris: Vec<String> = top
        .map(|page| page.items.into_iter().map(|t| t.uri).collect())
        .unwrap_or_default();
    if !uris.is_empty() {
        return Ok(Some(PlayBody::tracks(uris)));
    }
    let playlists =
        playback::fetch::<Paging<Playlist>>(api, &requests::my_playlists(10, 0), drop).await?;
    Ok(playlists
        .and_then(|page| page.items.into_iter().next())
        .map(|playlist| PlayBody::context(&playlist.uri)))
}

/// Space, ←/→ and m drive this tab's player while it is usable.
#[hook]
pub fn use_player_shortcuts(player: &UsePlayerHandle, enabled: bool) {
    let player = player.clone();
    use_effect_with((player, enabled), |(player, enabled)| {
        let player = player.clone();
        let guard = enabled
            .then(|| {
                listen_for_shortcuts(move |shortcut| match shortcut {
                    Shortcut::TogglePlay => player.toggle_play(),
                    Shortcut::SeekBy(delta) => {
                        if player.plays_here() {
                            player.seek_by(delta)
                        }
                    }
                    Shortcut::ToggleMute => {
                        if player.device.borrow().is_some() {
                            player.toggle_mute()
                        }
                    }
                })
            })
            .flatten();
        move || drop(guard)
    });
}
