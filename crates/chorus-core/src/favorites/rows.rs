//! The Favorites screen's table (docs/ux.md "Favorites: tracks with counts and last played,
//! sortable") and the player's "plays against the threshold" line.

use super::source::PlaySources;
use super::tracker::{FavoritesTracker, PlaylistStatus, TrackRecord};
use crate::insights::time_ago;

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Most completed plays first.
    #[default]
    Plays,
    /// Most recently played first.
    LastPlayed,
    /// By name, A to Z.
    Name,
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FavoriteRow<'a> {
    pub track_uri: &'a str,
    pub record: &'a TrackRecord,
}

/// A track's completed plays against the threshold, for "2 of 3 plays", and where they were
/// heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayProgress {
    pub plays: u32,
    pub threshold: u32,
    pub status: PlaylistStatus,
    pub sources: PlaySources,
}

impl FavoritesTracker {
    /// Tracks with at least one completed play or a playlist status, sorted; ties fall back
    /// to the URI so the order is stable between renders.
    pub fn rows(&self, sort: SortBy) -> Vec<FavoriteRow<'_>> {
        let mut rows: Vec<FavoriteRow<'_>> = self
            .records()
            .iter()
            .filter(|(_, r)| r.completed_plays > 0 || r.status != PlaylistStatus::NotAdded)
            .map(|(track_uri, record)| FavoriteRow { track_uri, record })
            .collect();
        let name = |row: &FavoriteRow<'_>| {
            row.record
                .name
                .as_deref()
                .unwrap_or(row.track_uri)
                .to_lowercase()
        };
        crate::sort::sort_stable_by(&mut rows, |a, b| {
            let order = match sort {
                SortBy::Plays => b.record.completed_plays.cmp(&a.record.completed_plays),
                SortBy::LastPlayed => b.record.last_played_ms.cmp(&a.record.last_played_ms),
                SortBy::Name => name(a).cmp(&name(b)),
            };
            order.then_with(|| a.track_uri.cmp(b.track_uri))
        });
        rows
    }

    /// This track's plays against the threshold.
    pub fn progress(&self, track_uri: &str) -> PlayProgress {
        let record = self.record(track_uri);
        PlayProgress {
            plays: record.map_or(0, |r| r.completed_plays),
            threshold: self.settings().threshold,
            status: record.map_or(PlaylistStatus::NotAdded, |r| r.status),
            sources: record.map_or_else(PlaySources::default, |r| r.sources),
        }
    }
}

/// "Last played" in words: `never`, `just now`, `5 min ago`, `3 h ago`, `2 days ago`.
pub fn last_played_text(last_played_ms: Option<u64>, now_ms: u64) -> String {
    last_played_ms.map_or_else(|| "never".into(), |at| time_ago(now_ms, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::favorites::settings::FavoriteSettings;
    use crate::favorites::tracker::tests::full_play;

    fn tracker() -> FavoritesTracker {
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        full_play(&mut tracker, "spotify:track:b", 0);
        full_play(&mut tracker, "spotify:track:a", 1_000);
        full_play(&mut tracker, "spotify:track:a", 2_000);
        full_play(&mut tracker, "spotify:track:c", 3_000);
        tracker
    }

    fn uris(rows: &[FavoriteRow<'_>]) -> Vec<String> {
        rows.iter().map(|row| row.track_uri.to_owned()).collect()
    }

    #[test]
    fn rows_sort_by_plays_then_by_uri() {
        assert_eq!(
            uris(&tracker().rows(SortBy::Plays)),
            ["spotify:track:a", "spotify:track:b", "spotify:track:c"]
        );
    }

    #[test]
    fn rows_sort_by_last_played_most_recent_first() {
        assert_eq!(
            uris(&tracker().rows(SortBy::LastPlayed)),
            ["spotify:track:c", "spotify:track:a", "spotify:track:b"]
        );
    }

    #[test]
    fn progress_counts_plays_against_the_threshold() {
        let tracker = tracker();
        assert_eq!(
            tracker.progress("spotify:track:a"),
            PlayProgress {
                plays: 2,
                threshold: 3,
                status: PlaylistStatus::NotAdded,
                sources: PlaySources {
                    chorus: 2,
                    ..PlaySources::default()
                },
            }
        );
        assert_eq!(tracker.progress("spotify:track:zzz").plays, 0);
    }

    #[test]
    fn tracks_seen_but_never_completed_are_not_listed() {
        let mut tracker = tracker();
        tracker.observe(
            crate::favorites::PlayObservation {
                track_uri: "spotify:track:d".into(),
                duration_ms: 100_000,
                position_ms: 0,
                playing: true,
                at_ms: 9_000_000,
                source: crate::favorites::PlaySource::ChorusTab,
            },
            crate::favorites::TrackDetails {
                name: Some("D".into()),
                artists: None,
            },
        );
        assert!(tracker.record("spotify:track:d").is_some());
        assert_eq!(tracker.rows(SortBy::Name).len(), 3);
    }

    #[test]
    fn last_played_reads_in_words() {
        let now = 10 * 86_400_000;
        assert_eq!(last_played_text(None, now), "never");
        assert_eq!(last_played_text(Some(now - 20_000), now), "just now");
        assert_eq!(last_played_text(Some(now - 5 * 60_000), now), "5 min ago");
        assert_eq!(last_played_text(Some(now - 3 * 3_600_000), now), "3 h ago");
        assert_eq!(
            last_played_text(Some(now - 30 * 3_600_000), now),
            "yesterday"
        );
        assert_eq!(
            last_played_text(Some(now - 4 * 86_400_000), now),
            "4 days ago"
        );
        assert_eq!(last_played_text(Some(now + 5_000), now), "just now");
    }
}
