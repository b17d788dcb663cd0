//! `use_command_bar`: the command bar's effects. It reads the listener's own library
//! (playlists, recently played, top tracks) when the bar opens, resolves the typed words with
//! chorus-core's `command::resolve` (a catalogue search only when the library has nothing),
//! and acts through this tab's player and the Web API exactly as the Player and the Library
//! do: transport and volume through the SDK, play and queue on this tab's device.

use std::{cell::RefCell, rc::Rc};

use chorus_core::{
    command::{parse, resolve, resolve_searches, Action, Command, Library, Resolution},
    spotify::{
        requests::{self, ApiCall, PlayBody, TimeRange},
        CursorPaging, Paging, PlayHistory, Playlist, SearchResponse, Track,
    },
};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::{
    command_bar::model::{Answer, Choice, CommandBarAction, CommandBarModel, OwnLibrary},
    player::use_player::UsePlayerHandle,
    services::{
        auth::Auth,
        browser::{self, now_ms},
        input::listen_for_command_key,
        playback::{self, Registration},
        web_api::WebApi,
    },
};

/// Playlists are read in pages of 50, at most this many pages (200 playlists).
const PLAYLIST_PAGES: u32 = 4;
/// A library read this long ago is read again when the bar opens (a playlist made since).
const LIBRARY_FRESH_MS: u64 = 60_000;

type LibraryLoad = Shared<LocalBoxFuture<'static, Result<Rc<OwnLibrary>, String>>>;

/// The library being read or read, and when it was asked for.
#[derive(Default)]
struct LibrarySlot {
    load: Option<(u64, LibraryLoad)>,
}

#[derive(Clone)]
pub struct UseCommandBarHandle {
    model: UseReducerHandle<CommandBarModel>,
    api: WebApi,
    player: UsePlayerHandle,
    library: Rc<RefCell<LibrarySlot>>,
    /// What had the focus before the bar opened: it gets it back on close.
    return_focus: Rc<RefCell<Option<HtmlElement>>>,
}

impl PartialEq for UseCommandBarHandle {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model && self.player == other.player
    }
}

impl std::fmt::Debug for UseCommandBarHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseCommandBarHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

/// `listener`: whose library (a change forgets everything); `enabled`: signed in, so Ctrl-K
/// and `/` open the bar.
#[hook]
pub fn use_command_bar(
    auth: Auth,
    listener: Option<String>,
    player: UsePlayerHandle,
    enabled: bool,
) -> UseCommandBarHandle {
    let model = use_reducer(CommandBarModel::default);
    let library: Rc<RefCell<LibrarySlot>> = use_mut_ref(LibrarySlot::default);
    let return_focus: Rc<RefCell<Option<HtmlElement>>> = use_mut_ref(|| None);
    let handle = UseCommandBarHandle {
        model: model.clone(),
        api: WebApi::new(auth),
        player,
        library: library.clone(),
        return_focus,
    };
    use_effect_with(listener, move |_| {
        model.dispatch(CommandBarAction::Reset);
        library.borrow_mut().load = None;
    });
    {
        let handle = handle.clone();
        use_effect_with(enabled, move |enabled| {
            let guard = enabled
                .then(|| listen_for_command_key(move || handle.open()))
                .flatten();
            move || drop::<Option<EventListener>>(guard)
        });
    }
    {
        // What the bar sends through the player (pause, next, volume…) reports its failures
        // as the player's notice: while the bar is open, that is its answer too.
        let model = handle.model.clone();
        let notice = handle
            .player
            .model()
            .notice
            .as_ref()
            .filter(|n| !n.pending)
            .map(|n| n.text.clone());
        use_effect_with(notice, move |notice| {
            if let (Some(text), true) = (notice, model.open) {
                model.dispatch(CommandBarAction::Answered {
                    ticket: model.ticket,
                    answer: Answer::Failed(text.clone()),
                });
            }
        });
    }
    {
        // The input takes the focus once the bar is shown.
        use_effect_with(handle.model.open, |open| {
            if *open {
                browser::focus("#command-input");
            }
        });
    }
    handle
}

impl UseCommandBarHandle {
    pub fn model(&self) -> &CommandBarModel {
        &self.model
    }

