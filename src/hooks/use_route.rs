//! `use_route`: which signed-in page the URL names, kept in step with Back/Forward.

use yew::prelude::*;

use crate::{routes::Route, services::browser};

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
}

fn from_location() -> Route {
    browser::location_path()
        .map(|p| Route::from_path(&p))
        .unwrap_or(Route::Player)
}

#[hook]
pub fn use_route() -> UseRouteHandle {
    let route = use_state(from_location);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = browser::listen_for_history(move || route.set(from_location()));
            move || drop(listener)
        });
    }
    UseRouteHandle { route }
}
