//! The signed-in pages and their paths, and `use_route`: which page the URL names, kept in step
//! with Back/Forward. The proxy serves `index.html` for any path, so a reload on `/library` or
//! `/album/<id>` lands here too; any other path (`/callback` included) is the Player.

use yew::prelude::*;

use crate::services::browser;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Player,
    Library,
    Insights,
    Favorites,
    /// `/album/<id>`: an album's page (reached from any album name).
    Album(String),
    /// `/artist/<id>`: an artist's page (reached from any artist name).
    Artist(String),
}

impl Route {
    /// The pages the tabs list.
    pub const TABS: [Route; 4] = [
        Route::Player,
        Route::Library,
        Route::Insights,
        Route::Favorites,
    ];

    pub fn from_path(path: &str) -> Self {
        let path = path.trim_end_matches('/');
        let id = |prefix: &str| {
            path.strip_prefix(prefix)
                .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()))
                .map(str::to_owned)
        };
        if let Some(id) = id("/album/") {
            return Route::Album(id);
        }
        if let Some(id) = id("/artist/") {
            return Route::Artist(id);
        }
        match path {
            "/library" => Route::Library,
            "/insights" => Route::Insights,
            "/favorites" => Route::Favorites,
            _ => Route::Player,
        }
    }

    /// The route of a `spotify:album:<id>` or `spotify:artist:<id>` URI, if it is one.
    pub fn of_uri(uri: &str) -> Option<Self> {
        let mut parts = uri.split(':');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("spotify"), Some("album"), Some(id), None) => Some(Route::Album(id.to_owned())),
            (Some("spotify"), Some("artist"), Some(id), None) => Some(Route::Artist(id.to_owned())),
            _ => None,
        }
    }

    pub fn path(&self) -> String {
        match self {
            Route::Player => "/".to_owned(),
            Route::Library => "/library".to_owned(),
            Route::Insights => "/insights".to_owned(),
            Route::Favorites => "/favorites".to_owned(),
            Route::Album(id) => format!("/album/{id}"),
            Route::Artist(id) => format!("/artist/{id}"),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Route::Player => "Player",
            Route::Library => "Library",
            Route::Insights => "Insights",
            Route::Favorites => "Favorites",
            Route::Album(_) => "Album",
            Route::Artist(_) => "Artist",
        }
    }

    /// The tab an album or artist page belongs under (they are reached from the Library).
    pub fn tab(&self) -> Route {
        match self {
            Route::Album(_) | Route::Artist(_) => Route::Library,
            other => other.clone(),
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
        (*self.route).clone()
    }

    /// Reads the route from the address bar again (after the sign-in callback replaced it).
    pub fn sync(&self) {
        self.route.set(from_location());
    }

    /// Goes to `route` (a history entry, no page load).
    pub fn go(&self, route: Route) {
        if *self.route != route {
            let _ = browser::push_url(&route.path());
            // A new page starts at its top, as a followed link does.
            browser::scroll_to_top();
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
            this.go(route.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_pages_and_album_and_artist_ids() {
        for route in [
            Route::Player,
            Route::Library,
            Route::Insights,
            Route::Favorites,
            Route::Album("4m2XyZ".into()),
            Route::Artist("4tZw".into()),
        ] {
            assert_eq!(Route::from_path(&route.path()), route);
        }
        assert_eq!(Route::from_path("/library/"), Route::Library);
        assert_eq!(Route::from_path("/album/"), Route::Player);
        assert_eq!(Route::from_path("/album/a%2Fb"), Route::Player);
        assert_eq!(Route::from_path("/callback"), Route::Player);
    }

    #[test]
    fn album_and_artist_uris_have_pages_under_the_library_tab() {
        assert_eq!(
            Route::of_uri("spotify:album:4m2"),
            Some(Route::Album("4m2".into()))
        );
        assert_eq!(
            Route::of_uri("spotify:artist:9"),
            Some(Route::Artist("9".into()))
        );
        assert_eq!(Route::of_uri("spotify:playlist:9"), None);
        assert_eq!(Route::of_uri("spotify:album:1:x"), None);
        assert_eq!(Route::Album("1".into()).tab(), Route::Library);
    }
}
