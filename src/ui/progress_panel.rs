//! A panel that says what Chorus is waiting for, with a spinner (start-up, sign-in, the
//! player connecting).

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ProgressPanelProps {
    pub message: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn ProgressPanel(props: &ProgressPanelProps) -> Html {
    html! {
        <section class="panel progress" id={props.id.clone()} role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>{ &props.message }</p>
        </section>
    }
}
