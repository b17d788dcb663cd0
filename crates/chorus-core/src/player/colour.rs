//! The listener's accent colour (docs/ux.md "Telling tabs apart"): derived stably from the account
//! id, so every tab and every session gives one person the same colour, and always readable
//! on the dark background (WCAG 2.x contrast ratio of at least 4.5:1 against `#121212`).

/// The app's background colour, against which contrast is guaranteed.
pub const DARK_BACKGROUND: (u8, u8, u8) = (0x12, 0x12, 0x12);

/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

const SATURATION: f64 = 0.70;
const BASE_LIGHTNESS: f64 = 0.60;

/// A listener colour: a hue from the account id, lightened until it reads on dark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListenerColour {
    pub hue: u16,
    pub lightness: f64,
}

/// FNV-1a (32 bit): tiny and stable across platforms and Rust versions, unlike `DefaultHasher`.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

impl ListenerColour {
    /// The colour of the listener with this account id (`User::storage_key`).
    pub fn from_account_id(account_id: &str) -> Self {
        let hue = u16::try_from(fnv1a(account_id) % 360).unwrap_or(0);
        let mut lightness = BASE_LIGHTNESS;
        // Blues and purples are dark at equal lightness: raise it in 1% steps until readable.
        while lightness < 0.95
            && contrast(hsl_to_rgb(hue, SATURATION, lightness), DARK_BACKGROUND) < MIN_CONTRAST
        {
            lightness += 0.01;
        }
        Self { hue, lightness }
    }

    pub fn rgb(&self) -> (u8, u8, u8) {
        hsl_to_rgb(self.hue, SATURATION, self.lightness)
    }

    /// `#rrggbb`, for CSS custom properties and the favicon canvas.
    pub fn hex(&self) -> String {
        let (r, g, b) = self.rgb();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// `hsl(h, s%, l%)`.
    pub fn hsl(&self) -> String {
        format!(
            "hsl({}, {}%, {}%)",
            self.hue,
            (SATURATION * 100.0).round(),
            (self.lightness * 100.0).round()
        )
    }

    /// Contrast ratio against the dark background.
    pub fn contrast_on_dark(&self) -> f64 {
        contrast(self.rgb(), DARK_BACKGROUND)
    }
}

fn hsl_to_rgb(hue: u16, saturation: f64, lightness: f64) -> (u8, u8, u8) {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let sector = f64::from(hue % 360) / 60.0;
    let x = chroma * (1.0 - (sector % 2.0 - 1.0).abs());
    let (r, g, b) = match sector as u8 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    let channel = |value: f64| ((value + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (channel(r), channel(g), channel(b))
}

/// WCAG 2.x relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.x contrast ratio.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_account_always_gets_the_same_colour() {
        let first = ListenerColour::from_account_id("aB3dE5fG7h");
        let again = ListenerColour::from_account_id("aB3dE5fG7h");
        assert_eq!(first, again);
        assert_eq!(first.hex(), again.hex());
        // Pinned: a change of hash would recolour every listener.
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }

    #[test]
    fn different_accounts_usually_get_different_hues() {
        let hues: std::collections::HashSet<u16> = ["alice", "bob", "carol", "dave", "erin"]
            .iter()
            .map(|id| ListenerColour::from_account_id(id).hue)
            .collect();
        assert!(hues.len() >= 4, "hues collided too much: {hues:?}");
    }

    #[test]
    fn every_hue_is_readable_on_the_dark_background() {
        for id in 0..2_000 {
            let colour = ListenerColour::from_account_id(&format!("user-{id}"));
            assert!(
                colour.contrast_on_dark() >= MIN_CONTRAST,
                "{} has contrast {:.2}",
                colour.hex(),
                colour.contrast_on_dark()
            );
        }
    }

    #[test]
    fn colour_renders_as_css_hex_and_hsl() {
        let colour = ListenerColour::from_account_id("alice");
        let hex = colour.hex();
        assert_eq!(hex.len(), 7);
        assert!(hex.starts_with('#') && hex[1..].chars().all(|c| c.is_ascii_hexdigit()));
        assert!(colour
            .hsl()
            .starts_with(&format!("hsl({}, 70%, ", colour.hue)));
        assert_eq!(hsl_to_rgb(0, 1.0, 0.5), (255, 0, 0));
        assert_eq!(hsl_to_rgb(240, 1.0, 0.5), (0, 0, 255));
    }
}
