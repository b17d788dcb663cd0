//! Helpers of the remote-mode and counting tests (`tests/tests/remote.rs`): the account's other
//! devices in the sandbox's world, the favorites playlist as Spotify holds it, and the counting
//! state a tab stored in IndexedDB.

use serde_json::Value;

use crate::world::account;
use crate::{Result, Stack, UserApi};

/// What `user_id`'s account plays: `(device_id, track_id, is_playing)`.
pub fn playback(state: &Value, user_id: &str) -> Option<(String, String, bool)> {
    let playback = &account(state, user_id)?["playback"];
    Some((
        playback["device_id"].as_str()?.to_owned(),
        playback["track_id"].as_str()?.to_owned(),
        playback["is_playing"].as_bool()?,
    ))
}

/// The volume of one device of `user_id`'s account.
pub fn device_volume(state: &Value, user_id: &str, device_id: &str) -> Option<u64> {
    account(state, user_id)?["devices"]
        .as_array()?
        .iter()
        .find(|d| d["id"] == device_id)?["volume_percent"]
        .as_u64()
}

/// Registers a device of `user_id` that plays on its own (`POST /_sandbox/users/{id}/devices`)
/// and returns its id.
pub async fn add_device(stack: &Stack, user_id: &str, body: Value) -> Result<String> {
    let added = stack
        .sandbox_admin(&format!("users/{user_id}/devices"), body)
        .await?;
    added["device_id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| crate::HarnessError::Setup(format!("no device id in {added}")))
}

/// The URIs of each of the account's playlists named `name`, as Spotify holds them.
pub async fn playlists_named(api: &UserApi, name: &str) -> Result<Vec<Vec<String>>> {
    let mine = api.get("me/playlists?limit=50").await?;
    let mut found = Vec::new();
    for playlist in mine["items"].as_array().into_iter().flatten() {
        if playlist["name"] != name {
            continue;
        }
        let id = playlist["id"].as_str().unwrap_or_default();
        let items = api.get(&format!("playlists/{id}/items?limit=50")).await?;
        found.push(
            items["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|entry| entry["item"]["uri"].as_str().map(str::to_owned))
                .collect(),
        );
    }
    Ok(found)
}

/// A script (for `Browser::wait_for`) resolving to the stored favorites' counting state
/// (`{"started", "after_ms", …}`) of the one account in this browser's IndexedDB once it has
/// read the listening history (`started`) and `condition` (JavaScript over `c`) holds, else to
/// `null`.
pub fn stored_counting_where(condition: &str) -> String {
    format!("return ({STORED_COUNTING}).then(c => (c && ({condition})) ? c : null);")
}

/// The stored counting state as a JavaScript promise expression (see `stored_counting_where`).
const STORED_COUNTING: &str = "new Promise(done => {
  const open = indexedDB.open('chorus');
  open.onerror = () => done(null);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('kv')) { return done(null); }
    const all = db.transaction('kv').objectStore('kv').openCursor();
    let found = null;
    all.onsuccess = () => {
      const cursor = all.result;
      if (!cursor) { return done(found); }
      if (String(cursor.key).startsWith('favorites/')) {
        const counting = JSON.parse(cursor.value).counting;
        if (counting && counting.started) { found = counting; }
      }
      cursor.continue();
    };
    all.onerror = () => done(null);
  };
})";

/// One Web API call the sandbox answered (`GET /_sandbox/calls`): wall-clock ms, method, path
/// and query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub at_ms: u64,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
}

/// The Web API calls of `user_id` the sandbox answered since `since_ms` (wall clock).
pub async fn calls_since(stack: &Stack, user_id: &str, since_ms: u64) -> Result<Vec<Call>> {
    let url = format!(
        "{}/_sandbox/calls?user_id={user_id}&since_ms={since_ms}",
        stack.sandbox_url()
    );
    let setup = |e: &dyn std::fmt::Display| crate::HarnessError::Setup(format!("GET {url}: {e}"));
    let log: Value = reqwest::get(&url)
        .await
        .map_err(|e| setup(&e))?
        .json()
        .await
        .map_err(|e| setup(&e))?;
    Ok(log["calls"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            Some(Call {
                at_ms: c["at_ms"].as_u64()?,
                method: c["method"].as_str()?.to_owned(),
                path: c["path"].as_str()?.to_owned(),
                query: c["query"].as_str().map(str::to_owned),
            })
        })
        .collect())
}

/// Now, in wall-clock Unix ms (the call log's clock; the sandbox runs on this machine).
pub fn wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Web API calls of `user_id` per minute, measured between the first `GET /v1/me/player`
/// after `since_ms` and the `polls`-th (waiting for it, up to `within`): a window from poll to
/// poll neither flatters a slow schedule nor penalises a fast one for where it started. Returns
/// the rate and the calls counted (those after the first poll, up to and with the last).
pub async fn calls_per_minute(
    stack: &Stack,
    user_id: &str,
    since_ms: u64,
    polls: usize,
    within: std::time::Duration,
) -> Result<(f64, Vec<Call>)> {
    let deadline = std::time::Instant::now() + within;
    loop {
        let calls = calls_since(stack, user_id, since_ms).await?;
        let poll_times: Vec<u64> = calls
            .iter()
            .filter(|c| c.method == "GET" && c.path == "/v1/me/player")
            .map(|c| c.at_ms)
            .take(polls.max(2))
            .collect();
        if let [first, .., last] = poll_times[..] {
            if poll_times.len() == polls.max(2) {
                let window: Vec<Call> = calls
                    .into_iter()
                    .filter(|c| c.at_ms > first && c.at_ms <= last)
                    .collect();
                let minutes = last.saturating_sub(first).max(1) as f64 / 60_000.0;
                return Ok((window.len() as f64 / minutes, window));
            }
        }
        if std::time::Instant::now() >= deadline {
            return Err(crate::HarnessError::Assertion(format!(
                "fewer than {polls} polls of me/player within {within:?}: {calls:?}"
            )));
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}
