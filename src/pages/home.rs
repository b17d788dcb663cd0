//! The signed-in home of this tab: its player.

use yew::prelude::*;

use crate::{hooks::use_player::UsePlayerHandle, pages::player::PlayerPage};

#[derive(Debug, Properties, PartialEq)]
pub struct HomeProps {
    pub player: UsePlayerHandle,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    html! { <PlayerPage player={props.player.clone()} /> }
}
