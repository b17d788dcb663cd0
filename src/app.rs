//! The root: loads the runtime config and this tab's session, then shows the tab's screens.
//!
//! The tree of providers (docs/architecture.md "The app"): the tab's `Auth`, the page the URL
//! names (`RouteProvider`) and the sign-in (`SessionProvider`) from start-up on; while someone
//! is signed in, the listener, this tab's player (`PlayerProvider`) and the features that live
//! above the pages (favorites, library, insights). Screens take what they need with
//! `use_auth()`, `use_listener()`, `use_player()`, `use_library()`… instead of props.

use std::rc::Rc;

use chorus_core::{config::RuntimeConfig, presence::Listener as PresenceListener};
use yew::prelude::*;

use crate::{
    catalog::{album_page::AlbumPage, artist_page::ArtistPage, use_catalog::CatalogProvider},
    command_bar::CommandBar,
    favorites::{page::FavoritesPage, use_favorites::FavoritesProvider},
    insights::{page::InsightsPage, use_insights::InsightsProvider},
    library::{page::LibraryPage, use_library::LibraryProvider},
    likes::use_likes::LikesProvider,
    player::{
        now_playing_bar::NowPlayingBar, page::PlayerPage, shortcuts::use_player_shortcuts,
        use_player, PlayerProvider,
    },
    routes::{use_route, Route, RouteProvider},
    services::{
        auth::Auth,
        config::fetch_runtime_config,
        document,
        tab_session::{self, TabSession},
    },
    session::{
        account_menu::AccountMenu,
        also_here::AlsoHere,
        confirm_account::ConfirmAccount,
        forgotten::Forgotten,
        model::{Listener, SessionPhase},
        text, use_auth, use_listener,
        use_listening_lock::use_listening_lock,
        use_presence::{use_presence, Announcement},
        use_session::{use_session, SessionProvider},
        use_token_refresh::use_token_refresh,
        welcome::Welcome,
    },
    ui::{
        banner::Banner,
        nav_tabs::NavTabs,
        problem::ProblemPanel,
        progress_panel::ProgressPanel,
        sandbox_badge::SandboxBadge,
        text::{SKIP_TO_CONTENT, TRY_AGAIN},
        toasts::{ToastRegion, ToastsProvider},
    },
};

/// What a tab shows once someone is signed in: the whole app ([`WholeApp`]), or in the boot
/// wasm a hand-over to it (`crate::boot::HandOver`). A type, not a prop, so that the boot wasm
/// does not link the screens it never shows.
pub trait SignedInScreen: 'static {
    fn view(listener: Rc<Listener>) -> Html;
}

/// The signed-in screens of the whole app.
#[derive(Debug)]
pub struct WholeApp;

impl SignedInScreen for WholeApp {
    fn view(listener: Rc<Listener>) -> Html {
        html! { <SignedIn {listener} /> }
    }
}

/// Where start-up stands.
#[derive(Debug, Clone, PartialEq)]
enum Start {
    Loading,
    Ready(Auth),
    Failed(String),
}

#[component]
pub fn App<S: SignedInScreen>() -> Html {
    let boot = use_state(|| Start::Loading);
    {
        let boot = boot.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                boot.set(match start().await {
                    Ok((config, tab)) => Start::Ready(Auth::new(config, tab)),
                    Err(message) => Start::Failed(message),
                });
            });
        });
    }
    match &*boot {
        Start::Loading => html! {
            <Shell sandbox={false}>
                <ProgressPanel message={text::LOADING} />
            </Shell>
        },
        Start::Failed(message) => html! {
            <Shell sandbox={false}>
                <ProblemPanel problem={text::could_not_start(message)} />
            </Shell>
        },
        Start::Ready(auth) => html! {
            <ContextProvider<Auth> context={auth.clone()}>
                <RouteProvider>
                    <SessionProvider>
                        <TabView<S> />
                    </SessionProvider>
                </RouteProvider>
            </ContextProvider<Auth>>
        },
    }
}

async fn start() -> Result<(Rc<RuntimeConfig>, TabSession), String> {
    let config = fetch_runtime_config().await.map_err(|e| e.to_string())?;
    let tab = tab_session::establish().await.map_err(|e| e.to_string())?;
    Ok((Rc::new(config), tab))
}

