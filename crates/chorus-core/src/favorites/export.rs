//! JSON export and import of a listener's favorites data (docs/ux.md "Insights: export"), with a
//! `version` field so a future format can still read today's files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::history::CountingState;
use super::settings::{FavoriteSettings, SettingsError};
use super::tracker::{FavoritesTracker, TrackRecord};

/// The format written today.
pub const EXPORT_VERSION: u32 = 1;

/// The file: `{"version":1,"settings":{…},"tracks":{"spotify:track:…":{…}}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FavoritesExport {
    pub version: u32,
    #[serde(default)]
    pub settings: FavoriteSettings,
    #[serde(default)]
    pub tracks: BTreeMap<String, TrackRecord>,
    /// The history cursor and what was counted live (absent in files written before it).
    #[serde(default, skip_serializing_if = "is_default")]
    pub counting: CountingState,
}

fn is_default(counting: &CountingState) -> bool {
    *counting == CountingState::default()
}

/// Why a file cannot be imported, in words for the import dialog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This is not a Chorus favorites file ({0}).")]
    Malformed(String),
    #[error("This favorites file is version {0}; this Chorus reads version {EXPORT_VERSION}.")]
    UnsupportedVersion(u32),
    #[error("The file's settings are not valid: {0}")]
    Settings(#[from] SettingsError),
}

impl FavoritesTracker {
    /// The export file's text.
    pub fn export_json(&self) -> String {
        let export = FavoritesExport {
            version: EXPORT_VERSION,
            settings: self.settings().clone(),
            tracks: self.records().clone(),
            counting: self.counting().clone(),
        };
        // Maps of strings and numbers always serialise.
        serde_json::to_string_pretty(&export).unwrap_or_default()
    }

    /// Reads an export file (also the form the app persists the tracker in).
    pub fn import_json(text: &str) -> Result<Self, ImportError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version: VersionOnly =
            serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
        if version.version != EXPORT_VERSION {
            return Err(ImportError::UnsupportedVersion(version.version));
        }
        let export: FavoritesExport =
            serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
        export.settings.validate()?;
        Ok(Self::from_parts(
            export.settings,
            export.tracks,
            export.counting,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::favorites::history::CountingState;
    use crate::favorites::tracker::tests::full_play;
    use crate::favorites::tracker::PlaylistStatus;

    #[test]
    fn export_then_import_keeps_counts_settings_and_status() {
        let settings = FavoriteSettings {
            threshold: 2,
            ..FavoriteSettings::default()
        };
        let mut tracker = FavoritesTracker::new(settings.clone());
        full_play(&mut tracker, "spotify:track:a", 0);
        full_play(&mut tracker, "spotify:track:a", 1_000);
        tracker.add_succeeded("spotify:track:a");
        let text = tracker.export_json();
        assert!(text.contains("\"version\": 1"));
        let back = FavoritesTracker::import_json(&text).expect("imports");
        assert_eq!(back.settings(), &settings);
        let record = back.record("spotify:track:a").expect("record");
        assert_eq!(record.completed_plays, 2);
        assert_eq!(record.status, PlaylistStatus::Added);
    }

    #[test]
    fn data_stored_before_sources_and_counting_loads_with_its_plays_heard_in_chorus() {
        let stored = r#"{"version":1,"settings":{"threshold":3},"tracks":{
            "spotify:track:a":{"name":"A","completed_plays":2,"last_played_ms":5,"status":"not_added"},
            "spotify:track:b":{"completed_plays":3,"status":"pending"}}}"#;
        let tracker = FavoritesTracker::import_json(stored).expect("old data loads");
        let a = tracker.record("spotify:track:a").expect("a");
        assert_eq!((a.completed_plays, a.sources.chorus), (2, 2));
        assert_eq!(tracker.sources().total(), 5);
        assert_eq!(tracker.counting(), &CountingState::default());
        assert_eq!(
            tracker.record("spotify:track:b").map(|r| r.status),
            Some(PlaylistStatus::Failed)
        );
        // Written back, it is still version 1 and reads the same.
        let again = FavoritesTracker::import_json(&tracker.export_json()).expect("reads");
        assert_eq!(again.records(), tracker.records());
    }

    #[test]
    fn sources_and_the_counting_state_survive_export_and_import() {
        use crate::favorites::{CompletedPlay, HistoryPage, PlaySource};
        let mut tracker = FavoritesTracker::new(FavoriteSettings::default());
        tracker.record_play(&CompletedPlay {
            track_uri: "spotify:track:a".into(),
            at_ms: 1,
            clock_ms: 1,
            source: PlaySource::OtherDevice,
            duration_ms: 100_000,
        });
        tracker.reconcile_history(&HistoryPage {
            after_ms: None,
            limit: 50,
            items: Vec::new(),
        });
        tracker.note_watched(10, 20);
        let back = FavoritesTracker::import_json(&tracker.export_json()).expect("reads");
        assert_eq!(back.counting(), tracker.counting());
        assert_eq!(
            back.record("spotify:track:a")
                .map(|r| r.sources.other_devices),
            Some(1)
        );
        // An imported file brings counts, not another browser's cursor.
        let mut mine = FavoritesTracker::new(FavoriteSettings::default());
        mine.replace_with_import(back);
        assert_eq!(mine.counting(), &CountingState::default());
        assert_eq!(mine.sources().other_devices, 1);
    }

    #[test]
    fn a_future_version_is_refused_by_number() {
        let error = FavoritesTracker::import_json(r#"{"version":2,"tracks":{}}"#).expect_err("v2");
        assert_eq!(error, ImportError::UnsupportedVersion(2));
        assert!(error.to_string().contains("version 2"));
    }

    #[test]
    fn a_file_without_version_or_with_bad_settings_is_refused() {
        assert!(matches!(
            FavoritesTracker::import_json(r#"{"tracks":{}}"#),
            Err(ImportError::Malformed(_))
        ));
        assert_eq!(
            FavoritesTracker::import_json(r#"{"version":1,"settings":{"threshold":0}}"#).err(),
            Some(ImportError::Settings(SettingsError::Threshold))
        );
    }
}
