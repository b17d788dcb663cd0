//! Links: to an app page (a plain click switches pages in place, the music keeps playing), to
//! an album or artist page from its name, and "Open in Spotify" with Spotify's icon (docs/ux.md
//! "Spotify attribution": the object's own `external_urls.spotify`, never a built URL).

use chorus_core::spotify::SimplifiedArtist;
use yew::prelude::*;

use crate::routes::{use_route, Route};

/// Spotify's icon, shipped in the build (`static/spotify-icon.svg`).
pub const SPOTIFY_ICON: &str = "/spotify-icon.svg";

#[derive(Debug, Properties, PartialEq)]
pub struct RouteLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// `<a href>` to an app page.
#[component]
pub fn RouteLink(props: &RouteLinkProps) -> Html {
    let route = use_route();
    html! {
        <a href={props.to.path()} id={props.id.clone()} class={props.class.clone()}
            onclick={route.on_link_click(props.to.clone())}>
            { props.children.clone() }
        </a>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ArtistLinksProps {
    pub artists: Vec<SimplifiedArtist>,
}

/// "Daft Punk, Pharrell Williams", each name a link to the artist's page (a local file's
/// artist, without an id, is plain text).
#[component]
pub fn ArtistLinks(props: &ArtistLinksProps) -> Html {
    let named: Vec<&SimplifiedArtist> = props
        .artists
        .iter()
        .filter(|a| !a.name.trim().is_empty())
        .collect();
    html! {
        <>
            { for named.iter().enumerate().map(|(i, artist)| {
                let name = artist.name.trim().to_owned();
                let separator = (i > 0).then(|| html! { { ", " } });
                let link = match &artist.id {
                    Some(id) => html! {
                        <RouteLink to={Route::Artist(id.clone())} class="artist-link">{ name }</RouteLink>
                    },
                    None => html! { { name } },
                };
                html! { <>{ for separator }{ link }</> }
            }) }
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct OpenInSpotifyProps {
    /// The object's `external_urls.spotify`; nothing is shown without it.
    pub url: Option<String>,
    /// What it opens ("the album Roads"), read out after the link's words.
    pub what: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Only the icon shows (rows); the words stay for screen readers.
    #[prop_or(false)]
    pub compact: bool,
}

/// "Open in Spotify" with Spotify's icon, in a new tab.
#[component]
pub fn OpenInSpotify(props: &OpenInSpotifyProps) -> Html {
    let Some(url) = props.url.clone() else {
        return Html::default();
    };
    html! {
        <a class={classes!("open-in-spotify", props.compact.then_some("compact"))} href={url} id={props.id.clone()}
            target="_blank" rel="noopener noreferrer" title={props.compact.then_some("Open in Spotify")}>
            <img class="spotify-icon" src={SPOTIFY_ICON} alt="" width="16" height="16" loading="lazy" />
            <span class={classes!(props.compact.then_some("visually-hidden"))}>{ "Open in Spotify" }</span>
            <span class="visually-hidden">{ format!(" ({})", props.what) }</span>
        </a>
    }
}