/// One tab, one listener: the screen for where the sign-in stands.
#[component]
fn TabView<S: SignedInScreen>() -> Html {
    let (auth, session, route) = (use_auth(), use_session(), use_route());
    let listener = session.state().listener().cloned();
    {
        // The callback put the page of the Connect click back into the address bar.
        let route = route.clone();
        use_effect_with(listener.is_some(), move |signed_in| {
            if *signed_in {
                route.sync();
            }
        });
    }
    let connect = {
        let session = session.clone();
        Callback::from(move |()| session.connect())
    };
    let screen = match session.phase() {
        SessionPhase::SignedIn(listener) => {
            return S::view(listener.clone());
        }
        SessionPhase::Starting => html! { <ProgressPanel message={text::LOADING} /> },
        SessionPhase::SignedOut { notice, ended } => html! {
            <Welcome notice={notice.clone().map(AttrValue::from)} ended={*ended} on_connect={connect} />
        },
        SessionPhase::CompletingSignIn => {
            html! { <ProgressPanel message={text::FINISHING_SIGN_IN} /> }
        }
        SessionPhase::LoadingProfile => html! { <ProgressPanel message={text::LOADING_PROFILE} /> },
        SessionPhase::ConfirmAccount(listener) => {
            let (same, other) = (session.clone(), session.clone());
            html! {
                <ConfirmAccount listener={listener.clone()}
                    on_same_person={Callback::from(move |()| same.same_person())}
                    on_someone_else={Callback::from(move |()| other.someone_else())} />
            }
        }
        SessionPhase::Forgetting => html! { <ProgressPanel message={text::FORGETTING} /> },
        SessionPhase::Forgotten(report) => html! {
            <Welcome on_connect={connect}>
                <Forgotten report={report.clone()} />
            </Welcome>
        },
        SessionPhase::NotRegistered => html! {
            <ProblemPanel problem={text::not_registered()}
                action={Some(AttrValue::from(text::USE_ANOTHER_ACCOUNT))} on_action={connect} />
        },
        SessionPhase::Failed(problem) => html! {
            <ProblemPanel problem={problem.clone()} action={Some(AttrValue::from(TRY_AGAIN))} on_action={connect} />
        },
    };
    html! {
        <Shell sandbox={auth.config().sandbox}>
            <main class="content" id="main" tabindex="-1">{ screen }</main>
        </Shell>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct SignedInProps {
    listener: Rc<Listener>,
}

/// What lives while a listener is signed in: the listener, this tab's player and the features
/// that keep their state above the pages (switching pages keeps them, and the music).
#[component]
fn SignedIn(props: &SignedInProps) -> Html {
    html! {
        <ToastsProvider>
            <ContextProvider<Rc<Listener>> context={props.listener.clone()}>
                <PlayerProvider>
                    <LikesProvider>
                        <FavoritesProvider>
                            <LibraryProvider>
                                <CatalogProvider>
                                    <InsightsProvider>
                                        <SignedInView />
                                    </InsightsProvider>
                                </CatalogProvider>
                            </LibraryProvider>
                        </FavoritesProvider>
                    </LikesProvider>
                </PlayerProvider>
            </ContextProvider<Rc<Listener>>>
        </ToastsProvider>
    }
}

/// The signed-in screen: whose tab this is, who else is here, the pages, the command bar, the
/// now-playing bar and the toasts; the player's keys work on every page.
#[component]
fn SignedInView() -> Html {
    let (auth, listener, player, route) = (use_auth(), use_listener(), use_player(), use_route());
    use_token_refresh();
    use_player_shortcuts(&player);
    {
        // The listener's colour tints the page and the favicon; gone with the listener.
        let colour = listener.colour.hex();
        use_effect_with(colour, |colour| {
            document::set_accent(Some(colour));
            || document::set_accent(None)
        });
    }
    {
        // `▶ Song — Artist · Alice` while playing here, `Alice · Chorus` otherwise.
        let title = player.model().core.tab_title(listener.name());
        use_effect_with(title, |title| {
            document::set_title(title);
            || document::set_title(text::APP_NAME)
        });
    }
    use_listening_lock(listener.account_key());
    let others = use_presence(Some(Announcement {
        listener: PresenceListener {
            account_key: listener.account_key().to_owned(),
            name: listener.name().to_owned(),
            colour: listener.colour.hex(),
            image_url: None,
        },
        playing: player.model().presence(),
    }));
    let page = match route.current() {
        Route::Player => html! { <PlayerPage /> },
        Route::Library => html! { <LibraryPage /> },
        Route::Insights => html! { <InsightsPage /> },
        Route::Favorites => html! { <FavoritesPage /> },
        Route::Album(id) => html! { <AlbumPage id={id} /> },
        Route::Artist(id) => html! { <ArtistPage id={id} /> },
    };
    html! {
        <Shell sandbox={auth.config().sandbox} account={html! { <AccountMenu /> }}>
            <AlsoHere {others} />
            <div class="nav-row">
                <NavTabs />
                <CommandBar />
            </div>
            if player.premium_required() {
                <Banner id="premium-banner" title={text::PREMIUM_BANNER} detail={Some(AttrValue::from(text::PREMIUM_BANNER_DETAIL))} />
            }
            <main class="content signed-in" id="main" tabindex="-1">{ page }</main>
            <NowPlayingBar />
            <ToastRegion />
        </Shell>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ShellProps {
    sandbox: bool,
    /// The listener's menu, at the header's end (signed in only).
    #[prop_or_default]
    account: Option<Html>,
    #[prop_or_default]
    children: Html,
}

/// The frame around every screen: a skip link to the page, brand, sandbox badge, the listener's
/// menu, and what the page puts in.
#[component]
fn Shell(props: &ShellProps) -> Html {
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ SKIP_TO_CONTENT }</a>
            <header class="topbar">
                <span class="brand" aria-hidden="true">{ "◉" }</span>
                <h1 class="brand-name">{ text::APP_NAME }</h1>
                if props.sandbox { <SandboxBadge /> }
                if let Some(account) = props.account.clone() { { account } }
            </header>
            { props.children.clone() }
        </div>
    }
}
