//! The signed-in pages and their paths. The proxy serves `index.html` for any path, so a
//! reload on `/library` lands here too; any other path (`/callback` included) is the Player.

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
