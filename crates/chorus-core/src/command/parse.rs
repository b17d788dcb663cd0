//! The command bar's grammar (docs/ux.md "Command bar"): the listener's words to a `Command`.
//!
//! Forms: `play my workout playlist`, `play playlist chill`, `play <song> by <artist>`,
//! `play <song>`, `queue <song> [by <artist>]`, `pause`, `resume`/`play`, `next`/`skip`,
//! `previous`/`back`, `volume 40`, `mute`, `shuffle on|off`, `repeat track|context|off`,
//! `like` (♥ what plays) / `unlike`, `help` (or `?`).

use super::fuzzy::{edit_distance, normalise};
use crate::spotify::RepeatState;

/// What to look for when a song is asked for. `title`/`artist` is the split at the last
/// " by "; `full` is the whole text, because titles contain "by" too ("Stand by Me").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackQuery {
    pub full: String,
    pub title: String,
    pub artist: Option<String>,
}

impl TrackQuery {
    fn new(text: &str) -> Self {
        let full = text.trim().to_owned();
        match full.rsplit_once(" by ") {
            Some((title, artist)) if !title.trim().is_empty() && !artist.trim().is_empty() => {
                Self {
                    title: title.trim().to_owned(),
                    artist: Some(artist.trim().to_owned()),
                    full,
                }
            }
            _ => Self {
                title: full.clone(),
                artist: None,
                full,
            },
        }
    }
}

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    PlayPlaylist {
        name: String,
    },
    PlayTrack(TrackQuery),
    QueueTrack(TrackQuery),
    Pause,
    Resume,
    Next,
    Previous,
    Volume(u8),
    Shuffle(bool),
    Repeat(RepeatState),
    /// `like` (true) or `unlike` (false): ♥ what plays now.
    Like(bool),
    /// `help`, `?`: what can be typed.
    Help,
}

impl Command {
    /// Whether the command may start sound in this tab: the shell must call the SDK's
    /// `activateElement()` inside the key press or click that sends it (contract: autoplay).
    pub fn may_start_playback(&self) -> bool {
        matches!(
            self,
            Command::PlayPlaylist { .. } | Command::PlayTrack(_) | Command::Resume
        )
    }
}

/// Why the words are not a command; the message is the command bar's one-line answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("Type a command, like “play my workout playlist” or “pause”.")]
    Empty,
    #[error("Queue what? Try “queue <song>” or “queue <song> by <artist>”.")]
    QueueWhat,
    #[error("Which playlist? Try “play my <name> playlist”.")]
    PlaylistWhat,
    #[error("Volume goes from 0 to 100, like “volume 40”.")]
    Volume,
    #[error("Shuffle on or off?")]
    Shuffle,
    #[error("Repeat what: “repeat track”, “repeat context” or “repeat off”?")]
    Repeat,
    #[error("“like” and “unlike” work on what plays now: type just “like”.")]
    LikeWhat,
    #[error("I didn't understand “{text}”. {hint}")]
    Unknown { text: String, hint: String },
}

/// The command words, for "did you mean" hints on typos.
/// ("like" is left out: "make" and "bike" are two edits from it, and no guess beats one.)
const VERBS: [&str; 11] = [
    "play", "queue", "pause", "resume", "next", "previous", "back", "volume", "shuffle", "repeat",
    "help",
];

