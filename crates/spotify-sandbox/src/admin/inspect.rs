//! `GET /_sandbox/state`: a JSON picture of the world for tests and humans. Tokens are shown as
//! short SHA-256 prefixes, never in full.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::state::Sandbox;

fn fingerprint(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Sandbox {
    pub fn inspect(&self) -> Value {
        self.read(|world| {
            let now = world.now_ms();
            let users: Vec<Value> = world
                .library
                .users
                .iter()
                .map(|u| {
                    json!({
                        "id": u.id,
                        "account_id": u.account_id,
                        "display_name": u.display_name,
                        "product": u.product.as_str(),
                        "registered": world.allowlist.contains(&u.id),
                    })
                })
                .collect();
            let access: Vec<Value> = world
                .tokens
                .access
                .iter()
                .map(|(token, g)| {
                    json!({
                        "fingerprint": fingerprint(token),
                        "user_id": g.user_id,
                        "scopes": g.scopes,
                        "expires_at_ms": g.expires_at_ms,
                        "expired": g.expires_at_ms <= now,
                    })
                })
                .collect();
            let refresh: Vec<Value> = world
                .tokens
                .refresh
                .iter()
                .map(|(token, g)| {
                    json!({
                        "fingerprint": fingerprint(token),
                        "user_id": g.user_id,
                        "status": format!("{:?}", g.status).to_lowercase(),
                        "first_authorized_ms": g.first_authorized_ms,
                    })
                })
                .collect();
            let user_ids: Vec<String> = world.connect.accounts().map(|(id, _)| id.clone()).collect();
            let catalogue = world.catalogue.clone();
            let accounts: Vec<Value> = user_ids
                .iter()
                .map(|user_id| {
                    let player = world.connect.account(user_id, now);
                    let devices: Vec<Value> = player
                        .devices()
                        .iter()
                        .map(|d| json!({"id": d.id, "name": d.name, "type": d.kind.as_str(), "volume_percent": d.volume_percent, "supports_volume": d.supports_volume, "activated": d.activated}))
                        .collect();
                    let playback = player.snapshot(now).map(|s| {
                        json!({
                            "device_id": s.device.id,
                            "track_id": s.current.track_id,
                            "track_name": catalogue.track(&s.current.track_id).map(|t| t.name.clone()),
                            "context_uri": s.context_uri,
                            "is_playing": s.is_playing,
                            "progress_ms": s.progress_ms,
                            "shuffle": s.shuffle,
                            "repeat": s.repeat.as_str(),
                            "queue": s.queue.iter().map(|i| i.track_id.clone()).collect::<Vec<_>>(),
                        })
                    });
                    json!({
                        "user_id": user_id,
                        "active_device_id": player.active_device_id(),
                        "devices": devices,
                        "device_registrations": player.registrations(),
                        "playback": playback,
                        "plays": player.history().len(),
                        // The last plays, newest last, as recently played lists them.
                        "recent_plays": player.history().iter().rev().take(10).rev()
                            .map(|p| json!({"track_id": p.track_id, "played_at_ms": p.played_at_ms, "context_uri": p.context_uri}))
                            .collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "now_ms": now,
                "clock": if world.clock.is_manual() { "manual" } else { "real" },
                "users": users,
                "access_tokens": access,
                "refresh_tokens": refresh,
                // The accounts service's browser logins: one user id a logged-in browser.
                "logins": world.logins.logged_in(),
                "accounts": accounts,
                "faults": world.faults.scripted,
                "simulate_no_eme": world.simulate_no_eme,
            })
        })
    }
}
