//! Shared by the integration tests: the stub upstream, a proxy on a real socket started the way
//! the browser harness starts it (`Options::try_parse_from` + `serve_listener`), and a "tab" that
//! keeps its own session id and cookies like a browser tab would.
#![allow(dead_code, unused_imports)] // each test file uses a different part

pub mod stub_upstream;

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::atomic::{AtomicUsize, Ordering},
};

use chorus_core::config::{RuntimeConfig, TokenMode};
use clap::Parser as _;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
pub use stub_upstream::{Next, Regime, StubUpstream, CLIENT_ID};

pub const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";
pub const SDK_URL: &str = "http://127.0.0.1:4001/spotify-player.js";
pub const INLINE_LOADER: &str =
    "import init, * as bindings from '/chorus-abc.js';\ninit('/chorus-abc_bg.wasm');";
pub const VERIFIER: &str = "verifier-SECRET-0123456789-abcdefghijklmnopqrstuvwxyz";

/// A fresh `dist/` with an index.html holding trunk's kind of inline loader.
pub fn dist() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("chorus-proxy-it-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let html = format!(
        "<!doctype html><html><head><link rel=\"modulepreload\" href=\"/chorus-abc.js\">\
         <script type=\"module\">{INLINE_LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), html).expect("write index");
    dir
}

/// The accounts base URL that makes `<base>/api/token` the stub.
pub fn accounts_base(stub: &StubUpstream) -> String {
    stub.token_url.trim_end_matches("/api/token").to_owned()
}

pub fn config(stub: &StubUpstream) -> RuntimeConfig {
    let accounts = accounts_base(stub);
    RuntimeConfig {
        client_id: CLIENT_ID.into(),
        redirect_uri: REDIRECT_URI.parse().expect("url"),
        accounts_base_url: accounts.parse().expect("url"),
        api_base_url: format!("{accounts}/v1").parse().expect("url"),
        sdk_url: SDK_URL.parse().expect("url"),
        token_mode: TokenMode::Proxy,
        sandbox: true,
    }
}

/// A proxy on 127.0.0.1:0 in front of `stub`, configured by flags.
pub struct Proxy {
    pub base: String,
    http: reqwest::Client,
    /// The key that seals (and so names) its cookies: the first `--sealing-key`.
    key: chorus_proxy::SealingKeyMaterial,
}

impl Proxy {
    pub async fn spawn(stub: &StubUpstream, extra_flags: &[&str]) -> Self {
        let accounts = accounts_base(stub);
        let dist = dist();
        let mut flags = vec![
            "chorus-proxy".to_owned(),
            "--client-id".into(),
            CLIENT_ID.into(),
            "--redirect-uri".into(),
            REDIRECT_URI.into(),
            "--accounts-base-url".into(),
            accounts.clone(),
            "--api-base-url".into(),
            format!("{accounts}/v1"),
            "--sdk-url".into(),
            SDK_URL.into(),
            "--static-dir".into(),
            dist.display().to_string(),
            "--sandbox".into(),
        ];
        flags.extend(extra_flags.iter().map(|f| f.to_string()));
        // Cookie names are keyed by the sealing key: give one when the test did not.
        let given = flags
            .iter()
            .position(|f| f == "--sealing-key")
            .and_then(|i| flags.get(i + 1));
        let key: chorus_proxy::SealingKeyMaterial = match given {
            Some(key) => key.parse().expect("a valid test key"),
            None => {
                let key = chorus_proxy::SealingKeyMaterial::generate();
                flags.extend(["--sealing-key".to_owned(), key.to_base64()]);
                key
            }
        };
        let options = chorus_proxy::Options::try_parse_from(flags).expect("flags parse");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind proxy");
        let base = format!("http://{}", listener.local_addr().expect("proxy addr"));
        tokio::spawn(chorus_proxy::serve_listener(listener, options));
        let http = reqwest::Client::builder().build().expect("test client");
        Self { base, http, key }
    }

    pub fn tab(&self, session: &str) -> Tab<'_> {
        Tab {
            proxy: self,
            session: session.to_owned(),
            cookies: HashMap::new(),
            origin: None,
        }
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = self
            .http
            .execute(request.build().expect("request"))
            .await
            .expect("proxy answers");
        Answer::read(response).await
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base))
    }
}

/// One answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: String,
}

impl Answer {
    async fn read(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        Self {
            status,
            headers,
            body,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("JSON body expected ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// The error code of a JSON error answer.
    pub fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_default().to_owned()
    }
}

/// A browser tab: its session id and the cookies the proxy set for it.
pub struct Tab<'p> {
    proxy: &'p Proxy,
    pub session: String,
    pub cookies: HashMap<String, String>,
    pub origin: Option<String>,
}

impl Tab<'_> {
    /// The name the proxy gives this tab's cookie (a keyed hash of the session id).
    pub fn cookie_name(&self) -> String {
        chorus_proxy::cookie_name(&self.proxy.key, &self.session).expect("a valid test session")
    }

    async fn post(&mut self, path: &str, body: Option<Value>) -> Answer {
        let mut request = self
            .proxy
            .request(reqwest::Method::POST, path)
            .header("x-chorus-session", &self.session);
        if let Some(origin) = &self.origin {
            request = request.header(header::ORIGIN, origin);
        }
        if !self.cookies.is_empty() {
            let line: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.header(header::COOKIE, line.join("; "));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = self.proxy.send(request).await;
        self.remember(&answer);
        answer
    }

    /// Applies `Set-Cookie` as a browser does (Max-Age=0 deletes).
    fn remember(&mut self, answer: &Answer) {
        for line in answer.set_cookies() {
            let pair = line.split(';').next().unwrap_or_default();
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            if line.contains("Max-Age=0") || value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn exchange(&mut self, code: &str) -> Answer {
        self.exchange_with(
            json!({"code": code, "code_verifier": VERIFIER, "redirect_uri": REDIRECT_URI}),
        )
        .await
    }

    pub async fn exchange_with(&mut self, body: Value) -> Answer {
        self.post("/api/token/exchange", Some(body)).await
    }

    pub async fn refresh(&mut self) -> Answer {
        self.post("/api/token/refresh", None).await
    }

    pub async fn logout(&mut self) -> Answer {
        self.post("/api/token/logout", None).await
    }

    /// Signs the tab in through the stub with a fresh code.
    pub async fn sign_in(&mut self, stub: &StubUpstream, code: &str) -> Answer {
        stub.authorize(code, VERIFIER, REDIRECT_URI);
        let answer = self.exchange(code).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "sign-in failed: {}",
            answer.body
        );
        answer
    }
}
