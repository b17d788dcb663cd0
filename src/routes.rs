//! The signed-in pages and their paths. The proxy serves `index.html` for any path, so a
//! reload on `/library` lands here too; any other path (`/callback` included) is the Player.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Player,
    Library,
}

impl Route {
    pub const ALL: [Route; 2] = [Route::Player, Route::Library];

    pub fn from_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/library" => Route::Library,
            _ => Route::Player,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Route::Player => "/",
            Route::Library => "/library",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Player => "Player",
            Route::Library => "Library",
        }
    }
}
