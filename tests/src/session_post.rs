//! A POST to a chromedriver-specific endpoint under the session (`goog/cdp/execute`, `se/log`):
//! not W3C WebDriver, so fantoccini has no method for them; one custom command serves both.

use fantoccini::wd::WebDriverCompatibleCommand;

/// `POST /session/{id}/{path}` with a JSON `body`.
#[derive(Debug)]
pub(crate) struct SessionPost {
    pub(crate) path: &'static str,
    pub(crate) body: String,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}
