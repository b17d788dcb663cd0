//! Every sentence of ♥ and Liked Songs.

pub fn liked(name: &str) -> String {
    format!("Added “{name}” to your Liked Songs.")
}
pub fn unliked(name: &str) -> String {
    format!("Removed “{name}” from your Liked Songs.")
}
pub fn could_not_change(name: &str, why: &str) -> String {
    format!("“{name}” could not be changed in your Liked Songs. {why}")
}

/// The ♥ button, as screen readers name it (it has no words of its own).
pub fn like_label(name: &str) -> String {
    format!("Like {name}")
}

pub const NOTHING_PLAYING: &str = "Nothing plays yet: start a song, then like it.";
