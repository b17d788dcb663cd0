//! What a request leaves in the log, bounded whatever the client sends (README "Logs"): one line
//! per request, when its answer is ready, with its method, path, request id, status, latency and,
//! for a refused request, the error and its detail; each client-supplied value cut to
//! `MAX_LOGGED_BYTES` with the original length beside it. A client's `X-Request-Id` is kept only
//! when it is at most 64 plain characters, else replaced by a fresh one (tower-http's request-id
//! layers take any value).

use std::time::Duration;

use axum::http::{HeaderValue, Request, Response};
use tracing::{field::Empty, Span};

/// The longest client-supplied value written to a log line.
pub const MAX_LOGGED_BYTES: usize = 256;
/// The longest `X-Request-Id` taken from a client.
const MAX_REQUEST_ID: usize = 64;

/// Drops an `X-Request-Id` that is not plain (A-Z a-z 0-9 - _ . : at most 64), or repeated, so
/// that `SetRequestIdLayer` makes a fresh one.
pub fn keep_plain_request_id<B>(mut request: Request<B>) -> Request<B> {
    let headers = request.headers_mut();
    let mut values = headers.get_all("x-request-id").iter();
    let plain = match (values.next(), values.next()) {
        (Some(value), None) => is_plain(value),
        _ => false,
    };
    if !plain {
        headers.remove("x-request-id");
    }
    request
}

fn is_plain(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_REQUEST_ID
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
}

/// At most `MAX_LOGGED_BYTES` of `text`, cut at a character boundary.
pub fn cut(text: &str) -> &str {
    if text.len() <= MAX_LOGGED_BYTES {
        return text;
    }
    let mut end = MAX_LOGGED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The span of one request: method, path (never the query: `/callback?code=…`), request id.
pub fn span_for<B>(request: &Request<B>) -> Span {
    let method = request.method().as_str();
    let path = request.uri().path();
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    if path.len() > MAX_LOGGED_BYTES || method.len() > MAX_LOGGED_BYTES {
        tracing::info_span!(
            "request",
            method = cut(method),
            path = cut(path),
            path_len = path.len(),
            method_len = method.len(),
            request_id = cut(request_id),
            error = Empty,
            detail = Empty,
        )
    } else {
        tracing::info_span!(
            "request",
            method,
            path,
            request_id = cut(request_id),
            error = Empty,
            detail = Empty,
        )
    }
}

/// Puts a refused request's error code and detail into its span (and so into its one line).
pub fn record_error(error: &str, detail: &str) {
    let span = Span::current();
    span.record("error", error);
    span.record("detail", cut(detail));
}

/// The one line per request: a warning for a 5xx, information otherwise.
pub fn on_response<B>(response: &Response<B>, latency: Duration, _span: &Span) {
    let status = response.status().as_u16();
    let latency_ms = latency.as_secs_f64() * 1000.0;
    if response.status().is_server_error() {
        tracing::warn!(status, latency_ms, "answered");
    } else {
        tracing::info!(status, latency_ms, "answered");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: &[u8]) -> Request<()> {
        let mut request = Request::new(());
        if let Ok(value) = HeaderValue::from_bytes(id) {
            request.headers_mut().insert("x-request-id", value);
        }
        request
    }

    #[test]
    fn a_plain_request_id_is_kept_and_a_long_or_odd_one_dropped() {
        let kept = keep_plain_request_id(with_id(b"trace-42_a.b:c"));
        assert_eq!(kept.headers()["x-request-id"], "trace-42_a.b:c");
        for odd in [&b"a".repeat(65)[..], b"has space", b"quote\"", b""] {
            let request = keep_plain_request_id(with_id(odd));
            assert!(request.headers().get("x-request-id").is_none(), "{odd:?}");
        }
    }

    #[test]
    fn cutting_keeps_character_boundaries() {
        let long = "é".repeat(300);
        let cut = cut(&long);
        assert!(cut.len() <= MAX_LOGGED_BYTES);
        assert!(cut.chars().all(|c| c == 'é'));
        assert_eq!(super::cut("short"), "short");
    }
}
