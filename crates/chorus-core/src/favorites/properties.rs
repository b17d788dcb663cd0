//! Property tests of the favorites issue's invariants: duplicated, stale or reordered events
//! never double count; thresholds are crossed, and adds requested, exactly once.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;

use super::play_counter::{PlayCounter, PlayObservation};
use super::settings::FavoriteSettings;
use super::tracker::{Effect, FavoritesTracker, TrackDetails};

const TRACKS: usize = 3;
const DURATIONS_MS: [u64; TRACKS] = [60_000, 150_000, 300_000];

/// One genuine play: which track, how much of it was listened to, and an optional pause.
#[derive(Debug, Clone)]
struct Play {
    track: usize,
    listened_permille: u64,
    pause: Option<(u64, u64)>, // (permille of the listened part, pause length in s)
}

fn uri(track: usize) -> String {
    format!("spotify:track:t{track}")
}

fn plays() -> impl Strategy<Value = Vec<Play>> {
    let play = (
        0..TRACKS,
        0u64..=1000,
        proptest::option::of((100u64..900, 1u64..600)),
    )
        .prop_map(|(track, listened_permille, pause)| Play {
            track,
            listened_permille,
            pause,
        });
    proptest::collection::vec(play, 1..25)
}

/// The events the SDK would report for these plays, in true order.
fn events(plays: &[Play]) -> Vec<PlayObservation> {
    let mut events = Vec::new();
    let mut now = 1_000_000;
    let observe = |track: usize, position_ms: u64, playing: bool, at_ms: u64| PlayObservation {
        track_uri: uri(track),
        duration_ms: DURATIONS_MS[track],
        position_ms,
        playing,
        at_ms,
        source: super::source::PlaySource::ChorusTab,
    };
    let mut last_position = 0;
    for play in plays {
        let listened = DURATIONS_MS[play.track] * play.listened_permille / 1000;
        events.push(observe(play.track, 0, true, now));
        let mut elapsed = listened;
        // A pause only where it cannot look like a restart (beyond `NEAR_START_MS`).
        if let Some((at_permille, gap_s)) = play.pause {
            let at = listened * at_permille / 1000;
            if at > 5_000 {
                events.push(observe(play.track, at, false, now + at));
                events.push(observe(play.track, at, true, now + at + gap_s * 1000));
                elapsed += gap_s * 1000;
            }
        }
        now += elapsed.max(1);
        last_position = listened;
    }
    if let Some(last) = plays.last() {
        events.push(observe(last.track, last_position, false, now + 1));
    }
    events
}

/// The rule stated over plays instead of events: consecutive plays of one track merge until
/// the instance has counted.
fn expected_counts(plays: &[Play], settings: &FavoriteSettings) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    let mut instance: Option<(usize, u64, bool)> = None;
    for play in plays {
        let duration = DURATIONS_MS[play.track];
        let listened = duration * play.listened_permille / 1000;
        instance = match instance {
            Some((track, so_far, false)) if track == play.track => {
                Some((track, so_far + listened, false))
            }
            _ => Some((play.track, listened, false)),
        };
        if let Some((track, so_far, counted)) = &mut instance {
            if !*counted && *so_far >= settings.required_listen_ms(duration) {
                *counted = true;
                *counts.entry(uri(*track)).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn count(events: &[PlayObservation], settings: &FavoriteSettings) -> HashMap<String, u32> {
    let mut counter = PlayCounter::new();
    let mut counts = HashMap::new();
    for event in events {
        if let Some(play) = counter.observe(event.clone(), |d| settings.required_listen_ms(d)) {
            *counts.entry(play.track_uri).or_insert(0) += 1;
        }
    }
    counts
}

proptest! {
    #[test]
    fn clean_event_streams_count_exactly_the_completed_plays(plays in plays()) {
        let settings = FavoriteSettings::default();
        prop_assert_eq!(count(&events(&plays), &settings), expected_counts(&plays, &settings));
    }

    #[test]
    fn duplicated_and_stale_events_change_nothing(
        plays in plays(),
        duplicates in proptest::collection::vec(any::<bool>(), 0..100),
        stale in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..20),
    ) {
        let settings = FavoriteSettings::default();
        let clean = events(&plays);
        let mut noisy = Vec::new();
        for (i, event) in clean.iter().enumerate() {
            noisy.push(event.clone());
            if duplicates.get(i).copied().unwrap_or(false) {
                noisy.push(event.clone()); // the SDK firing twice for one change
            }
        }
        for (which, where_to) in stale {
            // An earlier event delivered again, late.
            let from = which.index(noisy.len());
            let to = from + 1 + where_to.index(noisy.len() - from);
            let copy = noisy[from].clone();
            noisy.insert(to, copy);
        }
        prop_assert_eq!(count(&noisy, &settings), expected_counts(&plays, &settings));
    }

    #[test]
    fn reordered_events_never_count_more_than_one_per_play(
        plays in plays(),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    ) {
        let settings = FavoriteSettings::default();
        let mut shuffled = events(&plays);
        // A deterministic shuffle from the generated seed (Fisher–Yates with an LCG).
        let mut seed = order;
        for i in (1..shuffled.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = usize::try_from(seed >> 33).unwrap_or(0) % (i + 1);
            shuffled.swap(i, j);
        }
        let total: u32 = count(&shuffled, &settings).values().sum();
        prop_assert!(total as usize <= plays.len(), "{} counts for {} plays", total, plays.len());
    }

    #[test]
    fn each_track_is_requested_at_most_once_until_a_failure_is_reported(
        plays in plays(),
        threshold in 1u32..4,
        fail_first in any::<bool>(),
    ) {
        let settings = FavoriteSettings { threshold, ..FavoriteSettings::default() };
        let mut tracker = FavoritesTracker::new(settings.clone());
        let mut requested: HashSet<String> = HashSet::new();
        let mut failed_once = false;
        for event in events(&plays) {
            for effect in tracker.observe(event, TrackDetails::default()) {
                let Effect::AddToFavorites { track_uri } = effect;
                prop_assert!(requested.insert(track_uri.clone()), "{} requested twice", track_uri);
                if fail_first && !failed_once {
                    failed_once = true;
                    tracker.add_failed(&track_uri);
                    let retried = tracker.retry_failed();
                    prop_assert_eq!(retried, vec![Effect::AddToFavorites { track_uri: track_uri.clone() }]);
                }
                tracker.add_succeeded(&track_uri);
                prop_assert!(tracker.force_add(&track_uri).is_empty());
            }
        }
        let expected: HashSet<String> = expected_counts(&plays, &settings)
            .into_iter()
            .filter(|(_, count)| *count >= threshold)
            .map(|(uri, _)| uri)
            .collect();
        prop_assert_eq!(requested, expected);
    }
}
