//! `use_presence`: announces this tab's listener to the other Chorus tabs of the browser and
//! keeps a live list of them (chorus-core's `presence::Roster` decides; this only wires the
//! BroadcastChannel, the heartbeat and `pagehide`). Without a listener (the welcome screen)
//! it only asks who is here. A "Forget me" of this tab's account signs this tab out.

use std::{cell::RefCell, rc::Rc};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chorus_core::presence::{
    Listener, Peer, Playing, PresenceMessage, Reply, Roster, HEARTBEAT_MS,
};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::use_session::{use_session, UseSessionHandle};
use crate::services::{
    browser::{now_ms, random_bytes},
    presence::PresenceChannel,
};

/// What this tab announces: who listens here and what plays.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub listener: Listener,
    pub playing: Option<Playing>,
}

/// Everything the channel's callbacks share.
struct Shared {
    tab_id: String,
    roster: Roster,
    me: Option<Announcement>,
    channel: Option<Rc<PresenceChannel>>,
    session: UseSessionHandle,
}

impl Shared {
    fn message(&self, hello: bool) -> Option<PresenceMessage> {
        let me = self.me.clone()?;
        let tab_id = self.tab_id.clone();
        Some(if hello {
            PresenceMessage::Hello {
                tab_id,
                listener: me.listener,
                playing: me.playing,
            }
        } else {
            PresenceMessage::State {
                tab_id,
                listener: me.listener,
                playing: me.playing,
            }
        })
    }

    fn post(&self, message: Option<PresenceMessage>) {
        if let (Some(channel), Some(message)) = (&self.channel, message) {
            channel.post(&message);
        }
    }
}

/// This page's presence id: random, unrelated to the session id.
fn page_id() -> String {
    random_bytes(12)
        .map(|b| URL_SAFE_NO_PAD.encode(b))
        .unwrap_or_else(|_| format!("t{}", now_ms()))
}

/// Announces `me` while the calling component (the signed-in view) is mounted, and says
/// goodbye when it goes; with `None` (nobody signed in here) it asks who is here and
/// announces nothing. Returns the other tabs.
#[hook]
pub fn use_presence(me: Option<Announcement>) -> Rc<Vec<Peer>> {
    let session = use_session();
    let peers = use_state(|| Rc::new(Vec::<Peer>::new()));
    let shared = use_mut_ref(|| {
        let tab_id = page_id();
        Shared {
            roster: Roster::new(tab_id.clone()),
            tab_id,
            me: None,
            channel: None,
            session,
        }
    });

    {
        let (shared, peers) = (shared.clone(), peers.clone());
        use_effect_with((), move |_| {
            let publish = {
                let (shared, peers) = (shared.clone(), peers.clone());
                move || {
                    peers.set(Rc::new(
                        shared
                            .borrow()
                            .roster
                            .others()
                            .into_iter()
                            .cloned()
                            .collect(),
                    ))
                }
            };
            let opened = open_channel(shared.clone(), publish.clone());
            let heartbeat = opened.then(|| {
                let shared = shared.clone();
                Interval::new(HEARTBEAT_MS as u32, move || {
                    let expired = {
                        let mut state = shared.borrow_mut();
                        state.post(state.message(false));
                        state.roster.expire(now_ms())
                    };
                    if expired {
                        publish();
                    }
                })
            });
            let goodbye = web_sys::window().map(|window| {
                let shared = shared.clone();
                EventListener::new(&window, "pagehide", move |_| say_bye(&shared))
            });
            move || {
                drop(heartbeat);
                drop(goodbye);
                say_bye(&shared);
                // Dropping the channel breaks the cycle channel → callback → shared → channel.
                shared.borrow_mut().channel = None;
            }
        });
    }

    {
        let shared = shared.clone();
        use_effect_with(me, move |me| {
            let mut state = shared.borrow_mut();
            let Some(me) = me else {
                // Nobody here: only ask who is (the others answer at once).
                let who = PresenceMessage::Who {
                    tab_id: state.tab_id.clone(),
                };
                state.post(Some(who));
                return;
            };
            let newly_here = state.me.is_none();
            state.me = Some(me.clone());
            // Newly signed in: ask everyone to answer at once; later, say what changed.
            state.post(state.message(newly_here));
        });
    }

    (*peers).clone()
}

fn open_channel(shared: Rc<RefCell<Shared>>, publish: impl Fn() + 'static) -> bool {
    let inner = shared.clone();
    let Ok(channel) = PresenceChannel::open(move |message| {
        let forgets_me = {
            let state = inner.borrow();
            let me = state.me.as_ref().map(|me| me.listener.account_key.as_str());
            me.is_some_and(|key| message.forgets(key))
                .then(|| state.session.clone())
        };
        if let Some(session) = forgets_me {
            session.forgotten_elsewhere();
        }
        let reply = inner.borrow_mut().roster.receive(message, now_ms());
        if reply == Reply::AnnounceSelf {
            let state = inner.borrow();
            state.post(state.message(false));
        }
        publish();
    }) else {
        return false;
    };
    shared.borrow_mut().channel = Some(Rc::new(channel));
    true
}

fn say_bye(shared: &Rc<RefCell<Shared>>) {
    let state = shared.borrow();
    if state.me.is_some() {
        state.post(Some(PresenceMessage::Bye {
            tab_id: state.tab_id.clone(),
        }));
    }
}
