//! One way to say that something went wrong: a [`Problem`] (what happened, the details, what to
//! do next) and the one component that shows it, with an optional way out (a button).

use yew::prelude::*;

/// Something that went wrong, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub title: String,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(
        title: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ProblemPanelProps {
    pub problem: Problem,
    /// The label of the way out ("Try again"), shown with `on_action`.
    #[prop_or_default]
    pub action: Option<AttrValue>,
    #[prop_or_default]
    pub on_action: Callback<()>,
}

#[component]
pub fn ProblemPanel(props: &ProblemPanelProps) -> Html {
    let problem = &props.problem;
    let on_click = props.on_action.reform(|_: MouseEvent| ());
    html! {
        <section class="panel error" role="alert">
            <h2>{ &problem.title }</h2>
            <p class="error-message">{ &problem.message }</p>
            <p class="muted">{ &problem.hint }</p>
            if let Some(label) = &props.action {
                <button class="primary" onclick={on_click} id="try-again">{ label }</button>
            }
        </section>
    }
}
