//! The command bar (docs/ux.md "Command bar"): a button with its shortcut for mouse and touch,
//! and, once open, a modal dialog with a combobox input, the one-line answer (a live region)
//! and a listbox of choices (suggestions, or the phrase forms) the arrow keys move through.

use yew::prelude::*;

use super::{
    model::{Answer, Choice},
    text,
};
use crate::{
    services::{browser, input::text_value},
    ui::icon::{Icon, IconKind},
};

#[derive(Debug, Properties, PartialEq)]
pub struct CommandBarViewProps {
    pub open: bool,
    pub text: AttrValue,
    pub answer: Answer,
    pub choices: Vec<Choice>,
    pub active: Option<usize>,
    /// The submission the answer belongs to (`data-ticket`: tests wait for a new one).
    pub ticket: u32,
    pub on_open: Callback<()>,
    pub on_close: Callback<()>,
    pub on_input: Callback<String>,
    /// Enter (or the Go button): the pointed choice, or the typed words.
    pub on_enter: Callback<()>,
    /// Arrow keys: +1 down, -1 up.
    pub on_move: Callback<i32>,
    pub on_choose: Callback<usize>,
}

fn choice_id(index: usize) -> String {
    format!("command-choice-{index}")
}

#[component]
pub fn CommandBarView(props: &CommandBarViewProps) -> Html {
    let open = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(()))
    };
    html! {
        <>
            // Named by its visible word alone: an aria-label that left out the shortcut shown
            // beside it failed axe's label-content-name-mismatch where the shortcut is visible
            // (WebKit); the shortcut is announced through aria-keyshortcuts instead.
            <button id="command-open" class="command-trigger" type="button" aria-haspopup="dialog"
                title={text::BUTTON_HINT}
                aria-keyshortcuts="Control+K /" onclick={open}>
                <svg class="icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z" />
                </svg>
                <span class="command-trigger-label">{ text::BUTTON }</span>
                <kbd class="command-trigger-key" aria-hidden="true">{ "Ctrl K" }</kbd>
            </button>
            if props.open { <Dialog ..props.clone_props() /> }
        </>
    }
}

impl CommandBarViewProps {
    fn clone_props(&self) -> CommandBarViewProps {
        CommandBarViewProps {
            open: self.open,
            text: self.text.clone(),
            answer: self.answer.clone(),
            choices: self.choices.clone(),
            active: self.active,
            ticket: self.ticket,
            on_open: self.on_open.clone(),
            on_close: self.on_close.clone(),
            on_input: self.on_input.clone(),
            on_enter: self.on_enter.clone(),
            on_move: self.on_move.clone(),
            on_choose: self.on_choose.clone(),
        }
    }
}

#[component]
fn Dialog(props: &CommandBarViewProps) -> Html {
    let close = |on_close: &Callback<()>| {
        let on_close = on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let backdrop_click = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: MouseEvent| {
            // Only a click on the backdrop itself, not one that bubbled from the dialog.
            if event.target() == event.current_target() {
                on_close.emit(());
            }
        })
    };
    let dialog_keys = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            let from = event
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .map(|e| e.id())
                .unwrap_or_default();
            match event.key().as_str() {
                "Escape" => {
                    event.prevent_default();
                    on_close.emit(());
                }
                // A modal keeps the focus inside: Tab wraps between its first and last control.
                "Tab" if !event.shift_key() && from == "command-close" => {
                    event.prevent_default();
                    browser::focus("#command-input");
                }
                "Tab" if event.shift_key() && from == "command-input" => {
                    event.prevent_default();
                    browser::focus("#command-close");
                }
                _ => {}
            }
        })
    };
    let input_keys = {
        let on_move = props.on_move.clone();
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            event.prevent_default();
            on_move.emit(step);
        })
    };
    let input = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = text_value(&event) {
                on_input.emit(text);
            }
        })
    };
    let submit = {
        let on_enter = props.on_enter.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_enter.emit(());
        })
    };
    let listed = !props.choices.is_empty();
    let examples = props
        .choices
        .iter()
        .all(|choice| matches!(choice, Choice::Example(_)));
    let retry = matches!(props.choices.first(), Some(Choice::Retry(_)));
    let state = match &props.answer {
        Answer::Idle => "idle",
        Answer::Working(_) => "working",
        Answer::Done(_) => "done",
        Answer::Said { .. } => "said",
        Answer::Failed(_) => "failed",
    };
    let said = match props.answer.text() {
        Some("") => text::WORKING,
        Some(said) => said,
        None => text::IDLE,
    };
    html! {
        <div class="command-backdrop" onclick={backdrop_click}>
            <div class="command-dialog" id="command-dialog" role="dialog" aria-modal="true"
                aria-labelledby="command-title" onkeydown={dialog_keys}>
                <div class="command-head">
                    <h2 id="command-title" class="command-title">{ text::TITLE }</h2>
                    <span class="muted command-keys" aria-hidden="true">{ text::KEYS }</span>
                </div>
                <form class="command-form" onsubmit={submit} autocomplete="off">
                    <label class="visually-hidden" for="command-input">{ text::INPUT_LABEL }</label>
                    <input id="command-input" type="text" role="combobox" spellcheck="false"
                        placeholder={text::PLACEHOLDER} autocomplete="off"
                        aria-expanded={if listed { "true" } else { "false" }}
                        aria-controls="command-choices" aria-autocomplete="list"
                        aria-describedby="command-answer"
                        aria-activedescendant={props.active.filter(|_| listed).map(choice_id)}
                        value={props.text.clone()} oninput={input} onkeydown={input_keys} />
                    <button class="primary" id="command-run" type="submit">{ "Go" }</button>
                </form>
                <p id="command-answer" class={classes!("command-answer", state)} role="status" aria-live="polite"
                    data-ticket={props.ticket.to_string()}>
                    if state == "working" { <span class="spinner small" aria-hidden="true"></span> }
                    <span>{ said }</span>
                </p>
                <p class="small-heading command-choices-heading" id="command-choices-label" hidden={!listed}>
                    { if examples { text::EXAMPLES_HEADING } else if retry { text::RETRY_HEADING } else { text::CHOICES_HEADING } }
                </p>
                <ul id="command-choices" class={classes!("command-choices", examples.then_some("examples"))} role="listbox"
                    aria-labelledby="command-choices-label" hidden={!listed}>
                    { for props.choices.iter().enumerate().map(|(index, choice)| {
                        let on_choose = props.on_choose.clone();
                        let onclick = Callback::from(move |_: MouseEvent| on_choose.emit(index));
                        // The input keeps the focus when a choice is pressed.
                        let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
                        let selected = props.active == Some(index);
                        let (kind, label) = match choice {
                            Choice::Suggestion(suggestion) => ("suggestion", suggestion.label.clone()),
                            Choice::Example(example) => ("example", example.phrase.to_owned()),
                            Choice::Retry(text) => ("suggestion retry", format!("“{text}”")),
                        };
                        html! {
                            <li id={choice_id(index)} role="option" aria-selected={if selected { "true" } else { "false" }}
                                class={classes!("command-choice", kind, selected.then_some("active"))}
                                {onclick} {onmousedown}>
                                { label }
                            </li>
                        }
                    }) }
                </ul>
                <button class="icon-button small command-close" id="command-close" type="button"
                    aria-label={text::CLOSE} onclick={close(&props.on_close)}>
                    <Icon kind={IconKind::Close} />
                </button>
            </div>
        </div>
    }
}
