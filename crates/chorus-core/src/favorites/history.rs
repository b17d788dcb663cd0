//! Counting plays across devices and time (docs/counting-plays.md): what the account's stored
//! counting state remembers so that a play is counted once, whether a Chorus tab heard it,
//! the keeper tab saw it on another device, or it is read afterwards from
//! `GET /me/player/recently-played`.
//!
//! - **Watched spans**: while the account's keeper tab runs, it observes the account's playback
//!   live. A history play that began and ended inside a span (`[previous played_at, played_at]`)
//!   was decided live, counted or not.
//! - **Ledger**: recent plays counted live (at their completion time on the player's clock) and
//!   plays counted from the history (with the window they were played in). A live count and a
//!   history count of the same track whose times fall in one window are one play: whichever
//!   comes second is not counted.
//! - **History rule**: a history play is complete when the time since the play before it
//!   ended (`played_at` is when a track ended or was left) is at least the completion ratio of
//!   its duration. That gap bounds the listening time from above (one stream per account), so
//!   the rule counts every complete play whose predecessor is known, and over-counts a play
//!   that was paused, or preceded by silence, and then left early.
//! - **Cursor**: `after` of the next fetch is the newest `played_at` decided. The first page
//!   ever only sets it (plays before Chorus first counted are not counted). A page fetched
//!   with a later cursor than the stored one is ignored (its older plays would be skipped);
//!   a page fetched with an older one decides only what is newer than the stored cursor, so
//!   repeated and late pages change nothing.

use serde::{Deserialize, Serialize};

use super::tracker::TrackDetails;
use crate::spotify::{unix_ms_from_rfc3339, CursorPaging, PlayHistory};

/// How many plays the app asks for: all Spotify serves ("the most recent 50").
pub const HISTORY_PAGE_LIMIT: u8 = 50;
/// How long after a play ended its live count may still be observed (a hidden tab polls
/// rarely and browsers run its timers once a minute) and be the same play.
pub const LATE_LIVE_COUNT_MS: u64 = 90_000;
/// The player's clock (a lower bound of Spotify's) may run this much behind `played_at`.
const CLOCK_SLACK_MS: u64 = 10_000;
/// Spans closer than this are one (a throttled keeper extends its span about once a minute).
const SPAN_MERGE_GAP_MS: u64 = 120_000;
const MAX_SPANS: usize = 64;
const MAX_LEDGER: usize = 256;
/// History counts older than this behind the cursor can no longer meet a late live count.
const LEDGER_KEEP_BEHIND_MS: u64 = 6 * 3_600_000;

/// One play read from `GET /me/player/recently-played`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPlay {
    pub track_uri: String,
    pub duration_ms: u64,
    /// When it ended or was left (Spotify's clock).
    pub played_at_ms: u64,
    pub details: TrackDetails,
}

impl HistoryPlay {
    /// `None` for an entry whose `played_at` cannot be read or that is not a track.
    pub fn from_wire(entry: &PlayHistory) -> Option<Self> {
        if !entry.track.uri.starts_with("spotify:track:") {
            return None;
        }
        Some(Self {
            track_uri: entry.track.uri.clone(),
            duration_ms: entry.track.duration_ms,
            played_at_ms: unix_ms_from_rfc3339(&entry.played_at)?,
            details: TrackDetails {
                name: Some(entry.track.name.clone()),
                artists: Some(entry.track.artist_names()),
            },
        })
    }
}

/// One answer of `recently-played?after=…&limit=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPage {
    /// The `after` it was fetched with (`None`: without a cursor).
    pub after_ms: Option<u64>,
    pub limit: usize,
    pub items: Vec<HistoryPlay>,
}

impl HistoryPage {
    /// The answer to `recently-played?after=AFTER&limit=LIMIT` (`after_ms: None` without a
    /// cursor). Entries that cannot be read are left out; a page that came back full still
    /// counts as full.
    pub fn from_wire(after_ms: Option<u64>, limit: u8, page: &CursorPaging<PlayHistory>) -> Self {
        let items: Vec<HistoryPlay> = page
            .items
            .iter()
            .filter_map(HistoryPlay::from_wire)
            .collect();
        let full = page.items.len() >= usize::from(limit);
        Self {
            after_ms,
            limit: if full {
                items.len()
            } else {
                usize::from(limit)
            },
            items,
        }
    }
}

