//! Presence between the tabs of one browser (docs/ux.md "Telling tabs apart": the "also here"
//! strip): the message each tab broadcasts (over a `BroadcastChannel`, sent by the shell)
//! and the roster it keeps of the others. No secret ever goes in a message: a name, a colour,
//! an avatar URL and what is playing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod wire;

/// A tab announces itself at least this often while open.
pub const HEARTBEAT_MS: u64 = 5_000;
/// A tab not heard from for this long is gone (closed, crashed, or asleep in the background,
/// where browsers throttle timers to once a minute: three missed beats is generous enough).
pub const EXPIRY_MS: u64 = 75_000;

/// Who is in a tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listener {
    /// `User::storage_key`: tells two tabs of one account apart from two people.
    pub account_key: String,
    pub name: String,
    /// `ListenerColour::hex`.
    pub colour: String,
    #[serde(default)]
    pub image_url: Option<String>,
}

/// What a tab plays, as the strip shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playing {
    pub name: String,
    pub artists: String,
    pub is_playing: bool,
}

/// The message of one tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// Read through `wire::PresenceWire` (one pass, no buffering); written tagged by `kind`.
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "wire::PresenceWire"
)]
pub enum PresenceMessage {
    /// Sent on open, on every change and as the heartbeat. A `Hello` asks the others to
    /// answer at once with theirs, so a new tab fills its strip without waiting a beat.
    Hello {
        tab_id: String,
        listener: Listener,
        playing: Option<Playing>,
    },
    State {
        tab_id: String,
        listener: Listener,
        playing: Option<Playing>,
    },
    /// Sent on `pagehide`; tabs that never say it expire.
    Bye { tab_id: String },
    /// Asked by a tab where nobody is signed in yet (the welcome screen): "who is here?". The
    /// others answer with their `State`; the asker is not listed.
    Who { tab_id: String },
    /// The account chose "Forget me on this browser" in one of its tabs: its other tabs sign
    /// out, and everyone drops it from their strip at once. Like every presence message it
    /// grants nothing: any page of the origin could send it, and it only signs tabs out.
    Forgotten { account_key: String },
}

/// What the receiving tab should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Answer with this tab's `State` now.
    AnnounceSelf,
    Nothing,
}

/// Another tab, as last heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub tab_id: String,
    pub listener: Listener,
    pub playing: Option<Playing>,
    pub last_heard_ms: u64,
}

/// The other tabs of this browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    own_tab_id: String,
    peers: BTreeMap<String, Peer>,
}

impl PresenceMessage {
    pub fn to_json(&self) -> String {
        // Strings and options always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything that is not a presence message (other senders on the channel).
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// True when this message asks the tabs of `account_key` to sign out ("Forget me").
    pub fn forgets(&self, account_key: &str) -> bool {
        matches!(self, Self::Forgotten { account_key: forgotten } if forgotten == account_key)
    }
}

impl Roster {
    pub fn new(own_tab_id: impl Into<String>) -> Self {
        Self {
            own_tab_id: own_tab_id.into(),
            peers: BTreeMap::new(),
        }
    }

    /// Applies a message heard at `now_ms`.
    pub fn receive(&mut self, message: PresenceMessage, now_ms: u64) -> Reply {
        let (tab_id, listener, playing, is_hello) = match message {
            PresenceMessage::Bye { tab_id } => {
                self.peers.remove(&tab_id);
                return Reply::Nothing;
            }
            PresenceMessage::Who { tab_id } => {
                return if tab_id == self.own_tab_id {
                    Reply::Nothing
                } else {
                    Reply::AnnounceSelf
                };
            }
            PresenceMessage::Forgotten { account_key } => {
                self.peers
                    .retain(|_, peer| peer.listener.account_key != account_key);
                return Reply::Nothing;
            }
            PresenceMessage::Hello {
                tab_id,
                listener,
                playing,
            } => (tab_id, listener, playing, true),
            PresenceMessage::State {
                tab_id,
                listener,
                playing,
            } => (tab_id, listener, playing, false),
        };
        if tab_id == self.own_tab_id {
            return Reply::Nothing;
        }
        let peer = Peer {
            tab_id: tab_id.clone(),
            listener,
            playing,
            last_heard_ms: now_ms,
        };
        self.peers.insert(tab_id, peer);
        if is_hello {
            Reply::AnnounceSelf
        } else {
            Reply::Nothing
        }
    }

    /// Drops tabs not heard from within `EXPIRY_MS`; true when any was dropped.
    pub fn expire(&mut self, now_ms: u64) -> bool {
        let before = self.peers.len();
        self.peers
            .retain(|_, peer| now_ms.saturating_sub(peer.last_heard_ms) <= EXPIRY_MS);
        self.peers.len() != before
    }

