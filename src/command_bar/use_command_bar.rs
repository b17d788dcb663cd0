//! `use_command_bar`: the command bar's state and effects. It reads the listener's own library
//! when the bar opens (`own_library.rs`), resolves the typed words with chorus-core's
//! `command::resolve` (a catalogue search only when the library has nothing), and acts through
//! this tab's player and the Web API exactly as the Player and the Library do (`actions.rs`).
//! Called by the [`CommandBar`](super::CommandBar) on every signed-in page: Ctrl-K and `/`
//! open it.

use std::{cell::RefCell, rc::Rc};

use chorus_core::command::{parse, resolve, Action, Command, Library};
use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::{
    model::{Answer, Choice, CommandBarAction, CommandBarModel},
    own_library::{LibraryLoad, LibrarySlot},
    text,
};
use crate::{
    likes::use_likes::{use_likes, UseLikesHandle},
    player::{use_player, UsePlayerHandle},
    services::{browser, input::listen_for_command_key, web_api::WebApi},
    session::{use_auth, use_listener},
};

#[derive(Clone)]
pub struct UseCommandBarHandle {
    pub(super) model: UseReducerHandle<CommandBarModel>,
    pub(super) api: WebApi,
    pub(super) player: UsePlayerHandle,
    pub(super) likes: UseLikesHandle,
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

#[hook]
pub fn use_command_bar() -> UseCommandBarHandle {
    let (auth, listener, player) = (use_auth(), use_listener(), use_player());
    let handle = UseCommandBarHandle {
        model: use_reducer(CommandBarModel::default),
        api: WebApi::new(auth),
        player,
        likes: use_likes(),
        library: use_mut_ref(LibrarySlot::default),
        return_focus: use_mut_ref(|| None),
    };
    {
        let handle = handle.clone();
        use_effect_with(listener.account_key().to_owned(), move |_| {
            handle.model.dispatch(CommandBarAction::Reset);
            handle.library.borrow_mut().forget();
        });
    }
    {
        let handle = handle.clone();
        use_effect_with((), move |_| {
            let guard = listen_for_command_key(move || handle.open());
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
            .filter(|n| !n.is_working())
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
    // The input takes the focus once the bar is shown.
    use_effect_with(handle.model.open, |open| {
        if *open {
            browser::focus("#command-input");
        }
    });
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
        let ticket = self.next_ticket();
        let needs_library = matches!(
            command,
            Ok(Command::PlayPlaylist { .. } | Command::PlayTrack(_) | Command::QueueTrack(_))
        );
        if !needs_library {
            self.submitted(ticket, String::new());
            let resolution = resolve(&text, &Library::default());
            let handle = self.clone();
            return wasm_bindgen_futures::spawn_local(async move {
                handle.settle(ticket, &text, resolution).await
            });
        }
        self.submitted(ticket, text::LOOKING_IN_LIBRARY.into());
        let (handle, load) = (self.clone(), self.library());
        wasm_bindgen_futures::spawn_local(async move {
            match load.await {
                Ok(library) => {
                    let resolution = resolve(&text, &library.view());
                    handle.settle(ticket, &text, resolution).await;
                }
                Err(message) => {
                    handle.answer(ticket, Answer::Failed(text::library_unreadable(&message)))
                }
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
                let ticket = self.next_ticket();
                self.submitted(ticket, String::new());
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

    fn next_ticket(&self) -> u32 {
        self.model.ticket.wrapping_add(1)
    }

    fn submitted(&self, ticket: u32, working: String) {
        self.model
            .dispatch(CommandBarAction::Submitted { ticket, working });
    }

    pub(super) fn answer(&self, ticket: u32, answer: Answer) {
        self.model
            .dispatch(CommandBarAction::Answered { ticket, answer });
    }

    pub(super) fn current(&self, ticket: u32) -> bool {
        self.model.ticket == ticket
    }

    fn library(&self) -> LibraryLoad {
        self.library.borrow_mut().get(&self.api)
    }
}
