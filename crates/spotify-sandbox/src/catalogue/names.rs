//! Word lists and the recipes that turn them into plausible artist, album and track names.

use crate::rng::SplitMix64;

const FIRST_NAMES: &[&str] = &[
    "Mara", "Jonah", "Lina", "Theo", "Ines", "Kofi", "Yuki", "Sven", "Amara", "Luca", "Noor",
    "Felix", "Rosa", "Idris", "Elif", "Oskar", "Priya", "Mateo", "Saoirse", "Tomas",
];
const LAST_NAMES: &[&str] = &[
    "Lindqvist",
    "Okafor",
    "Moreau",
    "Tanaka",
    "Vega",
    "Halloran",
    "Novak",
    "Achebe",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Brennan",
    "Castillo",
    "Sato",
    "Eriksen",
    "Mensah",
    "Duarte",
    "Fischer",
];
const ADJECTIVES: &[&str] = &[
    "Velvet", "Neon", "Quiet", "Golden", "Electric", "Hollow", "Crimson", "Paper", "Silver",
    "Wild", "Distant", "Midnight", "Broken", "Lucky", "Slow", "Bright", "Northern", "Secret",
    "Faded", "Endless", "Little", "Burning", "Blue", "Gentle",
];
const NOUNS: &[&str] = &[
    "Harbor",
    "Orchard",
    "Signal",
    "Lanterns",
    "Tides",
    "Machines",
    "Foxes",
    "Satellites",
    "Avenue",
    "Rivers",
    "Echoes",
    "Gardens",
    "Motel",
    "Comets",
    "Islands",
    "Parade",
    "Static",
    "Weather",
    "Mirrors",
    "Highway",
    "Summer",
    "Letters",
    "Engines",
    "Canyons",
];
const TRACK_WORDS: &[&str] = &[
    "Heartbeat",
    "Afterglow",
    "Runaway",
    "Daylight",
    "Undertow",
    "Polaroid",
    "Gravity",
    "Wildfire",
    "Lullaby",
    "Overdrive",
    "Skyline",
    "Monsoon",
    "Paper Planes",
    "Kaleidoscope",
    "Slow Motion",
    "Night Drive",
    "Golden Hour",
    "Ghost Town",
    "Sugar Rush",
    "Saltwater",
    "Fever Dream",
    "Headlights",
    "Moonlight",
    "Cold Coffee",
    "Rooftops",
    "Small Talk",
];
const GENRES: &[&str] = &[
    "indie pop",
    "synthwave",
    "dream pop",
    "alt rock",
    "neo soul",
    "deep house",
    "folk",
    "jazz fusion",
    "afrobeats",
    "lo-fi beats",
    "post-punk",
    "city pop",
];

/// An artist: a person ("Mara Lindqvist") or a band ("The Velvet Harbor").
pub fn artist_name(rng: &mut SplitMix64) -> String {
    match rng.below(3) {
        0 => format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
        1 => format!("The {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        _ => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
    }
}

pub fn album_name(rng: &mut SplitMix64) -> String {
    match rng.below(3) {
        0 => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        1 => format!("Songs for {}", rng.pick(NOUNS)),
        _ => rng.pick(TRACK_WORDS).to_string(),
    }
}

pub fn track_name(rng: &mut SplitMix64) -> String {
    match rng.below(4) {
        0 => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(TRACK_WORDS)),
        1 => format!("{} ({} Mix)", rng.pick(TRACK_WORDS), rng.pick(ADJECTIVES)),
        2 => format!("{} of {}", rng.pick(TRACK_WORDS), rng.pick(NOUNS)),
        _ => rng.pick(TRACK_WORDS).to_string(),
    }
}

pub fn genre(rng: &mut SplitMix64) -> String {
    rng.pick(GENRES).to_string()
}

/// Up to two initials of a name, for generated cover art and avatars ("Velvet Harbor" → "VH").
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|word| !word.eq_ignore_ascii_case("the"))
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_the_article() {
        assert_eq!(initials("The Velvet Harbor"), "VH");
        assert_eq!(initials("Mara"), "M");
    }
}
