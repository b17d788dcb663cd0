//! The player screen (docs/ux.md "Player"): what plays, progress, transport, volume, devices —
//! or, when this tab cannot play, why and what to do.

use chorus_core::player::{Activity, Location};
use yew::prelude::*;

use crate::{
    player::{
        device_picker::DevicePicker,
        model::DevicePhase,
        now_playing::NowPlaying,
        progress_bar::ProgressBar,
        transport::Transport,
        use_player::{use_player_shortcuts, UsePlayerHandle},
        volume::Volume,
    },
    routes::Route,
    ui::{
        error_panel::ErrorPanel,
        icon::{Icon, IconKind},
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct PlayerPageProps {
    pub player: UsePlayerHandle,
    /// Shown under what plays (the favorites count of the playing track).
    #[prop_or_default]
    pub below_now_playing: Html,
    /// Where the read-only mode of a free account points (Library, Insights).
    #[prop_or_default]
    pub on_navigate: Callback<Route>,
}

/// A link to another signed-in page that switches in place (like the nav tabs).
fn page_link(
    route: Route,
    id: &'static str,
    label: &'static str,
    on_navigate: &Callback<Route>,
) -> Html {
    let on_navigate = on_navigate.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
            return;
        }
        event.prevent_default();
        on_navigate.emit(route);
    });
    html! { <a class="button-link" href={route.path()} {id} {onclick}>{ label }</a> }
}

