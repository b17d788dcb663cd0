//! The command bar (Ctrl-K or /): typed commands.

pub mod bar;
pub mod commands;
pub mod model;
pub mod use_command_bar;
