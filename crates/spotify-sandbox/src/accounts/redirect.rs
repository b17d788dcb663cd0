//! Redirect URI matching (contract §1): exact match, HTTPS only, except the loopback IP literals
//! `127.0.0.1` and `[::1]` over HTTP, where a URI registered without a port matches any port.
//! `localhost` is refused even if registered.

use url::{Host, Url};

/// Whether `requested` is acceptable for a client that registered `registered`.
pub fn is_registered(registered: &[String], requested: &str) -> bool {
    let Ok(url) = Url::parse(requested) else {
        return false;
    };
    match url.scheme() {
        "https" => registered.iter().any(|r| r == requested),
        "http" if is_loopback_literal(&url) => registered
            .iter()
            .any(|r| loopback_matches(r, &url, requested)),
        _ => false,
    }
}

fn is_loopback_literal(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback() && ip.octets() == [127, 0, 0, 1],
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    }
}

fn loopback_matches(registered: &str, url: &Url, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let Ok(registered_url) = Url::parse(registered) else {
        return false;
    };
    // A port in the registration must match exactly (handled by the string comparison above).
    registered_url.port().is_none()
        && registered_url.scheme() == url.scheme()
        && registered_url.host() == url.host()
        && registered_url.path() == url.path()
        && registered_url.query() == url.query()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered() -> Vec<String> {
        vec![
            "http://127.0.0.1/callback".to_owned(),
            "http://[::1]/callback".to_owned(),
            "https://chorus.example/callback".to_owned(),
            "http://localhost:8080/callback".to_owned(),
        ]
    }

    #[test]
    fn loopback_without_port_matches_any_port() {
        assert!(is_registered(
            &registered(),
            "http://127.0.0.1:8080/callback"
        ));
        assert!(is_registered(&registered(), "http://127.0.0.1/callback"));
        assert!(is_registered(&registered(), "http://[::1]:5173/callback"));
    }

    #[test]
    fn path_case_and_trailing_slash_must_match() {
        assert!(!is_registered(
            &registered(),
            "http://127.0.0.1:8080/callback/"
        ));
        assert!(!is_registered(
            &registered(),
            "http://127.0.0.1:8080/Callback"
        ));
        assert!(!is_registered(
            &registered(),
            "https://chorus.example/callback/"
        ));
    }

    #[test]
    fn localhost_and_plain_http_are_refused() {
        assert!(!is_registered(
            &registered(),
            "http://localhost:8080/callback"
        ));
        assert!(!is_registered(
            &registered(),
            "http://chorus.example/callback"
        ));
    }

    #[test]
    fn https_must_be_registered_exactly() {
        assert!(is_registered(
            &registered(),
            "https://chorus.example/callback"
        ));
        assert!(!is_registered(
            &registered(),
            "https://evil.example/callback"
        ));
    }
}
