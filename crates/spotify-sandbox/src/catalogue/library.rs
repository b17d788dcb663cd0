//! The people of the sandbox and what belongs to them: users (Premium and free), their
//! playlists, top tracks/artists per time range and a seeded listening history.

use std::collections::HashMap;

use super::Catalogue;
use crate::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    Premium,
    Free,
}

impl Product {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Premium => "premium",
            Self::Free => "free",
        }
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    /// Immutable account identifier that `GET /me` returns (2026 platform).
    pub account_id: String,
    pub display_name: String,
    pub product: Product,
    pub email: String,
    pub country: String,
    pub followers: u64,
    /// What the login form checks. Seeded users: [`seeded_password`].
    pub password: String,
}

/// The password of a seeded user: the id followed by `-sandbox` (`alice-sandbox`). Documented in
/// the sandbox README and DEVELOPERS.md; the login page lists them too.
pub fn seeded_password(user_id: &str) -> String {
    format!("{user_id}-sandbox")
}

#[derive(Debug, Clone)]
pub struct PlaylistEntry {
    pub track_id: String,
    pub added_at_ms: u64,
    pub added_by: String,
}

#[derive(Debug, Clone)]
pub struct Playlist {
    pub id: String,
    pub name: String,
    pub description: String,
    pub owner_id: String,
    pub public: bool,
    pub collaborative: bool,
    pub entries: Vec<PlaylistEntry>,
    /// Bumped on every change; rendered into `snapshot_id`.
    pub version: u64,
}

impl Playlist {
    pub fn snapshot_id(&self) -> String {
        format!("{}-v{}", self.id, self.version)
    }
}

/// One seeded play, before the Connect model adds real ones.
#[derive(Debug, Clone)]
pub struct SeededPlay {
    pub track_id: String,
    pub played_at_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRange {
    ShortTerm,
    MediumTerm,
    LongTerm,
}

impl TimeRange {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "short_term" => Some(Self::ShortTerm),
            "medium_term" => Some(Self::MediumTerm),
            "long_term" => Some(Self::LongTerm),
            _ => None,
        }
    }
}

/// Top items of one user for one time range, as catalogue ids.
#[derive(Debug, Clone, Default)]
pub struct TopItems {
    pub track_ids: Vec<String>,
    pub artist_ids: Vec<String>,
}

/// One item of a user's library (`PUT /me/library`): a Liked Song, a saved album or playlist, a
/// followed artist or user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// `spotify:KIND:ID`.
    pub uri: String,
    pub added_at_ms: u64,
}

/// Liked Songs each seeded user starts with.
const SEEDED_LIKES: usize = 12;

/// Users and everything they own.
#[derive(Debug, Clone)]
pub struct Library {
    pub users: Vec<User>,
    pub playlists: Vec<Playlist>,
    /// Each user's library, oldest first.
    pub saved: HashMap<String, Vec<Saved>>,
    pub top: HashMap<(String, TimeRange), TopItems>,
    pub seeded_history: HashMap<String, Vec<SeededPlay>>,
    rng: SplitMix64,
}

const PEOPLE: &[(&str, &str, Product, &str)] = &[
    ("alice", "Alice Martin", Product::Premium, "FR"),
    ("bruno", "Bruno Costa", Product::Premium, "BR"),
    ("chen", "Chen Wei", Product::Premium, "SG"),
    ("dana", "Dana Okafor", Product::Premium, "NG"),
    ("emil", "Emil Larsen", Product::Premium, "DK"),
    ("farah", "Farah Haddad", Product::Premium, "LB"),
    ("goran", "Goran Novak", Product::Premium, "HR"),
    ("hana", "Hana Sato", Product::Premium, "JP"),
    ("ines", "Ines Duarte", Product::Free, "PT"),
    ("jonas", "Jonas Fischer", Product::Free, "DE"),
];

const PLAYLIST_NAMES: &[&str] = &[
    "Workout",
    "Chill evening",
    "Road trip",
    "Focus",
    "Sunday morning",
    "Dinner party",
    "Rainy day",
    "Throwbacks",
];

impl Library {
    /// Seeds the ten people, two to four playlists each, top items and a day of history.
    pub fn generate(seed: u64, catalogue: &Catalogue, now_ms: u64) -> Self {
        let mut rng = SplitMix64::new(seed ^ 0x11B4_A4E5_u64);
        let mut library = Self {
            users: Vec::new(),
            playlists: Vec::new(),
            saved: HashMap::new(),
            top: HashMap::new(),
            seeded_history: HashMap::new(),
            rng: rng.clone(),
        };
        for (id, name, product, country) in PEOPLE {
            let user = User {
                id: (*id).to_owned(),
                account_id: rng.base62(22),
                display_name: (*name).to_owned(),
                product: *product,
                email: format!("{id}@chorus.test"),
                country: (*country).to_owned(),
                followers: rng.between(0, 500),
                password: seeded_password(id),
            };
            library.seed_user_data(&mut rng, catalogue, &user.id, now_ms);
            library.seed_likes(seed, catalogue, &user.id, now_ms);
            library.users.push(user);
        }
        library.rng = rng;
        library
    }

