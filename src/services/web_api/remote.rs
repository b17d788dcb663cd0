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

#[cfg(test)]
mod tests {
    use chorus_core::spotify::WebApiError;

    use super::*;

    #[test]
    fn an_answer_is_loaded_and_a_failure_is_said_in_plain_words() {
        assert_eq!(Remote::from_result(Ok(3)), Remote::Loaded(3));
        assert_eq!(Remote::<u8>::Idle.loaded(), None);
        let down = ApiError::Spotify(WebApiError {
            status: 503,
            message: "Service unavailable".into(),
            reason: None,
        });
        let Remote::<u8>::Failed(words) = Remote::from_result(Err(down)) else {
            panic!("a failure");
        };
        assert!(words.contains("Try again in a moment"), "{words}");
    }
}
