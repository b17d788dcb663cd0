//! Where this tab's sign-in stands, as a reducer (yew `Reducible`).

use std::rc::Rc;

use chorus_core::{player::colour::ListenerColour, spotify::User};
use yew::Reducible;

use super::forget_me::ForgetReport;
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
    /// `ended`: the sign-in ended without the person asking (a banner offers "Connect again").
    SignedOut {
        notice: Option<String>,
        ended: bool,
    },
    /// Back from `/authorize`: exchanging the code.
    CompletingSignIn,
    /// Tokens in hand: reading the profile.
    LoadingProfile,
    /// Back from Spotify with an account that already listens in another tab of this
    /// browser: Spotify's page may have shown the last account used here, and the person
    /// agreed by mistake. "Are you NAME?" before anything starts.
    ConfirmAccount(Rc<Listener>),
    SignedIn(Rc<Listener>),
    /// "Forget me on this browser": waiting for the account's other tabs, then erasing.
    Forgetting,
    /// Forgotten on this browser: what was erased, on the welcome screen.
    Forgotten(ForgetReport),
    /// Signed in with Spotify, but this app may not serve this account (development mode).
    NotRegistered,
    /// The sign-in failed; the welcome screen offers to try again.
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
pub enum SessionAction {
    SignedOut(Option<String>),
    /// The sign-in ended by itself (the grant died): why, in words.
    Ended(String),
    CompletingSignIn,
    LoadingProfile,
    ProfileLoaded(User),
    /// The profile came back for an account already listening in another tab.
    AskIfSamePerson(User),
    /// "Yes, use this tab too".
    SamePerson,
    Forgetting,
    Forgotten(ForgetReport),
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
            SessionAction::AskIfSamePerson(user) => {
                SessionPhase::ConfirmAccount(Rc::new(Listener::new(user)))
            }
            SessionAction::SamePerson => match &self.phase {
                SessionPhase::ConfirmAccount(listener) => SessionPhase::SignedIn(listener.clone()),
                // A late click (the question is gone): nothing to confirm.
                _ => return self,
            },
            SessionAction::Forgetting => SessionPhase::Forgetting,
            SessionAction::Forgotten(report) => SessionPhase::Forgotten(report),
            SessionAction::SignedOut(notice) => SessionPhase::SignedOut {
                notice,
                ended: false,
            },
            SessionAction::Ended(why) => SessionPhase::SignedOut {
                notice: Some(why),
                ended: true,
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> User {
        serde_json::from_str(&format!(r#"{{"id":"{id}","display_name":"{id}"}}"#))
            .expect("a profile parses")
    }

    fn reduce(state: Rc<SessionState>, action: SessionAction) -> Rc<SessionState> {
        state.reduce(action)
    }

    #[test]
    fn an_account_listening_elsewhere_is_asked_about_before_signing_in() {
        let state = reduce(Rc::default(), SessionAction::AskIfSamePerson(user("alice")));
        assert!(matches!(state.phase, SessionPhase::ConfirmAccount(_)));
        assert_eq!(
            state.listener(),
            None,
            "nothing signed in starts before the answer"
        );
        let state = reduce(state, SessionAction::SamePerson);
        assert_eq!(state.listener().map(|l| l.name()), Some("alice"));
    }

    #[test]
    fn yes_outside_the_question_changes_nothing() {
        let signed_out = reduce(Rc::default(), SessionAction::SignedOut(None));
        let after = reduce(signed_out.clone(), SessionAction::SamePerson);
        assert_eq!(after, signed_out);
    }
}
