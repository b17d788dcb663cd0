//! Reducers: plain data in, plain data out; effects live in hooks.

pub mod favorites;
pub mod library;
pub mod player;
pub mod session;
