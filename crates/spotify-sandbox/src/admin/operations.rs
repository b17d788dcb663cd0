//! Admin operations as methods on [`Sandbox`], usable directly from other crates' tests.

use serde::Serialize;

use crate::accounts::store::{AccessGrant, RefreshGrant, RefreshStatus};
use crate::call_log::RecordedCall;
use crate::clock::millis;
use crate::connect::{Device, DeviceKind};
use crate::faults::Fault;
use crate::state::{Sandbox, SandboxEvent};

/// Every scope the contract mentions.
pub fn all_scopes() -> Vec<String> {
    [
        "streaming",
        "user-read-email",
        "user-read-private",
        "user-read-playback-state",
        "user-modify-playback-state",
        "user-read-currently-playing",
        "user-read-recently-played",
        "user-top-read",
        "playlist-read-private",
        "playlist-modify-private",
        "playlist-modify-public",
        "playlist-read-collaborative",
        "user-library-read",
        "user-library-modify",
        "user-follow-read",
        "user-follow-modify",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// A phone or speaker to register (`POST /_sandbox/users/{id}/devices`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub name: String,
    pub kind: DeviceKind,
    /// `false` makes `PUT /me/player/volume` answer 403 `VOLUME_CONTROL_DISALLOW` (an iPhone).
    pub supports_volume: bool,
    pub volume_percent: u8,
}

impl NewDevice {
    pub fn new(name: impl Into<String>, kind: DeviceKind) -> Self {
        Self {
            name: name.into(),
            kind,
            supports_volume: true,
            volume_percent: 100,
        }
    }
}

/// Tokens issued without the consent page.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
}

impl Sandbox {
    /// Issues an access and a refresh token for `user_id`, as if they had just approved.
    pub fn issue_tokens(&self, user_id: &str, scopes: &[String]) -> Option<IssuedTokens> {
        self.update(|world| {
            world.library.user(user_id)?;
            let now = world.now_ms();
            let client_id = world.config.client.client_id.clone();
            let ttl = world.config.access_token_ttl;
            let access_token = world.tokens.issue_access(AccessGrant {
                user_id: user_id.to_owned(),
                client_id: client_id.clone(),
                scopes: scopes.to_vec(),
                issued_at_ms: now,
                expires_at_ms: now + millis(ttl),
            });
            let refresh_token = world.tokens.issue_refresh(RefreshGrant {
                user_id: user_id.to_owned(),
                client_id,
                scopes: scopes.to_vec(),
                first_authorized_ms: now,
                status: RefreshStatus::Valid,
            });
            Some(IssuedTokens {
                access_token,
                refresh_token,
                expires_in: ttl.as_secs(),
            })
        })
    }

    /// Every access token of `user_id` expires now; returns how many were still valid.
    pub fn expire_access_tokens(&self, user_id: &str) -> usize {
        self.update(|world| {
            let now = world.now_ms();
            world.tokens.expire_access_of(user_id, now)
        })
    }

    pub fn revoke_refresh_tokens(&self, user_id: Option<&str>, token: Option<&str>) -> usize {
        self.update(|world| world.tokens.revoke_refresh(user_id, token))
    }

    pub fn add_fault(&self, fault: Fault) {
        self.read(|world| world.faults.scripted.push(fault));
    }

    /// Registers a non-SDK device (a phone, a speaker) for `user_id`, taking volume commands at
    /// full volume; returns its id.
    pub fn add_device(&self, user_id: &str, name: &str, kind: DeviceKind) -> Option<String> {
        self.add_device_with(user_id, NewDevice::new(name, kind))
    }

    /// Registers a device of the account that plays on its own: it follows the sandbox clock
    /// (tracks end, the next starts, plays land in recently played) and obeys Web API commands
    /// sent to its id, like a phone or a speaker running Spotify. Returns its id.
    pub fn add_device_with(&self, user_id: &str, new: NewDevice) -> Option<String> {
        self.update(|world| {
            world.library.user(user_id)?;
            let id = world.new_device_id();
            let now = world.now_ms();
            let mut device = Device::new(id.clone(), new.name, new.kind);
            device.supports_volume = new.supports_volume;
            device.volume_percent = new.volume_percent.min(100);
            world.connect.account(user_id, now).register_device(device);
            Some(id)
        })
    }

    /// Unregisters a device wherever it is; its SDK connection, if any, sees `not_ready`.
    pub fn drop_device(&self, device_id: &str) -> bool {
        self.update(|world| {
            let now = world.now_ms();
            let Some(owner) = world.connect.owner_of_device(device_id).map(str::to_owned) else {
                return false;
            };
            world
                .connect
                .account(&owner, now)
                .remove_device(device_id, now)
        })
    }

    /// Closes SDK WebSockets (of one user, or all), as a network cut would.
    pub fn cut_sdk_connections(&self, user_id: Option<String>) {
        self.notify(SandboxEvent::CutConnections { user_id });
    }

    /// SDK players (of one user, or all) emit `playback_error {message}`.
    pub fn simulate_playback_error(&self, user_id: Option<String>, message: &str) {
        self.notify(SandboxEvent::SdkError {
            user_id,
            kind: "playback_error",
            message: message.to_owned(),
        });
    }

    /// SDK players (of one user, or all) emit `authentication_error {message}`, as the real SDK
    /// does when Spotify stops accepting the token it was handed (revoked, or clocks apart).
    pub fn simulate_authentication_error(&self, user_id: Option<String>, message: &str) {
        self.notify(SandboxEvent::SdkError {
            user_id,
            kind: "authentication_error",
            message: message.to_owned(),
        });
    }

    pub fn register_in_allowlist(&self, user_id: &str) -> bool {
        self.update(|world| {
            let known = world.library.user(user_id).is_some();
            if known {
                world.allowlist.insert(user_id.to_owned());
            }
            known
        })
    }

    /// The Web API calls answered since `since_ms` (wall clock), of one user when given.
    pub fn calls(&self, user_id: Option<&str>, since_ms: u64) -> Vec<RecordedCall> {
        self.read(|world| world.calls.calls(user_id, since_ms))
    }

    pub fn set_simulate_no_eme(&self, enabled: bool) {
        self.update(|world| world.simulate_no_eme = enabled);
    }
}
