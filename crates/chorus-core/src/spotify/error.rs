//! Web API error bodies (contract §2 "Errors"): `{"error":{"status","message","reason"?}}`,
//! classified into the cases the app reacts to differently.

use serde::{Deserialize, Serialize};

/// The `reason` of a failed player command (contract §2), plus `QUOTA_EXCEEDED` seen on 429.
/// A code Spotify adds later is kept in `Unrecognized` rather than failing the parse.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum PlayerReason {
    NoPrevTrack,
    NoNextTrack,
    NoSpecificTrack,
    AlreadyPaused,
    NotPaused,
    NotPlayingLocally,
    NotPlayingTrack,
    NotPlayingContext,
    EndlessContext,
    ContextDisallow,
    AlreadyPlaying,
    RateLimited,
    RemoteControlDisallow,
    DeviceNotControllable,
    VolumeControlDisallow,
    NoActiveDevice,
    PremiumRequired,
    /// Spotify's own `UNKNOWN` reason (e.g. "Restriction violated").
    Unknown,
    QuotaExceeded,
    /// A reason this version of Chorus does not know.
    Unrecognized(String),
}

const REASON_CODES: [(PlayerReason, &str); 19] = [
    (PlayerReason::NoPrevTrack, "NO_PREV_TRACK"),
    (PlayerReason::NoNextTrack, "NO_NEXT_TRACK"),
    (PlayerReason::NoSpecificTrack, "NO_SPECIFIC_TRACK"),
    (PlayerReason::AlreadyPaused, "ALREADY_PAUSED"),
    (PlayerReason::NotPaused, "NOT_PAUSED"),
    (PlayerReason::NotPlayingLocally, "NOT_PLAYING_LOCALLY"),
    (PlayerReason::NotPlayingTrack, "NOT_PLAYING_TRACK"),
    (PlayerReason::NotPlayingContext, "NOT_PLAYING_CONTEXT"),
    (PlayerReason::EndlessContext, "ENDLESS_CONTEXT"),
    (PlayerReason::ContextDisallow, "CONTEXT_DISALLOW"),
    (PlayerReason::AlreadyPlaying, "ALREADY_PLAYING"),
    (PlayerReason::RateLimited, "RATE_LIMITED"),
    (
        PlayerReason::RemoteControlDisallow,
        "REMOTE_CONTROL_DISALLOW",
    ),
    (
        PlayerReason::DeviceNotControllable,
        "DEVICE_NOT_CONTROLLABLE",
    ),
    (
        PlayerReason::VolumeControlDisallow,
        "VOLUME_CONTROL_DISALLOW",
    ),
    (PlayerReason::NoActiveDevice, "NO_ACTIVE_DEVICE"),
    (PlayerReason::PremiumRequired, "PREMIUM_REQUIRED"),
    (PlayerReason::Unknown, "UNKNOWN"),
    (PlayerReason::QuotaExceeded, "QUOTA_EXCEEDED"),
];

impl PlayerReason {
    /// The code as Spotify writes it.
    pub fn code(&self) -> &str {
        if let PlayerReason::Unrecognized(code) = self {
            return code;
        }
        REASON_CODES
            .iter()
            .find(|(reason, _)| reason == self)
            .map_or("UNKNOWN", |(_, code)| code)
    }
}

impl From<String> for PlayerReason {
    fn from(code: String) -> Self {
        REASON_CODES
            .iter()
            .find(|(_, known)| *known == code)
            .map_or(PlayerReason::Unrecognized(code), |(reason, _)| {
                reason.clone()
            })
    }
}

impl From<PlayerReason> for String {
    fn from(reason: PlayerReason) -> Self {
        reason.code().to_owned()
    }
}

/// A Web API error as sent: `{"error":{"status":N,"message":TEXT,"reason":REASON?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("Spotify answered {status}: {message}")]
pub struct WebApiError {
    pub status: u16,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<PlayerReason>,
}

#[derive(Deserialize)]
struct Envelope {
    error: WebApiError,
}

/// The cases the app handles differently; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// 401 `The access token expired`: refresh once and retry.
    ExpiredToken,
    /// Any other 401, or 400 `Only valid bearer authentication supported`.
    BadToken,
    /// 403 `PREMIUM_REQUIRED`: this account cannot play in the browser.
    PremiumRequired,
    /// 403 `User not registered in the Developer Dashboard` (development-mode allowlist).
    NotRegistered,
    /// 404 `NO_ACTIVE_DEVICE`: transfer to this tab's device first.
    NoActiveDevice,
    /// 404 `Device not found`: the device id is stale; re-read devices.
    DeviceNotFound,
    /// 429: wait `Retry-After` seconds.
    RateLimited,
    /// 403 player restriction (e.g. pause when already paused): harmless, refresh the state.
    Restricted,
    Other,
}

