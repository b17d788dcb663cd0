//! The Library reducer, natively: late answers never overwrite newer ones, pages append,
//! and a refresh never flashes a skeleton over what is shown.

use std::rc::Rc;

use chorus_core::spotify::{Playlist, Queue, SearchResponse, Track};
use serde_json::json;
use yew::Reducible;

use super::{LibraryAction, LibraryModel, Remote};
use crate::ui::notice::Notice;

fn track(n: u32) -> Track {
    serde_json::from_value(json!({
        "id": format!("t{n}"), "name": format!("Song {n}"), "uri": format!("spotify:track:t{n}"),
        "duration_ms": 180_000, "artists": [{"name": "Someone"}]
    }))
    .expect("a track")
}

fn playlist(id: &str) -> Playlist {
    serde_json::from_value(json!({
        "id": id, "name": format!("List {id}"), "uri": format!("spotify:playlist:{id}"),
        "owner": {"id": "alice"}
    }))
    .expect("a playlist")
}

/// A search page of tracks `from..to` at `offset`, with a next page when `more`.
fn tracks_page(from: u32, to: u32, offset: u32, more: bool) -> SearchResponse {
    let items: Vec<Track> = (from..to).map(track).collect();
    serde_json::from_value(json!({
        "tracks": {"href": "h", "items": items, "limit": 10, "offset": offset,
                   "next": more.then_some("n"), "previous": null, "total": 100}
    }))
    .expect("a search page")
}

fn reduce(model: LibraryModel, actions: impl IntoIterator<Item = LibraryAction>) -> LibraryModel {
    let mut model = Rc::new(model);
    for action in actions {
        model = model.reduce(action);
    }
    (*model).clone()
}

fn started(query: &str) -> LibraryAction {
    LibraryAction::SearchStarted {
        query: query.into(),
        kind: None,
    }
}

fn page(query: &str, page: SearchResponse) -> LibraryAction {
    LibraryAction::SearchPage {
        query: query.into(),
        kind: None,
        page,
    }
}

fn shown_tracks(model: &LibraryModel) -> Vec<String> {
    match &model.search {
        Remote::Loaded(results) => results.tracks.iter().map(|t| t.name.clone()).collect(),
        other => panic!("no results shown: {other:?}"),
    }
}

#[test]
fn an_answer_to_an_older_query_is_dropped() {
    let model = reduce(
        LibraryModel::default(),
        [
            started("da"),
            started("daft"),
            page("da", tracks_page(0, 3, 0, false)),
        ],
    );
    assert_eq!(model.search, Remote::Loading, "still waiting for 'daft'");
    let model = reduce(model, [page("daft", tracks_page(5, 7, 0, false))]);
    assert_eq!(shown_tracks(&model), ["Song 5", "Song 6"]);
}

#[test]
fn more_appends_the_next_page_and_knows_when_there_is_no_more() {
    let model = reduce(
        LibraryModel::default(),
        [started("q"), page("q", tracks_page(0, 10, 0, true))],
    );
    let Remote::Loaded(results) = &model.search else {
        panic!("loaded")
    };
    assert_eq!(results.next_offset, Some(10));
    let model = reduce(
        model,
        [
            LibraryAction::SearchMoreStarted,
            page("q", tracks_page(10, 12, 10, false)),
        ],
    );
    assert_eq!(shown_tracks(&model).len(), 12);
    let Remote::Loaded(results) = &model.search else {
        panic!("loaded")
    };
    assert_eq!(results.next_offset, None);
    assert!(!results.loading_more);
    // No next page: "More" cannot start.
    let again = reduce(model.clone(), [LibraryAction::SearchMoreStarted]);
    assert_eq!(again, model);
}

#[test]
fn a_failed_more_keeps_the_results_and_says_why() {
    let model = reduce(
        LibraryModel::default(),
        [
            started("q"),
            page("q", tracks_page(0, 10, 0, true)),
            LibraryAction::SearchMoreStarted,
            LibraryAction::SearchFailed {
                query: "q".into(),
                kind: None,
                message: "Spotify is busy".into(),
            },
        ],
    );
    assert_eq!(shown_tracks(&model).len(), 10);
    assert_eq!(model.notice, Some(Notice::info("Spotify is busy")));
}

#[test]
fn tracks_of_a_playlist_closed_meanwhile_are_dropped() {
    let model = reduce(
        LibraryModel::default(),
        [
            LibraryAction::Opened(playlist("a")),
            LibraryAction::Opened(playlist("b")),
            LibraryAction::OpenTracks {
                id: "a".into(),
                offset: 0,
                page: Ok((vec![track(1)], None)),
            },
        ],
    );
    let open = model.open.as_ref().expect("b is open");
    assert_eq!(open.playlist.id, "b");
    assert_eq!(open.tracks, Remote::Loading);
    let model = reduce(
        model,
        [
            LibraryAction::OpenTracks {
                id: "b".into(),
                offset: 0,
                page: Ok((vec![track(2), track(3)], Some(2))),
            },
            LibraryAction::MoreTracksStarted,
            LibraryAction::OpenTracks {
                id: "b".into(),
                offset: 2,
                page: Ok((vec![track(4)], None)),
            },
        ],
    );
    let open = model.open.as_ref().expect("b is open");
    let Remote::Loaded(tracks) = &open.tracks else {
        panic!("tracks loaded")
    };
    assert_eq!(tracks.len(), 3);
    assert_eq!(open.next_offset, None);
}

#[test]
fn a_queue_refresh_keeps_the_shown_queue_instead_of_a_skeleton() {
    let queue: Queue =
        serde_json::from_value(json!({"currently_playing": null, "queue": []})).expect("a queue");
    let model = reduce(
        LibraryModel::default(),
        [
            LibraryAction::Queue(Remote::Loaded(queue.clone())),
            LibraryAction::Queue(Remote::Loading),
        ],
    );
    assert_eq!(model.queue, Remote::Loaded(queue));
    let first = reduce(
        LibraryModel::default(),
        [LibraryAction::Queue(Remote::Loading)],
    );
    assert_eq!(
        first.queue,
        Remote::Loading,
        "the first load shows a skeleton"
    );
}

#[test]
fn a_new_listener_starts_from_nothing() {
    let model = reduce(
        LibraryModel::default(),
        [
            started("q"),
            page("q", tracks_page(0, 3, 0, false)),
            LibraryAction::Opened(playlist("a")),
        ],
    );
    assert_eq!(
        reduce(model, [LibraryAction::Reset]),
        LibraryModel::default()
    );
}
