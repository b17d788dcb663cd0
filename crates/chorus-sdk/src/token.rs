//! Where the SDK's `getOAuthToken(cb)` gets its token: a [`TokenSource`] the app provides, asked
//! afresh every time the SDK asks (on `connect()` and whenever the token expired), never a
//! token captured when the player was made. The source may be async (refresh first), so the
//! callback spawns the future and calls `cb(token)` when it resolves.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chorus_core::auth::secret::AccessToken;
use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::SdkError;
use crate::event::PlayerEvent;
use crate::subscribers::WeakSubscribers;

/// Why the app could not give a token (e.g. its refresh failed and the user must sign in).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct TokenUnavailable {
    pub reason: String,
}

impl TokenUnavailable {
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }
}

/// A future resolving to a currently valid access token.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<AccessToken, TokenUnavailable>>>>;

/// Gives the SDK a currently valid access token each time it asks.
///
/// Any `Fn() -> impl Future<Output = Result<AccessToken, TokenUnavailable>>` is one:
/// `move || { let tokens = tokens.clone(); async move { tokens.fresh().await } }`.
pub trait TokenSource {
    fn access_token(&self) -> TokenFuture;
}

impl<F, Fut> TokenSource for F
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<AccessToken, TokenUnavailable>> + 'static,
{
    fn access_token(&self) -> TokenFuture {
        Box::pin(self())
    }
}

/// The `getOAuthToken` function handed to the SDK.
///
/// When the source fails, the SDK still gets an answer — an empty token it will refuse with
/// `authentication_error` — because an unanswered `cb` would leave `connect()` pending forever;
/// the app also gets `BindingError(TokenUnavailable)` saying why.
pub(crate) fn get_oauth_token(
    source: Rc<dyn TokenSource>,
    subscribers: WeakSubscribers,
) -> Closure<dyn Fn(JsValue)> {
    Closure::<dyn Fn(JsValue)>::new(move |callback: JsValue| {
        let Ok(callback) = callback.dyn_into::<Function>() else {
            subscribers.dispatch(&PlayerEvent::BindingError(SdkError::Undecodable {
                what: "getOAuthToken callback",
                reason: "not a function".to_owned(),
            }));
            return;
        };
        let pending = source.access_token();
        let subscribers = subscribers.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let token = match pending.await {
                Ok(token) => JsValue::from_str(token.secret()),
                Err(unavailable) => {
                    subscribers.dispatch(&PlayerEvent::BindingError(SdkError::TokenUnavailable {
                        reason: unavailable.reason,
                    }));
                    JsValue::from_str("")
                }
            };
            if let Err(error) = callback.call1(&JsValue::NULL, &token) {
                subscribers.dispatch(&PlayerEvent::BindingError(SdkError::threw(
                    "getOAuthToken callback",
                    &error,
                )));
            }
        });
    })
}
