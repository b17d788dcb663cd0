//! The fixed security headers on every response: the Content-Security-Policy (`csp.rs`), a
//! Permissions-Policy that denies every powerful feature Chorus does not use, and the usual
//! hardening headers; HSTS when the public URL is https.

use axum::http::HeaderValue;
use url::Url;

/// Features the page never uses are denied to it and to every frame; the SDK's frame may play
/// protected audio (`encrypted-media`) and start playback (`autoplay`), and so may the page.
pub fn permissions_policy(sdk_origin: Option<&str>) -> String {
    let sdk = sdk_origin.map(|o| format!(" \"{o}\"")).unwrap_or_default();
    let denied = [
        "accelerometer",
        "ambient-light-sensor",
        "bluetooth",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ];
    denied
        .iter()
        .map(|feature| format!("{feature}=()"))
        .chain([
            format!("autoplay=(self{sdk})"),
            format!("encrypted-media=(self{sdk})"),
        ])
        .collect::<Vec<_>>()
        .join(", ")
}

/// The SDK's origin, as Permissions-Policy and CSP write it.
pub fn sdk_origin(sdk_url: &Url) -> Option<String> {
    let origin = sdk_url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// The fixed headers every response carries, CSP and HSTS included when they apply.
pub fn headers(csp: &str, permissions: &str, hsts: bool) -> Vec<(&'static str, HeaderValue)> {
    let mut headers = vec![
        ("referrer-policy", HeaderValue::from_static("no-referrer")),
        (
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        ),
        ("x-frame-options", HeaderValue::from_static("DENY")),
        (
            "cross-origin-opener-policy",
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if let Ok(value) = HeaderValue::from_str(permissions) {
        headers.push(("permissions-policy", value));
    }
    match HeaderValue::from_str(csp) {
        Ok(value) => headers.push(("content-security-policy", value)),
        // Origins come from parsed URLs and hashes are base64, so this cannot happen; fail closed.
        Err(_) => headers.push((
            "content-security-policy",
            HeaderValue::from_static("default-src 'none'"),
        )),
    }
    if hsts {
        headers.push((
            "strict-transport-security",
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permissions_policy_denies_the_camera_and_lets_the_sdk_play() {
        let policy = permissions_policy(Some("https://sdk.example"));
        assert!(policy.contains("camera=()"), "{policy}");
        assert!(policy.contains("microphone=()"), "{policy}");
        assert!(policy.contains("geolocation=()"), "{policy}");
        assert!(
            policy.contains("encrypted-media=(self \"https://sdk.example\")"),
            "{policy}"
        );
        assert!(
            policy.contains("autoplay=(self \"https://sdk.example\")"),
            "{policy}"
        );
        assert!(HeaderValue::from_str(&policy).is_ok());
    }
}
