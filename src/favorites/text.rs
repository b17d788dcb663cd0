//! Every sentence of the favorites: the page, the player's favorites line and the notices.

use chorus_core::favorites::{FavoriteSettings, PlaySources};

use super::store::FavoritesError;
use crate::{services::browser::BrowserError, ui::problem::Problem};

pub const TITLE: &str = "Favorites";

/// How a track becomes a favorite, with the listener's settings.
pub fn rule(settings: &FavoriteSettings) -> String {
    format!(
        "A track you play to {}% of its length {} times goes into your playlist “{}”.",
        (settings.completion_ratio * 100.0).round(),
        settings.threshold,
        settings.playlist_name,
    )
}
pub const OPEN_PLAYLIST: &str = "Open it in Spotify";

/// Where counts come from, on the Favorites page.
pub const SOURCES_RULE: &str = "Chorus counts your plays on every device: in Chorus tabs, on your phone, speakers and other apps while a Chorus tab is open, and from your listening history (the last 50 plays Spotify keeps) when you open Chorus again.";
/// The account's counts by source: "So far: 2 in Chorus · 1 on other devices."
pub fn sources_so_far(sources: &PlaySources) -> Option<String> {
    (!sources.is_empty()).then(|| format!("So far: {}.", sources.summary()))
}
/// A row's counts by source, for its title: "2 in Chorus · 1 on other devices".
pub fn row_sources(sources: &PlaySources) -> String {
    if sources.is_empty() {
        "Completed plays / threshold".to_owned()
    } else {
        format!("Completed plays / threshold: {}", sources.summary())
    }
}

/// What counts as a completed play, in the listener's settings, wherever it plays.
pub fn completion_rule(settings: &FavoriteSettings) -> String {
    format!(
        "A play counts once {}% of the track has played. In a Chorus tab that is the time it actually played, so skipping ahead does not count; on other devices Chorus sees where the track is every few seconds; in your listening history a play counts when the next one started at least that share of the track later. Playing it again from the start counts again.",
        (settings.completion_ratio * 100.0).round(),
    )
}

/// Where the play counts come from (the Player's favorites line): every device of the account,
/// each play once.
pub const COUNTED_EVERYWHERE: &str = "counted by Chorus on all your devices";

pub const LOADING: &str = "Loading your favorites";
pub fn could_not_load(message: &str) -> Problem {
    Problem::new(
        "Your favorites could not be loaded",
        message,
        "Chorus keeps them in this browser's storage. Check that site data is allowed, then try again.",
    )
}
pub fn could_not_open(error: &BrowserError) -> String {
    format!("Your favorites could not be opened in this browser ({error}).")
}
pub const STILL_LOADING: &str = "Your favorites are still loading; try again in a moment.";

pub const EMPTY_TITLE: &str = "No completed plays yet";
pub const EMPTY_HINT: &str = "Play a track to the end — here or on any of your devices — and it shows up here with its count. Tracks you come back to become favorites.";

pub fn added_to(playlist_name: &str) -> String {
    format!("Added to “{playlist_name}”.")
}
pub fn add_failed(error: &FavoritesError) -> String {
    format!("{error}. Chorus will try again shortly.")
}
pub const SETTINGS_SAVED: &str = "Settings saved.";
pub const IMPORTED: &str = "Favorites imported.";

pub const EXPORT: &str = "Export JSON";
pub const IMPORT: &str = "Import JSON";
pub const IMPORT_HINT: &str = "An import replaces your favorites and settings in this browser.";
/// `chorus-favorites-<name as a slug>.json`.
pub fn export_file_name(listener: &str) -> String {
    let slug: String = listener
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("chorus-favorites-{slug}.json")
}
pub fn export_failed(error: &BrowserError) -> String {
    format!("The export could not be saved ({error}).")
}
pub fn file_unreadable(error: &BrowserError) -> String {
    format!("The file could not be read ({error}).")
}

/// The description of the playlist Chorus makes.
pub const PLAYLIST_DESCRIPTION: &str =
    "Tracks you played to the end again and again, kept by Chorus.";

pub fn plays_of(plays: u32, threshold: u32) -> String {
    format!("{plays} of {threshold} plays")
}
/// Where this track's plays were heard, on the player's line: "(2 in Chorus · 1 on other
/// devices)"; nothing before the first.
pub fn plays_from(sources: &PlaySources) -> Option<String> {
    (!sources.is_empty()).then(|| format!("({})", sources.summary()))
}
pub fn last_played(when: &str) -> String {
    format!("Last played {when}")
}
pub const METER_LABEL: &str = "Completed plays toward favorites";
pub const IN_FAVORITES: &str = "In your favorites";
pub const ADDING_TO_FAVORITES: &str = "Adding to your favorites…";
pub const WILL_BE_ADDED: &str = "Will be added to your favorites (retrying)";
pub const TRACKING_OFF: &str = "Tracking is off";
pub const COUNTING: &str = "Counting completed plays";
