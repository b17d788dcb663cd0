//! The favorites tracker of one listener: completed-play counts per track (and where they were
//! heard), last played, the state of each track's addition to the favorites playlist, and the
//! counting state that keeps a play seen live and in the history from counting twice
//! (`history`). Outputs are data (`Effect::AddToFavorites`), emitted exactly once per track:
//! the shell performs them and reports back with `add_succeeded` / `add_failed`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::history::{CountingState, HistoryDecision, HistoryPage};
use super::play_counter::{CompletedPlay, PlayCounter, PlayObservation};
use super::settings::FavoriteSettings;
use super::source::{PlaySource, PlaySources};

/// Where a track stands with the favorites playlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaylistStatus {
    /// Below the threshold and not forced.
    #[default]
    NotAdded,
    /// An add was requested and has not been confirmed: never request it again meanwhile.
    Pending,
    /// In the playlist (confirmed, or found there).
    Added,
    /// The add failed; `retry_failed` requests it again.
    Failed,
}

/// What the tracker knows about one track.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackRecord {
    pub name: Option<String>,
    pub artists: Option<String>,
    pub completed_plays: u32,
    /// `completed_plays` by where they were heard.
    #[serde(skip_serializing_if = "PlaySources::is_empty")]
    pub sources: PlaySources,
    pub last_played_ms: Option<u64>,
    pub status: PlaylistStatus,
}

/// Work for the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Add this track to the favorites playlist (creating the playlist first if needed).
    AddToFavorites { track_uri: String },
}

/// Display details that come with an observation, kept for the Favorites screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrackDetails {
    pub name: Option<String>,
    pub artists: Option<String>,
}

/// The tracker: settings, records, the counting state, and the in-memory play counter.
#[derive(Debug, Clone, Default)]
pub struct FavoritesTracker {
    settings: FavoriteSettings,
    records: BTreeMap<String, TrackRecord>,
    counting: CountingState,
    counter: PlayCounter,
}

impl FavoritesTracker {
    pub fn new(settings: FavoriteSettings) -> Self {
        Self {
            settings,
            records: BTreeMap::new(),
            counting: CountingState::default(),
            counter: PlayCounter::new(),
        }
    }

    /// Rebuilds a tracker from stored parts. Adds still `Pending` when the page went away
    /// never reported back, so they become `Failed` and are retried (after the shell has
    /// checked the playlist with `mark_in_playlist`). Plays stored before sources were kept
    /// were all heard in Chorus tabs, the only source then.
    pub fn from_parts(
        settings: FavoriteSettings,
        mut records: BTreeMap<String, TrackRecord>,
        counting: CountingState,
    ) -> Self {
        for record in records.values_mut() {
            if record.status == PlaylistStatus::Pending {
                record.status = PlaylistStatus::Failed;
            }
            let unattributed = record
                .completed_plays
                .saturating_sub(record.sources.total());
            record.sources.chorus = record.sources.chorus.saturating_add(unattributed);
        }
        Self {
            settings,
            records,
            counting,
            counter: PlayCounter::new(),
        }
    }

    /// Takes an imported file's settings and counts, keeping this browser's counting state
    /// (its history cursor and what it watched belong to this browser, not to the file).
    pub fn replace_with_import(&mut self, imported: FavoritesTracker) {
        self.settings = imported.settings;
        self.records = imported.records;
    }

    /// What keeps plays from counting twice across sources (stored with the favorites).
    pub fn counting(&self) -> &CountingState {
        &self.counting
    }

    /// The keeper tab watched the account's playback from `from_ms` to `to_ms` (player clock).
    pub fn note_watched(&mut self, from_ms: u64, to_ms: u64) {
        self.counting.note_watched(from_ms, to_ms);
    }

    /// Counts the complete plays of a `recently-played` page that no Chorus tab counted
    /// (docs/counting-plays.md). With tracking off the cursor still moves: plays made
    /// meanwhile are never counted later.
    pub fn reconcile_history(&mut self, page: &HistoryPage) -> Vec<Effect> {
        let settings = self.settings.clone();
        let decisions = self
            .counting
            .reconcile(page, |d| settings.required_listen_ms(d));
        if !self.settings.tracking {
            return Vec::new();
        }
        let mut effects = Vec::new();
        for (play, decision) in decisions {
            if decision == HistoryDecision::Counted {
                self.note_details(&play.track_uri, play.details.clone());
                effects.extend(self.count(&play.track_uri, play.played_at_ms, PlaySource::History));
            }
        }
        effects
    }

