//! Says plainly that the Spotify behind this tab is the local sandbox, not the real service.

use yew::prelude::*;

use super::text;

#[component]
pub fn SandboxBadge() -> Html {
    html! {
        <span class="badge" title={text::SANDBOX_HINT}>{ text::SANDBOX }</span>
    }
}
