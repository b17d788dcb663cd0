//! Form bodies for `POST /api/token` (contract §1 "Token", RFC 6749 §4.1.3 and §6, RFC 7636
//! §4.5) as data: the shell (app in direct mode, or the proxy) only sends them with
//! `Content-Type: application/x-www-form-urlencoded`.

use std::fmt;

use url::Url;

use super::secret::{AuthorizationCode, CodeVerifier, RefreshToken};

/// The `Content-Type` the token endpoint expects.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A token request body. `Debug` shows the field names only: values include secrets.
pub struct TokenForm {
    pairs: Vec<(&'static str, String)>,
}

impl TokenForm {
    /// The code exchange. Takes the code and verifier by value: both are single use.
    pub fn code_exchange(
        code: AuthorizationCode,
        verifier: CodeVerifier,
        redirect_uri: &Url,
        client_id: &str,
    ) -> Self {
        Self {
            pairs: vec![
                ("grant_type", "authorization_code".to_owned()),
                ("code", code.secret().to_owned()),
                ("redirect_uri", redirect_uri.as_str().to_owned()),
                ("client_id", client_id.to_owned()),
                ("code_verifier", verifier.secret().to_owned()),
            ],
        }
    }

    /// A refresh. Borrows the token: under the current regime it stays valid and is kept.
    pub fn refresh(refresh_token: &RefreshToken, client_id: &str) -> Self {
        Self {
            pairs: vec![
                ("grant_type", "refresh_token".to_owned()),
                ("refresh_token", refresh_token.secret().to_owned()),
                ("client_id", client_id.to_owned()),
            ],
        }
    }

    /// The fields, for clients that encode forms themselves.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    /// The url-encoded body.
    pub fn encode(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs.iter().map(|(key, value)| (*key, value.as_str())))
            .finish()
    }
}

impl fmt::Debug for TokenForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.pairs.iter().map(|(key, _)| *key).collect();
        f.debug_struct("TokenForm").field("fields", &keys).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(form: &TokenForm) -> Vec<(String, String)> {
        url::form_urlencoded::parse(form.encode().as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn code_exchange_form_has_the_five_contract_fields() {
        let redirect = Url::parse("http://127.0.0.1:8080/callback").expect("url");
        let form = TokenForm::code_exchange(
            AuthorizationCode::new("AQB+code"),
            CodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            &redirect,
            "chorus-demo",
        );
        let fields = decoded(&form);
        let expected = [
            ("grant_type", "authorization_code"),
            ("code", "AQB+code"),
            ("redirect_uri", "http://127.0.0.1:8080/callback"),
            ("client_id", "chorus-demo"),
            (
                "code_verifier",
                "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            ),
        ];
        assert_eq!(fields.len(), expected.len());
        for ((key, value), (want_key, want_value)) in fields.iter().zip(expected) {
            assert_eq!((key.as_str(), value.as_str()), (want_key, want_value));
        }
        assert!(
            form.encode().contains("code=AQB%2Bcode"),
            "plus must be escaped"
        );
    }

    #[test]
    fn refresh_form_has_grant_token_and_client() {
        let form = TokenForm::refresh(&RefreshToken::new("AQC"), "chorus-demo");
        assert_eq!(
            form.encode(),
            "grant_type=refresh_token&refresh_token=AQC&client_id=chorus-demo"
        );
    }

    #[test]
    fn debug_of_a_form_shows_no_values() {
        let form = TokenForm::refresh(&RefreshToken::new("AQC-secret"), "chorus-demo");
        let printed = format!("{form:?}");
        assert!(printed.contains("refresh_token"));
        assert!(!printed.contains("AQC-secret"));
    }
}
