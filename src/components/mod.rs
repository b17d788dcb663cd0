//! Render-only components: props in, callbacks out.

pub mod also_here;
pub mod error_panel;
pub mod listener_badge;
pub mod sandbox_badge;
