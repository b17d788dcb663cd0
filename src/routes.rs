//! The signed-in pages and their paths, and `use_route`: which page the URL names, kept in step
//! with Back/Forward. The proxy serves `index.html` for any path, so a reload on `/library` lands
//! here too; any other path (`/callback` included) is the Player.

use yew::prelude::*;

use crate::services::browser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Player,
    Library,
    Insights,
    Favorites,
}

impl Route {
    pub const ALL: [Route; 4] = [
        Route::Player,
        Route::Library,
        Route::Insights,
        Route::Favorites,
    ];

    pub fn from_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/library" => Route::Library,
            "/insights" => Route::Insights,
            "/favorites" => Route::Favorites,
            _ => Route::Player,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Route::Player => "/",
            Route::Library => "/library",
            Route::Insights => "/insights",
            Route::Favorites => "/favorites",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Player => "Player",
            Route::Library => "Library",
            Route::Insights => "Insights",
            Route::Favorites => "Favorites",
        }
    }
}

/// Where this tab is, and the way to another page (`use_route()`).
#[derive(Debug, Clone, PartialEq)]
pub struct UseRouteHandle {
    route: UseStateHandle<Route>,
}

impl UseRouteHandle {
    pub fn current(&self) -> Route {
        *self.route
    }

    /// Reads the route from the address bar again (after the sign-in callback replaced it).
    pub fn sync(&self) {
        self.route.set(from_location());
    }

    /// Goes to `route` (a history entry, no page load).
    pub fn go(&self, route: Route) {
        if *self.route != route {
            let _ = browser::push_url(route.path());
            self.route.set(route);
        }
    }

    /// The `onclick` of an in-app link to `route`: a plain click switches pages in place (the
    /// player keeps playing); modified clicks keep the browser's meaning (new tab, new window).
    pub fn on_link_click(&self, route: Route) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |event: MouseEvent| {
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                return;
            }
            event.prevent_default();
            this.go(route);
        })
    }
}

fn from_location() -> Route {
    browser::location_path()
        .map(|p| Route::from_path(&p))
        .unwrap_or(Route::Player)
}

#[derive(Debug, Properties, PartialEq)]
pub struct RouteProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Keeps the page named by the address bar, in step with Back/Forward, for [`use_route`].
#[component]
pub fn RouteProvider(props: &RouteProviderProps) -> Html {
    let route = use_state(from_location);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = browser::listen_for_history(move || route.set(from_location()));
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<UseRouteHandle> context={UseRouteHandle { route }}>
            { props.children.clone() }
        </ContextProvider<UseRouteHandle>>
    }
}

/// The page shown (inside [`RouteProvider`]).
#[hook]
pub fn use_route() -> UseRouteHandle {
    use_context::<UseRouteHandle>().expect("use_route is called inside RouteProvider")
}
