//! Says plainly that the Spotify behind this tab is the local sandbox, not the real service.

use yew::prelude::*;

#[component]
pub fn SandboxBadge() -> Html {
    html! {
        <span class="badge" title="Accounts, music and devices are emulated locally; nothing reaches Spotify.">
            { "Sandbox Spotify" }
        </span>
    }
}
