//! Carrying on after a reload (docs/ux.md "Player": resume): what this tab played, as one value
//! the app keeps in the tab's sessionStorage (`ResumePoint`), the `PUT /me/player/play` body that
//! carries on from exactly there, and whether to carry on by itself or offer a button
//! (`how_to_resume`). The same body carries on after the device had to connect again
//! (`PlayerState::carry_on`).

use serde::{Deserialize, Serialize};

use super::format::mm_ss;
use super::state::{Location, PlayerState};
use crate::spotify::requests::{PlayBody, PlayOffset};
use crate::spotify::RepeatState;

/// A point older than this is not offered after a reload: the person has moved on.
pub const RESUME_MAX_AGE_MS: u64 = 12 * 60 * 60 * 1000;

/// What this tab played and how, at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumePoint {
    /// The playlist, album or artist it played from; `None` for loose tracks.
    pub context_uri: Option<String>,
    pub track_uri: String,
    pub track_name: String,
    pub position_ms: u64,
    /// Whether it was playing (not paused).
    pub playing: bool,
    pub shuffle: bool,
    pub repeat: RepeatState,
    pub volume_percent: Option<u8>,
    /// When this was noted (Unix ms).
    pub saved_at_ms: u64,
}

impl ResumePoint {
    /// What `state` plays in this tab at `now_ms`; `None` when nothing plays here.
    pub fn of(state: &PlayerState, now_ms: u64) -> Option<Self> {
        if state.location != Location::ThisTab {
            return None;
        }
        let track = state.now_playing.as_ref()?;
        Some(Self {
            context_uri: state.context_uri.clone(),
            track_uri: track.uri.clone(),
            track_name: track.name.clone(),
            position_ms: state.position_at(now_ms),
            playing: state.is_playing,
            shuffle: state.shuffle,
            repeat: state.repeat,
            volume_percent: state.volume_percent,
            saved_at_ms: now_ms,
        })
    }

    /// The `PUT /me/player/play` body that carries on from exactly here: the same context from
    /// the same track, or the track alone, at the same position.
    pub fn play_body(&self) -> PlayBody {
        let position_ms = Some(self.position_ms);
        match &self.context_uri {
            Some(context) => PlayBody {
                context_uri: Some(context.clone()),
                offset: Some(PlayOffset::Uri {
                    uri: self.track_uri.clone(),
                }),
                position_ms,
                ..PlayBody::default()
            },
            None => PlayBody {
                uris: Some(vec![self.track_uri.clone()]),
                position_ms,
                ..PlayBody::default()
            },
        }
    }

    /// The button that carries on: `Resume “Night Drive” at 1:23`.
    pub fn label(&self) -> String {
        format!(
            "Resume “{}” at {}",
            self.track_name,
            mm_ss(self.position_ms)
        )
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and booleans always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The stored point, if it reads as one and is recent enough at `now_ms`.
    pub fn from_stored(json: &str, now_ms: u64) -> Option<Self> {
        let point: Self = serde_json::from_str(json).ok()?;
        (now_ms.saturating_sub(point.saved_at_ms) <= RESUME_MAX_AGE_MS).then_some(point)
    }
}

/// What a reloaded tab does with the point it kept, once its device is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowToResume {
    /// Carry on at once: it was playing, nothing else plays for the account, and the browser
    /// lets a page start sound by itself.
    Automatically,
    /// Offer one button ("Resume … at 1:23"): the browser wants a click first, the person had
    /// paused, or the account plays somewhere else now (never taken away without asking).
    Offer,
}

/// Decides [`HowToResume`]; `playing_elsewhere`: the account plays on another device now.
pub fn how_to_resume(
    point: &ResumePoint,
    autoplay_allowed: bool,
    playing_elsewhere: bool,
) -> HowToResume {
    if point.playing && autoplay_allowed && !playing_elsewhere {
        HowToResume::Automatically
    } else {
        HowToResume::Offer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::PlayerAction;
    use crate::spotify::sdk::tests::SDK_STATE_JSON;
    use crate::spotify::sdk::SdkState;

    fn playing_here(at_ms: u64, position: u64) -> PlayerState {
        let mut sdk: SdkState = serde_json::from_str(SDK_STATE_JSON).expect("sdk state");
        sdk.paused = false;
        sdk.position = position;
        sdk.timestamp = at_ms;
        sdk.shuffle = true;
        sdk.repeat_mode = 1;
        let mut state = PlayerState::new();
        state.apply(PlayerAction::Sdk {
            state: Box::new(sdk),
            received_at_ms: at_ms,
        });
        state.volume_percent = Some(35);
        state
    }

    #[test]
    fn a_point_notes_context_track_position_and_settings_of_this_tab() {
        let state = playing_here(1_000_000, 60_000);
        let point = ResumePoint::of(&state, 1_003_000).expect("plays here");
        assert_eq!(
            point.position_ms, 63_000,
            "the position moved on while playing"
        );
        assert!(point.playing && point.shuffle);
        assert_eq!(point.repeat, RepeatState::Context);
        assert_eq!(point.volume_percent, Some(35));
        assert_eq!(point.saved_at_ms, 1_003_000);
        assert_eq!(ResumePoint::of(&PlayerState::new(), 0), None);
    }

    #[test]
    fn the_body_carries_on_in_the_same_context_or_with_the_track_alone() {
        let mut point =
            ResumePoint::of(&playing_here(1_000_000, 83_000), 1_000_000).expect("plays here");
        point.context_uri = Some("spotify:playlist:w".into());
        let body = point.play_body();
        assert_eq!(body.context_uri.as_deref(), Some("spotify:playlist:w"));
        assert_eq!(
            body.offset,
            Some(PlayOffset::Uri {
                uri: point.track_uri.clone()
            })
        );
        assert_eq!(body.position_ms, Some(83_000));
        point.context_uri = None;
        assert_eq!(point.play_body().uris, Some(vec![point.track_uri.clone()]));
        assert!(point.label().starts_with("Resume “"));
        assert!(point.label().ends_with("” at 1:23"), "{}", point.label());
    }

    #[test]
    fn a_stored_point_reads_back_until_it_is_too_old() {
        let point = ResumePoint::of(&playing_here(1_000_000, 0), 1_000_000).expect("plays");
        let json = point.to_json();
        assert_eq!(ResumePoint::from_stored(&json, 1_000_500), Some(point));
        assert_eq!(
            ResumePoint::from_stored(&json, 1_000_000 + RESUME_MAX_AGE_MS + 1),
            None
        );
        assert_eq!(ResumePoint::from_stored("{not json", 0), None);
    }

    #[test]
    fn only_a_playing_tab_carries_on_by_itself_and_only_when_allowed() {
        let mut point = ResumePoint::of(&playing_here(1_000_000, 0), 1_000_000).expect("plays");
        assert_eq!(
            how_to_resume(&point, true, false),
            HowToResume::Automatically
        );
        assert_eq!(how_to_resume(&point, false, false), HowToResume::Offer);
        assert_eq!(how_to_resume(&point, true, true), HowToResume::Offer);
        point.playing = false;
        assert_eq!(how_to_resume(&point, true, false), HowToResume::Offer);
    }
}
