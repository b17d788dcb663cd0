//! The signed-in home of this tab: its player.

use yew::prelude::*;

use crate::{hooks::use_player::UsePlayerHandle, pages::player::PlayerPage};

#[derive(Debug, Properties, PartialEq)]
pub struct HomeProps {
    pub player: UsePlayerHandle,
    /// The favorites line of the playing track.
    #[prop_or_default]
    pub below_now_playing: Html,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    html! {
        <PlayerPage player={props.player.clone()} below_now_playing={props.below_now_playing.clone()} />
    }
}
