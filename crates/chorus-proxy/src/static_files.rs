//! Serving the built app: files from `dist/`, and `index.html` (status 200) for every other
//! path so the app's own router handles `/callback`, `/library` and the rest.

use std::path::Path;

use tower_http::services::{ServeDir, ServeFile};

pub(crate) fn service(static_dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(static_dir)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(static_dir.join("index.html")))
}
