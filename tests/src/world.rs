//! Reading the sandbox's world (`GET /_sandbox/state`) in tests: one account's entry, whether
//! it plays, its Chorus tab device, and waiting until the world reaches a condition.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{HarnessError, Result, Stack};

/// How long [`until_sandbox`] waits before it fails.
const SANDBOX_WAIT: Duration = Duration::from_secs(15);

/// The `accounts[]` entry of `user_id`.
pub fn account<'a>(state: &'a Value, user_id: &str) -> Option<&'a Value> {
    state["accounts"]
        .as_array()?
        .iter()
        .find(|a| a["user_id"] == user_id)
}

/// Whether `user_id`'s account is playing (on any device).
pub fn is_playing(state: &Value, user_id: &str) -> bool {
    account(state, user_id).is_some_and(|a| a["playback"]["is_playing"] == Value::Bool(true))
}

/// The id of `user_id`'s Chorus tab device (the first `Chorus · …` device of the account).
pub fn tab_device(state: &Value, user_id: &str) -> Option<String> {
    account(state, user_id)?["devices"]
        .as_array()?
        .iter()
        .find(|d| {
            d["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Chorus · "))
        })?["id"]
        .as_str()
        .map(str::to_owned)
}

/// Polls the sandbox's state until `check` holds (no fixed sleep) and returns that state;
/// fails after 15 s naming `what` and showing the last state.
pub async fn until_sandbox(
    stack: &Stack,
    what: &str,
    check: impl Fn(&Value) -> bool,
) -> Result<Value> {
    let deadline = Instant::now() + SANDBOX_WAIT;
    loop {
        let state = stack.sandbox_state().await?;
        if check(&state) {
            return Ok(state);
        }
        if Instant::now() >= deadline {
            return Err(HarnessError::Assertion(format!(
                "the sandbox never reached: {what}; last state: {state}"
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
