//! Render-only components: props in, callbacks out.

pub mod also_here;
pub mod device_picker;
pub mod error_panel;
pub mod icon;
pub mod listener_badge;
pub mod now_playing;
pub mod progress_bar;
pub mod sandbox_badge;
pub mod transport;
pub mod volume;