impl ApiErrorKind {
    /// What happened and what to do next, in plain words (docs/ux.md "Feel": every error says both).
    pub fn plain_words(self) -> &'static str {
        match self {
            ApiErrorKind::ExpiredToken | ApiErrorKind::BadToken => {
                "Your Spotify session in this tab ended. Connect again to continue."
            }
            ApiErrorKind::PremiumRequired => {
                "Playing music needs Spotify Premium on this account. You can still browse and see your stats."
            }
            ApiErrorKind::NotRegistered => {
                "This Spotify account is not on this app's list of allowed users. Ask whoever runs Chorus to add it."
            }
            ApiErrorKind::NoActiveDevice => {
                "Nothing is playing on any of your devices. Press play here to start in this tab."
            }
            ApiErrorKind::DeviceNotFound => {
                "That device is no longer available. Pick another one from the device list."
            }
            ApiErrorKind::RateLimited => "Spotify asks us to slow down. Trying again in a moment.",
            ApiErrorKind::Restricted => "Spotify did not allow that right now. The player shows the current state.",
            ApiErrorKind::Other => "Spotify could not do that. Please try again.",
        }
    }
}

impl WebApiError {
    /// Parses an error body; `None` when the body is not Spotify's error envelope.
    pub fn parse(body: &str) -> Option<Self> {
        serde_json::from_str::<Envelope>(body)
            .ok()
            .map(|envelope| envelope.error)
    }

    /// Parses an error body, falling back to the HTTP status and a short excerpt of the body
    /// (a proxy's HTML page, an empty 502) so that every failure still has a typed value.
    pub fn from_response(http_status: u16, body: &str) -> Self {
        Self::parse(body).unwrap_or_else(|| WebApiError {
            status: http_status,
            message: body.trim().chars().take(120).collect(),
            reason: None,
        })
    }

    pub fn kind(&self) -> ApiErrorKind {
        if self.is_expired_token() {
            ApiErrorKind::ExpiredToken
        } else if self.status == 401 || self.message == "Only valid bearer authentication supported"
        {
            ApiErrorKind::BadToken
        } else if self.is_premium_required() {
            ApiErrorKind::PremiumRequired
        } else if self.is_not_registered() {
            ApiErrorKind::NotRegistered
        } else if self.is_no_active_device() {
            ApiErrorKind::NoActiveDevice
        } else if self.status == 404 && self.message == "Device not found" {
            ApiErrorKind::DeviceNotFound
        } else if self.is_rate_limited() {
            ApiErrorKind::RateLimited
        } else if self.status == 403 && self.reason.is_some() {
            ApiErrorKind::Restricted
        } else {
            ApiErrorKind::Other
        }
    }

    /// 401 `The access token expired`.
    pub fn is_expired_token(&self) -> bool {
        self.status == 401 && self.message == "The access token expired"
    }

    /// 403 with reason `PREMIUM_REQUIRED` (message `Player command failed: Premium required`).
    pub fn is_premium_required(&self) -> bool {
        self.reason == Some(PlayerReason::PremiumRequired)
            || (self.status == 403 && self.message.ends_with("Premium required"))
    }

    /// 403 `User not registered in the Developer Dashboard`.
    pub fn is_not_registered(&self) -> bool {
        self.status == 403 && self.message == "User not registered in the Developer Dashboard"
    }

    /// 404 with reason `NO_ACTIVE_DEVICE`.
    pub fn is_no_active_device(&self) -> bool {
        self.reason == Some(PlayerReason::NoActiveDevice)
            || (self.status == 404 && self.message.ends_with("No active device found"))
    }

