//! The root: loads the runtime config and this tab's session, then hands over to the tab's
//! signed-in (or signing-in) view.

use std::rc::Rc;

use chorus_core::{
    config::RuntimeConfig, player::Location, presence::Listener as PresenceListener,
};
use yew::prelude::*;

use crate::{
    command_bar::{commands::Commands, use_command_bar::use_command_bar},
    favorites::{
        model::FavoritesPhase,
        page::FavoritesPage,
        play_count::PlayCount,
        use_favorites::{use_favorites, UseFavoritesHandle},
    },
    insights::{page::InsightsPage, use_insights::use_insights},
    library::{page::LibraryPage, use_library::use_library},
    player::{
        model::DevicePhase,
        page::PlayerPage,
        use_player::{use_player, UsePlayerHandle},
    },
    routes::{use_route, Route},
    services::{
        auth::Auth,
        browser,
        config::fetch_runtime_config,
        document,
        tab_session::{self, TabSession},
    },
    session::{
        also_here::AlsoHere,
        listener_badge::ListenerBadge,
        model::SessionPhase,
        signing_in::SigningIn,
        use_presence::{use_presence, Announcement},
        use_session::use_session,
        use_token_refresh::use_token_refresh,
        welcome::Welcome,
    },
    ui::{error_panel::ErrorPanel, nav_tabs::NavTabs, sandbox_badge::SandboxBadge},
};

/// Where start-up stands.
#[derive(Debug, Clone, PartialEq)]
enum Boot {
    Loading,
    Ready(Auth),
    Failed(String),
}

#[component]
pub fn App() -> Html {
    let boot = use_state(|| Boot::Loading);
    {
        let boot = boot.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                boot.set(match start().await {
                    Ok((config, tab)) => Boot::Ready(Auth::new(config, tab)),
                    Err(message) => Boot::Failed(message),
                });
            });
        });
    }
    match &*boot {
        Boot::Loading => html! {
            <Shell sandbox={false}>
                <SigningIn message="Loading Chorus…" />
            </Shell>
        },
        Boot::Failed(message) => html! {
            <Shell sandbox={false}>
                <ErrorPanel
                    title="Chorus could not start"
                    message={message.clone()}
                    hint="Check that the Chorus server is running, then reload this tab."
                />
            </Shell>
        },
        Boot::Ready(auth) => html! { <TabView auth={auth.clone()} /> },
    }
}

async fn start() -> Result<(Rc<RuntimeConfig>, TabSession), String> {
    let config = fetch_runtime_config().await.map_err(|e| e.to_string())?;
    let tab = tab_session::establish().await.map_err(|e| e.to_string())?;
    Ok((Rc::new(config), tab))
}

#[derive(Debug, Properties, PartialEq)]
struct TabViewProps {
    auth: Auth,
}

