//! Ranking candidates for the command bar: score each against the listener's words, fold
//! duplicates of "the same thing", and decide between a pick, an ambiguity, near misses or
//! nothing. The rule that keeps it honest: a pick needs a high score *and* a clear lead.

use super::fuzzy::{normalise, similarity};
use super::parse::TrackQuery;
use super::resolve::{Action, Intent, Suggestion};
use crate::spotify::{Playlist, Track};

/// A candidate at least this similar can be picked.
const ACCEPT: f64 = 0.8;
/// Below this a candidate is not even suggested.
const SUGGEST: f64 = 0.5;
/// A pick must lead the next distinct candidate by this much.
const MARGIN: f64 = 0.08;
/// At most this many suggestions in one answer.
pub(super) const MAX_SUGGESTIONS: usize = 3;

/// A candidate with its score and a key that identifies "the same thing" (so one song in the
/// recent and top lists, or on an album and a single, is not offered twice).
pub(super) struct Scored {
    score: f64,
    key: String,
    action: Action,
}

pub(super) fn score_playlists<'a>(
    name: &str,
    playlists: impl Iterator<Item = &'a Playlist>,
) -> Vec<Scored> {
    playlists
        .map(|playlist| Scored {
            score: similarity(name, &playlist.name),
            key: playlist.uri.clone(),
            action: Action::PlayContext {
                uri: playlist.uri.clone(),
                name: playlist.name.clone(),
            },
        })
        .collect()
}

pub(super) fn score_tracks<'a>(
    query: &TrackQuery,
    tracks: impl Iterator<Item = &'a Track>,
    intent: Intent,
) -> Vec<Scored> {
    tracks
        .map(|track| {
            let (uri, name, artists) =
                (track.uri.clone(), track.name.clone(), track.artist_names());
            Scored {
                score: track_score(query, track),
                key: format!("{}|{}", normalise(&name), normalise(&artists)),
                action: match intent {
                    Intent::Play => Action::PlayTrack { uri, name, artists },
                    Intent::Queue => Action::QueueTrack { uri, name, artists },
                },
            }
        })
        .collect()
}

/// The better of two readings: the whole text as a title, or "title by artist", where a
/// wrong artist halves the score so it cannot be picked on the title alone.
fn track_score(query: &TrackQuery, track: &Track) -> f64 {
    let whole = similarity(&query.full, &track.name);
    let split = query.artist.as_deref().map_or(0.0, |artist| {
        let title = similarity(&query.title, &track.name);
        let by = track
            .artists
            .iter()
            .map(|a| similarity(artist, &a.name))
            .fold(0.0, f64::max);
        if by < SUGGEST {
            title * 0.5
        } else {
            0.65 * title + 0.35 * by
        }
    });
    whole.max(split)
}

pub(super) enum Decision {
    Pick(Action),
    Ambiguous(Vec<Suggestion>),
    Near(Vec<Suggestion>),
    Nothing,
}

pub(super) fn decide(mut candidates: Vec<Scored>) -> Decision {
    // Stable: equal scores keep their source order (library order, or Spotify's relevance).
    crate::sort::sort_stable_by(&mut candidates, |a, b| b.score.total_cmp(&a.score));
    let mut distinct: Vec<Scored> = Vec::new();
    for candidate in candidates {
        if !distinct.iter().any(|kept| kept.key == candidate.key) {
            distinct.push(candidate);
        }
    }
    let Some(best) = distinct.first() else {
        return Decision::Nothing;
    };
    let best_score = best.score;
    let suggest = |from: &[Scored], floor: f64| -> Vec<Suggestion> {
        from.iter()
            .filter(|c| c.score >= floor)
            .take(MAX_SUGGESTIONS)
            .map(|c| Suggestion {
                label: c.action.label(),
                action: c.action.clone(),
            })
            .collect()
    };
    if best_score >= ACCEPT {
        let close = distinct
            .get(1)
            .is_some_and(|second| best_score - second.score < MARGIN);
        if close {
            return Decision::Ambiguous(suggest(&distinct, best_score - MARGIN));
        }
        return Decision::Pick(best.action.clone());
    }
    if best_score >= SUGGEST {
        return Decision::Near(suggest(&distinct, SUGGEST));
    }
    Decision::Nothing
}
