//! The Insights screen's arithmetic (ux.md "Insights: top tracks and artists by period,
//! recently played; export"): a summary of recent plays, and CSV export (RFC 4180) of any
//! track list.

use std::collections::BTreeMap;

use crate::spotify::{PlayHistory, Track};

/// What the recent plays add up to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecentSummary {
    pub plays: usize,
    pub distinct_tracks: usize,
    /// Sum of the played tracks' durations, in whole minutes.
    pub minutes: u64,
    /// Artists by number of plays, most first; ties by name.
    pub top_artists: Vec<(String, u32)>,
    /// Plays per UTC day (`YYYY-MM-DD` from `played_at`), oldest first.
    pub plays_per_day: Vec<(String, u32)>,
}

/// Summarises `GET /me/player/recently-played` items.
pub fn summarise(history: &[PlayHistory], top_artist_count: usize) -> RecentSummary {
    let mut artists: BTreeMap<&str, u32> = BTreeMap::new();
    let mut days: BTreeMap<String, u32> = BTreeMap::new();
    let mut tracks: Vec<&str> = Vec::new();
    let mut total_ms: u64 = 0;
    for entry in history {
        total_ms = total_ms.saturating_add(entry.track.duration_ms);
        if !tracks.contains(&entry.track.uri.as_str()) {
            tracks.push(&entry.track.uri);
        }
        for artist in &entry.track.artists {
            *artists.entry(artist.name.as_str()).or_insert(0) += 1;
        }
        let day: String = entry.played_at.chars().take(10).collect();
        *days.entry(day).or_insert(0) += 1;
    }
    let mut top_artists: Vec<(String, u32)> = artists
        .into_iter()
        .map(|(name, plays)| (name.to_owned(), plays))
        .collect();
    // BTreeMap order is by name, and the sort is stable: ties stay alphabetical.
    top_artists.sort_by_key(|(_, plays)| std::cmp::Reverse(*plays));
    top_artists.truncate(top_artist_count);
    RecentSummary {
        plays: history.len(),
        distinct_tracks: tracks.len(),
        minutes: total_ms / 60_000,
        top_artists,
        plays_per_day: days.into_iter().collect(),
    }
}

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180 §2.6–2.7).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// `rank,name,artists,album,duration,uri` with CRLF line ends, for a spreadsheet.
pub fn tracks_csv(tracks: &[Track]) -> String {
    let mut out = String::from("rank,name,artists,album,duration,uri\r\n");
    for (rank, track) in tracks.iter().enumerate() {
        let album = track
            .album
            .as_ref()
            .map(|album| album.name.as_str())
            .unwrap_or_default();
        let fields = [
            (rank + 1).to_string(),
            csv_field(&track.name),
            csv_field(&track.artist_names()),
            csv_field(album),
            crate::player::mm_ss(track.duration_ms),
            csv_field(&track.uri),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn play(uri: &str, name: &str, artists: &[&str], played_at: &str) -> PlayHistory {
        let artists: Vec<serde_json::Value> = artists
            .iter()
            .map(|a| serde_json::json!({"name": a}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "track": {"name": name, "uri": uri, "duration_ms": 180_000, "artists": artists},
            "played_at": played_at
        }))
        .expect("history entry")
    }

    #[test]
    fn recent_plays_are_summarised_by_artist_day_and_minutes() {
        let history = [
            play(
                "spotify:track:1",
                "Get Lucky",
                &["Daft Punk", "Pharrell Williams"],
                "2026-11-21T10:00:00Z",
            ),
            play(
                "spotify:track:2",
                "One More Time",
                &["Daft Punk"],
                "2026-11-21T11:00:00Z",
            ),
            play(
                "spotify:track:1",
                "Get Lucky",
                &["Daft Punk", "Pharrell Williams"],
                "2026-11-22T09:00:00Z",
            ),
            play(
                "spotify:track:3",
                "Halo",
                &["Beyoncé"],
                "2026-11-22T09:05:00Z",
            ),
        ];
        let summary = summarise(&history, 2);
        assert_eq!(summary.plays, 4);
        assert_eq!(summary.distinct_tracks, 3);
        assert_eq!(summary.minutes, 12);
        assert_eq!(
            summary.top_artists,
            vec![
                ("Daft Punk".to_owned(), 3),
                ("Pharrell Williams".to_owned(), 2)
            ]
        );
        assert_eq!(
            summary.plays_per_day,
            vec![("2026-11-21".to_owned(), 2), ("2026-11-22".to_owned(), 2)]
        );
    }

    #[test]
    fn an_empty_history_summarises_to_zeroes() {
        assert_eq!(summarise(&[], 5), RecentSummary::default());
    }

    #[test]
    fn csv_quotes_fields_with_commas_and_quotes() {
        let track: Track = serde_json::from_value(serde_json::json!({
            "name": "Say \"Hi\", Then Go", "uri": "spotify:track:9", "duration_ms": 61_000,
            "artists": [{"name": "A"}, {"name": "B"}], "album": {"name": "Plain"}
        }))
        .expect("track");
        let csv = tracks_csv(&[track]);
        assert_eq!(
            csv,
            "rank,name,artists,album,duration,uri\r\n1,\"Say \"\"Hi\"\", Then Go\",\"A, B\",Plain,1:01,spotify:track:9\r\n"
        );
    }
}
