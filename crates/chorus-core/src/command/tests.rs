//! End-to-end command bar tests: every phrase form against a small library and catalogue.

use super::*;
use crate::spotify::{Paging, Playlist, RepeatState, SearchResponse, Track};

fn track(id: &str, name: &str, artist: &str) -> Track {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "uri": format!("spotify:track:{id}"), "duration_ms": 200000,
        "artists": [{"name": artist, "id": artist, "uri": format!("spotify:artist:{artist}")}]
    }))
    .expect("track")
}

fn playlist(id: &str, name: &str) -> Playlist {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "uri": format!("spotify:playlist:{id}"),
        "owner": {"id": "alice"}, "items": {"href": "h", "total": 10}
    }))
    .expect("playlist")
}

struct Fixture {
    playlists: Vec<Playlist>,
    recent: Vec<Track>,
    top: Vec<Track>,
}

impl Fixture {
    fn new() -> Self {
        Self {
            playlists: vec![
                playlist("w1", "Workout"),
                playlist("c1", "Chill Evenings"),
                playlist("r1", "Road Trip 2024"),
                playlist("r2", "Road Trip Classics"),
            ],
            recent: vec![
                track("gl", "Get Lucky (feat. Pharrell Williams)", "Daft Punk"),
                track("h1", "Halo", "Beyoncé"),
                track("sbm", "Stand by Me", "Ben E. King"),
            ],
            top: vec![
                track("h2", "Halo", "Depeche Mode"),
                track(
                    "gl-single",
                    "Get Lucky (feat. Pharrell Williams)",
                    "Daft Punk",
                ),
                track("ow", "One More Time", "Daft Punk"),
            ],
        }
    }

    fn resolve(&self, text: &str) -> Resolution {
        let library = Library {
            playlists: &self.playlists,
            recently_played: &self.recent,
            top_tracks: &self.top,
        };
        resolve(text, &library)
    }
}

fn action(resolution: &Resolution) -> &Action {
    match resolution {
        Resolution::Do { action, .. } => action,
        other => panic!("expected an action, got {other:?}"),
    }
}

#[test]
fn play_my_workout_playlist_plays_the_playlist() {
    let resolution = Fixture::new().resolve("play my workout playlist");
    assert_eq!(
        action(&resolution),
        &Action::PlayContext {
            uri: "spotify:playlist:w1".into(),
            name: "Workout".into()
        }
    );
    assert_eq!(resolution.answer(), "Playing “Workout”.");
}

#[test]
fn play_with_a_bare_playlist_name_plays_that_playlist() {
    let resolution = Fixture::new().resolve("play workout");
    assert!(matches!(action(&resolution), Action::PlayContext { name, .. } if name == "Workout"));
}

#[test]
fn queue_never_picks_a_playlist() {
    let resolution = Fixture::new().resolve("queue workout");
    assert!(
        matches!(resolution, Resolution::NeedsSearch { .. }),
        "got {resolution:?}"
    );
}

#[test]
fn a_playlist_name_with_a_typo_still_matches() {
    let resolution = Fixture::new().resolve("play my chill evenngs playlist");
    assert!(
        matches!(action(&resolution), Action::PlayContext { name, .. } if name == "Chill Evenings")
    );
}

#[test]
fn two_close_playlists_are_offered_not_guessed() {
    let resolution = Fixture::new().resolve("play my road trip playlist");
    let Resolution::Ambiguous {
        suggestions,
        answer,
    } = resolution
    else {
        panic!("expected ambiguity")
    };
    assert_eq!(suggestions.len(), 2);
    assert_eq!(
        answer,
        "Which one: “Road Trip 2024” or “Road Trip Classics”?"
    );
}

#[test]
fn an_unknown_playlist_asks_for_a_catalogue_search() {
    let Resolution::NeedsSearch { request, answer } =
        Fixture::new().resolve("play my jazz brunch playlist")
    else {
        panic!("expected a search")
    };
    assert_eq!(request.wanted, Wanted::Playlist("jazz brunch".into()));
    assert_eq!(
        request.query_pairs(),
        vec![
            ("q", "jazz brunch".to_owned()),
            ("type", "playlist".to_owned()),
            ("limit", "10".to_owned())
        ]
    );
    assert_eq!(answer, "Looking for “jazz brunch” on Spotify…");
}

#[test]
fn play_song_by_artist_picks_that_artists_version() {
    let resolution = Fixture::new().resolve("play halo by beyonce");
    assert_eq!(
        action(&resolution),
        &Action::PlayTrack {
            uri: "spotify:track:h1".into(),
            name: "Halo".into(),
            artists: "Beyoncé".into()
        }
    );
    assert_eq!(resolution.answer(), "Playing “Halo” by Beyoncé.");
}

