//! The signed-in pages as tabs: real links (middle-click, keyboard), `aria-current` on the
//! page shown; a plain click switches pages in place so the player keeps playing.

use yew::prelude::*;

use crate::routes::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct NavTabsProps {
    pub current: Route,
    pub on_navigate: Callback<Route>,
}

#[component]
pub fn NavTabs(props: &NavTabsProps) -> Html {
    html! {
        <nav class="nav-tabs" aria-label="Pages">
            { for Route::ALL.iter().map(|&route| {
                let on_navigate = props.on_navigate.clone();
                let onclick = Callback::from(move |event: MouseEvent| {
                    // Modified clicks keep the browser's meaning (new tab, new window).
                    if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                        return;
                    }
                    event.prevent_default();
                    on_navigate.emit(route);
                });
                let current = route == props.current;
                html! {
                    <a href={route.path()} id={format!("nav-{}", route.label().to_ascii_lowercase())}
                        class={classes!("nav-tab", current.then_some("current"))}
                        aria-current={current.then_some("page")} {onclick}>
                        { route.label() }
                    </a>
                }
            }) }
        </nav>
    }
}
