//! PKCE (RFC 7636): the code verifier from caller-supplied random bytes and its S256 challenge,
//! as the `oauth2` crate's `PkceCodeChallenge` (the proxy uses the same crate for its grants).
//!
//! oauth2 5 costs the app 0.8 kB of gzipped wasm here (495.7 → 496.5 kB, `cargo xtask bench
//! size`, with the authorize URL built by it too). Its own random verifiers are not used: the
//! core takes randomness as input (the shell draws it from `crypto.getRandomValues`), so its
//! `rand`/`getrandom` code is never linked.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::secret::CodeVerifier;

/// RFC 7636 §4.1: a verifier is 43 to 128 characters long.
pub const VERIFIER_MIN_LEN: usize = 43;
pub const VERIFIER_MAX_LEN: usize = 128;
/// 32 bytes of entropy encode to exactly 43 base64url characters (RFC 7636 §4.1 recommends 32).
pub const MIN_RANDOM_BYTES: usize = 32;
/// 96 bytes encode to 128 characters, the longest verifier allowed.
pub const MAX_RANDOM_BYTES: usize = 96;

/// Why a verifier could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PkceError {
    #[error(
        "a PKCE verifier needs {MIN_RANDOM_BYTES} to {MAX_RANDOM_BYTES} random bytes, got {0}"
    )]
    RandomBytes(usize),
    #[error("a PKCE verifier is 43 to 128 characters long, got {0}")]
    Length(usize),
    #[error("a PKCE verifier may only use A-Z a-z 0-9 - . _ ~")]
    Charset,
}

/// The `code_challenge` sent to `/authorize`, with method `S256`.
#[derive(Debug, Clone)]
pub struct CodeChallenge(oauth2::PkceCodeChallenge);

impl PartialEq for CodeChallenge {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CodeChallenge {}

impl CodeChallenge {
    /// `code_challenge_method`: only S256 is used (contract §1).
    pub const METHOD: &'static str = "S256";

    /// RFC 7636 §4.2: `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`, no padding. The
    /// verifier is checked first (oauth2 panics on one of the wrong length).
    pub fn s256(verifier: &CodeVerifier) -> Result<Self, PkceError> {
        let verifier = parse_verifier(verifier.secret())?;
        let verifier = oauth2::PkceCodeVerifier::new(verifier.secret().to_owned());
        Ok(Self(oauth2::PkceCodeChallenge::from_code_verifier_sha256(
            &verifier,
        )))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The challenge as the oauth2 authorize-URL builder takes it.
    pub fn oauth2(&self) -> &oauth2::PkceCodeChallenge {
        &self.0
    }
}

/// Makes a verifier from random bytes: base64url without padding, so 32 bytes give 43 chars.
pub fn verifier_from_random_bytes(random: &[u8]) -> Result<CodeVerifier, PkceError> {
    if !(MIN_RANDOM_BYTES..=MAX_RANDOM_BYTES).contains(&random.len()) {
        return Err(PkceError::RandomBytes(random.len()));
    }
    Ok(CodeVerifier::new(URL_SAFE_NO_PAD.encode(random)))
}

/// Checks a verifier from elsewhere (e.g. restored from storage) against RFC 7636 §4.1.
pub fn parse_verifier(text: &str) -> Result<CodeVerifier, PkceError> {
    let length = text.chars().count();
    if !(VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&length) {
        return Err(PkceError::Length(length));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
    if !text.chars().all(allowed) {
        return Err(PkceError::Charset);
    }
    Ok(CodeVerifier::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector_gives_the_published_challenge() {
        // RFC 7636 appendix B: these 32 octets encode to the verifier below.
        let octets = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = verifier_from_random_bytes(&octets).expect("32 bytes are enough");
        assert_eq!(
            verifier.secret(),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        assert_eq!(
            CodeChallenge::s256(&verifier)
                .expect("valid verifier")
                .as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn parsed_rfc_verifier_gives_the_same_challenge() {
        let verifier =
            parse_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").expect("valid verifier");
        assert_eq!(
            CodeChallenge::s256(&verifier)
                .expect("valid verifier")
                .as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn a_verifier_of_the_wrong_length_has_no_challenge_rather_than_a_panic() {
        assert_eq!(
            CodeChallenge::s256(&CodeVerifier::new("short")).err(),
            Some(PkceError::Length(5))
        );
    }

    #[test]
    fn too_few_or_too_many_random_bytes_are_refused() {
        assert_eq!(
            verifier_from_random_bytes(&[7; 31]).err(),
            Some(PkceError::RandomBytes(31))
        );
        assert_eq!(
            verifier_from_random_bytes(&[7; 97]).err(),
            Some(PkceError::RandomBytes(97))
        );
    }

    #[test]
    fn verifiers_from_any_allowed_byte_count_are_valid_length_and_charset() {
        for count in MIN_RANDOM_BYTES..=MAX_RANDOM_BYTES {
            let bytes: Vec<u8> = (0..count).map(|i| (i * 37 + 250) as u8).collect();
            let verifier = verifier_from_random_bytes(&bytes).expect("allowed count");
            let text = verifier.secret();
            assert!(
                (VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&text.len()),
                "{count} bytes gave {} chars",
                text.len()
            );
            assert!(
                parse_verifier(text).is_ok(),
                "{text} must pass the charset rule"
            );
        }
    }

    #[test]
    fn verifier_with_forbidden_characters_or_length_is_refused() {
        assert_eq!(
            parse_verifier(&"a".repeat(42)).err(),
            Some(PkceError::Length(42))
        );
        assert_eq!(
            parse_verifier(&"a".repeat(129)).err(),
            Some(PkceError::Length(129))
        );
        let with_plus = format!("{}+", "a".repeat(43));
        assert_eq!(parse_verifier(&with_plus).err(), Some(PkceError::Charset));
        assert!(parse_verifier(&"a-._~".repeat(9)).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn any_allowed_randomness_gives_a_valid_verifier_and_a_43_char_challenge(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), MIN_RANDOM_BYTES..=MAX_RANDOM_BYTES)
        ) {
            let verifier = verifier_from_random_bytes(&bytes).expect("allowed length");
            proptest::prop_assert!(parse_verifier(verifier.secret()).is_ok());
            let challenge = CodeChallenge::s256(&verifier).expect("valid verifier");
            proptest::prop_assert_eq!(challenge.as_str().len(), 43);
            proptest::prop_assert!(!challenge.as_str().contains('='));
        }
    }
}
