//! This tab's sessionStorage, with every key scoped by the tab's session id
//! (`chorus.<session>.<name>`): a duplicated tab copies sessionStorage, and the scoping is
//! what keeps a copy from being mistaken for its original's.
//!
//! Tokens are never written to localStorage, IndexedDB or the URL; only here, per tab.

use super::browser::{window, BrowserError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabStorage {
    prefix: String,
}

impl TabStorage {
    pub fn new(session_id: &str) -> Self {
        Self {
            prefix: format!("chorus.{session_id}."),
        }
    }

    pub fn get(&self, name: &str) -> Option<String> {
        raw().ok()?.get_item(&self.key(name)).ok().flatten()
    }

    pub fn set(&self, name: &str, value: &str) -> Result<(), BrowserError> {
        raw()?
            .set_item(&self.key(name), value)
            .map_err(BrowserError::from_js)
    }

    pub fn remove(&self, name: &str) {
        if let Ok(storage) = raw() {
            let _ = storage.remove_item(&self.key(name));
        }
    }

    /// Removes every key of this session from this tab's sessionStorage.
    pub fn clear(&self) {
        let Ok(storage) = raw() else { return };
        let length = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(&self.prefix))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }

    fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }
}

/// The unscoped sessionStorage (only the session id itself lives there).
pub(crate) fn raw() -> Result<web_sys::Storage, BrowserError> {
    window()?
        .session_storage()
        .map_err(BrowserError::from_js)?
        .ok_or_else(|| BrowserError::Refused("sessionStorage is disabled".into()))
}
