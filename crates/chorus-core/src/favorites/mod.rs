//! Favorites (docs/ux.md "Favorites", "Settings"): count completed plays per track — in Chorus
//! tabs, on the account's other devices, and from the listening history (docs/counting-plays.md)
//! — and add a track to the listener's favorites playlist once it has been played to completion
//! `threshold` times. Pure decisions; playlist calls are `Effect`s for the shell.

pub mod export;
pub mod history;
pub mod listening_clock;
pub mod play_counter;
pub mod rows;
pub mod settings;
pub mod source;
pub mod tracker;

pub use export::{FavoritesExport, ImportError, EXPORT_VERSION};
pub use history::{CountingState, HistoryDecision, HistoryPage, HistoryPlay, HISTORY_PAGE_LIMIT};
pub use listening_clock::ListeningClock;
pub use play_counter::{CompletedPlay, PlayCounter, PlayObservation, NEAR_START_MS};
pub use rows::{last_played_text, FavoriteRow, PlayProgress, SortBy};
pub use settings::{FavoriteSettings, SettingsError, DEFAULT_PLAYLIST_NAME};
pub use source::{PlaySource, PlaySources};
pub use tracker::{Effect, FavoritesTracker, PlaylistStatus, TrackDetails, TrackRecord};

#[cfg(test)]
mod history_properties;
#[cfg(test)]
mod properties;
