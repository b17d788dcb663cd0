//! The account's Connect devices as Chorus sees them: which of them are Chorus tabs (by the
//! name every Chorus tab gives its Web Playback device), and the picker's view of each.

/// Every Chorus tab names its Web Playback device `Chorus · <listener>`.
pub const CHORUS_DEVICE_PREFIX: &str = "Chorus · ";

/// The name of a Chorus tab's device for `listener_name`.
pub fn chorus_device_name(listener_name: &str) -> String {
    format!("{CHORUS_DEVICE_PREFIX}{listener_name}")
}

/// Whether a device is a Chorus tab (of this browser or another): those count their own plays,
/// so the keeper does not count them again from `GET /me/player`.
pub fn is_chorus_device(name: &str) -> bool {
    name.starts_with(CHORUS_DEVICE_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chorus_tabs_are_told_apart_from_other_devices_by_name() {
        assert_eq!(chorus_device_name("Alice"), "Chorus · Alice");
        assert!(is_chorus_device(&chorus_device_name("Alice")));
        assert!(!is_chorus_device("Alice's iPhone"));
        assert!(!is_chorus_device("Web Player (Chrome)"));
    }
}
