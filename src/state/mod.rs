//! Reducers: plain data in, plain data out; effects live in hooks.

pub mod command_bar;
pub mod favorites;
pub mod insights;
pub mod library;
pub mod player;
pub mod session;