/// What became of one history play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryDecision {
    /// Counted now, from the history.
    Counted,
    /// Already decided live (counted there, or watched and found incomplete).
    SeenLive,
    /// Too little time since the play before it to have been listened to the ratio.
    Incomplete,
    /// The play before it is unknown (more plays than Spotify keeps since the cursor).
    Unknown,
}

/// A span of time the keeper tab watched the account's playback (player clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub from_ms: u64,
    pub to_ms: u64,
}

/// How a ledger entry was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "seen", rename_all = "snake_case")]
pub enum Seen {
    /// Counted live when its completion was observed at `at_ms` (player clock); `matched`
    /// once a history play was found to be it (it still tells a second live count of the
    /// same play, from another device, apart from a new play).
    Live {
        at_ms: u64,
        #[serde(default)]
        matched: bool,
    },
    /// Counted from the history: played between `from_ms` and `played_at_ms`.
    History { from_ms: u64, played_at_ms: u64 },
}

/// A counted play not yet met from the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    pub track_uri: String,
    #[serde(flatten)]
    pub seen: Seen,
}

/// The account's counting state, stored with its favorites. Missing in data stored before it
/// existed: then the first page read only sets the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CountingState {
    /// Whether the history was read once (the starting point).
    pub started: bool,
    /// The newest `played_at` decided: `after` of the next fetch, and the end of the play
    /// before the next one.
    pub after_ms: Option<u64>,
    pub watched: Vec<Span>,
    pub ledger: Vec<Counted>,
}

impl CountingState {
    /// The `after` to fetch with; `None` before the first reading (fetch without a cursor).
    pub fn next_after_ms(&self) -> Option<u64> {
        self.after_ms.filter(|_| self.started)
    }

    /// The keeper watched from `from_ms` to `to_ms` (player clock).
    pub fn note_watched(&mut self, from_ms: u64, to_ms: u64) {
        if to_ms < from_ms {
            return;
        }
        match self.watched.last_mut() {
            Some(last)
                if from_ms >= last.from_ms
                    && from_ms <= last.to_ms.saturating_add(SPAN_MERGE_GAP_MS) =>
            {
                last.to_ms = last.to_ms.max(to_ms);
            }
            _ => {
                self.watched.push(Span { from_ms, to_ms });
                crate::sort::sort_stable_by_key(&mut self.watched, |span| span.from_ms);
            }
        }
        if self.watched.len() > MAX_SPANS {
            let extra = self.watched.len() - MAX_SPANS;
            self.watched.drain(..extra);
        }
    }

    /// A live count of `track_uri` observed at `at_ms` (player clock). `false` when the same
    /// play was counted already: from the history, or live less than `same_play_within_ms`
    /// before or after (another device heard it too, across a transfer). Then it must not
    /// count again.
    pub fn take_live(&mut self, track_uri: &str, at_ms: u64, same_play_within_ms: u64) -> bool {
        let same = self.ledger.iter().position(|entry| {
            entry.track_uri == track_uri
                && match entry.seen {
                    Seen::History {
                        from_ms,
                        played_at_ms,
                    } => in_window(at_ms, from_ms, played_at_ms),
                    Seen::Live { at_ms: earlier, .. } => {
                        at_ms.abs_diff(earlier) < same_play_within_ms
                    }
                }
        });
        if let Some(index) = same {
            if matches!(self.ledger[index].seen, Seen::History { .. }) {
                self.ledger.remove(index);
            }
            return false;
        }
        self.ledger.push(Counted {
            track_uri: track_uri.to_owned(),
            seen: Seen::Live {
                at_ms,
                matched: false,
            },
        });
        self.trim_ledger();
        true
    }

