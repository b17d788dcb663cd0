//! Sealing refresh tokens into cookie values, so the proxy can stay stateless: the browser keeps
//! the (encrypted, authenticated) token, the proxy keeps only the keys.
//!
//! Cipher: XChaCha20-Poly1305. Its 192-bit nonces can be drawn at random for every seal on any
//! number of instances sharing a key without a realistic collision; AES-256-GCM's 96-bit nonces
//! would need a counter or a per-key limit of about 2^32 seals, i.e. state.
//!
//! Sealed form: `<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>`. The key id (8 characters derived
//! from the key) selects the key that opens it, so keys can rotate: the newest key seals, every
//! configured key opens. The associated data binds the key id, the tab's session id and the
//! client id: a cookie copied into another tab's name, or to a proxy of another client, does
//! not open. The plaintext is the refresh token with the time of sign-in and of the last refresh
//! (`SealedSession`), so the proxy can refuse old and idle cookies without keeping state.
//!
//! Each key also names the cookies it seals: `chorus_rt_` + 22 characters of an HMAC-SHA256 of
//! the session id under a key derived from the sealing key, so a cookie's name tells nothing of
//! the session id that spends it.

use std::{fmt, str::FromStr};

use base64::{
    engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD},
    Engine as _,
};
use chacha20poly1305::{
    aead::{Aead, AeadCore, KeyInit, OsRng, Payload},
    XChaCha20Poly1305, XNonce,
};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::{secrets::RefreshToken, session::SessionId};

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const KEY_ID_LEN: usize = 8;
const AAD_LABEL: &[u8] = b"chorus-proxy refresh cookie v2";
/// The first byte of a sealed plaintext: its layout.
const PAYLOAD_VERSION: u8 = 2;
/// Version byte and two big-endian u64 times before the token.
const PAYLOAD_HEADER: usize = 1 + 8 + 8;
/// Every refresh cookie's name starts with this.
pub const COOKIE_PREFIX: &str = "chorus_rt_";
/// Characters of the keyed hash in a cookie name (132 bits).
const COOKIE_HASH_LEN: usize = 22;

/// 32 bytes of key material as given to `--sealing-key` (base64). `Debug` never shows it.
#[derive(Clone)]
pub struct SealingKeyMaterial([u8; KEY_LEN]);

impl fmt::Debug for SealingKeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealingKeyMaterial([redacted])")
    }
}

/// Why a `--sealing-key` value was refused.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("a sealing key must be base64")]
    NotBase64,
    #[error("a sealing key must decode to exactly 32 bytes, not {0}")]
    WrongLength(usize),
}

impl FromStr for SealingKeyMaterial {
    type Err = KeyError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim();
        let bytes = STANDARD
            .decode(value)
            .or_else(|_| URL_SAFE.decode(value))
            .or_else(|_| URL_SAFE_NO_PAD.decode(value))
            .map_err(|_| KeyError::NotBase64)?;
        let len = bytes.len();
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| KeyError::WrongLength(len))
    }
}

/// A `--sealing-key` value exactly as given, unchecked. clap quotes a value it cannot parse in
/// its error, so keys are checked after parsing (`SealingKeyInput::material`), by an error that
/// tells the length and the expected form and never the value.
#[derive(Clone)]
pub struct SealingKeyInput(String);

impl fmt::Debug for SealingKeyInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealingKeyInput([redacted])")
    }
}

impl FromStr for SealingKeyInput {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self(value.to_owned()))
    }
}

/// A sealing key that was refused: which one, how long it was and why, never what it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "sealing key {position} (of --sealing-key / CHORUS_SEALING_KEYS) is refused: it is {chars} \
     characters{looks_like}, and {why}; a sealing key is base64 of 32 random bytes (44 characters, \
     made with `openssl rand -base64 32`)"
)]
pub struct KeyRefused {
    /// 1-based, in the order given.
    pub position: usize,
    pub chars: usize,
    looks_like: &'static str,
    pub why: KeyError,
}

