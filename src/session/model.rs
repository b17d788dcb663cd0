//! Where this tab's sign-in stands, as a reducer (yew `Reducible`).

use std::rc::Rc;

use chorus_core::{player::colour::ListenerColour, spotify::User};
use yew::Reducible;

use crate::ui::problem::Problem;

/// The signed-in listener of this tab.
#[derive(Debug, Clone, PartialEq)]
pub struct Listener {
    pub user: User,
    pub colour: ListenerColour,
}

impl Listener {
    pub fn new(user: User) -> Self {
        let colour = ListenerColour::from_account_id(user.storage_key());
        Self { user, colour }
    }

    pub fn name(&self) -> &str {
        self.user.name()
    }

    /// The account's key for per-account data (favorites, presence).
    pub fn account_key(&self) -> &str {
        self.user.storage_key()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum SessionPhase {
    /// Reading what this tab already has.
    #[default]
    Starting,
    /// Nobody is signed in in this tab; `notice` says why when it is not the first visit.
    SignedOut {
        notice: Option<String>,
    },
    /// Back from `/authorize`: exchanging the code.
    CompletingSignIn,
    /// Tokens in hand: reading the profile.
    LoadingProfile,
    SignedIn(Rc<Listener>),
    /// Signed in with Spotify, but this app may not serve this account (development mode).
    NotRegistered,
    /// The sign-in failed; the welcome screen offers to try again.
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
pub enum SessionAction {
    SignedOut(Option<String>),
    CompletingSignIn,
    LoadingProfile,
    ProfileLoaded(User),
    NotRegistered,
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionState {
    pub phase: SessionPhase,
}

impl SessionState {
    pub fn listener(&self) -> Option<&Rc<Listener>> {
        match &self.phase {
            SessionPhase::SignedIn(listener) => Some(listener),
            _ => None,
        }
    }
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let phase = match action {
            SessionAction::SignedOut(notice) => SessionPhase::SignedOut { notice },
            SessionAction::CompletingSignIn => SessionPhase::CompletingSignIn,
            SessionAction::LoadingProfile => SessionPhase::LoadingProfile,
            SessionAction::ProfileLoaded(user) => {
                SessionPhase::SignedIn(Rc::new(Listener::new(user)))
            }
            SessionAction::NotRegistered => SessionPhase::NotRegistered,
            SessionAction::Failed(problem) => SessionPhase::Failed(problem),
        };
        Rc::new(SessionState { phase })
    }
}