    /// Decides the plays of `page` newer than the cursor, oldest first; `required_listen_ms`
    /// is the completion ratio applied to a duration. Plays decided `Counted` are to be
    /// counted by the caller. A page this state cannot take (fetched with a later cursor)
    /// decides nothing.
    pub fn reconcile(
        &mut self,
        page: &HistoryPage,
        required_listen_ms: impl Fn(u64) -> u64,
    ) -> Vec<(HistoryPlay, HistoryDecision)> {
        let newest = page.items.iter().map(|item| item.played_at_ms).max();
        if !self.started {
            self.started = true;
            self.after_ms = newest;
            return Vec::new();
        }
        if page.after_ms > self.after_ms {
            return Vec::new();
        }
        let mut fresh: Vec<&HistoryPlay> = page
            .items
            .iter()
            .filter(|item| Some(item.played_at_ms) > self.after_ms)
            .collect();
        crate::sort::sort_stable_by(&mut fresh, |a, b| {
            (a.played_at_ms, &a.track_uri).cmp(&(b.played_at_ms, &b.track_uri))
        });
        fresh.dedup_by(|a, b| a.played_at_ms == b.played_at_ms && a.track_uri == b.track_uri);
        // Spotify keeps only so many plays: a full page may have lost the one before its first.
        let overlaps = page
            .items
            .iter()
            .any(|item| Some(item.played_at_ms) <= self.after_ms);
        let mut previous = if page.items.len() < page.limit || overlaps {
            self.after_ms
        } else {
            None
        };
        let mut decisions = Vec::with_capacity(fresh.len());
        for item in fresh {
            let decision = self.decide(item, previous, &required_listen_ms);
            decisions.push((item.clone(), decision));
            previous = Some(item.played_at_ms);
        }
        if let Some(newest) = newest {
            self.after_ms = self.after_ms.max(Some(newest));
        }
        self.prune();
        decisions
    }

    fn decide(
        &mut self,
        item: &HistoryPlay,
        previous: Option<u64>,
        required_listen_ms: &impl Fn(u64) -> u64,
    ) -> HistoryDecision {
        let from_ms = previous.unwrap_or_else(|| {
            // Unknown start: the play cannot have lasted much more than twice its length.
            item.played_at_ms
                .saturating_sub(item.duration_ms.saturating_mul(2))
        });
        // 1. Counted live already: the earliest live count of the track within its window.
        let live = self.ledger.iter_mut().find(|entry| {
            entry.track_uri == item.track_uri
                && matches!(entry.seen, Seen::Live { at_ms, matched: false } if in_window(at_ms, from_ms, item.played_at_ms))
        });
        if let Some(entry) = live {
            if let Seen::Live { matched, .. } = &mut entry.seen {
                *matched = true;
            }
            return HistoryDecision::SeenLive;
        }
        let Some(previous) = previous else {
            return HistoryDecision::Unknown;
        };
        // 2. Watched from before it began to after it ended: decided live.
        if self
            .watched
            .iter()
            .any(|span| span.from_ms <= previous && item.played_at_ms <= span.to_ms)
        {
            return HistoryDecision::SeenLive;
        }
        // 3. The gap since the play before it bounds how long it was listened to.
        let gap = item.played_at_ms.saturating_sub(previous);
        if item.duration_ms == 0 || gap < required_listen_ms(item.duration_ms) {
            return HistoryDecision::Incomplete;
        }
        self.ledger.push(Counted {
            track_uri: item.track_uri.clone(),
            seen: Seen::History {
                from_ms: previous,
                played_at_ms: item.played_at_ms,
            },
        });
        HistoryDecision::Counted
    }

    fn prune(&mut self) {
        let Some(after) = self.after_ms else { return };
        // A span helps only a play that began after the cursor's play ended.
        self.watched.retain(|span| span.to_ms >= after);
        self.ledger.retain(|entry| match entry.seen {
            // A later history play begins no earlier than the cursor.
            Seen::Live { at_ms, .. } => at_ms.saturating_add(CLOCK_SLACK_MS) >= after,
            Seen::History { played_at_ms, .. } => {
                played_at_ms.saturating_add(LEDGER_KEEP_BEHIND_MS) >= after
            }
        });
        self.trim_ledger();
    }

    fn trim_ledger(&mut self) {
        if self.ledger.len() > MAX_LEDGER {
            let extra = self.ledger.len() - MAX_LEDGER;
            self.ledger.drain(..extra);
        }
    }
}