/// One tab, one listener.
#[component]
fn TabView(props: &TabViewProps) -> Html {
    let session = use_session(props.auth.clone());
    let sandbox = props.auth.config().sandbox;
    let listener = session.state().listener().cloned();
    let player = use_player(props.auth.clone(), listener.clone());
    let route = use_route();
    {
        // The callback put the page of the Connect click back into the address bar.
        let route = route.clone();
        use_effect_with(listener.is_some(), move |signed_in| {
            if *signed_in {
                route.sync();
            }
        });
    }
    let signed_in = matches!(session.phase(), SessionPhase::SignedIn(_));
    let commands = use_command_bar(
        props.auth.clone(),
        listener.as_ref().map(|l| l.user.storage_key().to_owned()),
        player.clone(),
        signed_in,
    );
    let favorites = use_favorites(props.auth.clone(), listener.clone(), player.model());
    let library = use_library(
        props.auth.clone(),
        listener.as_ref().map(|l| l.user.storage_key().to_owned()),
        player.model().core.this_device_id.clone(),
        player
            .model()
            .core
            .now_playing
            .as_ref()
            .map(|n| n.uri.clone()),
        matches!(session.phase(), SessionPhase::SignedIn(_)) && route.current() == Route::Library,
    );
    let insights = use_insights(
        props.auth.clone(),
        listener.as_ref().map(|l| l.user.storage_key().to_owned()),
        player.model().core.this_device_id.clone(),
        player.model().phase == DevicePhase::PremiumRequired,
        matches!(session.phase(), SessionPhase::SignedIn(_)) && route.current() == Route::Insights,
    );

    {
        let who = listener
            .as_ref()
            .map(|l| (l.name().to_owned(), l.colour.hex()));
        use_effect_with(who, |who| {
            document::set_accent(who.as_ref().map(|(_, colour)| colour.as_str()));
        });
    }
    {
        // `▶ Song — Artist · Alice` while playing here, `Alice · Chorus` otherwise.
        let title = match &listener {
            Some(l) => player.model().core.tab_title(l.name()),
            None => "Chorus".to_owned(),
        };
        use_effect_with(title, |title| document::set_title(title));
    }

    {
        let session = session.clone();
        let ended = Callback::from(move |notice: String| session.session_ended(notice));
        use_token_refresh(props.auth.clone(), listener.is_some(), ended);
    }

    let me = listener.as_ref().map(|l| Announcement {
        listener: PresenceListener {
            account_key: l.user.storage_key().to_owned(),
            name: l.name().to_owned(),
            colour: l.colour.hex(),
            image_url: None,
        },
        playing: player.model().presence(),
    });
    let others = use_presence(me);

    let connect = {
        let session = session.clone();
        Callback::from(move |()| session.connect())
    };
    let sign_out = {
        let session = session.clone();
        Callback::from(move |()| session.sign_out())
    };
    let add_listener = Callback::from(|()| {
        // A new tab with nothing of this one's: `noopener` keeps sessionStorage out of it.
        let _ = browser::open_new_tab("/");
    });

    let enable_sound = {
        let player = player.clone();
        Callback::from(move |()| player.enable_sound())
    };
    let activate = {
        let player = player.clone();
        Callback::from(move |()| {
            // `enable_sound` activates the SDK's element inside this click; it would also
            // resume a track paused here, so that case (a device used here before, hence
            // already activated) is left alone.
            let core = &player.model().core;
            if core.location != Location::ThisTab || core.is_playing {
                player.enable_sound();
            }
        })
    };
    let navigate = {
        let route = route.clone();
        Callback::from(move |to: Route| route.go(to))
    };

    let body = match session.phase() {
        SessionPhase::Starting => html! { <SigningIn message="Loading Chorus…" /> },
        SessionPhase::SignedOut { notice } => html! {
            <Welcome notice={notice.clone().map(AttrValue::from)} on_connect={connect} />
        },
        SessionPhase::CompletingSignIn => {
            html! { <SigningIn message="Finishing sign-in with Spotify…" /> }
        }
        SessionPhase::LoadingProfile => html! { <SigningIn message="Loading your profile…" /> },
        // The player lives here, above the pages: switching pages keeps it playing.
        SessionPhase::SignedIn(_) => match route.current() {
            Route::Player => html! {
                <PlayerPage
                    player={player.clone()}
                    on_navigate={navigate.clone()}
                    below_now_playing={favorites_line(&favorites, &player)}
                />
            },
            Route::Favorites => html! {
                <FavoritesPage favorites={favorites.clone()}
                    listener_name={listener.as_ref().map(|l| AttrValue::from(l.name().to_owned())).unwrap_or_default()} />
            },
            Route::Library => html! {
                <LibraryPage
                    library={library.clone()}
                    premium_required={player.model().phase == DevicePhase::PremiumRequired}
                    sound_blocked={player.model().autoplay_blocked}
                    on_enable_sound={enable_sound}
                    on_activate={activate.clone()}
                />
            },
            Route::Insights => html! {
                <InsightsPage
                    insights={insights.clone()}
                    playing_uri={player.model().core.now_playing.as_ref().map(|n| AttrValue::from(n.uri.clone()))}
                    on_activate={activate}
                />
            },
        },
        SessionPhase::NotRegistered => html! {
            <ErrorPanel
                title="This Spotify account is not on Chorus's list yet"
                message="Spotify lets an app in development mode serve only the accounts its owner has added (at most 5)."
                hint="Ask whoever runs Chorus to add your account under User Management in the Spotify Developer Dashboard, or sign in with another account."
                action={Some(AttrValue::from("Use another account"))}
                on_action={connect}
            />
        },
        SessionPhase::Failed(problem) => html! {
            <ErrorPanel
                title={problem.title.clone()}
                message={problem.message.clone()}
                hint={problem.hint.clone()}
                action={Some(AttrValue::from("Try again"))}
                on_action={connect}
            />
        },
    };

    html! {
        <Shell {sandbox}>
            if let Some(listener) = listener {
                <ListenerBadge listener={listener.clone()} on_sign_out={sign_out} on_add_listener={add_listener} />
                <AlsoHere {others} my_account={listener.user.storage_key().to_owned()} />
            }
            if signed_in {
                <div class="nav-row">
                    <NavTabs current={route.current()} on_navigate={navigate} />
                    <Commands bar={commands} />
                </div>
            }
            <main class="content" id="main">{ body }</main>
        </Shell>
    }
}

/// The playing track's favorites count, for the Player page (nothing while none is known).
fn favorites_line(favorites: &UseFavoritesHandle, player: &UsePlayerHandle) -> Html {
    let model = favorites.model();
    let Some(now) = player.model().core.now_playing.as_ref() else {
        return Html::default();
    };
    if model.phase != FavoritesPhase::Ready || !now.uri.starts_with("spotify:track:") {
        return Html::default();
    }
    let tracker = &model.tracker;
    html! {
        <PlayCount progress={tracker.progress(&now.uri)}
            last_played_ms={tracker.record(&now.uri).and_then(|r| r.last_played_ms)}
            now_ms={browser::now_ms()} tracking={tracker.settings().tracking} />
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ShellProps {
    sandbox: bool,
    #[prop_or_default]
    children: Html,
}

/// The frame around every screen: brand, sandbox badge, and what the page puts in.
#[component]
fn Shell(props: &ShellProps) -> Html {
    html! {
        <div class="shell">
            <header class="topbar">
                <span class="brand" aria-hidden="true">{ "◉" }</span>
                <h1 class="brand-name">{ "Chorus" }</h1>
                if props.sandbox { <SandboxBadge /> }
            </header>
            { props.children.clone() }
        </div>
    }
}
