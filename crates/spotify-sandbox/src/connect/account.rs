//! One account's Connect player: devices, the active device, the stream, the queue and history.

use std::collections::VecDeque;

use super::device::Device;
use super::playback::{NewPlayback, PlayItem, Playback, RepeatMode};
use super::ConnectError;
use crate::rng::SplitMix64;

/// Skips count as plays (for recently played) once this much of a track was heard.
const SKIP_COUNTS_AS_PLAY_MS: u64 = 30_000;
/// `previous` restarts the current track rather than going back once this far into it.
const PREVIOUS_RESTARTS_AFTER_MS: u64 = 3_000;

/// A finished play, appended to recently played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Played {
    pub track_id: String,
    pub played_at_ms: u64,
    pub context_uri: Option<String>,
}

/// A read-only view of what the account plays, for the Web API and the SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerSnapshot {
    pub device: Device,
    pub is_playing: bool,
    pub progress_ms: u64,
    pub current: PlayItem,
    pub context_uri: Option<String>,
    pub shuffle: bool,
    pub repeat: RepeatMode,
    pub previous: Vec<PlayItem>,
    pub next: Vec<PlayItem>,
    pub queue: Vec<PlayItem>,
    pub playback_id: u64,
    pub can_skip_next: bool,
    pub can_skip_previous: bool,
}

#[derive(Debug, Clone)]
pub struct AccountPlayer {
    devices: Vec<Device>,
    active_device_id: Option<String>,
    playback: Option<Playback>,
    shuffle: bool,
    repeat: RepeatMode,
    queue: VecDeque<PlayItem>,
    history: Vec<Played>,
    /// Devices registered so far (re-registrations included), so tests can see a reconnect.
    registrations: u64,
    /// Bumped on every change, so listeners can tell whether to push a new state.
    revision: u64,
    next_playback_id: u64,
    rng: SplitMix64,
}

