//! `use_session`: drives this tab's sign-in. On mount it completes a callback (`/callback`),
//! or restores the tab's tokens and reads the profile, or shows the welcome screen.

use chorus_core::spotify::User;
use yew::prelude::*;

use crate::{
    services::{
        auth::{Auth, AuthError},
        browser,
        web_api::{ApiError, WebApi},
    },
    session::model::{Problem, SessionAction, SessionPhase, SessionState},
};

/// The path Spotify redirects back to (the registered redirect URI's path).
pub const CALLBACK_PATH: &str = "/callback";

#[derive(Clone)]
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
                .dispatch(SessionAction::Failed(problem_from_auth(&error)));
        }
    }

    /// The session ended without the person asking (the grant died): back to the welcome
    /// screen with `notice`; the tab's user data is kept.
    pub fn session_ended(&self, notice: String) {
        self.state.dispatch(SessionAction::SignedOut(Some(notice)));
    }

    /// Signs this tab out (its tokens and proxy cookie); other tabs are untouched.
    pub fn sign_out(&self) {
        let (auth, state) = (self.auth.clone(), self.state.clone());
        wasm_bindgen_futures::spawn_local(async move {
            auth.sign_out().await;
            state.dispatch(SessionAction::SignedOut(Some(
                "You signed out of this tab.".into(),
            )));
        });
    }
}

#[hook]
pub fn use_session(auth: Auth) -> UseSessionHandle {
    let state = use_reducer(SessionState::default);
    {
        let (state, auth) = (state.clone(), auth.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(start(auth, state));
        });
    }
    UseSessionHandle { state, auth }
}

async fn start(auth: Auth, state: UseReducerHandle<SessionState>) {
    let on_callback = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path == CALLBACK_PATH);
    if on_callback {
        state.dispatch(SessionAction::CompletingSignIn);
        let query = browser::location_search().unwrap_or_default();
        if let Err(error) = auth.complete_callback(&query).await {
            state.dispatch(SessionAction::Failed(problem_from_auth(&error)));
            return;
        }
    } else if !auth.has_tokens() {
        let notice = auth.tab().duplicated_from.as_ref().map(|_| {
            "This tab is a copy of another listener's tab. Connect here to add a new listener; the other tab keeps playing."
                .to_owned()
        });
        state.dispatch(SessionAction::SignedOut(notice));
        return;
    }
    load_profile(&auth, &state).await;
}

async fn load_profile(auth: &Auth, state: &UseReducerHandle<SessionState>) {
    state.dispatch(SessionAction::LoadingProfile);
    match WebApi::new(auth.clone()).get::<User>("me").await {
        Ok(Some(user)) => state.dispatch(SessionAction::ProfileLoaded(user)),
        Ok(None) => state.dispatch(SessionAction::Failed(Problem {
            title: "Spotify sent no profile".into(),
            message: "Spotify answered without your profile.".into(),
            hint: "Try connecting again.".into(),
        })),
        Err(ApiError::Spotify { error, .. }) if error.is_not_registered() => {
            state.dispatch(SessionAction::NotRegistered)
        }
        Err(ApiError::Auth(error)) if error.needs_sign_in() => {
            state.dispatch(SessionAction::SignedOut(Some(error.to_string())))
        }
        Err(error) => state.dispatch(SessionAction::Failed(Problem {
            title: "Your profile could not be loaded".into(),
            message: error.to_string(),
            hint: "Check your connection, then reload this tab.".into(),
        })),
    }
}

fn problem_from_auth(error: &AuthError) -> Problem {
    Problem {
        title: "Sign-in did not work".into(),
        message: error.to_string(),
        hint: "Nothing was changed. You can connect again.".into(),
    }
}
