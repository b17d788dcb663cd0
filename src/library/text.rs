//! Every sentence of the Library page.

pub const PLAYER_CONNECTING: &str =
    "This tab's player is still connecting; playing starts once it is ready.";

pub const SEARCH_HINT: &str =
    "Search Spotify for a song, album, artist or playlist, then click it to play it here.";
/// A free account: nothing plays here, but everything can be found and browsed.
pub const SEARCH_HINT_READ_ONLY: &str =
    "Search Spotify for a song, album, artist or playlist; open an album or artist to browse it.";
pub fn nothing_found(query: &str) -> String {
    format!("Nothing found for “{query}”. Try fewer or other words.")
}
pub const SEARCHING: &str = "Searching";

pub const NO_PLAYLISTS: &str = "You have no playlists yet. Make one with “+ New playlist”, or in Spotify, and it shows up here.";
pub const LOADING_PLAYLISTS: &str = "Loading your playlists";
pub const LOADING_PLAYLIST: &str = "Loading the playlist";
pub const PLAYLIST_EMPTY: &str =
    "This playlist has no tracks yet. Add some in Spotify, or queue songs from a search.";
pub fn tracks_count(total: u32) -> String {
    format!("{total} tracks")
}

pub fn created(name: &str) -> String {
    format!("Created the playlist “{name}”.")
}
pub const CREATED_UNREADABLE: &str =
    "Spotify created the playlist but its answer could not be read. Reload to see it.";
pub const CREATED_NOTHING: &str = "Spotify sent no playlist back. Reload to see it.";

pub const QUEUE_EMPTY: &str = "Nothing is queued. Use “Add to queue” on a song to play it next.";
pub const LOADING_QUEUE: &str = "Loading the queue";
/// The queue's first row: what plays now.
pub fn now(byline: &str) -> String {
    format!("Now · {byline}")
}
/// A queue entry Chorus cannot show (neither a track nor an episode).
pub const UNSHOWABLE: &str = "Something Chorus cannot show";

pub const MORE: &str = "More";
pub const LOADING_MORE: &str = "Loading more…";

/// Read before a row's title: its button plays it.
pub const PLAY_PREFIX: &str = "Play ";
pub const PLAYING_MARK: &str = "Playing · ";
pub const ADD_TO_QUEUE: &str = "Add to queue";
pub const ADD_TO_PLAYLIST: &str = "Add to playlist…";
pub fn more_for(name: &str) -> String {
    format!("More for {name}")
}
pub const NO_OWN_PLAYLISTS: &str = "You have no playlists of your own yet.";
pub fn added_to_playlist(track: &str, playlist: &str) -> String {
    format!("Added “{track}” to “{playlist}”.")
}
pub fn not_added_to_playlist(track: &str, playlist: &str, why: &str) -> String {
    format!("“{track}” could not be added to “{playlist}”. {why}")
}
pub const LIKED_SONGS: &str = "Liked Songs";
pub const LIKED_EMPTY: &str = "No liked songs yet. Press ♥ on a song and it shows up here.";
pub const PLAY: &str = "Play";
pub const SHUFFLE: &str = "Shuffle";
pub const LIKED_DETAIL: &str = "Songs you liked (♥)";
pub const ALL_PLAYLISTS: &str = "← All playlists";
