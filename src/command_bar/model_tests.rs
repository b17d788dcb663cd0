//! The command bar's model, natively: opening, typing, arrows, tickets, and the answers
//! resolutions map to.

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
