//! Serving the built app: files from `dist/`, and `index.html` (status 200) for every other
//! path so the app's own router handles `/callback`, `/library` and the rest.
//!
//! Never a 5xx from a path: a path longer than `MAX_PATH_BYTES` is answered 414 before the file
//! system sees it (a long path of short segments made it answer ENAMETOOLONG, a 500), a segment
//! longer than a file name goes straight to `index.html`, and any other file-system error while
//! looking a path up (ENOTDIR, EACCES, …) is answered with `index.html` too, or 404 if even that
//! cannot be read. The fuzz target under `fuzz/` and `tests/router_fuzz.rs` hold this.

use std::{
    convert::Infallible,
    future::Future,
    path::Path,
    pin::Pin,
    task::{Context, Poll},
};

use axum::{
    body::Body,
    http::{Request, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use tower::Service;
use tower_http::services::{ServeDir, ServeFile};

/// The longest path (raw, before percent-decoding) the proxy looks up; longer ones are 414.
pub const MAX_PATH_BYTES: usize = 2048;
/// The longest path segment handed to the file system (NAME_MAX).
const MAX_SEGMENT_BYTES: usize = 255;

/// `dist/` with `index.html` as the answer for everything else.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    dir: ServeDir<ServeFile>,
    index: ServeFile,
}

impl StaticFiles {
    pub fn new(static_dir: &Path) -> Self {
        let index = ServeFile::new(static_dir.join("index.html"));
        Self {
            dir: ServeDir::new(static_dir)
                .append_index_html_on_directories(true)
                .fallback(index.clone()),
            index,
        }
    }
}

impl Service<Request<Body>> for StaticFiles {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        let path = request.uri().path();
        if path.len() > MAX_PATH_BYTES {
            return Box::pin(async { Ok(StatusCode::URI_TOO_LONG.into_response()) });
        }
        if path
            .split('/')
            .any(|segment| segment.len() > MAX_SEGMENT_BYTES)
        {
            *request.uri_mut() = Uri::from_static("/");
        }
        let mut index_request = Request::new(Body::empty());
        *index_request.method_mut() = request.method().clone();
        *index_request.headers_mut() = request.headers().clone();
        let mut dir = self.dir.clone();
        let mut index = self.index.clone();
        Box::pin(async move {
            match dir.try_call(request).await {
                Ok(response) => Ok(response.map(Body::new)),
                Err(error) => {
                    tracing::debug!(%error, "file-system error; answering with index.html");
                    Ok(match index.try_call(index_request).await {
                        Ok(response) => response.map(Body::new),
                        Err(_) => StatusCode::NOT_FOUND.into_response(),
                    })
                }
            }
        })
    }
}
