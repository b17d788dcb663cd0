//! The player screen (docs/ux.md "Player"): what plays, progress, transport, volume, devices —
//! wherever the account plays (another device is steered through the Web API), or, after a
//! reload, one "Resume … at 1:23" button — or, when this tab cannot play at all, why: a remote
//! in one sentence, or what to do. Outcomes (could not play, rate limited) are toasts.

use chorus_core::player::{Activity, Location};
use yew::prelude::*;

use super::{
    device_picker::DevicePicker,
    model::{ControlTarget, DevicePhase},
    now_playing::NowPlaying,
    progress_bar::ProgressBar,
    sound_blocked::SoundBlocked,
    text,
    transport::Transport,
    use_player,
    volume::Volume,
    UsePlayerHandle,
};
use crate::{
    favorites::play_count::PlayCountLine,
    routes::{use_route, Route},
    ui::{problem::ProblemPanel, progress_panel::ProgressPanel},
};

#[component]
pub fn PlayerPage() -> Html {
    let player = use_player();
    let model = player.model();

    let act = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |()| f(&player))
    };
    let click = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| f(&player))
    };

    match &model.phase {
        DevicePhase::PremiumRequired => return html! { <PremiumRequired /> },
        DevicePhase::Failed(problem) => return html! { <ProblemPanel problem={problem.clone()} /> },
        DevicePhase::Connecting => {
            return html! { <ProgressPanel id="player-connecting" message={text::CONNECTING} /> }
        }
        DevicePhase::Ready | DevicePhase::Reconnecting | DevicePhase::Remote(_) => {}
    }

    let core = &model.core;
    let reconnecting = (model.phase == DevicePhase::Reconnecting).then(|| {
        html! {
            <div class="notice progress" id="player-reconnecting" role="status" aria-live="polite">
                <span class="spinner small" aria-hidden="true"></span>
                <span>{ text::RECONNECTING }</span>
            </div>
        }
    });
    // A remote says once why it cannot play; everything else works.
    let remote = match &model.phase {
        DevicePhase::Remote(reason) => Some(html! {
            <p class="notice remote-mode" id="remote-mode" role="status">{ text::remote_reason(reason) }</p>
        }),
        _ => None,
    };
    let controls = model.controls();
    let main = match (&core.location, core.activity()) {
        (Location::Elsewhere { device_name }, _) => {
            let name = match &controls.target {
                ControlTarget::Device { name, .. } => name.clone(),
                _ => None,
            }
            .or_else(|| device_name.clone());
            html! {
                <>
                    <section class="panel player-elsewhere" id="playing-elsewhere" aria-labelledby="elsewhere-title">
                        <h2 id="elsewhere-title">{ text::ELSEWHERE_TITLE }</h2>
                        <p class="muted">{ text::elsewhere(name.as_deref()) }</p>
                        if !model.is_remote() {
                            <button class="primary" id="play-here" disabled={!controls.can_play_here}
                                onclick={click(|p| p.play_here())}>{ text::PLAY_HERE }</button>
                        }
                    </section>
                    <ControlsPanel status={text::on_device(name.as_deref(), core.is_playing)} />
                </>
            }
        }
        (_, Activity::Nothing) if model.is_remote() => html! {
            <section class="panel player-empty" id="player-empty" aria-labelledby="empty-title">
                <h2 id="empty-title">{ text::REMOTE_EMPTY_TITLE }</h2>
                <p class="muted">{ text::REMOTE_EMPTY_HINT }</p>
            </section>
        },
        (_, Activity::Nothing) if model.resume_offer.is_some() => {
            let point = model.resume_offer.clone();
            let resume = {
                let player = player.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(point) = point.clone() {
                        player.resume_from(point);
                    }
                })
            };
            let label = model
                .resume_offer
                .as_ref()
                .map(|p| p.label())
                .unwrap_or_default();
            html! {
                <section class="panel player-empty" id="player-resume" aria-labelledby="resume-title">
                    <h2 id="resume-title">{ text::RESUME_TITLE }</h2>
                    <p class="muted">{ text::RESUME_HINT }</p>
                    <button class="primary" id="resume" disabled={!controls.can_play_here} onclick={resume}>{ label }</button>
                </section>
            }
        }
        (_, Activity::Nothing) => html! {
            <section class="panel player-empty" id="player-empty" aria-labelledby="empty-title">
                <h2 id="empty-title">{ text::EMPTY_TITLE }</h2>
                <p class="muted">{ text::EMPTY_HINT }</p>
                <button class="primary" id="start-here" disabled={!controls.can_play_here}
                    onclick={click(|p| p.start_here())}>{ text::START_HERE }</button>
            </section>
        },
        (_, activity) => {
            let status = match activity {
                Activity::Playing => text::PLAYING_HERE,
                _ => text::PAUSED,
            };
            html! { <ControlsPanel status={AttrValue::from(status)} /> }
        }
    };

    let transfer = {
        let player = player.clone();
        Callback::from(move |id: String| player.transfer(&id))
    };
    html! {
        <>
            { reconnecting }
            { remote }
            <SoundBlocked id="autoplay-blocked" button_id="enable-sound" />
            { main }
            <PlayCountLine />
            <DevicePicker
                devices={model.devices.clone()}
                this_device_id={core.this_device_id.clone()}
                remote={model.is_remote()}
                on_transfer={transfer}
                on_refresh={act(|p| p.refresh_devices())}
            />
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ControlsPanelProps {
    /// "Playing in this tab", "Paused on “Kitchen”"…
    status: AttrValue,
}

/// What plays and its controls, wherever it plays: this tab's device, or another device of
/// the account steered through the Web API (remote mode).
#[component]
fn ControlsPanel(props: &ControlsPanelProps) -> Html {
    let player = use_player();
    let model = player.model();
    let core = &model.core;
    let controls = model.controls();
    let act = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |()| f(&player))
    };
    let with = |f: fn(&UsePlayerHandle, u64)| {
        let player = player.clone();
        Callback::from(move |value| f(&player, value))
    };
    let shuffle = {
        let player = player.clone();
        Callback::from(move |on| player.set_shuffle(on))
    };
    let repeat = {
        let player = player.clone();
        Callback::from(move |mode| player.set_repeat(mode))
    };
    let volume = {
        let player = player.clone();
        Callback::from(move |percent| player.set_volume(percent))
    };
    let remote = matches!(controls.target, ControlTarget::Device { .. });
    html! {
        <section class="panel player" id="player" aria-label="Player">
            if let Some(item) = core.now_playing.clone() {
                <NowPlaying {item} status={props.status.clone()} />
            }
            <ProgressBar state={core.clone()} disabled={!controls.enabled || core.restrictions.seeking}
                on_seek={with(|p, ms| p.seek(ms))} />
            <div class="controls">
                <Transport
                    is_playing={core.is_playing}
                    shuffle={core.shuffle}
                    repeat={core.repeat}
                    restrictions={core.restrictions}
                    disabled={!controls.enabled}
                    on_toggle_play={act(|p| p.toggle_play())}
                    on_previous={act(|p| p.previous())}
                    on_next={act(|p| p.next())}
                    on_shuffle={shuffle}
                    on_repeat={repeat}
                />
                <Volume
                    percent={core.volume_percent.unwrap_or(0)}
                    muted={model.muted_from.is_some()}
                    disabled={!controls.volume}
                    on_change={volume}
                    on_toggle_mute={act(|p| p.toggle_mute())}
                />
            </div>
            if remote && controls.enabled && !controls.volume {
                <p class="muted" id="device-volume-note">{ text::NO_DEVICE_VOLUME }</p>
            }
            <p class="muted shortcuts-hint">{ text::SHORTCUTS }</p>
        </section>
    }
}

/// A free account: why this tab cannot play, and where the rest of Chorus is.
#[component]
fn PremiumRequired() -> Html {
    let route = use_route();
    let link = |to: Route, id: &'static str, label: &'static str| {
        html! { <a class="button-link" href={to.path()} {id} onclick={route.on_link_click(to.clone())}>{ label }</a> }
    };
    html! {
        <section class="panel player-readonly" id="premium-required" aria-labelledby="premium-title">
            <h2 id="premium-title">{ text::PREMIUM_TITLE }</h2>
            <p>{ text::PREMIUM_WHY }</p>
            <p class="muted">{ text::PREMIUM_REST }</p>
            <div class="readonly-links">
                { link(Route::Library, "premium-to-library", text::PREMIUM_TO_LIBRARY) }
                { link(Route::Insights, "premium-to-insights", text::PREMIUM_TO_INSIGHTS) }
            </div>
        </section>
    }
}