    /// Every counted play of every track, by source.
    pub fn sources(&self) -> PlaySources {
        let mut all = PlaySources::default();
        for record in self.records.values() {
            all.merge(&record.sources);
        }
        all
    }

    /// Keeps a track's display details (name, artists) without counting anything.
    pub fn note_details(&mut self, track_uri: &str, details: TrackDetails) {
        if details.name.is_some() {
            let record = self.records.entry(track_uri.to_owned()).or_default();
            record.name = details.name;
            record.artists = details.artists;
        }
    }

    pub fn settings(&self) -> &FavoriteSettings {
        &self.settings
    }

    pub fn records(&self) -> &BTreeMap<String, TrackRecord> {
        &self.records
    }

    pub fn record(&self, track_uri: &str) -> Option<&TrackRecord> {
        self.records.get(track_uri)
    }

    /// Feeds one playback observation. While tracking is off nothing is counted.
    pub fn observe(&mut self, observation: PlayObservation, details: TrackDetails) -> Vec<Effect> {
        if !self.settings.tracking {
            return Vec::new();
        }
        let settings = &self.settings;
        let uri = observation.track_uri.clone();
        let completed = self
            .counter
            .observe(observation, |d| settings.required_listen_ms(d));
        if details.name.is_some() {
            let record = self.records.entry(uri).or_default();
            record.name = details.name;
            record.artists = details.artists;
        }
        match completed {
            Some(play) => self.record_play(&play),
            None => Vec::new(),
        }
    }

    /// Counts a play completed by a counter outside this tracker (the app keeps one counter
    /// per tab and applies its plays to the stored tracker under the account's lock). A live
    /// play the history already counted (read by another tab first) is not counted again.
    pub fn record_play(&mut self, play: &CompletedPlay) -> Vec<Effect> {
        if !self.settings.tracking {
            return Vec::new();
        }
        // Two live counts of one track closer than half its completion time are one play
        // (heard on two devices across a transfer): a second real play takes at least that.
        let same_play_within_ms = self.settings.required_listen_ms(play.duration_ms) / 2;
        if play.source != PlaySource::History
            && !self
                .counting
                .take_live(&play.track_uri, play.clock_ms, same_play_within_ms)
        {
            return Vec::new();
        }
        self.count(&play.track_uri, play.at_ms, play.source)
    }

    fn count(&mut self, track_uri: &str, at_ms: u64, source: PlaySource) -> Vec<Effect> {
        let record = self.records.entry(track_uri.to_owned()).or_default();
        record.completed_plays = record.completed_plays.saturating_add(1);
        record.sources.add(source);
        record.last_played_ms = Some(record.last_played_ms.map_or(at_ms, |t| t.max(at_ms)));
        self.due_effects_for(track_uri)
    }

    /// Adds a track now, whatever its count ("force add" on the Favorites screen).
    pub fn force_add(&mut self, track_uri: &str) -> Vec<Effect> {
        let record = self.records.entry(track_uri.to_owned()).or_default();
        request_add(track_uri, record).into_iter().collect()
    }

    /// New settings; a lowered threshold adds the tracks that are now above it.
    pub fn set_settings(&mut self, settings: FavoriteSettings) -> Vec<Effect> {
        self.settings = settings;
        let due: Vec<String> = self.records.keys().cloned().collect();
        due.iter()
            .flat_map(|uri| self.due_effects_for(uri))
            .collect()
    }

    pub fn add_succeeded(&mut self, track_uri: &str) {
        if let Some(record) = self.records.get_mut(track_uri) {
            record.status = PlaylistStatus::Added;
        }
    }

    pub fn add_failed(&mut self, track_uri: &str) {
        if let Some(record) = self.records.get_mut(track_uri) {
            if record.status == PlaylistStatus::Pending {
                record.status = PlaylistStatus::Failed;
            }
        }
    }