    /// Opens the bar and starts reading the library (if not read lately).
    pub fn open(&self) {
        if self.model.open {
            return browser::focus("#command-input");
        }
        *self.return_focus.borrow_mut() = browser::focused();
        self.model.dispatch(CommandBarAction::Open);
        let load = self.library();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = load.await;
        });
    }

    /// Closes the bar; the focus goes back where it was.
    pub fn close(&self) {
        self.model.dispatch(CommandBarAction::Close);
        match self.return_focus.borrow_mut().take() {
            Some(element) if element.is_connected() => {
                let _ = element.focus();
            }
            _ => browser::focus("#command-open"),
        }
    }

    pub fn type_text(&self, text: String) {
        self.model.dispatch(CommandBarAction::Typed(text));
    }

    pub fn move_choice(&self, step: i32) {
        self.model.dispatch(CommandBarAction::Move(step));
    }

    /// Sends the typed words. Called inside the key press (or click): a command that may
    /// start sound activates this tab's player here, before anything is awaited.
    pub fn submit(&self) {
        let text = self.model.text.trim().to_owned();
        let command = parse(&text);
        if command.as_ref().is_ok_and(Command::may_start_playback) {
            self.player.activate_for_play();
        }
        let ticket = self.model.ticket.wrapping_add(1);
        let needs_library = matches!(
            command,
            Ok(Command::PlayPlaylist { .. } | Command::PlayTrack(_) | Command::QueueTrack(_))
        );
        if !needs_library {
            self.model.dispatch(CommandBarAction::Submitted {
                ticket,
                working: String::new(),
            });
            let resolution = resolve(&text, &Library::default());
            let handle = self.clone();
            return wasm_bindgen_futures::spawn_local(async move {
                handle.settle(ticket, &text, resolution).await
            });
        }
        self.model.dispatch(CommandBarAction::Submitted {
            ticket,
            working: "Looking in your library…".into(),
        });
        let (handle, load) = (self.clone(), self.library());
        wasm_bindgen_futures::spawn_local(async move {
            match load.await {
                Ok(library) => {
                    let resolution = resolve(&text, &library.view());
                    handle.settle(ticket, &text, resolution).await;
                }
                Err(message) => handle.answer(
                    ticket,
                    Answer::Failed(format!("Chorus could not read your library. {message}")),
                ),
            }
        });
    }

    /// The choice at `index`: a suggestion is done, an example is put in the input.
    pub fn choose(&self, index: usize) {
        let Some(choice) = self.model.choices().into_iter().nth(index) else {
            return;
        };
        match choice {
            Choice::Retry(text) => {
                self.model.dispatch(CommandBarAction::Fill(text));
                self.submit();
            }
            Choice::Example(example) => {
                self.model
                    .dispatch(CommandBarAction::Fill(example.fill.to_owned()));
                browser::focus("#command-input");
            }
            Choice::Suggestion(suggestion) => {
                if matches!(
                    suggestion.action,
                    Action::PlayContext { .. } | Action::PlayTrack { .. }
                ) {
                    self.player.activate_for_play();
                }
                let ticket = self.model.ticket.wrapping_add(1);
                self.model.dispatch(CommandBarAction::Submitted {
                    ticket,
                    working: String::new(),
                });
                let handle = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    handle.run(ticket, suggestion.action).await
                });
                browser::focus("#command-input");
            }
        }
    }

    /// Enter: the choice the arrows point at, or else the typed words.
    pub fn enter(&self) {
        match self.model.active {
            Some(index) => self.choose(index),
            None => self.submit(),
        }
    }

    fn answer(&self, ticket: u32, answer: Answer) {
        self.model
            .dispatch(CommandBarAction::Answered { ticket, answer });
    }

    fn current(&self, ticket: u32) -> bool {
        self.model.ticket == ticket
    }

    /// The library being read, or a fresh read when there is none, it failed or it is old.
    fn library(&self) -> LibraryLoad {
        let mut slot = self.library.borrow_mut();
        let now = now_ms();
        if let Some((at, load)) = &slot.load {
            let failed = matches!(load.peek(), Some(Err(_)));
            if !failed && now.saturating_sub(*at) < LIBRARY_FRESH_MS {
                return load.clone();
            }
        }
        let api = self.api.clone();
        let load = async move { read_library(&api).await.map(Rc::new) }
            .boxed_local()
            .shared();
        slot.load = Some((now, load.clone()));
        load
    }

    /// What a resolution leads to: an action sent, a catalogue search, or an answer.
    async fn settle(&self, ticket: u32, input: &str, resolution: Resolution) {
        match resolution {
            Resolution::Do { action, .. } => self.run(ticket, action).await,
            Resolution::NeedsSearch { request, answer } => {
                self.answer(ticket, Answer::Working(answer));
                let calls = request.calls();
                let found = futures::future::join_all(
                    calls
                        .iter()
                        .map(|call| playback::fetch::<SearchResponse>(&self.api, call, |_| ())),
                )
                .await;
                if !self.current(ticket) {
                    return;
                }
                // Every answer that came counts; only when none came is it a failure.
                let mut responses = Vec::new();
                let mut failure = None;
                for result in found {
                    match result {
                        Ok(response) => responses.push(response.unwrap_or_default()),
                        Err(error) => failure = Some(error),
                    }
                }
                match (responses.is_empty(), failure) {
                    (true, Some(error)) => {
                        self.answer(ticket, Answer::Failed(error.in_plain_words()))
                    }
                    _ => match resolve_searches(&request, &responses) {
                        Resolution::Do { action, .. } => self.run(ticket, action).await,
                        other => self.answer(ticket, Answer::from_resolution(input, &other)),
                    },
                }
            }
            other => self.answer(ticket, Answer::from_resolution(input, &other)),
        }
    }

    /// Does `action` the way the Player and the Library controls do.
    async fn run(&self, ticket: u32, action: Action) {
        if !self.current(ticket) {
            return;
        }
        let player = &self.player;
        let core = &player.model().core;
        let done = Answer::Done(action.answer());
        let nothing_here = || {
            Answer::said(
                "Nothing is playing in this tab. Start something first, like “play my <name> playlist”.",
            )
        };
        let answer = match &action {
            Action::PlayContext { uri, .. } => {
                return self.play(ticket, PlayBody::context(uri), &action).await
            }
            Action::PlayTrack { uri, .. } => {
                return self
                    .play(ticket, PlayBody::tracks(vec![uri.clone()]), &action)
                    .await
            }
            Action::QueueTrack { uri, .. } => {
                let device = core.this_device_id.clone();
                let call = requests::add_to_queue(uri, device.as_deref());
                return self
                    .send(ticket, call, Registration::Settled, &action)
                    .await;
            }
            _ if !player.is_ready() => Answer::Failed(
                "This tab's player is still connecting; try again in a moment.".into(),
            ),
            Action::Resume if player.plays_here() && core.is_playing => {
                Answer::said("Already playing.")
            }
            Action::Resume => {
                let moving = !player.plays_here();
                player.toggle_play();
                if moving {
                    Answer::Done("Playing here.".into())
                } else {
                    done
                }
            }
            Action::Volume(percent) => {
                player.set_volume(*percent);
                done
            }
            _ if !player.plays_here() => nothing_here(),
            Action::Pause if !core.is_playing => Answer::said("Already paused."),
            Action::Pause => {
                player.pause();
                done
            }
            Action::Next => {
                player.next();
                done
            }
            Action::Previous => {
                player.previous();
                done
            }
            Action::Shuffle(on) => {
                player.set_shuffle(*on);
                done
            }
            Action::Repeat(mode) => {
                player.set_repeat(*mode);
                done
            }
        };
        self.answer(ticket, answer);
    }

    /// `PUT me/player/play` on this tab's device, as the Library plays.
    async fn play(&self, ticket: u32, body: PlayBody, action: &Action) {
        let Some(device_id) = self.player.model().core.this_device_id.clone() else {
            return self.answer(
                ticket,
                Answer::Failed(
                    "This tab's player is still connecting; try again in a moment.".into(),
                ),
            );
        };
        let call = requests::play(Some(&device_id), &body);
        self.send(ticket, call, Registration::MayLag, action).await;
    }

    async fn send(&self, ticket: u32, call: ApiCall, registration: Registration, action: &Action) {
        let waiting = {
            let handle = self.clone();
            move |text: String| handle.answer(ticket, Answer::Working(text))
        };
        let result = playback::send(&self.api, &call, registration, waiting).await;
        self.answer(
            ticket,
            match result {
                Ok(_) => Answer::Done(action.answer()),
                Err(error) => Answer::Failed(error.in_plain_words()),
            },
        );
    }
}

