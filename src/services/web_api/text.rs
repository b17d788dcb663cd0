//! Every sentence about the Web API the app shows: the one "waiting" notice and each failure
//! in words a person can act on.

use chorus_core::spotify::ApiErrorKind;

use super::ApiError;

/// The notice while Chorus waits out a 429's `Retry-After`.
pub fn waiting(retry_after_secs: u64) -> String {
    format!("Spotify asked Chorus to slow down; trying again in {retry_after_secs} s…")
}

impl ApiError {
    /// The failure in words a person can act on (every feature shows failures this way).
    pub fn in_plain_words(&self) -> String {
        match self {
            ApiError::Network(_) => {
                "Spotify could not be reached. Check your connection and try again.".into()
            }
            ApiError::Spotify(error) if error.status >= 500 => format!(
                "Spotify had a problem answering ({}). Try again in a moment.",
                error.status
            ),
            ApiError::Spotify(error) if error.is_premium_required() => {
                "Playing in a browser needs Spotify Premium.".into()
            }
            ApiError::Spotify(error) if error.kind() != ApiErrorKind::Other => {
                error.kind().plain_words().into()
            }
            ApiError::RateLimited { retry_after_secs } => {
                format!("Spotify asks Chorus to slow down. Try again in {retry_after_secs} s.")
            }
            other => format!("{other}. Try again."),
        }
    }
}
