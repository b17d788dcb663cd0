//! Every sentence of the Library page.

pub const READ_ONLY: &str = "Spotify plays music in a browser only for Premium accounts, so play and queue buttons are off here. Search and browse your playlists as you like.";
pub const PLAYER_CONNECTING: &str =
    "This tab's player is still connecting; playing starts once it is ready.";

pub const SEARCH_HINT: &str =
    "Search Spotify for a song, album, artist or playlist, then click it to play it here.";
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
pub fn queued(name: &str) -> String {
    format!("Added “{name}” to the queue.")
}
/// The queue's first row: what plays now.
pub fn now(byline: &str) -> String {
    format!("Now · {byline}")
}
/// A queue entry Chorus cannot show (neither a track nor an episode).
pub const UNSHOWABLE: &str = "Something Chorus cannot show";

pub const MORE: &str = "More";
pub const LOADING_MORE: &str = "Loading more…";
