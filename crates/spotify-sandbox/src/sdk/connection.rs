//! One SDK player's WebSocket: authenticate, register a `Computer` device, push
//! `player_state_changed` whenever the account's state changes, run the player's commands, and ask
//! for a new token when the current one expires.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use serde_json::Value;
use tokio::sync::broadcast::error::RecvError;

use super::commands::{command, PlayerRef};
use super::protocol::{ClientMessage, ServerMessage};
use super::state_json::sdk_state;
use crate::catalogue::library::Product;
use crate::connect::{Device, DeviceKind};
use crate::errors::ApiError;
use crate::state::{Sandbox, SandboxEvent};
use crate::web_api::auth::{resolve, BaseUrl};

/// How often a connection checks token expiry and track ends under the real clock.
const TICK: Duration = Duration::from_millis(250);

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(sandbox): State<Sandbox>,
    BaseUrl(base): BaseUrl,
) -> Response {
    // The state's covers come from the covers origin, as Spotify's come from its image CDN.
    let covers = sandbox.image_origins(&base).covers;
    ws.on_upgrade(move |socket| run(socket, sandbox, covers))
}

/// What this connection knows about itself and what it last told the page.
#[derive(Debug)]
struct Session {
    user_id: String,
    device_id: String,
    token: String,
    /// The origin album covers are served from.
    base: String,
    /// Revision of the account when state was last pushed.
    last_revision: Option<u64>,
    /// The last non-null state pushed while the page still holds it (`None`: it holds `null`).
    shown: Option<Value>,
    /// `(playback_id, playing)` last pushed, to detect a playback start for `autoplay_failed`.
    last_playing: Option<(u64, bool)>,
    expiry_signalled: bool,
}

/// One turn of the connection loop.
enum Turn {
    Incoming(ClientMessage),
    Closed,
    Event(Result<SandboxEvent, RecvError>),
    Tick,
}

async fn send(socket: &mut WebSocket, message: &ServerMessage) -> bool {
    match serde_json::to_string(message) {
        Ok(text) => socket.send(Message::Text(text.into())).await.is_ok(),
        Err(_) => false,
    }
}

