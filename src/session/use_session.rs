//! This tab's sign-in: on start it completes a callback (`/callback`), or restores the tab's
//! tokens and reads the profile, or shows the welcome screen. [`SessionProvider`] owns it;
//! [`use_session`] reads it.
//!
//! Back from Spotify with an account that already listens in another tab of this browser
//! (its listening lock is held), the tab asks "Are you NAME?" first: Spotify's page shows the
//! account last logged in here, and one careless Agree signs the next person in as it.

use std::rc::Rc;

use chorus_core::{
    shared_names,
    spotify::{requests, User},
};
use yew::prelude::*;

use super::{
    forget_me,
    model::{Listener, SessionAction, SessionPhase, SessionState},
    text, use_auth,
};
use crate::services::{
    auth::Auth,
    browser, locks,
    web_api::{ApiError, WebApi},
};

/// The path Spotify redirects back to (the registered redirect URI's path).
const CALLBACK_PATH: &str = "/callback";

#[derive(Debug, Clone, PartialEq)]
pub struct UseSessionHandle {
    state: UseReducerHandle<SessionState>,
    auth: Auth,
}

impl UseSessionHandle {
    pub fn phase(&self) -> &SessionPhase {
        &self.state.phase
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// Full-page navigation to the accounts service's consent screen.
    pub fn connect(&self) {
        if let Err(error) = self.auth.start_login() {
            self.state
                .dispatch(SessionAction::Failed(text::sign_in_failed(
                    &error.to_string(),
                )));
        }
    }

    /// The session ended without the person asking (the grant died): back to the welcome
    /// screen with `notice`; the tab's user data is kept.
    pub fn session_ended(&self, notice: String) {
        self.state.dispatch(SessionAction::Ended(notice));
    }

    /// Signs this tab out (its tokens and proxy cookie); other tabs are untouched.
    pub fn sign_out(&self) {
        self.sign_out_with(text::SIGNED_OUT);
    }

    fn sign_out_with(&self, notice: &'static str) {
        let (auth, state) = (self.auth.clone(), self.state.clone());
        wasm_bindgen_futures::spawn_local(async move {
            auth.sign_out().await;
            state.dispatch(SessionAction::SignedOut(Some(notice.into())));
        });
    }

    /// "Yes, use this tab too": the account listens here as well.
    pub fn same_person(&self) {
        self.state.dispatch(SessionAction::SamePerson);
    }

    /// "No, I'm someone else": these tokens are not this person's. Drops them and this tab's
    /// proxy cookie (named after this tab's session: the other tab's is not touched), then
    /// starts the sign-in again; Spotify's page shows the account again, with "Not you?".
    pub fn someone_else(&self) {
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            this.auth.sign_out().await;
            this.connect();
        });
    }

    /// Another tab of this account chose "Forget me on this browser": sign this tab out.
    pub fn forgotten_elsewhere(&self) {
        self.sign_out_with(text::FORGOTTEN_ELSEWHERE);
    }

    /// "Forget me on this browser": signs this tab and every other tab of the account out,
    /// erases what Chorus keeps of it here, and shows what was erased.
    pub fn forget_me(&self, listener: Rc<Listener>) {
        let (auth, state) = (self.auth.clone(), self.state.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let lock = shared_names::listening_lock(listener.account_key());
            // Counted while this tab still holds its own share of the lock.
            let other_tabs = locks::holders(&lock).await.unwrap_or(1).saturating_sub(1);
            // Leaving the signed-in view stops this tab's player, presence and favorites.
            state.dispatch(SessionAction::Forgetting);
            match forget_me::forget(auth, &listener, other_tabs).await {
                Ok(report) => state.dispatch(SessionAction::Forgotten(report)),
                Err(error) => state.dispatch(SessionAction::SignedOut(Some(text::forget_failed(
                    &error.to_string(),
                )))),
            }
        });
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let auth = use_auth();
    let state = use_reducer(SessionState::default);
    {
        let (state, auth) = (state.clone(), auth.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(start(auth, state));
        });
    }
    {
        // A refresh that finds the grant dead (from any call, on any page) ends the session at
        // once: the listener goes, and one banner offers to connect again.
        let (state, auth) = (state.clone(), auth.clone());
        use_effect_with((), move |_| {
            let watch = auth.watch_sign_in_lost(move |why| {
                if matches!(state.phase, SessionPhase::SignedIn(_)) {
                    state.dispatch(SessionAction::Ended(why));
                }
            });
            move || drop(watch)
        });
    }
    html! {
        <ContextProvider<UseSessionHandle> context={UseSessionHandle { state, auth }}>
            { props.children.clone() }
        </ContextProvider<UseSessionHandle>>
    }
}

/// This tab's sign-in (inside [`SessionProvider`]).
#[hook]
pub fn use_session() -> UseSessionHandle {
    use_context::<UseSessionHandle>().expect("use_session is called inside SessionProvider")
}

async fn start(auth: Auth, state: UseReducerHandle<SessionState>) {
    // `/callback/` too: a static host serves the kit's `callback/index.html` there, after
    // redirecting `/callback` to it (the query kept).
    let on_callback = browser::location_path()
        .is_ok_and(|path| path.strip_suffix('/').unwrap_or(&path) == CALLBACK_PATH);
    if on_callback {
        state.dispatch(SessionAction::CompletingSignIn);
        let query = browser::location_search().unwrap_or_default();
        if let Err(error) = auth.complete_callback(&query).await {
            state.dispatch(SessionAction::Failed(text::sign_in_failed(
                &error.to_string(),
            )));
            return;
        }
    } else if !auth.has_tokens() {
        let notice = auth
            .tab()
            .duplicated
            .then(|| text::DUPLICATED_TAB.to_owned());
        state.dispatch(SessionAction::SignedOut(notice));
        return;
    }
    load_profile(&auth, &state, on_callback).await;
}

/// Reads the profile; `just_back` (from Spotify's page) asks first when the account already
/// listens in another tab.
async fn load_profile(auth: &Auth, state: &UseReducerHandle<SessionState>, just_back: bool) {
    state.dispatch(SessionAction::LoadingProfile);
    let api = WebApi::new(auth.clone());
    match api.call(&requests::me()).fetch::<User>().await {
        Ok(Some(user)) if just_back && listens_elsewhere(&user).await => {
            state.dispatch(SessionAction::AskIfSamePerson(user))
        }
        Ok(Some(user)) => state.dispatch(SessionAction::ProfileLoaded(user)),
        Ok(None) => state.dispatch(SessionAction::Failed(text::no_profile())),
        Err(ApiError::Spotify(error)) if error.is_not_registered() => {
            state.dispatch(SessionAction::NotRegistered)
        }
        Err(ApiError::Auth(error)) if error.needs_sign_in() => {
            state.dispatch(SessionAction::Ended(error.to_string()))
        }
        Err(error) => state.dispatch(SessionAction::Failed(text::profile_failed(
            &error.to_string(),
        ))),
    }
}

/// Whether a tab of this browser holds the account's listening lock (it is signed in there).
async fn listens_elsewhere(user: &User) -> bool {
    let lock = shared_names::listening_lock(user.storage_key());
    locks::holders(&lock).await.is_ok_and(|holders| holders > 0)
}
