//! This tab's sign-in: starting the PKCE login, completing the callback, and handing out a
//! current access token to everyone who asks (the Web API client, the SDK's
//! `getOAuthToken`), refreshing ahead of expiry.
//!
//! - The access token lives in memory, with a copy in this tab's (session-scoped)
//!   sessionStorage so a reload stays signed in; never in localStorage or a URL.
//! - One refresh in flight per tab, shared by every caller (a `Shared` future).
//! - Tabs that share a session id serialize refreshes with the Web Lock
//!   `chorus-refresh:<one-way tag of the session>` (chorus-core's `shared_names`), re-read the stored tokens after taking it, and skip the
//!   refresh when another tab already did it (`decide_after_lock` in chorus-core).

use std::{cell::RefCell, future::Future, rc::Rc};

use chorus_core::{
    auth::{
        authorize::authorize_url,
        callback::{complete_login, CallbackError},
        login_attempt::LoginAttempt,
        return_path::return_path,
        secret::AccessToken,
        token::{decide_after_lock, AfterLock, RefreshTrigger, TokenSet, DEFAULT_LEEWAY_MS},
    },
    config::RuntimeConfig,
    shared_names,
};
use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::{
    browser::{self, now_ms, random_bytes, BrowserError},
    locks,
    storage::TabStorage,
    tab_session::TabSession,
    token_client::{self, TokenClientError},
    watchers::{Watch, Watchers},
};

const TOKENS_KEY: &str = "tokens";
const ATTEMPT_KEY: &str = "login_attempt";
/// The page the tab was on when sign-in started, to land there again.
const RETURN_KEY: &str = "return_to";

/// Why this tab is not (or no longer) signed in, in words for the person.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Callback(#[from] CallbackError),
    #[error(transparent)]
    Token(#[from] TokenClientError),
    #[error("Not signed in in this tab.")]
    SignedOut,
    #[error("The browser refused: {0}")]
    Browser(#[from] BrowserError),
}

impl AuthError {
    /// True when the only way forward is a new sign-in (the tab's user data is kept).
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            Self::SignedOut | Self::Callback(_) | Self::Token(TokenClientError::SignInAgain(_))
        )
    }
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<(), AuthError>>>;

/// The tab's auth handle: cheap to clone, one per tab.
#[derive(Clone)]
pub struct Auth {
    inner: Rc<Inner>,
}