async fn receive(socket: &mut WebSocket) -> Option<ClientMessage> {
    loop {
        match socket.recv().await? {
            Ok(Message::Text(text)) => {
                if let Ok(message) = serde_json::from_str(text.as_str()) {
                    return Some(message);
                }
            }
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn auth_message(error: &ApiError) -> String {
    match error {
        ApiError::Plain { message, .. } | ApiError::Player { message, .. } => message.clone(),
        ApiError::RateLimited { .. } => "Authentication failed".to_owned(),
    }
}

fn error(kind: &str, message: impl Into<String>) -> ServerMessage {
    ServerMessage::Error {
        kind: kind.to_owned(),
        message: message.into(),
    }
}

/// Checks the hello and registers the device, or says which SDK error the page must emit.
fn open(
    sandbox: &Sandbox,
    hello: ClientMessage,
    base: String,
) -> Result<(Session, Device), ServerMessage> {
    let ClientMessage::Hello {
        token,
        name,
        volume,
        device_id,
        activated,
    } = hello
    else {
        return Err(error("initialization_error", "Expected hello"));
    };
    if sandbox.read(|world| world.simulate_no_eme) {
        return Err(error(
            "initialization_error",
            "Failed to initialize player: EME is not supported",
        ));
    }
    let caller = resolve(sandbox, Some(&format!("Bearer {token}")))
        .map_err(|e| error("authentication_error", auth_message(&e)))?;
    if !caller.scopes.iter().any(|s| s == "streaming") {
        return Err(error("authentication_error", "Invalid token scopes."));
    }
    if caller.product == Product::Free {
        return Err(error(
            "account_error",
            "This functionality is restricted to premium users only",
        ));
    }
    let device = sandbox.update(|world| {
        let reusable = device_id.filter(|id| {
            world
                .connect
                .owner_of_device(id)
                .is_none_or(|owner| owner == caller.user_id)
        });
        let id = reusable.unwrap_or_else(|| world.new_device_id());
        let mut device = Device::new(id, name, DeviceKind::Computer);
        device.volume_percent = (volume.clamp(0.0, 1.0) * 100.0).round() as u8;
        device.activated = activated;
        device
    });
    let device_id = device.id.clone();
    let session = Session {
        user_id: caller.user_id,
        device_id,
        token,
        base,
        last_revision: None,
        shown: None,
        last_playing: None,
        expiry_signalled: false,
    };
    Ok((session, device))
}

fn register(sandbox: &Sandbox, session: &Session, device: Device) {
    sandbox.update(|world| {
        let now = world.now_ms();
        world
            .connect
            .account(&session.user_id, now)
            .register_device(device);
    });
}

async fn run(mut socket: WebSocket, sandbox: Sandbox, base: String) {
    let mut events = sandbox.subscribe();
    let Some(hello) = receive(&mut socket).await else {
        return;
    };
    let (mut session, device) = match open(&sandbox, hello, base) {
        Ok(opened) => opened,
        Err(message) => {
            send(&mut socket, &message).await;
            let _ = socket.send(Message::Close(None)).await;
            return;
        }
    };
    // Spotify can take a moment after `ready` before the device answers Web API commands
    // (contract §2, "retry with a short backoff"); without a configured delay, the device is
    // registered before `ready` so no command can race it.
    tracing::info!(user_id = %session.user_id, device_id = %session.device_id, "SDK player connected");
    let delay = sandbox.read(|world| world.config.sdk_registration_delay);
    let mut pending_device = Some(device);
    if delay.is_zero() {
        if let Some(device) = pending_device.take() {
            register(&sandbox, &session, device);
        }
    }
    if !send(
        &mut socket,
        &ServerMessage::Ready {
            device_id: session.device_id.clone(),
        },
    )
    .await
    {
        return remove_device(&sandbox, &session);
    }
    if let Some(device) = pending_device {
        tokio::time::sleep(delay).await;
        register(&sandbox, &session, device);
    }
    let mut tick = tokio::time::interval(TICK);
    let keep_device = loop {
        let turn = tokio::select! {
            message = receive(&mut socket) => message.map_or(Turn::Closed, Turn::Incoming),
            event = events.recv() => Turn::Event(event),
            _ = tick.tick() => Turn::Tick,
        };
        let flow = match turn {
            Turn::Closed => Flow::Stop { keep_device: false },
            Turn::Incoming(message) => handle(&sandbox, &mut session, &mut socket, message).await,
            Turn::Event(Ok(SandboxEvent::CutConnections { user_id }))
                if user_id.as_deref().is_none_or(|u| u == session.user_id) =>
            {
                Flow::Stop { keep_device: true }
            }
            Turn::Event(Ok(SandboxEvent::SdkError {
                user_id,
                kind,
                message,
            })) if user_id.as_deref().is_none_or(|u| u == session.user_id) => {
                if send(&mut socket, &error(kind, message)).await {
                    Flow::Continue
                } else {
                    Flow::Stop { keep_device: false }
                }
            }
            Turn::Event(Err(RecvError::Closed)) => Flow::Stop { keep_device: false },
            Turn::Event(_) => push_state(&sandbox, &mut session, &mut socket).await,
            Turn::Tick => {
                let flow = check_token(&sandbox, &mut session, &mut socket).await;
                match flow {
                    Flow::Continue => push_state(&sandbox, &mut session, &mut socket).await,
                    stop => stop,
                }
            }
        };
        if let Flow::Stop { keep_device } = flow {
            break keep_device;
        }
    };
    let _ = socket.send(Message::Close(None)).await;
    tracing::info!(user_id = %session.user_id, device_id = %session.device_id, keep_device, "SDK player disconnected");
    if !keep_device {
        remove_device(&sandbox, &session);
    }
}

enum Flow {
    Continue,
    Stop { keep_device: bool },
}

fn remove_device(sandbox: &Sandbox, session: &Session) {
    sandbox.update(|world| {
        let now = world.now_ms();
        world
            .connect
            .account(&session.user_id, now)
            .remove_device(&session.device_id, now);
    });
}

/// Pushes `player_state_changed` when the account changed, `null` when the stream left this
/// device, and `autoplay_failed` when playback starts here without `activateElement()`.
async fn push_state(sandbox: &Sandbox, session: &mut Session, socket: &mut WebSocket) -> Flow {
    let (view, revision, device, now) = sandbox.read(|world| {
        let now = world.now_ms();
        let catalogue = world.catalogue.clone();
        let player = world.connect.account(&session.user_id, now);
        let device = player.device(&session.device_id).cloned();
        let view = player
            .snapshot(now)
            .filter(|s| s.device.id == session.device_id)
            .map(|s| {
                (
                    sdk_state(&session.base, &catalogue, &s, now),
                    s.is_playing,
                    s.playback_id,
                )
            });
        (view, player.revision(), device, now)
    });
    let Some(device) = device else {
        // Dropped by the admin API: behave like a lost connection so the page reconnects.
        if session.shown.take().is_some() {
            send(socket, &ServerMessage::State { state: Value::Null }).await;
        }
        return Flow::Stop { keep_device: true };
    };
    match view {
        Some((state, playing, playback_id)) => {
            if session.last_revision != Some(revision) || session.shown.is_none() {
                session.shown = Some(state.clone());
                if !send(socket, &ServerMessage::State { state }).await {
                    return Flow::Stop { keep_device: false };
                }
                let started = playing && session.last_playing != Some((playback_id, true));
                if started && !device.activated {
                    send(socket, &ServerMessage::AutoplayFailed).await;
                }
                session.last_playing = Some((playback_id, playing));
            }
        }
        None => {
            if let Some(last) = session.shown.take() {
                // As on Spotify: the device that loses the stream first pauses, then lets go.
                if last["paused"] == false {
                    let paused = ServerMessage::State {
                        state: paused_copy(last, now),
                    };
                    if !send(socket, &paused).await {
                        return Flow::Stop { keep_device: false };
                    }
                }
                if !send(socket, &ServerMessage::State { state: Value::Null }).await {
                    return Flow::Stop { keep_device: false };
                }
            }
            session.last_playing = None;
        }
    }
    session.last_revision = Some(revision);
    Flow::Continue
}

/// `state` as it stands when paused at `now_ms`: position advanced to now, then frozen.
fn paused_copy(mut state: Value, now_ms: u64) -> Value {
    let position = state["position"].as_u64().unwrap_or_default();
    let since = state["timestamp"]
        .as_u64()
        .map_or(0, |at| now_ms.saturating_sub(at));
    let duration = state["duration"].as_u64().unwrap_or(u64::MAX);
    state["position"] = Value::from((position + since).min(duration));
    state["timestamp"] = Value::from(now_ms);
    state["paused"] = Value::Bool(true);
    state["disallows"]["pausing"] = Value::Bool(true);
    state["disallows"]["resuming"] = Value::Bool(false);
    state
}

/// Asks the page for a new token once the current one expired (the real SDK calls
/// `getOAuthToken` again).
async fn check_token(sandbox: &Sandbox, session: &mut Session, socket: &mut WebSocket) -> Flow {
    if session.expiry_signalled {
        return Flow::Continue;
    }
    let expired = sandbox.read(|world| {
        world
            .tokens
            .access
            .get(&session.token)
            .is_none_or(|grant| grant.expires_at_ms <= world.now_ms())
    });
    if expired {
        session.expiry_signalled = true;
        if !send(socket, &ServerMessage::TokenExpired).await {
            return Flow::Stop { keep_device: false };
        }
    }
    Flow::Continue
}

async fn handle(
    sandbox: &Sandbox,
    session: &mut Session,
    socket: &mut WebSocket,
    message: ClientMessage,
) -> Flow {
    match message {
        ClientMessage::Hello { .. } => Flow::Continue,
        ClientMessage::Bye => Flow::Stop { keep_device: false },
        ClientMessage::Activate => {
            sandbox.read(|world| {
                let now = world.now_ms();
                world
                    .connect
                    .account(&session.user_id, now)
                    .mark_activated(&session.device_id);
            });
            Flow::Continue
        }
        ClientMessage::Token { token } => {
            match resolve(sandbox, Some(&format!("Bearer {token}"))) {
                Ok(caller) if caller.user_id == session.user_id => {
                    session.token = token;
                    session.expiry_signalled = false;
                    Flow::Continue
                }
                Ok(_) => {
                    send(
                        socket,
                        &error("authentication_error", "Token belongs to another account"),
                    )
                    .await;
                    Flow::Continue
                }
                Err(e) => {
                    send(socket, &error("authentication_error", auth_message(&e))).await;
                    Flow::Continue
                }
            }
        }
        ClientMessage::Command { id, op, value } => {
            let player = PlayerRef {
                user_id: &session.user_id,
                device_id: &session.device_id,
                base: &session.base,
            };
            let reply = command(sandbox, &player, &op, value.as_ref());
            if send(socket, &ServerMessage::Reply { id, value: reply }).await {
                // Commands change state: push it right away rather than at the next tick.
                push_state(sandbox, session, socket).await
            } else {
                Flow::Stop { keep_device: false }
            }
        }
    }
}
