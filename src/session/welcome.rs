//! The welcome screen: what Chorus does, the permissions it asks for in plain words, and
//! that each person uses their own tab. When the sign-in ended by itself it opens with one
//! banner whose button connects again (instead of a "try again" that cannot work). When
//! another listener is already here (presence), one sentence says that Spotify's page will
//! show the account last used in this browser and to choose "Not you?" there.

use chorus_core::auth::authorize::SCOPE_EXPLANATIONS;
use yew::prelude::*;

use super::{text, use_presence::use_presence};
use crate::ui::banner::{Banner, BannerAction};

#[derive(Debug, Properties, PartialEq)]
pub struct WelcomeProps {
    /// Why the person is here again (signed out, session ended, duplicated tab).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// The sign-in ended without the person asking.
    #[prop_or(false)]
    pub ended: bool,
    pub on_connect: Callback<()>,
    /// Shown under the title (what "Forget me" erased).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let others = use_presence(None);
    let on_click = props.on_connect.reform(|_: MouseEvent| ());
    let connect = if props.ended {
        let action = BannerAction {
            id: "connect".into(),
            label: text::CONNECT_AGAIN.into(),
            on_click: props.on_connect.clone(),
        };
        html! {
            <Banner id="session-ended" title={text::SESSION_ENDED} detail={Some(AttrValue::from(text::SESSION_ENDED_DETAIL))} action={Some(action)} />
        }
    } else {
        html! { <button class="primary" onclick={on_click} id="connect">{ text::CONNECT }</button> }
    };
    html! {
        <section class="panel welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ text::WELCOME_TITLE }</h2>
            if let (Some(notice), false) = (&props.notice, props.ended) {
                <p class="notice" role="status">{ notice }</p>
            }
            { props.children.clone() }
            <p>{ text::WELCOME_WHAT }</p>
            if !others.is_empty() {
                <p class="notice" id="not-you-hint">{ text::NOT_YOU_HINT }</p>
            }
            { connect }
            <h3 class="small-heading">{ text::PERMISSIONS_HEADING }</h3>
            <ul class="permissions">
                { for SCOPE_EXPLANATIONS.iter().map(|(_, words)| html! { <li>{ *words }</li> }) }
            </ul>
            <p class="muted">{ text::ONE_TAB_EACH }</p>
        </section>
    }
}
