//! "Also here": the other listeners signed in in this browser, each with what they play.

use std::rc::Rc;

use chorus_core::presence::Peer;
use yew::prelude::*;

use super::{text, use_listener};

#[derive(Debug, Properties, PartialEq)]
pub struct AlsoHereProps {
    pub others: Rc<Vec<Peer>>,
}

#[component]
pub fn AlsoHere(props: &AlsoHereProps) -> Html {
    let me = use_listener();
    if props.others.is_empty() {
        return html! {};
    }
    html! {
        // Focusable: on a narrow screen the line scrolls sideways, and keys must reach it too.
        <aside class="also-here" aria-label={text::ALSO_HERE_LABEL} tabindex="0">
            <span class="also-here-label">{ text::ALSO_HERE }</span>
            <ul>
                { for props.others.iter().map(|peer| {
                    let listener = &peer.listener;
                    let same_account = listener.account_key == me.account_key();
                    html! {
                        <li class="also-here-item" key={peer.tab_id.clone()}>
                            // An SVG fill, not a style attribute: the CSP allows no inline styles.
                            <svg class="dot" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
                                <circle cx="5" cy="5" r="5" fill={listener.colour.clone()} />
                            </svg>
                            <span class="also-here-name">{ &listener.name }</span>
                            if same_account { <span class="muted">{ text::SAME_ACCOUNT }</span> }
                            if let Some(playing) = &peer.playing {
                                <span class="also-here-playing">
                                    { if playing.is_playing { "▶ " } else { "❚❚ " } }
                                    { format!("{} — {}", playing.name, playing.artists) }
                                </span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </aside>
    }
}
