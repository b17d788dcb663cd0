//! The Favorites screen (docs/ux.md "Favorites"): the tracks this listener played to the end, with
//! counts and last played, sortable, "Add now"; export and import as JSON; the settings.

use chorus_core::favorites::{FavoriteSettings, SettingsError};
use yew::prelude::*;

use crate::{
    favorites::{
        list::{FavoritesList, ListedTrack},
        model::FavoritesPhase,
        settings_form::FavoritesSettingsForm,
        use_favorites::UseFavoritesHandle,
    },
    services::files,
    ui::{
        error_panel::ErrorPanel,
        icon::{Icon, IconKind},
        use_clock::use_clock,
    },
};

#[derive(Debug, Properties, PartialEq)]
pub struct FavoritesPageProps {
    pub favorites: UseFavoritesHandle,
    /// The listener's name, for the export's file name.
    pub listener_name: AttrValue,
}

#[component]
pub fn FavoritesPage(props: &FavoritesPageProps) -> Html {
    let favorites = &props.favorites;
    let model = favorites.model();
    let now = use_clock(true, 30_000);
    let settings = model.tracker.settings().clone();

    let intro = html! {
        <header class="page-header">
            <h2 id="favorites-title">{ "Favorites" }</h2>
            <p class="muted" id="favorites-rule">
                { format!(
                    "A track you play to {}% of its length {} times goes into your playlist “{}”.",
                    (settings.completion_ratio * 100.0).round(),
                    settings.threshold,
                    settings.playlist_name,
                ) }
                if let Some(id) = &model.playlist_id {
                    { " " }<a href={format!("spotify:playlist:{id}")} id="favorites-playlist-link">{ "Open it in Spotify" }</a>
                }
            </p>
        </header>
    };

    let notice = model.notice.as_ref().map(|notice| {
        let favorites = favorites.clone();
        html! {
            <div class={classes!("notice", notice.error.then_some("error"))} id="favorites-notice"
                role={if notice.error { "alert" } else { "status" }}>
                <span>{ &notice.text }</span>
                <button type="button" class="icon-button small" aria-label="Dismiss"
                    onclick={Callback::from(move |_: MouseEvent| favorites.dismiss_notice())}>
                    <Icon kind={IconKind::Close} />
                </button>
            </div>
        }
    });

    let body = match &model.phase {
        FavoritesPhase::Loading => html! {
            <ul class="fav-list skeleton-list" id="favorites-loading" aria-busy="true" aria-label="Loading your favorites">
                { for (0..4).map(|_| html! { <li class="fav-row skeleton"><span class="skeleton-bar"></span></li> }) }
            </ul>
        },
        FavoritesPhase::Failed(message) => {
            let favorites = favorites.clone();
            html! {
                <ErrorPanel title="Your favorites could not be loaded" message={message.clone()}
                    hint="Chorus keeps them in this browser's storage. Check that site data is allowed, then try again."
                    action={Some(AttrValue::from("Try again"))}
                    on_action={Callback::from(move |()| favorites.retry())} />
            }
        }
        FavoritesPhase::Ready => {
            let tracks: Vec<ListedTrack> = model
                .tracker
                .rows(model.sort)
                .into_iter()
                .map(|row| ListedTrack {
                    uri: row.track_uri.to_owned(),
                    record: row.record.clone(),
                })
                .collect();
            if tracks.is_empty() {
                html! {
                    <section class="panel empty" id="favorites-empty">
                        <h3>{ "No completed plays yet" }</h3>
                        <p class="muted">{ "Play a track to the end in this tab and it shows up here with its count. Tracks you come back to become favorites." }</p>
                    </section>
                }
            } else {
                let on_sort = {
                    let favorites = favorites.clone();
                    Callback::from(move |sort| favorites.sort_by(sort))
                };
                let on_force_add = {
                    let favorites = favorites.clone();
                    Callback::from(move |uri: String| favorites.force_add(&uri))
                };
                html! {
                    <FavoritesList {tracks} threshold={settings.threshold} sort={model.sort}
                        now_ms={now} {on_sort} {on_force_add} />
                }
            }
        }
    };

    let export = {
        let favorites = favorites.clone();
        let name = props.listener_name.to_string();
        Callback::from(move |_: MouseEvent| {
            let slug: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            let file = format!("chorus-favorites-{slug}.json");
            if let Err(error) =
                files::download_text(&file, "application/json", &favorites.export_json())
            {
                favorites.notice(&format!("The export could not be saved ({error})."), true);
            }
        })
    };
    let import = {
        let favorites = favorites.clone();
        Callback::from(move |event: Event| {
            let Some(reading) = files::picked_text(&event) else {
                return;
            };
            let favorites = favorites.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match reading.await {
                    Ok(text) => favorites.import(&text),
                    Err(error) => {
                        favorites.notice(&format!("The file could not be read ({error})."), true)
                    }
                }
            });
        })
    };
    let ready = model.phase == FavoritesPhase::Ready;
    let on_save = {
        let favorites = favorites.clone();
        Callback::from(move |settings: FavoriteSettings| -> Option<SettingsError> {
            favorites.save_settings(settings).err()
        })
    };

    html! {
        <div class="favorites-page" aria-labelledby="favorites-title">
            { intro }
            { notice }
            { body }
            <div class="fav-tools" role="group" aria-label="Export and import">
                <button type="button" class="ghost" id="favorites-export" disabled={!ready} onclick={export}>
                    { "Export JSON" }
                </button>
                <label class={classes!("ghost", "button-like", (!ready).then_some("disabled"))} for="favorites-import">
                    { "Import JSON" }
                </label>
                <input type="file" id="favorites-import" class="visually-hidden-file" accept="application/json,.json"
                    aria-describedby="favorites-import-hint" disabled={!ready} onchange={import} />
                <span class="muted fav-tools-hint" id="favorites-import-hint">
                    { "An import replaces your favorites and settings in this browser." }
                </span>
            </div>
            if ready {
                <FavoritesSettingsForm {settings} {on_save} />
            }
        </div>
    }
}
