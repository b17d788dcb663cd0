//! The Spotify Connect model: per account, the registered devices, exactly one active device and
//! the one stream that plays on it. Pure state driven by explicit `now_ms` arguments, so every rule
//! (one stream per account, track end, queue, repeat/shuffle) is unit-tested without a clock or a
//! socket. Run its tests with `cargo test -p spotify-sandbox connect::`.

mod account;
mod device;
#[cfg(test)]
mod invariants;
mod playback;

pub use account::{AccountPlayer, Played, PlayerSnapshot};
pub use device::{Device, DeviceKind};
pub use playback::{NewPlayback, PlayItem, RepeatMode};

use std::collections::HashMap;

/// Why a Connect command was refused; the Web API maps each to the contract's error body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    #[error("no active device")]
    NoActiveDevice,
    #[error("device not found")]
    DeviceNotFound,
    /// The command makes no sense in the current state (e.g. pause when paused); the reason is one
    /// of the contract's player reasons.
    #[error("restriction violated ({0})")]
    Restriction(&'static str),
    /// A volume command for a device that does not take one (`supports_volume: false`).
    #[error("volume control disallowed")]
    VolumeControlDisallowed,
    #[error("{0}")]
    InvalidRequest(String),
}

/// The Connect state of every account, created lazily on first use.
#[derive(Debug, Clone, Default)]
pub struct Connect {
    accounts: HashMap<String, AccountPlayer>,
}

impl Connect {
    /// The player of an account, advanced to `now_ms` (tracks that ended in between are finished).
    pub fn account(&mut self, user_id: &str, now_ms: u64) -> &mut AccountPlayer {
        let player = self
            .accounts
            .entry(user_id.to_owned())
            .or_insert_with(|| AccountPlayer::new(seed_of(user_id)));
        player.settle(now_ms);
        player
    }

    /// Advances every account to `now_ms`; returns the accounts whose state changed.
    pub fn settle_all(&mut self, now_ms: u64) -> Vec<String> {
        self.accounts
            .iter_mut()
            .filter_map(|(user, player)| {
                let before = player.revision();
                player.settle(now_ms);
                (player.revision() != before).then(|| user.clone())
            })
            .collect()
    }

    /// The account owning a device id, if any.
    pub fn owner_of_device(&self, device_id: &str) -> Option<&str> {
        self.accounts
            .iter()
            .find(|(_, player)| player.device(device_id).is_some())
            .map(|(user, _)| user.as_str())
    }

    pub fn accounts(&self) -> impl Iterator<Item = (&String, &AccountPlayer)> {
        self.accounts.iter()
    }
}

fn seed_of(user_id: &str) -> u64 {
    user_id.bytes().fold(0xC0FFEE, |acc, b| {
        acc.wrapping_mul(131).wrapping_add(u64::from(b))
    })
}
