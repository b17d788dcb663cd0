//! A real third-party client against the sandbox, changed in nothing but its base URLs: the Rust
//! `rspotify` crate (pinned, `Config { api_base_url, auth_base_url }`). It signs in with PKCE
//! through the sandbox's real login form and consent screen (a cookie-keeping HTTP client,
//! `support::browser::WebBrowser`, plays the browser), then goes through every endpoint family of the contract, and every answer must
//! decode into rspotify's models (a track decoded as `PlayableItem::Unknown` counts as a failure).
//!
//! Where rspotify itself differs from Spotify, the test says so and checks that the sandbox
//! answers as Spotify would:
//! - rspotify still calls the multi-id gets (`tracks/?ids=`, …) and `artists/{id}/top-tracks`,
//!   removed for development-mode apps in February 2026: the sandbox answers 403 like Spotify.
//! - rspotify's `FullPlaylist` panics ("missing items/tracks") on another user's playlist, which
//!   Spotify sends without `items`: read with plain HTTP instead, and check `items` is absent.
//! - rspotify's `me()` asks for `me/` with a trailing slash, which Spotify forgives (so does the
//!   sandbox).
//!
//! Run: `cargo test -p spotify-sandbox --test third_party_rspotify`.

use std::collections::HashMap;

use chrono::Duration;
use rspotify::clients::{BaseClient, OAuthClient};
use rspotify::http::{BaseHttpClient, HttpError};
use rspotify::model::{
    AlbumId, AlbumType, ArtistId, LibraryId, Offset, PlayContextId, PlayableId, PlayableItem,
    PlaylistId, RepeatState, SearchResult, SearchType, TimeRange, TrackId,
};
use rspotify::prelude::Id;
use rspotify::{AuthCodePkceSpotify, ClientError, Config, Credentials, OAuth};
use serde_json::Value;
use spotify_sandbox::connect::DeviceKind;
use spotify_sandbox::{spawn, RunningSandbox, SandboxConfig};
use support::browser::WebBrowser;

mod support;

const REDIRECT: &str = "http://127.0.0.1:8888/callback";

/// rspotify signed in as alice through PKCE against `running`.
async fn signed_in(running: &RunningSandbox) -> AuthCodePkceSpotify {
    let base = running.base_url();
    let config = Config {
        api_base_url: format!("{base}/v1/"),
        auth_base_url: format!("{base}/"),
        ..Config::default()
    };
    let oauth = OAuth {
        redirect_uri: REDIRECT.to_owned(),
        scopes: spotify_sandbox::admin::all_scopes().into_iter().collect(),
        ..OAuth::default()
    };
    let mut spotify =
        AuthCodePkceSpotify::with_config(Credentials::new_pkce("chorus-demo"), oauth, config);
    let url = spotify.get_authorize_url(None).expect("an authorize URL");
    let back = WebBrowser::new(&base).log_in_and_agree(&url, "alice").await;
    let code = spotify
        .parse_response_code(&back)
        .expect("a code with our state");
    spotify
        .request_token(&code)
        .await
        .expect("the code exchange");
    spotify
}

/// The HTTP status of an rspotify failure.
fn status_of(error: ClientError) -> u16 {
    match error {
        ClientError::Http(http) => match *http {
            HttpError::StatusCode(response) => response.status().as_u16(),
            other => panic!("not an HTTP status: {other}"),
        },
        other => panic!("not an HTTP error: {other}"),
    }
}

fn track_of(item: Option<PlayableItem>) -> rspotify::model::FullTrack {
    match item {
        Some(PlayableItem::Track(track)) => track,
        other => panic!("rspotify did not decode a track: {other:?}"),
    }
}

