//! Randomised command sequences against one account's player, checking the invariants every
//! other rule relies on. Run: `cargo test -p spotify-sandbox connect::invariants`.

use super::device::{Device, DeviceKind};
use super::playback::{NewPlayback, PlayItem, RepeatMode};
use super::AccountPlayer;
use crate::rng::SplitMix64;

fn album(rng: &mut SplitMix64) -> NewPlayback {
    let items: Vec<PlayItem> = (0..rng.between(1, 6))
        .map(|n| PlayItem {
            track_id: format!("t{n}"),
            duration_ms: rng.between(1_000, 9_000) as u32,
        })
        .collect();
    NewPlayback {
        context_uri: Some("spotify:album:x".to_owned()),
        start_index: rng.below(items.len()),
        position_ms: rng.between(0, 500),
        items,
    }
}

/// One random step; errors are legitimate answers and ignored.
fn step(player: &mut AccountPlayer, rng: &mut SplitMix64, now: u64) {
    let devices = ["a", "b", "c"];
    let device = *rng.pick(&devices);
    let target = if rng.below(3) == 0 {
        Some(device)
    } else {
        None
    };
    let _ = match rng.below(13) {
        0 => player.play(target, Some(album(rng)), now),
        1 => player.play(target, None, now),
        2 => player.pause(target, now),
        3 => player.next(target, now),
        4 => player.previous(target, now),
        5 => player.seek(target, rng.between(0, 10_000), now),
        6 => player.set_shuffle(target, rng.below(2) == 0, now),
        7 => player.set_repeat(
            target,
            *rng.pick(&[RepeatMode::Off, RepeatMode::Context, RepeatMode::Track]),
        ),
        8 => player.transfer(device, Some(rng.below(2) == 0), now),
        9 => player.add_to_queue(
            target,
            PlayItem {
                track_id: "q".to_owned(),
                duration_ms: 2_000,
            },
        ),
        10 => {
            player.remove_device(device, now);
            Ok(())
        }
        11 => {
            player.register_device(Device::new(device, device, DeviceKind::Computer));
            Ok(())
        }
        _ => player.set_volume(target, rng.between(0, 100) as u8),
    };
}

#[test]
fn random_command_sequences_keep_the_player_consistent() {
    for seed in 0..200 {
        let mut rng = SplitMix64::new(seed);
        let mut player = AccountPlayer::new(seed);
        for id in ["a", "b"] {
            player.register_device(Device::new(id, id, DeviceKind::Computer));
        }
        let mut now = 0;
        for _ in 0..60 {
            now += rng.between(0, 4_000);
            player.settle(now);
            step(&mut player, &mut rng, now);
            let active = player.active_device_id().map(str::to_owned);
            if let Some(id) = &active {
                assert!(
                    player.device(id).is_some(),
                    "seed {seed}: the active device is registered"
                );
            }
            if let Some(snapshot) = player.snapshot(now) {
                assert_eq!(
                    Some(snapshot.device.id.clone()),
                    active,
                    "seed {seed}: state is on the active device"
                );
                assert!(
                    snapshot.progress_ms <= u64::from(snapshot.current.duration_ms),
                    "seed {seed}: progress within the track"
                );
            }
            let times: Vec<u64> = player.history().iter().map(|p| p.played_at_ms).collect();
            assert!(
                times.windows(2).all(|w| w[0] <= w[1]),
                "seed {seed}: history is in order"
            );
            assert!(
                times.last().is_none_or(|&t| t <= now),
                "seed {seed}: no play in the future"
            );
        }
    }
}
