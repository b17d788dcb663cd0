//! The signed-in pages as tabs: real links (middle-click, keyboard), `aria-current` on the
//! page shown; a plain click switches pages in place so the player keeps playing.

use yew::prelude::*;

use crate::routes::{use_route, Route};

#[component]
pub fn NavTabs() -> Html {
    let route = use_route();
    html! {
        <nav class="nav-tabs" aria-label="Pages">
            { for Route::TABS.iter().map(|to| {
                let shown = route.current();
                // An album or artist page sits under the Library tab, which is not itself shown.
                let (current, within) = (*to == shown, *to == shown.tab());
                html! {
                    <a href={to.path()} id={format!("nav-{}", to.label().to_ascii_lowercase())}
                        class={classes!("nav-tab", within.then_some("current"))}
                        aria-current={if current { Some("page") } else { within.then_some("true") }} onclick={route.on_link_click(to.clone())}>
                        { to.label() }
                    </a>
                }
            }) }
        </nav>
    }
}
