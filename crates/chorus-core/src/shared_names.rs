//! Names every tab of the browser can read (Web Lock names, which `navigator.locks.query()`
//! lists to any page of the origin), made so that no tab can act as another: a name carries at
//! most a one-way tag of a tab's session id, never the id (issue #13). Knowing a session id is
//! what lets a page spend that tab's proxy cookie (`X-Chorus-Session`), so it must stay in the
//! tab's own sessionStorage.
//!
//! A tag is SHA-256 over a purpose and the value, cut to 128 bits of base64url: it tells two
//! values apart (a duplicated tab finds its original's lock taken) and cannot be turned back
//! into the 192-bit random id. The purpose keeps the tags of one id in different names
//! unrelated.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use sha2::{Digest, Sha256};

/// Characters of a tag: 22 base64url characters are 132 bits, of which 128 are the hash's.
const TAG_LEN: usize = 22;

/// `base64url(SHA-256(purpose ‖ 0x00 ‖ value))`, first 22 characters.
pub fn one_way_tag(purpose: &str, value: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(purpose.as_bytes());
    hasher.update([0u8]);
    hasher.update(value.as_bytes());
    let mut tag = URL_SAFE_NO_PAD.encode(hasher.finalize());
    tag.truncate(TAG_LEN);
    tag
}

/// The lock a tab holds for its lifetime (`session_id` is the tab's): a duplicated tab, which
/// starts with a copy of its original's sessionStorage, finds it taken and takes a new id.
pub fn tab_lock(session_id: &str) -> String {
    format!("chorus-tab:{}", one_way_tag("chorus-tab", session_id))
}

/// The lock under which the tabs sharing a session refresh its token one at a time.
pub fn refresh_lock(session_id: &str) -> String {
    format!(
        "chorus-refresh:{}",
        one_way_tag("chorus-refresh", session_id)
    )
}

/// Held (shared) by every tab where this account listens: a tab coming back from Spotify
/// asks "are you NAME?" when it is held, and "Forget me" takes it exclusively to know that
/// every tab of the account let go. `account_key` is `User::storage_key`.
pub fn listening_lock(account_key: &str) -> String {
    format!(
        "chorus.listening.{}",
        one_way_tag("chorus-listening", account_key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "abcdefghijklmnop0123";

    #[test]
    fn a_tag_is_sha256_of_purpose_and_value() {
        // python3: base64.urlsafe_b64encode(sha256(b"chorus-tab\0abcdefghijklmnop0123"))[:22]
        assert_eq!(one_way_tag("chorus-tab", ID), "Ecd7OSM917gOO6XTdtY0Kq");
        assert_eq!(tab_lock(ID), "chorus-tab:Ecd7OSM917gOO6XTdtY0Kq");
    }

    #[test]
    fn no_name_contains_the_session_id() {
        for name in [tab_lock(ID), refresh_lock(ID)] {
            assert!(!name.contains(ID), "{name}");
            assert!(!name.contains("abcdefgh"), "{name}");
        }
    }

    #[test]
    fn names_tell_sessions_apart_and_purposes_apart() {
        assert_eq!(tab_lock(ID), tab_lock(ID));
        assert_ne!(tab_lock(ID), tab_lock("abcdefghijklmnop0124"));
        let tab_tag = tab_lock(ID).replace("chorus-tab:", "");
        let refresh_tag = refresh_lock(ID).replace("chorus-refresh:", "");
        assert_ne!(
            tab_tag, refresh_tag,
            "one id's tags are unrelated across names"
        );
        assert_eq!(tab_tag.len(), 22);
    }

    #[test]
    fn the_listening_lock_names_the_account_by_tag() {
        let name = listening_lock("72GtpPZ4C38kmXHuWlNdM5");
        assert!(name.starts_with("chorus.listening."));
        assert!(!name.contains("72GtpPZ4C38kmXHuWlNdM5"));
        assert_ne!(name, listening_lock("bruno"));
    }
}
