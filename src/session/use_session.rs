//! This tab's sign-in: on start it completes a callback (`/callback`), or restores the tab's
//! tokens and reads the profile, or shows the welcome screen. [`SessionProvider`] owns it;
//! [`use_session`] reads it.

use chorus_core::spotify::{requests, User};
use yew::prelude::*;

use super::{
    model::{SessionAction, SessionPhase, SessionState},
    text, use_auth,
};
use crate::services::{
    auth::Auth,
    browser,
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
        self.state.dispatch(SessionAction::SignedOut(Some(notice)));
    }

    /// Signs this tab out (its tokens and proxy cookie); other tabs are untouched.
    pub fn sign_out(&self) {
        let (auth, state) = (self.auth.clone(), self.state.clone());
        wasm_bindgen_futures::spawn_local(async move {
            auth.sign_out().await;
            state.dispatch(SessionAction::SignedOut(Some(text::SIGNED_OUT.into())));
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
    let on_callback = browser::location_path().is_ok_and(|path| path == CALLBACK_PATH);
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
            .duplicated_from
            .as_ref()
            .map(|_| text::DUPLICATED_TAB.to_owned());
        state.dispatch(SessionAction::SignedOut(notice));
        return;
    }
    load_profile(&auth, &state).await;
}

async fn load_profile(auth: &Auth, state: &UseReducerHandle<SessionState>) {
    state.dispatch(SessionAction::LoadingProfile);
    let api = WebApi::new(auth.clone());
    match api.call(&requests::me()).fetch::<User>().await {
        Ok(Some(user)) => state.dispatch(SessionAction::ProfileLoaded(user)),
        Ok(None) => state.dispatch(SessionAction::Failed(text::no_profile())),
        Err(ApiError::Spotify(error)) if error.is_not_registered() => {
            state.dispatch(SessionAction::NotRegistered)
        }
        Err(ApiError::Auth(error)) if error.needs_sign_in() => {
            state.dispatch(SessionAction::SignedOut(Some(error.to_string())))
        }
        Err(error) => state.dispatch(SessionAction::Failed(text::profile_failed(
            &error.to_string(),
        ))),
    }
}
