//! The favorites settings (docs/ux.md "Settings: threshold, completion ratio, playlist name and
//! privacy, tracking on/off") as a form: edits stay a draft until Save; a refused value is
//! said next to the form.

use chorus_core::favorites::{FavoriteSettings, SettingsError};
use yew::prelude::*;

use crate::services::input::{checked_value, text_value};

#[derive(Debug, Properties, PartialEq)]
pub struct FavoritesSettingsFormProps {
    pub settings: FavoriteSettings,
    /// Returns why the settings were refused, if they were.
    pub on_save: Callback<FavoriteSettings, Option<SettingsError>>,
}

#[component]
pub fn FavoritesSettingsForm(props: &FavoritesSettingsFormProps) -> Html {
    let draft = use_state(|| props.settings.clone());
    let error = use_state(|| None::<SettingsError>);
    {
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(props.settings.clone(), move |saved| {
            draft.set(saved.clone());
            error.set(None);
        });
    }
    let edit = |apply: fn(&mut FavoriteSettings, &Event)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            apply(&mut next, &event);
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, error, on_save) = (draft.clone(), error.clone(), props.on_save.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            error.set(on_save.emit((*draft).clone()));
        })
    };
    let percent = (draft.completion_ratio * 100.0).round() as u32;
    html! {
        <form class="panel fav-settings" id="favorites-settings" aria-labelledby="fav-settings-title" novalidate={true} {onsubmit}>
            <h3 id="fav-settings-title">{ "Settings" }</h3>
            <label class="switch-row">
                <input type="checkbox" id="setting-tracking" checked={draft.tracking}
                    onchange={edit(|s, e| s.tracking = checked_value(e).unwrap_or(s.tracking))} />
                <span>{ "Count my completed plays" }</span>
            </label>
            <div class="field-grid">
                <label for="setting-threshold">{ "Plays to become a favorite" }</label>
                <input type="number" id="setting-threshold" min="1" max="1000" inputmode="numeric"
                    value={draft.threshold.to_string()}
                    onchange={edit(|s, e| s.threshold = text_value(e).and_then(|v| v.trim().parse().ok()).unwrap_or(0))} />
                <label for="setting-ratio">{ "A play counts after (% of the track)" }</label>
                <input type="number" id="setting-ratio" min="10" max="100" inputmode="numeric"
                    value={percent.to_string()}
                    onchange={edit(|s, e| s.completion_ratio = text_value(e).and_then(|v| v.trim().parse::<f64>().ok()).map_or(0.0, |p| p / 100.0))} />
                <label for="setting-playlist">{ "Playlist name" }</label>
                <input type="text" id="setting-playlist" maxlength="100" value={draft.playlist_name.clone()}
                    onchange={edit(|s, e| s.playlist_name = text_value(e).unwrap_or_default())} />
            </div>
            <label class="switch-row">
                <input type="checkbox" id="setting-public" checked={draft.playlist_public}
                    onchange={edit(|s, e| s.playlist_public = checked_value(e).unwrap_or(s.playlist_public))} />
                <span>{ "Make the playlist public (when Chorus creates it)" }</span>
            </label>
            if let Some(error) = &*error {
                <p class="field-error" id="settings-error" role="alert">{ error.to_string() }</p>
            }
            <div class="form-actions">
                <button type="submit" class="primary" id="settings-save">{ "Save settings" }</button>
            </div>
        </form>
    }
}
