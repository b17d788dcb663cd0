//! "Signed in as Alice, who is listening in another tab. Are you Alice?": shown after the
//! callback when the account that came back already listens in another tab of this browser.

use std::rc::Rc;

use yew::prelude::*;

use super::{model::Listener, text};

#[derive(Debug, Properties, PartialEq)]
pub struct ConfirmAccountProps {
    pub listener: Rc<Listener>,
    /// "Yes, use this tab too".
    pub on_same_person: Callback<()>,
    /// "No, I'm someone else".
    pub on_someone_else: Callback<()>,
}

#[component]
pub fn ConfirmAccount(props: &ConfirmAccountProps) -> Html {
    // One answer only: the second click of an impatient person must not send a second one.
    let answered = use_state(|| false);
    let answer = |callback: &Callback<()>| {
        let (callback, answered) = (callback.clone(), answered.clone());
        Callback::from(move |_: MouseEvent| {
            answered.set(true);
            callback.emit(());
        })
    };
    html! {
        <section class="panel confirm-account" id="confirm-account" aria-labelledby="confirm-account-title">
            <h2 id="confirm-account-title">{ text::are_you(props.listener.name()) }</h2>
            <p class="muted">{ text::ARE_YOU_WHY }</p>
            <div class="form-actions">
                <button type="button" class="primary" id="same-person" disabled={*answered}
                    onclick={answer(&props.on_same_person)}>{ text::SAME_PERSON }</button>
                <button type="button" class="ghost" id="someone-else" disabled={*answered}
                    onclick={answer(&props.on_someone_else)}>{ text::SOMEONE_ELSE }</button>
            </div>
            <p class="muted">{ text::SOMEONE_ELSE_HINT }</p>
        </section>
    }
}
