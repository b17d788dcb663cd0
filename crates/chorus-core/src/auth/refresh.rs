//! Refresh coordination inside one tab (contract §1: "never run two refreshes of one token
//! at once"): a single-flight state machine where callers arriving during a refresh join it,
//! a per-request budget of at most one refresh and one retry after a 401, and the mapping of
//! a failed refresh to what the person must do (`invalid_grant` → sign in again).
//!
//! Sans-IO: the shell sends the refresh when told `Join::Lead`, parks the `Follow` callers,
//! and wakes the waiters `finish` returns with the outcome.

use crate::spotify::{TokenError, TokenErrorKind};

/// Identifies one refresh; a `finish` for an older one (after a reset) is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlightId(u64);

/// Identifies a caller parked behind the running refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WaiterId(u64);

/// What a caller that needs a fresh token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// No refresh is running: this caller sends it, then calls `finish`.
    Lead(FlightId),
    /// A refresh is running: wait to be woken with its outcome.
    Follow(WaiterId),
}

#[derive(Debug)]
enum State {
    Idle,
    Refreshing {
        flight: FlightId,
        waiters: Vec<WaiterId>,
    },
}

/// A `finish` for a refresh that is no longer the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this refresh was abandoned; its result must be dropped")]
pub struct StaleFlight;

/// The single-flight refresh machine of one tab.
#[derive(Debug)]
pub struct RefreshFlight {
    state: State,
    next_id: u64,
}

impl Default for RefreshFlight {
    fn default() -> Self {
        Self::new()
    }
}

impl RefreshFlight {
    pub fn new() -> Self {
        Self {
            state: State::Idle,
            next_id: 0,
        }
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }

    pub fn is_refreshing(&self) -> bool {
        matches!(self.state, State::Refreshing { .. })
    }

    /// A caller needs a fresh token: lead a new refresh or follow the running one.
    pub fn join(&mut self) -> Join {
        let id = self.fresh_id();
        match &mut self.state {
            State::Idle => {
                let flight = FlightId(id);
                self.state = State::Refreshing {
                    flight,
                    waiters: Vec::new(),
                };
                Join::Lead(flight)
            }
            State::Refreshing { waiters, .. } => {
                let waiter = WaiterId(id);
                waiters.push(waiter);
                Join::Follow(waiter)
            }
        }
    }

    /// The leader's refresh ended (either way): back to idle, and these waiters get the
    /// outcome, in arrival order.
    pub fn finish(&mut self, flight: FlightId) -> Result<Vec<WaiterId>, StaleFlight> {
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Refreshing {
                flight: current,
                waiters,
            } if current == flight => Ok(waiters),
            other => {
                self.state = other;
                Err(StaleFlight)
            }
        }
    }

    /// Sign-out while refreshing: abandon the flight; the returned waiters must be told to
    /// sign in again, and the leader's later `finish` is refused.
    pub fn reset(&mut self) -> Vec<WaiterId> {
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Refreshing { waiters, .. } => waiters,
            State::Idle => Vec::new(),
        }
    }
}

/// How a refresh ended, as every waiter needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// New tokens are stored: retry with them.
    Refreshed,
    /// The grant is dead (`invalid_grant`): the person must sign in again.
    SignInAgain,
    /// The network or the service failed: keep the tokens, try again later.
    TryLater,
}

impl RefreshOutcome {
    /// A 400 from the token endpoint. Only `invalid_grant` kills the session; a misconfigured
    /// client is not fixed by retrying either, so it also asks for a new sign-in.
    pub fn from_token_error(error: &TokenError) -> Self {
        match error.kind() {
            TokenErrorKind::InvalidGrant
            | TokenErrorKind::InvalidClient
            | TokenErrorKind::UnauthorizedClient => RefreshOutcome::SignInAgain,
            _ => RefreshOutcome::TryLater,
        }
    }
}

/// The per-request budget: a 401 triggers at most one refresh and one retry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetryBudget {
    refreshed: bool,
}

/// What to do with a 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnUnauthorized {
    RefreshAndRetry,
    /// Already refreshed once for this request: report the error instead of looping.
    GiveUp,
}

impl RetryBudget {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn on_unauthorized(&mut self) -> OnUnauthorized {
        if self.refreshed {
            OnUnauthorized::GiveUp
        } else {
            self.refreshed = true;
            OnUnauthorized::RefreshAndRetry
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_caller_leads_and_later_callers_join_the_same_refresh() {
        let mut flight = RefreshFlight::new();
        let Join::Lead(lead) = flight.join() else {
            panic!("the first caller must lead");
        };
        let second = flight.join();
        let third = flight.join();
        assert!(matches!(second, Join::Follow(_)));
        assert!(matches!(third, Join::Follow(_)));
        assert!(flight.is_refreshing());
        let woken = flight.finish(lead).expect("current flight");
        let expected: Vec<WaiterId> = [second, third]
            .into_iter()
            .filter_map(|join| match join {
                Join::Follow(waiter) => Some(waiter),
                Join::Lead(_) => None,
            })
            .collect();
        assert_eq!(woken, expected);
        assert!(!flight.is_refreshing());
    }

    #[test]
    fn after_a_refresh_ends_the_next_caller_leads_a_new_one() {
        let mut flight = RefreshFlight::new();
        let Join::Lead(first) = flight.join() else {
            panic!("lead")
        };
        assert_eq!(flight.finish(first), Ok(Vec::new()));
        let Join::Lead(second) = flight.join() else {
            panic!("lead again")
        };
        assert_ne!(first, second);
        assert_eq!(
            flight.finish(first),
            Err(StaleFlight),
            "an old flight cannot finish the new one"
        );
        assert!(flight.is_refreshing());
        assert_eq!(flight.finish(second), Ok(Vec::new()));
    }

    #[test]
    fn reset_abandons_the_flight_and_returns_its_waiters() {
        let mut flight = RefreshFlight::new();
        let Join::Lead(lead) = flight.join() else {
            panic!("lead")
        };
        let Join::Follow(waiter) = flight.join() else {
            panic!("follow")
        };
        assert_eq!(flight.reset(), vec![waiter]);
        assert_eq!(flight.finish(lead), Err(StaleFlight));
        assert!(!flight.is_refreshing());
    }

    #[test]
    fn a_401_refreshes_and_retries_at_most_once_per_request() {
        let mut budget = RetryBudget::new();
        assert_eq!(budget.on_unauthorized(), OnUnauthorized::RefreshAndRetry);
        assert_eq!(budget.on_unauthorized(), OnUnauthorized::GiveUp);
        assert_eq!(budget.on_unauthorized(), OnUnauthorized::GiveUp);
        let mut other_request = RetryBudget::new();
        assert_eq!(
            other_request.on_unauthorized(),
            OnUnauthorized::RefreshAndRetry
        );
    }

    #[test]
    fn invalid_grant_means_sign_in_again_other_errors_try_later() {
        let revoked = TokenError::parse(
            r#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#,
        )
        .expect("parses");
        assert_eq!(
            RefreshOutcome::from_token_error(&revoked),
            RefreshOutcome::SignInAgain
        );
        let odd = TokenError::parse(r#"{"error":"temporarily_unavailable"}"#).expect("parses");
        assert_eq!(
            RefreshOutcome::from_token_error(&odd),
            RefreshOutcome::TryLater
        );
    }
}
