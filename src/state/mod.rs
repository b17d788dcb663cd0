//! Reducers: plain data in, plain data out; effects live in hooks.

pub mod insights;
pub mod command_bar;
pub mod library;
pub mod player;
pub mod session;
