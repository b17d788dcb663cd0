//! The root component: loads the runtime config, then shows the page for this tab.

use yew::prelude::*;

use crate::components::error_panel::ErrorPanel;
use crate::components::sandbox_badge::SandboxBadge;
use crate::pages::welcome::Welcome;
use crate::services::config::{fetch_runtime_config, ConfigLoadError};
use chorus_core::config::RuntimeConfig;

/// Where the config load stands.
#[derive(Debug, Clone, PartialEq)]
enum ConfigState {
    Loading,
    Ready(std::rc::Rc<RuntimeConfig>),
    Failed(ConfigLoadError),
}

#[component]
pub fn App() -> Html {
    let config = use_state(|| ConfigState::Loading);
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                config.set(match fetch_runtime_config().await {
                    Ok(loaded) => ConfigState::Ready(loaded.into()),
                    Err(error) => ConfigState::Failed(error),
                });
            });
        });
    }

    let body = match &*config {
        ConfigState::Loading => html! {
            <p class="muted" role="status" aria-live="polite">{ "Loading Chorus…" }</p>
        },
        ConfigState::Ready(_) => html! { <Welcome /> },
        ConfigState::Failed(error) => html! {
            <ErrorPanel
                title="Chorus could not start"
                message={error.to_string()}
                hint="Check that the Chorus server is running, then reload this tab."
            />
        },
    };
    let sandbox = matches!(&*config, ConfigState::Ready(c) if c.sandbox);

    html! {
        <div class="shell">
            <header class="topbar">
                <span class="brand" aria-hidden="true">{ "◉" }</span>
                <h1 class="brand-name">{ "Chorus" }</h1>
                if sandbox { <SandboxBadge /> }
            </header>
            <main class="content">{ body }</main>
        </div>
    }
}
