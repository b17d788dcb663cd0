//! Property tests of counting across sources (docs/counting-plays.md): one account's plays on a
//! device Chorus does not play on, watched live by keeper tabs now and then, and read from
//! the listening history whenever a keeper starts. A play is never counted twice; complete
//! plays seen wholly live, or wholly unwatched with a known play before them, count once; and
//! repeated or late history pages change nothing.
//! Run: `cargo test -p chorus-core history_properties`.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::history::{HistoryPage, HistoryPlay, HISTORY_PAGE_LIMIT};
use super::play_counter::{PlayCounter, PlayObservation};
use super::settings::FavoriteSettings;
use super::source::PlaySource;
use super::tracker::{FavoritesTracker, TrackDetails};

const DURATIONS_MS: [u64; 3] = [60_000, 150_000, 240_000];
/// What Spotify keeps of the history, and the shortest part of a track that is a play in it.
const SERVED: usize = 50;
const PLAY_IN_HISTORY_MS: u64 = 30_000;
const T0: u64 = 1_800_000_000_000;

#[derive(Debug, Clone)]
struct Play {
    kind: usize,
    /// Silence before it starts.
    gap_ms: u64,
    listened_permille: u64,
}

/// One play on the timeline.
#[derive(Debug, Clone)]
struct Heard {
    uri: String,
    duration_ms: u64,
    start_ms: u64,
    end_ms: u64,
}

impl Heard {
    fn listened_ms(&self) -> u64 {
        self.end_ms - self.start_ms
    }

    fn in_history(&self) -> bool {
        self.listened_ms() >= PLAY_IN_HISTORY_MS || self.listened_ms() == self.duration_ms
    }
}

/// `unique`: every play its own track (so counts per track are counts per play); else three
/// tracks, repeated.
fn timeline(plays: &[Play], unique: bool) -> Vec<Heard> {
    let mut now = T0;
    plays
        .iter()
        .enumerate()
        .map(|(n, play)| {
            let duration_ms = DURATIONS_MS[play.kind];
            let listened = (duration_ms * play.listened_permille / 1000).max(1_000);
            let start_ms = now + play.gap_ms;
            now = start_ms + listened;
            Heard {
                uri: if unique {
                    format!("spotify:track:p{n}")
                } else {
                    format!("spotify:track:k{}", play.kind)
                },
                duration_ms,
                start_ms,
                end_ms: now,
            }
        })
        .collect()
}

/// What `GET /me/player` shows at `t`, as the keeper's observation.
fn observe(heard: &[Heard], t: u64) -> Option<PlayObservation> {
    let current = heard
        .iter()
        .find(|h| h.start_ms <= t && t < h.end_ms)
        .map(|h| (h, t - h.start_ms, true))
        .or_else(|| {
            heard
                .iter()
                .rev()
                .find(|h| h.end_ms <= t)
                .map(|h| (h, h.listened_ms(), false))
        })?;
    let (h, position_ms, playing) = current;
    Some(PlayObservation {
        track_uri: h.uri.clone(),
        duration_ms: h.duration_ms,
        position_ms,
        playing,
        at_ms: t,
        source: PlaySource::OtherDevice,
    })
}

/// `recently-played?after=…&limit=50` at `t`: the 50 most recent plays, those after `after`.
fn fetch(heard: &[Heard], t: u64, after_ms: Option<u64>) -> HistoryPage {
    let mut ended: Vec<&Heard> = heard
        .iter()
        .filter(|h| h.in_history() && h.end_ms <= t)
        .collect();
    ended.sort_by_key(|h| std::cmp::Reverse(h.end_ms));
    ended.truncate(SERVED);
    HistoryPage {
        after_ms,
        limit: usize::from(HISTORY_PAGE_LIMIT),
        items: ended
            .into_iter()
            .filter(|h| Some(h.end_ms) > after_ms)
            .map(|h| HistoryPlay {
                track_uri: h.uri.clone(),
                duration_ms: h.duration_ms,
                played_at_ms: h.end_ms,
                details: TrackDetails::default(),
            })
            .collect(),
    }
}

fn settings() -> FavoriteSettings {
    FavoriteSettings {
        threshold: 1_000,
        ..FavoriteSettings::default()
    }
}

/// Keeper sessions `(from, to)` (non-overlapping, in order), each polling every `poll_ms`:
/// it reads the history when it starts, counts live while it runs; a last reading at the end.
fn run(heard: &[Heard], sessions: &[(u64, u64)], poll_ms: u64) -> FavoritesTracker {
    let mut tracker = FavoritesTracker::new(settings());
    let required = |d: u64| settings().required_listen_ms(d);
    for &(from, to) in sessions {
        let page = fetch(heard, from, tracker.counting().next_after_ms());
        tracker.reconcile_history(&page);
        let mut counter = PlayCounter::new();
        let mut t = from;
        while t <= to {
            if let Some(observation) = observe(heard, t) {
                if let Some(play) = counter.observe(observation, required) {
                    tracker.record_play(&play);
                }
            }
            tracker.note_watched(from, t);
            t += poll_ms;
        }
    }
    let end = heard.last().map_or(T0, |h| h.end_ms) + 1;
    let page = fetch(heard, end, tracker.counting().next_after_ms());
    tracker.reconcile_history(&page);
    tracker
}

fn counts(tracker: &FavoritesTracker) -> BTreeMap<String, u32> {
    tracker
        .records()
        .iter()
        .map(|(uri, r)| (uri.clone(), r.completed_plays))
        .collect()
}