#[component]
pub fn PlayerPage(props: &PlayerPageProps) -> Html {
    let player = &props.player;
    let model = player.model();
    let usable = matches!(model.phase, DevicePhase::Ready | DevicePhase::Reconnecting);
    use_player_shortcuts(player, model.phase == DevicePhase::Ready);

    let act = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |()| f(&player))
    };
    let click = |f: fn(&UsePlayerHandle)| {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| f(&player))
    };

    let notice = model.notice.as_ref().map(|notice| {
        html! {
            <div class="notice player-notice" id="player-notice" role="status" aria-live="polite">
                if notice.pending { <span class="spinner small" aria-hidden="true"></span> }
                <span>{ &notice.text }</span>
                if !notice.pending {
                    <button class="icon-button small" aria-label="Dismiss" onclick={click(|p| p.dismiss_notice())}><Icon kind={IconKind::Close} /></button>
                }
            </div>
        }
    });

    let autoplay = model.autoplay_blocked.then(|| html! {
        <div class="notice player-notice" id="autoplay-blocked" role="status" aria-live="polite">
            <span>{ "Your browser kept the sound from starting by itself. Click to hear this tab." }</span>
            <button class="ghost" id="enable-sound" onclick={click(|p| p.enable_sound())}>{ "Turn sound on" }</button>
        </div>
    });

    match &model.phase {
        DevicePhase::PremiumRequired => {
            return html! {
                <section class="panel player-readonly" id="premium-required" aria-labelledby="premium-title">
                    <h2 id="premium-title">{ "Playing here needs Spotify Premium" }</h2>
                    <p>{ "Spotify only plays music in a browser for Premium accounts, so this tab cannot be a player for this account." }</p>
                    <p class="muted">{ "The rest of Chorus still works for you: search and browse your playlists in the Library, and see your top tracks, top artists and recent plays in Insights. To play in this tab, upgrade to Premium on Spotify, then reload." }</p>
                    <div class="readonly-links">
                        { page_link(Route::Library, "premium-to-library", "Open your Library", &props.on_navigate) }
                        { page_link(Route::Insights, "premium-to-insights", "See your Insights", &props.on_navigate) }
                    </div>
                </section>
            }
        }
        DevicePhase::Failed(problem) => {
            return html! {
                <ErrorPanel title={problem.title.clone()} message={problem.message.clone()} hint={problem.hint.clone()} />
            }
        }
        DevicePhase::Connecting => {
            return html! {
                <>
                    <section class="panel progress" id="player-connecting" role="status" aria-live="polite">
                        <span class="spinner" aria-hidden="true"></span>
                        <p>{ "Connecting this tab's player to Spotify…" }</p>
                    </section>
                    { notice }
                </>
            }
        }
        DevicePhase::Ready | DevicePhase::Reconnecting => {}
    }

    let core = &model.core;
    let reconnecting = (model.phase == DevicePhase::Reconnecting).then(|| {
        html! {
            <div class="notice progress" id="player-reconnecting" role="status" aria-live="polite">
                <span class="spinner small" aria-hidden="true"></span>
                <span>{ "Connection to Spotify lost; reconnecting this tab's player…" }</span>
            </div>
        }
    });

    let main = match (&core.location, core.activity()) {
        (Location::Elsewhere { device_name }, _) => html! {
            <section class="panel player-elsewhere" id="playing-elsewhere" aria-labelledby="elsewhere-title">
                <h2 id="elsewhere-title">{ "Playing on another device or tab" }</h2>
                <p class="muted">
                    { match device_name {
                        Some(name) => format!("Your Spotify account now plays on “{name}”. One account plays in one place at a time."),
                        None => "Your Spotify account now plays somewhere else. One account plays in one place at a time.".to_owned(),
                    } }
                </p>
                if let Some(item) = core.now_playing.clone() {
                    <NowPlaying {item} status="On another device" />
                }
                <button class="primary" id="play-here" disabled={!usable || core.this_device_id.is_none()}
                    onclick={click(|p| p.play_here())}>{ "Play here" }</button>
            </section>
        },
        (_, Activity::Nothing) => html! {
            <section class="panel player-empty" id="player-empty" aria-labelledby="empty-title">
                <h2 id="empty-title">{ "Nothing playing yet" }</h2>
                <p class="muted">{ "This tab is ready to play. Start with your top tracks, or pick this tab as a device in any Spotify app." }</p>
                <button class="primary" id="start-here" disabled={!usable || core.this_device_id.is_none()}
                    onclick={click(|p| p.start_here())}>{ "Start playing here" }</button>
            </section>
        },
        (_, activity) => {
            let status = match activity {
                Activity::Playing => "Playing in this tab",
                _ => "Paused",
            };
            let seek = {
                let player = player.clone();
                Callback::from(move |ms| player.seek(ms))
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
            html! {
                <section class="panel player" id="player" aria-label="Player">
                    if let Some(item) = core.now_playing.clone() {
                        <NowPlaying {item} status={status} />
                    }
                    <ProgressBar state={core.clone()} disabled={!usable || core.restrictions.seeking} on_seek={seek} />
                    <div class="controls">
                        <Transport
                            is_playing={core.is_playing}
                            shuffle={core.shuffle}
                            repeat={core.repeat}
                            restrictions={core.restrictions}
                            disabled={!usable}
                            on_toggle_play={act(|p| p.toggle_play())}
                            on_previous={act(|p| p.previous())}
                            on_next={act(|p| p.next())}
                            on_shuffle={shuffle}
                            on_repeat={repeat}
                        />
                        <Volume
                            percent={core.volume_percent.unwrap_or(0)}
                            muted={model.muted_from.is_some()}
                            disabled={!usable}
                            on_change={volume}
                            on_toggle_mute={act(|p| p.toggle_mute())}
                        />
                    </div>
                    <p class="muted shortcuts-hint">{ "Keys: space play/pause · ←/→ 10 s · m mute" }</p>
                </section>
            }
        }
    };

    let transfer = {
        let player = player.clone();
        Callback::from(move |id: String| player.transfer(&id))
    };
    html! {
        <>
            { reconnecting }
            { autoplay }
            { main }
            { props.below_now_playing.clone() }
            { notice }
            <DevicePicker
                devices={model.devices.clone()}
                this_device_id={core.this_device_id.clone()}
                on_transfer={transfer}
                on_refresh={act(|p| p.refresh_devices())}
            />
        </>
    }
}
