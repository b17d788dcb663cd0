//! Every sentence of the Insights page.

use chorus_core::spotify::requests::TimeRange;

use crate::services::browser::BrowserError;

/// What the switcher says for a period.
pub fn range_label(range: TimeRange) -> &'static str {
    match range {
        TimeRange::ShortTerm => "4 weeks",
        TimeRange::MediumTerm => "6 months",
        TimeRange::LongTerm => "Year",
    }
}

pub const HEADING: &str = "Your listening";

/// The intro's first sentence: what the lists show for `range`.
pub fn most_played(range: TimeRange) -> String {
    let period = match range {
        TimeRange::LongTerm => "the last year".to_owned(),
        other => format!("the last {}", range_label(other)),
    };
    format!("What you played most in {period}, as Spotify ranks it. ")
}
pub const READ_ONLY: &str =
    "Playing from here needs Spotify Premium; the lists and exports work for every account.";
pub const CLICK_TO_PLAY: &str = "Click a track to play your top tracks from there in this tab.";

pub const TOP_TRACKS: &str = "Top tracks";
pub const TOP_ARTISTS: &str = "Top artists";
pub const RECENT: &str = "Recently played";

pub fn loading(what: &str) -> String {
    format!("Loading {what}")
}
pub const YOUR_TOP_TRACKS: &str = "your top tracks";
pub const YOUR_TOP_ARTISTS: &str = "your top artists";
pub const YOUR_RECENT_PLAYS: &str = "your recent plays";
pub const NO_TOP_TRACKS: &str =
    "No top tracks for this period yet. Listen for a while and Spotify will rank them here.";
pub const NO_TOP_ARTISTS: &str =
    "No top artists for this period yet. Listen for a while and Spotify will rank them here.";
pub const NO_RECENT: &str =
    "Nothing played recently. Play a few songs to the end and they show up here.";

pub fn not_saved(error: &BrowserError) -> String {
    format!("The file could not be saved: {error}.")
}

pub const LISTS: &str = "Your lists";
/// "Show all 50".
pub fn show_all(total: usize) -> String {
    format!("Show all {total}")
}
