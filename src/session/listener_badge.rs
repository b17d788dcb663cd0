//! The header's "whose tab is this": avatar, name and colour of the listener, "Add listener"
//! (a new tab that shares nothing with this one), "Sign out" and "Forget me on this browser".

use chorus_core::spotify::Image;
use yew::prelude::*;

use super::{forget_me_button::ForgetMeButton, text, use_listener, use_session::use_session};
use crate::services::browser;

#[component]
pub fn ListenerBadge() -> Html {
    let (listener, session) = (use_listener(), use_session());
    let avatar = Image::best_for(&listener.user.images, 64).map(|image| image.url.clone());
    let sign_out = Callback::from(move |_: MouseEvent| session.sign_out());
    let add = Callback::from(|_: MouseEvent| {
        // `noopener`: the new tab gets nothing of this one's, sessionStorage included.
        let _ = browser::open_new_tab("/");
    });
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
            <button class="ghost" onclick={add} title={text::ADD_LISTENER_HINT}>
                { text::ADD_LISTENER }
            </button>
            <button class="ghost" onclick={sign_out} id="sign-out">{ text::SIGN_OUT }</button>
            <ForgetMeButton />
        </div>
    }
}
