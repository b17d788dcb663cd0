//! Where a tab lands after signing in: the page it was on when the person clicked Connect.
//!
//! The path is kept in the tab's sessionStorage across the trip to the accounts service. It
//! is only ever used as a same-origin path, so anything that could leave the origin
//! (`//host`, `https://…`, `/\host`) or loop back into the callback lands on `/` instead.

/// The path to show after the callback, from the one stored at sign-in start.
pub fn return_path<'a>(stored: Option<&'a str>, callback_path: &str) -> &'a str {
    match stored {
        Some(path) if is_plain_path(path) && path.trim_end_matches('/') != callback_path => path,
        _ => "/",
    }
}

/// `/`, `/library`, `/a-b/c_d`: a single leading slash, then path characters only.
fn is_plain_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    path.len() <= 256
        && !rest.starts_with('/')
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::return_path;

    const CALLBACK: &str = "/callback";

    #[test]
    fn the_page_of_the_click_is_where_the_tab_lands() {
        assert_eq!(return_path(Some("/library"), CALLBACK), "/library");
        assert_eq!(return_path(Some("/insights"), CALLBACK), "/insights");
        assert_eq!(return_path(Some("/"), CALLBACK), "/");
    }

    #[test]
    fn nothing_stored_lands_on_the_player() {
        assert_eq!(return_path(None, CALLBACK), "/");
        assert_eq!(return_path(Some(""), CALLBACK), "/");
    }

    #[test]
    fn nothing_that_could_leave_the_origin_or_loop_is_followed() {
        for hostile in [
            "//evil.example",
            "https://evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
            "library",
            "/library?code=x",
            "/library#x",
            "/callback",
            "/callback/",
            "/%2F%2Fevil",
        ] {
            assert_eq!(return_path(Some(hostile), CALLBACK), "/", "{hostile}");
        }
        let long = format!("/{}", "a".repeat(300));
        assert_eq!(return_path(Some(&long), CALLBACK), "/");
    }
}
