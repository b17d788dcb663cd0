//! Every sentence of signing in and out, the welcome screen and the header.

use crate::ui::problem::Problem;

/// The tab's title while nobody plays here.
pub const APP_NAME: &str = "Chorus";

pub const LOADING: &str = "Loading Chorus…";
pub const FINISHING_SIGN_IN: &str = "Finishing sign-in with Spotify…";
pub const LOADING_PROFILE: &str = "Loading your profile…";

pub fn could_not_start(message: &str) -> Problem {
    Problem::new(
        "Chorus could not start",
        message,
        "Check that the Chorus server is running, then reload this tab.",
    )
}

pub fn not_registered() -> Problem {
    Problem::new(
        "This Spotify account is not on Chorus's list yet",
        "Spotify lets an app in development mode serve only the accounts its owner has added (at most 5).",
        "Ask whoever runs Chorus to add your account under User Management in the Spotify Developer Dashboard, or sign in with another account.",
    )
}
pub const USE_ANOTHER_ACCOUNT: &str = "Use another account";

pub fn sign_in_failed(error: &str) -> Problem {
    Problem::new(
        "Sign-in did not work",
        error,
        "Nothing was changed. You can connect again.",
    )
}

pub fn no_profile() -> Problem {
    Problem::new(
        "Spotify sent no profile",
        "Spotify answered without your profile.",
        "Try connecting again.",
    )
}

pub fn profile_failed(error: &str) -> Problem {
    Problem::new(
        "Your profile could not be loaded",
        error,
        "Check your connection, then reload this tab.",
    )
}

pub const SIGNED_OUT: &str = "You signed out of this tab.";
pub const SESSION_ENDED: &str = "Your Spotify sign-in in this tab ended.";
/// Under [`SESSION_ENDED`], instead of the error's own words: every error that ends a session
/// says "ended, connect again" too, and the banner said it twice.
pub const SESSION_ENDED_DETAIL: &str =
    "Spotify no longer accepts it. Your favorites and settings stay in this browser.";
pub const CONNECT_AGAIN: &str = "Connect again";
pub const DUPLICATED_TAB: &str = "This tab is a copy of another listener's tab. Connect here to add a new listener; the other tab keeps playing.";

pub const WELCOME_TITLE: &str = "Everyone plays their own Spotify, side by side.";
pub const WELCOME_WHAT: &str = "Chorus lets several people each play their own Spotify account in one browser: one tab per listener, each with its own player.";
pub const CONNECT: &str = "Connect Spotify";
pub const PERMISSIONS_HEADING: &str = "Chorus will ask Spotify to let it";
pub const ONE_TAB_EACH: &str = "Each person signs in in their own tab, with their own Spotify account; the others keep playing.";

pub fn signed_in_as(name: &str) -> String {
    format!("Signed in as {name}")
}
pub const ADD_LISTENER: &str = "Add listener";
pub const ADD_LISTENER_HINT: &str = "Open a new tab for another person";
pub const SIGN_OUT: &str = "Sign out";

pub const ALSO_HERE: &str = "Also here";
pub const ALSO_HERE_LABEL: &str = "Also listening in this browser";
pub const SAME_ACCOUNT: &str = " (you, in another tab)";

/// A free account, on every page: one banner instead of disabled buttons that say nothing.
pub const PREMIUM_BANNER: &str = "Playing needs Spotify Premium.";
pub const PREMIUM_BANNER_DETAIL: &str =
    "Search, playlists, Insights and Favorites work for every account.";

/// The welcome screen, when another listener is already here (docs/ux.md "The second person").
pub const NOT_YOU_HINT: &str = "Spotify's page will show the account last used in this browser: if it is not yours, choose “Not you?” there to use your own.";

/// After the callback, when the account already listens in another tab.
pub fn are_you(name: &str) -> String {
    format!("Signed in as {name}, who is listening in another tab. Are you {name}?")
}
pub const ARE_YOU_WHY: &str = "Spotify's page shows the account last used in this browser, and Agree signs in as that account, whoever clicks.";
pub const SAME_PERSON: &str = "Yes, use this tab too";
pub const SOMEONE_ELSE: &str = "No, I'm someone else";
pub const SOMEONE_ELSE_HINT: &str =
    "Choosing “No” signs this tab out (the other tab keeps playing) and takes you back to Spotify: choose “Not you?” there and log in with your own account.";

