//! The header's "whose tab is this": avatar, name and colour of the listener.

use std::rc::Rc;

use chorus_core::spotify::Image;
use yew::prelude::*;

use crate::session::model::Listener;

#[derive(Debug, Properties, PartialEq)]
pub struct ListenerBadgeProps {
    pub listener: Rc<Listener>,
    pub on_sign_out: Callback<()>,
    pub on_add_listener: Callback<()>,
}

#[component]
pub fn ListenerBadge(props: &ListenerBadgeProps) -> Html {
    let listener = &props.listener;
    let avatar = Image::best_for(&listener.user.images, 64).map(|image| image.url.clone());
    let sign_out = props.on_sign_out.reform(|_: MouseEvent| ());
    let add = props.on_add_listener.reform(|_: MouseEvent| ());
    html! {
        <div class="listener-badge">
            if let Some(url) = avatar {
                <img class="avatar" src={url} alt="" />
            } else {
                <span class="avatar placeholder" aria-hidden="true">
                    { listener.name().chars().next().unwrap_or('?') }
                </span>
            }
            <span class="listener-badge-name" id="listener-name">{ listener.name() }</span>
            <button class="ghost" onclick={add} title="Open a new tab for another person">
                { "Add listener" }
            </button>
            <button class="ghost" onclick={sign_out} id="sign-out">{ "Sign out" }</button>
        </div>
    }
}