#[tokio::test]
async fn rspotify_signs_in_with_pkce_and_decodes_every_endpoint_family() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    let spotify = signed_in(&running).await;
    let sandbox = running.sandbox();

    // Profile (rspotify asks for `me/`).
    let me = spotify.me().await.expect("profile");
    assert_eq!(me.id.id(), "alice");
    assert_eq!(
        spotify
            .current_user()
            .await
            .expect("profile")
            .display_name
            .as_deref(),
        Some("Alice Martin")
    );

    // Devices, and the 14 player endpoints.
    let phone = sandbox
        .add_device("alice", "Phone", DeviceKind::Smartphone)
        .expect("a device");
    let desk = sandbox
        .add_device("alice", "Desk", DeviceKind::Computer)
        .expect("a device");
    let devices = spotify.device().await.expect("devices");
    assert_eq!(devices.len(), 2);
    assert!(
        spotify
            .current_playback(None, None::<Vec<_>>)
            .await
            .expect("nothing yet")
            .is_none(),
        "204"
    );
    let (album_id, album_tracks, queued_id) = sandbox.read(|w| {
        let album = &w.catalogue.albums[0];
        (
            album.id.clone(),
            album.track_ids.clone(),
            w.catalogue.tracks[100].id.clone(),
        )
    });
    let album = AlbumId::from_id(album_id.as_str()).expect("an album id");
    spotify
        .start_context_playback(
            PlayContextId::Album(album.clone()),
            Some(&phone),
            Some(Offset::Position(Duration::zero())),
            None,
        )
        .await
        .expect("play an album");
    let state = spotify
        .current_playback(None, None::<Vec<_>>)
        .await
        .expect("state")
        .expect("playing");
    assert!(state.is_playing);
    assert_eq!(state.device.id.as_deref(), Some(phone.as_str()));
    assert_eq!(
        track_of(state.item).id.map(|i| i.id().to_owned()),
        Some(album_tracks[0].clone())
    );
    assert!(state.context.is_some(), "played from an album");
    let playing = spotify
        .current_playing(None, None::<Vec<_>>)
        .await
        .expect("currently playing")
        .expect("something");
    track_of(playing.item);
    spotify.pause_playback(None).await.expect("pause");
    spotify
        .resume_playback(None, Some(Duration::seconds(5)))
        .await
        .expect("resume at 5 s");
    spotify.next_track(None).await.expect("next");
    sandbox.advance_clock(std::time::Duration::from_secs(5));
    spotify.previous_track(None).await.expect("previous");
    spotify
        .seek_track(Duration::seconds(30), None)
        .await
        .expect("seek");
    spotify.volume(40, None).await.expect("volume");
    spotify.shuffle(true, None).await.expect("shuffle");
    spotify
        .repeat(RepeatState::Context, None)
        .await
        .expect("repeat");
    let queued = TrackId::from_id(queued_id.as_str()).expect("a track id");
    spotify
        .add_item_to_queue(PlayableId::Track(queued.clone()), None)
        .await
        .expect("queue a track");
    let queue = spotify.current_user_queue().await.expect("the queue");
    track_of(queue.currently_playing);
    assert!(queue
        .queue
        .iter()
        .any(|i| matches!(i, PlayableItem::Track(t) if t.id.as_ref() == Some(&queued))));
    spotify
        .transfer_playback(&desk, Some(true))
        .await
        .expect("transfer");
    let state = spotify
        .current_playback(None, None::<Vec<_>>)
        .await
        .expect("state")
        .expect("playing");
    assert_eq!(state.device.id.as_deref(), Some(desk.as_str()));
    assert_eq!(state.repeat_state, RepeatState::Context);
    assert!(state.shuffle_state);
    spotify
        .start_uris_playback([PlayableId::Track(queued.clone())], None, None, None)
        .await
        .expect("play bare uris");
    let state = spotify
        .current_playback(None, None::<Vec<_>>)
        .await
        .expect("state")
        .expect("playing");
    assert!(
        state.context.is_none(),
        "bare uris: `context: null` decodes as None"
    );

    // Recently played (after a track ended) and top items.
    sandbox.advance_clock(std::time::Duration::from_secs(400));
    let recent = spotify
        .current_user_recently_played(Some(10), None)
        .await
        .expect("recently played");
    assert!(!recent.items.is_empty());
    assert!(
        recent.items[0].context.is_none(),
        "the bare-uris play: context null"
    );
    let top = spotify
        .current_user_top_tracks_manual(Some(TimeRange::ShortTerm), Some(5), Some(0))
        .await
        .expect("top tracks");
    assert_eq!(top.items.len(), 5);
    let artists = spotify
        .current_user_top_artists_manual(Some(TimeRange::LongTerm), Some(3), None)
        .await
        .expect("top artists");
    assert_eq!(artists.items.len(), 3);

    // Playlists: create, add, read.
    let created = spotify
        .user_playlist_create(
            me.id.clone(),
            "From rspotify",
            Some(false),
            None,
            Some("made by a third-party client"),
        )
        .await
        .expect("create");
    let added = spotify
        .playlist_add_items(
            created.id.clone(),
            [PlayableId::Track(queued.clone())],
            None,
        )
        .await
        .expect("add");
    let read = spotify
        .playlist(created.id.clone(), None, None)
        .await
        .expect("read");
    assert_eq!(read.snapshot_id, added.snapshot_id);
    assert_eq!(read.items.total, 1);
    let items = spotify
        .playlist_items_manual(created.id.clone(), None, None, Some(10), None)
        .await
        .expect("items");
    track_of(items.items[0].item.clone());
    let mine = spotify
        .current_user_playlists_manual(Some(50), None)
        .await
        .expect("my playlists");
    assert!(mine.items.iter().any(|p| p.id == created.id));

    // Search, and its next page through the link the answer carries.
    let result = spotify
        .search("e", SearchType::Track, None, None, Some(3), None)
        .await
        .expect("search");
    let SearchResult::Tracks(page) = result else {
        panic!("tracks expected");
    };
    assert_eq!(page.items.len(), 3);
    let next = page.next.expect("a next page");
    let headers = spotify.auth_headers().await.expect("headers");
    let body = spotify
        .get_http()
        .get(&next, Some(&headers), &HashMap::new())
        .await
        .expect("the next page");
    let SearchResult::Tracks(second) =
        serde_json::from_str(&body).expect("rspotify's SearchResult")
    else {
        panic!("tracks expected");
    };
    assert_eq!(second.offset, 3);
    assert_ne!(second.items[0].id, page.items[0].id);

    // Library: Liked Songs and the 2026 /me/library endpoints.
    let liked = spotify
        .current_user_saved_tracks_manual(None, Some(5), None)
        .await
        .expect("liked songs");
    assert_eq!(liked.items.len(), 5);
    let album_uri = LibraryId::Album(album.clone());
    spotify
        .library_add([LibraryId::Track(queued.clone()), album_uri.clone()])
        .await
        .expect("save");
    let contains = spotify
        .library_contains([LibraryId::Track(queued.clone()), album_uri.clone()])
        .await
        .expect("contains");
    assert_eq!(contains, vec![true, true]);
    spotify
        .library_remove([album_uri.clone()])
        .await
        .expect("remove");
    assert_eq!(
        spotify
            .library_contains([album_uri])
            .await
            .expect("contains"),
        vec![false]
    );

    // Albums and artists.
    let full = spotify.album(album.clone(), None).await.expect("album");
    assert_eq!(full.tracks.items.len(), album_tracks.len());
    let page = spotify
        .album_track_manual(album, None, Some(2), Some(1))
        .await
        .expect("album tracks");
    assert_eq!(page.items.len(), 2);
    let artist_id = full.artists[0].id.clone().expect("an artist id");
    let artist = spotify.artist(artist_id.clone()).await.expect("artist");
    assert!(!artist.images.is_empty());
    let discography = spotify
        .artist_albums_manual(artist_id.clone(), [AlbumType::Album], None, Some(10), None)
        .await
        .expect("artist albums");
    assert!(!discography.items.is_empty());

    // Where rspotify still calls what Spotify removed for development mode (it marks them
    // deprecated): 403, as Spotify answers.
    #[allow(deprecated)]
    let top_tracks = spotify.artist_top_tracks(artist_id.clone(), None).await;
    assert_eq!(
        top_tracks.map(|_| ()).map_err(status_of),
        Err(403),
        "artists/{{id}}/top-tracks"
    );
    #[allow(deprecated)]
    let several = spotify.tracks([queued.clone()], None).await;
    assert_eq!(
        several.map(|_| ()).map_err(status_of),
        Err(403),
        "tracks/?ids="
    );
    #[allow(deprecated)]
    let several = spotify
        .artists([ArtistId::from_id(artist_id.id()).expect("an id")])
        .await;
    assert_eq!(
        several.map(|_| ()).map_err(status_of),
        Err(403),
        "artists/?ids="
    );
}