/// Parses the command bar's text.
pub fn parse(input: &str) -> Result<Command, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    let (verb, rest) = match text.split_once(char::is_whitespace) {
        Some((verb, rest)) => (verb.to_lowercase(), rest.trim()),
        None => (text.to_lowercase(), ""),
    };
    let rest_words = normalise(rest);
    if matches!(
        normalise(text).as_str(),
        "" | "help" | "commands" | "what can i say" | "what can i type" | "what can i do"
    ) {
        // "?" and "help" normalise to "" / "help"; an empty text was handled above.
        return Ok(Command::Help);
    }
    match verb.as_str() {
        "play" | "start" if rest.is_empty() => Ok(Command::Resume),
        "play" | "start" => Ok(parse_play(rest)),
        "queue" | "enqueue" | "add" => parse_queue(rest),
        "pause" | "stop" | "hold" if rest.is_empty() => Ok(Command::Pause),
        "resume" | "continue" | "unpause" if rest.is_empty() => Ok(Command::Resume),
        "next" | "skip" | "forward"
            if rest.is_empty() || rest_words == "track" || rest_words == "song" =>
        {
            Ok(Command::Next)
        }
        "previous" | "prev" | "back" | "last"
            if rest.is_empty() || rest_words == "track" || rest_words == "song" =>
        {
            Ok(Command::Previous)
        }
        "go" if rest_words == "back" => Ok(Command::Previous),
        "mute" if rest.is_empty() => Ok(Command::Volume(0)),
        "volume" | "vol" | "set" => parse_volume(&rest_words),
        "shuffle" => match rest_words.as_str() {
            "" | "on" | "yes" => Ok(Command::Shuffle(true)),
            "off" | "no" => Ok(Command::Shuffle(false)),
            _ => Err(ParseError::Shuffle),
        },
        "repeat" | "loop" => match rest_words.as_str() {
            "track" | "song" | "one" | "this" | "this song" | "this track" => {
                Ok(Command::Repeat(RepeatState::Track))
            }
            "" | "context" | "all" | "on" | "playlist" | "album" => {
                Ok(Command::Repeat(RepeatState::Context))
            }
            "off" | "none" | "no" => Ok(Command::Repeat(RepeatState::Off)),
            _ => Err(ParseError::Repeat),
        },
        "like" | "love" | "heart" | "unlike" | "unlove" => {
            // "like", "like this", "like this song", "like it"
            let about_now = matches!(
                rest_words.as_str(),
                "" | "this" | "it" | "this song" | "this track" | "the song" | "this one"
            );
            if !about_now {
                return Err(ParseError::LikeWhat);
            }
            Ok(Command::Like(!verb.starts_with("un")))
        }
        _ => Err(unknown(text, &verb)),
    }
}

/// `play …`: a playlist when the word "playlist" is there, else a song.
fn parse_play(rest: &str) -> Command {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let mentions_playlist = words.iter().any(|w| {
        let w = normalise(w);
        w == "playlist" || w == "list"
    });
    if !mentions_playlist {
        return Command::PlayTrack(TrackQuery::new(rest));
    }
    // "play my workout playlist", "play the playlist called chill", "play playlist chill"
    let filler = ["my", "the", "a", "playlist", "list", "called", "named"];
    let name: Vec<&str> = words
        .into_iter()
        .filter(|w| !filler.contains(&normalise(w).as_str()))
        .collect();
    Command::PlayPlaylist {
        name: name.join(" "),
    }
}

fn parse_queue(rest: &str) -> Result<Command, ParseError> {
    // "add <song> to the queue" / "add <song> to queue": drop the trailing words.
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let tails: [&[&str]; 3] = [
        &["to", "the", "queue"],
        &["to", "my", "queue"],
        &["to", "queue"],
    ];
    for tail in tails {
        let ends_with_tail = words.len() >= tail.len()
            && words[words.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(word, expected)| normalise(word) == *expected);
        if ends_with_tail {
            words.truncate(words.len() - tail.len());
            break;
        }
    }
    if words.is_empty() {
        return Err(ParseError::QueueWhat);
    }
    Ok(Command::QueueTrack(TrackQuery::new(&words.join(" "))))
}

fn parse_volume(words: &str) -> Result<Command, ParseError> {
    // "volume 40", "volume 40%", "volume to 40", "set volume to 40"
    let number = words
        .split(' ')
        .filter(|w| !matches!(*w, "volume" | "to" | "at" | "percent"))
        .collect::<Vec<_>>();
    match number.as_slice() {
        [value] => value
            .parse::<u8>()
            .ok()
            .filter(|v| *v <= 100)
            .map(Command::Volume)
            .ok_or(ParseError::Volume),
        _ => Err(ParseError::Volume),
    }
}

