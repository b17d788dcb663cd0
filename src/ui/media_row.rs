//! One track, album, artist or playlist in a list: cover, name, detail, and its actions.
//! The name is the "Play" button (one click plays); "Add to queue" is the second action.

use chorus_core::spotify::Image;
use yew::prelude::*;

/// The smallest cover of at least 64 px, for a row.
pub fn thumb(images: &[Image]) -> Option<AttrValue> {
    Image::best_for(images, 64).map(|i| AttrValue::from(i.url.clone()))
}

#[derive(Debug, Properties, PartialEq)]
pub struct MediaRowProps {
    pub title: AttrValue,
    pub detail: AttrValue,
    pub image_url: Option<AttrValue>,
    pub uri: AttrValue,
    /// What the main button does, read out ("Play", "Open").
    #[prop_or(AttrValue::from("Play"))]
    pub action: AttrValue,
    #[prop_or(false)]
    pub disabled: bool,
    /// This is what plays now.
    #[prop_or(false)]
    pub playing: bool,
    pub on_play: Callback<()>,
    /// Only tracks can be queued.
    #[prop_or_default]
    pub on_queue: Option<Callback<()>>,
}

#[component]
pub fn MediaRow(props: &MediaRowProps) -> Html {
    let play = {
        let on_play = props.on_play.clone();
        Callback::from(move |_: MouseEvent| on_play.emit(()))
    };
    let queue = props.on_queue.clone().map(|on_queue| {
        let disabled = props.disabled;
        html! {
            <button class="ghost media-queue" {disabled}
                aria-label={format!("Add {} to the queue", props.title)}
                onclick={Callback::from(move |_: MouseEvent| on_queue.emit(()))}>
                <span class="queue-long">{ "Add to queue" }</span>
                <span class="queue-short">{ "+ Queue" }</span>
            </button>
        }
    });
    html! {
        <li class={classes!("media-row", props.playing.then_some("playing"))} data-uri={props.uri.clone()}>
            <button class="media-play" disabled={props.disabled} onclick={play}
                aria-label={format!("{} {}", props.action, props.title)}>
                if let Some(url) = &props.image_url {
                    <img class="media-cover" src={url.clone()} alt="" loading="lazy" />
                } else {
                    <span class="media-cover placeholder" aria-hidden="true">{ "♪" }</span>
                }
                <span class="media-text">
                    <span class="media-title">{ props.title.clone() }</span>
                    <span class="media-detail muted">
                        if props.playing { <span class="playing-mark">{ "Playing · " }</span> }
                        { props.detail.clone() }
                    </span>
                </span>
            </button>
            { for queue }
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
