//! The Library page's model (docs/ux.md "Library": search, playlists, queue): what each list holds,
//! and whether it is loading, loaded or failed. Plain data; the effects live in `use_library`.

use std::rc::Rc;

use chorus_core::spotify::{
    requests::SearchType, Album, Artist, Playlist, Queue, SearchResponse, Track,
};
use yew::Reducible;

use super::text;
use crate::services::web_api::Remote;
use crate::ui::notice::Notice;

/// Search results so far (pages of at most 10 appended by "More").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub query: String,
    pub tracks: Vec<Track>,
    pub albums: Vec<Album>,
    pub artists: Vec<Artist>,
    pub playlists: Vec<Playlist>,
    /// The offset of the next page, when any kind has more.
    pub next_offset: Option<u32>,
    /// A "More" page is on its way.
    pub loading_more: bool,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
            && self.albums.is_empty()
            && self.artists.is_empty()
            && self.playlists.is_empty()
    }

    fn append(&mut self, page: SearchResponse) {
        let mut next: Option<u32> = None;
        let mut note = |offset: Option<u32>| {
            if let Some(offset) = offset {
                next = Some(next.map_or(offset, |n| n.max(offset)));
            }
        };
        if let Some(tracks) = page.tracks {
            note(tracks.next_offset());
            self.tracks.extend(tracks.items);
        }
        if let Some(albums) = page.albums {
            note(albums.next_offset());
            self.albums.extend(albums.items);
        }
        if let Some(artists) = page.artists {
            note(artists.next_offset());
            self.artists.extend(artists.items);
        }
        if let Some(playlists) = page.playlists {
            note(playlists.next_offset());
            // Spotify sends `null` for playlists it will not show.
            self.playlists.extend(playlists.items.into_iter().flatten());
        }
        self.next_offset = next;
        self.loading_more = false;
    }
}

