//! The header's "whose tab is this": the listener's avatar (and name, where there is room) as
//! one button that opens a small menu with the name, "Add listener" (a new tab that shares
//! nothing with this one), "Sign out" and "Forget me on this browser" (whose question opens
//! outside the list, which closes). Escape or leaving the menu closes it.

use chorus_core::spotify::Image;
use yew::prelude::*;

use super::{
    forget_me_dialog::ForgetMeDialog, text, use_forget_me::use_forget_me, use_listener,
    use_session::use_session,
};
use crate::services::browser;

#[component]
pub fn AccountMenu() -> Html {
    let (listener, session) = (use_listener(), use_session());
    let open = use_state(|| false);
    let (forget, forget_actions) = use_forget_me();
    let avatar = Image::best_for(&listener.user.images, 64).map(|image| image.url.clone());
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let sign_out = Callback::from(move |_: MouseEvent| session.sign_out());
    let add = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            // `noopener`: the new tab gets nothing of this one's, sessionStorage included.
            let _ = browser::open_new_tab("/");
        })
    };
    let ask_forget = {
        let (open, ask) = (open.clone(), forget_actions.ask.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            ask.emit(());
        })
    };
    let keys = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                open.set(false);
                browser::focus("#account-menu-button");
            }
        })
    };
    // Focus moving outside the menu (a click elsewhere, Tab past the last item) closes it.
    let focus_out = {
        let open = open.clone();
        Callback::from(move |event: FocusEvent| {
            if browser::focus_leaves(&event) {
                open.set(false);
            }
        })
    };
    let picture = match avatar {
        Some(url) => html! { <img class="avatar" src={url} alt="" /> },
        None => html! {
            <span class="avatar placeholder" aria-hidden="true">
                { listener.name().chars().next().unwrap_or('?') }
            </span>
        },
    };
    html! {
        <div class="account" onkeydown={keys} onfocusout={focus_out}>
            <button type="button" class="account-button" id="account-menu-button"
                aria-expanded={open.to_string()} aria-controls="account-menu" onclick={toggle}>
                { picture }
                <span class="listener-badge-name" id="listener-name">{ listener.name() }</span>
            </button>
            <div class="account-menu" id="account-menu" hidden={!*open}>
                <p class="account-menu-name">{ text::signed_in_as(listener.name()) }</p>
                <button type="button" class="ghost" id="add-listener" onclick={add} title={text::ADD_LISTENER_HINT}>
                    { text::ADD_LISTENER }
                </button>
                <button type="button" class="ghost" onclick={sign_out} id="sign-out">{ text::SIGN_OUT }</button>
                <button type="button" class="ghost" id="forget-me" aria-haspopup="dialog"
                    onclick={ask_forget}>{ text::FORGET_ME }</button>
            </div>
            <ForgetMeDialog handle={forget} actions={forget_actions} />
        </div>
    }
}
