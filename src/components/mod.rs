//! Render-only components: props in, callbacks out.

pub mod also_here;
pub mod command_bar;
pub mod device_picker;
pub mod error_panel;
pub mod favorites_list;
pub mod favorites_settings;
pub mod icon;
pub mod insights_lists;
pub mod listener_badge;
pub mod media_row;
pub mod nav_tabs;
pub mod new_playlist;
pub mod now_playing;
pub mod play_count;
pub mod playlist_list;
pub mod progress_bar;
pub mod queue_list;
pub mod range_switch;
pub mod sandbox_badge;
pub mod search_results;
pub mod transport;
pub mod volume;
