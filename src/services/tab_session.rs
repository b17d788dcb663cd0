//! The tab's session id: one per tab, kept in sessionStorage so it survives a reload, and
//! sent to the proxy as `X-Chorus-Session` (chorus-core's `protocol`; its refresh-token cookie is
//! named after a keyed hash of it).
//!
//! A duplicated tab (or a `window.open` without `noopener`) starts with a copy of its
//! original's sessionStorage, so it would inherit the same id. Each tab therefore holds the
//! Web Lock `chorus-tab:<id>` for its lifetime; a tab that finds the lock taken is a
//! duplicate and takes a new id of its own: it signs in on its own and never refreshes (and
//! so never revokes) its original's tokens.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chorus_core::protocol::SessionId;

use super::{
    browser::{random_bytes, BrowserError},
    locks,
    storage::raw,
};

const SESSION_KEY: &str = "chorus.session";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabSession {
    pub id: String,
    /// The id this tab was copied from, when it turned out to be a duplicate.
    pub duplicated_from: Option<String>,
}

pub async fn establish() -> Result<TabSession, BrowserError> {
    let storage = raw()?;
    let existing = storage
        .get_item(SESSION_KEY)
        .ok()
        .flatten()
        .filter(|id| SessionId::parse(id).is_ok());
    if let Some(id) = existing {
        if locks::hold_for_page_lifetime(&lock_name(&id)).await? {
            return Ok(TabSession {
                id,
                duplicated_from: None,
            });
        }
        let fresh = new_owned_id().await?;
        storage
            .set_item(SESSION_KEY, &fresh)
            .map_err(BrowserError::from_js)?;
        return Ok(TabSession {
            id: fresh,
            duplicated_from: Some(id),
        });
    }
    let fresh = new_owned_id().await?;
    storage
        .set_item(SESSION_KEY, &fresh)
        .map_err(BrowserError::from_js)?;
    Ok(TabSession {
        id: fresh,
        duplicated_from: None,
    })
}

async fn new_owned_id() -> Result<String, BrowserError> {
    // 24 random bytes: 32 characters of [A-Za-z0-9_-], a valid `protocol::SessionId`.
    for _ in 0..3 {
        let id = URL_SAFE_NO_PAD.encode(random_bytes(24)?);
        if locks::hold_for_page_lifetime(&lock_name(&id)).await? {
            return Ok(id);
        }
    }
    Err(BrowserError::Refused(
        "could not reserve a session for this tab".into(),
    ))
}

fn lock_name(id: &str) -> String {
    format!("chorus-tab:{id}")
}
