//! The Insights page: top tracks and artists by period, recently played, exports.

pub mod lists;
pub mod model;
pub mod page;
pub mod range_switch;
pub mod use_insights;