/// Whether a live completion observed at `at_ms` falls within a play that began after
/// `from_ms` and ended at `played_at_ms` (with the clocks' slack and a late observation).
fn in_window(at_ms: u64, from_ms: u64, played_at_ms: u64) -> bool {
    at_ms.saturating_add(CLOCK_SLACK_MS) >= from_ms
        && at_ms <= played_at_ms.saturating_add(LATE_LIVE_COUNT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    fn play(track: &str, minutes: u64, played_at_min: u64) -> HistoryPlay {
        HistoryPlay {
            track_uri: format!("spotify:track:{track}"),
            duration_ms: minutes * MIN,
            played_at_ms: played_at_min * MIN,
            details: TrackDetails::default(),
        }
    }

    fn page(after_min: Option<u64>, items: Vec<HistoryPlay>) -> HistoryPage {
        HistoryPage {
            after_ms: after_min.map(|m| m * MIN),
            limit: 50,
            items,
        }
    }

    fn ratio(duration: u64) -> u64 {
        duration * 8 / 10
    }

    fn decisions(state: &mut CountingState, page: &HistoryPage) -> Vec<HistoryDecision> {
        state
            .reconcile(page, ratio)
            .into_iter()
            .map(|(_, d)| d)
            .collect()
    }

    fn started_at(minute: u64) -> CountingState {
        let mut state = CountingState::default();
        state.reconcile(&page(None, vec![play("old", 3, minute)]), ratio);
        state
    }

    #[test]
    fn the_first_reading_only_sets_the_cursor() {
        let mut state = CountingState::default();
        assert_eq!(state.next_after_ms(), None);
        let first = page(None, vec![play("a", 3, 10), play("b", 3, 13)]);
        assert!(decisions(&mut state, &first).is_empty());
        assert_eq!(state.next_after_ms(), Some(13 * MIN));
    }

    #[test]
    fn a_play_counts_when_the_gap_since_the_one_before_covers_the_ratio() {
        let mut state = started_at(100);
        let later = page(
            Some(100),
            vec![
                play("a", 3, 103), // 3 min after the cursor's play: whole
                play("b", 4, 105), // 2 of 4 minutes at most: skipped early
                play("c", 5, 109), // exactly 80 % of 5 minutes
            ],
        );
        assert_eq!(
            decisions(&mut state, &later),
            [
                HistoryDecision::Counted,
                HistoryDecision::Incomplete,
                HistoryDecision::Counted
            ]
        );
        assert_eq!(state.next_after_ms(), Some(109 * MIN));
    }

    #[test]
    fn repeated_stale_and_ahead_pages_decide_nothing_more() {
        let mut state = started_at(100);
        let later = page(Some(100), vec![play("a", 3, 103), play("b", 3, 106)]);
        assert_eq!(decisions(&mut state, &later).len(), 2);
        assert!(
            decisions(&mut state, &later).is_empty(),
            "the same page again"
        );
        let stale = page(None, vec![play("old", 3, 100), play("a", 3, 103)]);
        assert!(decisions(&mut state, &stale).is_empty(), "an older fetch");
        let ahead = page(Some(200), vec![play("z", 3, 203)]);
        assert!(decisions(&mut state, &ahead).is_empty(), "a later cursor");
        assert_eq!(state.next_after_ms(), Some(106 * MIN));
    }

    #[test]
    fn a_page_fetched_with_an_older_cursor_continues_from_the_stored_one() {
        let mut state = started_at(100);
        state.reconcile(&page(Some(100), vec![play("a", 3, 103)]), ratio);
        let wider = page(Some(100), vec![play("a", 3, 103), play("b", 3, 106)]);
        assert_eq!(decisions(&mut state, &wider), [HistoryDecision::Counted]);
    }

    #[test]
    fn a_full_page_does_not_know_the_play_before_its_first() {
        let mut state = started_at(100);
        let items: Vec<HistoryPlay> = (0..50).map(|n| play("a", 3, 200 + 3 * n)).collect();
        let full = page(Some(100), items);
        let decided = decisions(&mut state, &full);
        assert_eq!(decided[0], HistoryDecision::Unknown);
        assert!(decided[1..].iter().all(|d| *d == HistoryDecision::Counted));
    }

    #[test]
    fn plays_watched_live_are_not_decided_again() {
        let mut state = started_at(100);
        state.note_watched(100 * MIN, 110 * MIN);
        state.note_watched(100 * MIN, 120 * MIN);
        assert_eq!(state.watched.len(), 1, "one span, extended");
        let later = page(
            Some(100),
            vec![
                play("a", 3, 103),
                play("b", 3, 119), // ended in the span: decided live
                play("c", 3, 124), // ended after it: the history decides
            ],
        );
        assert_eq!(
            decisions(&mut state, &later),
            [
                HistoryDecision::SeenLive,
                HistoryDecision::SeenLive,
                HistoryDecision::Counted
            ]
        );
    }

    #[test]
    fn a_play_begun_before_the_keeper_watched_is_the_historys_to_decide() {
        let mut state = started_at(100);
        state.note_watched(102 * MIN, 120 * MIN);
        let later = page(Some(100), vec![play("a", 3, 103)]);
        assert_eq!(decisions(&mut state, &later), [HistoryDecision::Counted]);
    }

    #[test]
    fn a_live_count_and_a_history_count_of_one_play_meet_in_either_order() {
        // Live first: counted at 80 % of a, then the tab closed before a ended.
        let mut state = started_at(100);
        assert!(state.take_live("spotify:track:a", 102 * MIN + 24_000, MIN));
        let later = page(Some(100), vec![play("a", 3, 103), play("a", 3, 106)]);
        assert_eq!(
            decisions(&mut state, &later),
            [HistoryDecision::SeenLive, HistoryDecision::Counted],
            "the repeat is another play"
        );
        // History first: a second tab read it before the keeper's late poll saw it end.
        let mut state = started_at(100);
        assert_eq!(
            decisions(&mut state, &page(Some(100), vec![play("a", 3, 103)])),
            [HistoryDecision::Counted]
        );
        assert!(
            !state.take_live("spotify:track:a", 103 * MIN + 20_000, MIN),
            "observed late, the same play"
        );
        assert!(
            state.take_live("spotify:track:a", 105 * MIN + 24_000, MIN),
            "the next time round is new"
        );
    }

    #[test]
    fn the_state_stays_small() {
        let mut state = started_at(0);
        for n in 0..1_000 {
            state.note_watched(n * 10 * MIN, n * 10 * MIN + MIN);
            state.take_live("spotify:track:a", n * MIN, 1);
        }
        assert!(state.watched.len() <= MAX_SPANS);
        assert!(state.ledger.len() <= MAX_LEDGER);
        state.reconcile(&page(Some(0), vec![play("b", 3, 100_000)]), ratio);
        assert!(state.watched.is_empty(), "spans behind the cursor go");
        assert!(
            state
                .ledger
                .iter()
                .all(|e| !matches!(e.seen, Seen::Live { .. })),
            "live counts behind the cursor go"
        );
    }

    #[test]
    fn the_stored_form_reads_back_and_an_absent_one_is_the_default() {
        let mut state = started_at(100);
        state.note_watched(100 * MIN, 101 * MIN);
        state.take_live("spotify:track:a", 100 * MIN, MIN);
        let text = serde_json::to_string(&state).expect("serialises");
        assert!(text.contains(r#""seen":"live""#), "{text}");
        let back: CountingState = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, state);
        let empty: CountingState = serde_json::from_str("{}").expect("reads");
        assert_eq!(empty, CountingState::default());
    }

    #[test]
    fn a_page_read_from_the_wire_stays_full_when_an_entry_is_left_out() {
        let entry = |played_at: &str| {
            format!(
                r#"{{"track":{{"name":"S","uri":"spotify:track:a","duration_ms":1000}},"played_at":"{played_at}"}}"#
            )
        };
        let body = format!(
            r#"{{"href":"h","limit":2,"items":[{},{}]}}"#,
            entry("2026-11-22T03:00:00Z"),
            entry("not a time")
        );
        let wire: CursorPaging<PlayHistory> = serde_json::from_str(&body).expect("parses");
        let page = HistoryPage::from_wire(Some(5), 2, &wire);
        assert_eq!(page.items.len(), 1);
        assert!(page.items.len() >= page.limit, "still full");
        let half = HistoryPage::from_wire(Some(5), 50, &wire);
        assert!(half.items.len() < half.limit);
        assert_eq!(half.after_ms, Some(5));
    }

    #[test]
    fn history_entries_read_from_the_wire() {
        let body = r#"{"track":{"name":"Song","uri":"spotify:track:a","duration_ms":180000,
            "artists":[{"name":"Band"}]},"played_at":"2026-11-22T03:00:00.123Z","context":null}"#;
        let entry: PlayHistory = serde_json::from_str(body).expect("parses");
        let play = HistoryPlay::from_wire(&entry).expect("a track");
        assert_eq!(play.played_at_ms, 1_795_316_400_123);
        assert_eq!(play.duration_ms, 180_000);
        assert_eq!(play.details.artists.as_deref(), Some("Band"));
        let bad = PlayHistory {
            played_at: "soon".into(),
            ..entry
        };
        assert_eq!(HistoryPlay::from_wire(&bad), None);
    }
}