    fn seed_user_data(
        &mut self,
        rng: &mut SplitMix64,
        catalogue: &Catalogue,
        user_id: &str,
        now_ms: u64,
    ) {
        let mut names: Vec<&str> = PLAYLIST_NAMES.to_vec();
        rng.shuffle(&mut names);
        let playlist_count = rng.between(2, 4) as usize;
        for name in names.into_iter().take(playlist_count) {
            let entries = (0..rng.between(8, 25))
                .map(|n| PlaylistEntry {
                    track_id: rng.pick(&catalogue.tracks).id.clone(),
                    added_at_ms: now_ms.saturating_sub((n + 1) * 86_400_000),
                    added_by: user_id.to_owned(),
                })
                .collect();
            self.playlists.push(Playlist {
                id: rng.base62(22),
                name: name.to_owned(),
                description: format!("{name}, picked by hand."),
                owner_id: user_id.to_owned(),
                public: rng.below(2) == 0,
                collaborative: false,
                entries,
                version: 1,
            });
        }
        for range in [
            TimeRange::ShortTerm,
            TimeRange::MediumTerm,
            TimeRange::LongTerm,
        ] {
            let mut tracks: Vec<String> = catalogue.tracks.iter().map(|t| t.id.clone()).collect();
            rng.shuffle(&mut tracks);
            tracks.truncate(50);
            let mut artists: Vec<String> = catalogue.artists.iter().map(|a| a.id.clone()).collect();
            rng.shuffle(&mut artists);
            artists.truncate(30);
            self.top.insert(
                (user_id.to_owned(), range),
                TopItems {
                    track_ids: tracks,
                    artist_ids: artists,
                },
            );
        }
        // About a day of listening, oldest first, spaced by a track's length or more.
        let mut history = Vec::new();
        let mut at = now_ms.saturating_sub(86_400_000);
        for _ in 0..30 {
            let track = rng.pick(&catalogue.tracks);
            at += u64::from(track.duration_ms) + rng.between(0, 1_800_000);
            history.push(SeededPlay {
                track_id: track.id.clone(),
                played_at_ms: at,
            });
        }
        self.seeded_history.insert(user_id.to_owned(), history);
    }

    /// A dozen Liked Songs, from a generator of their own so the rest of the seeded world is
    /// the same as without them.
    fn seed_likes(&mut self, seed: u64, catalogue: &Catalogue, user_id: &str, now_ms: u64) {
        let mut rng = SplitMix64::new(
            seed ^ user_id.bytes().fold(0x5A7E_D11C_u64, |acc, b| {
                acc.wrapping_mul(31).wrapping_add(u64::from(b))
            }),
        );
        let likes = (0..SEEDED_LIKES)
            .map(|n| Saved {
                uri: format!("spotify:track:{}", rng.pick(&catalogue.tracks).id),
                added_at_ms: now_ms.saturating_sub((SEEDED_LIKES - n) as u64 * 3_600_000),
            })
            .fold(Vec::<Saved>::new(), |mut kept, item| {
                if !kept.iter().any(|k| k.uri == item.uri) {
                    kept.push(item);
                }
                kept
            });
        self.saved.insert(user_id.to_owned(), likes);
    }

    /// Saves `uris` in the user's library (already saved ones keep their date).
    pub fn save(&mut self, user_id: &str, uris: &[String], now_ms: u64) {
        let saved = self.saved.entry(user_id.to_owned()).or_default();
        for uri in uris {
            if !saved.iter().any(|s| &s.uri == uri) {
                saved.push(Saved {
                    uri: uri.clone(),
                    added_at_ms: now_ms,
                });
            }
        }
    }

    pub fn unsave(&mut self, user_id: &str, uris: &[String]) {
        if let Some(saved) = self.saved.get_mut(user_id) {
            saved.retain(|s| !uris.contains(&s.uri));
        }
    }

    pub fn is_saved(&self, user_id: &str, uri: &str) -> bool {
        self.saved
            .get(user_id)
            .is_some_and(|saved| saved.iter().any(|s| s.uri == uri))
    }

