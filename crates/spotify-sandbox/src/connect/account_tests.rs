//! Rules of one account's player: devices, one stream, track end, queue, repeat, shuffle.

use super::super::device::DeviceKind;
use super::*;

const MINUTE: u64 = 60_000;

fn item(id: &str, minutes: u32) -> PlayItem {
    PlayItem {
        track_id: id.to_owned(),
        duration_ms: minutes * 60_000,
    }
}

fn album() -> NewPlayback {
    NewPlayback {
        context_uri: Some("spotify:album:a".to_owned()),
        items: vec![item("t1", 3), item("t2", 4), item("t3", 2)],
        start_index: 0,
        position_ms: 0,
    }
}

fn player_with_devices() -> AccountPlayer {
    let mut player = AccountPlayer::new(1);
    player.register_device(Device::new("tab-a", "Tab A", DeviceKind::Computer));
    player.register_device(Device::new("tab-b", "Tab B", DeviceKind::Computer));
    player
}

fn current(player: &AccountPlayer, now: u64) -> String {
    player
        .snapshot(now)
        .map(|s| s.current.track_id)
        .unwrap_or_default()
}

#[test]
fn commands_without_an_active_device_are_refused() {
    let mut player = player_with_devices();
    assert_eq!(
        player.play(None, Some(album()), 0),
        Err(ConnectError::NoActiveDevice)
    );
    assert_eq!(player.pause(None, 0), Err(ConnectError::NoActiveDevice));
}

#[test]
fn an_unknown_device_is_not_found() {
    let mut player = player_with_devices();
    assert_eq!(
        player.transfer("nope", None, 0),
        Err(ConnectError::DeviceNotFound)
    );
    assert_eq!(
        player.play(Some("nope"), Some(album()), 0),
        Err(ConnectError::DeviceNotFound)
    );
}

#[test]
fn progress_follows_the_clock_and_stops_when_paused() {
    let mut player = player_with_devices();
    player
        .play(Some("tab-a"), Some(album()), 1_000)
        .expect("play");
    assert_eq!(player.snapshot(31_000).map(|s| s.progress_ms), Some(30_000));
    player.pause(None, 31_000).expect("pause");
    assert_eq!(player.snapshot(90_000).map(|s| s.progress_ms), Some(30_000));
}

#[test]
fn pausing_twice_violates_a_restriction() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.pause(None, 10).expect("first pause");
    assert_eq!(
        player.pause(None, 20),
        Err(ConnectError::Restriction("UNKNOWN"))
    );
}

#[test]
fn playing_on_another_device_moves_the_one_stream() {
    let mut player = player_with_devices();
    player
        .play(Some("tab-a"), Some(album()), 0)
        .expect("play on a");
    player
        .play(Some("tab-b"), Some(album()), 10)
        .expect("play on b");
    assert_eq!(player.active_device_id(), Some("tab-b"));
    assert_eq!(
        player.snapshot(20).map(|s| s.device.id),
        Some("tab-b".to_owned())
    );
}

#[test]
fn a_track_end_starts_the_next_and_records_the_play() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.settle(3 * MINUTE + 500);
    assert_eq!(current(&player, 3 * MINUTE + 500), "t2");
    assert_eq!(
        player.snapshot(3 * MINUTE + 500).map(|s| s.progress_ms),
        Some(500)
    );
    assert_eq!(
        player.history().last().map(|p| p.track_id.as_str()),
        Some("t1")
    );
    assert_eq!(
        player.history().last().map(|p| p.played_at_ms),
        Some(3 * MINUTE)
    );
}

#[test]
fn the_context_end_stops_playback_unless_repeating() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.settle(20 * MINUTE);
    let snapshot = player.snapshot(20 * MINUTE).expect("still a stream");
    assert!(!snapshot.is_playing);
    assert_eq!(snapshot.current.track_id, "t3");
    assert_eq!(player.history().len(), 3);

    let mut repeating = player_with_devices();
    repeating
        .play(Some("tab-a"), Some(album()), 0)
        .expect("play");
    repeating
        .set_repeat(None, RepeatMode::Context)
        .expect("repeat");
    repeating.settle(9 * MINUTE + 1);
    assert_eq!(current(&repeating, 9 * MINUTE + 1), "t1");
}

#[test]
fn repeat_track_replays_the_same_track() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.set_repeat(None, RepeatMode::Track).expect("repeat");
    player.settle(7 * MINUTE);
    assert_eq!(current(&player, 7 * MINUTE), "t1");
    assert_eq!(player.history().len(), 2);
}

#[test]
fn queued_tracks_play_before_the_rest_of_the_context() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.add_to_queue(None, item("q1", 1)).expect("queue");
    assert_eq!(
        player.upcoming(5).1.first().map(|i| i.track_id.as_str()),
        Some("q1")
    );
    player.next(None, 1_000).expect("next");
    assert_eq!(current(&player, 1_000), "q1");
    player.settle(1_000 + MINUTE);
    assert_eq!(current(&player, 1_000 + MINUTE), "t2");
}

#[test]
fn shuffle_keeps_the_current_track_and_plays_every_item_once() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.set_shuffle(None, true, 0).expect("shuffle");
    assert_eq!(current(&player, 0), "t1");
    player.settle(20 * MINUTE);
    let mut played: Vec<String> = player
        .history()
        .iter()
        .map(|p| p.track_id.clone())
        .collect();
    played.sort();
    assert_eq!(played, ["t1", "t2", "t3"]);
}

