//! One playlist, album or artist in a list: cover, name, detail. A [`MediaRow`] is one button
//! (a playlist: "Open" or "Play"); a [`LinkRow`] is a link to the album's or artist's page.
//! Their names are what they show, the action first (WCAG 2.5.3, label in name). Tracks have a
//! row of their own (`library::track_row`).

use chorus_core::spotify::Image;
use yew::prelude::*;

use crate::{routes::Route, ui::links::RouteLink};

/// The smallest cover of at least 64 px, for a row.
pub fn thumb(images: &[Image]) -> Option<AttrValue> {
    Image::best_for(images, 64).map(|i| AttrValue::from(i.url.clone()))
}

fn cover(image_url: Option<&AttrValue>, round: bool) -> Html {
    match image_url {
        Some(url) => html! {
            <img class={classes!("media-cover", round.then_some("round"))} src={url.clone()} alt="" loading="lazy" />
        },
        None => html! {
            <span class={classes!("media-cover", "placeholder", round.then_some("round"))} aria-hidden="true">{ "♪" }</span>
        },
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct MediaRowProps {
    pub title: AttrValue,
    pub detail: AttrValue,
    pub image_url: Option<AttrValue>,
    pub uri: AttrValue,
    /// What the button does, read before the title ("Play", "Open").
    #[prop_or(AttrValue::from("Play"))]
    pub action: AttrValue,
    #[prop_or(false)]
    pub disabled: bool,
    /// This is what plays now.
    #[prop_or(false)]
    pub playing: bool,
    pub on_play: Callback<()>,
}

#[component]
pub fn MediaRow(props: &MediaRowProps) -> Html {
    let play = props.on_play.reform(|_: MouseEvent| ());
    html! {
        <li class={classes!("media-row", props.playing.then_some("playing"))} data-uri={props.uri.clone()}>
            <button type="button" class="media-play" disabled={props.disabled} onclick={play}>
                <span class="visually-hidden">{ format!("{} ", props.action) }</span>
                { cover(props.image_url.as_ref(), false) }
                <span class="media-text">
                    <span class="media-title">{ props.title.clone() }</span>
                    <span class="media-detail muted">
                        if props.playing { <span class="playing-mark">{ "Playing · " }</span> }
                        { props.detail.clone() }
                    </span>
                </span>
            </button>
        </li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct LinkRowProps {
    pub to: Route,
    pub title: AttrValue,
    pub detail: AttrValue,
    pub image_url: Option<AttrValue>,
    pub uri: AttrValue,
    /// An artist's picture is round.
    #[prop_or(false)]
    pub round: bool,
}

/// An album or artist: a link to its page.
#[component]
pub fn LinkRow(props: &LinkRowProps) -> Html {
    html! {
        <li class="media-row" data-uri={props.uri.clone()}>
            <RouteLink to={props.to.clone()} class="media-play media-link">
                { cover(props.image_url.as_ref(), props.round) }
                <span class="media-text">
                    <span class="media-title">{ props.title.clone() }</span>
                    <span class="media-detail muted">{ props.detail.clone() }</span>
                </span>
            </RouteLink>
        </li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct SkeletonRowsProps {
    #[prop_or(4)]
    pub rows: usize,
    /// Read out while the list loads ("Loading your playlists").
    pub label: AttrValue,
}

/// A list's loading state: grey rows where the items will be.
#[component]
pub fn SkeletonRows(props: &SkeletonRowsProps) -> Html {
    html! {
        <ul class="media-list skeleton" aria-busy="true" aria-label={props.label.clone()}>
            { for (0..props.rows).map(|_| html! {
                <li class="media-row"><span class="media-cover"></span><span class="skeleton-line"></span></li>
            }) }
        </ul>
    }
}
