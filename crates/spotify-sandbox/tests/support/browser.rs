//! A cookie-keeping HTTP client over a real socket that walks the sandbox's accounts pages as a
//! person's browser would: the authorize URL, the login form, the consent screen, Agree.

use super::hidden_value;

/// One browser: its cookies (the sandbox's login) and the sandbox's base URL.
#[derive(Debug)]
pub struct WebBrowser {
    client: reqwest::Client,
    base: String,
}

/// Every hidden field of the consent form: the authorize request it carries, and `login`.
fn consent_form(html: &str) -> Vec<(String, String)> {
    let form = html
        .split("action=\"/authorize/decision\"")
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .unwrap_or_default();
    form.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|chunk| {
            let name = chunk.split('"').next()?.to_owned();
            let value = hidden_value(&format!("name=\"{chunk}"), &name)?;
            Some((name, value))
        })
        .collect()
}

impl WebBrowser {
    pub fn new(base: &str) -> Self {
        Self {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
            base: base.to_owned(),
        }
    }

    /// Where a redirect points, absolute (the sandbox's own pages redirect by path).
    fn location(&self, response: &reqwest::Response) -> String {
        let to = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("a redirect")
            .to_owned();
        if to.starts_with('/') {
            format!("{}{to}", self.base)
        } else {
            to
        }
    }

    async fn text(&self, url: &str) -> String {
        let response = self.client.get(url).send().await.expect("a page");
        response.text().await.expect("HTML")
    }

    /// Follows `authorize_url` through the login form (as seeded user `user`) and the consent
    /// screen, where it agrees; returns the URL the sandbox sends the browser back to.
    pub async fn log_in_and_agree(&self, authorize_url: &str, user: &str) -> String {
        let base = &self.base;
        let to_login = self
            .client
            .get(authorize_url)
            .send()
            .await
            .expect("authorize");
        let login_page = self.text(&self.location(&to_login)).await;
        let continue_to = hidden_value(&login_page, "continue").expect("the login form");
        let password = spotify_sandbox::catalogue::library::seeded_password(user);
        let logged_in = self
            .client
            .post(format!("{base}/login"))
            .form(&[
                ("username", user),
                ("password", password.as_str()),
                ("continue", continue_to.as_str()),
            ])
            .send()
            .await
            .expect("login");
        let consent = self.text(&self.location(&logged_in)).await;
        assert!(
            consent.contains(&format!("id=\"logged-in-as\" data-user=\"{user}\"")),
            "the consent screen for {user}: {consent}"
        );
        let mut form = consent_form(&consent);
        form.push(("decision".to_owned(), "approve".to_owned()));
        let back = self
            .client
            .post(format!("{base}/authorize/decision"))
            .form(&form)
            .send()
            .await
            .expect("decision");
        self.location(&back)
    }
}