struct Inner {
    config: Rc<RuntimeConfig>,
    tab: TabSession,
    storage: TabStorage,
    tokens: RefCell<Option<TokenSet>>,
    refreshing: RefCell<Option<RefreshFuture>>,
    /// Told when the sign-in ends without the person asking (see [`Auth::watch_sign_in_lost`]).
    lost_watchers: Rc<Watchers<String>>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("session", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl PartialEq for Auth {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Auth {
    /// Restores whatever this tab had (tokens from sessionStorage) and drops a stale login
    /// attempt (older than 15 minutes).
    pub fn new(config: Rc<RuntimeConfig>, tab: TabSession) -> Self {
        let storage = TabStorage::new(&tab.id);
        let tokens = storage
            .get(TOKENS_KEY)
            .and_then(|json| serde_json::from_str::<TokenSet>(&json).ok());
        if let Some(stored) = storage.get(ATTEMPT_KEY) {
            if LoginAttempt::should_discard(&stored, now_ms()) {
                storage.remove(ATTEMPT_KEY);
            }
        }
        Self {
            inner: Rc::new(Inner {
                config,
                tab,
                storage,
                tokens: RefCell::new(tokens),
                refreshing: RefCell::new(None),
                lost_watchers: Rc::default(),
            }),
        }
    }

    pub fn config(&self) -> &Rc<RuntimeConfig> {
        &self.inner.config
    }

    pub fn tab(&self) -> &TabSession {
        &self.inner.tab
    }

    pub fn has_tokens(&self) -> bool {
        self.inner.tokens.borrow().is_some()
    }

    /// Starts a sign-in: a fresh verifier and state from the crypto RNG, kept in this tab's
    /// sessionStorage, then a full-page navigation to `/authorize` (with `show_dialog=true`,
    /// so the next person can choose another account).
    pub fn start_login(&self) -> Result<(), AuthError> {
        let attempt = LoginAttempt::start(&random_bytes(32)?, &random_bytes(16)?, now_ms())
            .map_err(|e| BrowserError::Refused(e.to_string()))?;
        let url = authorize_url(&self.inner.config, attempt.state(), &attempt.challenge());
        self.inner.storage.set(ATTEMPT_KEY, &attempt.to_json())?;
        // Best effort: without it the tab lands on the Player.
        if let Ok(path) = browser::location_path() {
            let _ = self.inner.storage.set(RETURN_KEY, &path);
        }
        browser::navigate_to(url.as_str())?;
        Ok(())
    }

    /// Completes the callback: checks `query` against this tab's pending attempt (deleted on
    /// first use, whatever happens), removes `code` and `state` from the URL, and exchanges
    /// the code.
    pub async fn complete_callback(&self, query: &str) -> Result<(), AuthError> {
        let stored = self.inner.storage.get(ATTEMPT_KEY);
        self.inner.storage.remove(ATTEMPT_KEY);
        let return_to = self.inner.storage.get(RETURN_KEY);
        self.inner.storage.remove(RETURN_KEY);
        // The code is single use: get it out of the address bar and history right away, and
        // show the page the person was on when they clicked Connect.
        let callback_path = self.inner.config.redirect_uri.path();
        let _ = browser::replace_url(return_path(return_to.as_deref(), callback_path));
        let verified = complete_login(stored.as_deref(), query, now_ms())?;
        let response = token_client::exchange(
            &self.inner.config,
            &self.inner.tab.id,
            verified.code,
            verified.verifier,
        )
        .await?;
        self.store(TokenSet::from_response(response, now_ms()));
        Ok(())
    }

    /// A current access token, refreshing first when it is within the leeway of expiry.
    pub async fn access_token(&self) -> Result<AccessToken, AuthError> {
        // A refresh in flight holds the tokens until it lands: wait for it rather than
        // report "signed out" to a caller that merely came at the wrong moment.
        let in_flight = self.inner.refreshing.borrow().clone();
        if let Some(flight) = in_flight {
            flight.await?;
        }
        let needs_refresh = {
            let tokens = self.inner.tokens.borrow();
            let tokens = tokens.as_ref().ok_or(AuthError::SignedOut)?;
            tokens.needs_refresh(now_ms(), leeway_ms(tokens))
        };
        if needs_refresh {
            self.refresh(RefreshTrigger::Expiring).await?;
        }
        self.current_token().ok_or(AuthError::SignedOut)
    }

    /// How long until the token should be refreshed (`None` when signed out).
    pub fn refresh_due_in_ms(&self) -> Option<u64> {
        let tokens = self.inner.tokens.borrow();
        let tokens = tokens.as_ref()?;
        Some(tokens.refresh_due_in_ms(now_ms(), leeway_ms(tokens)))
    }

    /// Spotify answered 401 to `rejected`: refresh (once, shared) and hand back the new token.
    /// A call sent with a token that a refresh has since replaced gets the current token
    /// without another refresh (two calls rejected around one refresh cost one refresh).
    pub async fn token_after_rejection(
        &self,
        rejected: &AccessToken,
    ) -> Result<AccessToken, AuthError> {
        // While a refresh runs no token is held, so this joins that refresh.
        let superseded = self
            .current_token()
            .is_some_and(|current| current.secret() != rejected.secret());
        if !superseded {
            self.refresh(RefreshTrigger::Rejected).await?;
        }
        self.current_token().ok_or(AuthError::SignedOut)
    }

    /// The playback SDK refused the token held now (`authentication_error`): a fresh one. The
    /// token is taken when this is called, so a refresh that lands meanwhile is not repeated;
    /// while a refresh runs no token is held, and that refresh is the cure.
    pub fn renew_rejected_token(
        &self,
    ) -> impl Future<Output = Result<AccessToken, AuthError>> + 'static {
        let rejected = self.current_token();
        let this = self.clone();
        async move {
            match rejected {
                Some(rejected) => this.token_after_rejection(&rejected).await,
                None => this.access_token().await,
            }
        }
    }

    /// Calls `on_lost` with the reason each time this tab's sign-in ends without the person
    /// asking (a refresh finds the grant revoked or expired), until the watch drops.
    pub fn watch_sign_in_lost(&self, on_lost: impl Fn(String) + 'static) -> Watch {
        self.inner.lost_watchers.watch(on_lost)
    }

    /// The sign-in died: forget the tokens and tell the watchers (after this call returns, so
    /// a watcher may use `Auth` again).
    fn sign_in_lost(&self, why: &AuthError) {
        self.forget_tokens();
        self.inner.lost_watchers.tell(why.to_string());
    }

    /// Forgets this tab's tokens (and its proxy cookie). The tab's user data is kept.
    pub async fn sign_out(&self) {
        self.forget_tokens();
        token_client::logout(&self.inner.config, &self.inner.tab.id).await;
    }

    fn current_token(&self) -> Option<AccessToken> {
        self.inner
            .tokens
            .borrow()
            .as_ref()
            .map(|t| AccessToken::new(t.access_token().secret()))
    }

    fn store(&self, tokens: TokenSet) {
        if let Ok(json) = serde_json::to_string(&tokens) {
            let _ = self.inner.storage.set(TOKENS_KEY, &json);
        }
        *self.inner.tokens.borrow_mut() = Some(tokens);
    }

    fn forget_tokens(&self) {
        self.inner.storage.remove(TOKENS_KEY);
        *self.inner.tokens.borrow_mut() = None;
    }

    /// Joins the refresh in flight, or starts one.
    async fn refresh(&self, trigger: RefreshTrigger) -> Result<(), AuthError> {
        let existing = self.inner.refreshing.borrow().clone();
        let flight = match existing {
            Some(flight) => flight,
            None => {
                let this = self.clone();
                let flight = async move {
                    let outcome = this.refresh_under_lock(trigger).await;
                    *this.inner.refreshing.borrow_mut() = None;
                    outcome
                }
                .boxed_local()
                .shared();
                *self.inner.refreshing.borrow_mut() = Some(flight.clone());
                flight
            }
        };
        flight.await
    }

    async fn refresh_under_lock(&self, trigger: RefreshTrigger) -> Result<(), AuthError> {
        let used = self
            .inner
            .tokens
            .borrow()
            .as_ref()
            .map(TokenSet::stamp)
            .ok_or(AuthError::SignedOut)?;
        let lock = shared_names::refresh_lock(&self.inner.tab.id);
        let this = self.clone();
        locks::with_exclusive(&lock, async move {
            // Another tab of this session may have refreshed while we waited for the lock.
            let stored = this
                .inner
                .storage
                .get(TOKENS_KEY)
                .and_then(|json| serde_json::from_str::<TokenSet>(&json).ok());
            let now = now_ms();
            let leeway = stored.as_ref().map(leeway_ms).unwrap_or(DEFAULT_LEEWAY_MS);
            match decide_after_lock(used, stored.as_ref(), trigger, now, leeway) {
                AfterLock::UseStored => {
                    if let Some(stored) = stored {
                        *this.inner.tokens.borrow_mut() = Some(stored);
                    }
                    Ok(())
                }
                AfterLock::SignInAgain => {
                    this.sign_in_lost(&AuthError::SignedOut);
                    Err(AuthError::SignedOut)
                }
                AfterLock::Refresh => {
                    let current = this.inner.tokens.borrow_mut().take();
                    let Some(current) = current else {
                        return Err(AuthError::SignedOut);
                    };
                    match token_client::refresh(
                        &this.inner.config,
                        &this.inner.tab.id,
                        current.refresh_token(),
                    )
                    .await
                    {
                        Ok(response) => {
                            let (merged, _regime) = current.merge_refresh(response, now_ms());
                            this.store(merged);
                            Ok(())
                        }
                        Err(TokenClientError::SignInAgain(why)) => {
                            let error = AuthError::from(TokenClientError::SignInAgain(why));
                            this.sign_in_lost(&error);
                            Err(error)
                        }
                        Err(other) => {
                            // Keep what we had: the failure may be passing (network, 429).
                            *this.inner.tokens.borrow_mut() = Some(current);
                            Err(other.into())
                        }
                    }
                }
            }
        })
        .await?
    }
}

/// Refresh a minute early, or a fifth of the lifetime for short-lived tokens (the sandbox's
/// tests use lifetimes of seconds), so a token is never "due" the moment it arrives.
fn leeway_ms(tokens: &TokenSet) -> u64 {
    let lifetime = tokens
        .expires_at_ms()
        .saturating_sub(tokens.received_at_ms());
    DEFAULT_LEEWAY_MS.min(lifetime / 5)
}
