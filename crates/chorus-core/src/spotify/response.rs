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
}
