//! The Media Session API (`navigator.mediaSession`): what plays in this tab shows in the
//! operating system's media controls (lock screen, media keys, the browser's media hub), and
//! those controls drive this tab's player. web-sys only exposes it behind an unstable cfg, so
//! the binding is private here; out come [`set_now_playing`] and [`ActionHandlers`], which
//! removes (sets to null) every handler it installed when dropped.

use chorus_core::player::NowPlaying;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{prelude::*, JsCast};

use super::browser::{window, BrowserError};

mod raw {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type MediaSession;

        #[wasm_bindgen(method, setter, js_name = metadata)]
        pub fn set_metadata(this: &MediaSession, metadata: &JsValue);

        #[wasm_bindgen(method, setter, js_name = playbackState)]
        pub fn set_playback_state(this: &MediaSession, state: &str);

        #[wasm_bindgen(method, catch, js_name = setActionHandler)]
        pub fn set_action_handler(
            this: &MediaSession,
            action: &str,
            handler: Option<&js_sys::Function>,
        ) -> Result<(), JsValue>;

        pub type MediaMetadata;

        #[wasm_bindgen(constructor, catch)]
        pub fn new(init: &js_sys::Object) -> Result<MediaMetadata, JsValue>;
    }
}

/// A control of the operating system's media UI, as this tab's player understands it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MediaAction {
    Play,
    Pause,
    PreviousTrack,
    NextTrack,
    SeekTo { position_ms: u64 },
}

const ACTIONS: [&str; 5] = ["play", "pause", "previoustrack", "nexttrack", "seekto"];

/// `navigator.mediaSession`, or `None` in a browser without it.
fn media_session() -> Option<raw::MediaSession> {
    let navigator = window().ok()?.navigator();
    let session = Reflect::get(&navigator, &JsValue::from_str("mediaSession")).ok()?;
    (!session.is_undefined() && !session.is_null()).then(|| session.unchecked_into())
}

/// Shows `item` (or nothing) in the media UI, with whether it plays.
pub fn set_now_playing(item: Option<&NowPlaying>, is_playing: bool) -> Result<(), BrowserError> {
    let Some(session) = media_session() else {
        return Ok(());
    };
    match item {
        Some(item) => {
            let metadata =
                raw::MediaMetadata::new(&metadata_init(item)?).map_err(BrowserError::from_js)?;
            session.set_metadata(&metadata);
            session.set_playback_state(if is_playing { "playing" } else { "paused" });
        }
        None => {
            session.set_metadata(&JsValue::NULL);
            session.set_playback_state("none");
        }
    }
    Ok(())
}

fn metadata_init(item: &NowPlaying) -> Result<Object, BrowserError> {
    let set = |target: &Object, key: &str, value: &JsValue| {
        Reflect::set(target, &JsValue::from_str(key), value)
            .map(drop)
            .map_err(BrowserError::from_js)
    };
    let init = Object::new();
    set(&init, "title", &JsValue::from_str(&item.name))?;
    set(&init, "artist", &JsValue::from_str(&item.artists))?;
    set(
        &init,
        "album",
        &JsValue::from_str(item.album.as_deref().unwrap_or_default()),
    )?;
    let artwork = Array::new();
    for image in &item.images {
        let entry = Object::new();
        set(&entry, "src", &JsValue::from_str(&image.url))?;
        if let (Some(width), Some(height)) = (image.width, image.height) {
            set(
                &entry,
                "sizes",
                &JsValue::from_str(&format!("{width}x{height}")),
            )?;
        }
        artwork.push(&entry);
    }
    set(&init, "artwork", &artwork)?;
    Ok(init)
}

/// The media UI's play, pause, previous, next and seek controls, routed to `on_action` while
/// this value lives; dropping it sets every handler back to null (and frees the closures).
pub struct ActionHandlers {
    session: raw::MediaSession,
    // Kept alive for as long as the browser may call them.
    _closures: Vec<Closure<dyn Fn(JsValue)>>,
}

impl std::fmt::Debug for ActionHandlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionHandlers").finish_non_exhaustive()
    }
}

impl ActionHandlers {
    /// Installs the handlers; `None` when the browser has no Media Session. An action the
    /// browser does not know is skipped (it throws for unknown ones).
    pub fn install(on_action: impl Fn(MediaAction) + 'static) -> Option<Self> {
        let session = media_session()?;
        let on_action = std::rc::Rc::new(on_action);
        let mut closures = Vec::with_capacity(ACTIONS.len());
        for name in ACTIONS {
            let on_action = on_action.clone();
            let closure = Closure::<dyn Fn(JsValue)>::new(move |details: JsValue| {
                if let Some(action) = decode(name, &details) {
                    on_action(action);
                }
            });
            let handler: &Function = closure.as_ref().unchecked_ref();
            if session.set_action_handler(name, Some(handler)).is_ok() {
                closures.push(closure);
            }
        }
        Some(Self {
            session,
            _closures: closures,
        })
    }
}

impl Drop for ActionHandlers {
    fn drop(&mut self) {
        for name in ACTIONS {
            let _ = self.session.set_action_handler(name, None);
        }
    }
}

/// `MediaSessionActionDetails` into a [`MediaAction`]; `seekto` carries `seekTime` in seconds.
fn decode(name: &str, details: &JsValue) -> Option<MediaAction> {
    match name {
        "play" => Some(MediaAction::Play),
        "pause" => Some(MediaAction::Pause),
        "previoustrack" => Some(MediaAction::PreviousTrack),
        "nexttrack" => Some(MediaAction::NextTrack),
        "seekto" => {
            let seconds = Reflect::get(details, &JsValue::from_str("seekTime"))
                .ok()?
                .as_f64()
                .filter(|s| s.is_finite() && *s >= 0.0)?;
            // Non-negative and finite: the cast only truncates sub-millisecond parts.
            Some(MediaAction::SeekTo {
                position_ms: (seconds * 1000.0) as u64,
            })
        }
        _ => None,
    }
}
