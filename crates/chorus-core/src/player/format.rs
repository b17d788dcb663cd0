//! Text the player shows: `m:ss` times and the tab title of docs/ux.md ("Telling tabs apart").

use super::now_playing::NowPlaying;
use super::state::{Activity, PlayerState};

/// `m:ss`, or `h:mm:ss` from one hour (podcasts). Milliseconds are truncated, as players do.
pub fn mm_ss(ms: u64) -> String {
    let total_seconds = ms / 1000;
    let (hours, minutes, seconds) = (
        total_seconds / 3600,
        total_seconds / 60 % 60,
        total_seconds % 60,
    );
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// The two labels around the progress bar: elapsed and `-remaining`.
pub fn elapsed_and_remaining(position_ms: u64, duration_ms: u64) -> (String, String) {
    let position_ms = position_ms.min(duration_ms);
    // Round the remainder up so elapsed + remaining always adds up to the duration shown.
    let remaining_ms = (duration_ms - position_ms).div_ceil(1000) * 1000;
    (mm_ss(position_ms), format!("-{}", mm_ss(remaining_ms)))
}

/// The tab title: `▶ Song — Artist · Alice` while playing here, `Alice · Chorus` otherwise.
pub fn tab_title(listener: &str, playing: Option<&NowPlaying>) -> String {
    match playing {
        Some(now) if now.artists.trim().is_empty() => format!("▶ {} · {listener}", now.name),
        Some(now) => format!("▶ {} — {} · {listener}", now.name, now.artists),
        None => format!("{listener} · Chorus"),
    }
}

impl PlayerState {
    /// The tab title for this state: the song only while it plays in this tab.
    pub fn tab_title(&self, listener: &str) -> String {
        let playing = match self.activity() {
            Activity::Playing => self.now_playing.as_ref(),
            _ => None,
        };
        tab_title(listener, playing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn song(artists: &str) -> NowPlaying {
        NowPlaying {
            uri: "spotify:track:1".into(),
            name: "Get Lucky".into(),
            artists: artists.into(),
            album: None,
            album_id: None,
            artist_list: Vec::new(),
            images: Vec::new(),
            duration_ms: 369_626,
        }
    }

    #[test]
    fn times_read_as_minutes_and_seconds() {
        assert_eq!(mm_ss(0), "0:00");
        assert_eq!(mm_ss(59_999), "0:59");
        assert_eq!(mm_ss(369_626), "6:09");
        assert_eq!(mm_ss(3_723_000), "1:02:03");
    }

    #[test]
    fn elapsed_and_remaining_add_up_to_the_duration() {
        assert_eq!(
            elapsed_and_remaining(43_020, 369_626),
            ("0:43".into(), "-5:27".into())
        );
        assert_eq!(
            elapsed_and_remaining(0, 200_000),
            ("0:00".into(), "-3:20".into())
        );
        assert_eq!(
            elapsed_and_remaining(500_000, 200_000),
            ("3:20".into(), "-0:00".into())
        );
    }

    #[test]
    fn tab_title_shows_the_song_while_playing_and_the_listener_otherwise() {
        assert_eq!(
            tab_title("Alice", Some(&song("Daft Punk"))),
            "▶ Get Lucky — Daft Punk · Alice"
        );
        assert_eq!(tab_title("Alice", Some(&song(" "))), "▶ Get Lucky · Alice");
        assert_eq!(tab_title("Alice", None), "Alice · Chorus");
        assert_eq!(PlayerState::new().tab_title("Bob"), "Bob · Chorus");
    }
}
