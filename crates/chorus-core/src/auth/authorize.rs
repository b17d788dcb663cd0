//! The `/authorize` URL (contract §1 "Authorize", RFC 6749 §4.1.1, RFC 7636 §4.3): a full-page
//! navigation with PKCE S256, our CSRF `state`, the full scope list, and `show_dialog=true`
//! so a second person in the same browser can pick another account.

use oauth2::{basic::BasicClient, AuthUrl, ClientId, CsrfToken, RedirectUrl, Scope};
use url::Url;

use super::endpoint::authorize_url_base;
use super::pkce::CodeChallenge;
use super::secret::CsrfState;
use crate::config::RuntimeConfig;

/// Every scope Chorus asks for (contract §1 "Scopes"): the SDK's three, playback control,
/// and what the library, insights and favorites screens read and write (♥ and Liked Songs:
/// `user-library-read`, `user-library-modify`).
pub const SCOPES: [&str; 13] = [
    "streaming",
    "user-read-email",
    "user-read-private",
    "user-read-playback-state",
    "user-modify-playback-state",
    "user-read-currently-playing",
    "user-read-recently-played",
    "user-top-read",
    "playlist-read-private",
    "playlist-modify-private",
    "playlist-modify-public",
    "user-library-read",
    "user-library-modify",
];

/// What each scope lets Chorus do, in plain words for the welcome screen (docs/ux.md).
pub const SCOPE_EXPLANATIONS: [(&str, &str); 6] = [
    ("streaming", "play music in this tab (Premium needed)"),
    ("user-read-private", "show your name and picture"),
    (
        "user-modify-playback-state",
        "play, pause, skip and change volume for you",
    ),
    (
        "user-read-recently-played",
        "count your plays and show what you listened to",
    ),
    (
        "playlist-modify-private",
        "add your most played songs to a favorites playlist",
    ),
    (
        "user-library-modify",
        "show and change the songs you liked (♥, Liked Songs)",
    ),
];

/// The space-separated `scope` parameter.
pub fn scope_param() -> String {
    SCOPES.join(" ")
}

/// Builds `GET {accounts_base_url}/authorize?...` for this tab's login attempt, with oauth2's
/// authorize-URL builder (`response_type=code`, client, redirect URI, state, PKCE, scopes).
pub fn authorize_url(config: &RuntimeConfig, state: &CsrfState, challenge: &CodeChallenge) -> Url {
    let client = BasicClient::new(ClientId::new(config.client_id.clone()))
        .set_auth_uri(AuthUrl::from_url(authorize_url_base(
            &config.accounts_base_url,
        )))
        .set_redirect_uri(RedirectUrl::from_url(config.redirect_uri.clone()));
    let (url, _state) = client
        .authorize_url(|| CsrfToken::new(state.secret().to_owned()))
        .add_scopes(SCOPES.iter().map(|s| Scope::new((*s).to_owned())))
        .set_pkce_challenge(challenge.oauth2().clone())
        .add_extra_param("show_dialog", "true")
        .url();
    url
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::auth::pkce::parse_verifier;

    pub(crate) fn sandbox_config() -> RuntimeConfig {
        RuntimeConfig::from_json(
            &serde_json::json!({
                "client_id": "chorus-demo",
                "redirect_uri": "http://127.0.0.1:8080/callback",
                "accounts_base_url": "http://127.0.0.1:4001",
                "api_base_url": "http://127.0.0.1:4001/v1",
                "sdk_url": "http://127.0.0.1:4001/spotify-player.js"
            })
            .to_string(),
        )
        .expect("valid config")
    }

    #[test]
    fn authorize_url_carries_every_parameter_of_the_contract() {
        let verifier =
            parse_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").expect("verifier");
        let url = authorize_url(
            &sandbox_config(),
            &CsrfState::new("state-123"),
            &CodeChallenge::s256(&verifier).expect("valid verifier"),
        );
        assert_eq!(url.origin().ascii_serialization(), "http://127.0.0.1:4001");
        assert_eq!(url.path(), "/authorize");
        let params: HashMap<String, String> = url.query_pairs().into_owned().collect();
        assert_eq!(params["client_id"], "chorus-demo");
        assert_eq!(params["response_type"], "code");
        assert_eq!(params["redirect_uri"], "http://127.0.0.1:8080/callback");
        assert_eq!(params["state"], "state-123");
        assert_eq!(params["code_challenge_method"], "S256");
        assert_eq!(
            params["code_challenge"],
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(params["show_dialog"], "true");
        let scopes: Vec<&str> = params["scope"].split(' ').collect();
        assert_eq!(scopes, SCOPES);
    }

    #[test]
    fn scopes_include_what_the_sdk_and_player_need() {
        for needed in [
            "streaming",
            "user-read-email",
            "user-read-private",
            "user-read-playback-state",
            "user-modify-playback-state",
            "user-library-read",
            "user-library-modify",
        ] {
            assert!(SCOPES.contains(&needed), "{needed} missing");
        }
        for (scope, _) in SCOPE_EXPLANATIONS {
            assert!(
                SCOPES.contains(&scope),
                "{scope} explained but not requested"
            );
        }
    }
}
