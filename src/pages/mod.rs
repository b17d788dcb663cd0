//! One module per screen.

pub mod commands;
pub mod favorites;
pub mod home;
pub mod insights;
pub mod library;
pub mod player;
pub mod signing_in;
pub mod welcome;