fn plays() -> impl Strategy<Value = Vec<Play>> {
    let play = (
        0..DURATIONS_MS.len(),
        prop_oneof![Just(0u64), 0u64..600_000],
        prop_oneof![Just(1000u64), 0u64..=1000],
    )
        .prop_map(|(kind, gap_ms, listened_permille)| Play {
            kind,
            gap_ms,
            listened_permille,
        });
    proptest::collection::vec(play, 1..30)
}

/// Up to four keeper sessions as fractions of the timeline (permille start, permille length).
fn sessions() -> impl Strategy<Value = Vec<(u64, u64)>> {
    proptest::collection::vec((0u64..1000, 1u64..400), 1..5)
}

/// The sessions in time: in order, not overlapping, the first one first of all (it sets the
/// history cursor before anything is counted).
fn place(heard: &[Heard], shares: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let end = heard.last().map_or(T0, |h| h.end_ms);
    let span = end - T0;
    let mut placed: Vec<(u64, u64)> = shares
        .iter()
        .map(|(start, length)| {
            let from = T0 + span * start / 1000;
            (from, from + span * length / 1000)
        })
        .collect();
    placed.sort_unstable();
    let mut last_to = 0;
    let mut out = Vec::new();
    for (from, to) in placed {
        if from > last_to {
            out.push((from, to));
            last_to = to;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_play_seen_live_and_in_the_history_counts_once(
        plays in plays(),
        shares in sessions(),
        poll_ms in 1_000u64..30_000,
        unique in any::<bool>(),
    ) {
        let heard = timeline(&plays, unique);
        let sessions = place(&heard, &shares);
        let tracker = run(&heard, &sessions, poll_ms);
        let mut plays_of: BTreeMap<String, u32> = BTreeMap::new();
        for h in &heard {
            *plays_of.entry(h.uri.clone()).or_default() += 1;
        }
        for (uri, count) in counts(&tracker) {
            prop_assert!(
                count <= plays_of.get(&uri).copied().unwrap_or(0),
                "{} counted {} times for {:?} plays", uri, count, plays_of.get(&uri)
            );
        }
    }

    #[test]
    fn complete_plays_seen_wholly_live_or_wholly_unwatched_count_once(
        plays in plays(),
        shares in sessions(),
        poll_ms in 1_000u64..30_000,
    ) {
        let heard = timeline(&plays, true);
        let sessions = place(&heard, &shares);
        let tracker = run(&heard, &sessions, poll_ms);
        let settings = settings();
        let baseline = sessions
            .first()
            .and_then(|(from, _)| fetch(&heard, *from, None).items.iter().map(|i| i.played_at_ms).max());
        let in_history: Vec<&Heard> = heard.iter().filter(|h| h.in_history()).collect();
        for (index, h) in heard.iter().enumerate() {
            let complete = h.listened_ms() >= settings.required_listen_ms(h.duration_ms);
            let live = sessions.iter().any(|(from, to)| {
                *from <= h.start_ms
                    && h.end_ms + poll_ms <= *to
                    && h.listened_ms() >= settings.required_listen_ms(h.duration_ms) + poll_ms
            });
            let unwatched = sessions
                .iter()
                .all(|(from, to)| h.end_ms < *from || h.start_ms > *to);
            let before_it = in_history.iter().rev().find(|p| p.end_ms < h.end_ms);
            let known_before = before_it.is_some_and(|p| Some(p.end_ms) >= baseline);
            let from_history = h.in_history() && unwatched && known_before;
            let count = tracker.record(&h.uri).map_or(0, |r| r.completed_plays);
            if complete && (live || from_history) {
                prop_assert_eq!(count, 1, "play {} ({:?}) live {} history {}", index, h, live, from_history);
            }
        }
    }

    #[test]
    fn repeated_and_late_history_pages_change_nothing(
        plays in plays(),
        fetch_at in proptest::collection::vec(0u64..1000, 1..6),
        schedule in proptest::collection::vec((any::<prop::sample::Index>(), 1usize..3), 0..12),
    ) {
        let heard = timeline(&plays, false);
        let end = heard.last().map_or(T0, |h| h.end_ms) + 1;
        let mut times: Vec<u64> = fetch_at.iter().map(|p| T0 + (end - T0) * p / 1000).collect();
        times.sort_unstable();
        times.push(end);
        // In order: each page read as soon as it was fetched.
        let mut clean = FavoritesTracker::new(settings());
        for t in &times {
            let page = fetch(&heard, *t, clean.counting().next_after_ms());
            clean.reconcile_history(&page);
        }
        // Noisy: pages delivered again, and late (after later fetches), then one fresh reading.
        let mut noisy = FavoritesTracker::new(settings());
        let mut fetched: Vec<HistoryPage> = Vec::new();
        for t in &times {
            let page = fetch(&heard, *t, noisy.counting().next_after_ms());
            noisy.reconcile_history(&page);
            fetched.push(page);
            for (which, copies) in &schedule {
                let page = &fetched[which.index(fetched.len())];
                for _ in 0..*copies {
                    noisy.reconcile_history(page);
                }
            }
        }
        let last = fetch(&heard, end, noisy.counting().next_after_ms());
        noisy.reconcile_history(&last);
        prop_assert_eq!(counts(&noisy), counts(&clean));
        prop_assert_eq!(noisy.counting().next_after_ms(), clean.counting().next_after_ms());
    }
}
