//! The now-playing bar (docs/ux.md "Now-playing bar"), at the bottom of every signed-in page:
//! cover, title and artists (a tap opens the Player), where it plays from, ♥, previous,
//! play/pause, next, progress, volume and the device. It only renders the player's model and
//! calls the player's controls, so it shows whatever the model says plays, wherever, and its
//! controls steer it there (another device through the Web API: remote mode).

use chorus_core::{
    player::{Activity, Location},
    spotify::Image,
};
use yew::prelude::*;

use super::{
    model::{ControlTarget, DevicePhase},
    progress_bar::ProgressBar,
    text, use_player,
    volume::Volume,
    UsePlayerHandle,
};
use crate::{
    catalog::context_line::ContextLine,
    likes::like_button::LikeButton,
    routes::{use_route, Route},
    ui::icon::{Icon, IconKind},
};

#[component]
pub fn NowPlayingBar() -> Html {
    let (player, route) = (use_player(), use_route());
    let model = player.model();
    let core = &model.core;
    let usable = matches!(model.phase, DevicePhase::Ready | DevicePhase::Reconnecting);
    if core.now_playing.is_none() && !usable {
        return Html::default();
    }
    // The controls steer whatever plays: this tab, or another device of the account (remote
    // mode); with nothing anywhere, play starts here.
    let controls = model.controls();
    let nothing = controls.target == ControlTarget::Nothing;
    let can_toggle = controls.enabled || (nothing && usable);
    let act = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| f(&player))
    };
    let open_player = route.on_link_click(Route::Player);
    let playing = core.activity() == Activity::Playing;
    let r = core.restrictions;
    let device = match &core.location {
        Location::ThisTab => Some(text::BAR_THIS_TAB.to_owned()),
        Location::Elsewhere { device_name } => {
            let name = match &controls.target {
                ControlTarget::Device { name, .. } => name.as_deref(),
                _ => None,
            };
            Some(text::bar_elsewhere(name.or(device_name.as_deref())))
        }
        Location::Nowhere => None,
    };
    let cover = core
        .now_playing
        .as_ref()
        .and_then(|item| Image::best_for(&item.images, 64))
        .map(|image| image.url.clone());
    let seek = {
        let player = player.clone();
        Callback::from(move |ms| player.seek(ms))
    };
    let volume = {
        let player = player.clone();
        Callback::from(move |percent| player.set_volume(percent))
    };
    let mute = {
        let player = player.clone();
        Callback::from(move |()| player.toggle_mute())
    };
    html! {
        <section class="now-playing-bar" id="now-playing-bar" aria-label={text::BAR_LABEL}>
            <div class="bar-item">
                <a href="/" class="bar-open" id="bar-open" onclick={open_player}>
                    if let Some(url) = cover {
                        <img class="bar-cover" src={url} alt="" />
                    } else {
                        <span class="bar-cover placeholder" aria-hidden="true">{ "♪" }</span>
                    }
                    <span class="bar-text">
                        if let Some(item) = &core.now_playing {
                            <span class="bar-title" id="bar-title">{ &item.name }</span>
                            <span class="bar-artists muted">{ &item.artists }</span>
                        } else {
                            <span class="bar-title muted" id="bar-title">{ text::EMPTY_TITLE }</span>
                        }
                    </span>
                </a>
                if let Some(item) = &core.now_playing {
                    <LikeButton id="bar-like" uri={item.uri.clone()} name={item.name.clone()} small=true />
                }
            </div>
            <div class="bar-middle">
                <div class="bar-transport" role="group" aria-label={text::CONTROLS_LABEL}>
                    <button id="bar-previous" class="icon-button small" aria-label="Previous track"
                        disabled={!controls.enabled || r.skipping_prev} onclick={act(|p| p.previous())}>
                        <Icon kind={IconKind::Previous} />
                    </button>
                    <button id="bar-play-pause" class="icon-button play bar-play"
                        aria-label={if playing { "Pause" } else { "Play" }}
                        disabled={!can_toggle || (controls.enabled && if playing { r.pausing } else { r.resuming })}
                        onclick={act(|p| p.toggle_play())}>
                        <Icon kind={if playing { IconKind::Pause } else { IconKind::Play }} />
                    </button>
                    <button id="bar-next" class="icon-button small" aria-label="Next track"
                        disabled={!controls.enabled || r.skipping_next} onclick={act(|p| p.next())}>
                        <Icon kind={IconKind::Next} />
                    </button>
                </div>
                <div class="bar-progress">
                    <ProgressBar id_prefix="bar-" state={core.clone()} disabled={!controls.enabled || r.seeking}
                        on_seek={seek} />
                </div>
            </div>
            <div class="bar-side">
                <ContextLine id="bar-context" />
                if let Some(device) = device {
                    <span class="bar-device muted" id="bar-device">{ device }</span>
                }
                <Volume id_prefix="bar-" percent={core.volume_percent.unwrap_or(0)} muted={model.muted_from.is_some()}
                    disabled={!(controls.volume || (nothing && usable))} on_change={volume} on_toggle_mute={mute} />
            </div>
        </section>
    }
}