impl SealingKeyInput {
    /// The key this value encodes, or why not (`position` names it among several).
    pub fn material(&self, position: usize) -> Result<SealingKeyMaterial, KeyRefused> {
        let text = self.0.trim();
        self.0.parse().map_err(|why| {
            let hex = text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit());
            KeyRefused {
                position,
                chars: text.chars().count(),
                looks_like: if hex {
                    " of hex (as `openssl rand -hex 32` makes)"
                } else {
                    ""
                },
                why,
            }
        })
    }
}

impl SealingKeyMaterial {
    /// A fresh random key (`--sealing-key` missing; also handy in tests).
    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// The base64 form `--sealing-key` accepts (for tests and key-generation tooling).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }
}

struct SealingKey {
    id: String,
    cipher: XChaCha20Poly1305,
    /// Keys the HMAC that names cookies (derived, so the sealing key itself is used once).
    name_key: [u8; 32],
}

impl SealingKey {
    fn new(material: &SealingKeyMaterial) -> Self {
        let digest = Sha256::new()
            .chain_update(b"chorus-proxy key id")
            .chain_update(material.0)
            .finalize();
        let mut id = URL_SAFE_NO_PAD.encode(digest);
        id.truncate(KEY_ID_LEN);
        Self {
            id,
            cipher: XChaCha20Poly1305::new(&material.0.into()),
            name_key: Sha256::new()
                .chain_update(b"chorus-proxy cookie name")
                .chain_update(material.0)
                .finalize()
                .into(),
        }
    }

    fn cookie_name(&self, session: &SessionId) -> String {
        // HMAC accepts keys of any length; 32 bytes cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.name_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(session.as_str().as_bytes());
        let mut hash = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        hash.truncate(COOKIE_HASH_LEN);
        format!("{COOKIE_PREFIX}{hash}")
    }
}

/// The name of the cookie that `material` seals for `session` (tests and tooling).
pub fn cookie_name(material: &SealingKeyMaterial, session: &str) -> Option<String> {
    let session = SessionId::parse(session).ok()?;
    Some(SealingKey::new(material).cookie_name(&session))
}

/// What a refresh cookie holds: the refresh token, when the tab signed in and when it last
/// refreshed (Unix seconds, the proxy's clock).
pub struct SealedSession {
    pub refresh_token: RefreshToken,
    pub signed_in_at: u64,
    pub refreshed_at: u64,
}

impl fmt::Debug for SealedSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedSession")
            .field("signed_in_at", &self.signed_in_at)
            .field("refreshed_at", &self.refreshed_at)
            .finish_non_exhaustive()
    }
}

/// What a sealed token is bound to.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub session: &'a SessionId,
    pub client_id: &'a str,
}

impl Binding<'_> {
    /// Length-prefixed fields, so no two different bindings give the same bytes.
    fn associated_data(&self, key_id: &str) -> Vec<u8> {
        let mut aad = Vec::with_capacity(128);
        for field in [
            AAD_LABEL,
            key_id.as_bytes(),
            self.session.as_str().as_bytes(),
            self.client_id.as_bytes(),
        ] {
            aad.extend_from_slice(&(field.len() as u64).to_be_bytes());
            aad.extend_from_slice(field);
        }
        aad
    }
}

/// Why a sealed cookie value did not open. All mean "sign in again"; the kind is logged.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("the sealed value is not of the form <key id>.<base64>")]
    Malformed,
    #[error("the sealed value names a key that is not configured (rotated out?)")]
    UnknownKey,
    #[error(
        "the sealed value does not authenticate (tampered, or bound to another session or client)"
    )]
    Forged,
}

/// Sealing failed: only for inputs far beyond any refresh token's size.
#[derive(Debug, thiserror::Error)]
#[error("the refresh token could not be sealed")]
pub struct SealError;

/// The configured keys, newest first: the first seals, all open.
pub struct SealingKeys {
    keys: Vec<SealingKey>,
}

