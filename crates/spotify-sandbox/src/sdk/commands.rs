//! The player methods an SDK page calls over its socket (`pause`, `resume`, `togglePlay`, `seek`,
//! `nextTrack`, `previousTrack`, `setVolume`, `getVolume`, `setName`, `getCurrentState`, `activateElement`).

use serde_json::{json, Value};

use super::state_json::sdk_state;
use crate::state::Sandbox;

/// Which page's player a command comes from.
#[derive(Debug, Clone, Copy)]
pub struct PlayerRef<'a> {
    pub user_id: &'a str,
    pub device_id: &'a str,
    /// Sandbox origin for artwork URLs in states.
    /// The origin album covers are served from.
    pub base: &'a str,
}

/// Runs a player method on this device. Transport commands only act while this device holds the
/// account's stream, as with the real SDK.
pub fn command(sandbox: &Sandbox, page: &PlayerRef<'_>, op: &str, value: Option<&Value>) -> Value {
    let id = page.device_id;
    let number = value.and_then(Value::as_f64);
    let read_only = matches!(op, "get_state" | "get_volume");
    let run = |world: &mut crate::state::World| -> Value {
        let now = world.now_ms();
        let catalogue = world.catalogue.clone();
        let player = world.connect.account(page.user_id, now);
        let snapshot = player.snapshot(now).filter(|s| s.device.id == id);
        let playing = snapshot.as_ref().map(|s| s.is_playing);
        let ok = |result: Result<(), crate::connect::ConnectError>| json!(result.is_ok());
        match (op, playing) {
            ("get_state", _) => {
                snapshot.map_or(Value::Null, |s| sdk_state(page.base, &catalogue, &s, now))
            }
            ("get_volume", _) => {
                json!(player
                    .device(id)
                    .map_or(1.0, |d| f64::from(d.volume_percent) / 100.0))
            }
            ("set_volume", _) => {
                let percent = (number.unwrap_or(1.0).clamp(0.0, 1.0) * 100.0).round() as u8;
                ok(player.set_volume(Some(id), percent))
            }
            // `activateElement()`: answered once the device counts as activated, so a play
            // sent right after the promise resolves never races it (in a browser the flag is
            // local to the page; here it travels over the socket).
            ("activate", _) => {
                player.mark_activated(id);
                json!(null)
            }
            ("set_name", _) => {
                let name = value.and_then(Value::as_str).unwrap_or("Web Player");
                player.rename_device(id, name);
                json!(true)
            }
            (_, None) => json!(false),
            ("pause", Some(_)) => ok(player.pause(Some(id), now)),
            ("resume", Some(_)) => ok(player.play(Some(id), None, now)),
            ("toggle", Some(true)) => ok(player.pause(Some(id), now)),
            ("toggle", Some(false)) => ok(player.play(Some(id), None, now)),
            ("seek", Some(_)) => {
                ok(player.seek(Some(id), number.unwrap_or(0.0).max(0.0) as u64, now))
            }
            ("next", Some(_)) => ok(player.next(Some(id), now)),
            ("previous", Some(_)) => ok(player.previous(Some(id), now)),
            _ => json!(false),
        }
    };
    if read_only {
        sandbox.read(run)
    } else {
        sandbox.update(run)
    }
}