#[test]
fn previous_restarts_a_track_after_three_seconds() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.next(None, 1_000).expect("next");
    player.previous(None, 10_000).expect("previous");
    assert_eq!(current(&player, 10_000), "t2");
    player.previous(None, 11_000).expect("previous again");
    assert_eq!(current(&player, 11_000), "t1");
}

#[test]
fn removing_the_active_device_pauses_the_stream() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    assert!(player.remove_device("tab-a", 5_000));
    assert_eq!(player.snapshot(6_000), None);
    player.transfer("tab-b", None, 7_000).expect("transfer");
    let snapshot = player.snapshot(60_000).expect("stream on b");
    assert!(!snapshot.is_playing);
    assert_eq!(snapshot.progress_ms, 5_000);
}

#[test]
fn transfer_with_play_resumes_on_the_new_device() {
    let mut player = player_with_devices();
    player.play(Some("tab-a"), Some(album()), 0).expect("play");
    player.pause(None, 2_000).expect("pause");
    player
        .transfer("tab-b", Some(true), 3_000)
        .expect("transfer");
    let snapshot = player.snapshot(4_000).expect("stream");
    assert!(snapshot.is_playing);
    assert_eq!(
        (snapshot.device.id.as_str(), snapshot.progress_ms),
        ("tab-b", 3_000)
    );
}

fn player_with_phone(supports_volume: bool) -> AccountPlayer {
    let mut player = player_with_devices();
    let mut phone = Device::new("phone", "Phone", DeviceKind::Smartphone);
    phone.supports_volume = supports_volume;
    player.register_device(phone);
    player
}

fn played(player: &AccountPlayer) -> Vec<(String, u64)> {
    player
        .history()
        .iter()
        .map(|p| (p.track_id.clone(), p.played_at_ms))
        .collect()
}

#[test]
fn a_device_without_volume_control_refuses_volume_and_keeps_its_own() {
    let mut player = player_with_phone(false);
    player
        .play(Some("phone"), Some(album()), 0)
        .expect("plays on the phone");
    assert_eq!(
        player.set_volume(Some("phone"), 20),
        Err(ConnectError::VolumeControlDisallowed)
    );
    assert_eq!(
        player.set_volume(None, 20),
        Err(ConnectError::VolumeControlDisallowed),
        "the active device is the phone"
    );
    assert_eq!(player.device("phone").map(|d| d.volume_percent), Some(100));
    player
        .set_volume(Some("tab-a"), 20)
        .expect("a tab takes it");
    assert_eq!(player.device("tab-a").map(|d| d.volume_percent), Some(20));
}

#[test]
fn a_phone_plays_on_its_own_with_the_clock_and_each_end_is_a_play() {
    let mut player = player_with_phone(true);
    player.play(Some("phone"), Some(album()), 0).expect("play");
    player.settle(3 * MINUTE + 4 * MINUTE + 30_000);
    assert_eq!(current(&player, 7 * MINUTE + 30_000), "t3");
    assert_eq!(
        played(&player),
        [("t1".into(), 3 * MINUTE), ("t2".into(), 7 * MINUTE)]
    );
    let snapshot = player.snapshot(7 * MINUTE + 30_000).expect("on the phone");
    assert_eq!(snapshot.device.id, "phone");
    assert!(snapshot.is_playing);
}

#[test]
fn a_track_left_after_thirty_seconds_is_played_at_the_moment_it_was_left() {
    let mut player = player_with_phone(true);
    player.play(Some("phone"), Some(album()), 0).expect("play");
    player.next(Some("phone"), 29_000).expect("next");
    assert!(played(&player).is_empty(), "29 s is not a play");
    player.next(Some("phone"), 29_000 + 45_000).expect("next");
    assert_eq!(played(&player), [("t2".into(), 74_000)]);
    // Restarted with previous after 40 s of t3: t3 was played.
    player.previous(Some("phone"), 114_000).expect("previous");
    assert_eq!(played(&player).last(), Some(&("t3".into(), 114_000)));
    // A new context replaces the stream 50 s into t3: t3 again.
    player
        .play(Some("phone"), Some(album()), 164_000)
        .expect("play anew");
    assert_eq!(played(&player).last(), Some(&("t3".into(), 164_000)));
    assert_eq!(played(&player).len(), 3);
}

#[test]
fn a_context_that_ended_is_not_recorded_again_by_the_next_command() {
    let mut player = player_with_phone(true);
    player.play(Some("phone"), Some(album()), 0).expect("play");
    player.settle(20 * MINUTE);
    assert_eq!(played(&player).len(), 3);
    player
        .play(Some("phone"), Some(album()), 20 * MINUTE)
        .expect("play again");
    player.next(None, 20 * MINUTE + 10_000).expect("next");
    assert_eq!(played(&player).len(), 3, "the ended t3 counts once");
}

#[test]
fn transfer_to_and_from_a_speaker_keeps_the_stream_going() {
    let mut player = player_with_phone(true);
    player.register_device(Device::new("speaker", "Kitchen", DeviceKind::Speaker));
    player.play(Some("phone"), Some(album()), 0).expect("play");
    player
        .transfer("speaker", Some(true), 60_000)
        .expect("to the speaker");
    let on_speaker = player.snapshot(90_000).expect("stream");
    assert_eq!(
        (on_speaker.device.id.as_str(), on_speaker.progress_ms),
        ("speaker", 90_000)
    );
    player.transfer("tab-a", None, 120_000).expect("to a tab");
    let on_tab = player.snapshot(121_000).expect("stream");
    assert_eq!(
        (on_tab.device.id.as_str(), on_tab.is_playing),
        ("tab-a", true)
    );
    assert!(played(&player).is_empty(), "a transfer ends no play");
}
