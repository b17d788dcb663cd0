//! The likes' state and effects: [`LikesProvider`] keeps what is known for the signed-in
//! listener; [`use_likes`] reads it; [`use_liked_state`] asks about the tracks a list shows.

use std::{cell::RefCell, rc::Rc};

use chorus_core::spotify::requests::{self, library_batches};
use yew::prelude::*;

use super::{
    model::{LikesAction, LikesModel},
    text,
};
use crate::{
    services::web_api::WebApi,
    session::{use_auth, use_listener},
    ui::{
        notice::Notice,
        toasts::{use_toasts, Toasts},
    },
};

/// The toasts' source for ♥.
const SOURCE: &str = "likes";

#[derive(Clone)]
pub struct UseLikesHandle {
    model: UseReducerHandle<LikesModel>,
    api: WebApi,
    toasts: Toasts,
    /// URIs asked for in this turn of the event loop: every row of a list asks for its own,
    /// and one flush sends them together, at most 40 a call.
    wanted: Rc<RefCell<Vec<String>>>,
}

impl PartialEq for UseLikesHandle {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model
    }
}

impl std::fmt::Debug for UseLikesHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseLikesHandle").finish_non_exhaustive()
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct LikesProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn LikesProvider(props: &LikesProviderProps) -> Html {
    let listener = use_listener();
    let likes = UseLikesHandle {
        model: use_reducer(LikesModel::default),
        api: WebApi::new(use_auth()),
        toasts: use_toasts(),
        wanted: use_mut_ref(Vec::new),
    };
    {
        let model = likes.model.clone();
        use_effect_with(listener.account_key().to_owned(), move |_| {
            model.dispatch(LikesAction::Reset)
        });
    }
    html! {
        <ContextProvider<UseLikesHandle> context={likes}>
            { props.children.clone() }
        </ContextProvider<UseLikesHandle>>
    }
}

/// The likes (inside [`LikesProvider`]).
#[hook]
pub fn use_likes() -> UseLikesHandle {
    use_context::<UseLikesHandle>().expect("use_likes is called inside LikesProvider")
}

/// Asks about the ♥ of `uri` (a track shown) whenever it changes.
#[hook]
pub fn use_liked_state(uri: Option<String>) {
    let likes = use_likes();
    use_effect_with(uri, move |uri| {
        if let Some(uri) = uri {
            likes.ask(std::slice::from_ref(uri));
        }
    });
}

impl UseLikesHandle {
    /// Whether `uri` is liked, once known.
    pub fn liked(&self, uri: &str) -> Option<bool> {
        self.model.liked(uri)
    }

    /// Asks Spotify about what is not known yet: gathered for this turn of the event loop,
    /// then sent at most 40 URIs a call.
    pub fn ask(&self, uris: &[String]) {
        let fresh: Vec<String> = {
            let wanted = self.wanted.borrow();
            self.model
                .to_ask(uris)
                .into_iter()
                .filter(|uri| !wanted.contains(uri))
                .collect()
        };
        if fresh.is_empty() {
            return;
        }
        let first = {
            let mut wanted = self.wanted.borrow_mut();
            let first = wanted.is_empty();
            wanted.extend(fresh);
            first
        };
        if first {
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move { this.flush() });
        }
    }

    fn flush(&self) {
        let wanted = std::mem::take(&mut *self.wanted.borrow_mut());
        if wanted.is_empty() {
            return;
        }
        self.model.dispatch(LikesAction::Asking(wanted.clone()));
        for batch in library_batches(&wanted) {
            let (model, api) = (self.model.clone(), self.api.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let call = requests::library_contains(&batch);
                match api.call(&call).fetch::<Vec<bool>>().await {
                    Ok(Some(answers)) if answers.len() == batch.len() => model.dispatch(
                        LikesAction::Answered(batch.into_iter().zip(answers).collect()),
                    ),
                    // Not an answer to this question: ask again when they show next.
                    _ => model.dispatch(LikesAction::AskFailed(batch)),
                }
            });
        }
    }

    /// ♥ or un-♥ `uri` (named `name` in the toast): shown at once, undone if Spotify refuses.
    pub fn set(&self, uri: &str, name: &str, liked: bool) {
        let before = self.liked(uri);
        self.model.dispatch(LikesAction::Set {
            uri: uri.to_owned(),
            liked,
        });
        let (this, uri, name) = (self.clone(), uri.to_owned(), name.to_owned());
        wasm_bindgen_futures::spawn_local(async move {
            let uris = [uri.clone()];
            let call = if liked {
                requests::save_to_library(&uris)
            } else {
                requests::remove_from_library(&uris)
            };
            let sent = this
                .api
                .call(&call)
                .on_wait(|notice| this.toasts.show(SOURCE, notice))
                .send()
                .await;
            match sent {
                Ok(()) => this.toasts.show(
                    SOURCE,
                    Notice::info(if liked {
                        text::liked(&name)
                    } else {
                        text::unliked(&name)
                    }),
                ),
                Err(error) => {
                    this.model.dispatch(LikesAction::Set {
                        uri,
                        liked: before.unwrap_or(!liked),
                    });
                    this.toasts.show(
                        SOURCE,
                        Notice::error(text::could_not_change(&name, &error.in_plain_words())),
                    );
                }
            }
        });
    }

    /// The ♥ button: the other state of what is known (a like when not known yet).
    pub fn toggle(&self, uri: &str, name: &str) {
        let liked = !self.liked(uri).unwrap_or(false);
        self.set(uri, name, liked);
    }
}
