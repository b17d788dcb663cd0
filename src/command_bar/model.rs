//! The command bar's model (docs/ux.md "Command bar"): open or not, the words typed, the one-line
//! answer and the choices offered with it (suggestions, or the phrase examples), and which
//! choice the arrow keys point at. Plain data; resolving and sending live in
//! `use_command_bar`, the words-to-action logic in chorus-core's `command`.

use std::rc::Rc;

use chorus_core::{
    command::{correction, Example, Library, Resolution, Suggestion, EXAMPLES},
    spotify::{Playlist, Track},
};
use yew::Reducible;

/// The listener's own library, as far as the command bar reads it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnLibrary {
    pub playlists: Vec<Playlist>,
    pub recently_played: Vec<Track>,
    pub top_tracks: Vec<Track>,
}

impl OwnLibrary {
    pub fn view(&self) -> Library<'_> {
        Library {
            playlists: &self.playlists,
            recently_played: &self.recently_played,
            top_tracks: &self.top_tracks,
        }
    }
}

/// The bar's one-line answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Answer {
    /// Nothing asked since it opened: the examples are offered.
    #[default]
    Idle,
    /// Working on it: reading the library, searching, sending.
    Working(String),
    /// What it did ("Playing “Workout Mix”.").
    Done(String),
    /// Why it did nothing, with what to choose from: the words put right (`retry`),
    /// suggestions, and the phrase forms when `help`.
    Said {
        text: String,
        retry: Option<String>,
        suggestions: Vec<Suggestion>,
        help: bool,
    },
    /// Spotify refused or could not be reached.
    Failed(String),
}

impl Answer {
    /// A plain note: why nothing was done, nothing to choose.
    pub fn said(text: impl Into<String>) -> Self {
        Answer::Said {
            text: text.into(),
            retry: None,
            suggestions: Vec::new(),
            help: false,
        }
    }

    /// The answer to `input`'s resolution when it is not an action to send (those are the
    /// hook's).
    pub fn from_resolution(input: &str, resolution: &Resolution) -> Self {
        let text = resolution.answer().to_owned();
        match resolution {
            Resolution::Do { .. } | Resolution::NeedsSearch { .. } => Answer::Working(text),
            Resolution::Ambiguous { suggestions, .. } => Answer::Said {
                text,
                retry: None,
                suggestions: suggestions.clone(),
                help: false,
            },
            // Words it could not read at all get the phrase forms to pick from, and the
            // same words with the command word put right when that is all that was wrong.
            Resolution::Unknown { suggestions, .. } => Answer::Said {
                text,
                retry: correction(input),
                help: suggestions.is_empty(),
                suggestions: suggestions.clone(),
            },
            Resolution::Help { .. } => Answer::Said {
                text,
                retry: None,
                suggestions: Vec::new(),
                help: true,
            },
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Answer::Idle => None,
            Answer::Working(text) | Answer::Done(text) | Answer::Failed(text) => Some(text),
            Answer::Said { text, .. } => Some(text),
        }
    }
}

/// One entry of the list under the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Do this (a playlist or song the words may have meant).
    Suggestion(Suggestion),
    /// Type this phrase form.
    Example(Example),
    /// Send these words (the typed ones, put right).
    Retry(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommandBarModel {
    pub open: bool,
    pub text: String,
    pub answer: Answer,
    /// The choice the arrow keys point at (`aria-activedescendant`).
    pub active: Option<usize>,
    /// The latest submission: answers to older ones are dropped.
    pub ticket: u32,
}

impl CommandBarModel {
    /// What the list under the input offers now.
    pub fn choices(&self) -> Vec<Choice> {
        let examples = || EXAMPLES.iter().copied().map(Choice::Example);
        match &self.answer {
            Answer::Idle => examples().collect(),
            Answer::Said {
                retry,
                suggestions,
                help,
                ..
            } => {
                let mut choices: Vec<Choice> = retry.iter().cloned().map(Choice::Retry).collect();
                choices.extend(suggestions.iter().cloned().map(Choice::Suggestion));
                if *help {
                    choices.extend(examples());
                }
                choices
            }
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum CommandBarAction {
    /// Another listener (or none): start over.
    Reset,
    Open,
    /// Closed: the next opening starts empty.
    Close,
    Typed(String),
    /// An example chosen: its words are put in the input to finish.
    Fill(String),
    /// Words sent (or a suggestion chosen) as submission `ticket`.
    Submitted {
        ticket: u32,
        working: String,
    },
    /// The answer to submission `ticket`.
    Answered {
        ticket: u32,
        answer: Answer,
    },
    /// Arrow keys: +1 down, -1 up, wrapping round the choices.
    Move(i32),
}

impl Reducible for CommandBarModel {
    type Action = CommandBarAction;

    fn reduce(self: Rc<Self>, action: CommandBarAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CommandBarAction::Reset => return Rc::new(CommandBarModel::default()),
            CommandBarAction::Open if self.open => return self,
            CommandBarAction::Open => {
                next.open = true;
                next.text.clear();
                next.answer = Answer::Idle;
                next.active = None;
            }
            CommandBarAction::Close => {
                next.open = false;
                next.active = None;
            }
            CommandBarAction::Typed(text) => {
                next.text = text;
                next.active = None;
            }
            CommandBarAction::Fill(text) => {
                next.text = text;
                next.active = None;
                next.answer = Answer::Idle;
            }
            CommandBarAction::Submitted { ticket, working } => {
                next.ticket = ticket;
                next.answer = Answer::Working(working);
                next.active = None;
            }
            CommandBarAction::Answered { ticket, .. } if ticket != self.ticket => return self,
            CommandBarAction::Answered { answer, .. } => {
                next.answer = answer;
                next.active = None;
            }
            CommandBarAction::Move(step) => {
                let count = next.choices().len();
                if count == 0 {
                    return self;
                }
                let count = i64::try_from(count).unwrap_or(i64::MAX);
                let at = match next.active {
                    Some(at) => i64::try_from(at).unwrap_or(0) + i64::from(step),
                    None if step < 0 => count - 1,
                    None => 0,
                };
                next.active = usize::try_from(at.rem_euclid(count)).ok();
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
