//! This tab's Web Playback device: its model, its hook and the Player page.

pub mod device_picker;
pub mod model;
pub mod now_playing;
pub mod page;
pub mod progress_bar;
pub mod transport;
pub mod use_player;
pub mod volume;
