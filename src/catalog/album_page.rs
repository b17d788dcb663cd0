//! An album's page (`/album/<id>`): cover, name, artists, year, length; Play, Shuffle and
//! "Open in Spotify"; the tracks with their lengths, each playing the album from there.

use yew::prelude::*;

use super::{
    text,
    use_catalog::{use_catalog, PlayFrom},
};
use crate::{
    library::track_row::TrackRow,
    services::web_api::Remote,
    ui::{
        links::{ArtistLinks, OpenInSpotify},
        media_row::SkeletonRows,
        text::TRY_AGAIN,
    },
};
use chorus_core::spotify::Image;

#[derive(Debug, Properties, PartialEq)]
pub struct AlbumPageProps {
    pub id: AttrValue,
}

#[component]
pub fn AlbumPage(props: &AlbumPageProps) -> Html {
    let catalog = use_catalog();
    {
        let catalog = catalog.clone();
        use_effect_with(props.id.clone(), move |id| catalog.load_album(id, false));
    }
    let page = match catalog.model().albums.get(props.id.as_str()) {
        None | Some(Remote::Idle | Remote::Loading) => {
            return html! { <section class="panel"><SkeletonRows rows={6} label={text::LOADING_ALBUM} /></section> }
        }
        Some(Remote::Failed(message)) => {
            let (catalog, id) = (catalog.clone(), props.id.clone());
            let retry = Callback::from(move |_: MouseEvent| catalog.load_album(&id, true));
            return html! {
                <section class="panel error" id="album-error" role="alert">
                    <p class="error-message">{ message }</p>
                    <button class="ghost" onclick={retry}>{ TRY_AGAIN }</button>
                </section>
            };
        }
        Some(Remote::Loaded(page)) => page.clone(),
    };
    let album = &page.album;
    let player = catalog.player();
    let can_play = player.cannot_play().is_none();
    let uri = album.uri.clone().unwrap_or_default();
    let play_from = |from: PlayFrom| {
        let (catalog, uri, name) = (catalog.clone(), uri.clone(), album.name.clone());
        Callback::from(move |()| catalog.play_context(&uri, &name, from.clone()))
    };
    let play = |from: PlayFrom| play_from(from).reform(|_: MouseEvent| ());
    let count = u32::try_from(page.tracks.len()).unwrap_or(u32::MAX);
    let playing_uri = player
        .model()
        .core
        .now_playing
        .as_ref()
        .map(|n| n.uri.clone());
    let cover = Image::best_for(&album.images, 300).map(|i| i.url.clone());
    let more = page.next_offset.map(|_| {
        let (catalog, id) = (catalog.clone(), props.id.clone());
        html! {
            <button class="ghost" id="album-more" onclick={Callback::from(move |_: MouseEvent| catalog.more_album_tracks(&id))}>
                { text::MORE }
            </button>
        }
    });
    let mut facts = vec![text::album_kind(album.album_type.as_deref()).to_owned()];
    facts.extend(album.release_year().map(str::to_owned));
    facts.push(text::tracks_and_length(
        page.tracks.len(),
        page.duration_ms(),
    ));
    html! {
        <div class="catalog-page album-page">
            <section class="panel catalog-header" aria-labelledby="album-title">
                if let Some(url) = cover {
                    <img class="cover" src={url} alt={format!("Cover of {}", album.name)} />
                }
                <div class="catalog-header-text">
                    <h2 id="album-title">{ &album.name }</h2>
                    <p class="catalog-byline"><ArtistLinks artists={album.artists.clone()} /></p>
                    <p class="muted catalog-facts" id="album-facts">{ facts.join(" · ") }</p>
                    <div class="page-actions">
                        <button class="primary" id="album-play" disabled={!can_play} onclick={play(PlayFrom::Start)}>{ text::PLAY }</button>
                        <button class="ghost" id="album-shuffle" disabled={!can_play}
                            onclick={play(PlayFrom::Shuffled { tracks: count })}>{ text::SHUFFLE }</button>
                        <OpenInSpotify id="album-open" url={album.external_urls.spotify.clone()} what={album.name.clone()} />
                    </div>
                </div>
            </section>
            <section class="panel" aria-labelledby="album-tracks-heading">
                <h3 class="small-heading" id="album-tracks-heading">{ text::TRACKS }</h3>
                if page.tracks.is_empty() {
                    <p class="muted">{ text::NO_TRACKS }</p>
                } else {
                    <ol class="media-list" id="album-tracks">
                        { for page.tracks.iter().enumerate().map(|(i, track)| {
                            html! {
                                <TrackRow key={track.uri.clone()} number={Some(i + 1)} show_album={false}
                                    disabled={!can_play} playing={playing_uri.as_deref() == Some(track.uri.as_str())}
                                    on_play={play_from(PlayFrom::Track(track.uri.clone()))}
                                    track={track.clone()} />
                            }
                        }) }
                    </ol>
                }
                { for more }
            </section>
        </div>
    }
}
