//! Words the shared UI pieces show.

/// The label of a notice's close button.
pub const DISMISS: &str = "Dismiss";
/// The first link of every page, for keyboard users.
pub const SKIP_TO_CONTENT: &str = "Skip to content";
/// The way out of most failures.
pub const TRY_AGAIN: &str = "Try again";

pub const SANDBOX: &str = "Sandbox Spotify";
pub const SANDBOX_HINT: &str =
    "Accounts, music and devices are emulated locally; nothing reaches Spotify.";

/// The toasts' live region, as screen readers name it.
pub const NOTIFICATIONS: &str = "Notifications";

/// `text` as one sentence: a full stop is added unless it already ends like a sentence (so
/// "Not signed in." never becomes "Not signed in..").
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn a_sentence_ends_with_exactly_one_stop() {
        assert_eq!(
            sentence("Not signed in in this tab."),
            "Not signed in in this tab."
        );
        assert_eq!(sentence("the SDK is not loaded"), "the SDK is not loaded.");
        assert_eq!(sentence("Really? "), "Really?");
    }
}
