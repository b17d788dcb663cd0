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
pub const DUPLICATED_TAB: &str = "This tab is a copy of another listener's tab. Connect here to add a new listener; the other tab keeps playing.";

pub const WELCOME_TITLE: &str = "Everyone plays their own Spotify, side by side.";
pub const WELCOME_WHAT: &str = "Chorus lets several people each play their own Spotify account in one browser: one tab per listener, each with its own player.";
pub const CONNECT: &str = "Connect Spotify";
pub const PERMISSIONS_HEADING: &str = "Chorus will ask Spotify to let it";
pub const ONE_TAB_EACH: &str = "Each person signs in in their own tab. Spotify will ask which account to use, so the next listener can pick theirs.";

pub const ADD_LISTENER: &str = "Add listener";
pub const ADD_LISTENER_HINT: &str = "Open a new tab for another person";
pub const SIGN_OUT: &str = "Sign out";

pub const ALSO_HERE: &str = "Also here";
pub const ALSO_HERE_LABEL: &str = "Also listening in this browser";
pub const SAME_ACCOUNT: &str = " (you, in another tab)";
