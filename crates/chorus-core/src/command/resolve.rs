//! Turning a parsed command into something to do, against the listener's own library first
//! (their playlists, recently played, top tracks), then, when the library has no match,
//! against a catalogue search the app performs (`NeedsSearch` → `resolve_search`).
//!
//! Never a silent wrong guess: a pick needs a high score *and* a clear lead over the next
//! candidate; close calls come back as `Ambiguous`, weak ones as suggestions.

use super::fuzzy::normalise;
use super::parse::{parse, Command, ParseError, TrackQuery};
use super::ranking::{decide, score_playlists, score_tracks, Decision, MAX_SUGGESTIONS};
use crate::spotify::{
    requests::{self, ApiCall, SearchType},
    Playlist, RepeatState, SearchResponse, Track,
};

/// Spotify's search `limit` is at most 10 (contract §2).
pub const SEARCH_LIMIT: u8 = 10;

/// The listener's own library, as the app has loaded it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Library<'a> {
    pub playlists: &'a [Playlist],
    pub recently_played: &'a [Track],
    pub top_tracks: &'a [Track],
}

/// Something to do: a Web API call for the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `PUT /me/player/play` with `context_uri`.
    PlayContext {
        uri: String,
        name: String,
    },
    /// `PUT /me/player/play` with `uris: [uri]`.
    PlayTrack {
        uri: String,
        name: String,
        artists: String,
    },
    /// `POST /me/player/queue?uri=`.
    QueueTrack {
        uri: String,
        name: String,
        artists: String,
    },
    Pause,
    Resume,
    Next,
    Previous,
    Volume(u8),
    Shuffle(bool),
    Repeat(RepeatState),
    /// ♥ (true) or un-♥ what plays now: `PUT`/`DELETE /me/library`.
    Like(bool),
}

impl Action {
    /// The one-line answer once the action is sent.
    pub fn answer(&self) -> String {
        match self {
            Action::PlayContext { name, .. } => format!("Playing “{name}”."),
            Action::PlayTrack { name, artists, .. } => format!("Playing {}.", song(name, artists)),
            Action::QueueTrack { name, artists, .. } => format!("Queued {}.", song(name, artists)),
            Action::Pause => "Paused.".to_owned(),
            Action::Resume => "Playing.".to_owned(),
            Action::Next => "Skipping to the next track.".to_owned(),
            Action::Previous => "Back to the previous track.".to_owned(),
            Action::Volume(percent) => format!("Volume {percent}%."),
            Action::Shuffle(true) => "Shuffle on.".to_owned(),
            Action::Shuffle(false) => "Shuffle off.".to_owned(),
            Action::Repeat(RepeatState::Track) => "Repeating this track.".to_owned(),
            Action::Repeat(RepeatState::Context) => "Repeating the playlist or album.".to_owned(),
            Action::Repeat(RepeatState::Off) => "Repeat off.".to_owned(),
            Action::Like(true) => "Added to your Liked Songs.".to_owned(),
            Action::Like(false) => "Removed from your Liked Songs.".to_owned(),
        }
    }

    pub(super) fn label(&self) -> String {
        match self {
            Action::PlayContext { name, .. } => format!("“{name}”"),
            Action::PlayTrack { name, artists, .. } | Action::QueueTrack { name, artists, .. } => {
                song(name, artists)
            }
            other => other.answer(),
        }
    }
}

fn song(name: &str, artists: &str) -> String {
    if artists.is_empty() {
        format!("“{name}”")
    } else {
        format!("“{name}” by {artists}")
    }
}

/// One choice offered to the listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub action: Action,
}

/// Play it or queue it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Play,
    Queue,
}

/// What is being looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Track(TrackQuery),
    Playlist(String),
}

/// A catalogue search the app must run (`GET /search`) before the command can be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub wanted: Wanted,
    pub intent: Intent,
    /// Weak matches from the library, offered if the catalogue has nothing better.
    pub near: Vec<Suggestion>,
}

