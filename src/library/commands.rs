//! What the Library does on this tab's device and in the listener's playlists: play (a search
//! result, a playlist from one of its tracks, the opened list with Play or Shuffle), queue, and
//! add a track to one of their playlists (`POST /playlists/{id}/items`). Each outcome is a
//! toast; the queue is read again after a play or a queue.

use chorus_core::spotify::{
    requests::{self, PlayBody, PlayOffset},
    Playlist,
};

use super::{
    text,
    use_library::{UseLibraryHandle, LIKED_SONGS_ID, SOURCE},
};
use crate::ui::notice::Notice;

impl UseLibraryHandle {
    /// Plays one track (or album, artist, playlist: anything with a `spotify:` URI) here;
    /// `name` names it in the toast.
    pub fn play_uri(&self, uri: &str, name: &str) {
        let body = if uri.starts_with("spotify:track:") || uri.starts_with("spotify:episode:") {
            PlayBody::tracks(vec![uri.to_owned()])
        } else {
            PlayBody::context(uri)
        };
        self.play(body, name);
    }

    /// Plays the opened list from its track `track_uri` (named `name`) here: a playlist as its
    /// context, Liked Songs as the loaded tracks.
    pub fn play_in_context(&self, context_uri: &str, track_uri: &str, name: &str) {
        let offset = Some(PlayOffset::Uri {
            uri: track_uri.to_owned(),
        });
        let body = match self.liked_uris(context_uri) {
            Some(uris) => PlayBody {
                offset,
                ..PlayBody::tracks(uris)
            },
            None => PlayBody {
                offset,
                ..PlayBody::context(context_uri)
            },
        };
        self.play(body, name);
    }

    /// The opened list's Play (from its start) or Shuffle (from a random track, shuffle on).
    pub fn play_open(&self, shuffle: bool) {
        let Some(open) = &self.model.open else {
            return;
        };
        let tracks = open.tracks.loaded().map(Vec::len).unwrap_or(0);
        let playlist = &open.playlist;
        let mut body = match self.liked_uris(&playlist.uri) {
            Some(uris) => PlayBody::tracks(uris),
            None => PlayBody::context(&playlist.uri),
        };
        if shuffle && tracks > 1 {
            let position = crate::catalog::use_catalog::random_below(
                u32::try_from(tracks).unwrap_or(u32::MAX),
            );
            body.offset = Some(PlayOffset::Position { position });
        }
        let name = format!("“{}”", playlist.name);
        let then: Option<Box<dyn FnOnce()>> = {
            let this = self.clone();
            Some(Box::new(move || {
                if shuffle {
                    this.player.set_shuffle(true);
                }
                this.refresh_queue();
            }))
        };
        self.player.play(body, name, then);
    }

    /// The loaded Liked Songs, when `context_uri` is the Liked Songs entry's (Spotify plays
    /// them as a list of tracks).
    fn liked_uris(&self, context_uri: &str) -> Option<Vec<String>> {
        let open = self.model.open.as_ref()?;
        if open.playlist.id != LIKED_SONGS_ID || open.playlist.uri != context_uri {
            return None;
        }
        let tracks = open.tracks.loaded()?;
        Some(tracks.iter().map(|t| t.uri.clone()).collect())
    }

    /// Inside the click: the gesture the browser's autoplay policy waits for.
    fn play(&self, body: PlayBody, name: &str) {
        let this = self.clone();
        let then: Option<Box<dyn FnOnce()>> = Some(Box::new(move || this.refresh_queue()));
        self.player.play(body, format!("“{name}”"), then);
    }

    pub fn add_to_queue(&self, uri: &str, name: &str) {
        let this = self.clone();
        let then: Option<Box<dyn FnOnce()>> = Some(Box::new(move || this.refresh_queue()));
        self.player.queue(uri, name, then);
    }

    /// Adds the track `uri` (named `name`) to one of the listener's playlists.
    pub fn add_to_playlist(&self, playlist: &Playlist, uri: &str, name: &str) {
        let call = requests::add_playlist_items(&playlist.id, vec![uri.to_owned()]);
        let (this, playlist_name, name) = (self.clone(), playlist.name.clone(), name.to_owned());
        let playlist_id = playlist.id.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let sent = this
                .api
                .call(&call)
                .on_wait(|notice| this.toasts.show(SOURCE, notice))
                .send()
                .await;
            let notice = match sent {
                Ok(()) => Notice::info(text::added_to_playlist(&name, &playlist_name)),
                Err(error) => Notice::error(text::not_added_to_playlist(
                    &name,
                    &playlist_name,
                    &error.in_plain_words(),
                )),
            };
            this.toasts.show(SOURCE, notice);
            // The opened playlist shows the new track.
            let opened = this.model.open.as_ref().map(|o| o.playlist.clone());
            if let Some(open) = opened.filter(|p| p.id == playlist_id) {
                this.open_playlist(open);
            }
        });
    }
}
