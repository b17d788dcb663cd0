//! The proxy's clock for cookie ages: Unix seconds, with an offset tests can move forward (the
//! proxy keeps no state, so "30 days later" is only a clock reading away).

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, SystemTime, UNIX_EPOCH},
};

/// Unix seconds now; clones share their offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicU64>,
}

impl Clock {
    pub fn now_secs(&self) -> u64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        system.saturating_add(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Moves this clock (and its clones) forward: for tests of cookie ages.
    pub fn advance(&self, by: Duration) {
        self.offset_secs.fetch_add(by.as_secs(), Ordering::Relaxed);
    }
}
