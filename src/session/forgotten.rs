//! What "Forget me on this browser" erased, shown on the welcome screen of the tab that chose
//! it, with the way to end Spotify's own login in this browser too.

use chorus_core::auth::endpoint::logout_url;
use yew::prelude::*;

use super::{forget_me::ForgetReport, text, use_auth};

#[derive(Debug, Properties, PartialEq)]
pub struct ForgottenProps {
    pub report: ForgetReport,
}

#[component]
pub fn Forgotten(props: &ForgottenProps) -> Html {
    let auth = use_auth();
    let report = &props.report;
    let logout = logout_url(&auth.config().accounts_base_url);
    html! {
        <div class="notice forgotten" id="forgotten" role="status">
            <h3>{ text::forgotten_title(&report.name) }</h3>
            <p>{ text::FORGOTTEN_ERASED }</p>
            <ul>
                { for text::forgotten_items(report).into_iter().map(|item| html! { <li>{ item }</li> }) }
            </ul>
            if !report.every_tab_let_go {
                <p>{ text::FORGOTTEN_TAB_HELD_ON }</p>
            }
            <p>
                { text::SPOTIFY_STILL_LOGGED_IN }{ " " }
                <a href={logout.to_string()} target="_blank" rel="noopener noreferrer" id="spotify-logout">
                    { text::LOG_OUT_OF_SPOTIFY }
                </a>
            </p>
        </div>
    }
}