/// The playlist opened from the list, with its tracks.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenPlaylist {
    pub playlist: Playlist,
    pub tracks: Remote<Vec<Track>>,
    /// The offset of the next page of tracks, when there is one ("More").
    pub next_offset: Option<u32>,
    pub loading_more: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LibraryModel {
    /// The query asked last: pages of older queries are dropped.
    pub search_query: String,
    /// What the search looks for: one kind, or every kind (`None`).
    pub search_kind: Option<SearchType>,
    pub search: Remote<SearchResults>,
    pub playlists: Remote<Vec<Playlist>>,
    /// The offset of the next page of the listener's playlists ("More").
    pub playlists_next: Option<u32>,
    pub playlists_loading_more: bool,
    /// A `POST me/playlists` is on its way.
    pub creating_playlist: bool,
    /// How many playlists this view created: the new-playlist form closes when it grows (a
    /// count, not the `creating_playlist` level, whose true → false pulse a render can miss).
    pub playlists_created: u32,
    pub open: Option<OpenPlaylist>,
    pub queue: Remote<Queue>,
    /// The last action's outcome ("Added to the queue", or what failed).
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LibraryAction {
    /// Another listener (or none): forget everything.
    Reset,
    SearchStarted {
        query: String,
        kind: Option<SearchType>,
    },
    /// A page for `query`; pages of an older query are dropped.
    SearchPage {
        query: String,
        kind: Option<SearchType>,
        page: SearchResponse,
    },
    SearchMoreStarted,
    SearchFailed {
        query: String,
        kind: Option<SearchType>,
        message: String,
    },
    SearchCleared,
    Playlists(Remote<Vec<Playlist>>),
    /// The first page's next offset, or a further page appended.
    PlaylistsNext(Option<u32>),
    MorePlaylistsStarted,
    CreatePlaylistStarted,
    /// The new playlist (shown first, as Spotify lists the newest first), or what failed.
    PlaylistCreated(Result<Playlist, String>),
    MorePlaylists {
        page: Result<(Vec<Playlist>, Option<u32>), String>,
    },
    Opened(Playlist),
    /// Tracks for the playlist `id`; dropped when another one is open by now.
    OpenTracks {
        id: String,
        /// 0 for the first page (it replaces), else appended.
        offset: u32,
        /// The tracks and the next page's offset, or what failed.
        page: Result<(Vec<Track>, Option<u32>), String>,
    },
    MoreTracksStarted,
    Closed,
    Queue(Remote<Queue>),
    Notice(Option<Notice>),
}

impl Reducible for LibraryModel {
    type Action = LibraryAction;

    fn reduce(self: Rc<Self>, action: LibraryAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LibraryAction::Reset => return Rc::new(LibraryModel::default()),
            LibraryAction::SearchStarted { query, kind } => {
                next.search_kind = kind;
                next.search = Remote::Loading;
                next.search_query = query;
                next.notice = None;
            }
            LibraryAction::SearchPage { query, kind, .. }
            | LibraryAction::SearchFailed { query, kind, .. }
                if query != next.search_query || kind != next.search_kind =>
            {
                return self
            }
            LibraryAction::SearchPage { query, page, .. } => match &mut next.search {
                Remote::Loaded(results) if results.query == query && results.loading_more => {
                    results.append(page);
                }
                Remote::Loading => {
                    let mut results = SearchResults {
                        query,
                        ..SearchResults::default()
                    };
                    results.append(page);
                    next.search = Remote::Loaded(results);
                }
                _ => return self,
            },
            LibraryAction::SearchMoreStarted => match &mut next.search {
                Remote::Loaded(results) if results.next_offset.is_some() => {
                    results.loading_more = true;
                }
                _ => return self,
            },
            LibraryAction::SearchFailed { query, message, .. } => match &mut next.search {
                Remote::Loaded(results) if results.query == query => {
                    results.loading_more = false;
                    next.notice = Some(Notice::info(message));
                }
                _ => next.search = Remote::Failed(message),
            },
            LibraryAction::SearchCleared => {
                next.search = Remote::Idle;
                next.search_query.clear();
            }
            LibraryAction::Playlists(playlists) => {
                next.playlists = playlists;
                next.playlists_next = None;
                next.playlists_loading_more = false;
            }
            LibraryAction::PlaylistsNext(offset) => next.playlists_next = offset,
            LibraryAction::MorePlaylistsStarted => next.playlists_loading_more = true,
            LibraryAction::CreatePlaylistStarted => {
                next.creating_playlist = true;
                next.notice = None;
            }
            LibraryAction::PlaylistCreated(created) => {
                next.creating_playlist = false;
                match created {
                    Ok(playlist) => {
                        next.playlists_created = next.playlists_created.wrapping_add(1);
                        next.notice = Some(Notice::info(text::created(&playlist.name)));
                        // Not listed yet: the list, when it loads, has it.
                        if let Remote::Loaded(shown) = &mut next.playlists {
                            shown.retain(|p| p.id != playlist.id);
                            shown.insert(0, playlist);
                        }
                    }
                    Err(message) => next.notice = Some(Notice::info(message)),
                }
            }
            LibraryAction::MorePlaylists { page } => {
                next.playlists_loading_more = false;
                match (page, &mut next.playlists) {
                    (Ok((more, offset)), Remote::Loaded(shown)) => {
                        shown.extend(more);
                        next.playlists_next = offset;
                    }
                    (Ok(_), _) => return self,
                    (Err(message), _) => next.notice = Some(Notice::info(message)),
                }
            }
            LibraryAction::Opened(playlist) => {
                next.open = Some(OpenPlaylist {
                    playlist,
                    tracks: Remote::Loading,
                    next_offset: None,
                    loading_more: false,
                });
            }
            LibraryAction::OpenTracks { id, offset, page } => match &mut next.open {
                Some(open) if open.playlist.id == id => {
                    open.loading_more = false;
                    match (page, &mut open.tracks) {
                        (Ok((tracks, next_offset)), Remote::Loaded(shown)) if offset > 0 => {
                            shown.extend(tracks);
                            open.next_offset = next_offset;
                        }
                        (Ok((tracks, next_offset)), _) => {
                            open.tracks = Remote::Loaded(tracks);
                            open.next_offset = next_offset;
                        }
                        (Err(message), _) if offset > 0 => {
                            next.notice = Some(Notice::info(message))
                        }
                        (Err(message), _) => open.tracks = Remote::Failed(message),
                    }
                }
                _ => return self,
            },
            LibraryAction::MoreTracksStarted => match &mut next.open {
                Some(open) if open.next_offset.is_some() => open.loading_more = true,
                _ => return self,
            },
            LibraryAction::Closed => next.open = None,
            LibraryAction::Queue(queue) => {
                // A refresh keeps showing the old queue instead of a skeleton.
                if !(queue == Remote::Loading && matches!(next.queue, Remote::Loaded(_))) {
                    next.queue = queue;
                }
            }
            LibraryAction::Notice(notice) => next.notice = notice,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod reducer_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn playlist(id: &str, name: &str) -> Playlist {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "uri": format!("spotify:playlist:{id}"),
            "owner": {"id": "alice"}, "public": false
        }))
        .expect("playlist")
    }

    fn reduce(model: LibraryModel, action: LibraryAction) -> LibraryModel {
        (*Rc::new(model).reduce(action)).clone()
    }

    #[test]
    fn a_created_playlist_is_listed_first_and_announced() {
        let mut model = reduce(
            LibraryModel::default(),
            LibraryAction::Playlists(Remote::Loaded(vec![playlist("a", "Workout")])),
        );
        model = reduce(model, LibraryAction::CreatePlaylistStarted);
        assert!(model.creating_playlist);
        model = reduce(
            model,
            LibraryAction::PlaylistCreated(Ok(playlist("n", "Road, again"))),
        );
        assert!(!model.creating_playlist);
        assert_eq!(model.playlists_created, 1);
        let Remote::Loaded(shown) = &model.playlists else {
            panic!("still loaded");
        };
        let names: Vec<&str> = shown.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Road, again", "Workout"]);
        assert_eq!(
            model.notice,
            Some(Notice::info("Created the playlist “Road, again”."))
        );
    }

    #[test]
    fn a_failed_creation_says_why_and_keeps_the_list() {
        let listed = vec![playlist("a", "Workout")];
        let mut model = reduce(
            LibraryModel::default(),
            LibraryAction::Playlists(Remote::Loaded(listed.clone())),
        );
        model = reduce(model, LibraryAction::CreatePlaylistStarted);
        model = reduce(
            model,
            LibraryAction::PlaylistCreated(Err("Spotify could not be reached.".into())),
        );
        assert_eq!(model.playlists, Remote::Loaded(listed));
        assert!(!model.creating_playlist);
        assert_eq!(
            model.playlists_created, 0,
            "the form stays open with its name"
        );
        assert_eq!(
            model.notice,
            Some(Notice::info("Spotify could not be reached."))
        );
    }
}
