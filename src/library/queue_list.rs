//! What plays now and what comes next (`GET me/player/queue`).

use chorus_core::spotify::{Playable, Queue};
use yew::prelude::*;

use super::text;
use crate::{services::web_api::Remote, ui::media_row::SkeletonRows};

#[derive(Debug, Properties, PartialEq)]
pub struct QueueListProps {
    pub queue: Remote<Queue>,
    pub on_refresh: Callback<()>,
}

fn row(item: &Playable, now: bool) -> Html {
    let name = item.name().unwrap_or(text::UNSHOWABLE).to_owned();
    html! {
        <li class={classes!("queue-row", now.then_some("now"))} data-uri={item.uri().map(str::to_owned)}>
            <span class="media-title">{ name }</span>
            <span class="media-detail muted">{ if now { text::now(&item.byline()) } else { item.byline() } }</span>
        </li>
    }
}

#[component]
pub fn QueueList(props: &QueueListProps) -> Html {
    let refresh = {
        let on_refresh = props.on_refresh.clone();
        Callback::from(move |_: MouseEvent| on_refresh.emit(()))
    };
    let body = match &props.queue {
        Remote::Idle | Remote::Loading => {
            html! { <SkeletonRows rows={3} label={text::LOADING_QUEUE} /> }
        }
        Remote::Failed(message) => {
            html! { <p class="error-message" id="queue-error" role="alert">{ message }</p> }
        }
        Remote::Loaded(queue) if queue.currently_playing.is_none() && queue.queue.is_empty() => {
            html! {
                <p class="muted" id="queue-empty">{ text::QUEUE_EMPTY }</p>
            }
        }
        Remote::Loaded(queue) => html! {
            <ol class="queue-list" id="queue-list">
                { for queue.currently_playing.iter().map(|item| row(item, true)) }
                { for queue.queue.iter().map(|item| row(item, false)) }
            </ol>
        },
    };
    html! {
        <>
            <div class="queue-head">
                <h2 id="queue-heading">{ "Queue" }</h2>
                <button class="link-button" id="queue-refresh" onclick={refresh}>{ "Refresh" }</button>
            </div>
            { body }
        </>
    }
}
