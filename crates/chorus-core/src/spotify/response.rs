//! Reading a Web API answer (contract §2): 204 or an empty body is "nothing", 2xx is parsed,
//! anything else becomes a typed `WebApiError`; 429's `Retry-After` and the short retry after
//! the SDK's `ready` are decided here too.

use serde::de::DeserializeOwned;

use super::error::WebApiError;

/// Why an answer could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiFailure {
    #[error(transparent)]
    Api(#[from] WebApiError),
    #[error("Spotify sent an answer Chorus cannot read ({0})")]
    Decode(String),
}

/// Reads an answer: `Ok(None)` for 204 / empty 2xx, `Ok(Some(T))` for a 2xx body.
pub fn read_response<T: DeserializeOwned>(
    status: u16,
    body: &str,
) -> Result<Option<T>, ApiFailure> {
    match status {
        200..=299 if status == 204 || body.trim().is_empty() => Ok(None),
        200..=299 => serde_json::from_str(body)
            .map(Some)
            .map_err(|e| ApiFailure::Decode(e.to_string())),
        _ => Err(WebApiError::from_response(status, body).into()),
    }
}

/// Milliseconds to wait after a 429: the `Retry-After` seconds when readable, else 1 s
/// (contract §2: rate limits roll over 30 s; the header is authoritative when present).
pub fn retry_after_ms(header: Option<&str>) -> u64 {
    header
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map_or(1_000, |seconds| seconds.saturating_mul(1000))
}

/// Delays before retrying a play or transfer that got 404 right after the SDK's `ready`
/// (contract §2: the device takes a moment to register). `None`: give up and report.
pub fn device_registration_backoff_ms(attempt: u32) -> Option<u64> {
    const DELAYS_MS: [u64; 4] = [250, 500, 1_000, 2_000];
    usize::try_from(attempt)
        .ok()
        .and_then(|i| DELAYS_MS.get(i).copied())
}

/// How many 429s in a row one call waits out before the 429 counts.
pub const MAX_RATE_LIMIT_WAITS: u32 = 3;

/// The rules one Web API call is sent under (contract §2): which answers are waited out and
/// tried again before they count. The app's runner performs the waits; this decides them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retries {
    registering_device: bool,
    rate_limit_waits: u32,
    registration_attempts: u32,
    last_try: bool,
}

/// What to do with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// It counts: hand it back (success or failure).
    Answer,
    /// A 429: wait its `Retry-After`, then send again.
    WaitRateLimit { ms: u64 },
    /// A 404 while Spotify registers this tab's device: wait, then send again.
    WaitRegistration { ms: u64 },
}

impl Retries {
    /// A call to the Web API in general.
    pub fn for_call() -> Self {
        Self {
            registering_device: false,
            rate_limit_waits: 0,
            registration_attempts: 0,
            last_try: false,
        }
    }

    /// A call to this tab's device right after the SDK's `ready`: a 404 may only mean Spotify
    /// has not registered it yet, so it is retried with [`device_registration_backoff_ms`]
    /// (and once more after the last delay) before it counts.
    pub fn for_registering_device() -> Self {
        Self {
            registering_device: true,
            ..Self::for_call()
        }
    }

    /// The step after an answer with `status` (and, for a 429, `retry_after_ms`).
    pub fn after(&mut self, status: u16, retry_after_ms: u64) -> NextStep {
        match status {
            429 if self.rate_limit_waits < MAX_RATE_LIMIT_WAITS => {
                self.rate_limit_waits += 1;
                NextStep::WaitRateLimit { ms: retry_after_ms }
            }
            404 if self.registering_device && !self.last_try => {
                match device_registration_backoff_ms(self.registration_attempts) {
                    Some(ms) => {
                        self.registration_attempts += 1;
                        NextStep::WaitRegistration { ms }
                    }
                    None => {
                        self.last_try = true;
                        NextStep::WaitRegistration { ms: 0 }
                    }
                }
            }
            _ => NextStep::Answer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spotify::{ApiErrorKind, PlaybackState, User};

    #[test]
    fn no_content_and_empty_bodies_read_as_nothing() {
        assert_eq!(read_response::<PlaybackState>(204, ""), Ok(None));
        assert_eq!(read_response::<PlaybackState>(200, "  "), Ok(None));
    }

    #[test]
    fn a_2xx_body_is_parsed_and_a_bad_one_is_a_decode_failure() {
        let user = read_response::<User>(200, r#"{"id":"alice"}"#).expect("parses");
        assert_eq!(user.map(|u| u.id), Some("alice".to_owned()));
        assert!(matches!(
            read_response::<User>(200, "{"),
            Err(ApiFailure::Decode(_))
        ));
    }

    #[test]
    fn an_error_status_becomes_a_typed_api_error() {
        let failure = read_response::<User>(
            403,
            r#"{"error":{"status":403,"message":"User not registered in the Developer Dashboard"}}"#,
        )
        .expect_err("403");
        let ApiFailure::Api(error) = failure else {
            panic!("api error")
        };
        assert_eq!(error.kind(), ApiErrorKind::NotRegistered);
    }

    #[test]
    fn retry_after_reads_seconds_and_defaults_to_one() {
        assert_eq!(retry_after_ms(Some(" 7 ")), 7_000);
        assert_eq!(retry_after_ms(Some("soon")), 1_000);
        assert_eq!(retry_after_ms(None), 1_000);
    }

    #[test]
    fn registration_backoff_grows_then_gives_up() {
        let delays: Vec<u64> = (0..).map_while(device_registration_backoff_ms).collect();
        assert_eq!(delays, vec![250, 500, 1_000, 2_000]);
    }

    /// The steps for a run of answers with `statuses`, each 429 asking for 2 s.
    fn steps(mut retries: Retries, statuses: &[u16]) -> Vec<NextStep> {
        statuses
            .iter()
            .map(|&status| retries.after(status, 2_000))
            .collect()
    }

    #[test]
    fn a_429_is_waited_out_three_times_then_counts() {
        let wait = NextStep::WaitRateLimit { ms: 2_000 };
        assert_eq!(
            steps(Retries::for_call(), &[429, 429, 429, 429]),
            [wait, wait, wait, NextStep::Answer]
        );
        assert_eq!(
            steps(Retries::for_call(), &[429, 200]),
            [wait, NextStep::Answer]
        );
    }

    #[test]
    fn a_404_counts_at_once_unless_the_device_is_registering() {
        assert_eq!(steps(Retries::for_call(), &[404]), [NextStep::Answer]);
        let waited: Vec<NextStep> = steps(
            Retries::for_registering_device(),
            &[404, 404, 404, 404, 404, 404],
        );
        let ms = |ms| NextStep::WaitRegistration { ms };
        assert_eq!(
            waited,
            [
                ms(250),
                ms(500),
                ms(1_000),
                ms(2_000),
                ms(0),
                NextStep::Answer
            ],
            "the backoff, one more try, then the 404 counts"
        );
    }

    #[test]
    fn answers_that_are_not_waited_out_count_as_they_come() {
        for status in [200, 204, 401, 403, 500] {
            assert_eq!(
                Retries::for_registering_device().after(status, 0),
                NextStep::Answer
            );
        }
    }
}
