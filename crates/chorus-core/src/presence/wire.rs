//! How a `PresenceMessage` is read: one flat struct with every field any kind has, then
//! converted by `kind`. serde's derive for an internally tagged enum (`#[serde(tag = "kind")]`)
//! buffers the whole object into its private `Content` tree and reads it a second time, which
//! cost the wasm ≈ 14 kB for this one type (#16); the flat struct is read in one pass.

use serde::Deserialize;

use super::{Listener, Playing, PresenceMessage};

#[derive(Deserialize)]
pub(super) struct PresenceWire {
    kind: String,
    #[serde(default)]
    tab_id: Option<String>,
    #[serde(default)]
    listener: Option<Listener>,
    #[serde(default)]
    playing: Option<Playing>,
    #[serde(default)]
    account_key: Option<String>,
}

/// Why a message could not be read: an unknown kind or a field its kind needs.
#[derive(Debug)]
pub(super) struct NotPresence(&'static str);

impl std::fmt::Display for NotPresence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

fn required<T>(value: Option<T>, field: &'static str) -> Result<T, NotPresence> {
    value.ok_or(NotPresence(field))
}

impl TryFrom<PresenceWire> for PresenceMessage {
    type Error = NotPresence;

    fn try_from(wire: PresenceWire) -> Result<Self, NotPresence> {
        let tab_id = move || required(wire.tab_id, "missing field `tab_id`");
        Ok(match wire.kind.as_str() {
            "hello" => PresenceMessage::Hello {
                tab_id: tab_id()?,
                listener: required(wire.listener, "missing field `listener`")?,
                playing: wire.playing,
            },
            "state" => PresenceMessage::State {
                tab_id: tab_id()?,
                listener: required(wire.listener, "missing field `listener`")?,
                playing: wire.playing,
            },
            "bye" => PresenceMessage::Bye { tab_id: tab_id()? },
            "who" => PresenceMessage::Who { tab_id: tab_id()? },
            "forgotten" => PresenceMessage::Forgotten {
                account_key: required(wire.account_key, "missing field `account_key`")?,
            },
            _ => return Err(NotPresence("unknown presence kind")),
        })
    }
}
