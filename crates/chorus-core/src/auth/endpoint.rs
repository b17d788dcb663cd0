//! Accounts-service endpoint URLs built from the runtime config's base URL, never a
//! hard-coded host (style principle 8), so the sandbox is a drop-in.

use url::Url;

/// `base` with `segments` appended as path segments. Unlike `Url::join`, a base with a path
/// and no trailing slash (`https://host/accounts`) keeps its last segment.
pub(crate) fn endpoint(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// `GET {accounts}/authorize` (contract §1).
pub fn authorize_url_base(accounts_base_url: &Url) -> Url {
    endpoint(accounts_base_url, &["authorize"])
}

/// `GET {accounts}/logout`: the accounts service's own page that ends this browser's login
/// (contract §1 "One Spotify login per browser"); it does not redirect back.
pub fn logout_url(accounts_base_url: &Url) -> Url {
    endpoint(accounts_base_url, &["logout"])
}

/// `POST {accounts}/api/token` (contract §1).
pub fn token_url(accounts_base_url: &Url) -> Url {
    endpoint(accounts_base_url, &["api", "token"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    #[test]
    fn logout_url_is_the_accounts_services_own_page() {
        assert_eq!(
            logout_url(&url("http://127.0.0.1:4001/?x=1")).as_str(),
            "http://127.0.0.1:4001/logout"
        );
    }

    #[test]
    fn token_url_appends_to_bare_and_pathed_bases() {
        assert_eq!(
            token_url(&url("http://127.0.0.1:4001")).as_str(),
            "http://127.0.0.1:4001/api/token"
        );
        assert_eq!(
            token_url(&url("http://127.0.0.1:4001/accounts/")).as_str(),
            "http://127.0.0.1:4001/accounts/api/token"
        );
        assert_eq!(
            authorize_url_base(&url("https://accounts.example/sub")).as_str(),
            "https://accounts.example/sub/authorize"
        );
    }
}
