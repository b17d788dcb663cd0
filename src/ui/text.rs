//! Words the shared UI pieces show.

/// The label of a notice's close button.
pub const DISMISS: &str = "Dismiss";
/// The way out of most failures.
pub const TRY_AGAIN: &str = "Try again";

pub const SANDBOX: &str = "Sandbox Spotify";
pub const SANDBOX_HINT: &str =
    "Accounts, music and devices are emulated locally; nothing reaches Spotify.";
