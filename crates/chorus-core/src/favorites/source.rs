//! Where a counted play was heard (docs/counting-plays.md): in a Chorus tab, on another device
//! of the account while a Chorus tab watched, or read from the listening history afterwards.

use serde::{Deserialize, Serialize};

/// The source of one counted play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaySource {
    /// A Chorus tab's own player (the Web Playback SDK).
    ChorusTab,
    /// Another device of the account (a phone, a speaker, Spotify's apps), seen live through
    /// `GET /me/player` by the account's keeper tab.
    OtherDevice,
    /// `GET /me/player/recently-played`, read when a tab opened: played while no Chorus tab
    /// of this browser watched.
    History,
}

impl PlaySource {
    /// How the screens say it: "2 in Chorus", "1 on other devices", "3 from your history".
    pub fn words(self) -> &'static str {
        match self {
            Self::ChorusTab => "in Chorus",
            Self::OtherDevice => "on other devices",
            Self::History => "from your listening history",
        }
    }
}

/// Completed plays of one track by source. Records stored before sources were kept have all
/// zero here; `FavoritesTracker::from_parts` attributes their plays to Chorus tabs (the only
/// source then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaySources {
    pub chorus: u32,
    pub other_devices: u32,
    pub history: u32,
}

impl PlaySources {
    pub fn add(&mut self, source: PlaySource) {
        let count = match source {
            PlaySource::ChorusTab => &mut self.chorus,
            PlaySource::OtherDevice => &mut self.other_devices,
            PlaySource::History => &mut self.history,
        };
        *count = count.saturating_add(1);
    }

    pub fn get(&self, source: PlaySource) -> u32 {
        match source {
            PlaySource::ChorusTab => self.chorus,
            PlaySource::OtherDevice => self.other_devices,
            PlaySource::History => self.history,
        }
    }

    pub fn total(&self) -> u32 {
        self.chorus
            .saturating_add(self.other_devices)
            .saturating_add(self.history)
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: &PlaySources) {
        self.chorus = self.chorus.saturating_add(other.chorus);
        self.other_devices = self.other_devices.saturating_add(other.other_devices);
        self.history = self.history.saturating_add(other.history);
    }

    /// "2 in Chorus · 1 on other devices", the sources with plays only; empty when none.
    pub fn summary(&self) -> String {
        [
            PlaySource::ChorusTab,
            PlaySource::OtherDevice,
            PlaySource::History,
        ]
        .into_iter()
        .filter(|source| self.get(*source) > 0)
        .map(|source| format!("{} {}", self.get(source), source.words()))
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_count_and_say_where_plays_come_from() {
        let mut sources = PlaySources::default();
        assert!(sources.is_empty());
        assert_eq!(sources.summary(), "");
        sources.add(PlaySource::ChorusTab);
        sources.add(PlaySource::ChorusTab);
        sources.add(PlaySource::History);
        assert_eq!(sources.total(), 3);
        assert_eq!(
            sources.summary(),
            "2 in Chorus · 1 from your listening history"
        );
        let mut all = PlaySources::default();
        all.add(PlaySource::OtherDevice);
        all.merge(&sources);
        assert_eq!((all.chorus, all.other_devices, all.history), (2, 1, 1));
    }

    #[test]
    fn sources_store_as_snake_case_and_missing_fields_read_as_zero() {
        assert_eq!(
            serde_json::to_string(&PlaySource::OtherDevice).expect("serialises"),
            "\"other_device\""
        );
        let partial: PlaySources = serde_json::from_str(r#"{"history":2}"#).expect("reads");
        assert_eq!(partial.total(), 2);
    }
}
