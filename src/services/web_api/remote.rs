//! [`Remote`]: one thing read from the Web API, as a screen shows it.

use super::ApiError;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Remote<T> {
    /// Not asked for yet.
    #[default]
    Idle,
    Loading,
    Loaded(T),
    /// What went wrong, in words a person can act on.
    Failed(String),
}

impl<T> Remote<T> {
    /// An answer as shown: what came, or why nothing came.
    pub fn from_result(result: Result<T, ApiError>) -> Self {
        match result {
            Ok(value) => Remote::Loaded(value),
            Err(error) => Remote::Failed(error.in_plain_words()),
        }
    }

    /// What came, once it came.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Remote::Loaded(value) => Some(value),
            _ => None,
        }
    }
}