#[test]
fn play_song_alone_with_two_artists_is_ambiguous() {
    let Resolution::Ambiguous {
        suggestions,
        answer,
    } = Fixture::new().resolve("play halo")
    else {
        panic!("expected ambiguity")
    };
    let uris: Vec<&Action> = suggestions.iter().map(|s| &s.action).collect();
    assert_eq!(uris.len(), 2);
    assert_eq!(
        answer,
        "Which one: “Halo” by Beyoncé or “Halo” by Depeche Mode?"
    );
}

#[test]
fn the_same_song_in_recent_and_top_lists_is_not_ambiguous() {
    let resolution = Fixture::new().resolve("play get lucky");
    assert!(
        matches!(action(&resolution), Action::PlayTrack { uri, .. } if uri == "spotify:track:gl")
    );
}

#[test]
fn a_title_containing_by_is_still_found() {
    let resolution = Fixture::new().resolve("play stand by me");
    assert!(matches!(action(&resolution), Action::PlayTrack { name, .. } if name == "Stand by Me"));
}

#[test]
fn a_wrong_artist_is_not_silently_ignored() {
    let resolution = Fixture::new().resolve("play one more time by britney spears");
    assert!(
        matches!(resolution, Resolution::NeedsSearch { .. }),
        "the library has the title by someone else: search instead of guessing, got {resolution:?}"
    );
}

#[test]
fn queue_song_queues_it() {
    let resolution = Fixture::new().resolve("queue one more time");
    assert!(
        matches!(action(&resolution), Action::QueueTrack { uri, .. } if uri == "spotify:track:ow")
    );
    assert_eq!(resolution.answer(), "Queued “One More Time” by Daft Punk.");
}

#[test]
fn transport_and_settings_commands_resolve_directly() {
    let fixture = Fixture::new();
    let cases = [
        ("pause", Action::Pause, "Paused."),
        ("resume", Action::Resume, "Playing."),
        ("next", Action::Next, "Skipping to the next track."),
        ("back", Action::Previous, "Back to the previous track."),
        ("volume 40", Action::Volume(40), "Volume 40%."),
        ("shuffle off", Action::Shuffle(false), "Shuffle off."),
        (
            "repeat track",
            Action::Repeat(RepeatState::Track),
            "Repeating this track.",
        ),
        ("like", Action::Like(true), "Added to your Liked Songs."),
        (
            "unlike this",
            Action::Like(false),
            "Removed from your Liked Songs.",
        ),
    ];
    for (text, expected, answer) in cases {
        let resolution = fixture.resolve(text);
        assert_eq!(action(&resolution), &expected, "{text}");
        assert_eq!(resolution.answer(), answer, "{text}");
    }
}

#[test]
fn gibberish_is_unknown_with_a_hint() {
    let Resolution::Unknown { answer, .. } = Fixture::new().resolve("paws") else {
        panic!("expected unknown")
    };
    assert_eq!(answer, "I didn't understand “paws”. Did you mean “pause”?");
}

fn search_with_tracks(tracks: Vec<Track>) -> SearchResponse {
    SearchResponse {
        tracks: Some(Paging {
            href: String::new(),
            total: u32::try_from(tracks.len()).expect("few"),
            items: tracks,
            limit: 10,
            next: None,
            offset: 0,
            previous: None,
        }),
        ..SearchResponse::default()
    }
}

#[test]
fn a_catalogue_result_that_matches_is_played() {
    let Resolution::NeedsSearch { request, .. } =
        Fixture::new().resolve("play around the world by daft punk")
    else {
        panic!("expected a search")
    };
    let response = search_with_tracks(vec![
        track("atw", "Around the World", "Daft Punk"),
        track("atw2", "Around the World (La La La)", "ATC"),
    ]);
    let resolution = resolve_search(&request, &response);
    assert!(
        matches!(action(&resolution), Action::PlayTrack { uri, .. } if uri == "spotify:track:atw")
    );
}

#[test]
fn an_empty_catalogue_answer_says_nothing_matches() {
    let Resolution::NeedsSearch { request, .. } = Fixture::new().resolve("queue zzyzx road") else {
        panic!("expected a search")
    };
    let Resolution::Unknown {
        suggestions,
        answer,
    } = resolve_search(&request, &SearchResponse::default())
    else {
        panic!("expected unknown")
    };
    assert!(suggestions.is_empty());
    assert_eq!(answer, "Nothing matches “zzyzx road”.");
}

#[test]
fn a_title_prefix_from_the_catalogue_is_played() {
    let Resolution::NeedsSearch { request, .. } =
        Fixture::new().resolve("play harder better faster")
    else {
        panic!("expected a search")
    };
    let response = search_with_tracks(vec![track(
        "hbfs",
        "Harder, Better, Faster, Stronger",
        "Daft Punk",
    )]);
    let resolution = resolve_search(&request, &response);
    assert!(
        matches!(action(&resolution), Action::PlayTrack { uri, .. } if uri == "spotify:track:hbfs")
    );
}

