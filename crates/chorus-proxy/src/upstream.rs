//! The one upstream the proxy talks to: the accounts service's `POST /api/token`
//! (docs/spotify-contract.md §1), through the `oauth2` crate's typed grants, token answer and
//! error answer, over `upstream_http::LimitedHttp` (the proxy's reqwest client: no redirects, a
//! timeout, at most 64 KiB of answer).

use std::time::Duration;

use oauth2::{
    basic::{
        BasicClient, BasicErrorResponse, BasicErrorResponseType, BasicTokenResponse, BasicTokenType,
    },
    AsyncHttpClient, AuthType, ClientId, EndpointNotSet, EndpointSet, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, TokenResponse as _, TokenUrl,
};
use url::Url;

use crate::{
    error::{ApiError, CodeRejection},
    secrets::{AccessToken, AuthorizationCode, ClientSecret, CodeVerifier, RefreshToken},
    upstream_http::{LimitedHttp, Transport},
};

const MAX_SHOWN_DESCRIPTION: usize = 120;

/// The two grants the proxy performs; nothing else is ever sent upstream.
#[derive(Debug)]
pub enum Grant<'a> {
    AuthorizationCode {
        code: &'a AuthorizationCode,
        verifier: &'a CodeVerifier,
        redirect_uri: &'a Url,
    },
    RefreshToken(&'a RefreshToken),
}

/// A successful token answer.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: AccessToken,
    pub token_type: String,
    pub expires_in: u64,
    pub scope: String,
    /// Legacy regime: a new one every time. Current regime: none on refresh.
    pub refresh_token: Option<RefreshToken>,
}

type OAuthClient =
    BasicClient<EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;
type OAuthError = RequestTokenError<Transport, BasicErrorResponse>;

/// Calls the configured token endpoint as the configured client.
#[derive(Debug, Clone)]
pub struct TokenUpstream {
    oauth: OAuthClient,
    http: LimitedHttp,
    token_url: Url,
    client_id: String,
    confidential: bool,
}

impl TokenUpstream {
    pub fn new(
        token_url: Url,
        client_id: String,
        client_secret: Option<ClientSecret>,
        timeout: Duration,
    ) -> Result<Self, reqwest::Error> {
        let confidential = client_secret.is_some();
        let mut oauth = BasicClient::new(ClientId::new(client_id.clone()))
            .set_token_uri(TokenUrl::from_url(token_url.clone()))
            // A public PKCE client names itself in the body; a confidential one with HTTP Basic.
            .set_auth_type(if confidential {
                AuthType::BasicAuth
            } else {
                AuthType::RequestBody
            });
        if let Some(secret) = client_secret {
            oauth = oauth.set_client_secret(oauth2::ClientSecret::new(secret.secret().to_owned()));
        }
        Ok(Self {
            oauth,
            http: LimitedHttp::new(timeout)?,
            token_url,
            client_id,
            confidential,
        })
    }

