//! Counting plays live: every change of the player is an observation, and so is each second of
//! playing; chorus-core's `PlayCounter` (on the player's listening clock) says when a play
//! completed, and the completed play goes into the stored tracker with its source. Every tab
//! counts its own device's plays; the account's keeper tab also counts the plays of its other
//! devices that are not Chorus tabs (a phone, a speaker: `PlayObservation::from_account`),
//! from the states the player polls (docs/counting-plays.md).

use std::{cell::RefCell, collections::BTreeMap, rc::Rc};

use chorus_core::{
    favorites::{ListeningClock, PlayCounter, PlayObservation, TrackDetails},
    player::{is_chorus_device, Location, PlayerState},
};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::use_favorites::UseFavoritesHandle;
use crate::{player::use_player, services::browser::now_ms};

/// How often a playing device is observed between events (its progress is interpolated).
const OBSERVE_EVERY_MS: u32 = 1_000;
/// Track details kept for completing plays (a play completes when the next track shows).
const SEEN_TRACKS: usize = 16;

/// What the counter needs from the player, kept current for the interval.
#[derive(Default)]
struct Watch {
    core: PlayerState,
    clock: ListeningClock,
    /// This tab is the account's keeper: it counts other devices too.
    keeper: bool,
    counter: PlayCounter,
    last: Option<PlayObservation>,
    /// Details of the tracks seen lately.
    seen: BTreeMap<String, TrackDetails>,
}

#[hook]
pub fn use_play_counting(favorites: &UseFavoritesHandle) {
    let player = use_player();
    let player = player.model();
    let keeper = favorites.model().keeper;
    let watch: Rc<RefCell<Watch>> = use_mut_ref(Watch::default);
    {
        let mut current = watch.borrow_mut();
        current.core = player.core.clone();
        current.clock = player.listening_clock;
        current.keeper = keeper;
    }
    favorites.follow_player(player.listening_clock, player.observing());
    {
        let favorites = favorites.clone();
        use_effect_with((keeper, player.observing()), move |&(keeper, observing)| {
            if keeper && observing {
                favorites.start_watching();
            }
        });
    }
    {
        let (favorites, watch) = (favorites.clone(), watch.clone());
        use_effect_with((player.core.clone(), keeper), move |_| {
            observe(&favorites, &watch)
        });
    }
    let core = &player.core;
    let counted_playing = core.is_playing
        && match &core.location {
            Location::ThisTab => true,
            Location::Elsewhere {
                device_name: Some(name),
            } => keeper && !is_chorus_device(name),
            _ => false,
        };
    let favorites = favorites.clone();
    use_effect_with(counted_playing, move |counted_playing| {
        let interval = counted_playing
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
        let observed = if watch.keeper {
            PlayObservation::from_account(&watch.core, local)
        } else {
            PlayObservation::from_player(&watch.core, local)
        };
        let observation = match observed {
            // Listening time runs on the player's clock (see `ListeningClock`).
            Some(observation) => PlayObservation {
                at_ms,
                ..observation
            },
            // No track (an episode, or nothing): the last track stopped being listened to, so
            // the time until the next track is never credited to it.
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
