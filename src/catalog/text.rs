//! Every sentence of the album and artist pages and of the context line.

use chorus_core::player::mm_ss;

pub const LOADING_ALBUM: &str = "Loading the album";
pub const LOADING_ARTIST: &str = "Loading the artist";
pub const PLAY: &str = "Play";
pub const SHUFFLE: &str = "Shuffle";
pub const ALBUMS_AND_SINGLES: &str = "Albums and singles";
pub const NO_ALBUMS: &str = "No albums or singles of this artist on Spotify yet.";
pub const NO_TRACKS: &str = "This album lists no tracks.";
pub const TRACKS: &str = "Tracks";
pub const MORE: &str = "More";

/// "12 tracks, 43 min".
pub fn tracks_and_length(count: usize, duration_ms: u64) -> String {
    let minutes = duration_ms.div_ceil(60_000);
    let tracks = if count == 1 {
        "1 track".to_owned()
    } else {
        format!("{count} tracks")
    };
    if minutes >= 60 {
        format!("{tracks}, {} h {} min", minutes / 60, minutes % 60)
    } else {
        format!("{tracks}, {minutes} min")
    }
}

/// A track's length in a row: `3:45`.
pub fn duration(ms: u64) -> String {
    mm_ss(ms)
}

/// "Album", "Single", "Compilation".
pub fn album_kind(album_type: Option<&str>) -> &'static str {
    match album_type {
        Some("single") => "Single",
        Some("compilation") => "Compilation",
        _ => "Album",
    }
}

/// The context line above what plays: "Playing from".
pub const PLAYING_FROM: &str = "Playing from";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_in_minutes_and_hours() {
        assert_eq!(tracks_and_length(1, 200_000), "1 track, 4 min");
        assert_eq!(tracks_and_length(14, 3_900_000), "14 tracks, 1 h 5 min");
        assert_eq!(duration(225_000), "3:45");
        assert_eq!(album_kind(Some("single")), "Single");
        assert_eq!(album_kind(None), "Album");
    }
}
