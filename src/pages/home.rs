//! The signed-in home of this tab: its player.

use yew::prelude::*;

use crate::{hooks::use_player::UsePlayerHandle, pages::player::PlayerPage, routes::Route};

#[derive(Debug, Properties, PartialEq)]
pub struct HomeProps {
    pub player: UsePlayerHandle,
    #[prop_or_default]
    pub on_navigate: Callback<Route>,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    html! { <PlayerPage player={props.player.clone()} on_navigate={props.on_navigate.clone()} /> }
}
