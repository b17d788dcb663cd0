//! The welcome screen: what Chorus does, the permissions it asks for in plain words, and
//! that each person uses their own tab. When another listener is already here (presence),
//! one sentence says that Spotify's page will show the account last used in this browser
//! and to choose "Not you?" there.

use chorus_core::auth::authorize::SCOPE_EXPLANATIONS;
use yew::prelude::*;

use super::{text, use_presence::use_presence};

#[derive(Debug, Properties, PartialEq)]
pub struct WelcomeProps {
    /// Why the person is here again (signed out, session ended, duplicated tab).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    pub on_connect: Callback<()>,
    /// Shown under the title (what "Forget me" erased).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let on_click = props.on_connect.reform(|_: MouseEvent| ());
    let others = use_presence(None);
    html! {
        <section class="panel welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ text::WELCOME_TITLE }</h2>
            if let Some(notice) = &props.notice {
                <p class="notice" role="status">{ notice }</p>
            }
            { props.children.clone() }
            <p>{ text::WELCOME_WHAT }</p>
            if !others.is_empty() {
                <p class="notice" id="not-you-hint">{ text::NOT_YOU_HINT }</p>
            }
            <button class="primary" onclick={on_click} id="connect">{ text::CONNECT }</button>
            <h3 class="small-heading">{ text::PERMISSIONS_HEADING }</h3>
            <ul class="permissions">
                { for SCOPE_EXPLANATIONS.iter().map(|(_, words)| html! { <li>{ *words }</li> }) }
            </ul>
            <p class="muted">{ text::ONE_TAB_EACH }</p>
        </section>
    }
}
