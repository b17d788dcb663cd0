//! The sandbox's Web API as another Spotify client of one user (the test, with its own token):
//! how tests set up or check what the app should see (playlists made elsewhere, top tracks,
//! playback started from "another app").

use serde_json::Value;

use crate::{HarnessError, Result, Stack};

/// One user's Web API, under a token the sandbox issued to the test.
#[derive(Debug)]
pub struct UserApi {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl UserApi {
    /// Asks the sandbox for a token of `user` (all scopes, no consent page).
    pub async fn for_user(stack: &Stack, user: &str) -> Result<Self> {
        let tokens = stack
            .sandbox_admin("tokens", serde_json::json!({ "user_id": user }))
            .await?;
        let token = tokens["access_token"]
            .as_str()
            .ok_or_else(|| HarnessError::Setup(format!("no token for {user}: {tokens}")))?
            .to_owned();
        Ok(Self {
            http: reqwest::Client::new(),
            base: format!("{}/v1", stack.sandbox_url()),
            token,
        })
    }

    /// `method path` (relative to `/v1/`) with an optional JSON body. The answer's JSON, or
    /// `Null` for an empty one; any status but 2xx is an error naming the call and the answer.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}/{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| HarnessError::Setup(format!("{method} {path}: {e}")))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| HarnessError::Setup(format!("{method} {path}: {e}")))?;
        if !status.is_success() {
            return Err(HarnessError::Assertion(format!(
                "{method} {path} answered {status}: {text}"
            )));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> Result<Value> {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Option<Value>) -> Result<Value> {
        self.call(reqwest::Method::PUT, path, body).await
    }
}