pub const FORGET_ME: &str = "Forget me on this browser";
pub fn forget_title(name: &str) -> String {
    format!("Forget {name} on this browser?")
}
pub const FORGET_WHAT: &str = "Chorus erases what it keeps of you in this browser — your play counts, your favorites settings and the link to your favorites playlist — and signs out every tab of yours here. Your Spotify account and playlists stay as they are.";
pub const FORGET_EXPORT_FIRST: &str =
    "Export your favorites first to keep them: you can import the file later, here or elsewhere.";
pub const FORGET_EXPORT: &str = "Export favorites";
pub const FORGET_EXPORTED: &str = "Your favorites were exported.";
pub fn forget_export_failed(error: &str) -> String {
    format!("The export could not be saved ({error}).")
}
pub const FORGET_CONFIRM: &str = "Forget me";
pub const CANCEL: &str = "Cancel";
pub const FORGETTING: &str = "Forgetting you on this browser…";

pub fn forgotten_title(name: &str) -> String {
    format!("Chorus forgot {name} on this browser")
}
pub const FORGOTTEN_ERASED: &str = "Erased:";

/// What "Forget me" erased, one line each.
pub fn forgotten_items(report: &super::forget_me::ForgetReport) -> Vec<String> {
    let favorites = &report.favorites;
    let mut items = Vec::new();
    match (favorites.tracker, favorites.tracks) {
        (false, _) => items.push("no favorites (none were kept here)".to_owned()),
        (true, 0) => items.push("your favorites settings".to_owned()),
        (true, 1) => items.push("your play counts (1 track) and favorites settings".to_owned()),
        (true, n) => items.push(format!(
            "your play counts ({n} tracks) and favorites settings"
        )),
    }
    if favorites.playlist_link {
        items.push(
            "the link to your favorites playlist (the playlist itself stays in your Spotify)"
                .to_owned(),
        );
    }
    match report.other_entries {
        0 => {}
        1 => items.push("1 other entry Chorus kept for you".to_owned()),
        n => items.push(format!("{n} other entries Chorus kept for you")),
    }
    items.push("your place in “Also here” in the other tabs".to_owned());
    items.push(match report.other_tabs {
        0 => "this tab's sign-in".to_owned(),
        1 => "this tab's sign-in and that of your 1 other tab".to_owned(),
        n => format!("this tab's sign-in and those of your {n} other tabs"),
    });
    items
}
pub const FORGOTTEN_TAB_HELD_ON: &str =
    "A tab of yours did not sign out in time: close it to be sure it keeps nothing of you.";
pub const SPOTIFY_STILL_LOGGED_IN: &str = "Spotify itself may still be logged in as you in this browser, and its page would show you to the next person.";
pub const LOG_OUT_OF_SPOTIFY: &str = "Log out of Spotify";

pub const FORGOTTEN_ELSEWHERE: &str = "You chose “Forget me on this browser” in another tab: this tab signed out, and Chorus erased what it kept of you here.";
pub fn forget_failed(error: &str) -> String {
    format!("You are signed out, but Chorus could not erase everything it keeps of you here ({error}). Sign in and choose “Forget me on this browser” again.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{favorites::store::ErasedFavorites, session::forget_me::ForgetReport};

    fn report(tracks: usize, playlist_link: bool, other_tabs: usize) -> ForgetReport {
        ForgetReport {
            name: "Alice".into(),
            favorites: ErasedFavorites {
                tracks,
                tracker: true,
                playlist_link,
            },
            other_entries: 0,
            other_tabs,
            every_tab_let_go: true,
        }
    }

    #[test]
    fn the_report_says_what_went_in_countable_words() {
        let items = forgotten_items(&report(12, true, 2));
        assert_eq!(
            items[0],
            "your play counts (12 tracks) and favorites settings"
        );
        assert!(items[1].starts_with("the link to your favorites playlist"));
        assert!(items.iter().any(|i| i.contains("Also here")));
        assert_eq!(
            items.last().map(String::as_str),
            Some("this tab's sign-in and those of your 2 other tabs")
        );
        let items = forgotten_items(&report(1, false, 0));
        assert_eq!(
            items[0],
            "your play counts (1 track) and favorites settings"
        );
        assert!(!items.iter().any(|i| i.contains("playlist")));
        assert_eq!(items.last().map(String::as_str), Some("this tab's sign-in"));
    }

    #[test]
    fn the_question_names_the_account_twice() {
        assert_eq!(
            are_you("Alice Martin"),
            "Signed in as Alice Martin, who is listening in another tab. Are you Alice Martin?"
        );
    }
}