#[test]
fn a_near_library_match_is_offered_when_the_catalogue_has_nothing() {
    let Resolution::NeedsSearch { request, .. } = Fixture::new().resolve("play get lucky tonight")
    else {
        panic!("a weak library match must not be played")
    };
    assert_eq!(request.near.len(), 1);
    let Resolution::Unknown {
        suggestions,
        answer,
    } = resolve_search(&request, &SearchResponse::default())
    else {
        panic!("expected unknown")
    };
    assert_eq!(suggestions.len(), 1);
    assert_eq!(
        answer,
        "Nothing matches “get lucky tonight”. Closest: “Get Lucky (feat. Pharrell Williams)” by Daft Punk."
    );
}

proptest::proptest! {
    #[test]
    fn any_input_resolves_to_an_answer_without_panicking(text in "\\PC{0,60}") {
        let resolution = Fixture::new().resolve(&text);
        proptest::prop_assert!(!resolution.answer().is_empty());
    }

    #[test]
    fn similarity_stays_between_zero_and_one(a in "\\PC{0,30}", b in "\\PC{0,30}") {
        let score = fuzzy::similarity(&a, &b);
        proptest::prop_assert!((0.0..=1.0).contains(&score), "{} for {:?} / {:?}", score, a, b);
    }
}

#[test]
fn a_playlist_named_in_other_words_is_found_by_a_fuzzy_phrase() {
    let mut fixture = Fixture::new();
    fixture.playlists = vec![
        playlist("mw", "Morning Workouts 💪"),
        playlist("c1", "Chill Evenings"),
    ];
    let resolution = fixture.resolve("play my workout playlist");
    assert_eq!(
        action(&resolution),
        &Action::PlayContext {
            uri: "spotify:playlist:mw".into(),
            name: "Morning Workouts 💪".into()
        }
    );
}

#[test]
fn help_lists_what_can_be_typed() {
    let resolution = Fixture::new().resolve("help");
    assert!(
        matches!(resolution, Resolution::Help { .. }),
        "{resolution:?}"
    );
    assert!(resolution.suggestions().is_empty());
    assert!(resolution.answer().starts_with("Here is what you can type"));
}

#[test]
fn ambiguous_answers_carry_their_suggestions() {
    let resolution = Fixture::new().resolve("play my road trip playlist");
    let labels: Vec<&str> = resolution
        .suggestions()
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["“Road Trip 2024”", "“Road Trip Classics”"]);
}

#[test]
fn a_pending_search_is_one_page_of_one_kind() {
    let Resolution::NeedsSearch { request, .. } = Fixture::new().resolve("play my jazz playlist")
    else {
        panic!("expected a search")
    };
    let call = request.call();
    assert_eq!(call.path, "search?q=jazz&type=playlist&limit=10&offset=0");
    let Resolution::NeedsSearch { request, .. } = Fixture::new().resolve("queue zzyzx road") else {
        panic!("expected a search")
    };
    assert_eq!(
        request.call().path,
        "search?q=zzyzx+road&type=track&limit=10&offset=0"
    );
}

#[test]
fn a_song_with_its_artist_is_also_searched_by_title_and_by_artist() {
    let Resolution::NeedsSearch { request, .. } =
        Fixture::new().resolve("play golden hour by endless motel")
    else {
        panic!("expected a search")
    };
    let paths: Vec<String> = request.calls().into_iter().map(|c| c.path).collect();
    assert_eq!(
        paths,
        [
            "search?q=golden+hour+by+endless+motel&type=track&limit=10&offset=0",
            "search?q=golden+hour&type=track&limit=10&offset=0",
            "search?q=endless+motel&type=track&limit=10&offset=0",
        ]
    );
    // The full text found nothing, the title a page of other artists' "Golden Hour", the
    // artist their songs: together they name one.
    let responses = [
        SearchResponse::default(),
        search_with_tracks(vec![
            track("gh1", "Golden Hour", "Noor Fischer"),
            track("gh2", "Golden Hour", "Rosa Rossi"),
        ]),
        search_with_tracks(vec![
            track("em1", "Golden Hour", "Endless Motel"),
            track("em2", "Neon Rain", "Endless Motel"),
        ]),
    ];
    let resolution = resolve_searches(&request, &responses);
    assert!(
        matches!(action(&resolution), Action::PlayTrack { uri, .. } if uri == "spotify:track:em1"),
        "{resolution:?}"
    );
}

#[test]
fn a_song_without_an_artist_is_searched_once() {
    let Resolution::NeedsSearch { request, .. } = Fixture::new().resolve("queue zzyzx road") else {
        panic!("expected a search")
    };
    assert_eq!(request.calls().len(), 1);
}