#[tokio::test]
async fn another_users_playlist_comes_without_items_which_rspotify_cannot_decode() {
    let running = spawn(SandboxConfig::for_tests()).await.expect("starts");
    let spotify = signed_in(&running).await;
    let theirs = running
        .sandbox()
        .read(|w| w.library.playlists_of("bruno")[0].id.clone());
    // rspotify 0.16.1's FullPlaylist expects `items` (or `tracks`) and panics without; Spotify
    // leaves both out for a playlist the caller neither owns nor collaborates on. Plain HTTP:
    let headers = spotify.auth_headers().await.expect("headers");
    let url = format!("{}/v1/playlists/{theirs}", running.base_url());
    let body = spotify
        .get_http()
        .get(&url, Some(&headers), &HashMap::new())
        .await
        .expect("the playlist");
    let json: Value = serde_json::from_str(&body).expect("JSON");
    assert!(
        json.get("items").is_none() && json.get("tracks").is_none(),
        "{json}"
    );
    // Its items are refused outright (403), which rspotify reports as an HTTP status.
    let id = PlaylistId::from_id(theirs.as_str()).expect("a playlist id");
    let items = spotify
        .playlist_items_manual(id, None, None, None, None)
        .await;
    assert_eq!(items.map(|_| ()).map_err(status_of), Err(403));
}