/// The command word closest to a mistyped one, at most two edits away.
fn closest_verb(verb: &str) -> Option<&'static str> {
    VERBS
        .iter()
        .map(|known| (edit_distance(verb, known), *known))
        .min()
        .filter(|(distance, _)| *distance <= 2)
        .map(|(_, known)| known)
}

/// The words with a mistyped command word put right ("puase" → "pause", "paly my workout
/// playlist" → "play my workout playlist"), when that makes a command; the command bar
/// offers it as a choice rather than running it on a guess.
pub fn correction(input: &str) -> Option<String> {
    let text = input.trim();
    if !matches!(parse(text), Err(ParseError::Unknown { .. })) {
        return None;
    }
    let (verb, rest) = match text.split_once(char::is_whitespace) {
        Some((verb, rest)) => (verb, rest.trim()),
        None => (text, ""),
    };
    let known = closest_verb(&verb.to_lowercase())?;
    let fixed = if rest.is_empty() {
        known.to_owned()
    } else {
        format!("{known} {rest}")
    };
    parse(&fixed).is_ok().then_some(fixed)
}

fn unknown(text: &str, verb: &str) -> ParseError {
    let hint = match closest_verb(verb) {
        Some(known) => format!("Did you mean “{known}”?"),
        None => "Try “play <song> by <artist>”, “pause”, “next” or “volume 40”.".to_owned(),
    };
    ParseError::Unknown {
        text: text.to_owned(),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(full: &str, title: &str, artist: Option<&str>) -> TrackQuery {
        TrackQuery {
            full: full.into(),
            title: title.into(),
            artist: artist.map(Into::into),
        }
    }

    #[test]
    fn play_my_named_playlist() {
        assert_eq!(
            parse("play my workout playlist"),
            Ok(Command::PlayPlaylist {
                name: "workout".into()
            })
        );
        assert_eq!(
            parse("Play playlist Chill Vibes"),
            Ok(Command::PlayPlaylist {
                name: "Chill Vibes".into()
            })
        );
        assert_eq!(
            parse("play the playlist called Road Trip"),
            Ok(Command::PlayPlaylist {
                name: "Road Trip".into()
            })
        );
    }

    #[test]
    fn play_song_by_artist() {
        assert_eq!(
            parse("play Get Lucky by Daft Punk"),
            Ok(Command::PlayTrack(track(
                "Get Lucky by Daft Punk",
                "Get Lucky",
                Some("Daft Punk")
            )))
        );
    }

    #[test]
    fn play_song_alone_keeps_by_in_the_full_text() {
        assert_eq!(
            parse("play Halo"),
            Ok(Command::PlayTrack(track("Halo", "Halo", None)))
        );
        let Ok(Command::PlayTrack(query)) = parse("play stand by me") else {
            panic!("a song")
        };
        assert_eq!(query.full, "stand by me");
        assert_eq!(query.artist.as_deref(), Some("me"));
    }

    #[test]
    fn like_and_unlike_are_about_what_plays_now() {
        for text in ["like", "Like this", "love this song", "heart it"] {
            assert_eq!(parse(text), Ok(Command::Like(true)), "{text}");
        }
        for text in ["unlike", "unlike this track"] {
            assert_eq!(parse(text), Ok(Command::Like(false)), "{text}");
        }
        assert_eq!(parse("like get lucky"), Err(ParseError::LikeWhat));
    }

    #[test]
    fn queue_forms() {
        assert_eq!(
            parse("queue Halo"),
            Ok(Command::QueueTrack(track("Halo", "Halo", None)))
        );
        assert_eq!(
            parse("queue Halo by Beyoncé"),
            Ok(Command::QueueTrack(track(
                "Halo by Beyoncé",
                "Halo",
                Some("Beyoncé")
            )))
        );
        assert_eq!(
            parse("add Halo to the queue"),
            Ok(Command::QueueTrack(track("Halo", "Halo", None)))
        );
        assert_eq!(parse("queue"), Err(ParseError::QueueWhat));
        assert_eq!(parse("add to the queue"), Err(ParseError::QueueWhat));
    }

    #[test]
    fn transport_words() {
        assert_eq!(parse("pause"), Ok(Command::Pause));
        assert_eq!(parse("  Stop "), Ok(Command::Pause));
        assert_eq!(parse("resume"), Ok(Command::Resume));
        assert_eq!(parse("play"), Ok(Command::Resume));
        assert_eq!(parse("next"), Ok(Command::Next));
        assert_eq!(parse("skip song"), Ok(Command::Next));
        assert_eq!(parse("previous"), Ok(Command::Previous));
        assert_eq!(parse("back"), Ok(Command::Previous));
        assert_eq!(parse("go back"), Ok(Command::Previous));
    }

    #[test]
    fn volume_forms_and_range() {
        assert_eq!(parse("volume 40"), Ok(Command::Volume(40)));
        assert_eq!(parse("volume 40%"), Ok(Command::Volume(40)));
        assert_eq!(parse("set volume to 75"), Ok(Command::Volume(75)));
        assert_eq!(parse("mute"), Ok(Command::Volume(0)));
        assert_eq!(parse("volume 140"), Err(ParseError::Volume));
        assert_eq!(parse("volume loud"), Err(ParseError::Volume));
    }

    #[test]
    fn shuffle_and_repeat_forms() {
        assert_eq!(parse("shuffle on"), Ok(Command::Shuffle(true)));
        assert_eq!(parse("shuffle off"), Ok(Command::Shuffle(false)));
        assert_eq!(parse("shuffle sideways"), Err(ParseError::Shuffle));
        assert_eq!(
            parse("repeat track"),
            Ok(Command::Repeat(RepeatState::Track))
        );
        assert_eq!(
            parse("repeat context"),
            Ok(Command::Repeat(RepeatState::Context))
        );
        assert_eq!(parse("repeat off"), Ok(Command::Repeat(RepeatState::Off)));
        assert_eq!(parse("repeat forever"), Err(ParseError::Repeat));
    }

    #[test]
    fn help_forms() {
        assert_eq!(parse("help"), Ok(Command::Help));
        assert_eq!(parse("?"), Ok(Command::Help));
        assert_eq!(parse("What can I say?"), Ok(Command::Help));
    }

    #[test]
    fn only_play_and_resume_may_start_playback() {
        for text in [
            "play my workout playlist",
            "play halo by beyonce",
            "resume",
            "play",
        ] {
            let command = parse(text).expect("a command");
            assert!(command.may_start_playback(), "{text}");
        }
        for text in [
            "queue halo",
            "pause",
            "next",
            "volume 40",
            "shuffle on",
            "help",
        ] {
            let command = parse(text).expect("a command");
            assert!(!command.may_start_playback(), "{text}");
        }
    }

    #[test]
    fn a_mistyped_command_word_is_corrected() {
        assert_eq!(correction("puase").as_deref(), Some("pause"));
        assert_eq!(
            correction("paly my workout playlist").as_deref(),
            Some("play my workout playlist")
        );
        assert_eq!(correction("volme 40").as_deref(), Some("volume 40"));
        assert_eq!(correction("pause"), None, "nothing to correct");
        assert_eq!(correction("make me a sandwich"), None, "no close word");
        assert_eq!(
            correction("shufle sideways"),
            None,
            "the corrected words must be a command too"
        );
    }

    #[test]
    fn unknown_words_get_a_hint() {
        assert_eq!(parse(""), Err(ParseError::Empty));
        let typo = parse("puase").expect_err("unknown");
        assert_eq!(
            typo.to_string(),
            "I didn't understand “puase”. Did you mean “pause”?"
        );
        let nonsense = parse("make me a sandwich").expect_err("unknown");
        assert!(nonsense
            .to_string()
            .contains("Try “play <song> by <artist>”"));
    }
}
