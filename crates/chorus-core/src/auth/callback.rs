//! The redirect back from `/authorize` (contract §1, RFC 6749 §4.1.2): `?code=…&state=…` on
//! success, `?error=access_denied&state=…` when the person declined. Every failure is a typed
//! error whose message says, in plain words, what happened and what to do (docs/ux.md "Callback").

use super::login_attempt::{LoginAttempt, RestoreError};
use super::secret::{AuthorizationCode, CodeVerifier, CsrfState};

/// Why a callback cannot be turned into a code exchange.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("You chose not to connect Spotify. Connect again whenever you like.")]
    Denied,
    #[error("Spotify could not sign you in ({0}). Please try again.")]
    Provider(String),
    #[error(
        "This sign-in answer has no security check (state). Please connect again from this tab."
    )]
    MissingState,
    #[error("This sign-in answer belongs to another tab or an older attempt. Please connect again from this tab.")]
    StateMismatch,
    #[error("Spotify sent no sign-in code. Please connect again.")]
    MissingCode,
    #[error("No sign-in was started in this tab. Please connect again from this tab.")]
    NoPendingLogin,
    #[error("This sign-in took longer than 15 minutes. Please connect again.")]
    Expired,
}

impl From<RestoreError> for CallbackError {
    fn from(error: RestoreError) -> Self {
        match error {
            RestoreError::Missing | RestoreError::Corrupt => CallbackError::NoPendingLogin,
            RestoreError::Expired => CallbackError::Expired,
        }
    }
}

/// The parameters of the callback query, before any check.
#[derive(Debug, Default)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

impl CallbackQuery {
    fn parse(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut parsed = CallbackQuery::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match key.as_ref() {
                "code" => &mut parsed.code,
                "state" => &mut parsed.state,
                "error" => &mut parsed.error,
                _ => continue,
            };
            // First occurrence wins, so an appended duplicate cannot override the real value.
            if slot.is_none() && !value.is_empty() {
                *slot = Some(value.into_owned());
            }
        }
        parsed
    }
}

/// Checks a callback query (`?code=…&state=…`, leading `?` optional) against the state this
/// tab sent and returns the single-use code.
///
/// A denial is reported as `Denied` even without a matching state: nothing is accepted from
/// it, and "you declined" is the truthful message for the person who clicked Cancel.
pub fn parse_callback(
    query: &str,
    expected: &CsrfState,
) -> Result<AuthorizationCode, CallbackError> {
    let query = CallbackQuery::parse(query);
    if let Some(error) = query.error {
        return Err(if error == "access_denied" {
            CallbackError::Denied
        } else {
            CallbackError::Provider(error)
        });
    }
    let state = query.state.ok_or(CallbackError::MissingState)?;
    if !expected.matches(&state) {
        return Err(CallbackError::StateMismatch);
    }
    query
        .code
        .map(AuthorizationCode::new)
        .ok_or(CallbackError::MissingCode)
}

/// What the code exchange needs: the code and the verifier of the attempt it belongs to.
#[derive(Debug)]
pub struct VerifiedCallback {
    pub code: AuthorizationCode,
    pub verifier: CodeVerifier,
}

/// The whole callback step: restore this tab's pending attempt (from sessionStorage, `None`
/// when absent), check it is fresh, check the query against its state. The shell deletes
/// the stored attempt whatever the outcome: an attempt is single use.
pub fn complete_login(
    stored_attempt: Option<&str>,
    query: &str,
    now_ms: u64,
) -> Result<VerifiedCallback, CallbackError> {
    // A denial needs no pending attempt to be reported truthfully.
    if let Some(error) = CallbackQuery::parse(query).error {
        return Err(if error == "access_denied" {
            CallbackError::Denied
        } else {
            CallbackError::Provider(error)
        });
    }
    let attempt = LoginAttempt::restore(stored_attempt, now_ms)?;
    let code = parse_callback(query, attempt.state())?;
    Ok(VerifiedCallback {
        code,
        verifier: attempt.into_verifier(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected() -> CsrfState {
        CsrfState::new("s-42")
    }

    #[test]
    fn callback_with_code_and_matching_state_yields_the_code() {
        let code = parse_callback("?code=AQB-code&state=s-42", &expected()).expect("accepted");
        assert_eq!(code.secret(), "AQB-code");
    }

    #[test]
    fn callback_with_mismatched_state_is_rejected() {
        let error = parse_callback("code=AQB&state=s-43", &expected()).expect_err("mismatch");
        assert_eq!(error, CallbackError::StateMismatch);
        assert!(error.to_string().contains("another tab"));
    }

    #[test]
    fn callback_without_state_is_rejected() {
        assert_eq!(
            parse_callback("code=AQB", &expected()).err(),
            Some(CallbackError::MissingState)
        );
        assert_eq!(
            parse_callback("code=AQB&state=", &expected()).err(),
            Some(CallbackError::MissingState)
        );
    }

    #[test]
    fn callback_without_code_is_rejected() {
        assert_eq!(
            parse_callback("state=s-42", &expected()).err(),
            Some(CallbackError::MissingCode)
        );
    }

    #[test]
    fn denied_callback_says_the_person_declined() {
        let error =
            parse_callback("error=access_denied&state=s-42", &expected()).expect_err("denied");
        assert_eq!(error, CallbackError::Denied);
        assert!(error.to_string().starts_with("You chose not to connect"));
    }

    #[test]
    fn other_provider_errors_are_named() {
        let error = parse_callback("error=server_error&state=s-42", &expected()).expect_err("err");
        assert_eq!(error, CallbackError::Provider("server_error".into()));
    }

    #[test]
    fn a_duplicated_state_parameter_cannot_override_the_first() {
        let error = parse_callback("state=evil&code=AQB&state=s-42", &expected()).expect_err("dup");
        assert_eq!(error, CallbackError::StateMismatch);
    }

    #[test]
    fn complete_login_returns_code_and_verifier_of_the_pending_attempt() {
        let attempt = LoginAttempt::start(&[9; 32], &[3; 16], 1_000).expect("attempt");
        let state = attempt.state().secret().to_owned();
        let stored = attempt.to_json();
        let query = format!("?code=AQB&state={state}");
        let verified = complete_login(Some(&stored), &query, 61_000).expect("completes");
        assert_eq!(verified.code.secret(), "AQB");
        assert_eq!(verified.verifier.secret().len(), 43);
    }

    #[test]
    fn complete_login_without_pending_attempt_or_after_expiry_fails_plainly() {
        assert_eq!(
            complete_login(None, "code=AQB&state=x", 0).err(),
            Some(CallbackError::NoPendingLogin)
        );
        let attempt = LoginAttempt::start(&[9; 32], &[3; 16], 0).expect("attempt");
        let query = format!("code=AQB&state={}", attempt.state().secret());
        let too_late = LoginAttempt::MAX_AGE_MS + 1;
        assert_eq!(
            complete_login(Some(&attempt.to_json()), &query, too_late).err(),
            Some(CallbackError::Expired)
        );
        assert_eq!(
            complete_login(Some("not json"), &query, 0).err(),
            Some(CallbackError::NoPendingLogin)
        );
    }

    #[test]
    fn denial_is_reported_even_without_a_pending_attempt() {
        assert_eq!(
            complete_login(None, "error=access_denied", 0).err(),
            Some(CallbackError::Denied)
        );
    }
}
