//! `use_forget_me`: the "Forget me on this browser" action of the listener's menu: a question
//! first (what goes, and the favorites export offered), then the session's `forget_me`
//! (`forget_me.rs` does the work). The question itself is
//! `forget_me_dialog.rs`; the button sits in the account menu next to "Sign out".

use yew::prelude::*;

use super::{text, use_listener, use_session::use_session};
use crate::{
    favorites::{text as favorites_text, use_favorites::use_favorites},
    services::files,
    ui::notice::Notice,
};

#[derive(Debug, Clone, PartialEq)]
pub struct UseForgetMeHandle {
    open: UseStateHandle<bool>,
    exported: UseStateHandle<Option<Notice>>,
}

/// The question's state and its answers (inside the signed-in view).
#[hook]
pub fn use_forget_me() -> (UseForgetMeHandle, ForgetMeActions) {
    let (session, listener, favorites) = (use_session(), use_listener(), use_favorites());
    let handle = UseForgetMeHandle {
        open: use_state(|| false),
        exported: use_state(|| None),
    };
    let ask = {
        let handle = handle.clone();
        Callback::from(move |()| {
            handle.exported.set(None);
            handle.open.set(true);
        })
    };
    let cancel = {
        let open = handle.open.clone();
        Callback::from(move |()| open.set(false))
    };
    let export = {
        let (exported, name) = (handle.exported.clone(), listener.name().to_owned());
        Callback::from(move |()| {
            let file = favorites_text::export_file_name(&name);
            exported.set(Some(
                match files::save_text(&file, "application/json", &favorites.export_json()) {
                    Ok(()) => Notice::info(text::FORGET_EXPORTED),
                    Err(error) => Notice::error(text::forget_export_failed(&error.to_string())),
                },
            ));
        })
    };
    let dismiss_export = {
        let exported = handle.exported.clone();
        Callback::from(move |()| exported.set(None))
    };
    let confirm = Callback::from(move |()| session.forget_me(listener.clone()));
    let actions = ForgetMeActions {
        ask,
        cancel,
        export,
        dismiss_export,
        confirm,
    };
    (handle, actions)
}

impl UseForgetMeHandle {
    /// Whether the question is shown.
    pub fn is_open(&self) -> bool {
        *self.open
    }

    /// What became of the export, once offered and taken.
    pub fn exported(&self) -> Option<&Notice> {
        self.exported.as_ref()
    }
}

/// What the person can do about the question.
#[derive(Debug, Clone, PartialEq)]
pub struct ForgetMeActions {
    pub ask: Callback<()>,
    pub cancel: Callback<()>,
    pub export: Callback<()>,
    pub dismiss_export: Callback<()>,
    pub confirm: Callback<()>,
}
