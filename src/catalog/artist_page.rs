//! An artist's page (`/artist/<id>`): picture, name, Play (the artist's music here) and "Open
//! in Spotify"; their albums and singles, each a link to its page.

use chorus_core::spotify::Image;
use yew::prelude::*;

use super::{
    text,
    use_catalog::{use_catalog, PlayFrom},
};
use crate::{
    routes::Route,
    services::web_api::Remote,
    ui::{
        links::{OpenInSpotify, RouteLink},
        media_row::SkeletonRows,
        text::TRY_AGAIN,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct ArtistPageProps {
    pub id: AttrValue,
}

#[component]
pub fn ArtistPage(props: &ArtistPageProps) -> Html {
    let catalog = use_catalog();
    {
        let catalog = catalog.clone();
        use_effect_with(props.id.clone(), move |id| catalog.load_artist(id, false));
    }
    let page = match catalog.model().artists.get(props.id.as_str()) {
        None | Some(Remote::Idle | Remote::Loading) => {
            return html! { <section class="panel"><SkeletonRows rows={4} label={text::LOADING_ARTIST} /></section> }
        }
        Some(Remote::Failed(message)) => {
            let (catalog, id) = (catalog.clone(), props.id.clone());
            let retry = Callback::from(move |_: MouseEvent| catalog.load_artist(&id, true));
            return html! {
                <section class="panel error" id="artist-error" role="alert">
                    <p class="error-message">{ message }</p>
                    <button class="ghost" onclick={retry}>{ TRY_AGAIN }</button>
                </section>
            };
        }
        Some(Remote::Loaded(page)) => page.clone(),
    };
    let artist = &page.artist;
    let can_play = catalog.player().cannot_play().is_none();
    let play = {
        let (catalog, uri, name) = (catalog.clone(), artist.uri.clone(), artist.name.clone());
        Callback::from(move |_: MouseEvent| catalog.play_context(&uri, &name, PlayFrom::Start))
    };
    let picture = Image::best_for(&artist.images, 300).map(|i| i.url.clone());
    html! {
        <div class="catalog-page artist-page">
            <section class="panel catalog-header" aria-labelledby="artist-title">
                if let Some(url) = picture {
                    <img class="cover round" src={url} alt={format!("Picture of {}", artist.name)} />
                }
                <div class="catalog-header-text">
                    <h2 id="artist-title">{ &artist.name }</h2>
                    if !artist.genres.is_empty() {
                        <p class="muted">{ artist.genres.join(", ") }</p>
                    }
                    <div class="page-actions">
                        <button class="primary" id="artist-play" disabled={!can_play} onclick={play}>{ text::PLAY }</button>
                        <OpenInSpotify id="artist-open" url={artist.external_urls.spotify.clone()} what={artist.name.clone()} />
                    </div>
                </div>
            </section>
            <section class="panel" aria-labelledby="artist-albums-heading">
                <h3 class="small-heading" id="artist-albums-heading">{ text::ALBUMS_AND_SINGLES }</h3>
                if page.albums.is_empty() {
                    <p class="muted">{ text::NO_ALBUMS }</p>
                } else {
                    <ul class="album-grid" id="artist-albums">
                        { for page.albums.iter().filter_map(|album| {
                            let id = album.id.clone()?;
                            let cover = Image::best_for(&album.images, 300).map(|i| i.url.clone());
                            let mut facts = vec![text::album_kind(album.album_type.as_deref())];
                            facts.extend(album.release_year());
                            Some(html! {
                                <li key={id.clone()} class="album-card">
                                    <RouteLink to={Route::Album(id)} class="album-card-link">
                                        if let Some(url) = cover {
                                            <img class="album-card-cover" src={url} alt="" loading="lazy" />
                                        }
                                        <span class="album-card-name">{ &album.name }</span>
                                        <span class="muted album-card-facts">{ facts.join(" · ") }</span>
                                    </RouteLink>
                                </li>
                            })
                        }) }
                    </ul>
                }
            </section>
        </div>
    }
}
