//! A stand-in for Spotify's `POST /api/token` (docs/spotify-contract.md §1), in process on port 0, with
//! the contract's exact error bodies and both refresh regimes. Codes are registered with the
//! verifier they expect (the real service compares a S256 challenge; the outcome is the same).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Form, Json, Router,
};
use serde_json::json;

pub const CLIENT_ID: &str = "chorus-test";

/// How refresh answers behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// Every refresh returns a new refresh token and revokes the old one.
    Legacy,
    /// Refresh answers carry no refresh token; the original stays valid.
    Current,
}

/// A canned answer that replaces the normal behaviour for the next request.
#[derive(Debug, Clone)]
pub enum Next {
    RateLimited { retry_after: &'static str },
    Hang(Duration),
    Status(StatusCode, serde_json::Value),
}

#[derive(Debug, Default)]
pub struct Recorded {
    pub form: HashMap<String, String>,
    pub authorization: Option<String>,
}

#[derive(Debug)]
struct StubState {
    regime: Regime,
    client_secret: Option<String>,
    codes: HashMap<String, (String, String)>,
    refresh_tokens: HashMap<String, bool>,
    issued: u32,
    next: Option<Next>,
    requests: Vec<Recorded>,
}

#[derive(Debug, Clone)]
pub struct StubUpstream {
    pub token_url: String,
    state: Arc<Mutex<StubState>>,
}

impl StubUpstream {
    pub async fn spawn(regime: Regime) -> Self {
        Self::spawn_with_secret(regime, None).await
    }

    pub async fn spawn_with_secret(regime: Regime, client_secret: Option<&str>) -> Self {
        let state = Arc::new(Mutex::new(StubState {
            regime,
            client_secret: client_secret.map(str::to_owned),
            codes: HashMap::new(),
            refresh_tokens: HashMap::new(),
            issued: 0,
            next: None,
            requests: Vec::new(),
        }));
        let app = Router::new()
            .route("/api/token", post(token))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind stub");
        let addr = listener.local_addr().expect("stub addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            token_url: format!("http://{addr}/api/token"),
            state,
        }
    }

    fn lock(&self) -> MutexGuard<'_, StubState> {
        self.state.lock().expect("stub state lock")
    }

    /// Makes `code` valid once, for this verifier and redirect URI.
    pub fn authorize(&self, code: &str, verifier: &str, redirect_uri: &str) {
        self.lock()
            .codes
            .insert(code.into(), (verifier.into(), redirect_uri.into()));
    }

    /// Revokes every refresh token, as when the user removes the app's access.
    pub fn revoke_all(&self) {
        for valid in self.lock().refresh_tokens.values_mut() {
            *valid = false;
        }
    }

    pub fn answer_next(&self, next: Next) {
        self.lock().next = Some(next);
    }

    pub fn requests(&self) -> usize {
        self.lock().requests.len()
    }

    pub fn last_request(&self) -> Recorded {
        let state = self.lock();
        let last = state.requests.last().expect("a request reached the stub");
        Recorded {
            form: last.form.clone(),
            authorization: last.authorization.clone(),
        }
    }
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

async fn token(
    State(state): State<Arc<Mutex<StubState>>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let next = {
        let mut s = state.lock().expect("stub state lock");
        s.requests.push(Recorded {
            form: form.clone(),
            authorization: authorization.clone(),
        });
        s.next.take()
    };
    match next {
        Some(Next::RateLimited { retry_after }) => {
            let body = Json(json!({"error": "rate_limited"}));
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, retry_after)],
                body,
            )
                .into_response();
        }
        Some(Next::Hang(duration)) => tokio::time::sleep(duration).await,
        Some(Next::Status(status, body)) => return (status, Json(body)).into_response(),
        None => {}
    }
    let mut s = state.lock().expect("stub state lock");
    let field = |name: &str| form.get(name).map(String::as_str);
    if field("client_id") != Some(CLIENT_ID) {
        return oauth_error("invalid_client", "Invalid client");
    }
    if let Some(secret) = &s.client_secret {
        use base64::Engine as _;
        let expected =
            base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{secret}"));
        if authorization.as_deref() != Some(format!("Basic {expected}").as_str()) {
            return oauth_error("invalid_client", "Invalid client");
        }
    }
    match field("grant_type") {
        Some("authorization_code") => {
            let Some((verifier, redirect_uri)) =
                field("code").and_then(|c| s.codes.get(c).cloned())
            else {
                return oauth_error("invalid_grant", "Invalid authorization code");
            };
            let Some(given_verifier) = field("code_verifier") else {
                return oauth_error("invalid_request", "code_verifier required");
            };
            if given_verifier != verifier {
                return oauth_error("invalid_grant", "code_verifier was incorrect");
            }
            if field("redirect_uri") != Some(redirect_uri.as_str()) {
                return oauth_error("invalid_grant", "Invalid redirect URI");
            }
            if let Some(code) = field("code") {
                s.codes.remove(code);
            }
            let (access, refresh) = issue(&mut s);
            Json(json!({"access_token": access, "token_type": "Bearer", "scope": "streaming user-read-email",
                        "expires_in": 3600, "refresh_token": refresh}))
            .into_response()
        }
        Some("refresh_token") => {
            let Some(old) = field("refresh_token") else {
                return oauth_error("invalid_request", "refresh_token must be supplied");
            };
            match s.refresh_tokens.get(old) {
                None => return oauth_error("invalid_grant", "Invalid refresh token"),
                Some(false) => return oauth_error("invalid_grant", "Refresh token revoked"),
                Some(true) => {}
            }
            match s.regime {
                Regime::Legacy => {
                    s.refresh_tokens.insert(old.to_owned(), false);
                    let (access, refresh) = issue(&mut s);
                    Json(
                        json!({"access_token": access, "token_type": "Bearer", "scope": "streaming",
                                "expires_in": 3600, "refresh_token": refresh}),
                    )
                    .into_response()
                }
                Regime::Current => {
                    s.issued += 1;
                    let access = format!("at-SECRET-{}", s.issued);
                    Json(
                        json!({"access_token": access, "token_type": "Bearer", "scope": "streaming",
                                "expires_in": 3600}),
                    )
                    .into_response()
                }
            }
        }
        _ => oauth_error("unsupported_grant_type", "grant_type parameter is missing"),
    }
}

fn issue(s: &mut StubState) -> (String, String) {
    s.issued += 1;
    let refresh = format!("rt-SECRET-{}", s.issued);
    s.refresh_tokens.insert(refresh.clone(), true);
    (format!("at-SECRET-{}", s.issued), refresh)
}
