//! Every sentence the player shows: its notices, its problems and the Player page's words.

use chorus_sdk::SdkError;

use super::model::RemoteReason;
use crate::ui::{problem::Problem, text::sentence};

/// The name this tab's device has in Spotify Connect: chorus-core's, which the favorites keeper
/// recognises as a Chorus tab; the account's second tab and later ones carry their number, so a
/// device list tells them apart.
pub fn device_name(listener: &str, number: u32) -> String {
    let name = chorus_core::player::chorus_device_name(listener);
    if number <= 1 {
        name
    } else {
        format!("{name} ({number})")
    }
}

/// Asked to play while the device is not registered yet (any page, the command bar).
pub const STILL_CONNECTING: &str = "This tab's player is still connecting; try again in a moment.";
/// Asked to play by a free account: nothing to try again.
pub const PLAYING_NEEDS_PREMIUM: &str = "Playing needs Spotify Premium.";
/// Asked to play while this tab's player could not start (the Player page says why).
pub const PLAYER_BROKEN: &str = "This tab's player could not start; the Player page says why.";

pub fn sdk_call_failed(error: &SdkError) -> String {
    format!("{} Try again.", sentence(&error.to_string()))
}

/// A play went through.
pub fn playing(what: &str) -> String {
    format!("Playing {what}.")
}
/// A track was queued.
pub fn queued(name: &str) -> String {
    format!("Added “{name}” to the queue.")
}

pub const STARTING_HERE: &str = "Starting your music here…";
pub const NOTHING_TO_START: &str = "Your Spotify account has no top tracks or playlists yet. Start something in Spotify once, then come back.";

pub fn playback_failed(message: &str) -> String {
    format!("This track could not be played ({message}). Skip to the next one or pick another.")
}

pub fn binding_failed(error: &SdkError) -> String {
    format!("The player reported a problem: {error}. Reload this tab if playback stops responding.")
}

/// The one sentence of a remote: why this tab cannot play, and what it does instead.
pub fn remote_reason(reason: &RemoteReason) -> String {
    match reason {
        RemoteReason::CannotPlay { message } => format!(
            "This browser cannot play Spotify ({message}; it needs protected content, DRM), so this tab is a remote for your other devices."
        ),
        RemoteReason::Phone => "Spotify does not play in a phone's browser, so this tab is a remote for your other devices.".to_owned(),
    }
}

pub fn sign_in_refused(message: &str) -> Problem {
    Problem::new(
        "Spotify did not accept this tab's sign-in for playback",
        message,
        "Sign out of this tab and connect again.",
    )
}

/// The device could not be made or connected.
pub fn device_failed(error: &SdkError) -> Problem {
    match error {
        SdkError::ScriptFailed { .. } | SdkError::NotLoaded | SdkError::Dom(_) => Problem::new(
            "The Spotify player could not be loaded",
            error.to_string(),
            "Check your connection (and that nothing blocks Spotify's player script), then reload this tab.",
        ),
        _ => Problem::new(
            "This tab could not become a Spotify player",
            error.to_string(),
            "Reload this tab; if it keeps happening, sign out of this tab and connect again.",
        ),
    }
}

pub const SOUND_BLOCKED: &str =
    "Your browser kept the sound from starting by itself. Click to hear this tab.";
pub const TURN_SOUND_ON: &str = "Turn sound on";

pub const PREMIUM_TITLE: &str = "Playing here needs Spotify Premium";
pub const PREMIUM_WHY: &str = "Spotify only plays music in a browser for Premium accounts, so this tab cannot be a player for this account.";
pub const PREMIUM_REST: &str = "The rest of Chorus still works for you: search and browse your playlists in the Library, and see your top tracks, top artists and recent plays in Insights. To play in this tab, upgrade to Premium on Spotify, then reload.";
pub const PREMIUM_TO_LIBRARY: &str = "Open your Library";
pub const PREMIUM_TO_INSIGHTS: &str = "See your Insights";

pub const CONNECTING: &str = "Connecting this tab's player to Spotify…";
pub const RECONNECTING: &str = "Connection to Spotify lost; reconnecting this tab's player…";

pub const ELSEWHERE_TITLE: &str = "Playing on another device or tab";
/// The status under the title while another device has the stream.
pub fn on_device(device_name: Option<&str>, playing: bool) -> String {
    let state = if playing { "Playing" } else { "Paused" };
    match device_name {
        Some(name) => format!("{state} on “{name}”"),
        None => format!("{state} on another device"),
    }
}
pub const NO_DEVICE_VOLUME: &str = "This device sets its volume itself.";
pub const NOTHING_TO_CONTROL: &str =
    "Nothing is playing on your devices. Pick a device below, or start something in a Spotify app.";
pub const REMOTE_EMPTY_TITLE: &str = "Nothing playing on your devices";
pub const REMOTE_EMPTY_HINT: &str = "Start something in a Spotify app on your phone, speaker or computer, or pick a device below to play there; this tab shows and steers it.";
pub fn elsewhere(device_name: Option<&str>) -> String {
    match device_name {
        Some(name) => format!(
            "Your Spotify account now plays on “{name}”. One account plays in one place at a time."
        ),
        None => "Your Spotify account now plays somewhere else. One account plays in one place at a time.".to_owned(),
    }
}
pub const PLAY_HERE: &str = "Play here";

pub const EMPTY_TITLE: &str = "Nothing playing yet";
pub const RESUME_TITLE: &str = "Carry on where you were";
pub const RESUME_HINT: &str = "This tab played this before it reloaded.";
pub const EMPTY_HINT: &str = "This tab is ready to play. Start with your top tracks, or pick this tab as a device in any Spotify app.";
pub const START_HERE: &str = "Start playing here";

pub const PLAYING_HERE: &str = "Playing in this tab";
pub const PAUSED: &str = "Paused";
pub const SHORTCUTS: &str =
    "Keys: space play/pause · ←/→ 10 s · n/p next/previous · +/− volume · m mute";

pub const BAR_LABEL: &str = "Now playing";
pub const CONTROLS_LABEL: &str = "Playback controls";
pub const BAR_THIS_TAB: &str = "This tab";
pub fn bar_elsewhere(device: Option<&str>) -> String {
    match device {
        Some(name) => format!("On {name}"),
        None => "On another device".to_owned(),
    }
}

pub const NO_DEVICES: &str = "No devices yet: this tab appears here once its player is connected.";
pub const NO_DEVICES_REMOTE: &str =
    "None of your devices is online. Open Spotify on your phone, speaker or computer.";

/// A device's `type` in words, for the device list.
pub fn device_kind(kind: &str) -> &'static str {
    match kind {
        "Computer" => "Computer",
        "Smartphone" => "Phone",
        "Tablet" => "Tablet",
        "Speaker" => "Speaker",
        "TV" => "TV",
        "AVR" | "STB" => "Receiver",
        "CastAudio" | "CastVideo" => "Cast device",
        "Automobile" => "Car",
        "GameConsole" => "Game console",
        _ => "Device",
    }
}
pub const THIS_TAB: &str = "this tab";
pub const ACTIVE: &str = "active";
pub const NO_VOLUME: &str = "no volume control";
