//! Pieces shared by the features: render-only components (props in, callbacks out), the one
//! [`Notice`](notice::Notice) and the one [`Problem`](problem::Problem) with their components,
//! the page tabs, and the clock hook.

pub mod banner;
pub mod icon;
pub mod links;
pub mod media_row;
pub mod nav_tabs;
pub mod notice;
pub mod problem;
pub mod progress_panel;
pub mod sandbox_badge;
pub mod text;
pub mod toasts;
pub mod use_clock;
