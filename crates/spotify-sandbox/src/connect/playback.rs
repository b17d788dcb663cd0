//! The stream of one account: what plays, in which order, and where the position is anchored.

/// A playable track with the one fact the model needs: how long it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayItem {
    pub track_id: String,
    pub duration_ms: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RepeatMode {
    #[default]
    Off,
    Context,
    Track,
}

impl RepeatMode {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "off" => Some(Self::Off),
            "context" => Some(Self::Context),
            "track" => Some(Self::Track),
            _ => None,
        }
    }

    /// The Web API's `repeat_state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Context => "context",
            Self::Track => "track",
        }
    }

    /// The SDK's `repeat_mode` (0 off, 1 context, 2 track).
    pub fn sdk_number(self) -> u8 {
        match self {
            Self::Off => 0,
            Self::Context => 1,
            Self::Track => 2,
        }
    }
}

/// What a play command asks for: a context (or a list of uris), where to start, and from which ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlayback {
    pub context_uri: Option<String>,
    pub items: Vec<PlayItem>,
    pub start_index: usize,
    pub position_ms: u64,
}

/// The current stream. Position is stored as an anchor (`position` at `at`) so progress is
/// computed from the clock instead of being ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playback {
    pub context_uri: Option<String>,
    pub items: Vec<PlayItem>,
    /// Play order as indexes into `items` (identity, or a permutation when shuffling).
    pub order: Vec<usize>,
    /// Position in `order` of the context item playing (or last played, while the queue plays).
    pub cursor: usize,
    pub current: PlayItem,
    pub from_queue: bool,
    pub paused: bool,
    pub anchor_position_ms: u64,
    pub anchor_at_ms: u64,
    pub playback_id: u64,
}

impl Playback {
    pub fn position_ms(&self, now_ms: u64) -> u64 {
        let duration = u64::from(self.current.duration_ms);
        if self.paused {
            return self.anchor_position_ms.min(duration);
        }
        let elapsed = now_ms.saturating_sub(self.anchor_at_ms);
        (self.anchor_position_ms + elapsed).min(duration)
    }

    /// When the current item ends if nothing intervenes (`None` while paused).
    pub fn ends_at_ms(&self) -> Option<u64> {
        (!self.paused).then(|| {
            self.anchor_at_ms
                + u64::from(self.current.duration_ms).saturating_sub(self.anchor_position_ms)
        })
    }

    pub fn anchor(&mut self, position_ms: u64, at_ms: u64) {
        self.anchor_position_ms = position_ms.min(u64::from(self.current.duration_ms));
        self.anchor_at_ms = at_ms;
    }

    /// Starts the context item at `cursor` from its beginning.
    pub fn start_context_item(&mut self, cursor: usize, at_ms: u64) {
        self.cursor = cursor;
        self.current = self.items[self.order[cursor]].clone();
        self.from_queue = false;
        self.anchor(0, at_ms);
    }

    pub fn start_item(&mut self, item: PlayItem, from_queue: bool, at_ms: u64) {
        self.current = item;
        self.from_queue = from_queue;
        self.anchor(0, at_ms);
    }

    pub fn has_next_in_context(&self) -> bool {
        self.cursor + 1 < self.order.len()
    }
}
