//! The sandbox's notion of "now", in Unix milliseconds: real time, or a manual clock that only
//! moves when told to (`POST /_sandbox/clock/advance`), so tests can expire tokens and end tracks
//! without sleeping.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::config::ClockMode;

/// A source of time for token expiry and playback progress.
#[derive(Debug, Clone)]
pub enum Clock {
    /// Wall-clock time, measured monotonically from a start point so it never goes backwards.
    Real {
        started: Instant,
        started_unix_ms: u64,
    },
    /// Time that moves only through [`Clock::advance`].
    Manual { now_unix_ms: u64 },
}

impl Clock {
    pub fn new(mode: ClockMode) -> Self {
        let started_unix_ms = unix_now_ms();
        match mode {
            ClockMode::Real => Self::Real {
                started: Instant::now(),
                started_unix_ms,
            },
            ClockMode::Manual => Self::Manual {
                now_unix_ms: started_unix_ms,
            },
        }
    }

    /// Now, in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> u64 {
        match self {
            Self::Real {
                started,
                started_unix_ms,
            } => started_unix_ms.saturating_add(millis(started.elapsed())),
            Self::Manual { now_unix_ms } => *now_unix_ms,
        }
    }

    /// Moves a manual clock forward; a real clock cannot be moved and reports `false`.
    pub fn advance(&mut self, by: Duration) -> bool {
        match self {
            Self::Real { .. } => false,
            Self::Manual { now_unix_ms } => {
                *now_unix_ms = now_unix_ms.saturating_add(millis(by));
                true
            }
        }
    }

    pub fn is_manual(&self) -> bool {
        matches!(self, Self::Manual { .. })
    }
}

/// A duration in whole milliseconds, saturating rather than truncating silently.
pub fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn unix_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(millis)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let mut clock = Clock::new(ClockMode::Manual);
        let before = clock.now_ms();
        assert_eq!(clock.now_ms(), before);
        assert!(clock.advance(Duration::from_millis(1500)));
        assert_eq!(clock.now_ms(), before + 1500);
    }

    #[test]
    fn real_clock_refuses_to_be_advanced() {
        let mut clock = Clock::new(ClockMode::Real);
        assert!(!clock.advance(Duration::from_secs(1)));
    }
}