impl SearchRequest {
    /// `q`, `type` and `limit` of `GET /search`.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let (q, kind) = match &self.wanted {
            Wanted::Track(query) => (query.full.clone(), "track"),
            Wanted::Playlist(name) => (name.clone(), "playlist"),
        };
        vec![
            ("q", q),
            ("type", kind.to_owned()),
            ("limit", SEARCH_LIMIT.to_string()),
        ]
    }

    /// The `GET /search` to send (one page of at most [`SEARCH_LIMIT`]).
    pub fn call(&self) -> ApiCall {
        let (q, kind) = match &self.wanted {
            Wanted::Track(query) => (query.full.as_str(), SearchType::Track),
            Wanted::Playlist(name) => (name.as_str(), SearchType::Playlist),
        };
        requests::search(q, &[kind], SEARCH_LIMIT, 0)
    }

    /// Every search to send; their answers go to [`resolve_searches`] together. A song
    /// named with its artist is also looked for by title and by artist: free text with
    /// "by" in it finds little, and one page of a common title may miss that artist's.
    pub fn calls(&self) -> Vec<ApiCall> {
        let mut calls = vec![self.call()];
        if let Wanted::Track(TrackQuery {
            title,
            artist: Some(artist),
            ..
        }) = &self.wanted
        {
            for q in [title, artist] {
                calls.push(requests::search(q, &[SearchType::Track], SEARCH_LIMIT, 0));
            }
        }
        calls
    }

    fn text(&self) -> &str {
        match &self.wanted {
            Wanted::Track(query) => &query.full,
            Wanted::Playlist(name) => name,
        }
    }
}

/// The command bar's outcome. Every variant carries its one-line answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Do {
        action: Action,
        answer: String,
    },
    Ambiguous {
        suggestions: Vec<Suggestion>,
        answer: String,
    },
    Unknown {
        suggestions: Vec<Suggestion>,
        answer: String,
    },
    NeedsSearch {
        request: SearchRequest,
        answer: String,
    },
    /// `help`: the shell lists what can be typed (`super::EXAMPLES`).
    Help {
        answer: String,
    },
}

impl Resolution {
    pub fn answer(&self) -> &str {
        match self {
            Resolution::Do { answer, .. }
            | Resolution::Ambiguous { answer, .. }
            | Resolution::Unknown { answer, .. }
            | Resolution::NeedsSearch { answer, .. }
            | Resolution::Help { answer } => answer,
        }
    }

    /// The choices offered with the answer (ambiguous or near misses).
    pub fn suggestions(&self) -> &[Suggestion] {
        match self {
            Resolution::Ambiguous { suggestions, .. } | Resolution::Unknown { suggestions, .. } => {
                suggestions
            }
            _ => &[],
        }
    }

    fn act(action: Action) -> Self {
        Resolution::Do {
            answer: action.answer(),
            action,
        }
    }

    fn unknown(error: &ParseError) -> Self {
        Resolution::Unknown {
            suggestions: Vec::new(),
            answer: error.to_string(),
        }
    }
}

