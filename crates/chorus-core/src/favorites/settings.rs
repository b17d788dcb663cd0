//! Per-listener favorites settings (docs/ux.md "Settings"): threshold, completion ratio, playlist
//! name and privacy, tracking on/off.

use serde::{Deserialize, Serialize};

/// The playlist Chorus fills when none is named.
pub const DEFAULT_PLAYLIST_NAME: &str = "Chorus Favorites";

/// One listener's favorites settings. Missing fields take their defaults, so older exports
/// and stored settings keep loading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FavoriteSettings {
    /// Completed plays after which a track is added to the playlist.
    pub threshold: u32,
    /// Share of a track's duration that must be listened to for a play to count.
    pub completion_ratio: f64,
    pub playlist_name: String,
    pub playlist_public: bool,
    pub tracking: bool,
}

impl Default for FavoriteSettings {
    fn default() -> Self {
        Self {
            threshold: 3,
            completion_ratio: 0.8,
            playlist_name: DEFAULT_PLAYLIST_NAME.to_owned(),
            playlist_public: false,
            tracking: true,
        }
    }
}

/// A setting out of range, in words the settings form can show next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("The threshold must be between 1 and 1000 plays.")]
    Threshold,
    #[error("The completion ratio must be between 10% and 100%.")]
    CompletionRatio,
    #[error("The playlist needs a name of at most 100 characters.")]
    PlaylistName,
}

impl FavoriteSettings {
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !(1..=1000).contains(&self.threshold) {
            return Err(SettingsError::Threshold);
        }
        if !(0.1..=1.0).contains(&self.completion_ratio) {
            return Err(SettingsError::CompletionRatio);
        }
        let name = self.playlist_name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(SettingsError::PlaylistName);
        }
        Ok(())
    }

    /// How long a play of `duration_ms` must last to count.
    pub fn required_listen_ms(&self, duration_ms: u64) -> u64 {
        (duration_ms as f64 * self.completion_ratio.clamp(0.0, 1.0)).ceil() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_three_plays_at_eighty_percent_into_a_private_playlist() {
        let settings = FavoriteSettings::default();
        assert_eq!(settings.threshold, 3);
        assert!((settings.completion_ratio - 0.8).abs() < f64::EPSILON);
        assert_eq!(settings.playlist_name, "Chorus Favorites");
        assert!(!settings.playlist_public);
        assert!(settings.tracking);
        assert_eq!(settings.validate(), Ok(()));
        assert_eq!(settings.required_listen_ms(200_000), 160_000);
    }

    #[test]
    fn out_of_range_settings_are_refused_with_a_reason() {
        let base = FavoriteSettings::default();
        let zero = FavoriteSettings {
            threshold: 0,
            ..base.clone()
        };
        assert_eq!(zero.validate(), Err(SettingsError::Threshold));
        let ratio = FavoriteSettings {
            completion_ratio: 1.5,
            ..base.clone()
        };
        assert_eq!(ratio.validate(), Err(SettingsError::CompletionRatio));
        let blank = FavoriteSettings {
            playlist_name: "  ".into(),
            ..base
        };
        assert_eq!(blank.validate(), Err(SettingsError::PlaylistName));
    }

    #[test]
    fn partial_stored_settings_fill_in_defaults() {
        let settings: FavoriteSettings =
            serde_json::from_str(r#"{"threshold":5}"#).expect("parses");
        assert_eq!(settings.threshold, 5);
        assert_eq!(settings.playlist_name, DEFAULT_PLAYLIST_NAME);
    }
}
