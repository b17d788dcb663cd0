//! What the player does with each report about its device: every SDK event (`PlayerEvent`),
//! a failed Web API command and a failed SDK call, mapped to model actions and the reads that
//! follow. Pure, so the whole mapping is tested natively (`events_tests.rs`); the handle
//! (`handle.rs`) performs the steps.

use chorus_core::player::PlayerAction;
use chorus_sdk::{PlayerEvent, SdkError};

use super::{
    model::{DevicePhase, PlayerModelAction, RemoteReason},
    text,
};
use crate::{services::web_api::ApiError, ui::notice::Notice};

/// One thing to do in answer to a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Dispatch(PlayerModelAction),
    /// Read the account's devices again (`GET me/player/devices`): to name the device that took
    /// over, or to list this tab's new one.
    RefreshDevices,
    /// Read what the account plays (`GET me/player`).
    PollPlayback,
}

/// The steps for one SDK event received at `now_ms`. (`authentication_error` reaches this only
/// when the silent recovery in `recovery.rs` is not tried or did not help.)
pub fn on_event(event: &PlayerEvent, now_ms: u64) -> Vec<Step> {
    use PlayerModelAction as Action;
    let dispatch = |action| vec![Step::Dispatch(action)];
    let failed = |problem| dispatch(Action::Phase(DevicePhase::Failed(problem)));
    match event {
        PlayerEvent::Ready { device_id } => vec![
            Step::Dispatch(Action::Core(PlayerAction::DeviceReady {
                device_id: device_id.clone(),
            })),
            Step::Dispatch(Action::Notice(None)),
            Step::RefreshDevices,
            // Already playing on another device of the account? Show it (and offer "Play here").
            Step::PollPlayback,
        ],
        PlayerEvent::NotReady { .. } => {
            dispatch(Action::Core(PlayerAction::DeviceNotReady { at_ms: now_ms }))
        }
        PlayerEvent::StateChanged(state) => {
            let mut steps = dispatch(Action::Core(PlayerAction::from_sdk(state.clone(), now_ms)));
            if state.is_none() {
                // Playback left this device: name the device that took over.
                steps.extend([Step::RefreshDevices, Step::PollPlayback]);
            }
            steps
        }
        PlayerEvent::AutoplayFailed => dispatch(Action::AutoplayBlocked(true)),
        // This browser cannot play (no protected content): it is a remote for the account's
        // other devices instead. What plays, and where, is the Web API's to say.
        PlayerEvent::InitializationError { message } => vec![
            Step::Dispatch(Action::Phase(DevicePhase::Remote(
                RemoteReason::CannotPlay {
                    message: message.clone(),
                },
            ))),
            Step::RefreshDevices,
            Step::PollPlayback,
        ],
        PlayerEvent::AuthenticationError { message } => failed(text::sign_in_refused(message)),
        PlayerEvent::AccountError { .. } => dispatch(Action::Phase(DevicePhase::PremiumRequired)),
        PlayerEvent::PlaybackError { message } => dispatch(Action::Notice(Some(Notice::error(
            text::playback_failed(message),
        )))),
        PlayerEvent::BindingError(error) => dispatch(Action::Notice(Some(Notice::info(
            text::binding_failed(error),
        )))),
    }
}

/// A Web API command of the player failed: the optimistic state is undone, and the failure
/// shown — Premium-required turns the player read-only.
pub fn on_command_failed(error: &ApiError) -> Vec<PlayerModelAction> {
    let shown = match error {
        ApiError::Spotify(error) if error.is_premium_required() => {
            PlayerModelAction::Phase(DevicePhase::PremiumRequired)
        }
        other => PlayerModelAction::Notice(Some(Notice::error(other.in_plain_words()))),
    };
    vec![PlayerModelAction::Core(PlayerAction::LocalFailed), shown]
}

/// An SDK call (pause, seek, volume…) failed: the optimistic state is undone, and said.
pub fn on_sdk_call_failed(error: &SdkError) -> Vec<PlayerModelAction> {
    vec![
        PlayerModelAction::Core(PlayerAction::LocalFailed),
        PlayerModelAction::Notice(Some(Notice::error(text::sdk_call_failed(error)))),
    ]
}

#[cfg(test)]
#[path = "events_tests.rs"]
mod tests;