    /// Tracks found in the playlist are `Added`: call it with the playlist's items before
    /// retrying, since a failed-looking add (a timeout) may have gone through.
    pub fn mark_in_playlist<'a>(&mut self, track_uris: impl IntoIterator<Item = &'a str>) {
        for uri in track_uris {
            self.records.entry(uri.to_owned()).or_default().status = PlaylistStatus::Added;
        }
    }

    /// Requests every failed add again, each once.
    pub fn retry_failed(&mut self) -> Vec<Effect> {
        self.records
            .iter_mut()
            .filter(|(_, record)| record.status == PlaylistStatus::Failed)
            .filter_map(|(uri, record)| request_add(uri, record))
            .collect()
    }

    fn due_effects_for(&mut self, track_uri: &str) -> Vec<Effect> {
        let threshold = self.settings.threshold;
        match self.records.get_mut(track_uri) {
            Some(record)
                if record.completed_plays >= threshold
                    && record.status == PlaylistStatus::NotAdded =>
            {
                request_add(track_uri, record).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }
}

/// The only place an `AddToFavorites` is made: from `NotAdded` or `Failed`, moving to
/// `Pending`, so no track is ever requested twice at once.
fn request_add(track_uri: &str, record: &mut TrackRecord) -> Option<Effect> {
    match record.status {
        PlaylistStatus::NotAdded | PlaylistStatus::Failed => {
            record.status = PlaylistStatus::Pending;
            Some(Effect::AddToFavorites {
                track_uri: track_uri.to_owned(),
            })
        }
        PlaylistStatus::Pending | PlaylistStatus::Added => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn full_play(
        tracker: &mut FavoritesTracker,
        uri: &str,
        start_s: u64,
    ) -> Vec<Effect> {
        let observe =
            |tracker: &mut FavoritesTracker, position_s: u64, playing: bool, at_s: u64| {
                tracker.observe(
                    PlayObservation {
                        track_uri: uri.into(),
                        duration_ms: 100_000,
                        position_ms: position_s * 1000,
                        playing,
                        at_ms: at_s * 1000,
                        source: crate::favorites::PlaySource::ChorusTab,
                    },
                    TrackDetails {
                        name: Some("Song".into()),
                        artists: Some("Band".into()),
                    },
                )
            };
        let mut effects = observe(tracker, 0, true, start_s);
        effects.extend(observe(tracker, 100, false, start_s + 100));
        effects
    }

    fn add(uri: &str) -> Effect {
        Effect::AddToFavorites {
            track_uri: uri.into(),
        }
    }

    #[test]
    fn the_third_completed_play_asks_to_add_the_track_once() {
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        assert!(full_play(&mut tracker, "spotify:track:a", 0).is_empty());
        assert!(full_play(&mut tracker, "spotify:track:a", 1_000).is_empty());
        assert_eq!(
            full_play(&mut tracker, "spotify:track:a", 2_000),
            vec![add("spotify:track:a")]
        );
        assert!(
            full_play(&mut tracker, "spotify:track:a", 3_000).is_empty(),
            "never twice"
        );
        let record = tracker.record("spotify:track:a").expect("record");
        assert_eq!(record.completed_plays, 4);
        assert_eq!(record.last_played_ms, Some(3_100_000));
        assert_eq!(record.status, PlaylistStatus::Pending);
        assert_eq!(record.name.as_deref(), Some("Song"));
    }

    #[test]
    fn a_failed_add_is_retried_once_and_never_while_pending() {
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        assert_eq!(
            tracker.force_add("spotify:track:a"),
            vec![add("spotify:track:a")]
        );
        assert!(
            tracker.force_add("spotify:track:a").is_empty(),
            "pending: no duplicate"
        );
        assert!(tracker.retry_failed().is_empty(), "nothing failed yet");
        tracker.add_failed("spotify:track:a");
        assert_eq!(tracker.retry_failed(), vec![add("spotify:track:a")]);
        assert!(tracker.retry_failed().is_empty(), "the retry is pending");
        tracker.add_succeeded("spotify:track:a");
        assert!(
            tracker.force_add("spotify:track:a").is_empty(),
            "already added"
        );
        assert_eq!(
            tracker.record("spotify:track:a").map(|r| r.status),
            Some(PlaylistStatus::Added)
        );
    }

    #[test]
    fn a_track_found_in_the_playlist_is_not_retried() {
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        tracker.force_add("spotify:track:a");
        tracker.add_failed("spotify:track:a");
        tracker.mark_in_playlist(["spotify:track:a"]);
        assert!(tracker.retry_failed().is_empty());
    }

    #[test]
    fn lowering_the_threshold_adds_tracks_already_above_it() {
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        full_play(&mut tracker, "spotify:track:a", 0);
        full_play(&mut tracker, "spotify:track:a", 1_000);
        let lower = FavoriteSettings {
            threshold: 2,
            ..FavoriteSettings::default()
        };
        assert_eq!(
            tracker.set_settings(lower.clone()),
            vec![add("spotify:track:a")]
        );
        assert!(tracker.set_settings(lower).is_empty());
    }

    #[test]
    fn nothing_is_counted_while_tracking_is_off() {
        let settings = FavoriteSettings {
            tracking: false,
            threshold: 1,
            ..FavoriteSettings::default()
        };
        let mut tracker = FavoritesTracker::new(settings);
        assert!(full_play(&mut tracker, "spotify:track:a", 0).is_empty());
        assert!(tracker.record("spotify:track:a").is_none());
    }

    #[test]
    fn pending_adds_restored_from_storage_become_retryable() {
        let mut records = BTreeMap::new();
        records.insert(
            "spotify:track:a".to_owned(),
            TrackRecord {
                status: PlaylistStatus::Pending,
                completed_plays: 3,
                ..TrackRecord::default()
            },
        );
        let mut tracker = FavoritesTracker::from_parts(
            FavoriteSettings::default(),
            records,
            CountingState::default(),
        );
        assert_eq!(tracker.retry_failed(), vec![add("spotify:track:a")]);
    }

    #[test]
    fn one_play_heard_live_on_two_devices_across_a_transfer_counts_once() {
        use crate::favorites::CompletedPlay;
        let play = |source, clock_s: u64| CompletedPlay {
            track_uri: "spotify:track:a".into(),
            at_ms: clock_s * 1000,
            clock_ms: clock_s * 1000,
            source,
            duration_ms: 200_000,
        };
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        tracker.record_play(&play(PlaySource::ChorusTab, 1_000));
        tracker.record_play(&play(PlaySource::OtherDevice, 1_030));
        assert_eq!(
            tracker.record("spotify:track:a").map(|r| r.completed_plays),
            Some(1),
            "30 s apart: the keeper saw the same play on the phone"
        );
        tracker.record_play(&play(PlaySource::OtherDevice, 1_200));
        let record = tracker.record("spotify:track:a").expect("record");
        assert_eq!(
            record.completed_plays, 2,
            "a whole length later: played again"
        );
        assert_eq!(
            (record.sources.chorus, record.sources.other_devices),
            (1, 1)
        );
    }

    #[test]
    fn plays_counted_outside_the_tracker_count_alike_and_respect_tracking_off() {
        use crate::favorites::CompletedPlay;
        let play = |at_ms| CompletedPlay {
            track_uri: "spotify:track:a".into(),
            at_ms,
            clock_ms: at_ms * 600_000,
            source: PlaySource::OtherDevice,
            duration_ms: 200_000,
        };
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        assert!(tracker.record_play(&play(1)).is_empty());
        assert!(tracker.record_play(&play(2)).is_empty());
        assert_eq!(tracker.record_play(&play(3)), vec![add("spotify:track:a")]);
        assert_eq!(
            tracker.record("spotify:track:a").map(|r| r.last_played_ms),
            Some(Some(3))
        );
        let mut off = FavoritesTracker::new(FavoriteSettings {
            tracking: false,
            ..FavoriteSettings::default()
        });
        assert!(off.record_play(&play(1)).is_empty());
        assert!(off.record("spotify:track:a").is_none());
    }
}
