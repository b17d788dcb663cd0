//! Every sentence the player shows: its notices, its problems and the Player page's words.

use chorus_sdk::SdkError;

use crate::ui::problem::Problem;

/// The name this tab's device has in Spotify Connect.
pub fn device_name(listener: &str) -> String {
    format!("Chorus · {listener}")
}

/// Asked to play while the device is not registered yet (any page, the command bar).
pub const STILL_CONNECTING: &str = "This tab's player is still connecting; try again in a moment.";

pub fn sdk_call_failed(error: &SdkError) -> String {
    format!("{error}. Try again.")
}

pub const STARTING_HERE: &str = "Starting your music here…";
pub const NOTHING_TO_START: &str = "Your Spotify account has no top tracks or playlists yet. Start something in Spotify once, then come back.";

pub fn playback_failed(message: &str) -> String {
    format!("This track could not be played ({message}). Skip to the next one or pick another.")
}

pub fn binding_failed(error: &SdkError) -> String {
    format!("The player reported a problem: {error}. Reload this tab if playback stops responding.")
}

pub fn browser_cannot_play(message: &str) -> Problem {
    Problem::new(
        "This browser cannot play Spotify",
        message,
        "Use a recent Chrome, Edge or Firefox with protected content (DRM) allowed, then reload this tab.",
    )
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
pub fn elsewhere(device_name: Option<&str>) -> String {
    match device_name {
        Some(name) => format!(
            "Your Spotify account now plays on “{name}”. One account plays in one place at a time."
        ),
        None => "Your Spotify account now plays somewhere else. One account plays in one place at a time.".to_owned(),
    }
}
pub const ON_ANOTHER_DEVICE: &str = "On another device";
pub const PLAY_HERE: &str = "Play here";

pub const EMPTY_TITLE: &str = "Nothing playing yet";
pub const EMPTY_HINT: &str = "This tab is ready to play. Start with your top tracks, or pick this tab as a device in any Spotify app.";
pub const START_HERE: &str = "Start playing here";

pub const PLAYING_HERE: &str = "Playing in this tab";
pub const PAUSED: &str = "Paused";
pub const SHORTCUTS: &str = "Keys: space play/pause · ←/→ 10 s · m mute";

pub const NO_DEVICES: &str = "No devices yet: this tab appears here once its player is connected.";
