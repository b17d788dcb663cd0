//! The SDK's `player_state_changed` payload (contract §3 "State"), built from a Connect snapshot.

use serde_json::{json, Value};

use crate::catalogue::Catalogue;
use crate::connect::{PlayItem, PlayerSnapshot};
use crate::images::ImageOrigins;

/// `covers`: the origin album covers are served from.
fn sdk_track(covers: &str, catalogue: &Catalogue, item: &PlayItem) -> Value {
    let Some(track) = catalogue.track(&item.track_id) else {
        return Value::Null;
    };
    let album = catalogue.album(&track.album_id);
    let image = album.map(|a| ImageOrigins::all_on(covers).album_cover(&a.id));
    let images: Vec<Value> = [640, 300, 64]
        .iter()
        .filter_map(|size| {
            image
                .as_ref()
                .map(|url| json!({"url": url, "height": size, "width": size}))
        })
        .collect();
    let artists: Vec<Value> = track
        .artist_ids
        .iter()
        .filter_map(|id| catalogue.artist(id))
        .map(|a| json!({"uri": format!("spotify:artist:{}", a.id), "name": a.name}))
        .collect();
    json!({
        "uri": format!("spotify:track:{}", track.id),
        "id": track.id,
        "uid": format!("{}-{}", track.id, item.duration_ms),
        "type": "track",
        "media_type": "audio",
        "name": track.name,
        "duration_ms": track.duration_ms,
        "is_playable": true,
        "album": {
            "uri": album.map(|a| format!("spotify:album:{}", a.id)),
            "name": album.map(|a| a.name.clone()),
            "images": images,
        },
        "artists": artists,
    })
}

/// `{context, disallows, paused, position, duration, repeat_mode, shuffle, timestamp, loading,
/// playback_id, track_window}`.
pub fn sdk_state(
    covers: &str,
    catalogue: &Catalogue,
    snapshot: &PlayerSnapshot,
    now_ms: u64,
) -> Value {
    let track = |item: &PlayItem| sdk_track(covers, catalogue, item);
    json!({
        "context": {
            "uri": snapshot.context_uri,
            "metadata": {},
        },
        "disallows": {
            "pausing": !snapshot.is_playing,
            "peeking_next": false,
            "peeking_prev": false,
            "resuming": snapshot.is_playing,
            "seeking": false,
            "skipping_next": !snapshot.can_skip_next,
            "skipping_prev": !snapshot.can_skip_previous,
        },
        "paused": !snapshot.is_playing,
        "position": snapshot.progress_ms,
        "duration": snapshot.current.duration_ms,
        "repeat_mode": snapshot.repeat.sdk_number(),
        "shuffle": snapshot.shuffle,
        "timestamp": now_ms,
        "loading": false,
        "playback_id": format!("{:016x}", snapshot.playback_id),
        "track_window": {
            "current_track": track(&snapshot.current),
            "previous_tracks": snapshot.previous.iter().map(track).collect::<Vec<_>>(),
            "next_tracks": snapshot.next.iter().map(track).collect::<Vec<_>>(),
        },
    })
}
