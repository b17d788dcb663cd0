//! Counting this tab's plays: every change of the player is an observation, and so is each
//! second of playing here; chorus-core's `PlayCounter` (on the player's listening clock) says
//! when a play completed, and the completed play goes into the stored tracker.

use std::{cell::RefCell, collections::BTreeMap, rc::Rc};

use chorus_core::{
    favorites::{ListeningClock, PlayCounter, PlayObservation, TrackDetails},
    player::{Location, PlayerState},
};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::use_favorites::UseFavoritesHandle;
use crate::{player::use_player, services::browser::now_ms};

/// How often the playing tab observes its player between events.
const OBSERVE_EVERY_MS: u32 = 1_000;
/// Track details kept for completing plays (a play completes when the next track shows).
const SEEN_TRACKS: usize = 16;

/// What the counter needs from the player, kept current for the interval.
#[derive(Default)]
struct Watch {
    core: PlayerState,
    clock: ListeningClock,
    counter: PlayCounter,
    last: Option<PlayObservation>,
    /// Details of the tracks seen lately.
    seen: BTreeMap<String, TrackDetails>,
}

#[hook]
pub fn use_play_counting(favorites: &UseFavoritesHandle) {
    let player = use_player();
    let player = player.model();
    let watch: Rc<RefCell<Watch>> = use_mut_ref(Watch::default);
    {
        let mut current = watch.borrow_mut();
        current.core = player.core.clone();
        current.clock = player.listening_clock;
    }
    {
        let (favorites, watch) = (favorites.clone(), watch.clone());
        use_effect_with(player.core.clone(), move |_| observe(&favorites, &watch));
    }
    let playing_here = player.core.location == Location::ThisTab && player.core.is_playing;
    let favorites = favorites.clone();
    use_effect_with(playing_here, move |playing_here| {
        let interval = playing_here
            .then(|| Interval::new(OBSERVE_EVERY_MS, move || observe(&favorites, &watch)));
        move || drop(interval)
    });
}

fn observe(favorites: &UseFavoritesHandle, watch: &Rc<RefCell<Watch>>) {
    let settings = favorites.model().tracker.settings().clone();
    let completed = {
        let mut guard = watch.borrow_mut();
        let watch = &mut *guard;
        let local = now_ms();
        let at_ms = watch.clock.now(local);
        let observation = match PlayObservation::from_player(&watch.core, local) {
            // Listening time runs on the player's clock (see `ListeningClock`).
            Some(observation) => PlayObservation {
                at_ms,
                ..observation
            },
            // No track (an episode, or nothing): the last track stopped being listened to
            // here, so the time until the next track is never credited to it.
            None => match &watch.last {
                Some(last) if last.playing => PlayObservation {
                    playing: false,
                    at_ms,
                    ..last.clone()
                },
                _ => return,
            },
        };
        watch.last = Some(observation.clone());
        if let Some(now) = &watch.core.now_playing {
            if watch.seen.len() > SEEN_TRACKS {
                watch.seen.clear();
            }
            watch.seen.insert(
                now.uri.clone(),
                TrackDetails {
                    name: Some(now.name.clone()),
                    artists: Some(now.artists.clone()),
                },
            );
        }
        let play = watch
            .counter
            .observe(observation, |d| settings.required_listen_ms(d));
        play.map(|mut play| {
            // Counted on the player's clock, but "last played" is this machine's time.
            play.at_ms = local;
            let details = watch.seen.get(&play.track_uri).cloned().unwrap_or_default();
            (play, details)
        })
    };
    if let Some((play, details)) = completed {
        favorites.change(
            move |tracker| {
                tracker.note_details(&play.track_uri, details);
                tracker.record_play(&play)
            },
            None,
        );
    }
}
