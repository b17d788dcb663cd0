//! The tab's session id: one per tab, kept in sessionStorage so it survives a reload, and
//! sent to the proxy as `X-Chorus-Session` (chorus-core's `protocol`; its refresh-token cookie is
//! named after a keyed hash of it).
//!
//! A duplicated tab (or a `window.open` without `noopener`) starts with a copy of its
//! original's sessionStorage, so it would inherit the same id. Each tab therefore holds the
//! Web Lock `chorus-tab:<one-way tag of the id>` for its lifetime (chorus-core's
//! `shared_names`: every page can list lock names, so the id itself is never in one); a tab
//! that finds the lock taken is a duplicate and takes a new id of its own, and drops the copy
//! of its original's keys: it signs in on its own and never refreshes (and so never revokes)
//! its original's tokens.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chorus_core::{protocol::SessionId, shared_names};

use super::{
    browser::{random_bytes, BrowserError},
    locks,
    storage::{raw, TabStorage},
};

const SESSION_KEY: &str = "chorus.session";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabSession {
    pub id: String,
    /// True when this tab turned out to be a copy of another (its keys were dropped).
    pub duplicated: bool,
}

pub async fn establish() -> Result<TabSession, BrowserError> {
    // A tab opened without `noopener` could reach its opener's sessionStorage (its session
    // id and tokens) through `window.opener`; a Chorus tab never needs its opener.
    if let Ok(window) = super::browser::window() {
        let _ = window.set_opener(&wasm_bindgen::JsValue::NULL);
    }
    let storage = raw()?;
    let existing = storage
        .get_item(SESSION_KEY)
        .ok()
        .flatten()
        .filter(|id| SessionId::parse(id).is_ok());
    if let Some(id) = existing {
        if locks::hold_for_page_lifetime(&shared_names::tab_lock(&id)).await? {
            return Ok(TabSession {
                id,
                duplicated: false,
            });
        }
        let fresh = new_owned_id().await?;
        storage
            .set_item(SESSION_KEY, &fresh)
            .map_err(BrowserError::from_js)?;
        // This tab's copy of its original's tokens and pending sign-in: not this tab's to use.
        TabStorage::new(&id).clear();
        return Ok(TabSession {
            id: fresh,
            duplicated: true,
        });
    }
    let fresh = new_owned_id().await?;
    storage
        .set_item(SESSION_KEY, &fresh)
        .map_err(BrowserError::from_js)?;
    Ok(TabSession {
        id: fresh,
        duplicated: false,
    })
}

async fn new_owned_id() -> Result<String, BrowserError> {
    // 24 random bytes: 32 characters of [A-Za-z0-9_-], a valid `protocol::SessionId`.
    for _ in 0..3 {
        let id = URL_SAFE_NO_PAD.encode(random_bytes(24)?);
        if locks::hold_for_page_lifetime(&shared_names::tab_lock(&id)).await? {
            return Ok(id);
        }
    }
    Err(BrowserError::Refused(
        "could not reserve a session for this tab".into(),
    ))
}