    /// The other tabs, ordered by listener name then tab, for a stable strip.
    pub fn others(&self) -> Vec<&Peer> {
        let mut peers: Vec<&Peer> = self.peers.values().collect();
        crate::sort::sort_stable_by(&mut peers, |a, b| {
            a.listener
                .name
                .cmp(&b.listener.name)
                .then(a.tab_id.cmp(&b.tab_id))
        });
        peers
    }

    /// Other tabs signed in to this same account: one account plays one stream at a time
    /// (contract §3), so the UI warns that they will interrupt each other.
    pub fn same_account(&self, account_key: &str) -> Vec<&Peer> {
        self.others()
            .into_iter()
            .filter(|peer| peer.listener.account_key == account_key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener(key: &str, name: &str) -> Listener {
        Listener {
            account_key: key.into(),
            name: name.into(),
            colour: "#aabbcc".into(),
            image_url: None,
        }
    }

    fn hello(tab: &str, key: &str, name: &str) -> PresenceMessage {
        PresenceMessage::Hello {
            tab_id: tab.into(),
            listener: listener(key, name),
            playing: None,
        }
    }

    #[test]
    fn a_new_tab_is_listed_and_answered() {
        let mut roster = Roster::new("me");
        assert_eq!(
            roster.receive(hello("t2", "bob-key", "Bob"), 0),
            Reply::AnnounceSelf
        );
        let state = PresenceMessage::State {
            tab_id: "t3".into(),
            listener: listener("alice-key", "Alice"),
            playing: Some(Playing {
                name: "Halo".into(),
                artists: "Beyoncé".into(),
                is_playing: true,
            }),
        };
        assert_eq!(roster.receive(state, 10), Reply::Nothing);
        let names: Vec<&str> = roster
            .others()
            .iter()
            .map(|p| p.listener.name.as_str())
            .collect();
        assert_eq!(names, ["Alice", "Bob"]);
    }

    #[test]
    fn own_messages_and_byes_are_handled() {
        let mut roster = Roster::new("me");
        assert_eq!(roster.receive(hello("me", "k", "Me"), 0), Reply::Nothing);
        assert!(roster.others().is_empty());
        roster.receive(hello("t2", "k2", "Bob"), 0);
        roster.receive(
            PresenceMessage::Bye {
                tab_id: "t2".into(),
            },
            1,
        );
        assert!(roster.others().is_empty());
    }

    #[test]
    fn silent_tabs_expire() {
        let mut roster = Roster::new("me");
        roster.receive(hello("t2", "k2", "Bob"), 0);
        assert!(!roster.expire(EXPIRY_MS));
        assert!(roster.expire(EXPIRY_MS + 1));
        assert!(roster.others().is_empty());
    }

    #[test]
    fn tabs_of_the_same_account_are_found() {
        let mut roster = Roster::new("me");
        roster.receive(hello("t2", "alice-key", "Alice"), 0);
        roster.receive(hello("t3", "bob-key", "Bob"), 0);
        let same: Vec<&str> = roster
            .same_account("alice-key")
            .iter()
            .map(|p| p.tab_id.as_str())
            .collect();
        assert_eq!(same, ["t2"]);
    }

    #[test]
    fn a_who_is_answered_without_listing_the_asker() {
        let mut roster = Roster::new("me");
        let who = PresenceMessage::Who {
            tab_id: "welcome-tab".into(),
        };
        assert_eq!(roster.receive(who, 0), Reply::AnnounceSelf);
        assert!(roster.others().is_empty());
        let own = PresenceMessage::Who {
            tab_id: "me".into(),
        };
        assert_eq!(roster.receive(own, 0), Reply::Nothing);
    }

    #[test]
    fn a_forgotten_account_leaves_every_strip_at_once() {
        let mut roster = Roster::new("me");
        roster.receive(hello("t2", "alice-key", "Alice"), 0);
        roster.receive(hello("t3", "alice-key", "Alice"), 0);
        roster.receive(hello("t4", "bob-key", "Bob"), 0);
        let forgotten = PresenceMessage::Forgotten {
            account_key: "alice-key".into(),
        };
        assert!(forgotten.forgets("alice-key"));
        assert!(!forgotten.forgets("bob-key"));
        assert!(!hello("t2", "alice-key", "Alice").forgets("alice-key"));
        assert_eq!(roster.receive(forgotten, 1), Reply::Nothing);
        let left: Vec<&str> = roster.others().iter().map(|p| p.tab_id.as_str()).collect();
        assert_eq!(left, ["t4"]);
    }

    #[test]
    fn messages_round_trip_and_foreign_ones_are_ignored() {
        let message = hello("t2", "k", "Bob");
        let json = message.to_json();
        assert!(json.contains("\"kind\":\"hello\""));
        assert_eq!(PresenceMessage::from_json(&json), Some(message));
        assert_eq!(
            PresenceMessage::from_json(r#"{"kind":"something_else"}"#),
            None
        );
    }
}