impl AccountPlayer {
    pub fn new(seed: u64) -> Self {
        Self {
            devices: Vec::new(),
            active_device_id: None,
            playback: None,
            shuffle: false,
            repeat: RepeatMode::Off,
            queue: VecDeque::new(),
            history: Vec::new(),
            registrations: 0,
            revision: 0,
            next_playback_id: 1,
            rng: SplitMix64::new(seed),
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    pub fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    pub fn active_device_id(&self) -> Option<&str> {
        self.active_device_id.as_deref()
    }

    pub fn history(&self) -> &[Played] {
        &self.history
    }

    /// Seeds history older than anything the model will add.
    pub fn seed_history(&mut self, plays: Vec<Played>) {
        let mut plays = plays;
        plays.append(&mut self.history);
        self.history = plays;
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    // ----- devices -------------------------------------------------------------------------

    /// How many times a device registered with this account (a reconnect counts again).
    pub fn registrations(&self) -> u64 {
        self.registrations
    }

    pub fn register_device(&mut self, device: Device) {
        self.registrations += 1;
        self.devices.retain(|d| d.id != device.id);
        self.devices.push(device);
        self.changed();
    }

    /// Removes a device; if it was the active one, the stream pauses and no device is active.
    pub fn remove_device(&mut self, id: &str, now_ms: u64) -> bool {
        let before = self.devices.len();
        self.devices.retain(|d| d.id != id);
        if self.active_device_id.as_deref() == Some(id) {
            self.active_device_id = None;
            if let Some(playback) = self.playback.as_mut() {
                let position = playback.position_ms(now_ms);
                playback.paused = true;
                playback.anchor(position, now_ms);
            }
        }
        let removed = self.devices.len() != before;
        if removed {
            self.changed();
        }
        removed
    }

    pub fn rename_device(&mut self, id: &str, name: &str) {
        if let Some(device) = self.devices.iter_mut().find(|d| d.id == id) {
            device.name = name.to_owned();
            self.changed();
        }
    }

    pub fn mark_activated(&mut self, id: &str) {
        if let Some(device) = self.devices.iter_mut().find(|d| d.id == id) {
            device.activated = true;
        }
    }

    fn require_device(&self, id: &str) -> Result<(), ConnectError> {
        self.device(id)
            .map(|_| ())
            .ok_or(ConnectError::DeviceNotFound)
    }

    /// The playback a command acts on: `device_id` must exist when given, and some device must be
    /// active with a stream.
    fn controlled(&mut self, device_id: Option<&str>) -> Result<&mut Playback, ConnectError> {
        if let Some(id) = device_id {
            self.require_device(id)?;
        }
        if self.active_device_id.is_none() {
            return Err(ConnectError::NoActiveDevice);
        }
        self.playback.as_mut().ok_or(ConnectError::NoActiveDevice)
    }

    // ----- time ----------------------------------------------------------------------------

    /// Finishes every track that ended before `now_ms`, starting the next one at the exact moment
    /// the previous ended (repeat and queue respected); stops at the end of the context.
    pub fn settle(&mut self, now_ms: u64) {
        while let Some(ends_at) = self.playback.as_ref().and_then(Playback::ends_at_ms) {
            if ends_at > now_ms {
                break;
            }
            self.finish_current(ends_at);
            self.advance(ends_at, true);
            self.changed();
        }
    }

    /// A track left before its end (skipped, replaced, restarted) is a play in recently played
    /// once `SKIP_COUNTS_AS_PLAY_MS` of it went by; `played_at` is when it was left. A track
    /// that already ended (the end of a context) was recorded when it ended.
    fn finish_if_heard(&mut self, now_ms: u64) {
        let heard = self.playback.as_ref().map(|p| {
            let position = p.position_ms(now_ms);
            (position, u64::from(p.current.duration_ms))
        });
        if let Some((position, duration)) = heard {
            if position >= SKIP_COUNTS_AS_PLAY_MS && position < duration {
                self.finish_current(now_ms);
            }
        }
    }

    fn finish_current(&mut self, at_ms: u64) {
        if let Some(playback) = &self.playback {
            self.history.push(Played {
                track_id: playback.current.track_id.clone(),
                played_at_ms: at_ms,
                context_uri: playback.context_uri.clone(),
            });
        }
    }

    /// Moves to what comes next. `natural` is a track end (repeat-track replays); a skip is not.
    /// Returns false when nothing comes next (the stream then stops at the end).
    fn advance(&mut self, at_ms: u64, natural: bool) -> bool {
        let repeat = self.repeat;
        let Some(playback) = self.playback.as_mut() else {
            return false;
        };
        if natural && repeat == RepeatMode::Track {
            playback.anchor(0, at_ms);
            return true;
        }
        if let Some(item) = self.queue.pop_front() {
            playback.start_item(item, true, at_ms);
            return true;
        }
        if playback.has_next_in_context() {
            playback.start_context_item(playback.cursor + 1, at_ms);
            return true;
        }
        if repeat != RepeatMode::Off && !playback.order.is_empty() {
            playback.start_context_item(0, at_ms);
            return true;
        }
        // End of context: the stream stops at the end of the last track.
        let end = u64::from(playback.current.duration_ms);
        playback.paused = true;
        playback.anchor(end, at_ms);
        false
    }

    // ----- commands ------------------------------------------------------------------------

    /// `PUT /me/player`: moves the stream to `device_id`. `play: Some(true)` starts it,
    /// otherwise the paused/playing state is kept.
    pub fn transfer(
        &mut self,
        device_id: &str,
        play: Option<bool>,
        now_ms: u64,
    ) -> Result<(), ConnectError> {
        self.require_device(device_id)?;
        self.active_device_id = Some(device_id.to_owned());
        if play == Some(true) {
            if let Some(playback) = self.playback.as_mut() {
                let position = playback.position_ms(now_ms);
                if position >= u64::from(playback.current.duration_ms) {
                    playback.anchor(0, now_ms);
                } else {
                    playback.anchor(position, now_ms);
                }
                playback.paused = false;
            }
        }
        self.changed();
        Ok(())
    }

    /// `PUT /me/player/play`: starts `new` (or resumes when `None`) on `device_id` or the active
    /// device. Playing on another device of the account takes the stream away from the previous
    /// one: one account, one stream.
    pub fn play(
        &mut self,
        device_id: Option<&str>,
        new: Option<NewPlayback>,
        now_ms: u64,
    ) -> Result<(), ConnectError> {
        match device_id {
            Some(id) => {
                self.require_device(id)?;
                self.active_device_id = Some(id.to_owned());
            }
            None if self.active_device_id.is_none() => return Err(ConnectError::NoActiveDevice),
            None => {}
        }
        match new {
            Some(new) => self.start(new, now_ms)?,
            None => {
                let playback = self.playback.as_mut().ok_or(ConnectError::NoActiveDevice)?;
                if !playback.paused && device_id.is_none() {
                    return Err(ConnectError::Restriction("UNKNOWN"));
                }
                let position = playback.position_ms(now_ms);
                let at_end = position >= u64::from(playback.current.duration_ms);
                playback.anchor(if at_end { 0 } else { position }, now_ms);
                playback.paused = false;
            }
        }
        self.changed();
        Ok(())
    }

    fn start(&mut self, new: NewPlayback, now_ms: u64) -> Result<(), ConnectError> {
        if new.items.is_empty() {
            return Err(ConnectError::InvalidRequest("No tracks to play".to_owned()));
        }
        // The stream it replaces ends here.
        self.finish_if_heard(now_ms);
        let start = new.start_index.min(new.items.len() - 1);
        let mut order: Vec<usize> = (0..new.items.len()).collect();
        if self.shuffle {
            order.retain(|&i| i != start);
            self.rng.shuffle(&mut order);
            order.insert(0, start);
        }
        let cursor = order.iter().position(|&i| i == start).unwrap_or(0);
        let current = new.items[start].clone();
        let mut playback = Playback {
            context_uri: new.context_uri,
            items: new.items,
            order,
            cursor,
            current,
            from_queue: false,
            paused: false,
            anchor_position_ms: 0,
            anchor_at_ms: now_ms,
            playback_id: self.next_playback_id,
        };
        self.next_playback_id += 1;
        playback.anchor(new.position_ms, now_ms);
        self.playback = Some(playback);
        Ok(())
    }

    pub fn pause(&mut self, device_id: Option<&str>, now_ms: u64) -> Result<(), ConnectError> {
        let playback = self.controlled(device_id)?;
        if playback.paused {
            return Err(ConnectError::Restriction("UNKNOWN"));
        }
        let position = playback.position_ms(now_ms);
        playback.paused = true;
        playback.anchor(position, now_ms);
        self.changed();
        Ok(())
    }

    pub fn seek(
        &mut self,
        device_id: Option<&str>,
        position_ms: u64,
        now_ms: u64,
    ) -> Result<(), ConnectError> {
        let playback = self.controlled(device_id)?;
        playback.anchor(position_ms, now_ms);
        self.changed();
        // Seeking to the very end finishes the track at once.
        self.settle(now_ms);
        Ok(())
    }

    pub fn next(&mut self, device_id: Option<&str>, now_ms: u64) -> Result<(), ConnectError> {
        self.controlled(device_id)?;
        self.finish_if_heard(now_ms);
        let paused_before = self.playback.as_ref().is_some_and(|p| p.paused);
        if self.advance(now_ms, false) {
            if let Some(playback) = self.playback.as_mut() {
                playback.paused = paused_before;
            }
        }
        self.changed();
        Ok(())
    }

    pub fn previous(&mut self, device_id: Option<&str>, now_ms: u64) -> Result<(), ConnectError> {
        let repeat = self.repeat;
        self.controlled(device_id)?;
        self.finish_if_heard(now_ms);
        let playback = self.controlled(device_id)?;
        let position = playback.position_ms(now_ms);
        if position > PREVIOUS_RESTARTS_AFTER_MS || playback.from_queue {
            if playback.from_queue {
                let cursor = playback.cursor;
                playback.start_context_item(cursor, now_ms);
            } else {
                playback.anchor(0, now_ms);
            }
        } else if playback.cursor > 0 {
            let cursor = playback.cursor - 1;
            playback.start_context_item(cursor, now_ms);
        } else if repeat == RepeatMode::Context && !playback.order.is_empty() {
            let last = playback.order.len() - 1;
            playback.start_context_item(last, now_ms);
        } else {
            playback.anchor(0, now_ms);
        }
        self.changed();
        Ok(())
    }

    pub fn set_shuffle(
        &mut self,
        device_id: Option<&str>,
        shuffle: bool,
        _now_ms: u64,
    ) -> Result<(), ConnectError> {
        self.controlled(device_id)?;
        let Some(playback) = self.playback.as_mut() else {
            return Err(ConnectError::NoActiveDevice);
        };
        let current_index = playback.order.get(playback.cursor).copied().unwrap_or(0);
        let mut order: Vec<usize> = (0..playback.items.len()).collect();
        if shuffle {
            order.retain(|&i| i != current_index);
            self.rng.shuffle(&mut order);
            order.insert(0, current_index);
        }
        playback.cursor = order.iter().position(|&i| i == current_index).unwrap_or(0);
        playback.order = order;
        self.shuffle = shuffle;
        self.changed();
        Ok(())
    }

    pub fn set_repeat(
        &mut self,
        device_id: Option<&str>,
        repeat: RepeatMode,
    ) -> Result<(), ConnectError> {
        self.controlled(device_id)?;
        self.repeat = repeat;
        self.changed();
        Ok(())
    }

    pub fn set_volume(
        &mut self,
        device_id: Option<&str>,
        volume_percent: u8,
    ) -> Result<(), ConnectError> {
        let target = match device_id {
            Some(id) => {
                self.require_device(id)?;
                id.to_owned()
            }
            None => self
                .active_device_id
                .clone()
                .ok_or(ConnectError::NoActiveDevice)?,
        };
        if let Some(device) = self.devices.iter_mut().find(|d| d.id == target) {
            if !device.supports_volume {
                return Err(ConnectError::VolumeControlDisallowed);
            }
            device.volume_percent = volume_percent.min(100);
        }
        self.changed();
        Ok(())
    }

    pub fn add_to_queue(
        &mut self,
        device_id: Option<&str>,
        item: PlayItem,
    ) -> Result<(), ConnectError> {
        self.controlled(device_id)?;
        self.queue.push_back(item);
        self.changed();
        Ok(())
    }

    // ----- views ---------------------------------------------------------------------------

    /// What plays now, on which device; `None` when no device is active or nothing was started.
    pub fn snapshot(&self, now_ms: u64) -> Option<PlayerSnapshot> {
        let device = self.device(self.active_device_id.as_deref()?)?.clone();
        let playback = self.playback.as_ref()?;
        let order_item = |cursor: usize| playback.items[playback.order[cursor]].clone();
        let previous = (playback.cursor.saturating_sub(2)..playback.cursor)
            .map(order_item)
            .collect();
        let next = self
            .queue
            .iter()
            .cloned()
            .chain((playback.cursor + 1..playback.order.len()).map(order_item))
            .take(2)
            .collect();
        let can_skip_next = !self.queue.is_empty()
            || playback.has_next_in_context()
            || self.repeat != RepeatMode::Off;
        Some(PlayerSnapshot {
            device,
            is_playing: !playback.paused,
            progress_ms: playback.position_ms(now_ms),
            current: playback.current.clone(),
            context_uri: playback.context_uri.clone(),
            shuffle: self.shuffle,
            repeat: self.repeat,
            previous,
            next,
            queue: self.queue.iter().cloned().collect(),
            playback_id: playback.playback_id,
            can_skip_next,
            can_skip_previous: true,
        })
    }

    /// The queue as `GET /me/player/queue` shows it: the queued items, then the rest of the context.
    pub fn upcoming(&self, limit: usize) -> (Option<PlayItem>, Vec<PlayItem>) {
        let Some(playback) = &self.playback else {
            return (None, Vec::new());
        };
        let rest = (playback.cursor + 1..playback.order.len())
            .map(|cursor| playback.items[playback.order[cursor]].clone());
        let upcoming = self.queue.iter().cloned().chain(rest).take(limit).collect();
        (Some(playback.current.clone()), upcoming)
    }
}

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;