    pub fn token_url(&self) -> &Url {
        &self.token_url
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Performs one grant. `invalid_grant` on a refresh becomes `RefreshRejected`, on a code
    /// exchange `CodeRejected`; every other refusal is a configuration problem (`UpstreamRefused`).
    pub async fn grant(&self, grant: Grant<'_>) -> Result<Tokens, ApiError> {
        self.grant_over(&self.http, grant).await
    }

    async fn grant_over<C>(&self, http: &C, grant: Grant<'_>) -> Result<Tokens, ApiError>
    where
        C: for<'c> AsyncHttpClient<'c, Error = Transport>,
    {
        let is_refresh = matches!(grant, Grant::RefreshToken(_));
        let answer = match grant {
            Grant::AuthorizationCode {
                code,
                verifier,
                redirect_uri,
            } => {
                let mut request = self
                    .oauth
                    .exchange_code(oauth2::AuthorizationCode::new(code.secret().to_owned()))
                    .set_pkce_verifier(PkceCodeVerifier::new(verifier.secret().to_owned()))
                    .set_redirect_uri(std::borrow::Cow::Owned(RedirectUrl::from_url(
                        redirect_uri.clone(),
                    )));
                if self.confidential {
                    // Spotify reads client_id from the body as well as from Basic auth.
                    request = request.add_extra_param("client_id", self.client_id.clone());
                }
                request.request_async(http).await
            }
            Grant::RefreshToken(token) => {
                let token = oauth2::RefreshToken::new(token.secret().to_owned());
                let mut request = self.oauth.exchange_refresh_token(&token);
                if self.confidential {
                    request = request.add_extra_param("client_id", self.client_id.clone());
                }
                request.request_async(http).await
            }
        };
        answer
            .map_err(|error| failure(error, is_refresh))
            .and_then(tokens_of)
    }
}

/// The answer as the proxy keeps it. `token_type` is written as RFC 6750 spells it.
fn tokens_of(answer: BasicTokenResponse) -> Result<Tokens, ApiError> {
    let expires_in = answer
        .expires_in()
        .ok_or_else(|| ApiError::UpstreamFailed("a token answer without expires_in".into()))?;
    let token_type = match answer.token_type() {
        BasicTokenType::Bearer => "Bearer".to_owned(),
        BasicTokenType::Mac => "MAC".to_owned(),
        BasicTokenType::Extension(other) => other.clone(),
    };
    let scope = answer
        .scopes()
        .map(|scopes| {
            scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    Ok(Tokens {
        access_token: AccessToken::new(answer.access_token().secret().clone()),
        token_type,
        expires_in: expires_in.as_secs(),
        scope,
        refresh_token: answer
            .refresh_token()
            .map(|t| t.secret())
            .filter(|t| !t.is_empty())
            .map(|t| RefreshToken::new(t.clone())),
    })
}

fn failure(error: OAuthError, is_refresh: bool) -> ApiError {
    match error {
        RequestTokenError::ServerResponse(answer) => refusal(&answer, is_refresh),
        RequestTokenError::Request(Transport::TimedOut) => ApiError::UpstreamTimeout,
        RequestTokenError::Request(Transport::RateLimited { retry_after_secs }) => {
            ApiError::UpstreamRateLimited { retry_after_secs }
        }
        RequestTokenError::Request(
            transport @ (Transport::Unreachable(_) | Transport::Broken(_)),
        ) => ApiError::UpstreamUnreachable(transport.to_string()),
        RequestTokenError::Request(transport) => ApiError::UpstreamFailed(transport.to_string()),
        // serde's message could quote the body, which holds tokens: keep the path and category.
        RequestTokenError::Parse(error, _body) => ApiError::UpstreamFailed(format!(
            "an answer that is not a token response (at {}: {:?})",
            error.path(),
            error.inner().classify()
        )),
        RequestTokenError::Other(why) => ApiError::UpstreamFailed(why),
    }
}

fn refusal(answer: &BasicErrorResponse, is_refresh: bool) -> ApiError {
    let description = shown_description(answer.error_description().map_or("", String::as_str));
    match (answer.error(), is_refresh) {
        (BasicErrorResponseType::InvalidGrant, true) => ApiError::RefreshRejected(description),
        (BasicErrorResponseType::InvalidGrant, false) => ApiError::CodeRejected {
            kind: CodeRejection::InvalidGrant,
            description,
        },
        (BasicErrorResponseType::InvalidRequest, false) => ApiError::CodeRejected {
            kind: CodeRejection::InvalidRequest,
            description,
        },
        (other, _) => ApiError::UpstreamRefused(format!(
            "error {:?}: {description} (check --client-id, --client-secret, --token-url)",
            shown_description(other.as_ref())
        )),
    }
}

/// Spotify's descriptions are short fixed texts; anything else is not shown to users.
fn shown_description(text: &str) -> String {
    let plain = text.len() <= MAX_SHOWN_DESCRIPTION
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-.,:'()".contains(c));
    if plain {
        text.to_owned()
    } else {
        "refused by Spotify".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::future::{ready, Ready};

    use oauth2::{http, HttpRequest, HttpResponse};
    use reqwest::StatusCode;

    use super::*;

    /// An HTTP client that answers every request with `status` and a JSON `body`.
    fn answering(
        status: StatusCode,
        body: &'static [u8],
    ) -> impl Fn(HttpRequest) -> Ready<Result<HttpResponse, Transport>> {
        move |_| {
            ready(Ok(http::Response::builder()
                .status(status.as_u16())
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec())
                .expect("a canned answer")))
        }
    }

    fn upstream() -> TokenUpstream {
        let url = Url::parse("http://127.0.0.1:9/api/token").expect("url");
        TokenUpstream::new(url, "c".into(), None, Duration::from_secs(1)).expect("client")
    }

    /// What the proxy makes of Spotify answering `status` + `body` to a refresh or an exchange.
    async fn outcome(
        status: StatusCode,
        body: &'static [u8],
        is_refresh: bool,
    ) -> Result<Tokens, ApiError> {
        let (code, verifier, refresh) = (
            AuthorizationCode::new("code"),
            CodeVerifier::new("v".repeat(43)),
            RefreshToken::new("rt"),
        );
        let redirect_uri = Url::parse("http://127.0.0.1:9/callback").expect("url");
        let grant = if is_refresh {
            Grant::RefreshToken(&refresh)
        } else {
            Grant::AuthorizationCode {
                code: &code,
                verifier: &verifier,
                redirect_uri: &redirect_uri,
            }
        };
        upstream().grant_over(&answering(status, body), grant).await
    }

    async fn refusal(status: StatusCode, body: &'static [u8], is_refresh: bool) -> ApiError {
        match outcome(status, body, is_refresh).await {
            Err(error) => error,
            Ok(_) => panic!("a refusal was expected"),
        }
    }

    async fn parse_tokens(body: &'static [u8]) -> Result<Tokens, ApiError> {
        outcome(StatusCode::OK, body, true).await
    }

    #[tokio::test]
    async fn invalid_grant_on_refresh_means_sign_in_again() {
        let body = br#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#;
        assert!(
            matches!(refusal(StatusCode::BAD_REQUEST, body, true).await, ApiError::RefreshRejected(d) if d == "Refresh token revoked")
        );
    }

    #[tokio::test]
    async fn invalid_grant_on_exchange_keeps_spotifys_description() {
        let body = br#"{"error":"invalid_grant","error_description":"Invalid authorization code"}"#;
        let error = refusal(StatusCode::BAD_REQUEST, body, false).await;
        assert!(
            matches!(error, ApiError::CodeRejected { kind: CodeRejection::InvalidGrant, description } if description == "Invalid authorization code")
        );
    }

    #[tokio::test]
    async fn invalid_client_is_an_upstream_failure_not_the_users_fault() {
        let body = br#"{"error":"invalid_client","error_description":"Invalid client"}"#;
        assert!(matches!(
            refusal(StatusCode::BAD_REQUEST, body, false).await,
            ApiError::UpstreamRefused(_)
        ));
    }

    #[test]
    fn odd_descriptions_are_not_passed_on() {
        assert_eq!(
            shown_description("<script>alert(1)</script>"),
            "refused by Spotify"
        );
        assert_eq!(shown_description(&"a".repeat(500)), "refused by Spotify");
    }

    #[tokio::test]
    async fn a_token_answer_without_refresh_token_is_the_current_regime() {
        let body =
            br#"{"access_token":"at","token_type":"Bearer","expires_in":3600,"scope":"streaming"}"#;
        let tokens = parse_tokens(body).await.expect("parses");
        assert!(tokens.refresh_token.is_none());
        assert_eq!(tokens.expires_in, 3600);
    }

    #[tokio::test]
    async fn a_malformed_200_does_not_quote_the_body() {
        let body = br#"{"access_token":"secret-at","token_type":5}"#;
        let Err(ApiError::UpstreamFailed(message)) = parse_tokens(body).await else {
            panic!("must fail")
        };
        assert!(!message.contains("secret-at"));
    }

    #[tokio::test]
    async fn the_token_type_and_scopes_come_back_as_spotify_wrote_them() {
        let body = br#"{"access_token":"at","token_type":"bearer","expires_in":60,"scope":"streaming user-read-email","refresh_token":"rt2"}"#;
        let tokens = parse_tokens(body).await.expect("parses");
        assert_eq!(tokens.token_type, "Bearer");
        assert_eq!(tokens.scope, "streaming user-read-email");
        assert_eq!(
            tokens
                .refresh_token
                .map(|t| t.secret().to_owned())
                .as_deref(),
            Some("rt2")
        );
    }
}
