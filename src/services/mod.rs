//! The only app code that touches browser APIs (fetch, storage, locks, …).

pub mod config;