/// Resolves the command bar's text against the listener's library.
pub fn resolve(input: &str, library: &Library<'_>) -> Resolution {
    let command = match parse(input) {
        Ok(command) => command,
        Err(error) => return Resolution::unknown(&error),
    };
    let (wanted, intent, candidates) = match command {
        Command::Pause => return Resolution::act(Action::Pause),
        Command::Resume => return Resolution::act(Action::Resume),
        Command::Next => return Resolution::act(Action::Next),
        Command::Previous => return Resolution::act(Action::Previous),
        Command::Volume(percent) => return Resolution::act(Action::Volume(percent)),
        Command::Shuffle(on) => return Resolution::act(Action::Shuffle(on)),
        Command::Repeat(mode) => return Resolution::act(Action::Repeat(mode)),
        Command::Like(on) => return Resolution::act(Action::Like(on)),
        Command::Help => {
            return Resolution::Help {
                answer: "Here is what you can type. Songs and playlists are looked up in your library first.".to_owned(),
            }
        }
        Command::PlayPlaylist { name } if normalise(&name).is_empty() => {
            return Resolution::unknown(&ParseError::PlaylistWhat)
        }
        Command::PlayPlaylist { name } => {
            let scored = score_playlists(&name, library.playlists.iter());
            (Wanted::Playlist(name), Intent::Play, scored)
        }
        Command::PlayTrack(query) | Command::QueueTrack(query)
            if normalise(&query.full).is_empty() =>
        {
            return Resolution::unknown(&ParseError::QueueWhat)
        }
        Command::PlayTrack(query) => {
            // "play workout" may name one of the listener's playlists: rank them alongside.
            let tracks = library.recently_played.iter().chain(library.top_tracks);
            let mut scored = score_tracks(&query, tracks, Intent::Play);
            scored.extend(score_playlists(&query.full, library.playlists.iter()));
            (Wanted::Track(query), Intent::Play, scored)
        }
        Command::QueueTrack(query) => {
            let tracks = library.recently_played.iter().chain(library.top_tracks);
            let scored = score_tracks(&query, tracks, Intent::Queue);
            (Wanted::Track(query), Intent::Queue, scored)
        }
    };
    match decide(candidates) {
        Decision::Pick(action) => Resolution::act(action),
        Decision::Ambiguous(suggestions) => ambiguous(suggestions),
        Decision::Near(near) => needs_search(SearchRequest {
            wanted,
            intent,
            near,
        }),
        Decision::Nothing => needs_search(SearchRequest {
            wanted,
            intent,
            near: Vec::new(),
        }),
    }
}

/// Resolves a pending command with the catalogue search results.
pub fn resolve_search(request: &SearchRequest, response: &SearchResponse) -> Resolution {
    resolve_searches(request, std::slice::from_ref(response))
}

/// Resolves a pending command with the answers to every search of
/// [`SearchRequest::calls`] (the same song found twice counts once).
pub fn resolve_searches(request: &SearchRequest, responses: &[SearchResponse]) -> Resolution {
    let candidates = match &request.wanted {
        Wanted::Track(query) => {
            let tracks = responses
                .iter()
                .flat_map(|response| response.tracks.iter())
                .flat_map(|page| page.items.iter());
            score_tracks(query, tracks, request.intent)
        }
        Wanted::Playlist(name) => {
            let playlists = responses
                .iter()
                .flat_map(|response| response.playlists.iter())
                .flat_map(|page| page.items.iter().flatten());
            score_playlists(name, playlists)
        }
    };
    match decide(candidates) {
        Decision::Pick(action) => Resolution::act(action),
        Decision::Ambiguous(suggestions) => ambiguous(suggestions),
        Decision::Near(near) => nothing_found(request, near),
        Decision::Nothing => nothing_found(request, Vec::new()),
    }
}

fn needs_search(request: SearchRequest) -> Resolution {
    let answer = format!("Looking for “{}” on Spotify…", request.text());
    Resolution::NeedsSearch { request, answer }
}

fn ambiguous(suggestions: Vec<Suggestion>) -> Resolution {
    let labels: Vec<String> = suggestions.iter().map(|s| s.label.clone()).collect();
    let answer = match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("Which one: {} or {last}?", rest.join(", "))
        }
        _ => format!("Did you mean {}?", labels.join("")),
    };
    Resolution::Ambiguous {
        suggestions,
        answer,
    }
}

fn nothing_found(request: &SearchRequest, catalogue_near: Vec<Suggestion>) -> Resolution {
    let mut suggestions = request.near.clone();
    for suggestion in catalogue_near {
        if suggestions.len() < MAX_SUGGESTIONS && !suggestions.contains(&suggestion) {
            suggestions.push(suggestion);
        }
    }
    let mut answer = format!("Nothing matches “{}”.", request.text());
    if !suggestions.is_empty() {
        let labels: Vec<String> = suggestions.iter().map(|s| s.label.clone()).collect();
        answer.push_str(&format!(" Closest: {}.", labels.join(", ")));
    }
    Resolution::Unknown {
        suggestions,
        answer,
    }
}
