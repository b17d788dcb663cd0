//! The player screen's logic (docs/ux.md "Player", "Telling tabs apart"): the state reducer,
//! time and title formatting, and the listener colour.

pub mod colour;
pub mod devices;
pub mod format;
pub mod now_playing;
pub mod polling;
pub mod resume;
pub mod state;

pub use colour::ListenerColour;
pub use devices::{chorus_device_name, is_chorus_device, CHORUS_DEVICE_PREFIX};
pub use format::{elapsed_and_remaining, mm_ss, tab_title};
pub use now_playing::{NowPlaying, Restrictions};
pub use resume::{how_to_resume, HowToResume, ResumePoint};
pub use state::{Activity, LocalCommand, Location, PlayerAction, PlayerState};

#[cfg(test)]
mod properties;
