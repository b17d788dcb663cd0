//! The Insights screen's arithmetic (docs/ux.md "Insights: top tracks and artists by period,
//! recently played; export"): a summary of recent plays, "12 min ago" wording, and the CSV
//! (RFC 4180) and JSON files each list exports to. The app only hands these strings to a
//! download.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::spotify::{Artist, PlayHistory, Track};

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
    crate::sort::sort_stable_by_key(&mut top_artists, |(_, plays)| std::cmp::Reverse(*plays));
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

/// `rank,name,genres,uri` with CRLF line ends.
pub fn artists_csv(artists: &[Artist]) -> String {
    let mut out = String::from("rank,name,genres,uri\r\n");
    for (rank, artist) in artists.iter().enumerate() {
        let fields = [
            (rank + 1).to_string(),
            csv_field(&artist.name),
            csv_field(&artist.genres.join(", ")),
            csv_field(&artist.uri),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `played_at,name,artists,album,duration,uri`, newest first as Spotify lists them.
pub fn recent_csv(history: &[PlayHistory]) -> String {
    let mut out = String::from("played_at,name,artists,album,duration,uri\r\n");
    for entry in history {
        let track = &entry.track;
        let fields = [
            csv_field(&entry.played_at),
            csv_field(&track.name),
            csv_field(&track.artist_names()),
            csv_field(album_name(track)),
            crate::player::mm_ss(track.duration_ms),
            csv_field(&track.uri),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn album_name(track: &Track) -> &str {
    track
        .album
        .as_ref()
        .map(|album| album.name.as_str())
        .unwrap_or_default()
}

/// One exported track: flat, so a JSON file reads like the CSV one.
#[derive(Debug, Serialize)]
struct TrackRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    played_at: Option<&'a str>,
    name: &'a str,
    artists: Vec<&'a str>,
    album: &'a str,
    duration_ms: u64,
    uri: &'a str,
}

impl<'a> TrackRow<'a> {
    fn of(track: &'a Track) -> Self {
        Self {
            rank: None,
            played_at: None,
            name: &track.name,
            artists: track.artists.iter().map(|a| a.name.as_str()).collect(),
            album: album_name(track),
            duration_ms: track.duration_ms,
            uri: &track.uri,
        }
    }
}

#[derive(Debug, Serialize)]
struct ArtistRow<'a> {
    rank: usize,
    name: &'a str,
    genres: &'a [String],
    uri: &'a str,
}

fn pretty(rows: &impl Serialize) -> String {
    // Rows of strings and numbers always serialise; an empty array is the safe fallback.
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_owned()) + "\n"
}

/// A JSON array of `{rank, name, artists[], album, duration_ms, uri}`.
pub fn tracks_json(tracks: &[Track]) -> String {
    let rows: Vec<TrackRow> = tracks
        .iter()
        .enumerate()
        .map(|(rank, track)| TrackRow {
            rank: Some(rank + 1),
            ..TrackRow::of(track)
        })
        .collect();
    pretty(&rows)
}

/// A JSON array of `{rank, name, genres[], uri}`.
pub fn artists_json(artists: &[Artist]) -> String {
    let rows: Vec<ArtistRow> = artists
        .iter()
        .enumerate()
        .map(|(rank, artist)| ArtistRow {
            rank: rank + 1,
            name: &artist.name,
            genres: &artist.genres,
            uri: &artist.uri,
        })
        .collect();
    pretty(&rows)
}

/// A JSON array of `{played_at, name, artists[], album, duration_ms, uri}`.
pub fn recent_json(history: &[PlayHistory]) -> String {
    let rows: Vec<TrackRow> = history
        .iter()
        .map(|entry| TrackRow {
            played_at: Some(&entry.played_at),
            ..TrackRow::of(&entry.track)
        })
        .collect();
    pretty(&rows)
}

/// Unix milliseconds of an RFC 3339 time as Spotify writes `played_at`
/// (`2026-11-22T03:00:00.123Z`, or with a `+01:00` offset); `None` when it is not one.
pub fn parse_rfc3339_ms(text: &str) -> Option<u64> {
    // One parser for the whole core: the listening history's `played_at` uses it too.
    crate::spotify::unix_ms_from_rfc3339(text)
}

/// How long ago `then_ms` was at `now_ms`, in words: `just now`, `12 min ago`, `3 h ago`,
/// `yesterday`, `5 days ago`. A time in the future (clock skew) reads `just now`.
pub fn time_ago(now_ms: u64, then_ms: u64) -> String {
    let minutes = now_ms.saturating_sub(then_ms) / 60_000;
    match minutes {
        0 => "just now".to_owned(),
        1..=59 => format!("{minutes} min ago"),
        60..=1_439 => format!("{} h ago", minutes / 60),
        1_440..=2_879 => "yesterday".to_owned(),
        _ => format!("{} days ago", minutes / 1_440),
    }
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

    fn track(name: &str, album: &str, artists: &[&str]) -> Track {
        let artists: Vec<serde_json::Value> = artists
            .iter()
            .map(|a| serde_json::json!({"name": a}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "name": name, "uri": format!("spotify:track:{}", name.len()), "duration_ms": 200_000,
            "artists": artists, "album": {"name": album}
        }))
        .expect("track")
    }

    #[test]
    fn csv_quotes_line_breaks_and_leaves_plain_fields_alone() {
        let csv = tracks_csv(&[track("Line\nBreak", "Plain Album", &["Solo"])]);
        assert_eq!(
            csv,
            "rank,name,artists,album,duration,uri\r\n1,\"Line\nBreak\",Solo,Plain Album,3:20,spotify:track:10\r\n"
        );
        let carriage = tracks_csv(&[track("a\rb", "x", &[])]);
        assert!(carriage.contains(",\"a\rb\",,x,"), "{carriage:?}");
    }

    #[test]
    fn an_empty_list_exports_only_the_header_or_an_empty_array() {
        assert_eq!(tracks_csv(&[]), "rank,name,artists,album,duration,uri\r\n");
        assert_eq!(artists_csv(&[]), "rank,name,genres,uri\r\n");
        assert_eq!(
            recent_csv(&[]),
            "played_at,name,artists,album,duration,uri\r\n"
        );
        assert_eq!(tracks_json(&[]), "[]\n");
        assert_eq!(recent_json(&[]), "[]\n");
    }

    #[test]
    fn artists_export_ranks_and_quotes_genres() {
        let artists: Vec<Artist> = serde_json::from_value(serde_json::json!([
            {"id": "1", "name": "Crosby, Stills & Nash", "uri": "spotify:artist:1", "genres": ["folk", "rock"]},
            {"id": "2", "name": "Plain", "uri": "spotify:artist:2"}
        ]))
        .expect("artists");
        assert_eq!(
            artists_csv(&artists),
            "rank,name,genres,uri\r\n1,\"Crosby, Stills & Nash\",\"folk, rock\",spotify:artist:1\r\n2,Plain,,spotify:artist:2\r\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&artists_json(&artists)).expect("valid json");
        assert_eq!(
            json,
            serde_json::json!([
                {"rank": 1, "name": "Crosby, Stills & Nash", "genres": ["folk", "rock"], "uri": "spotify:artist:1"},
                {"rank": 2, "name": "Plain", "genres": [], "uri": "spotify:artist:2"}
            ])
        );
    }

    #[test]
    fn tracks_json_keeps_quotes_and_commas_intact() {
        let json: serde_json::Value = serde_json::from_str(&tracks_json(&[track(
            "Say \"Hi\", Then Go",
            "Album",
            &["A", "B"],
        )]))
        .expect("valid json");
        assert_eq!(
            json,
            serde_json::json!([{"rank": 1, "name": "Say \"Hi\", Then Go", "artists": ["A", "B"],
                "album": "Album", "duration_ms": 200_000, "uri": "spotify:track:17"}])
        );
    }

    #[test]
    fn recent_exports_carry_the_play_time() {
        let history = [play(
            "spotify:track:1",
            "Get Lucky",
            &["Daft Punk", "Pharrell Williams"],
            "2026-11-21T10:00:00Z",
        )];
        assert_eq!(
            recent_csv(&history),
            "played_at,name,artists,album,duration,uri\r\n2026-11-21T10:00:00Z,Get Lucky,\"Daft Punk, Pharrell Williams\",,3:00,spotify:track:1\r\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&recent_json(&history)).expect("valid json");
        assert_eq!(json[0]["played_at"], "2026-11-21T10:00:00Z");
        assert_eq!(json[0]["artists"][1], "Pharrell Williams");
        assert!(json[0].get("rank").is_none());
    }

    #[test]
    fn rfc3339_times_parse_to_unix_milliseconds() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T03:00:00.123Z"),
            Some(1_795_316_400_123)
        );
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T04:00:00+01:00"),
            parse_rfc3339_ms("2026-11-22T03:00:00Z")
        );
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T12:00:00.5Z"),
            Some(1_709_208_000_500)
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-22T03:00:00",
            "2026-11-22T03:00:00.Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn time_ago_reads_like_a_person_would_say_it() {
        let now = 10 * 86_400_000;
        assert_eq!(time_ago(now, now - 30_000), "just now");
        assert_eq!(time_ago(now, now + 5_000), "just now");
        assert_eq!(time_ago(now, now - 12 * 60_000), "12 min ago");
        assert_eq!(time_ago(now, now - 3 * 3_600_000 - 1), "3 h ago");
        assert_eq!(time_ago(now, now - 30 * 3_600_000), "yesterday");
        assert_eq!(time_ago(now, now - 5 * 86_400_000), "5 days ago");
    }
}
