//! Every sentence about the Web API the app shows: the one "waiting" notice and each failure
//! in words a person can act on.

use chorus_core::spotify::ApiErrorKind;

use super::ApiError;
use crate::ui::text::sentence;

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
                "Playing needs Spotify Premium.".into()
            }
            // Nothing to try again: the session's banner offers to connect again.
            ApiError::Auth(error) if error.needs_sign_in() => {
                "Your Spotify sign-in in this tab ended. Connect again to carry on.".into()
            }
            ApiError::Spotify(error) if error.kind() != ApiErrorKind::Other => {
                error.kind().plain_words().into()
            }
            ApiError::RateLimited { retry_after_secs } => {
                format!("Spotify asks Chorus to slow down. Try again in {retry_after_secs} s.")
            }
            other => format!("{} Try again.", sentence(&other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::auth::AuthError;

    #[test]
    fn failures_read_as_sentences_with_one_stop_and_no_try_again_that_cannot_work() {
        let signed_out = ApiError::Auth(AuthError::SignedOut).in_plain_words();
        assert!(!signed_out.contains(".."), "{signed_out}");
        assert!(!signed_out.contains("Try again"), "{signed_out}");
        let decode = ApiError::Decode("missing field `id`".into()).in_plain_words();
        assert!(decode.ends_with("). Try again."), "{decode}");
        assert!(!decode.contains(".."), "{decode}");
    }
}
