//! One way to show an error: what happened, and what to do next.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub title: AttrValue,
    pub message: AttrValue,
    pub hint: AttrValue,
}

#[component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    html! {
        <section class="panel error" role="alert">
            <h2>{ &props.title }</h2>
            <p>{ &props.message }</p>
            <p class="muted">{ &props.hint }</p>
        </section>
    }
}
