//! The boot app: the whole app's start-up and signed-out screens (config, this tab's session,
//! Welcome, Connect), without the signed-in ones. A tab that is not signed in loads it instead
//! of the whole app: a third of the download, so Connect shows sooner on a slow link, and the
//! page prefetches the whole app while Welcome shows (Trunk.toml's loader). Signing in leaves
//! the page for Spotify's, and the way back (`/callback`) loads the whole app.
//!
//! The loader chooses the whole app when the path is `/callback`, when this tab's sessionStorage
//! holds tokens (`chorus.<session id>.tokens`, `services::storage`), or when [`LOAD_KEY`] says
//! so. So the boot app reaching a signed-in state means the loader's guess was wrong (a state it
//! cannot see): [`HandOver`] then sets [`LOAD_KEY`] and reloads into the whole app, once.

use std::rc::Rc;

use yew::prelude::*;

use crate::{
    app::SignedInScreen,
    services::{browser, storage},
    session::{model::Listener, text},
    ui::{problem::ProblemPanel, progress_panel::ProgressPanel},
};

/// The sessionStorage key the loader reads: while it is [`LOAD_WHOLE`], this tab loads the
/// whole app.
const LOAD_KEY: &str = "chorus.load";
const LOAD_WHOLE: &str = "whole";

/// The boot app's signed-in "screen": a reload into the whole app.
#[derive(Debug)]
pub struct HandOver;

impl SignedInScreen for HandOver {
    fn view(_listener: Rc<Listener>) -> Html {
        html! { <HandingOver /> }
    }
}

#[component]
fn HandingOver() -> Html {
    let failed = use_state(|| None::<String>);
    {
        let failed = failed.clone();
        use_effect_with((), move |_| {
            if let Err(error) = load_whole_app() {
                failed.set(Some(error.to_string()));
            }
        });
    }
    match &*failed {
        None => html! { <ProgressPanel message={text::LOADING} /> },
        Some(message) => html! { <ProblemPanel problem={text::could_not_start(message)} /> },
    }
}

/// Marks this tab for the whole app and reloads. Without the mark the loader would choose the
/// boot app again, so no mark, no reload.
fn load_whole_app() -> Result<(), browser::BrowserError> {
    storage::raw()?
        .set_item(LOAD_KEY, LOAD_WHOLE)
        .map_err(browser::BrowserError::from_js)?;
    browser::window()?
        .location()
        .reload()
        .map_err(browser::BrowserError::from_js)
}
