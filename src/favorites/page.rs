//! The Favorites screen (docs/ux.md "Favorites"): the tracks this listener played to the end, with
//! counts and last played, sortable, "Add now"; export and import as JSON; the settings.

use chorus_core::favorites::{FavoriteSettings, SettingsError};
use yew::prelude::*;

use super::{
    list::{FavoritesList, ListedTrack},
    model::FavoritesPhase,
    settings_form::FavoritesSettingsForm,
    text,
    use_favorites::use_favorites,
};
use crate::{
    services::files,
    session::use_listener,
    ui::{notice::Notice, problem::ProblemPanel, text::TRY_AGAIN, use_clock::use_clock},
};

/// "Last played 12 min ago" is re-counted this often while the page is shown.
const AGO_TICK_MS: u32 = 30_000;

#[component]
pub fn FavoritesPage() -> Html {
    let (favorites, listener) = (use_favorites(), use_listener());
    let model = favorites.model();
    let now = use_clock(true, AGO_TICK_MS);
    let settings = model.tracker.settings().clone();

    let intro = html! {
        <header class="panel page-header">
            <h2 id="favorites-title">{ text::TITLE }</h2>
            <p class="muted" id="favorites-rule">
                { text::rule(&settings) }
                if let Some(id) = &model.playlist_id {
                    { " " }<a href={format!("spotify:playlist:{id}")} id="favorites-playlist-link">{ text::OPEN_PLAYLIST }</a>
                }
            </p>
            <p class="muted" id="favorites-completion">{ text::completion_rule(&settings) }</p>
            <p class="muted" id="favorites-sources">
                { text::SOURCES_RULE }
                if let Some(so_far) = text::sources_so_far(&model.tracker.sources()) {
                    { " " }<span id="favorites-sources-so-far">{ so_far }</span>
                }
            </p>
        </header>
    };

    let body = match &model.phase {
        FavoritesPhase::Loading => html! {
            <ul class="fav-list skeleton-list" id="favorites-loading" aria-busy="true" aria-label={text::LOADING}>
                { for (0..4).map(|_| html! { <li class="fav-row skeleton"><span class="skeleton-bar"></span></li> }) }
            </ul>
        },
        FavoritesPhase::Failed(message) => {
            let favorites = favorites.clone();
            html! {
                <ProblemPanel problem={text::could_not_load(message)} action={Some(AttrValue::from(TRY_AGAIN))}
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
                        <h3>{ text::EMPTY_TITLE }</h3>
                        <p class="muted">{ text::EMPTY_HINT }</p>
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
        let file = text::export_file_name(listener.name());
        Callback::from(move |_: MouseEvent| {
            if let Err(error) =
                files::save_text(&file, "application/json", &favorites.export_json())
            {
                favorites.notice(Notice::error(text::export_failed(&error)));
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
                    Ok(json) => favorites.import(&json),
                    Err(error) => favorites.notice(Notice::error(text::file_unreadable(&error))),
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
            { body }
            <div class="fav-tools" role="group" aria-label="Export and import">
                <button type="button" class="ghost" id="favorites-export" disabled={!ready} onclick={export}>
                    { text::EXPORT }
                </button>
                <label class={classes!("ghost", "button-like", (!ready).then_some("disabled"))} for="favorites-import">
                    { text::IMPORT }
                </label>
                <input type="file" id="favorites-import" class="visually-hidden-file" accept="application/json,.json"
                    aria-describedby="favorites-import-hint" disabled={!ready} onchange={import} />
                <span class="muted fav-tools-hint" id="favorites-import-hint">{ text::IMPORT_HINT }</span>
            </div>
            if ready {
                <FavoritesSettingsForm {settings} {on_save} />
            }
        </div>
    }
}
