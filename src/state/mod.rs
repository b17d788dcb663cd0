//! Reducers: plain data in, plain data out; effects live in hooks.

pub mod player;
pub mod session;