    /// 429, with or without `QUOTA_EXCEEDED`.
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429
            || matches!(
                self.reason,
                Some(PlayerReason::RateLimited | PlayerReason::QuotaExceeded)
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> WebApiError {
        WebApiError::parse(body).expect("error envelope parses")
    }

    #[test]
    fn expired_token_is_told_apart_from_other_401s() {
        let expired = parse(r#"{"error":{"status":401,"message":"The access token expired"}}"#);
        assert!(expired.is_expired_token());
        assert_eq!(expired.kind(), ApiErrorKind::ExpiredToken);
        let invalid = parse(r#"{"error":{"status":401,"message":"Invalid access token"}}"#);
        assert!(!invalid.is_expired_token());
        assert_eq!(invalid.kind(), ApiErrorKind::BadToken);
        let none = parse(r#"{"error":{"status":401,"message":"No token provided"}}"#);
        assert_eq!(none.kind(), ApiErrorKind::BadToken);
        let malformed = parse(
            r#"{"error":{"status":400,"message":"Only valid bearer authentication supported"}}"#,
        );
        assert_eq!(malformed.kind(), ApiErrorKind::BadToken);
    }

    #[test]
    fn premium_required_player_error_is_recognised() {
        let error = parse(
            r#"{"error":{"status":403,"message":"Player command failed: Premium required","reason":"PREMIUM_REQUIRED"}}"#,
        );
        assert_eq!(error.reason, Some(PlayerReason::PremiumRequired));
        assert!(error.is_premium_required());
        assert_eq!(error.kind(), ApiErrorKind::PremiumRequired);
    }

    #[test]
    fn developer_dashboard_allowlist_error_is_recognised() {
        let error = parse(
            r#"{"error":{"status":403,"message":"User not registered in the Developer Dashboard"}}"#,
        );
        assert!(error.is_not_registered());
        assert!(!error.is_premium_required());
        assert_eq!(error.kind(), ApiErrorKind::NotRegistered);
    }

    #[test]
    fn no_active_device_and_device_not_found_differ() {
        let no_active = parse(
            r#"{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}"#,
        );
        assert_eq!(no_active.kind(), ApiErrorKind::NoActiveDevice);
        let not_found = parse(r#"{"error":{"status":404,"message":"Device not found"}}"#);
        assert_eq!(not_found.kind(), ApiErrorKind::DeviceNotFound);
    }

    #[test]
    fn restriction_violated_with_unknown_reason_is_a_restriction() {
        let error = parse(
            r#"{"error":{"status":403,"message":"Player command failed: Restriction violated","reason":"UNKNOWN"}}"#,
        );
        assert_eq!(error.reason, Some(PlayerReason::Unknown));
        assert_eq!(error.kind(), ApiErrorKind::Restricted);
    }

    #[test]
    fn rate_limit_with_quota_reason_is_rate_limited() {
        let error = parse(
            r#"{"error":{"status":429,"message":"API rate limit exceeded","reason":"QUOTA_EXCEEDED"}}"#,
        );
        assert_eq!(error.reason, Some(PlayerReason::QuotaExceeded));
        assert_eq!(error.kind(), ApiErrorKind::RateLimited);
    }

    #[test]
    fn every_contract_reason_round_trips_and_new_ones_are_kept() {
        let codes = "NO_PREV_TRACK NO_NEXT_TRACK NO_SPECIFIC_TRACK ALREADY_PAUSED NOT_PAUSED \
            NOT_PLAYING_LOCALLY NOT_PLAYING_TRACK NOT_PLAYING_CONTEXT ENDLESS_CONTEXT \
            CONTEXT_DISALLOW ALREADY_PLAYING RATE_LIMITED REMOTE_CONTROL_DISALLOW \
            DEVICE_NOT_CONTROLLABLE VOLUME_CONTROL_DISALLOW NO_ACTIVE_DEVICE PREMIUM_REQUIRED UNKNOWN";
        for code in codes.split_whitespace() {
            let reason = PlayerReason::from(code.to_owned());
            assert!(
                !matches!(reason, PlayerReason::Unrecognized(_)),
                "{code} should be a known reason"
            );
            assert_eq!(reason.code(), code);
        }
        let future = PlayerReason::from("SOMETHING_NEW".to_owned());
        assert_eq!(future, PlayerReason::Unrecognized("SOMETHING_NEW".into()));
        assert_eq!(future.code(), "SOMETHING_NEW");
    }

    #[test]
    fn every_kind_has_plain_words_with_a_next_step() {
        let kinds = [
            ApiErrorKind::ExpiredToken,
            ApiErrorKind::BadToken,
            ApiErrorKind::PremiumRequired,
            ApiErrorKind::NotRegistered,
            ApiErrorKind::NoActiveDevice,
            ApiErrorKind::DeviceNotFound,
            ApiErrorKind::RateLimited,
            ApiErrorKind::Restricted,
            ApiErrorKind::Other,
        ];
        for kind in kinds {
            let words = kind.plain_words();
            assert!(
                words.split(". ").count() >= 2,
                "{kind:?} needs what happened and what to do: {words}"
            );
            assert!(
                !words.contains("403") && !words.contains("reason"),
                "no jargon: {words}"
            );
        }
        assert!(ApiErrorKind::PremiumRequired
            .plain_words()
            .contains("Premium"));
    }

    #[test]
    fn a_non_spotify_body_falls_back_to_the_http_status() {
        assert_eq!(WebApiError::parse("<html>Bad gateway</html>"), None);
        let error = WebApiError::from_response(502, "<html>Bad gateway</html>");
        assert_eq!(error.status, 502);
        assert_eq!(error.kind(), ApiErrorKind::Other);
    }
}