/// The listener's playlists (up to [`PLAYLIST_PAGES`] pages), recently played and top
/// tracks. Only the playlists are needed: the other two lists may fail and stay empty.
async fn read_library(api: &WebApi) -> Result<OwnLibrary, String> {
    let recent_call = requests::recently_played(50, None);
    let top_call = requests::top_tracks(TimeRange::ShortTerm, 50, 0);
    let (playlists, recent, top) = futures::join!(
        read_playlists(api),
        playback::fetch::<CursorPaging<PlayHistory>>(api, &recent_call, |_| ()),
        playback::fetch::<Paging<Track>>(api, &top_call, |_| ()),
    );
    Ok(OwnLibrary {
        playlists: playlists?,
        recently_played: recent
            .ok()
            .flatten()
            .map(|page| page.items.into_iter().map(|item| item.track).collect())
            .unwrap_or_default(),
        top_tracks: top
            .ok()
            .flatten()
            .map(|page| page.items)
            .unwrap_or_default(),
    })
}

async fn read_playlists(api: &WebApi) -> Result<Vec<Playlist>, String> {
    let mut playlists = Vec::new();
    let mut offset = 0;
    for _ in 0..PLAYLIST_PAGES {
        let call = requests::my_playlists(50, offset);
        match playback::fetch::<Paging<Playlist>>(api, &call, |_| ()).await {
            Ok(Some(page)) => {
                let next = page.next_offset();
                playlists.extend(page.items);
                match next {
                    Some(next) => offset = next,
                    None => break,
                }
            }
            Ok(None) => break,
            Err(error) => return Err(error.in_plain_words()),
        }
    }
    Ok(playlists)
}
