//! Render-only pieces shared by the features (props in, callbacks out), and the clock hook.

pub mod error_panel;
pub mod icon;
pub mod media_row;
pub mod nav_tabs;
pub mod sandbox_badge;
pub mod use_clock;
