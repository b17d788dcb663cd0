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
mod tests {
    use chorus_core::command::{resolve, Action};

    use super::*;

    fn reduce(model: CommandBarModel, actions: Vec<CommandBarAction>) -> CommandBarModel {
        let mut model = Rc::new(model);
        for action in actions {
            model = model.reduce(action);
        }
        (*model).clone()
    }

    fn suggestion(name: &str) -> Suggestion {
        Suggestion {
            label: format!("“{name}”"),
            action: Action::PlayContext {
                uri: format!("spotify:playlist:{name}"),
                name: name.into(),
            },
        }
    }

    fn ambiguous() -> Answer {
        Answer::Said {
            text: "Which one?".into(),
            retry: None,
            suggestions: vec![suggestion("A"), suggestion("B")],
            help: false,
        }
    }

    #[test]
    fn opening_offers_the_examples() {
        let model = reduce(CommandBarModel::default(), vec![CommandBarAction::Open]);
        assert!(model.open);
        assert_eq!(model.choices().len(), EXAMPLES.len());
        assert!(matches!(model.choices()[0], Choice::Example(_)));
    }

    #[test]
    fn reopening_starts_empty_but_opening_twice_keeps_the_words() {
        let typed = reduce(
            CommandBarModel::default(),
            vec![
                CommandBarAction::Open,
                CommandBarAction::Typed("pau".into()),
                CommandBarAction::Open,
            ],
        );
        assert_eq!(typed.text, "pau");
        let reopened = reduce(typed, vec![CommandBarAction::Close, CommandBarAction::Open]);
        assert_eq!(reopened.text, "");
        assert_eq!(reopened.answer, Answer::Idle);
    }

    #[test]
    fn arrows_wrap_round_the_choices() {
        let model = reduce(
            CommandBarModel::default(),
            vec![
                CommandBarAction::Open,
                CommandBarAction::Submitted {
                    ticket: 1,
                    working: "…".into(),
                },
                CommandBarAction::Answered {
                    ticket: 1,
                    answer: ambiguous(),
                },
            ],
        );
        assert_eq!(model.active, None);
        let down = reduce(model.clone(), vec![CommandBarAction::Move(1)]);
        assert_eq!(down.active, Some(0));
        let wrapped = reduce(
            down,
            vec![CommandBarAction::Move(1), CommandBarAction::Move(1)],
        );
        assert_eq!(wrapped.active, Some(0));
        let up = reduce(model, vec![CommandBarAction::Move(-1)]);
        assert_eq!(up.active, Some(1), "up from nothing is the last choice");
    }

    #[test]
    fn arrows_do_nothing_without_choices() {
        let model = reduce(
            CommandBarModel::default(),
            vec![
                CommandBarAction::Open,
                CommandBarAction::Submitted {
                    ticket: 1,
                    working: "Looking…".into(),
                },
                CommandBarAction::Move(1),
            ],
        );
        assert_eq!(model.active, None);
        assert!(matches!(model.answer, Answer::Working(_)));
    }

    #[test]
    fn an_answer_to_an_older_submission_is_dropped() {
        let model = reduce(
            CommandBarModel::default(),
            vec![
                CommandBarAction::Open,
                CommandBarAction::Submitted {
                    ticket: 1,
                    working: "Looking for “halo”…".into(),
                },
                CommandBarAction::Submitted {
                    ticket: 2,
                    working: "Looking for “pause”…".into(),
                },
                CommandBarAction::Answered {
                    ticket: 1,
                    answer: Answer::Done("Playing “Halo”.".into()),
                },
            ],
        );
        assert_eq!(model.answer, Answer::Working("Looking for “pause”…".into()));
        let answered = reduce(
            model,
            vec![CommandBarAction::Answered {
                ticket: 2,
                answer: Answer::Done("Paused.".into()),
            }],
        );
        assert_eq!(answered.answer.text(), Some("Paused."));
    }

    #[test]
    fn typing_forgets_the_pointed_choice_and_an_example_fills_the_input() {
        let model = reduce(
            CommandBarModel::default(),
            vec![
                CommandBarAction::Open,
                CommandBarAction::Move(1),
                CommandBarAction::Typed("play my".into()),
            ],
        );
        assert_eq!(model.active, None);
        let filled = reduce(model, vec![CommandBarAction::Fill("queue ".into())]);
        assert_eq!(filled.text, "queue ");
        assert_eq!(filled.answer, Answer::Idle);
    }

    #[test]
    fn resolutions_map_to_answers_with_their_choices() {
        let library = OwnLibrary {
            playlists: Vec::new(),
            recently_played: Vec::new(),
            top_tracks: Vec::new(),
        };
        let unknown = Answer::from_resolution(
            "make me a sandwich",
            &resolve("make me a sandwich", &library.view()),
        );
        assert!(
            matches!(&unknown, Answer::Said { help: true, suggestions, .. } if suggestions.is_empty())
        );
        let help = Answer::from_resolution("help", &resolve("help", &library.view()));
        let model = CommandBarModel {
            open: true,
            answer: help,
            ..CommandBarModel::default()
        };
        assert_eq!(model.choices().len(), EXAMPLES.len());
        let search = Answer::from_resolution(
            "play my jazz playlist",
            &resolve("play my jazz playlist", &library.view()),
        );
        assert_eq!(
            search,
            Answer::Working("Looking for “jazz” on Spotify…".into())
        );
        let ambiguous_model = CommandBarModel {
            answer: ambiguous(),
            ..CommandBarModel::default()
        };
        assert_eq!(
            ambiguous_model.choices().len(),
            2,
            "no examples beside the suggestions"
        );
        let typo = Answer::from_resolution("paly halo", &resolve("paly halo", &library.view()));
        let typo_model = CommandBarModel {
            answer: typo,
            ..CommandBarModel::default()
        };
        assert_eq!(
            typo_model.choices().first(),
            Some(&Choice::Retry("play halo".into())),
            "the words put right come first, before the phrase forms"
        );
        assert_eq!(typo_model.choices().len(), 1 + EXAMPLES.len());
    }
}
