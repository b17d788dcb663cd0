//! The generated music catalogue (artists, albums, tracks), deterministic from the seed.

pub mod covers;
pub mod library;
pub mod names;

use std::collections::HashMap;

use crate::rng::SplitMix64;

#[derive(Debug, Clone)]
pub struct Artist {
    pub id: String,
    pub name: String,
    pub genres: Vec<String>,
    pub popularity: u8,
    pub followers: u64,
}

#[derive(Debug, Clone)]
pub struct Album {
    pub id: String,
    pub name: String,
    pub artist_ids: Vec<String>,
    pub release_date: String,
    pub track_ids: Vec<String>,
    /// Two hues (0–359) of the generated cover's gradient.
    pub hues: (u16, u16),
}

#[derive(Debug, Clone)]
pub struct Track {
    pub id: String,
    pub name: String,
    pub album_id: String,
    pub artist_ids: Vec<String>,
    pub duration_ms: u32,
    pub track_number: u32,
    pub popularity: u8,
    pub explicit: bool,
}

/// All artists, albums and tracks, with lookups by id.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub artists: Vec<Artist>,
    pub albums: Vec<Album>,
    pub tracks: Vec<Track>,
    artist_index: HashMap<String, usize>,
    album_index: HashMap<String, usize>,
    track_index: HashMap<String, usize>,
}

pub const ARTIST_COUNT: usize = 40;
pub const ALBUM_COUNT: usize = 50;

impl Catalogue {
    /// 40 artists, 50 albums of 6–8 tracks each (≥ 300 tracks), 2–6 minutes a track.
    pub fn generate(seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed ^ 0xCA7A_1064_u64);
        let artists: Vec<Artist> = (0..ARTIST_COUNT)
            .map(|_| Artist {
                id: rng.base62(22),
                name: names::artist_name(&mut rng),
                genres: vec![names::genre(&mut rng)],
                popularity: rng.between(20, 95) as u8,
                followers: rng.between(1_000, 2_000_000),
            })
            .collect();
        let mut albums = Vec::with_capacity(ALBUM_COUNT);
        let mut tracks = Vec::new();
        for album_number in 0..ALBUM_COUNT {
            // Every artist gets at least one album; the rest go to random artists.
            let artist = if album_number < ARTIST_COUNT {
                &artists[album_number]
            } else {
                rng.pick(&artists)
            };
            let album_id = rng.base62(22);
            let track_count = rng.between(6, 8) as u32;
            let mut track_ids = Vec::new();
            for track_number in 1..=track_count {
                let mut artist_ids = vec![artist.id.clone()];
                if rng.below(6) == 0 {
                    let featured = rng.pick(&artists);
                    if featured.id != artist.id {
                        artist_ids.push(featured.id.clone());
                    }
                }
                let track = Track {
                    id: rng.base62(22),
                    name: names::track_name(&mut rng),
                    album_id: album_id.clone(),
                    artist_ids,
                    duration_ms: rng.between(120_000, 360_000) as u32,
                    track_number,
                    popularity: rng.between(10, 99) as u8,
                    explicit: rng.below(8) == 0,
                };
                track_ids.push(track.id.clone());
                tracks.push(track);
            }
            albums.push(Album {
                id: album_id,
                name: names::album_name(&mut rng),
                artist_ids: vec![artist.id.clone()],
                release_date: format!(
                    "{}-{:02}-{:02}",
                    rng.between(1975, 2025),
                    rng.between(1, 12),
                    rng.between(1, 28)
                ),
                track_ids,
                hues: (rng.between(0, 359) as u16, rng.between(0, 359) as u16),
            });
        }
        let index = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect()
        };
        Self {
            artist_index: index(artists.iter().map(|a| &a.id).collect()),
            album_index: index(albums.iter().map(|a| &a.id).collect()),
            track_index: index(tracks.iter().map(|t| &t.id).collect()),
            artists,
            albums,
            tracks,
        }
    }

    pub fn artist(&self, id: &str) -> Option<&Artist> {
        self.artist_index.get(id).map(|&i| &self.artists[i])
    }

    pub fn album(&self, id: &str) -> Option<&Album> {
        self.album_index.get(id).map(|&i| &self.albums[i])
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.track_index.get(id).map(|&i| &self.tracks[i])
    }

    /// A track by `spotify:track:ID` URI.
    pub fn track_by_uri(&self, uri: &str) -> Option<&Track> {
        uri.strip_prefix("spotify:track:")
            .and_then(|id| self.track(id))
    }

    /// The tracks of an artist, most popular first.
    pub fn artist_tracks(&self, artist_id: &str) -> Vec<&Track> {
        let mut found: Vec<&Track> = self
            .tracks
            .iter()
            .filter(|t| t.artist_ids.iter().any(|a| a == artist_id))
            .collect();
        found.sort_by_key(|t| std::cmp::Reverse(t.popularity));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_the_promised_size_and_durations() {
        let catalogue = Catalogue::generate(1);
        assert_eq!(catalogue.artists.len(), 40);
        assert_eq!(catalogue.albums.len(), 50);
        assert!(catalogue.tracks.len() >= 300);
        assert!(catalogue
            .tracks
            .iter()
            .all(|t| (120_000..=360_000).contains(&t.duration_ms)));
    }

    #[test]
    fn the_same_seed_generates_the_same_catalogue() {
        let a = Catalogue::generate(9);
        let b = Catalogue::generate(9);
        assert_eq!(a.tracks[17].id, b.tracks[17].id);
        assert_eq!(a.albums[3].name, b.albums[3].name);
    }

    #[test]
    fn tracks_are_found_by_uri() {
        let catalogue = Catalogue::generate(1);
        let id = catalogue.tracks[5].id.clone();
        let uri = format!("spotify:track:{id}");
        assert_eq!(
            catalogue.track_by_uri(&uri).map(|t| t.id.as_str()),
            Some(id.as_str())
        );
    }
}
