//! The Insights page: top tracks and artists by period, recently played, exports. State and
//! effects in `use_insights.rs` ([`InsightsProvider`](use_insights::InsightsProvider) keeps the
//! lists above the pages), the reducer in `model.rs`, the page, its lists and `text.rs`.

pub mod lists;
pub mod model;
pub mod page;
pub mod range_switch;
pub mod tabs;
pub mod text;
pub mod use_insights;
