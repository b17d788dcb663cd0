//! The signed-in home of this tab: its player.

use yew::prelude::*;

use crate::{hooks::use_player::UsePlayerHandle, pages::player::PlayerPage, routes::Route};

#[derive(Debug, Properties, PartialEq)]
pub struct HomeProps {
    pub player: UsePlayerHandle,
    #[prop_or_default]
    pub on_navigate: Callback<Route>,
    /// The favorites line of the playing track.
    #[prop_or_default]
    pub below_now_playing: Html,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    html! {
        <PlayerPage
            player={props.player.clone()}
            on_navigate={props.on_navigate.clone()}
            below_now_playing={props.below_now_playing.clone()}
        />
    }
}
