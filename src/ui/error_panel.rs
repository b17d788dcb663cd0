//! One way to show an error: what happened, and what to do next (optionally a button).

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub title: AttrValue,
    pub message: AttrValue,
    pub hint: AttrValue,
    /// The label of the way out ("Try again"), shown with `on_action`.
    #[prop_or_default]
    pub action: Option<AttrValue>,
    #[prop_or_default]
    pub on_action: Callback<()>,
}

#[component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let on_click = props.on_action.reform(|_: MouseEvent| ());
    html! {
        <section class="panel error" role="alert">
            <h2>{ &props.title }</h2>
            <p class="error-message">{ &props.message }</p>
            <p class="muted">{ &props.hint }</p>
            if let Some(label) = &props.action {
                <button class="primary" onclick={on_click} id="try-again">{ label }</button>
            }
        </section>
    }
}
