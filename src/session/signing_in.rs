//! The short progress state while a sign-in completes or the profile loads.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct SigningInProps {
    pub message: AttrValue,
}

#[component]
pub fn SigningIn(props: &SigningInProps) -> Html {
    html! {
        <section class="panel progress" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>{ &props.message }</p>
        </section>
    }
}
