//! One way to tell the person something in passing: a [`Notice`] (a sentence and its tone) and
//! the one component that shows it, [`NoticeBar`]: a status line with a dismiss button, a
//! spinner while Chorus is still at it, or a button that does what the notice asks.

use yew::prelude::*;

use super::{
    icon::{Icon, IconKind},
    text,
};

/// How a notice reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// An outcome to note ("Added … to the queue."), or what did not work out.
    #[default]
    Info,
    /// Chorus is still at it (waiting out Spotify's `Retry-After`): a spinner, nothing to dismiss.
    Working,
    /// Something failed that the person should see (an alert).
    Error,
}

/// A short-lived message of a feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self::new(text, Tone::Info)
    }

    pub fn working(text: impl Into<String>) -> Self {
        Self::new(text, Tone::Working)
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self::new(text, Tone::Error)
    }

    fn new(text: impl Into<String>, tone: Tone) -> Self {
        Self {
            text: text.into(),
            tone,
        }
    }

    pub fn is_working(&self) -> bool {
        self.tone == Tone::Working
    }
}

/// The button of a notice that asks for something ("Turn sound on"), instead of "Dismiss".
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeAction {
    pub id: AttrValue,
    pub label: AttrValue,
    pub on_click: Callback<()>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct NoticeBarProps {
    pub id: AttrValue,
    pub notice: Notice,
    #[prop_or_default]
    pub on_dismiss: Callback<()>,
    #[prop_or_default]
    pub action: Option<NoticeAction>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let notice = &props.notice;
    let error = notice.tone == Tone::Error;
    let button = match &props.action {
        Some(action) => {
            let on_click = action.on_click.reform(|_: MouseEvent| ());
            html! {
                <button type="button" class="ghost" id={action.id.clone()} onclick={on_click}>{ action.label.clone() }</button>
            }
        }
        None if notice.is_working() => Html::default(),
        None => {
            let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
            html! {
                <button type="button" class="icon-button small" aria-label={text::DISMISS} onclick={on_dismiss}>
                    <Icon kind={IconKind::Close} />
                </button>
            }
        }
    };
    html! {
        <div class={classes!("notice", "notice-bar", error.then_some("error"))} id={props.id.clone()}
            role={if error { "alert" } else { "status" }} aria-live={(!error).then_some("polite")}>
            if notice.is_working() { <span class="spinner small" aria-hidden="true"></span> }
            <span>{ &notice.text }</span>
            { button }
        </div>
    }
}
