//! The signed-in pages as tabs: real links (middle-click, keyboard), `aria-current` on the
//! page shown; a plain click switches pages in place so the player keeps playing.

use yew::prelude::*;

use crate::routes::{use_route, Route};

#[component]
pub fn NavTabs() -> Html {
    let route = use_route();
    html! {
        <nav class="nav-tabs" aria-label="Pages">
            { for Route::ALL.iter().map(|&to| {
                let current = to == route.current();
                html! {
                    <a href={to.path()} id={format!("nav-{}", to.label().to_ascii_lowercase())}
                        class={classes!("nav-tab", current.then_some("current"))}
                        aria-current={current.then_some("page")} onclick={route.on_link_click(to)}>
                        { to.label() }
                    </a>
                }
            }) }
        </nav>
    }
}