    /// Liked Songs, newest first: `(track id, added at)`.
    pub fn liked_tracks(&self, user_id: &str) -> Vec<(&str, u64)> {
        let mut liked: Vec<(&str, u64)> = self
            .saved
            .get(user_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|s| {
                s.uri
                    .strip_prefix("spotify:track:")
                    .map(|id| (id, s.added_at_ms))
            })
            .collect();
        liked.reverse();
        liked
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_by_name(&self, display_name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.display_name.eq_ignore_ascii_case(display_name))
    }

    /// The user a login form's "email or username" names: the id or the email, any case.
    pub fn user_by_login(&self, login: &str) -> Option<&User> {
        let login = login.trim();
        self.users
            .iter()
            .find(|u| u.id.eq_ignore_ascii_case(login) || u.email.eq_ignore_ascii_case(login))
    }

    /// Creates a Premium user who signed up on the accounts service; the id is derived from the
    /// name.
    pub fn create_user(
        &mut self,
        display_name: &str,
        password: &str,
        catalogue: &Catalogue,
        now_ms: u64,
    ) -> User {
        let slug: String = display_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let base = if slug.is_empty() {
            "listener".to_owned()
        } else {
            slug
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.user(&id).is_some() {
            id = format!("{base}{n}");
            n += 1;
        }
        let mut rng = self.rng.clone();
        let user = User {
            id: id.clone(),
            account_id: rng.base62(22),
            display_name: display_name.to_owned(),
            product: Product::Premium,
            email: format!("{id}@chorus.test"),
            country: "SE".to_owned(),
            followers: 0,
            password: password.to_owned(),
        };
        self.seed_user_data(&mut rng, catalogue, &id, now_ms);
        self.rng = rng;
        self.saved.insert(id.clone(), Vec::new());
        self.users.push(user.clone());
        user
    }

    pub fn playlist(&self, id: &str) -> Option<&Playlist> {
        self.playlists.iter().find(|p| p.id == id)
    }

    pub fn playlist_mut(&mut self, id: &str) -> Option<&mut Playlist> {
        self.playlists.iter_mut().find(|p| p.id == id)
    }

    pub fn playlists_of(&self, user_id: &str) -> Vec<&Playlist> {
        self.playlists
            .iter()
            .filter(|p| p.owner_id == user_id)
            .collect()
    }

    pub fn create_playlist(
        &mut self,
        owner_id: &str,
        name: &str,
        description: &str,
        public: bool,
        collaborative: bool,
    ) -> &Playlist {
        let id = self.rng.base62(22);
        self.playlists.push(Playlist {
            id,
            name: name.to_owned(),
            description: description.to_owned(),
            owner_id: owner_id.to_owned(),
            public,
            collaborative,
            entries: Vec::new(),
            version: 1,
        });
        let last = self.playlists.len() - 1;
        &self.playlists[last]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_eight_premium_and_two_free_users_with_playlists() {
        let catalogue = Catalogue::generate(3);
        let library = Library::generate(3, &catalogue, 1_000_000_000_000);
        let premium = library
            .users
            .iter()
            .filter(|u| u.product == Product::Premium)
            .count();
        assert_eq!((premium, library.users.len()), (8, 10));
        assert!(library
            .users
            .iter()
            .all(|u| library.playlists_of(&u.id).len() >= 2));
        assert!(library
            .playlists
            .iter()
            .any(|p| p.name == "Workout" || p.name == "Road trip"));
    }

    #[test]
    fn liked_songs_are_seeded_newest_first_and_can_change() {
        let catalogue = Catalogue::generate(3);
        let mut library = Library::generate(3, &catalogue, 1_000_000_000_000);
        let liked = library.liked_tracks("alice");
        assert!(liked.len() >= 8, "{}", liked.len());
        assert!(liked.windows(2).all(|w| w[0].1 >= w[1].1), "newest first");
        let uri = format!("spotify:track:{}", liked[0].0);
        library.unsave("alice", std::slice::from_ref(&uri));
        assert!(!library.is_saved("alice", &uri));
        library.save("alice", std::slice::from_ref(&uri), 2_000_000_000_000);
        assert_eq!(library.liked_tracks("alice")[0].1, 2_000_000_000_000);
    }

    #[test]
    fn a_created_user_is_premium_and_gets_a_unique_id() {
        let catalogue = Catalogue::generate(3);
        let mut library = Library::generate(3, &catalogue, 1_000_000_000_000);
        let user = library.create_user("Alice", "pw", &catalogue, 1_000_000_000_000);
        assert_eq!(user.id, "alice2");
        assert_eq!(user.product, Product::Premium);
    }
}
