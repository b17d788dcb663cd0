//! The only app code that touches browser APIs (fetch, storage, locks, navigation, …).

pub mod auth;
pub mod browser;
pub mod config;
pub mod document;
pub mod files;
pub mod idb;
pub mod input;
pub mod locks;
pub mod media;
pub mod media_session;
pub mod presence;
pub mod storage;
pub mod tab_session;
pub mod token_client;
pub mod visibility;
pub mod watchers;
pub mod web_api;
