//! Generated SVG artwork: album covers (gradient + initials), playlist mosaics and user avatars.

use super::names::initials;

/// An album cover: a diagonal gradient between two hues with the album's initials.
pub fn album_cover(title: &str, hues: (u16, u16)) -> String {
    square_svg(&initials(title), hues, 640)
}

/// A round-looking avatar for a user, coloured from their id.
pub fn avatar(display_name: &str, id: &str) -> String {
    let hash = id.bytes().fold(7u32, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u32::from(b))
    });
    let hue = (hash % 360) as u16;
    square_svg(&initials(display_name), (hue, (hue + 40) % 360), 300)
}

/// A playlist mosaic: four album covers, two by two, as Spotify draws a playlist of four or
/// more albums.
pub fn mosaic(tiles: &[(String, (u16, u16))]) -> String {
    let size = 640;
    let half = size / 2;
    let cells: String = tiles
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, (title, (from, to)))| {
            let (x, y) = ((i as u32 % 2) * half, (i as u32 / 2) * half);
            format!(
                r##"<linearGradient id="g{i}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({from},65%,45%)"/><stop offset="1" stop-color="hsl({to},70%,22%)"/></linearGradient><rect x="{x}" y="{y}" width="{half}" height="{half}" fill="url(#g{i})"/><text x="{tx}" y="{ty}" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="{font}" fill="rgba(255,255,255,.9)">{text}</text>"##,
                tx = x + half / 2,
                ty = y + half / 2,
                font = half * 2 / 5,
                text = escape(&initials(title)),
            )
        })
        .collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">{cells}</svg>"##
    )
}

fn square_svg(text: &str, (from, to): (u16, u16), size: u32) -> String {
    let text = escape(text);
    let font = size * 2 / 5;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({from},65%,45%)"/><stop offset="1" stop-color="hsl({to},70%,22%)"/></linearGradient></defs><rect width="{size}" height="{size}" fill="url(#g)"/><text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="{font}" fill="rgba(255,255,255,.9)">{text}</text></svg>"##
    )
}

/// Minimal XML escaping for text that ends up inside SVG or HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_is_an_svg_with_the_initials() {
        let svg = album_cover("Neon Orchard", (10, 200));
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(">NO</text>"));
    }

    #[test]
    fn a_mosaic_tiles_four_covers() {
        let tiles: Vec<(String, (u16, u16))> = ["Aa Bb", "Cc", "Dd", "Ee"]
            .iter()
            .map(|t| ((*t).to_owned(), (1, 2)))
            .collect();
        let svg = mosaic(&tiles);
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains(">AB</text>") && svg.contains(">E</text>"));
    }

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(escape("<b>&"), "&lt;b&gt;&amp;");
    }
}
