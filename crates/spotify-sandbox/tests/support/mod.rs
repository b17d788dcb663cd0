//! Shared helpers of the sandbox's integration tests: drive the router in process (tower
//! `oneshot`), log in and walk the consent screen, exchange codes.
#![allow(dead_code)]

pub mod browser;

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use spotify_sandbox::{router, Sandbox, SandboxConfig};
use tower::ServiceExt;

/// RFC 7636 appendix B.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const REDIRECT: &str = "http://127.0.0.1:8080/callback";
pub const CLIENT_ID: &str = "chorus-demo";

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The query pairs of the `Location` a redirect points to.
    pub fn location_query(&self) -> Vec<(String, String)> {
        let location = self.header("location").expect("a Location header");
        // A path (the sandbox's own pages) is read against a placeholder origin.
        let base = url::Url::parse("http://sandbox.test").expect("a URL");
        let url = base.join(&location).expect("a Location URL");
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// `name=value` of the first `Set-Cookie`, as a `Cookie` header would carry it back.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .and_then(|c| c.split(';').next().map(str::to_owned))
    }

    pub fn location_param(&self, name: &str) -> Option<String> {
        self.location_query()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// The `value` of the first `<input … name="NAME" value="…">` in a page (the pages write `name`
/// before `value`).
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let after = html.split(&format!("name=\"{name}\" value=\"")).nth(1)?;
    let escaped = after.split('"').next()?;
    // Undo the pages' HTML escaping, as a browser submitting the form would.
    Some(
        escaped
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// One sandbox and its router, driven without a socket.
#[derive(Debug, Clone)]
pub struct Harness {
    pub sandbox: Sandbox,
    app: Router,
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

impl Harness {
    pub fn new(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::new(config);
        Self {
            app: router(sandbox.clone()),
            sandbox,
        }
    }

    pub fn for_tests() -> Self {
        Self::new(SandboxConfig::for_tests())
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "sandbox.test");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).expect("a valid request"))
            .await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Option<Value>) -> Reply {
        self.call(Method::PUT, path, Some(token), body).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Option<Value>) -> Reply {
        self.call(Method::POST, path, Some(token), body).await
    }

    pub async fn post_form(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        self.send(
            request
                .body(Body::from(form(pairs)))
                .expect("a valid request"),
        )
        .await
    }

    /// `GET /authorize?…` with the given parameters (and optional Cookie header).
    pub async fn authorize(&self, pairs: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let mut request = Request::builder().uri(format!("/authorize?{}", form(pairs)));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).expect("a valid request"))
            .await
    }

    /// Logs a fresh browser in as seeded user `user_id`; returns its `Cookie` header value.
    pub async fn login_cookie(&self, user_id: &str) -> String {
        let password = spotify_sandbox::catalogue::library::seeded_password(user_id);
        let reply = self
            .post_form(
                "/login",
                &[
                    ("username", user_id),
                    ("password", &password),
                    ("continue", "/status"),
                ],
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FOUND, "login: {}", reply.text());
        reply.cookie().expect("a login cookie")
    }

    /// The authorize request of the tests (state `s1`, the RFC 7636 challenge) for `scope`.
    pub fn authorize_params(scope: &str) -> Vec<(&str, &str)> {
        vec![
            ("client_id", CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("state", "s1"),
            ("scope", scope),
            ("code_challenge_method", "S256"),
            ("code_challenge", CHALLENGE),
        ]
    }

    /// Answers the consent screen shown to the browser with `cookie` for `pairs`: `decision` is
    /// `approve` or `deny`.
    pub async fn answer_consent(
        &self,
        pairs: &[(&str, &str)],
        cookie: &str,
        decision: &str,
    ) -> Reply {
        let page = self.authorize(pairs, Some(cookie)).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "the consent screen: {}",
            page.text()
        );
        let token = hidden_value(&page.text(), "login").expect("the consent form's login field");
        let mut form = pairs.to_vec();
        form.retain(|(k, _)| *k != "show_dialog");
        form.push(("login", &token));
        form.push(("decision", decision));
        self.post_form("/authorize/decision", &form, &[("cookie", cookie)])
            .await
    }

    /// Logs in as `user_id`, agrees on the consent screen and returns the code from the redirect.
    pub async fn code_for(&self, user_id: &str, scope: &str) -> String {
        let cookie = self.login_cookie(user_id).await;
        let mut pairs = Self::authorize_params(scope);
        pairs.push(("show_dialog", "true"));
        let reply = self.answer_consent(&pairs, &cookie, "approve").await;
        assert_eq!(
            reply.status,
            StatusCode::FOUND,
            "approval redirects: {}",
            reply.text()
        );
        reply
            .location_param("code")
            .expect("a code in the redirect")
    }

    /// The whole PKCE flow for `user_id`; returns the token response.
    pub async fn login(&self, user_id: &str, scope: &str) -> Value {
        let code = self.code_for(user_id, scope).await;
        let reply = self
            .post_form(
                "/api/token",
                &[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", REDIRECT),
                    ("client_id", CLIENT_ID),
                    ("code_verifier", VERIFIER),
                ],
                &[],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "code exchange: {}",
            reply.text()
        );
        reply.json()
    }

    /// An access token with every scope, issued without the consent page.
    pub fn token(&self, user_id: &str) -> String {
        let scopes = spotify_sandbox::admin::all_scopes();
        self.sandbox
            .issue_tokens(user_id, &scopes)
            .expect("a seeded user")
            .access_token
    }

    /// Registers a phone for `user_id` and returns its device id.
    pub fn phone(&self, user_id: &str) -> String {
        self.sandbox
            .add_device(
                user_id,
                "Phone",
                spotify_sandbox::connect::DeviceKind::Smartphone,
            )
            .expect("a seeded user")
    }

    pub fn advance_ms(&self, ms: u64) {
        assert!(
            self.sandbox
                .advance_clock(std::time::Duration::from_millis(ms)),
            "manual clock"
        );
    }

    /// The first track of the first album, as a `spotify:album:` context.
    pub fn first_album_uri(&self) -> String {
        self.sandbox
            .read(|world| format!("spotify:album:{}", world.catalogue.albums[0].id))
    }
}

pub const ALL_SCOPES: &str = "streaming user-read-email user-read-private user-read-playback-state user-modify-playback-state user-read-currently-playing user-read-recently-played user-top-read playlist-read-private playlist-modify-private playlist-modify-public user-library-read user-library-modify";
