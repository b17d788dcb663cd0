//! The welcome screen: what Chorus does, and that each person uses their own tab.

use yew::prelude::*;

#[component]
pub fn Welcome() -> Html {
    html! {
        <section class="panel welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ "Everyone plays their own Spotify, side by side." }</h2>
            <p>
                { "Chorus lets several people each play their own Spotify account in one browser: \
                   one tab per listener, each with its own player." }
            </p>
            <ul class="permissions" aria-label="What Chorus will ask Spotify for">
                <li>{ "Play music in this tab and control your playback" }</li>
                <li>{ "See your name, playlists, top tracks and recently played" }</li>
                <li>{ "Create and add to your Chorus Favorites playlist" }</li>
            </ul>
            <p class="muted">{ "Each person signs in in their own tab. Open another tab for the next listener." }</p>
        </section>
    }
}