impl fmt::Debug for SealingKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealingKeys")
            .field(
                "key_ids",
                &self.keys.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl SealingKeys {
    /// Keys from `--sealing-key` values, newest first; `None` when there are none.
    pub fn new(materials: &[SealingKeyMaterial]) -> Option<Self> {
        if materials.is_empty() {
            None
        } else {
            Some(Self {
                keys: materials.iter().map(SealingKey::new).collect(),
            })
        }
    }

    /// One random key, for a proxy started without `--sealing-key`.
    pub fn generated() -> Self {
        Self {
            keys: vec![SealingKey::new(&SealingKeyMaterial::generate())],
        }
    }

    /// The names this tab's cookie may have, the newest key's first (where it is stored).
    pub fn cookie_names(&self, session: &SessionId) -> Vec<String> {
        self.keys
            .iter()
            .map(|key| key.cookie_name(session))
            .collect()
    }

    pub fn seal(&self, sealed: &SealedSession, binding: Binding<'_>) -> Result<String, SealError> {
        // `new` and `generated` never build an empty list.
        let key = self.keys.first().ok_or(SealError)?;
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = binding.associated_data(&key.id);
        let token = sealed.refresh_token.secret().as_bytes();
        let mut plain = Vec::with_capacity(PAYLOAD_HEADER + token.len());
        plain.push(PAYLOAD_VERSION);
        plain.extend_from_slice(&sealed.signed_in_at.to_be_bytes());
        plain.extend_from_slice(&sealed.refreshed_at.to_be_bytes());
        plain.extend_from_slice(token);
        let ciphertext = key
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &plain,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError)?;
        let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        Ok(format!("{}.{}", key.id, URL_SAFE_NO_PAD.encode(sealed)))
    }

    pub fn open(&self, sealed: &str, binding: Binding<'_>) -> Result<SealedSession, OpenError> {
        let (key_id, payload) = sealed.split_once('.').ok_or(OpenError::Malformed)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or(OpenError::UnknownKey)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| OpenError::Malformed)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let aad = binding.associated_data(&key.id);
        let plain = key
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| OpenError::Forged)?;
        // Authenticated, so well-formed unless this code sealed it otherwise: still, no panics.
        if plain.len() < PAYLOAD_HEADER || plain[0] != PAYLOAD_VERSION {
            return Err(OpenError::Forged);
        }
        let time = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&plain[at..at + 8]);
            u64::from_be_bytes(bytes)
        };
        let (signed_in_at, refreshed_at) = (time(1), time(9));
        let token =
            String::from_utf8(plain[PAYLOAD_HEADER..].to_vec()).map_err(|_| OpenError::Forged)?;
        Ok(SealedSession {
            refresh_token: RefreshToken::new(token),
            signed_in_at,
            refreshed_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str) -> SessionId {
        SessionId::parse(id).expect("valid test session id")
    }

    fn binding<'a>(session: &'a SessionId, client_id: &'a str) -> Binding<'a> {
        Binding { session, client_id }
    }

    fn sealed(token: &str) -> SealedSession {
        SealedSession {
            refresh_token: RefreshToken::new(token),
            signed_in_at: 1_000,
            refreshed_at: 2_000,
        }
    }

    #[test]
    fn a_sealed_token_opens_with_the_same_binding() {
        let keys = SealingKeys::generated();
        let tab = session("tab-one-0123456789");
        let sealed = keys
            .seal(&sealed("rt-1"), binding(&tab, "client"))
            .expect("seal");
        assert!(!sealed.contains("rt-1"));
        let opened = keys.open(&sealed, binding(&tab, "client")).expect("open");
        assert_eq!(opened.refresh_token.secret(), "rt-1");
        assert_eq!((opened.signed_in_at, opened.refreshed_at), (1_000, 2_000));
    }

    #[test]
    fn another_session_or_client_cannot_open_it() {
        let keys = SealingKeys::generated();
        let tab = session("tab-one-0123456789");
        let other = session("tab-two-0123456789");
        let sealed = keys
            .seal(&sealed("rt-1"), binding(&tab, "client"))
            .expect("seal");
        assert_eq!(
            keys.open(&sealed, binding(&other, "client")).err(),
            Some(OpenError::Forged)
        );
        assert_eq!(
            keys.open(&sealed, binding(&tab, "other-client")).err(),
            Some(OpenError::Forged)
        );
    }

    #[test]
    fn a_flipped_character_is_detected() {
        let keys = SealingKeys::generated();
        let tab = session("tab-one-0123456789");
        let sealed = keys
            .seal(&sealed("rt-1"), binding(&tab, "c"))
            .expect("seal");
        let mut chars: Vec<char> = sealed.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == 'A' { 'B' } else { 'A' };
        let tampered: String = chars.into_iter().collect();
        assert!(keys.open(&tampered, binding(&tab, "c")).is_err());
    }

    #[test]
    fn rotation_keeps_old_cookies_readable_and_seals_with_the_newest_key() {
        let old = SealingKeyMaterial::generate();
        let new = SealingKeyMaterial::generate();
        let tab = session("tab-one-0123456789");
        let before = SealingKeys::new(std::slice::from_ref(&old)).expect("one key");
        let sealed_old = before
            .seal(&sealed("rt-old"), binding(&tab, "c"))
            .expect("seal");

        let after = SealingKeys::new(&[new.clone(), old]).expect("two keys");
        assert_eq!(
            after
                .open(&sealed_old, binding(&tab, "c"))
                .expect("old opens")
                .refresh_token
                .secret(),
            "rt-old"
        );
        let sealed_new = after
            .seal(&sealed("rt-new"), binding(&tab, "c"))
            .expect("seal");
        let only_new = SealingKeys::new(&[new]).expect("one key");
        assert!(only_new.open(&sealed_new, binding(&tab, "c")).is_ok());
        assert_eq!(
            only_new.open(&sealed_old, binding(&tab, "c")).err(),
            Some(OpenError::UnknownKey)
        );
    }

    #[test]
    fn key_material_must_be_32_bytes_of_base64() {
        let generated = SealingKeyMaterial::generate();
        assert!(generated.to_base64().parse::<SealingKeyMaterial>().is_ok());
        assert_eq!(
            "not base64!".parse::<SealingKeyMaterial>().err(),
            Some(KeyError::NotBase64)
        );
        assert_eq!(
            "AAAA".parse::<SealingKeyMaterial>().err(),
            Some(KeyError::WrongLength(3))
        );
        assert_eq!(format!("{generated:?}"), "SealingKeyMaterial([redacted])");
    }

    #[test]
    fn a_refused_key_is_described_by_its_length_and_form_never_its_value() {
        let hex = "3f".repeat(32); // `openssl rand -hex 32`
        let input: SealingKeyInput = hex.parse().expect("infallible");
        let refused = input
            .material(2)
            .expect_err("hex is not a 32-byte base64 key");
        let message = refused.to_string();
        assert!(!message.contains(&hex), "{message}");
        assert!(!message.contains("3f3f"), "{message}");
        assert!(message.contains("sealing key 2"), "{message}");
        assert!(message.contains("64 characters"), "{message}");
        assert!(message.contains("hex"), "{message}");
        assert!(message.contains("openssl rand -base64 32"), "{message}");
        assert_eq!(format!("{input:?}"), "SealingKeyInput([redacted])");
        let good = SealingKeyMaterial::generate().to_base64();
        assert!(good
            .parse::<SealingKeyInput>()
            .expect("infallible")
            .material(1)
            .is_ok());
    }

    #[test]
    fn a_cookie_name_is_a_keyed_hash_of_the_session_not_the_session() {
        let key = SealingKeyMaterial::generate();
        let other = SealingKeyMaterial::generate();
        let tab = "tab-one-0123456789";
        let name = cookie_name(&key, tab).expect("valid session");
        assert!(name.starts_with(COOKIE_PREFIX));
        assert_eq!(name.len(), COOKIE_PREFIX.len() + COOKIE_HASH_LEN);
        assert!(!name.contains("tab-one"), "{name}");
        assert_eq!(cookie_name(&key, tab), Some(name.clone()), "stable");
        assert_ne!(cookie_name(&other, tab), Some(name.clone()), "keyed");
        assert_ne!(
            cookie_name(&key, "tab-two-0123456789"),
            Some(name),
            "per session"
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let keys = SealingKeys::generated();
        let tab = session("tab-one-0123456789");
        for junk in ["", ".", "nodot", "abcdefgh.", "abcdefgh.!!!", "x.AAAA"] {
            assert!(keys.open(junk, binding(&tab, "c")).is_err(), "{junk:?}");
        }
    }
}
